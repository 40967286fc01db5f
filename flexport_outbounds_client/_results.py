"""What a call returns beside its value, for callers who ask (`client.with_details`).

`Details` carries the value and the response it came from: status, headers, correlation id (to quote to Flexport
support for a call that worked), how many attempts it took, and for `create_order` whether this call created the
order. Headers are shown as errors show them: without cookies or credentials, with the client's secrets redacted.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Generic, TypeVar

from ._redact import Secrets, printable
from ._transports.headers import Headers

if TYPE_CHECKING:
    from ._transports.base import Response

__all__ = ["CreateOutcome", "Details"]

T = TypeVar("T")
U = TypeVar("U")


class CreateOutcome(enum.StrEnum):
    """How `create_order` came by the order it returns."""

    CREATED = "created"
    """This call's create request made it (also when the server replayed this call's Idempotency-Key)."""
    EXISTING = "existing"
    """The externalId already belonged to this order, with the same content: the server answered 409."""
    RECOVERED = "recovered"
    """An attempt ended without an answer (timeout, dropped connection, 5xx); looked up by externalId afterwards,
    the order was there: made by that attempt, or earlier."""


class Details(Generic[T]):
    """A call's value, with the response it came from.

    Attributes:
        value: what the plain method returns (an `Order`, an `AttachmentUploadUrl`, None).
        status_code: the status of that response (a 2xx).
        attempts: how many attempts the response took (1 when the first one worked).
        outcome: for `create_order`, how the order was come by; None for the other operations.
    """

    __slots__ = ("_response", "_secrets", "attempts", "outcome", "status_code", "value")

    def __init__(
        self,
        value: T,
        response: Response,
        secrets: Secrets,
        *,
        attempts: int,
        outcome: CreateOutcome | None = None,
    ) -> None:
        self.value = value
        self.status_code = response.status_code
        self.attempts = attempts
        self.outcome = outcome
        self._response = response
        self._secrets = secrets

    @property
    def headers(self) -> Headers:
        """The response's headers (names case-insensitive), without cookies or credentials, secrets redacted."""
        return Headers(self._secrets.headers(self._response.headers))

    @property
    def correlation_id(self) -> str | None:
        """The response's `x-correlation-id`: quote it to Flexport support."""
        value = self._response.headers.get("x-correlation-id")
        return None if value is None else self._secrets.text(printable(value))

    def with_value(self, value: U) -> Details[U]:
        """Details of the same response for another value (an operation returns what a step before it got)."""
        return Details(value, self._response, self._secrets, attempts=self.attempts, outcome=self.outcome)

    def __repr__(self) -> str:
        outcome = f", outcome={self.outcome.value}" if self.outcome else ""
        return (
            f"Details(status_code={self.status_code}, correlation_id={self.correlation_id!r}, "
            f"attempts={self.attempts}{outcome}, value={self.value!r})"
        )
