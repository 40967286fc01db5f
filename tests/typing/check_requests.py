"""Type-checked by `make typecheck` (mypy --strict and pyright strict), never run: request mappings are checked.

`create_order` takes the model or a `CreateOrderRequestParam` mapping in the API's camelCase JSON form. The
`type: ignore` lines must stay errors in both checkers (an ignore that is not needed fails the check).
"""

from __future__ import annotations

from typing import Any, cast

from flexport_outbounds_client import CreateOrderRequest, CreateOrderRequestParam, OutboundsClient, QuantityUom
from flexport_outbounds_client.params import AddressParam, OrderItemParam

ADDRESS: AddressParam = {
    "name": "Dock 4",
    "street1": "1 Market St",
    "city": "San Francisco",
    "state": "CA",
    "zip": "94105",
    "country": "US",
}
REQUEST: CreateOrderRequestParam = {
    "type": "B2B",
    "externalId": "PO-1001",
    "orderItems": [{"logisticsSku": "SKU-A", "quantity": 12, "quantityUOM": "CASE"}],
    "shipToAddress": ADDRESS,
    "transportationDetails": {"shippingPartner": "FLEXPORT", "shippingType": "LTL"},
}


async def camel_case_mappings_type_check(client: OutboundsClient, model: CreateOrderRequest) -> None:
    await client.create_order(REQUEST)
    await client.create_order(model)
    await client.create_order({**REQUEST, "externalId": "PO-1002", "notes": "second"})
    items: list[OrderItemParam] = [
        {"logisticsSku": "SKU-B", "quantity": 2.5, "quantityUOM": QuantityUom.EACH},  # an enum member
        {"productData": {"gtin": "00012345678905"}, "quantity": 1, "quantityUOM": QuantityUom("PALLET")},  # new value
    ]
    await client.create_order({**REQUEST, "orderItems": items, "shipBy": "2026-03-02T15:00:00Z"})


async def snake_case_and_misspelt_mappings_do_not(client: OutboundsClient, loaded: dict[str, Any]) -> None:
    await client.create_order({**REQUEST, "external_id": "PO-1003"})  # type: ignore[arg-type]
    await client.create_order(
        {  # type: ignore[arg-type]
            "type": "B2B",
            "order_items": [],
            "shipToAddress": ADDRESS,
            "transportationDetails": {},
        }
    )
    bad_unit: OrderItemParam = {"logisticsSku": "SKU-C", "quantity": 1, "quantityUOM": "CASES"}  # type: ignore[typeddict-item]
    missing: CreateOrderRequestParam = {"type": "B2B", "orderItems": [bad_unit]}  # type: ignore[typeddict-item]
    await client.create_order(missing)
    await client.create_order(loaded)  # type: ignore[arg-type]
    await client.create_order(cast(CreateOrderRequestParam, loaded))  # data from elsewhere: checked at run time
