"""`wait_for_order`: polls with backoff until the status (or a later one), a typed end otherwise; cancellable."""

from __future__ import annotations

import asyncio

import pytest

from flexport_outbounds_client import (
    NotFoundError,
    Order,
    OrderEndedError,
    OrderStatus,
    RequestValidationError,
    WaitTimeoutError,
)
from flexport_outbounds_client.sandbox import Sandbox

from .conftest import create_request


async def created(sandbox: Sandbox) -> str:
    async with sandbox.client() as client:
        return (await client.create_order(create_request())).order_id


async def test_the_status_or_a_later_one_ends_the_wait() -> None:
    sandbox = Sandbox(auto_advance="on_read")  # every read moves the order one step
    order_id = await created(sandbox)
    seen: list[tuple[OrderStatus | None, OrderStatus]] = []
    async with sandbox.client() as client:
        order = await client.wait_for_order(
            order_id,
            "in_progress",
            interval=0.01,
            on_change=lambda before, now: seen.append((before, now.order_status)),
        )
    assert order.order_status == OrderStatus.IN_PROGRESS
    assert seen == [(None, OrderStatus.BOOKED), (OrderStatus.BOOKED, OrderStatus.IN_PROGRESS)]


async def test_an_order_that_ends_elsewhere_is_a_typed_end() -> None:
    sandbox = Sandbox()
    order_id = await created(sandbox)
    sandbox.advance(order_id, to=OrderStatus.CANCELLED)
    async with sandbox.client() as client:
        with pytest.raises(OrderEndedError, match="ended as CANCELLED") as info:
            await client.wait_for_order(order_id, OrderStatus.SHIPPED, interval=0.01)
    assert isinstance(info.value.order, Order) and info.value.until == OrderStatus.SHIPPED


async def test_the_timeout_is_a_typed_end_with_the_order_as_last_seen() -> None:
    sandbox = Sandbox()
    order_id = await created(sandbox)
    async with sandbox.client() as client:
        with pytest.raises(WaitTimeoutError) as info:
            await client.wait_for_order(order_id, OrderStatus.SHIPPED, interval=0.02, timeout=0.1)
    assert isinstance(info.value, TimeoutError)
    assert info.value.order is not None and info.value.order.order_status == OrderStatus.PLANNED
    polls = [r for r in sandbox.requests if r.operation_id == "getOrder"]
    assert 2 <= len(polls) < 8  # backed off x1.5 from 0.02 s


async def test_transient_failures_are_polled_through_and_told() -> None:
    sandbox = Sandbox()
    order_id = await created(sandbox)
    sandbox.faults.add("server_error", operation="getOrder", times=2)
    errors: list[Exception] = []
    async with sandbox.client(max_retries=0) as client:
        order = await client.wait_for_order(order_id, "PLANNED", interval=0.01, on_error=errors.append)
    assert order.order_status == OrderStatus.PLANNED and len(errors) == 2


async def test_a_failure_polling_cannot_fix_is_raised_at_once() -> None:
    async with Sandbox().client() as client:
        with pytest.raises(NotFoundError):
            await client.wait_for_order("OB-404", OrderStatus.BOOKED, interval=0.01)


async def test_cancelling_the_wait_stops_it() -> None:
    sandbox = Sandbox()
    order_id = await created(sandbox)
    async with sandbox.client() as client:
        task = asyncio.create_task(client.wait_for_order(order_id, OrderStatus.DELIVERED, interval=0.01))
        await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


@pytest.mark.parametrize(
    ("until", "timeout", "interval"), [("SOON", 9.0, 1.0), ("BOOKED", 0.0, 1.0), ("BOOKED", 9.0, -1.0)]
)
async def test_a_wait_that_could_never_end_is_refused(until: str, timeout: float, interval: float) -> None:
    async with Sandbox().client() as client:
        with pytest.raises(RequestValidationError):
            await client.wait_for_order("OB-1", until, timeout=timeout, interval=interval)
