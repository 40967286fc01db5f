"""Drift: what Flexport's responses carry that this version of the spec does not list, noticed in production.

The generated models report each unknown field and each unknown enum value as they parse (nothing runs when a
response holds nothing unknown). A client counts them per (kind, model or enum, name), logs the first sighting of
each at WARNING with the response's correlation id, and shows the counts as `client.drift`, for a service to read
and export. Unknown values are kept either way: `additional_properties` and `is_known` (README "Drift").
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import Final, NamedTuple

from ._redact import Secrets, printable

__all__ = ["Drift", "DriftMonitor"]

logger = logging.getLogger("flexport_outbounds_client")
_SHOWN: Final = 100  # characters of a name a log line shows: a server chose them


class Drift(NamedTuple):
    """One thing the spec does not know: an unknown `field` of a model, or an unknown `value` of an enum."""

    kind: str  # "field" or "value"
    where: str  # the model (Order, Shipment, ...) or the enum (OrderStatus, ...)
    name: str  # the field's JSON name, or the value

    def __str__(self) -> str:
        return f"{self.where}.{self.name}" if self.kind == "field" else f"{self.where}={self.name}"


class DriftMonitor:
    """The drift one client has seen: counts, and one WARNING per kind of drift."""

    __slots__ = ("_counts", "_lock", "_secrets")

    def __init__(self, secrets: Secrets) -> None:
        self._counts: dict[Drift, int] = {}
        self._lock = threading.Lock()
        self._secrets = secrets

    def record(self, heard: Iterable[tuple[str, str, str]], *, operation: str, correlation_id: str | None) -> None:
        """Count what one response held; log each kind of drift the first time this client meets it."""
        first: list[Drift] = []
        with self._lock:
            for kind, where, name in heard:
                drift = Drift(kind, where, self._secrets.text(printable(name))[:_SHOWN])
                seen = self._counts.get(drift, 0)
                self._counts[drift] = seen + 1
                if not seen:
                    first.append(drift)
        for drift in first:
            logger.warning(
                "%s: the response holds %s %s that openapi.yaml does not list (kept; correlation id %s)",
                operation,
                "a field" if drift.kind == "field" else "a value",
                drift,
                correlation_id,
                extra={
                    "flexport_operation": operation,
                    "flexport_drift": str(drift),
                    "flexport_correlation_id": correlation_id,
                },
            )

    def snapshot(self) -> dict[Drift, int]:
        """How often each kind of drift was seen so far (a copy)."""
        with self._lock:
            return dict(self._counts)
