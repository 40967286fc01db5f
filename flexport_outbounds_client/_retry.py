"""When to retry and how long to wait: exponential backoff with full jitter, Retry-After, a cap and a deadline.

Pure logic, no I/O: `_client.py` asks `RetryPolicy.delay_before_retry` after each failed attempt and sleeps.
"""

from __future__ import annotations

import random
import time

import attrs

from ._errors import APIConnectionError, FlexportError, _ResponseError, parse_retry_after

__all__ = ["RETRYABLE_STATUSES", "RetryPolicy"]

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


@attrs.frozen
class RetryPolicy:
    """How a client retries.

    Attributes:
        max_retries: retries after the first attempt (0 disables retrying).
        initial_delay: the first backoff ceiling in seconds; each retry doubles it, up to `max_delay`.
        max_delay: ceiling of one backoff sleep (Retry-After may ask for more, up to `max_retry_after`).
        max_retry_after: a Retry-After longer than this is not waited for: the error is raised at once.
    """

    max_retries: int = attrs.field(default=2, validator=attrs.validators.ge(0))
    initial_delay: float = attrs.field(default=0.5, validator=attrs.validators.ge(0))
    max_delay: float = attrs.field(default=8.0, validator=attrs.validators.ge(0))
    max_retry_after: float = attrs.field(default=60.0, validator=attrs.validators.ge(0))

    def is_retryable(self, error: FlexportError) -> bool:
        """Connection errors, timeouts and the statuses 408, 429, 500, 502, 503, 504 are worth another try."""
        if isinstance(error, APIConnectionError):
            return True
        if isinstance(error, _ResponseError):
            return error.status_code in RETRYABLE_STATUSES
        return False

    def backoff(self, retry_number: int, rng: random.Random | None = None) -> float:
        """Full-jitter exponential backoff for the n-th retry (1-based): uniform in [0, min(max, initial*2^(n-1))]."""
        ceiling = min(self.max_delay, self.initial_delay * (2 ** (retry_number - 1)))
        return (rng or _RNG).uniform(0.0, ceiling)

    def delay_before_retry(
        self, error: FlexportError, retry_number: int, *, deadline: float | None = None
    ) -> float | None:
        """Seconds to sleep before retry number `retry_number`, or None when the error must be raised now.

        None when: retries are used up, the error is not retryable, the server's Retry-After exceeds
        `max_retry_after`, or sleeping would pass the `deadline` (a `time.monotonic()` value).
        """
        if retry_number > self.max_retries or not self.is_retryable(error):
            return None
        delay = self.backoff(retry_number)
        retry_after = _server_requested_delay(error)
        if retry_after is not None:
            if retry_after > self.max_retry_after:
                return None
            delay = retry_after
        if deadline is not None and time.monotonic() + delay >= deadline:
            return None
        return delay


def _server_requested_delay(error: FlexportError) -> float | None:
    """The Retry-After of an error response (429, 503, ... any status may carry one), in seconds."""
    if isinstance(error, _ResponseError):
        return parse_retry_after(error.headers.get("retry-after"))
    return None


_RNG = random.Random()  # noqa: S311 - jitter, not cryptography
