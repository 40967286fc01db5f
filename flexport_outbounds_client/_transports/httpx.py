"""The httpx transport: an `httpx.AsyncClient`, the client's own (one per event loop) or the caller's."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING

import httpx

from .._errors import ClientClosedError, EventLoopError
from .._redact import Secrets
from .base import PreparedRequest, Reply, connection_error
from .bodies import ERROR_BODY_LIMIT, BodyReader, UnsupportedEncodingError
from .loops import LoopBound

if TYPE_CHECKING:
    import asyncio

__all__ = ["HttpxSender", "default_http_client"]

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol, httpx.InvalidURL)


def default_http_client(max_connections: int) -> httpx.AsyncClient:
    """The pool an OutboundsClient makes for itself: `max_connections` connections, all kept alive."""
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
    return httpx.AsyncClient(limits=limits, follow_redirects=False, trust_env=True)


class HttpxSender:
    """Sends through an `httpx.AsyncClient`.

    With `make_client`, the sender owns its clients: one per event loop (see `loops`), closed by `aclose()` or by
    the loop's shutdown. With `client`, it sends through the caller's client and never closes it.
    """

    __slots__ = ("_caller_client", "_closed", "_first_loop", "_max_bytes", "_pool", "_secrets")

    def __init__(
        self,
        *,
        make_client: Callable[[], httpx.AsyncClient] | None = None,
        client: httpx.AsyncClient | None = None,
        secrets: Secrets,
        max_response_bytes: int,
    ) -> None:
        self._pool = None if make_client is None else LoopBound(make_client, _aclose)
        self._caller_client = client
        self._secrets = secrets
        self._max_bytes = max_response_bytes
        self._closed = False
        self._first_loop: asyncio.AbstractEventLoop | None = None

    @property
    def is_closed(self) -> bool:
        return self._closed or (self._caller_client is not None and self._caller_client.is_closed)

    async def aclose(self) -> None:
        self._closed = True
        if self._pool is not None:
            await self._pool.aclose()

    async def send(self, request: PreparedRequest, timeout: httpx.Timeout, total: float | None) -> Reply:
        import asyncio  # here, not at the top: importing the client does not load asyncio (a third of its time)

        if total is not None and total <= 0:  # the call's deadline has passed
            raise connection_error(request, TimeoutError(), sent=False, secrets=self._secrets, timeout=True)
        if self._closed:
            raise ClientClosedError("this OutboundsClient is closed")
        client = await self._pool.get() if self._pool is not None else self._caller()
        failure: Exception
        try:
            http_request = client.build_request(
                request.method, request.url, headers=request.headers, content=request.content, timeout=timeout
            )
            if not request.authenticated:
                http_request.headers.pop("Authorization", None)  # even one the caller's http_client sets by default
            async with asyncio.timeout(total):
                response = await client.send(http_request, auth=None, follow_redirects=False, stream=True)
                try:
                    return await self._read(response)
                finally:
                    await response.aclose()
        except (TimeoutError, httpx.TimeoutException) as exc:
            sent = not isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout)
            failure = connection_error(request, exc, sent=sent, secrets=self._secrets, timeout=True)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:  # protocol errors, broken streams, a URL httpx refuses
            sent = not isinstance(exc, _NOT_SENT)
            failure = connection_error(request, exc, sent=sent, secrets=self._secrets)
        except UnicodeEncodeError as exc:  # a header value httpx cannot encode (the checks before sending refuse them)
            failure = connection_error(request, exc, sent=False, secrets=self._secrets)
        except RuntimeError as exc:
            failure = self._runtime_failure(request, exc)
        raise failure  # outside the handlers: the library's exception is neither cause nor context

    def _caller(self) -> httpx.AsyncClient:
        import asyncio

        client = self._caller_client
        assert client is not None  # one of the two is always set
        if self._first_loop is None:
            self._first_loop = asyncio.get_running_loop()
        return client

    def _runtime_failure(self, request: PreparedRequest, exc: RuntimeError) -> Exception:
        import asyncio

        if self._caller_client is not None and self._caller_client.is_closed:
            return ClientClosedError("the http_client passed to OutboundsClient was closed")
        first = self._first_loop
        if self._caller_client is not None and first is not None and first is not asyncio.get_running_loop():
            return EventLoopError(
                "the http_client passed to OutboundsClient was used in an event loop that has ended, and its "
                "connections cannot move to this one: create the httpx.AsyncClient inside the loop that uses it, "
                "or leave http_client out (the client's own pool follows the running loop)"
            )
        return connection_error(request, exc, sent=True, secrets=self._secrets)

    async def _read(self, response: httpx.Response) -> Reply:
        status = response.status_code
        success = 200 <= status < 300
        limit = self._max_bytes if success else ERROR_BODY_LIMIT  # of an error, the start is all that is used
        headers = response.headers
        incomplete: str | None = None
        content = b""
        try:
            declared = headers.get("content-length") if success else None
            if response.is_stream_consumed:  # made with its content (an httpx.MockTransport): httpx decoded it
                reader = BodyReader(None, limit)
                reader.feed(response.content)
            else:
                reader = BodyReader(headers.get("content-encoding"), limit, declared)
                if not reader.done():
                    async for chunk in response.aiter_raw():
                        reader.feed(chunk)
                        if reader.done():
                            break
            content, incomplete = reader.content(), reader.incomplete()
        except UnsupportedEncodingError as exc:
            incomplete = str(exc)
        except zlib.error:
            incomplete = f"the body is not valid {headers.get('content-encoding')} data"
        if "content-encoding" in headers:  # decoded here: the header no longer describes `content`
            headers = httpx.Headers([(k, v) for k, v in headers.multi_items() if k.lower() != "content-encoding"])
        return Reply(status, response.reason_phrase, headers, content, incomplete)


async def _aclose(client: httpx.AsyncClient) -> None:
    await client.aclose()
