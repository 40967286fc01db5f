"""Clocks: the sandbox reads time only through one of these, so tests can move time by hand."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable

__all__ = ["Clock", "ManualClock", "SystemClock"]


@runtime_checkable
class Clock(Protocol):
    """What the sandbox needs from a clock: a monotonic reading and the current wall-clock time (UTC)."""

    def monotonic(self) -> float:
        """Seconds since an arbitrary origin; never goes backwards."""
        ...

    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...


class SystemClock:
    """Real time: `time.monotonic()` and `datetime.now(UTC)`."""

    def monotonic(self) -> float:
        """Seconds from `time.monotonic()`."""
        return time.monotonic()

    def now(self) -> datetime:
        """`datetime.now(UTC)`."""
        return datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told to, for deterministic tests of expiry and time-based auto-advance.

    `start` is the wall-clock time it shows first (default: the real time when the clock is made, to the second,
    so upload URLs it dates are not already expired for a client that checks against real time).
    """

    def __init__(self, start: datetime | None = None) -> None:
        if start is not None and start.tzinfo is None:
            raise ValueError("ManualClock(start=...) needs a timezone-aware datetime")
        self._start = (start or datetime.now(UTC).replace(microsecond=0)).astimezone(UTC)
        self._elapsed = 0.0

    def monotonic(self) -> float:
        """Seconds advanced so far."""
        return self._elapsed

    def now(self) -> datetime:
        """`start` plus the seconds advanced so far."""
        return self._start + timedelta(seconds=self._elapsed)

    def advance(self, seconds: float) -> None:
        """Move the clock forward.

        Raises:
            ValueError: when `seconds` is negative (a clock never goes backwards).
        """
        if seconds < 0:
            raise ValueError(f"a clock cannot go backwards (advance({seconds!r}))")
        self._elapsed += seconds
