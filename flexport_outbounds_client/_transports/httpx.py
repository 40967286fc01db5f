"""The httpx transport: an `httpx.AsyncClient`, the client's own or one the caller passed in."""

from __future__ import annotations

import httpx

from .._errors import APIConnectionError, APITimeoutError, ClientClosedError
from .base import PreparedRequest, Response

__all__ = ["HttpxSender", "default_http_client"]


def default_http_client(max_connections: int) -> httpx.AsyncClient:
    """The pool an OutboundsClient makes for itself: `max_connections` connections, all kept alive."""
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
    return httpx.AsyncClient(limits=limits, follow_redirects=False, trust_env=True)


class HttpxSender:
    """Sends through an `httpx.AsyncClient`; closes it on `aclose()` only when `owned`."""

    __slots__ = ("_client", "_closed", "_owned")

    def __init__(self, client: httpx.AsyncClient, *, owned: bool) -> None:
        self._client = client
        self._owned = owned
        self._closed = False

    @property
    def is_closed(self) -> bool:
        return self._closed or self._client.is_closed

    async def aclose(self) -> None:
        self._closed = True
        if self._owned:
            await self._client.aclose()

    async def send(self, request: PreparedRequest, timeout: httpx.Timeout, total: float | None) -> Response:
        import asyncio  # imported on the first request, not with the client: a third of its import time

        if total is not None and total <= 0:  # the call's deadline has passed
            raise APITimeoutError(
                "request timed out", method=request.method, url=request.shown_url(), request_sent=False
            )
        if self._closed:
            raise ClientClosedError("this OutboundsClient is closed")
        client = self._client
        http_request = client.build_request(
            request.method, request.url, headers=request.headers, content=request.content, timeout=timeout
        )
        if not request.authenticated:
            http_request.headers.pop("Authorization", None)  # even one the caller's http_client sets by default
        try:
            async with asyncio.timeout(total):
                return await client.send(http_request, auth=None, follow_redirects=False)
        except (TimeoutError, httpx.TimeoutException) as exc:
            sent = not isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout)
            raise APITimeoutError(
                "request timed out", method=request.method, url=request.shown_url(), request_sent=sent
            ) from exc
        except httpx.TransportError as exc:
            sent = not isinstance(exc, httpx.ConnectError)
            raise APIConnectionError(
                f"connection failed ({type(exc).__name__})",
                method=request.method,
                url=request.shown_url(),
                request_sent=sent,
            ) from exc
        except RuntimeError as exc:
            if client.is_closed:
                raise ClientClosedError("the http_client passed to OutboundsClient was closed") from exc
            raise
