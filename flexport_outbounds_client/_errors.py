"""Every failure a caller of this package can see, and the one function that maps a response to it.

The exception tree::

    FlexportError                         base of everything raised here
    ├── ConfigurationError (ValueError)   bad client settings: no token, insecure base URL
    ├── ClientClosedError (RuntimeError)  the client was used after aclose()
    │   └── EventLoopError                the http_client passed in belongs to an event loop that has ended
    ├── RequestValidationError (ValueError)  bad input caught before anything was sent
    ├── OrderNotCancellableError (ValueError) the order's status no longer allows a cancel
    ├── DuplicateExternalIdError          the externalId belongs to another order (.conflict: the 409, if any)
    ├── StatusNotReachedError             wait_for_order ended without the status (.order: as last seen)
    │   ├── OrderEndedError               ... because the order ended in another status
    │   └── WaitTimeoutError (TimeoutError) ... because the timeout passed first
    ├── APIConnectionError                the request may or may not have reached Flexport
    │   └── APITimeoutError               ... because it took too long
    ├── APIStatusError                    Flexport answered with an error status (4xx / 5xx)
    │   ├── BadRequestError               400
    │   ├── AuthenticationError           401
    │   ├── PermissionDeniedError         403
    │   ├── NotFoundError                 404
    │   ├── ConflictError                 409
    │   ├── UnprocessableEntityError      422
    │   ├── RateLimitError                429 (retry_after)
    │   └── ServerError                   500-511
    └── UnexpectedResponseError           a response this client cannot use: a 2xx body that does not
                                          match the spec (HTML, empty, malformed JSON, missing or mistyped
                                          fields), a redirect, or a status outside the spec (e.g. 418, 520)

The class of an error status is decided by the status alone: a 404 whose body a proxy replaced with HTML is
still a `NotFoundError`, with `problem` set to None and the HTML in `body_excerpt`.

Every `APIStatusError` and `UnexpectedResponseError` is built from a response that was received, and carries its
`status_code`, `problem` (parsed problem details or None), `body_excerpt` (at most 500 characters of the raw body)
and `correlation_id` (`x-correlation-id`). No other error has a status code.
"""

from __future__ import annotations

import datetime
import email.utils
import http
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._generated.models import Order, OrderStatus, ProblemDetails
from ._redact import Secrets, printable
from ._transports.headers import Headers

if TYPE_CHECKING:
    from ._transports.base import Response

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
    "EventLoopError",
    "FlexportError",
    "NotFoundError",
    "OrderEndedError",
    "OrderNotCancellableError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestValidationError",
    "ServerError",
    "StatusNotReachedError",
    "UnexpectedResponseError",
    "UnprocessableEntityError",
    "WaitTimeoutError",
    "error_from_response",
    "unexpected_response",
]

BODY_EXCERPT_CHARS = 500
CORRELATION_HEADER = "x-correlation-id"


class FlexportError(Exception):
    """Base class of every exception this package raises."""


class ConfigurationError(FlexportError, ValueError):
    """The client was configured in a way that cannot work (no token, plain-http base URL, ...)."""


class ClientClosedError(FlexportError, RuntimeError):
    """A request was made on a client after `aclose()` (or after its `async with` block ended)."""


class EventLoopError(ClientClosedError):
    """The `http_client` passed to OutboundsClient belongs to an event loop that has ended.

    A client that makes its own pool follows the running loop; a caller's `httpx.AsyncClient` cannot be moved.
    """


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


class DuplicateExternalIdError(FlexportError):
    """The externalId of a create request already belongs to another order (one this request does not describe).

    `existing_order_id` is that order's id; `differences` the request's fields it differs in (`orderItems`,
    `shipToAddress.street1`, ...). `conflict` is the 409 `ConflictError` when the server answered one;
    it is None when `create_order` found the order itself, by looking the externalId up after a failure that left
    it unknown whether its own request was carried out (a timeout, a dropped connection, a 5xx).
    """

    def __init__(
        self,
        message: str,
        *,
        external_id: str,
        existing_order_id: str,
        differences: Sequence[str] = (),
        conflict: ConflictError | None = None,
    ) -> None:
        self.external_id = external_id
        self.existing_order_id = existing_order_id
        self.differences = tuple(differences)
        self.conflict = conflict
        suffix = f" [correlation id {conflict.correlation_id}]" if conflict and conflict.correlation_id else ""
        super().__init__(message + suffix)


class StatusNotReachedError(FlexportError):
    """`wait_for_order` ended without the order reaching the status: see the two subclasses.

    `order` is the order as last seen (None if no poll succeeded); `until` the status waited for.
    """

    def __init__(self, message: str, *, order: Order | None, until: OrderStatus) -> None:
        self.order = order
        self.until = until
        super().__init__(message)


class OrderEndedError(StatusNotReachedError):
    """The order ended in another status (CANCELLED, say, or DELIVERED when CANCELLED was awaited): waiting longer
    cannot change it."""


class WaitTimeoutError(StatusNotReachedError, TimeoutError):
    """The wait's timeout passed before the order reached the status."""


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
        headers: Mapping[str, str] | Iterable[tuple[str, str]] = (),
    ) -> None:
        self.status_code = status_code
        self.problem = problem
        self.body_excerpt = body[:BODY_EXCERPT_CHARS]
        self.headers = Headers(headers)
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
        headers: Mapping[str, str] | Iterable[tuple[str, str]] = (),
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


_NO_SECRETS = Secrets()


def error_from_response(response: Response, *, secrets: Secrets = _NO_SECRETS) -> _ResponseError:
    """Build the typed exception for a non-2xx response, reading problem details where the body has them.

    `secrets` (the token, URL signatures) never appear in the problem details, the body excerpt, the headers kept
    or the message, even when a server echoes them back (in the body, JSON-escaped or not, in a header, in the
    reason phrase).
    """
    body = secrets.text(response.content.decode("utf-8", errors="replace"))
    reason = secrets.text(printable(response.reason_phrase))
    problem = parse_problem(body, response.status_code, reason, secrets=secrets)
    cls = error_class_for_status(response.status_code)
    message = secrets.text(printable(_describe(response.status_code, reason, problem, body)))
    headers = secrets.headers(response.headers)
    return cls(message, status_code=response.status_code, problem=problem, body=body, headers=headers)


def unexpected_response(response: Response, reason: str, *, secrets: Secrets = _NO_SECRETS) -> UnexpectedResponseError:
    """The error for a response whose status is fine but whose body (or kind) this client cannot use."""
    body = secrets.text(response.content.decode("utf-8", errors="replace"))
    message = secrets.text(printable(f"unexpected response from Flexport: HTTP {response.status_code}: {reason}"))
    headers = secrets.headers(response.headers)
    return UnexpectedResponseError(message, status_code=response.status_code, body=body, headers=headers)


def parse_problem(body: str, status: int, reason: str, *, secrets: Secrets = _NO_SECRETS) -> ProblemDetails | None:
    """Problem details from the body, or None when it is not a JSON object of that shape. Every string in them is
    redacted after decoding, so a secret hidden by JSON escapes (`\\u0073k-...`) is caught too."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting ("[[[[..."), from a broken proxy
        return None
    if not isinstance(data, dict):
        return None
    if secrets:
        data = _redact_strings(data, secrets)
    data.setdefault("status", status)
    data.setdefault("title", reason)
    try:
        return ProblemDetails.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _redact_strings(value: Any, secrets: Secrets) -> Any:
    if isinstance(value, str):
        return secrets.text(value)
    if isinstance(value, dict):
        return {secrets.text(str(k)): _redact_strings(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact_strings(v, secrets) for v in value]
    return value


def parse_retry_after(value: str | None, *, now: datetime.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header in either form (delta-seconds or HTTP-date); None if absent/bad."""
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.UTC)
        current = now or datetime.datetime.now(datetime.UTC)
        return max(0.0, (when - current).total_seconds())
    except (TypeError, ValueError, OverflowError, IndexError):  # a date no calendar has, from a broken server
        return None


def _describe(status: int, reason: str, problem: ProblemDetails | None, body: str) -> str:
    standard_phrase = http.HTTPStatus(status).phrase if status in http.HTTPStatus.__members__.values() else ""
    head = f"HTTP {status} {reason or standard_phrase}".rstrip()
    if problem is not None:
        parts = [_text(problem.title), _text(problem.detail), _text(problem.message)]
        detail = " - ".join(dict.fromkeys(p for p in parts if p))
        return f"{head}: {detail}" if detail else head
    snippet = " ".join(body[:120].split())
    return f"{head}: {snippet}" if snippet else f"{head} (empty body)"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
