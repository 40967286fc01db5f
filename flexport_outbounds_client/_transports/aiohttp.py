"""The aiohttp transport (`OutboundsClient(transport="aiohttp")`): requests go to an `aiohttp.ClientSession`.

httpx's request/response layer costs several times more CPU per request than aiohttp's (README "Performance").
Each response comes back as a `base.Reply` (status, reason, headers, the decoded body), without the ~30 µs an
`httpx.Response` costs to build. Every aiohttp failure becomes the same typed error the httpx transport raises.

aiohttp is imported when the first sender is made. A session is created on the first request in each event loop
(see `loops`) and closed by `aclose()` or by that loop's shutdown.
"""

from __future__ import annotations

import functools
import urllib.request
import zlib
from typing import TYPE_CHECKING

import httpx

from .._errors import ClientClosedError
from .._redact import Secrets
from .base import PreparedRequest, Reply, connection_error
from .bodies import ERROR_BODY_LIMIT, BodyReader, UnsupportedEncodingError
from .loops import LoopBound

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    import aiohttp
    import yarl
    from multidict import CIMultiDictProxy

__all__ = ["AiohttpSender"]

AIOHTTP_MISSING = "the aiohttp transport needs aiohttp (a dependency of this package): pip install 'aiohttp>=3.12'"
KEEPALIVE_SECONDS = 5.0
_CHUNK = 64 * 1024


class AiohttpSender:
    """One aiohttp connection pool per event loop (see `loops`) for one OutboundsClient.

    aiohttp itself is imported with the first session (the first request): making a client stays cheap.
    """

    def __init__(self, *, max_connections: int, secrets: Secrets, max_response_bytes: int) -> None:
        self._max_connections = max_connections
        self._secrets = secrets
        self._max_bytes = max_response_bytes
        # aiohttp's trust_env looks the proxy and ~/.netrc up in a worker thread on every request (two thread hops,
        # ~25% of a loopback request's time). Without proxy variables there is nothing to find: leave it off then.
        # Like httpx, the environment is read when the client is built.
        self._trust_env = any(scheme in urllib.request.getproxies() for scheme in ("http", "https", "all"))
        # aiohttp's classes, kept so that send() need not run an import statement on every request; set with the
        # first session (a send cannot reach its `except` clauses before it has one)
        self._url: Callable[[str], yarl.URL] = _not_yet
        self._client_error: type[Exception] = _NeverRaisedError
        self._connector_error: type[Exception] = _NeverRaisedError
        self._broken_error: type[Exception] = _NeverRaisedError
        self._connection_timeout_error: type[BaseException] = _NeverRaisedError
        self._sessions = LoopBound(self._new_session, _close_session)
        self._closed = False

    @property
    def is_closed(self) -> bool:
        return self._closed

    async def aclose(self) -> None:
        """Close the pool. Safe to call twice, and before any request was made."""
        self._closed = True
        await self._sessions.aclose()

    def _new_session(self) -> aiohttp.ClientSession:
        """A session for the running loop.

        Raises:
            ImportError: aiohttp is not installed (the message says how to install it).
        """
        try:
            import aiohttp
            import yarl
        except ImportError as exc:
            raise ImportError(AIOHTTP_MISSING, name=exc.name) from exc
        self._url = functools.partial(yarl.URL, encoded=True)
        self._client_error = aiohttp.ClientError
        self._connector_error = aiohttp.ClientConnectorError
        self._broken_error = _connection_broken_error()
        # aiohttp >= 3.10; older versions do not tell a connect timeout from a read timeout
        self._connection_timeout_error = getattr(aiohttp, "ConnectionTimeoutError", _NeverRaisedError)

        connector = aiohttp.TCPConnector(
            limit=self._max_connections,
            keepalive_timeout=KEEPALIVE_SECONDS,
            # the CA bundle httpx would use: certifi's, or SSL_CERT_FILE / SSL_CERT_DIR when set
            ssl=httpx.create_ssl_context(trust_env=True),
        )
        # No cookies: the default httpx client's jar never mattered to this API, and a jar would carry state
        # between unrelated calls. The middleware keeps max_retries=N meaning N+1 sends, as with httpx. Bodies are
        # decoded by `bodies.BodyReader`, within the size limit.
        return aiohttp.ClientSession(
            connector=connector,
            trust_env=self._trust_env,
            cookie_jar=aiohttp.DummyCookieJar(),
            middlewares=(_no_silent_resend,),
            auto_decompress=False,
        )

    async def send(self, request: PreparedRequest, timeout: httpx.Timeout, total: float | None) -> Reply:
        """Send once; see `base.Sender.send`. aiohttp enforces `total` itself, and the connect and read parts of
        `timeout` as `sock_connect` and `sock_read`."""
        if total is not None and total <= 0:  # aiohttp would read total=0 as "no limit"
            raise connection_error(request, TimeoutError(), sent=False, secrets=self._secrets, timeout=True)
        if self._closed:
            raise ClientClosedError("this OutboundsClient is closed")
        session = await self._sessions.get()
        # a read bound no shorter than the whole attempt's adds nothing but a timer per chunk
        read = timeout.read if total is None or timeout.read is None or timeout.read < total else None
        failure: Exception
        try:
            # The client's own API URLs are normalised (percent-encoded) already; any other URL is normalised as
            # httpx would send it. Either is then sent verbatim.
            url = self._url(request.url if request.authenticated else str(httpx.URL(request.url)))
            async with session.request(
                request.method,
                url,
                headers=request.headers,
                data=request.content,
                allow_redirects=False,
                timeout=_client_timeout(total, timeout.connect, read),
            ) as response:
                return await self._read(response)
        except TimeoutError as exc:  # includes aiohttp.ServerTimeoutError and its subclasses
            sent = not isinstance(exc, self._connection_timeout_error)
            failure = connection_error(request, exc, sent=sent, secrets=self._secrets, timeout=True)
        except self._client_error as exc:
            if self.is_closed:
                failure = ClientClosedError("this OutboundsClient was closed during the request")
            else:
                sent = not isinstance(exc, self._connector_error)  # incl. certificate/SSL errors while connecting
                cause = exc.__cause__ if isinstance(exc, self._broken_error) and exc.__cause__ is not None else exc
                failure = connection_error(request, cause, sent=sent, secrets=self._secrets)
        except (httpx.InvalidURL, ValueError) as exc:  # a URL yarl or httpx refuses (checked before; still typed)
            failure = connection_error(request, exc, sent=False, secrets=self._secrets)
        except RuntimeError as exc:  # "Session is closed"
            failure = (
                ClientClosedError("this OutboundsClient is closed")
                if self.is_closed
                else connection_error(request, exc, sent=True, secrets=self._secrets)
            )
        raise failure  # outside the handlers: aiohttp's exception (with the request's headers) is not kept

    async def _read(self, response: aiohttp.ClientResponse) -> Reply:
        status = response.status
        success = 200 <= status < 300
        limit = self._max_bytes if success else ERROR_BODY_LIMIT  # of an error, the start is all that is used
        received: Mapping[str, str] = response.headers
        encoding = received.get("Content-Encoding")
        incomplete: str | None = None
        content = b""
        try:
            length = response.content_length
            if encoding is None and length is not None and length <= limit:
                content = await response.read()  # exactly Content-Length bytes, within the limit
            else:
                reader = BodyReader(encoding, limit, received.get("Content-Length") if success else None)
                if not reader.done():
                    async for chunk in response.content.iter_chunked(_CHUNK):
                        reader.feed(chunk)
                        if reader.done():
                            break
                content, incomplete = reader.content(), reader.incomplete()
                if incomplete:
                    response.close()  # stop reading: the rest of the body is not wanted
        except UnsupportedEncodingError as exc:
            incomplete = str(exc)
            response.close()
        except zlib.error:
            incomplete = f"the body is not valid {encoding} data"
            response.close()
        if encoding is not None:  # decoded here: the header no longer describes `content`
            received = _without_content_encoding(response.headers)
        return Reply(status, response.reason or "", received, content, incomplete)


def _without_content_encoding(headers: CIMultiDictProxy[str]) -> Mapping[str, str]:
    without = headers.copy()
    without.popall("Content-Encoding")
    return without


async def _close_session(session: aiohttp.ClientSession) -> None:
    await session.close()


async def _no_silent_resend(
    request: aiohttp.ClientRequest, handler: aiohttp.ClientHandlerType
) -> aiohttp.ClientResponse:
    """An aiohttp client middleware: a GET or PUT whose reused connection broke is not sent again behind our back.

    aiohttp resends such a request once, silently, when the error is `ClientOSError` or `ServerDisconnectedError`.
    The client's retry policy does that itself (with backoff, logging and create's recovery check), so here the
    error leaves as a `ConnectionBrokenError` (a `ClientConnectionError` aiohttp does not resend on).
    """
    try:
        return await handler(request)
    except Exception as exc:
        import aiohttp  # loaded: the session that called this middleware is aiohttp's

        if isinstance(exc, aiohttp.ClientConnectorError):
            raise  # never connected: aiohttp does not resend these either
        if isinstance(exc, aiohttp.ClientOSError | aiohttp.ServerDisconnectedError):
            raise _connection_broken_error()(str(exc) or type(exc).__name__) from exc
        raise


@functools.cache
def _connection_broken_error() -> type[Exception]:
    import aiohttp

    class ConnectionBrokenError(aiohttp.ClientConnectionError):
        """The connection broke after the request was (at least partly) sent."""

    return ConnectionBrokenError


class _NeverRaisedError(Exception):
    """Stands in for an aiohttp exception class this aiohttp version does not have (or not loaded yet)."""


def _not_yet(url: str) -> yarl.URL:
    raise AssertionError("the URL of a request is built after the session")  # pragma: no cover - by construction


@functools.lru_cache(maxsize=64)
def _client_timeout(total: float | None, connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
    import aiohttp

    # total=None is no limit (aiohttp's session default would be 5 minutes)
    return aiohttp.ClientTimeout(total=total, sock_connect=connect, sock_read=read)
