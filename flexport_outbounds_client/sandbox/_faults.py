"""Fault injection: make the next N matching requests fail the way real networks and gateways fail."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Final, Literal, get_args

__all__ = ["OPERATIONS", "Fault", "FaultKind", "Faults", "FiredFault"]

FaultKind = Literal[
    "rate_limit", "server_error", "delay", "html_error", "empty_error", "commit_then_drop", "commit_then_error"
]
FAULT_KINDS: Final = frozenset(get_args(FaultKind))

# The five API operations (operationIds of openapi.yaml) and the PUT to a pre-signed upload URL.
OPERATIONS: Final = frozenset(
    {
        "createOrder",
        "getOrder",
        "getOrderByExternalId",
        "getShipmentAttachmentUploadUrl",
        "cancelOrder",
        "uploadAttachment",
    }
)
_DEFAULT_STATUS: Final[dict[str, int]] = {
    "rate_limit": 429,
    "server_error": 500,
    "html_error": 502,
    "empty_error": 503,
    "commit_then_error": 500,
}
_SERVER_ERROR_STATUSES: Final = frozenset({500, 502, 503, 504})


@dataclass(slots=True)
class Fault:
    """One queued fault. `times` None means every matching request, until `Faults.clear()`."""

    kind: FaultKind
    operation: str | None = None
    times: int | None = 1
    status: int | None = None
    retry_after: int = 1
    seconds: float = 0.0
    fired: int = 0

    @property
    def remaining(self) -> int | None:
        """How many more requests this fault will hit (None: unlimited)."""
        return None if self.times is None else self.times - self.fired

    def matches(self, operation_id: str) -> bool:
        """Whether a request of this operation would be hit now."""
        return (self.operation is None or self.operation == operation_id) and self.remaining != 0


@dataclass(frozen=True, slots=True)
class FiredFault:
    """A record of one fault hitting one request."""

    operation_id: str
    kind: FaultKind
    status: int | None


def _check_status(kind: str, status: int) -> None:
    if kind == "rate_limit" and status != 429:
        raise ValueError("a rate_limit fault always answers 429")
    if kind in {"server_error", "commit_then_error"} and status not in _SERVER_ERROR_STATUSES:
        raise ValueError(f"a {kind} fault answers one of {sorted(_SERVER_ERROR_STATUSES)}, not {status}")
    if kind in {"html_error", "empty_error"} and not 400 <= status <= 599:
        raise ValueError(f"a {kind} fault answers a 4xx or 5xx status, not {status}")


def _validate(fault: Fault) -> None:
    if fault.kind not in FAULT_KINDS:
        raise ValueError(f"unknown fault kind {fault.kind!r}; expected one of {sorted(FAULT_KINDS)}")
    if fault.operation is not None and fault.operation not in OPERATIONS:
        raise ValueError(f"unknown operation {fault.operation!r}; expected None or one of {sorted(OPERATIONS)}")
    if fault.times is not None and fault.times < 1:
        raise ValueError(f"times must be at least 1 (or None for every request), not {fault.times}")
    if fault.status is not None:
        if fault.kind not in _DEFAULT_STATUS:
            raise ValueError(f"a {fault.kind} fault takes no status")
        _check_status(fault.kind, fault.status)
    if fault.retry_after < 0 or fault.seconds < 0:
        raise ValueError("retry_after and seconds cannot be negative")


@dataclass
class Faults:
    """The fault queue of one sandbox.

    Faults are consumed in the order they were added: a request of operation X is hit by the first queued fault
    whose `operation` is X or None and which has not fired `times` times yet. `fired` counts hits per kind and
    `log` lists every hit.
    """

    fired: Counter[str] = field(default_factory=Counter)
    log: list[FiredFault] = field(default_factory=list)
    _queue: list[Fault] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(
        self,
        kind: FaultKind,
        *,
        operation: str | None = None,
        times: int | None = 1,
        status: int | None = None,
        retry_after: int = 1,
        seconds: float = 1.0,
    ) -> Fault:
        """Queue a fault and return it (its `fired` and `remaining` show what it did).

        - `rate_limit`: 429 problem+json with `Retry-After: <retry_after>` (seconds).
        - `server_error`: problem+json with `status` 500 (default), 502, 503 or 504.
        - `delay`: wait `seconds` (real time), then answer normally: makes a client with a shorter timeout time out.
        - `html_error`: an HTML page with `status` (default 502), as a load balancer would send.
        - `empty_error`: an empty body with `status` (default 503).
        - `commit_then_drop`: do the work (a create commits the order), then drop the connection without a
          response; the in-process client sees `httpx.RemoteProtocolError`, a real HTTP client a closed connection.
        - `commit_then_error`: do the work (a create commits the order), then answer problem+json with `status`
          500 (default), 502, 503 or 504 instead of the result, as a gateway that times out on its backend does.

        Raises:
            ValueError: for an unknown kind or operation, `times` < 1, a status the kind cannot answer, or a
                negative `retry_after`/`seconds`.
        """
        fault = Fault(
            kind=kind,
            operation=operation,
            times=times,
            status=status,
            retry_after=retry_after,
            seconds=seconds if kind == "delay" else 0.0,
        )
        _validate(fault)
        if fault.status is None and kind in _DEFAULT_STATUS:
            fault.status = _DEFAULT_STATUS[kind]
        with self._lock:
            self._queue.append(fault)
        return fault

    def take(self, operation_id: str) -> Fault | None:
        """The fault that hits this request (counted as fired), or None."""
        with self._lock:
            fault = next((f for f in self._queue if f.matches(operation_id)), None)
            if fault is None:
                return None
            fault.fired += 1
            self.fired[fault.kind] += 1
            self.log.append(FiredFault(operation_id, fault.kind, fault.status))
            return fault

    @property
    def pending(self) -> tuple[Fault, ...]:
        """Faults that can still fire, in queue order."""
        with self._lock:
            return tuple(f for f in self._queue if f.remaining != 0)

    def clear(self) -> None:
        """Drop every queued fault and forget what fired."""
        with self._lock:
            self._queue.clear()
            self.fired.clear()
            self.log.clear()
