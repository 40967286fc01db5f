"""Every failure a caller of this package can see, and the one function that maps a response to it.

The exception tree::

    FlexportError                         base of everything raised here
    ├── ConfigurationError (ValueError)   bad client settings: no token, insecure base URL
    ├── ClientClosedError (RuntimeError)  the client was used after aclose()
    ├── RequestValidationError (ValueError)  bad input caught before anything was sent
    ├── OrderNotCancellableError (ValueError) the order's status no longer allows a cancel
    ├── APIConnectionError                the request may or may not have reached Flexport
    │   └── APITimeoutError               ... because it took too long
    ├── APIStatusError                    Flexport answered with an error status (4xx / 5xx)
    │   ├── BadRequestError               400
    │   ├── AuthenticationError           401
    │   ├── PermissionDeniedError         403
    │   ├── NotFoundError                 404
    │   ├── ConflictError                 409
    │   │   └── DuplicateExternalIdError  the externalId belongs to an order with other items
    │   ├── UnprocessableEntityError      422
    │   ├── RateLimitError                429 (retry_after)
    │   └── ServerError                   500-511
    └── UnexpectedResponseError           a response this client cannot use: a 2xx body that does not
                                          match the spec (HTML, empty, malformed JSON, missing or mistyped
                                          fields), a redirect, or a status outside the spec (e.g. 418, 520)

The class of an error status is decided by the status alone: a 404 whose body a proxy replaced with HTML is
still a `NotFoundError`, with `problem` set to None and the HTML in `body_excerpt`.

Every `APIStatusError` and `UnexpectedResponseError` carries `status_code`, `problem` (parsed problem details
or None), `body_excerpt` (at most 500 characters of the raw body) and `correlation_id` (`x-correlation-id`).
"""

from __future__ import annotations

import datetime
import email.utils
import http
import json
from collections.abc import Mapping
from typing import Any, Protocol

import httpx

from ._generated.models import OrderStatus, ProblemDetails

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "DuplicateExternalIdError",
    "FlexportError",
    "NotFoundError",
    "OrderNotCancellableError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestValidationError",
    "ServerError",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
    "error_from_response",
]

BODY_EXCERPT_CHARS = 500
CORRELATION_HEADER = "x-correlation-id"


class ResponseLike(Protocol):
    """What the error mapping reads of a response read in full: an `httpx.Response` satisfies it, and so does the
    lighter reply of `transport="aiohttp"` (building an httpx.Response per request cost it ~30 µs)."""

    @property
    def status_code(self) -> int: ...

    @property
    def reason_phrase(self) -> str: ...

    @property
    def headers(self) -> Mapping[str, str]: ...  # case-insensitive lookups

    @property
    def content(self) -> bytes: ...


class FlexportError(Exception):
    """Base class of every exception this package raises."""


class ConfigurationError(FlexportError, ValueError):
    """The client was configured in a way that cannot work (no token, plain-http base URL, ...)."""


class ClientClosedError(FlexportError, RuntimeError):
    """A request was made on a client after `aclose()` (or after its `async with` block ended)."""


class RequestValidationError(FlexportError, ValueError):
    """The request was refused before sending: `errors` maps each offending field path to its problem."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        listed = "; ".join(f"{field}: {problem}" for field, problem in self.errors.items())
        super().__init__(f"invalid request ({len(self.errors)} problem(s)): {listed}")


class OrderNotCancellableError(FlexportError, ValueError):
    """The order's status no longer allows cancelling it (only PLANNED and BOOKED orders can be cancelled)."""

    def __init__(self, order_id: str, status: OrderStatus | str, *, detail: str = "") -> None:
        self.order_id = order_id
        self.status = status
        reason = detail or "only PLANNED or BOOKED orders can be cancelled"
        super().__init__(f"order {order_id!r} cannot be cancelled: its status is {status}; {reason}")


class APIConnectionError(FlexportError):
    """The request failed on the way: connection refused or reset, TLS, DNS, or the response was cut off.

    Whether Flexport acted on it is unknown (`request_sent` is False only when the connection was never made).
    """

    def __init__(self, message: str, *, method: str, url: str, request_sent: bool = True) -> None:
        self.method = method
        self.url = url
        self.request_sent = request_sent
        super().__init__(f"{message} ({method} {url})")


class APITimeoutError(APIConnectionError):
    """The request took longer than its timeout (connect, read or the whole attempt)."""


class _ResponseError(FlexportError):
    """Shared fields of the errors built from an HTTP response."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        problem: ProblemDetails | None = None,
        body: str = "",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status_code = status_code
        self.problem = problem
        self.body_excerpt = body[:BODY_EXCERPT_CHARS]
        self.headers = httpx.Headers(headers or {})
        self.correlation_id: str | None = self.headers.get(CORRELATION_HEADER)
        suffix = f" [correlation id {self.correlation_id}]" if self.correlation_id else ""
        super().__init__(message + suffix)


class APIStatusError(_ResponseError):
    """Flexport answered with an error status; see the subclasses for the statuses the API declares."""


class BadRequestError(APIStatusError):
    """400: malformed request, failed validation, or a resource in a state that does not allow the operation."""


class AuthenticationError(APIStatusError):
    """401: the token is missing, invalid or revoked."""


class PermissionDeniedError(APIStatusError):
    """403: the token lacks a scope this operation needs."""


class NotFoundError(APIStatusError):
    """404: no such order or shipment (or no access to it)."""


class ConflictError(APIStatusError):
    """409: a duplicate identifier (externalId), a reused Idempotency-Key, or a conflicting order state."""


class DuplicateExternalIdError(ConflictError):
    """The externalId of a create request already belongs to an order with different items.

    `existing_order_id` is that order's id. Raised by `create_order` after a 409, or when the order found by
    externalId after an ambiguous failure is not the one this request describes.
    """

    def __init__(self, message: str, *, existing_order_id: str, conflict: ConflictError | None = None) -> None:
        self.existing_order_id = existing_order_id
        if conflict is None:
            super().__init__(message, status_code=409)
        else:
            super().__init__(
                message,
                status_code=conflict.status_code,
                problem=conflict.problem,
                body=conflict.body_excerpt,
                headers=conflict.headers,
            )


class UnprocessableEntityError(APIStatusError):
    """422: syntactically valid but semantically invalid data."""


class RateLimitError(APIStatusError):
    """429: too many requests. `retry_after` is the server's requested wait in seconds, when it sent one."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int = 429,
        problem: ProblemDetails | None = None,
        body: str = "",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message, status_code=status_code, problem=problem, body=body, headers=headers)
        self.retry_after = parse_retry_after(self.headers.get("retry-after"))


class ServerError(APIStatusError):
    """5xx: an error on Flexport's side. Retried automatically; raised when retries are exhausted."""


class UnexpectedResponseError(_ResponseError):
    """A response this client cannot use: undecodable or off-spec body, redirect, or an undeclared status."""


STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_class_for_status(status: int) -> type[_ResponseError]:
    """The exception class for an error status: declared statuses get their own, anything else is unexpected."""
    if status in STATUS_ERRORS:
        return STATUS_ERRORS[status]
    if 500 <= status <= 599 and status in http.HTTPStatus.__members__.values():
        return ServerError
    return UnexpectedResponseError


def error_from_response(response: ResponseLike, *, redact: tuple[str, ...] = ()) -> _ResponseError:
    """Build the typed exception for a non-2xx response, reading problem details where the body has them.

    `redact` lists secrets (the token, URL signatures) that must never appear in the problem details, the body
    excerpt or the message, even when a server echoes them back.
    """
    body = _redacted_text(response, redact)
    problem = parse_problem(body, response)
    cls = error_class_for_status(response.status_code)
    message = _redact(_describe(response, problem, body), redact)  # the body is redacted; the reason phrase not yet
    headers = _safe_headers(response, redact)
    return cls(message, status_code=response.status_code, problem=problem, body=body, headers=headers)


def unexpected_response(
    response: ResponseLike, reason: str, *, redact: tuple[str, ...] = ()
) -> UnexpectedResponseError:
    """The error for a response whose status is fine but whose body (or kind) this client cannot use."""
    body = _redacted_text(response, redact)
    message = f"unexpected response from Flexport: HTTP {response.status_code}: {reason}"
    headers = _safe_headers(response, redact)
    return UnexpectedResponseError(message, status_code=response.status_code, body=body, headers=headers)


def parse_problem(body: str, response: ResponseLike) -> ProblemDetails | None:
    """Problem details from the (already redacted) body, or None when it is not a JSON object."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting ("[[[[..."), from a broken proxy
        return None
    if not isinstance(data, dict):
        return None
    data.setdefault("status", response.status_code)
    data.setdefault("title", response.reason_phrase or "")
    return ProblemDetails.from_dict(data)


def parse_retry_after(value: str | None, *, now: datetime.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header in either form (delta-seconds or HTTP-date); None if absent/bad."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    current = now or datetime.datetime.now(datetime.UTC)
    return max(0.0, (when - current).total_seconds())


def _describe(response: ResponseLike, problem: ProblemDetails | None, body: str) -> str:
    standard_phrase = http.HTTPStatus(response.status_code).phrase if _is_standard(response) else ""
    reason = response.reason_phrase or standard_phrase
    head = f"HTTP {response.status_code} {reason}".rstrip()
    if problem is not None:
        parts = [_text(problem.title), _text(problem.detail), _text(problem.message)]
        detail = " - ".join(dict.fromkeys(p for p in parts if p))
        return f"{head}: {detail}" if detail else head
    snippet = " ".join(body[:120].split())
    return f"{head}: {snippet}" if snippet else f"{head} (empty body)"


def _safe_headers(response: ResponseLike, redact: tuple[str, ...] = ()) -> dict[str, str]:
    """Response headers worth keeping on an error; cookies are dropped (they can be credentials), and a secret a
    server echoes in a header (`WWW-Authenticate: Bearer ... token="..."`) is redacted like in the body."""
    kept = {k: v for k, v in response.headers.items() if k.lower() not in ("set-cookie", "authorization")}
    for secret in redact:
        if secret:
            kept = {k: v.replace(secret, "[REDACTED]") for k, v in kept.items()}
    return kept


def _is_standard(response: ResponseLike) -> bool:
    return response.status_code in http.HTTPStatus.__members__.values()


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _redacted_text(response: ResponseLike, redact: tuple[str, ...]) -> str:
    return _redact(response.content.decode("utf-8", errors="replace"), redact)


def _redact(text: str, redact: tuple[str, ...]) -> str:
    for secret in redact:
        if secret:
            text = text.replace(secret, "[REDACTED]")
    return text
