"""The aiohttp transport (`OutboundsClient(transport="aiohttp")`): requests go to an `aiohttp.ClientSession`.

httpx's request/response layer costs several times more CPU per request than aiohttp's (README "Performance").
Each response comes back as an `AiohttpReply` (status, reason, headers, the whole body): the shape the pipeline's
error mapping and parsing read (`base.Response`), without the ~30 µs an `httpx.Response` costs to build. Every
aiohttp failure becomes the same typed error the httpx transport raises.

aiohttp is imported when the first sender is made. The session is created on the first request, inside the
running event loop, and closed by `aclose()`.
"""

from __future__ import annotations

import functools
import urllib.request
from typing import TYPE_CHECKING

import httpx

from .._errors import APIConnectionError, APITimeoutError, ClientClosedError
from .base import PreparedRequest

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
        self._broken_error = _connection_broken_error()
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
        # between unrelated calls. The middleware keeps max_retries=N meaning N+1 sends, as with httpx.
        return aiohttp.ClientSession(
            connector=connector,
            trust_env=self._trust_env,
            cookie_jar=aiohttp.DummyCookieJar(),
            middlewares=(_no_silent_resend,),
        )

    async def send(self, request: PreparedRequest, timeout: httpx.Timeout, total: float | None) -> AiohttpReply:
        """Send once; see `base.Sender.send`. aiohttp enforces `total` itself, and the connect and read parts of
        `timeout` as `sock_connect` and `sock_read`."""
        method = request.method
        if total is not None and total <= 0:  # aiohttp would read total=0 as "no limit"
            raise APITimeoutError("request timed out", method=method, url=request.shown_url(), request_sent=False)
        session = self._session
        if session is None:
            if self._closed:
                raise ClientClosedError("this OutboundsClient is closed")
            session = self._session = self._new_session()
        # The client's own API URLs are normalised (percent-encoded) already; any other URL is normalised as httpx
        # would send it. Either is then sent verbatim.
        target = request.url if request.authenticated else str(httpx.URL(request.url))
        # a read bound no shorter than the whole attempt's adds nothing but a timer per chunk
        read = timeout.read if total is None or timeout.read is None or timeout.read < total else None
        try:
            async with session.request(
                method,
                self._url(target),
                headers=request.headers,
                data=request.content,
                allow_redirects=False,
                timeout=_client_timeout(total, timeout.connect, read),
            ) as response:
                body = await response.read()
        except TimeoutError as exc:  # includes aiohttp.ServerTimeoutError and its subclasses
            raise APITimeoutError(
                "request timed out",
                method=method,
                url=request.shown_url(),
                request_sent=not isinstance(exc, self._connection_timeout_error),
            ) from exc
        except self._client_error as exc:
            if self._closed:
                raise ClientClosedError("this OutboundsClient was closed during the request") from exc
            sent = not isinstance(exc, self._connector_error)  # incl. certificate/SSL errors while connecting
            reason = type(exc.__cause__ if isinstance(exc, self._broken_error) else exc).__name__
            raise APIConnectionError(
                f"connection failed ({reason})", method=method, url=request.shown_url(), request_sent=sent
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


async def _no_silent_resend(
    request: aiohttp.ClientRequest, handler: aiohttp.ClientHandlerType
) -> aiohttp.ClientResponse:
    """An aiohttp client middleware: a GET or PUT whose reused connection broke is not sent again behind our back.

    aiohttp resends such a request once, silently, when the error is `ClientOSError` or `ServerDisconnectedError`.
    The client's retry policy does that itself (with backoff, logging and create's recovery check), so here the
    error leaves as a `ConnectionBrokenError` (a `ClientConnectionError` aiohttp does not resend on).
    """
    import aiohttp

    try:
        return await handler(request)
    except aiohttp.ClientConnectorError:
        raise  # never connected: aiohttp does not resend these either
    except (aiohttp.ClientOSError, aiohttp.ServerDisconnectedError) as exc:
        raise _connection_broken_error()(str(exc) or type(exc).__name__) from exc


@functools.cache
def _connection_broken_error() -> type[Exception]:
    import aiohttp

    class ConnectionBrokenError(aiohttp.ClientConnectionError):
        """The connection broke after the request was (at least partly) sent."""

    return ConnectionBrokenError


class _NeverRaisedError(Exception):
    """Stands in for an aiohttp exception class this aiohttp version does not have."""


@functools.lru_cache(maxsize=64)
def _client_timeout(total: float | None, connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
    import aiohttp

    # total=None is no limit (aiohttp's session default would be 5 minutes)
    return aiohttp.ClientTimeout(total=total, sock_connect=connect, sock_read=read)
