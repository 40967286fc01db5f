"""`orders watch`: poll one order with backoff until it reaches a status, ends, or time runs out."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

from .._client import OutboundsClient
from .._errors import APIConnectionError, RateLimitError, ServerError
from .._generated.models import Order, OrderStatus

__all__ = ["FLOW", "WatchResult", "has_reached", "is_terminal", "watch_order"]

FLOW = (OrderStatus.PLANNED, OrderStatus.BOOKED, OrderStatus.IN_PROGRESS, OrderStatus.SHIPPED, OrderStatus.DELIVERED)
UNKNOWN_RANK = FLOW.index(OrderStatus.IN_PROGRESS) + 0.5  # the spec: treat unknown statuses as later than IN_PROGRESS
BACKOFF = 1.5
MAX_POLL_INTERVAL = 30.0
Ending = Literal["reached", "terminal", "timeout"]


@dataclass(frozen=True)
class WatchResult:
    """How a watch ended and the order as last seen."""

    ending: Ending
    order: Order


def _rank(status: OrderStatus) -> float | None:
    if status in FLOW:
        return float(FLOW.index(status))
    if status == OrderStatus.CANCELLED:
        return None
    return UNKNOWN_RANK


def has_reached(status: OrderStatus, until: OrderStatus) -> bool:
    """Is `status` the awaited one or past it along PLANNED → ... → DELIVERED? (CANCELLED is only itself.)"""
    if status == until:
        return True
    current, target = _rank(status), _rank(until)
    return current is not None and target is not None and current >= target


def is_terminal(status: OrderStatus) -> bool:
    """DELIVERED, CANCELLED, or a status this version does not know (it cannot tell what comes after it)."""
    return status in (OrderStatus.DELIVERED, OrderStatus.CANCELLED) or not status.is_known


async def watch_order(
    client: OutboundsClient,
    order_id: str,
    until: OrderStatus,
    *,
    interval: float,
    timeout: float,
    on_change: Callable[[OrderStatus | None, Order], None],
    on_retry: Callable[[Exception], None],
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> WatchResult:
    """Poll `order_id` (every `interval` seconds, backing off x1.5 up to 30 s while nothing changes).

    Calls `on_change(previous, order)` for the first status seen and every change. Transient failures (network,
    5xx, 429) are reported to `on_retry` and polling goes on until the timeout.

    Raises:
        NotFoundError, AuthenticationError, ...: failures that polling again cannot fix.
        APIConnectionError, ServerError, RateLimitError: when no poll succeeded before the timeout.
    """
    deadline = time.monotonic() + timeout
    delay, last_status = interval, None
    last_order: Order | None = None
    failure: Exception | None = None
    while True:
        try:
            order = await client.get_order(order_id, timeout=max(1.0, min(30.0, deadline - time.monotonic())))
        except (APIConnectionError, ServerError, RateLimitError) as exc:
            failure = exc
            on_retry(exc)
        else:
            last_order = order
            if order.order_status != last_status:
                on_change(last_status, order)
                last_status, delay = order.order_status, interval
            else:
                delay = min(delay * BACKOFF, max(MAX_POLL_INTERVAL, interval))
            if has_reached(order.order_status, until):
                return WatchResult("reached", order)
            if is_terminal(order.order_status):
                return WatchResult("terminal", order)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            if last_order is None and failure is not None:
                raise failure
            assert last_order is not None  # every poll either set it or failed
            return WatchResult("timeout", last_order)
        await sleep(min(delay, remaining))
