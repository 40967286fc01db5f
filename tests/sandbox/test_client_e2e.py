"""OutboundsClient end to end against the sandbox in process: the lifecycle, every fault kind, exactly-once create."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from typing import Any

import pytest

from flexport_outbounds_client import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    ClientClosedError,
    ConflictError,
    NotFoundError,
    OrderNotCancellableError,
    OrderStatus,
    OutboundsClient,
    RateLimitError,
    RetryPolicy,
    ServerError,
)
from flexport_outbounds_client.sandbox import FaultKind, ManualClock, Sandbox

from .conftest import order_request

FAST = RetryPolicy(max_retries=3, initial_delay=0.001, max_delay=0.01)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


@pytest.fixture
async def client(sandbox: Sandbox) -> AsyncIterator[OutboundsClient]:
    async with sandbox.client(retry_policy=FAST, timeout=5.0) as client:
        yield client


async def test_the_whole_lifecycle(client: OutboundsClient, sandbox: Sandbox) -> None:
    order = await client.create_order(order_request())
    assert order.order_status == OrderStatus.PLANNED
    assert (await client.get_order(order.order_id)).order_id == order.order_id
    assert (await client.get_order_by_external_id("PO-1001")).order_id == order.order_id

    sandbox.advance(order.order_id, to=OrderStatus.BOOKED)
    shipment_id = order.shipments[0].shipment_id
    target = await client.upload_shipment_attachment(
        order.order_id, shipment_id, attachment_type="CASE_LABELS", file=PDF
    )
    assert target.attachment_type == "CASE_LABELS"
    assert sandbox.uploads[(order.order_id, shipment_id, "CASE_LABELS")] == PDF
    put = sandbox.requests[-1]
    assert put.operation_id == "uploadAttachment"
    assert "authorization" not in put.headers

    await client.cancel_order(order.order_id)
    await client.cancel_order(order.order_id)  # no-op
    assert (await client.get_order(order.order_id)).order_status == OrderStatus.CANCELLED
    assert all("authorization" not in r.headers for r in sandbox.requests)


async def test_shipping_progress_is_visible_to_the_client(client: OutboundsClient, sandbox: Sandbox) -> None:
    order = await client.create_order(order_request())
    sandbox.advance(order.order_id, to=OrderStatus.SHIPPED)
    shipped = await client.get_order(order.order_id)
    (shipment,) = shipped.shipments
    assert shipment.status == "SHIPPED"
    assert shipment.freight_details[0].bol_id
    assert {p.package_status for p in shipment.pack_details} == {"IN_TRANSIT"}
    with pytest.raises(OrderNotCancellableError):
        await client.cancel_order(order.order_id)


async def test_typed_errors(client: OutboundsClient, sandbox: Sandbox) -> None:
    with pytest.raises(NotFoundError):
        await client.get_order("OB-404")
    with pytest.raises(NotFoundError):
        await client.get_order_by_external_id("nobody")
    async with sandbox.client(token="wrong-token", retry_policy=FAST) as stranger:
        with pytest.raises(AuthenticationError):
            await stranger.get_order("OB-1")


async def test_a_reused_idempotency_key_with_another_body(client: OutboundsClient) -> None:
    await client.create_order(order_request(externalId="A"), idempotency_key="k-1")
    with pytest.raises(ConflictError):
        await client.create_order(order_request(externalId="B"), idempotency_key="k-1")


async def test_on_read_auto_advance_with_the_client(clock: ManualClock) -> None:
    sandbox = Sandbox(clock=clock, auto_advance="on_read", validate_responses=True)
    async with sandbox.client(retry_policy=FAST) as client:
        order = await client.create_order(order_request())
        statuses = [(await client.get_order(order.order_id)).order_status for _ in range(4)]
    assert statuses == ["BOOKED", "IN_PROGRESS", "SHIPPED", "DELIVERED"]


@pytest.mark.parametrize(
    ("kind", "extra"),
    [
        ("rate_limit", {"retry_after": 0}),
        ("server_error", {"status": 503}),
        ("server_error", {"status": 500}),
        ("html_error", {"status": 502}),
        ("empty_error", {"status": 504}),
        ("commit_then_drop", {}),
    ],
)
@pytest.mark.parametrize("operation", ["createOrder", "getOrder", "getShipmentAttachmentUploadUrl"])
async def test_the_client_survives_two_faults_of_each_kind(
    client: OutboundsClient, sandbox: Sandbox, kind: Any, extra: dict[str, Any], operation: str
) -> None:
    seed = await client.create_order(order_request(externalId="seed"))
    fault = sandbox.faults.add(kind, operation=operation, times=2, **extra)
    if operation == "createOrder":
        order = await client.create_order(order_request())
        assert len(sandbox.orders) == 2
        assert order.external_id == "PO-1001"
    elif operation == "getOrder":
        assert (await client.get_order(seed.order_id)).order_id == seed.order_id
    else:
        target = await client.get_shipment_attachment_upload_url(
            seed.order_id, seed.shipments[0].shipment_id, attachment_type="CASE_LABELS"
        )
        assert target.upload_url.startswith("http://sandbox.invalid/_sandbox/uploads/")
    # after a dropped create the client finds the order by externalId instead of sending the create again
    recovered_by_lookup = kind == "commit_then_drop" and operation == "createOrder"
    assert fault.fired == (1 if recovered_by_lookup else 2)


async def test_too_many_faults_surface_as_typed_errors(sandbox: Sandbox) -> None:
    async with sandbox.client(retry_policy=RetryPolicy(max_retries=0)) as client:
        cases: list[tuple[Any, dict[str, Any], type[Exception]]] = [
            ("rate_limit", {"retry_after": 0}, RateLimitError),
            ("server_error", {"status": 502}, ServerError),
            ("html_error", {"status": 503}, ServerError),
            ("empty_error", {"status": 500}, ServerError),
            ("commit_then_drop", {}, APIConnectionError),
        ]
        for kind, extra, error in cases:
            sandbox.faults.add(kind, operation="getOrder", **extra)
            with pytest.raises(error):
                await client.get_order("OB-1")


async def test_a_delay_longer_than_the_timeout_times_out(sandbox: Sandbox) -> None:
    sandbox.faults.add("delay", operation="getOrder", seconds=2)
    async with sandbox.client(retry_policy=RetryPolicy(max_retries=0), timeout=0.1) as client:
        with pytest.raises(APITimeoutError):
            await client.get_order("OB-1")


async def test_create_after_a_timeout_is_exactly_once(sandbox: Sandbox) -> None:
    # the first attempt times out but the sandbox still commits it, as a real server would
    sandbox.faults.add("delay", operation="createOrder", seconds=0.3)
    async with sandbox.client(retry_policy=RetryPolicy(max_retries=5, initial_delay=0.2), timeout=0.1) as client:
        order = await client.create_order(order_request())
    assert list(sandbox.orders) == [order.order_id]


async def test_upload_survives_storage_faults(client: OutboundsClient, sandbox: Sandbox) -> None:
    order = await client.create_order(order_request())
    shipment_id = order.shipments[0].shipment_id
    sandbox.faults.add("server_error", operation="uploadAttachment", status=503)
    await client.upload_shipment_attachment(order.order_id, shipment_id, attachment_type="SHIPPING_LABELS", file=PDF)
    assert sandbox.uploads[(order.order_id, shipment_id, "SHIPPING_LABELS")] == PDF


@pytest.mark.parametrize("kind", ["commit_then_drop", "commit_then_error"])
@pytest.mark.parametrize("with_key", [False, True])
async def test_exactly_once_create_after_commit(sandbox: Sandbox, with_key: bool, kind: FaultKind) -> None:
    """Many orders, each create's first response lost (or replaced by a 5xx) after the commit: 0 dups, 0 lost."""
    rng = random.Random(4)
    trials = 60
    async with sandbox.client(retry_policy=FAST) as client:
        returned = []
        for trial in range(trials):
            sandbox.faults.add(kind, operation="createOrder", times=rng.choice([1, 2]))
            if rng.random() < 0.3:
                sandbox.faults.add("server_error", operation="getOrderByExternalId", status=503)
            key = f"key-{trial}" if with_key else None
            order = await client.create_order(order_request(externalId=f"PO-{trial}"), idempotency_key=key)
            returned.append(order.order_id)
    stored = {sandbox.orders[o].external_id: o for o in sandbox.orders}
    assert len(sandbox.orders) == trials  # no duplicates
    assert sorted(returned) == sorted(stored.values())  # none lost: every call returned the stored order
    assert sandbox.faults.fired[kind] >= trials


async def test_closing_the_sandbox_client_closes_its_http_client() -> None:
    sandbox = Sandbox()
    client = sandbox.client()
    async with client:
        await client.create_order(order_request())
    with pytest.raises(ClientClosedError):
        await client.get_order("OB-1")
