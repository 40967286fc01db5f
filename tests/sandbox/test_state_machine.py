"""The order state machine: advance(), auto-advance on read and by time, and what appears at each step."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from flexport_outbounds_client import OrderStatus
from flexport_outbounds_client._generated.models import PackageStatus
from flexport_outbounds_client._spec import spec_validator
from flexport_outbounds_client.sandbox import InvalidTransitionError, ManualClock, Sandbox, UnknownOrderError
from flexport_outbounds_client.sandbox._realism import gs1_check_digit
from flexport_outbounds_client.sandbox._state import SandboxState

from .conftest import AUTH, ORDERS, create, order_request

FLOW = [OrderStatus.BOOKED, OrderStatus.IN_PROGRESS, OrderStatus.SHIPPED, OrderStatus.DELIVERED]


async def test_advance_one_step_at_a_time(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    order_id = (await create(http))["orderId"]
    seen = [sandbox.advance(order_id) for _ in FLOW]
    assert seen == FLOW
    assert all(isinstance(s, OrderStatus) for s in seen)
    with pytest.raises(InvalidTransitionError, match="DELIVERED"):
        sandbox.advance(order_id)


async def test_advance_to_a_status(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    order_id = (await create(http))["orderId"]
    assert sandbox.advance(order_id, to=OrderStatus.SHIPPED) == OrderStatus.SHIPPED
    assert sandbox.advance(order_id, to="SHIPPED") == OrderStatus.SHIPPED  # already there: no-op
    with pytest.raises(InvalidTransitionError, match="already past BOOKED"):
        sandbox.advance(order_id, to=OrderStatus.BOOKED)
    with pytest.raises(InvalidTransitionError, match="only PLANNED or BOOKED"):
        sandbox.advance(order_id, to=OrderStatus.CANCELLED)
    assert sandbox.advance(order_id, to=OrderStatus.DELIVERED) == OrderStatus.DELIVERED


async def test_advance_to_cancelled_and_beyond(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    order_id = (await create(http))["orderId"]
    assert sandbox.advance(order_id, to=OrderStatus.CANCELLED) == OrderStatus.CANCELLED
    assert sandbox.advance(order_id, to=OrderStatus.CANCELLED) == OrderStatus.CANCELLED
    with pytest.raises(InvalidTransitionError, match="CANCELLED"):
        sandbox.advance(order_id)
    with pytest.raises(InvalidTransitionError):
        sandbox.advance(order_id, to=OrderStatus.BOOKED)


def test_advance_rejects_unknown_orders_and_statuses(sandbox: Sandbox) -> None:
    with pytest.raises(UnknownOrderError, match="cannot find order OB-1") as info:
        sandbox.advance("OB-1")
    assert isinstance(info.value, KeyError)
    with pytest.raises(ValueError, match="unknown order status"):
        sandbox.advance("OB-1", to="LOST")


async def test_packs_and_freight_appear_as_an_ltl_order_moves(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    items = [{"logisticsSku": f"SKU-{i}", "quantity": 10 + i, "quantityUOM": "CASE"} for i in range(6)]
    order_id = (await create(http, orderItems=items))["orderId"]
    sandbox.advance(order_id)
    booked = sandbox.orders[order_id].shipments[0]
    assert booked.status == "BOOKED"
    assert booked.pack_details == []
    assert booked.freight_details == []

    sandbox.advance(order_id)
    shipment = sandbox.orders[order_id].shipments[0]
    assert shipment.status == "IN_PROGRESS"
    assert len(shipment.pack_details) == 2  # pallets of up to four lines
    (freight,) = shipment.freight_details
    assert len(freight.bol_id) == 17
    assert freight.bol_id[-1] == gs1_check_digit(freight.bol_id[:-1])
    assert len(freight.pro_number) == 10
    assert freight.pro_number.isdigit()
    for pack in shipment.pack_details:
        assert len(pack.sscc) == 18
        assert pack.sscc.isdigit()
        assert pack.sscc[-1] == gs1_check_digit(pack.sscc[:-1])
        assert pack.tracking_number == freight.pro_number
        assert pack.carrier_scac == freight.carrier_scac
        assert len(pack.carrier_scac) == 4
        assert pack.package_status == PackageStatus.PRE_TRANSIT
        assert pack.pack_dims.length == 48
        assert pack.pack_dims.width == 40
    assert sum(len(p.pack_items) for p in shipment.pack_details) == 6
    assert shipment.shipment_charged_weight == sum(p.pack_dims.weight for p in shipment.pack_details)
    assert all(i.shipped_quantity == 0 for i in shipment.shipment_items)

    sandbox.advance(order_id)
    shipped = sandbox.orders[order_id].shipments[0]
    assert {p.package_status for p in shipped.pack_details} == {PackageStatus.IN_TRANSIT}
    assert [i.shipped_quantity for i in shipped.shipment_items] == [i["quantity"] for i in items]
    assert [p.sscc for p in shipped.pack_details] == [p.sscc for p in shipment.pack_details]  # stable

    sandbox.advance(order_id)
    delivered = sandbox.orders[order_id].shipments[0]
    assert delivered.status == "DELIVERED"
    assert {p.package_status for p in delivered.pack_details} == {PackageStatus.DELIVERED}


@pytest.mark.parametrize(
    ("carrier", "prefix", "scac"), [("UPS", "1Z", "UPSN"), ("FedEx Ground", "", "FDEG"), ("Pony Express", "", "PONY")]
)
async def test_parcel_orders_get_cartons_with_carrier_tracking_numbers(
    http: httpx.AsyncClient, sandbox: Sandbox, carrier: str, prefix: str, scac: str
) -> None:
    details = {
        "shippingPartner": "THIRD_PARTY",
        "shippingType": "PARCEL",
        "carrierAccountDetails": {"carrierName": carrier},
    }
    order_id = (await create(http, transportationDetails=details))["orderId"]
    sandbox.advance(order_id, to=OrderStatus.IN_PROGRESS)
    shipment = sandbox.orders[order_id].shipments[0]
    assert len(shipment.pack_details) == 2  # one carton per line
    assert shipment.freight_details == []
    for pack in shipment.pack_details:
        assert pack.carrier_name == carrier
        assert pack.carrier_scac == scac
        assert pack.tracking_number.startswith(prefix)
        assert pack.pack_dims.length == 18


async def test_flexport_booked_carriers_come_from_the_shipping_type(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    scacs = {}
    for shipping_type in ("FTL", "PARCEL"):
        details = {"shippingPartner": "FLEXPORT", "shippingType": shipping_type}
        order_id = (await create(http, externalId=shipping_type, transportationDetails=details))["orderId"]
        sandbox.advance(order_id, to=OrderStatus.IN_PROGRESS)
        scacs[shipping_type] = sandbox.orders[order_id].shipments[0].pack_details[0].carrier_scac
    assert scacs["FTL"] in {"JBHT", "SNLU"}
    assert scacs["PARCEL"] in {"UPSN", "FDEG"}


async def test_on_read_moves_an_order_one_step_per_read(clock: ManualClock) -> None:
    sandbox = Sandbox(clock=clock, auto_advance="on_read", validate_responses=True)
    async with sandbox.http_client(headers=AUTH) as http:
        order = await create(http)
        statuses = [(await http.get(f"{ORDERS}/{order['orderId']}")).json()["orderStatus"] for _ in range(5)]
        by_external = (await http.get(f"{ORDERS}/external_id/PO-1001")).json()["orderStatus"]
    assert statuses == [*FLOW, "DELIVERED"]
    assert by_external == "DELIVERED"
    assert sandbox.orders[order["orderId"]].order_status == OrderStatus.DELIVERED  # the view is not a read


async def test_timed_auto_advance_follows_the_clock(clock: ManualClock) -> None:
    sandbox = Sandbox(clock=clock, auto_advance="timed", advance_every=30, validate_responses=True)
    async with sandbox.http_client(headers=AUTH) as http:
        order_id = (await create(http))["orderId"]
        assert sandbox.orders[order_id].order_status == OrderStatus.PLANNED
        clock.advance(29.9)
        assert (await http.get(f"{ORDERS}/{order_id}")).json()["orderStatus"] == "PLANNED"
        clock.advance(0.1)
        assert (await http.get(f"{ORDERS}/{order_id}")).json()["orderStatus"] == "BOOKED"
        clock.advance(65)
        assert sandbox.orders[order_id].order_status == OrderStatus.SHIPPED
        clock.advance(3600)
        assert sandbox.orders[order_id].order_status == OrderStatus.DELIVERED
        other = (await create(http, externalId="B"))["orderId"]
        clock.advance(60)
        assert (await http.post(f"{ORDERS}/{other}/cancel")).status_code == 409  # it became IN_PROGRESS


def test_manual_clock() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    clock = ManualClock(start)
    clock.advance(90)
    assert clock.monotonic() == 90
    assert clock.now() == datetime(2026, 1, 1, 0, 1, 30, tzinfo=UTC)
    with pytest.raises(ValueError, match="backwards"):
        clock.advance(-1)
    with pytest.raises(ValueError, match="timezone-aware"):
        ManualClock(datetime(2026, 1, 1))
    assert abs((ManualClock().now() - datetime.now(UTC)).total_seconds()) < 5


def test_system_clock_is_real_time() -> None:
    sandbox = Sandbox()
    assert abs((sandbox.clock.now() - datetime.now(UTC)).total_seconds()) < 5
    first = sandbox.clock.monotonic()
    assert sandbox.clock.monotonic() >= first


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"token": ""}, "token"),
        ({"token": " x"}, "token"),
        ({"auto_advance": "sometimes"}, "auto_advance"),
        ({"advance_every": 0}, "advance_every"),
    ],
)
def test_bad_settings_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Sandbox(**kwargs)  # type: ignore[arg-type]


async def test_seeded_sandboxes_generate_the_same_ids(clock: ManualClock) -> None:
    bodies = []
    for _ in range(2):
        sandbox = Sandbox(clock=clock, seed=42)
        async with sandbox.http_client(headers=AUTH) as http:
            order_id = (await create(http))["orderId"]
        sandbox.advance(order_id, to=OrderStatus.IN_PROGRESS)
        bodies.append(sandbox.orders.raw(order_id))
    assert bodies[0] == bodies[1]


async def test_reset_forgets_everything_and_restarts_the_ids(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    first = (await create(http))["orderId"]
    sandbox.faults.add("server_error", times=None)
    sandbox.reset()
    assert not sandbox.orders
    assert not sandbox.requests
    assert not sandbox.faults.pending
    assert (await create(http))["orderId"] == first  # seeded: the same id again, and PO-1001 is free again
    assert len(sandbox.orders) == 1
    assert list(sandbox.orders) == [first]
    assert "orders=1" in repr(sandbox)


async def test_orders_view_is_read_only_and_typed(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    order_id = (await create(http))["orderId"]
    order = sandbox.orders[order_id]
    assert order.order_status == OrderStatus.PLANNED
    order.shipments.clear()  # a copy: the sandbox is unaffected
    assert sandbox.orders[order_id].shipments
    assert sandbox.orders.get("OB-0") is None
    assert "OB-0" not in sandbox.orders
    with pytest.raises(TypeError):
        sandbox.orders[order_id] = order  # type: ignore[index]


def test_request_order_ids_are_not_reused(clock: ManualClock) -> None:
    state = SandboxState(clock, spec_validator(), seed=7)
    ids = {state.create_order(order_request(externalId=str(i)), None)[0]["orderId"] for i in range(200)}
    assert len(ids) == 200
