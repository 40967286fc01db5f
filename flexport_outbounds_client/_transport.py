"""The opt-in fast transport: an `httpx.AsyncClient` that sends through aiohttp (extra `aiohttp`).

    from flexport_outbounds_client import OutboundsClient
    from flexport_outbounds_client._transport import aiohttp_http_client

    async with OutboundsClient(http_client=aiohttp_http_client()) as client: ...

httpx's own async transport (httpcore on anyio) spends several times more CPU per request than aiohttp, and the
gap grows with concurrency (README "Performance"). `httpx_aiohttp.AiohttpTransport` keeps httpx's API (requests,
responses, exceptions) on top of aiohttp's connection pool and C HTTP parser, so OutboundsClient needs no change.
aiohttp and httpx-aiohttp are imported only when this function is called.
"""

from __future__ import annotations

import asyncio
import functools
import ssl
import urllib.request
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    import aiohttp

__all__ = ["AIOHTTP_EXTRA_MISSING", "DEFAULT_LIMITS", "DEFAULT_TIMEOUT", "aiohttp_http_client"]

# Every task of a fan-out may hold a connection, and connections are kept for reuse (httpx keeps only 20 by default).
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100, keepalive_expiry=5.0)
# OutboundsClient sets its own timeout on every request; this one applies to direct use of the returned client.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0, pool=None)
AIOHTTP_EXTRA_MISSING = (
    "the aiohttp transport needs the `aiohttp` extra: pip install 'flexport-outbounds-client[aiohttp]'"
)


def aiohttp_http_client(
    *,
    limits: httpx.Limits = DEFAULT_LIMITS,
    timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
    verify: ssl.SSLContext | bool = True,
    trust_env: bool = True,
) -> httpx.AsyncClient:
    """An `httpx.AsyncClient` whose requests go through aiohttp; pass it as `OutboundsClient(http_client=...)`.

    Args:
        limits: `max_connections` bounds aiohttp's pool (None: unbounded); `keepalive_expiry` is how long an idle
            connection is kept. aiohttp keeps every idle connection, so `max_keepalive_connections` is not used.
        timeout: default timeout of requests made on the returned client directly.
        verify: TLS verification, as in httpx (True: the system/certifi CA bundle; or your own SSLContext).
        trust_env: honour HTTP(S)_PROXY / NO_PROXY (and then ~/.netrc) and SSL_CERT_FILE, like httpx's default
            client.

    The aiohttp session is created on the first request, inside the running event loop; use the client from one
    event loop and close it (`await client.aclose()`, or `async with`) when done. OutboundsClient does not close
    an `http_client` it was given.

    Raises:
        ImportError: the `aiohttp` extra (aiohttp, httpx-aiohttp) is not installed; the message says how to add it.
    """
    try:
        import aiohttp
        import httpx_aiohttp  # noqa: F401 - fail here, with the message below, if the extra is missing
    except ImportError as exc:
        raise ImportError(AIOHTTP_EXTRA_MISSING, name=exc.name) from exc

    ssl_context = httpx.create_ssl_context(verify=verify, trust_env=trust_env)
    # aiohttp's trust_env looks the proxy and ~/.netrc up in a worker thread on every request (two thread hops,
    # ~25% of a loopback request's time). Without proxy variables there is nothing to find: leave it off then.
    # Like httpx, the environment is read when the client is built.
    env_proxies = trust_env and any(scheme in urllib.request.getproxies() for scheme in ("http", "https", "all"))

    def session() -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(
            limit=limits.max_connections or 0,  # 0: aiohttp's "no limit"
            keepalive_timeout=limits.keepalive_expiry,
            ssl=ssl_context,
        )
        # Cookies are httpx's business (it sets the Cookie header); a second jar in aiohttp would resend them.
        return aiohttp.ClientSession(connector=connector, trust_env=env_proxies, cookie_jar=aiohttp.DummyCookieJar())

    transport = _transport_class()(verify=ssl_context, limits=limits, client=session)
    return httpx.AsyncClient(
        transport=transport, limits=limits, timeout=timeout, follow_redirects=False, trust_env=trust_env
    )


@functools.cache
def _transport_class() -> type[Any]:
    """`AiohttpTransport`, with the network errors classified the way httpx's own transport classifies them.

    httpx-aiohttp 0.2 maps every `aiohttp.ClientConnectionError` that is not a timeout to `httpx.ConnectTimeout`:
    a refused connection, but also a server that hangs up after receiving the request. OutboundsClient (like any
    retrying client) must know whether a request may have reached the server, so those become ConnectError
    (not sent), RemoteProtocolError (disconnected) and ReadError (reset) here, as httpx itself reports them.
    """
    import aiohttp
    from httpx_aiohttp import AiohttpTransport

    def reclassify(error: httpx.ConnectTimeout) -> httpx.TransportError:
        cause = error.__cause__
        if not isinstance(cause, aiohttp.ClientConnectionError) or isinstance(cause, asyncio.TimeoutError):
            return error  # a real connect timeout, or nothing we know better
        message = str(cause) or type(cause).__name__
        if isinstance(cause, aiohttp.ClientConnectorError):
            return httpx.ConnectError(message)
        if isinstance(cause, aiohttp.ServerDisconnectedError):
            return httpx.RemoteProtocolError(message)
        return httpx.ReadError(message)

    class Stream(httpx.AsyncByteStream):
        def __init__(self, stream: httpx.AsyncByteStream) -> None:
            self._stream = stream

        async def __aiter__(self) -> AsyncIterator[bytes]:
            try:
                async for chunk in self._stream:
                    yield chunk
            except httpx.ConnectTimeout as error:
                raise reclassify(error) from error.__cause__

        async def aclose(self) -> None:
            await self._stream.aclose()

    class Transport(AiohttpTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            try:
                response: httpx.Response = await super().handle_async_request(request)
            except httpx.ConnectTimeout as error:
                raise reclassify(error) from error.__cause__
            response.stream = Stream(response.stream)  # type: ignore[arg-type]
            return response

    return Transport
