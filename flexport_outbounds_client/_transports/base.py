"""The transport seam: what the request pipeline hands a transport, and what it gets back.

A transport (`Sender`) sends one prepared request once and returns the whole response, whatever its status. It
maps every failure on the way to `APIConnectionError` / `APITimeoutError` (telling whether the request may have
reached the server) or `ClientClosedError`, and nothing else; retries, status mapping and parsing are the
pipeline's business. One module per transport: `httpx.py`, `aiohttp.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple, Protocol

from .._redact import redact_url

if TYPE_CHECKING:
    import httpx

__all__ = ["PreparedRequest", "Response", "Sender"]


class PreparedRequest(NamedTuple):
    """One logical request, ready for the wire: every attempt sends it unchanged (same body, same headers)."""

    operation: str  # the spec's operationId, or "uploadShipmentAttachment" for the PUT to a pre-signed URL
    method: str
    url: str
    headers: Mapping[str, str]  # complete: Authorization (API requests only), Accept, User-Agent, the operation's
    content: bytes | None = None
    # False for a pre-signed URL of another host: sent without Authorization (even one an `http_client` would add
    # by default), shown without its query string, and parsed and normalised like any URL a server hands out. True
    # for the client's own API URLs, which are normalised already and sent verbatim.
    authenticated: bool = True

    def shown_url(self) -> str:
        """The URL as messages and logs may show it."""
        return self.url if self.authenticated else redact_url(self.url)


class Response(Protocol):
    """A response read in full: what error mapping and parsing read. `httpx.Response` satisfies it."""

    @property
    def status_code(self) -> int: ...

    @property
    def reason_phrase(self) -> str: ...

    @property
    def headers(self) -> Mapping[str, str]: ...  # case-insensitive lookups

    @property
    def content(self) -> bytes: ...


class Sender(Protocol):
    """Sends prepared requests over one connection pool."""

    async def send(self, request: PreparedRequest, timeout: httpx.Timeout, total: float | None) -> Response:
        """Send once; the whole response, any status; redirects are not followed.

        `timeout` bounds connecting, writing and each read (as in httpx); `total`, when not None, bounds the whole
        attempt (waiting for a pooled connection, sending, reading the body). A `total` that is not positive
        raises `APITimeoutError` at once, without sending.

        Raises:
            APITimeoutError: no connection in time (request_sent=False), or no complete response (True).
            APIConnectionError: no connection could be made (request_sent=False), or it broke after that.
            ClientClosedError: the sender was closed.
        """
        ...

    async def aclose(self) -> None:
        """Close the pool (a pool passed in by the caller is left alone). Safe to call twice."""
        ...

    @property
    def is_closed(self) -> bool:
        """Whether sending is no longer possible."""
        ...
