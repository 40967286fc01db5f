"""What went over the wire: an httpx transport that keeps each exchange's status, headers and decoded body.

`verify` talks to the API through an ordinary `OutboundsClient` (its auth, URLs, limits and typed errors), on this
transport, so it sees exactly what the server answered, including the answers the client hides (the 409 that
`create_order` resolves into the existing order, the look-up after it). Bodies are kept decoded and bounded.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Final

import httpx

from .._transports.bodies import BodyReader, UnsupportedEncodingError

__all__ = ["MAX_KEPT_BODY", "Exchange", "Recorder"]

MAX_KEPT_BODY: Final = 8 * 1024 * 1024  # the largest order (1,000 items) is well under 1 MiB


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request and its response."""

    method: str
    path: str  # the URL's path, percent-encoded as sent
    status: int
    headers: httpx.Headers
    body: bytes  # decoded (Content-Encoding undone); empty when the response has none
    body_problem: str | None = None  # why `body` is not the whole body (too large, undecodable), if it is not

    @property
    def media_type(self) -> str | None:
        """The Content-Type without parameters, lower case; None for a response without a body."""
        if not self.body and self.body_problem is None:
            return None
        value = self.headers.get("content-type")
        return value.partition(";")[0].strip().lower() if value else ""


class Recorder(httpx.AsyncBaseTransport):
    """Sends through `inner` and keeps every exchange, in order, in `exchanges`."""

    def __init__(self, inner: httpx.AsyncBaseTransport | None = None) -> None:
        self._inner = inner or httpx.AsyncHTTPTransport()
        self.exchanges: list[Exchange] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        raw = bytearray()
        try:
            async for chunk in response.aiter_raw():
                raw += chunk
                if len(raw) > MAX_KEPT_BODY:
                    break
        finally:
            await response.aclose()
        body, problem = _decoded(bytes(raw), response.headers)
        path = request.url.raw_path.decode("ascii").partition("?")[0]
        self.exchanges.append(Exchange(request.method, path, response.status_code, response.headers, body, problem))
        # the client reads the same raw bytes (at most MAX_KEPT_BODY and a chunk), with its own limits
        headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() != "content-length"]
        return httpx.Response(
            response.status_code,
            headers=headers,
            stream=httpx.ByteStream(bytes(raw)),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        await self._inner.aclose()


def _decoded(raw: bytes, headers: httpx.Headers) -> tuple[bytes, str | None]:
    if len(raw) > MAX_KEPT_BODY:
        return b"", f"the body is longer than {MAX_KEPT_BODY} bytes"
    try:
        reader = BodyReader(headers.get("content-encoding"), MAX_KEPT_BODY)
        reader.feed(raw)
    except UnsupportedEncodingError as exc:
        return b"", f"the body is in an encoding this client does not decode ({exc})"
    except zlib.error:
        return b"", "the body is not what its Content-Encoding says"
    incomplete = reader.incomplete()
    return reader.content(), incomplete
