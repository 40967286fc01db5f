"""What a warehouse does to an order: the shipment at creation, packs and freight documents as it moves on.

Bodies here are plain JSON dicts in the shape of the spec's `Order`; `_state` owns them and calls these
functions under its lock.
"""

from __future__ import annotations

import hashlib
import math
import random
from typing import Any, Final

from ._realism import (
    Carrier,
    Warehouse,
    bol_number,
    numeric_id,
    pick_carrier,
    pro_number,
    sscc,
    tracking_number,
)

__all__ = ["ORDER_FLOW", "advance_body", "cancel_body", "new_order_body", "resolved_sku"]

ORDER_FLOW: Final = ("PLANNED", "BOOKED", "IN_PROGRESS", "SHIPPED", "DELIVERED")
_PACKAGE_STATUS: Final = {"IN_PROGRESS": "PRE_TRANSIT", "SHIPPED": "IN_TRANSIT", "DELIVERED": "DELIVERED"}
_LINES_PER_PALLET: Final = 4
_ITEM_FIELDS: Final = (
    "quantityUOM",
    "quantityPerPack",
    "lineItemId",
    "lotNumber",
    "unitPrice",
    "totalPrice",
    "discount",
)


def resolved_sku(item: dict[str, Any]) -> str:
    """The logistics SKU of an order item: its own, or the one Flexport would map its productData to."""
    if item.get("logisticsSku"):
        return str(item["logisticsSku"])
    product = item.get("productData") or {}
    key = next((str(product[k]) for k in ("sku", "gtin", "upc", "buyerPartNumber") if product.get(k)), "")
    return "DSKU" + hashlib.sha256(key.encode()).hexdigest()[:8].upper()


def _shipment_item(item: dict[str, Any]) -> dict[str, Any]:
    shipment_item: dict[str, Any] = {"logisticsSku": resolved_sku(item), "quantity": item["quantity"]}
    shipment_item.update({k: item[k] for k in _ITEM_FIELDS if k in item})
    shipment_item["shippedQuantity"] = 0
    return shipment_item


def _shipping_type(body: dict[str, Any]) -> str:
    return str(body["shipments"][0]["transportationDetails"].get("shippingType") or "LTL")


def new_order_body(request: dict[str, Any], *, order_id: str, shipment_id: str, warehouse: Warehouse) -> dict[str, Any]:
    """The order as stored right after creation: PLANNED, one PLANNED shipment, no packs yet."""
    shipment = {
        "status": "PLANNED",
        "shipmentId": shipment_id,
        "shipFromAddress": dict(warehouse.address),
        "shipToAddress": request["shipToAddress"],
        "transportationDetails": request["transportationDetails"],
        "packDetails": [],
        "freightDetails": [],
        "shipmentItems": [_shipment_item(item) for item in request["orderItems"]],
    }
    body: dict[str, Any] = {
        "orderId": order_id,
        "locationId": request.get("locationId") or warehouse.location_id,
        "type": request["type"],
        "orderStatus": "PLANNED",
        "orderItems": request["orderItems"],
        "shipments": [shipment],
        "ingestionChannel": request.get("ingestionChannel", "API"),
    }
    body.update({k: request[k] for k in ("externalId", "shipBy", "notes", "retailerData") if k in request})
    return body


def _carrier(body: dict[str, Any], rng: random.Random) -> Carrier:
    details = body["shipments"][0]["transportationDetails"]
    requested = None
    if details.get("shippingPartner", "FLEXPORT") != "FLEXPORT":
        requested = (details.get("carrierAccountDetails") or {}).get("carrierName")
    return pick_carrier(_shipping_type(body), requested, rng)


def _pack(items: list[dict[str, Any]], carrier: Carrier, freight: bool, rng: random.Random) -> dict[str, Any]:
    if freight:
        dims = {"length": 48, "width": 40, "height": rng.choice([36, 48, 60, 72]), "weight": rng.randint(250, 1400)}
    else:
        dims = {"length": 18, "width": 12, "height": rng.choice([8, 10, 12, 16]), "weight": rng.randint(4, 45)}
    return {
        "packItems": [
            {"logisticsSku": i["logisticsSku"], "quantity": i["quantity"], "quantityUOM": i.get("quantityUOM", "EACH")}
            for i in items
        ],
        "carrierName": carrier.name,
        "carrierSCAC": carrier.scac,
        "trackingNumber": tracking_number(carrier, rng),
        "packageStatus": "PRE_TRANSIT",
        "sscc": sscc(rng),
        "packDims": {**dims, "lengthUnit": "in", "weightUnit": "lb"},
        "boxId": numeric_id("BX", rng, 10),
    }


def _pack_shipment(body: dict[str, Any], rng: random.Random) -> None:
    """Packs (cartons for parcel, pallets for LTL/FTL), carrier, tracking, BOL and PRO for freight."""
    shipment = body["shipments"][0]
    carrier = _carrier(body, rng)
    freight = _shipping_type(body) in {"LTL", "FTL"}
    items = shipment["shipmentItems"]
    per_pack = _LINES_PER_PALLET if freight else 1
    groups = [items[i : i + per_pack] for i in range(0, len(items), per_pack)]
    packs = [_pack(group, carrier, freight, rng) for group in groups]
    if freight:
        pro = pro_number(rng)
        for pack in packs:
            pack["trackingNumber"] = pro
        shipment["freightDetails"] = [
            {"bolId": bol_number(rng), "proNumber": pro, "carrierName": carrier.name, "carrierSCAC": carrier.scac}
        ]
    shipment["packDetails"] = packs
    shipment["shipmentChargedWeight"] = math.fsum(p["packDims"]["weight"] for p in packs)
    shipment["shipmentChargedWeightUnit"] = "lb"


def advance_body(body: dict[str, Any], rng: random.Random) -> str:
    """Move the order one step along PLANNED → BOOKED → IN_PROGRESS → SHIPPED → DELIVERED; return the new status.

    Raises:
        ValueError: when the order is DELIVERED or CANCELLED (no further step).
    """
    current = body["orderStatus"]
    if current not in ORDER_FLOW[:-1]:
        raise ValueError(f"order {body['orderId']} is {current}; it has no next status")
    new = ORDER_FLOW[ORDER_FLOW.index(current) + 1]
    body["orderStatus"] = new
    shipment = body["shipments"][0]
    shipment["status"] = new
    if new == "IN_PROGRESS":
        _pack_shipment(body, rng)
    if new == "SHIPPED":
        for item in shipment["shipmentItems"]:
            item["shippedQuantity"] = item["quantity"]
    for pack in shipment["packDetails"]:
        pack["packageStatus"] = _PACKAGE_STATUS.get(new, pack["packageStatus"])
    return str(new)


def cancel_body(body: dict[str, Any]) -> None:
    """Mark the order and its shipments CANCELLED (the caller checks that this is allowed)."""
    body["orderStatus"] = "CANCELLED"
    for shipment in body["shipments"]:
        shipment["status"] = "CANCELLED"
