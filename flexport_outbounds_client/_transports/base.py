"""The transport seam: what the request pipeline hands a transport, and what it gets back.

A transport (`Sender`) sends one prepared request once and returns the whole response, whatever its status. It
maps every failure on the way to `APIConnectionError` / `APITimeoutError` (telling whether the request may have
reached the server) or `ClientClosedError`, and nothing else; retries, status mapping and parsing are the
pipeline's business. One module per transport: `httpx.py`, `aiohttp.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple, Protocol

from .._errors import APIConnectionError, APITimeoutError
from .._redact import Secrets, printable, redact_url
from .headers import Headers

if TYPE_CHECKING:
    import httpx

__all__ = ["Headers", "PreparedRequest", "Reply", "Response", "SanitizedTransportError", "Sender", "connection_error"]


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


class Reply:
    """A response read by a transport: status, reason phrase, headers, the decoded body.

    `incomplete` says why the body was not read in full (larger than the client reads, an encoding it cannot
    decode, data its encoding says it is not); `content` is then what was read, possibly nothing.
    """

    __slots__ = ("content", "headers", "incomplete", "reason_phrase", "status_code")

    def __init__(
        self,
        status_code: int,
        reason_phrase: str,
        headers: Mapping[str, str],
        content: bytes,
        incomplete: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.reason_phrase = reason_phrase
        self.headers = headers
        self.content = content
        self.incomplete = incomplete

    def __repr__(self) -> str:
        return f"<Reply [{self.status_code}], {len(self.content)} bytes{', incomplete' if self.incomplete else ''}>"


class Response(Protocol):
    """A response read in full: what error mapping and parsing read. `Reply` and `httpx.Response` satisfy it."""

    @property
    def status_code(self) -> int: ...

    @property
    def reason_phrase(self) -> str: ...

    @property
    def headers(self) -> Mapping[str, str]: ...  # case-insensitive lookups

    @property
    def content(self) -> bytes: ...


class SanitizedTransportError(Exception):
    """What went wrong below HTTP, told without secrets: the `__cause__` of an `APIConnectionError`.

    The transport library's own exception is not kept: it can carry the request's headers (aiohttp's
    `request_info`, with Authorization) or bytes a server sent, such as an echoed token.
    """

    def __init__(self, kind: str, detail: str) -> None:
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}" if detail else kind)


def connection_error(
    request: PreparedRequest, exc: BaseException, *, sent: bool, secrets: Secrets, timeout: bool = False
) -> APIConnectionError:
    """The typed error for a failure below HTTP, caused by a redacted `SanitizedTransportError` instead of `exc`.

    Raise it outside the `except` block that caught `exc`, so that it has no `__context__` either.
    """
    kind = type(exc).__name__
    cls = APITimeoutError if timeout else APIConnectionError
    message = "request timed out" if timeout else f"connection failed ({kind})"
    error = cls(message, method=request.method, url=request.shown_url(), request_sent=sent)
    error.__cause__ = SanitizedTransportError(kind, secrets.text(printable(str(exc)))[:300])
    return error


class Sender(Protocol):
    """Sends prepared requests over one connection pool."""

    async def send(self, request: PreparedRequest, timeout: httpx.Timeout, total: float | None) -> Reply:
        """Send once; the response, any status, its body read within the sender's limits; no redirects.

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
