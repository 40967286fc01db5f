"""`OutboundsClient(transport="aiohttp")`: requests go straight to an `aiohttp.ClientSession`, without httpx.

httpx's request/response layer costs ~250-300 µs of CPU per request even over httpx-aiohttp's transport (README
"Performance"); calling aiohttp directly removes it. Each response comes back as an `AiohttpReply` (status, reason,
headers, the whole body): the shape the client's error mapping and parsing read (`_errors.ResponseLike`), without
the ~30 µs an `httpx.Response` costs to build. Every aiohttp failure becomes the same typed error the httpx path
raises.

aiohttp is imported when the first sender is made. The session is created on the first request, inside the
running event loop, and closed by `aclose()`.
"""

from __future__ import annotations

import functools
import urllib.request
from typing import TYPE_CHECKING

import httpx

from ._errors import APIConnectionError, APITimeoutError, ClientClosedError

if TYPE_CHECKING:
    from collections.abc import Mapping

    import aiohttp
    from multidict import CIMultiDictProxy

__all__ = ["AiohttpReply", "AiohttpSender"]

AIOHTTP_EXTRA_MISSING = (
    "the aiohttp transport needs the `aiohttp` extra: pip install 'flexport-outbounds-client[aiohttp]'"
)
KEEPALIVE_SECONDS = 5.0


class AiohttpReply:
    """One response, read in full. Its headers are aiohttp's case-insensitive multidict."""

    __slots__ = ("content", "headers", "reason_phrase", "status_code")

    def __init__(self, status_code: int, reason_phrase: str, headers: Mapping[str, str], content: bytes) -> None:
        self.status_code = status_code
        self.reason_phrase = reason_phrase
        self.headers = headers
        self.content = content

    def __repr__(self) -> str:
        return f"<AiohttpReply [{self.status_code}], {len(self.content)} bytes>"


class AiohttpSender:
    """One aiohttp connection pool for one OutboundsClient; use it from one event loop.

    Raises:
        ImportError: aiohttp is not installed (the message names the extra to install).
    """

    def __init__(self, *, max_connections: int) -> None:
        try:
            import aiohttp
            import yarl
        except ImportError as exc:
            raise ImportError(AIOHTTP_EXTRA_MISSING, name=exc.name) from exc
        self._url = functools.partial(yarl.URL, encoded=True)
        self._max_connections = max_connections
        # aiohttp's trust_env looks the proxy and ~/.netrc up in a worker thread on every request (two thread hops,
        # ~25% of a loopback request's time). Without proxy variables there is nothing to find: leave it off then.
        # Like httpx, the environment is read when the client is built.
        self._trust_env = any(scheme in urllib.request.getproxies() for scheme in ("http", "https", "all"))
        # aiohttp's classes, kept so that send() need not run an import statement on every request
        self._client_error: type[Exception] = aiohttp.ClientError
        self._connector_error: type[Exception] = aiohttp.ClientConnectorError
        self._connection_timeout_error: type[BaseException] = getattr(
            aiohttp, "ConnectionTimeoutError", _NeverRaisedError
        )  # aiohttp >= 3.10; older versions do not tell a connect timeout from a read timeout
        self._session: aiohttp.ClientSession | None = None
        self._closed = False

    @property
    def is_closed(self) -> bool:
        return self._closed

    async def aclose(self) -> None:
        """Close the pool. Safe to call twice, and before any request was made."""
        self._closed = True
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    def _new_session(self) -> aiohttp.ClientSession:
        import aiohttp

        connector = aiohttp.TCPConnector(
            limit=self._max_connections,
            keepalive_timeout=KEEPALIVE_SECONDS,
            # the CA bundle httpx would use: certifi's, or SSL_CERT_FILE / SSL_CERT_DIR when set
            ssl=httpx.create_ssl_context(trust_env=True),
        )
        # No cookies: the default httpx client's jar never mattered to this API, and a jar would carry state
        # between unrelated calls.
        session = aiohttp.ClientSession(
            connector=connector, trust_env=self._trust_env, cookie_jar=aiohttp.DummyCookieJar()
        )
        # aiohttp resends a GET/PUT/DELETE once, silently, when a reused connection breaks. The client's own retry
        # policy does that (with backoff, logging and the create-recovery check), so max_retries=N means N+1 sends
        # here as with httpx. No public switch exists; aiohttp's own test_utils sets the same attribute.
        if hasattr(session, "_retry_connection"):
            session._retry_connection = False
        return session

    async def send(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        content: bytes | None,
        *,
        total_timeout: float | None,
        connect_timeout: float | None,
        read_timeout: float | None,
        shown_url: str,
        url_is_encoded: bool = False,
    ) -> AiohttpReply:
        """Send once; the whole response (any status). Redirects are not followed.

        `total_timeout` bounds the whole attempt (waiting for a pooled connection, sending, reading the body),
        `connect_timeout` connecting and `read_timeout` each read; None is no bound. `url_is_encoded` says the URL
        is already in the form httpx would send (the client's own API URLs), which skips parsing it again.

        Raises:
            APITimeoutError: no connection in time (request_sent=False), or no complete response (request_sent=True);
                also at once, without sending, when `total_timeout` is not positive (the call's deadline passed).
            APIConnectionError: no connection could be made (request_sent=False), or it broke after that.
            ClientClosedError: `aclose()` was called.
        """
        if total_timeout is not None and total_timeout <= 0:  # aiohttp would read total=0 as "no limit"
            raise APITimeoutError("request timed out", method=method, url=shown_url, request_sent=False)
        session = self._session
        if session is None:
            if self._closed:
                raise ClientClosedError("this OutboundsClient is closed")
            session = self._session = self._new_session()
        # normalised (percent-encoded) as httpx would send it, then sent verbatim
        target = url if url_is_encoded else str(httpx.URL(url))
        try:
            async with session.request(
                method,
                self._url(target),
                headers=headers,
                data=content,
                allow_redirects=False,
                timeout=_client_timeout(total_timeout, connect_timeout, read_timeout),
            ) as response:
                body = await response.read()
        except TimeoutError as exc:  # includes aiohttp.ServerTimeoutError and its subclasses
            raise APITimeoutError(
                "request timed out",
                method=method,
                url=shown_url,
                request_sent=not isinstance(exc, self._connection_timeout_error),
            ) from exc
        except self._client_error as exc:
            if self._closed:
                raise ClientClosedError("this OutboundsClient was closed during the request") from exc
            sent = not isinstance(exc, self._connector_error)  # incl. certificate/SSL errors while connecting
            raise APIConnectionError(
                f"connection failed ({type(exc).__name__})", method=method, url=shown_url, request_sent=sent
            ) from exc
        except RuntimeError as exc:  # "Session is closed"
            if self._closed:
                raise ClientClosedError("this OutboundsClient is closed") from exc
            raise
        received: Mapping[str, str] = response.headers
        if "Content-Encoding" in received:  # aiohttp has decompressed the body: the header would now be wrong
            received = _without_content_encoding(response.headers)
        return AiohttpReply(response.status, response.reason or "", received, body)


def _without_content_encoding(headers: CIMultiDictProxy[str]) -> Mapping[str, str]:
    without = headers.copy()
    without.popall("Content-Encoding")
    return without


class _NeverRaisedError(Exception):
    """Stands in for an aiohttp exception class this aiohttp version does not have."""


@functools.lru_cache(maxsize=64)
def _client_timeout(total: float | None, connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
    import aiohttp

    # total=None is no limit (aiohttp's session default would be 5 minutes)
    return aiohttp.ClientTimeout(total=total, sock_connect=connect, sock_read=read)
