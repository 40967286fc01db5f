"""`OutboundsClient(transport="aiohttp")`: requests go straight to an `aiohttp.ClientSession`, without httpx.

httpx's request/response layer costs ~250-300 µs of CPU per request even over httpx-aiohttp's transport (README
"Performance"); calling aiohttp directly removes it. The rest of the client keeps speaking httpx: every aiohttp
response becomes an `httpx.Response` (status, headers, the whole body), so error mapping, parsing and logging are
shared with the default transport, and every aiohttp failure becomes the same typed error the httpx path raises.

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

__all__ = ["AiohttpSender"]

AIOHTTP_EXTRA_MISSING = (
    "the aiohttp transport needs the `aiohttp` extra: pip install 'flexport-outbounds-client[aiohttp]'"
)
KEEPALIVE_SECONDS = 5.0


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
        connect_timeout: float | None,
        read_timeout: float | None,
        shown_url: str,
        url_is_encoded: bool = False,
    ) -> httpx.Response:
        """Send once; the whole response as an `httpx.Response` (any status). Redirects are not followed.

        The caller bounds the whole attempt (asyncio.timeout) and maps its TimeoutError; here, connecting is
        bounded by `connect_timeout` and each read by `read_timeout` (None: no bound). `url_is_encoded` says the URL
        is already in the form httpx would send (the client's own API URLs), which skips parsing it again.

        Raises:
            APITimeoutError: connecting took too long (request_sent=False) or reading did (request_sent=True).
            APIConnectionError: no connection could be made (request_sent=False), or it broke after that.
            ClientClosedError: `aclose()` was called.
        """
        import aiohttp  # already loaded by __init__: a dictionary lookup

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
                timeout=_client_timeout(connect_timeout, read_timeout),
            ) as response:
                body = await response.read()
                status, raw_headers = response.status, response.raw_headers
                decoded = "Content-Encoding" in response.headers  # aiohttp decompressed the body already
        except TimeoutError as exc:  # includes aiohttp.ServerTimeoutError and its subclasses
            raise APITimeoutError(
                "request timed out",
                method=method,
                url=shown_url,
                request_sent=not isinstance(exc, self._connection_timeout_error),
            ) from exc
        except aiohttp.ClientError as exc:
            if self._closed:
                raise ClientClosedError("this OutboundsClient was closed during the request") from exc
            sent = not isinstance(exc, aiohttp.ClientConnectorError)  # incl. certificate/SSL errors while connecting
            raise APIConnectionError(
                f"connection failed ({type(exc).__name__})", method=method, url=shown_url, request_sent=sent
            ) from exc
        except RuntimeError as exc:  # "Session is closed"
            if self._closed:
                raise ClientClosedError("this OutboundsClient is closed") from exc
            raise
        if decoded:
            raw_headers = tuple((name, value) for name, value in raw_headers if name.lower() != b"content-encoding")
        # no `request=`: building an httpx.Request would parse the URL once more, and nothing here reads it
        return httpx.Response(status, headers=raw_headers, content=body)


class _NeverRaisedError(Exception):
    """Stands in for an aiohttp exception class this aiohttp version does not have."""


@functools.lru_cache(maxsize=64)
def _client_timeout(connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
    import aiohttp

    # total=None: the attempt's limit is the caller's asyncio.timeout (aiohttp's session default is 5 minutes)
    return aiohttp.ClientTimeout(total=None, sock_connect=connect, sock_read=read)
