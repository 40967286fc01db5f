"""Canned, spec-valid payloads: a typical order (~0.9 KB), the maximum order, and a create request.

Built once, serialised once: the server sends these exact bytes to every row, and the rows check what they parse
against the same dicts.
"""

from __future__ import annotations

import json
from typing import Any

TYPICAL_ID = "ORD-TYPICAL-0001"
MAXIMUM_ID = "ORD-MAXIMUM-0001"
MAX_ITEMS = 1000  # the spec's maxItems of orderItems
MAX_SHIPMENTS = 50
PACKS_PER_SHIPMENT = 20


def address(n: int) -> dict[str, Any]:
    return {
        "name": f"Receiving dock {n}",
        "street1": f"{100 + n} Market Street",
        "city": "San Francisco",
        "zip": "94105",
        "state": "CA",
        "country": "US",
    }


def order_item(n: int) -> dict[str, Any]:
    return {
        "logisticsSku": f"SKU{n:07d}",
        "quantity": 24,
        "quantityUOM": "EACH",
        "quantityPerPack": 6,
        "lineItemId": f"line-{n}",
        "lotNumber": "LOT-2026-02",
        "unitPrice": 3.5,
        "totalPrice": 84.0,
    }


def pack(shipment: int, n: int) -> dict[str, Any]:
    return {
        "packItems": [{"logisticsSku": f"SKU{shipment * PACKS_PER_SHIPMENT + n:07d}", "quantity": 24}],
        "carrierName": "FedEx Freight",
        "trackingNumber": f"1Z{shipment:04d}{n:06d}",
        "packageStatus": "IN_TRANSIT",
        "sscc": f"{shipment * 1000 + n:018d}",
        "packDims": {"length": 40, "width": 30, "height": 20, "lengthUnit": "cm", "weight": 7.5, "weightUnit": "kg"},
    }


def shipment(n: int, packs: int) -> dict[str, Any]:
    return {
        "status": "SHIPPED",
        "shipmentId": f"SHP-{n:05d}",
        "shipmentChargedWeight": 150.0,
        "shipmentChargedWeightUnit": "kg",
        "shipFromAddress": address(0),
        "shipToAddress": address(n + 1),
        "transportationDetails": {"shippingPartner": "FLEXPORT", "shippingType": "LTL"},
        "packDetails": [pack(n, i) for i in range(packs)],
        "freightDetails": [{"bolId": f"BOL-{n}", "proNumber": f"PRO-{n}", "carrierSCAC": "FXFE"}],
        "shipmentItems": [
            {"logisticsSku": f"SKU{n * PACKS_PER_SHIPMENT + i:07d}", "quantity": 24, "shippedQuantity": 24}
            for i in range(packs)
        ],
    }


def typical_order() -> dict[str, Any]:
    """One line, not yet shipped: what most get_order calls return (~0.9 KB)."""
    return {
        "orderId": TYPICAL_ID,
        "externalId": "PO-2026-000123",
        "externalChannelId": "EDI-884422-01",
        "locationId": "WH-RENO-1",
        "type": "B2B",
        "orderStatus": "BOOKED",
        "orderItems": [order_item(1), order_item(2)],
        "shipments": [
            {
                "status": "BOOKED",
                "shipmentId": "SHP-00001",
                "shipToAddress": address(1),
                "transportationDetails": {"shippingPartner": "FLEXPORT", "shippingType": "LTL"},
            }
        ],
        "shipBy": "2026-03-01T17:00:00Z",
        "notes": "Deliver to dock 4, mornings only.",
        "ingestionChannel": "API",
    }


def maximum_order() -> dict[str, Any]:
    """1,000 order items and 50 shipments of 20 packs each (20 shipment items each)."""
    order = typical_order()
    order.update(
        orderId=MAXIMUM_ID,
        orderStatus="SHIPPED",
        orderItems=[order_item(i) for i in range(MAX_ITEMS)],
        shipments=[shipment(i, PACKS_PER_SHIPMENT) for i in range(MAX_SHIPMENTS)],
    )
    return order


def create_request() -> dict[str, Any]:
    return {
        "type": "B2B",
        "externalId": "PO-2026-000123",
        "orderItems": [order_item(1), order_item(2)],
        "shipToAddress": address(1),
        "transportationDetails": {"shippingPartner": "FLEXPORT", "shippingType": "LTL"},
        "currencyCode": "USD",
        "shipBy": "2026-03-01T17:00:00+00:00",  # as to_dict() writes it, so every row sends equal JSON
        "notes": "Deliver to dock 4, mornings only.",
    }


TYPICAL = typical_order()
MAXIMUM = maximum_order()
CREATE = create_request()
TYPICAL_BYTES = json.dumps(TYPICAL, separators=(",", ":")).encode()
MAXIMUM_BYTES = json.dumps(MAXIMUM, separators=(",", ":")).encode()
