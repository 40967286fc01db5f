"""Input checks made before anything is sent: the create-order rules Flexport documents, and path ids.

Checks run on the request's JSON form (camelCase field paths such as `orderItems[3].quantity`), so a plain
mapping and a `CreateOrderRequest` get the same checks and the same error messages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from ._errors import RequestValidationError
from ._generated.models import CreateOrderRequest

__all__ = ["MAX_ORDER_ITEMS", "check_path_id", "validate_create_order"]

MAX_ORDER_ITEMS = 1000
MAX_ID_LENGTH = 512
ADDRESS_REQUIRED = ("name", "street1", "city", "zip", "state", "country")
QUANTITY_UOMS = ("EACH", "CASE")
CURRENCY = re.compile(r"^[A-Z]{3}$")
NOT_CURRENCIES = frozenset({"LTL", "FTL"})  # the documentation's own example error
GTIN = re.compile(r"^[0-9]{8,14}$")
PRODUCT_IDENTIFIERS = ("sku", "upc", "gtin", "buyerPartNumber")
Problems = Iterator[tuple[str, str]]


def validate_create_order(request: CreateOrderRequest | Mapping[str, Any]) -> CreateOrderRequest:
    """Check a create-order request and return it as a model.

    Raises:
        RequestValidationError: naming every offending field, when any documented rule is broken.
    """
    if isinstance(request, CreateOrderRequest):
        data = request.to_dict()
    elif isinstance(request, Mapping):
        data = dict(request)
    else:
        raise RequestValidationError(
            {"request": f"expected CreateOrderRequest or a mapping, got {type(request).__name__}"}
        )
    problems = dict(_order_problems(data))
    if problems:
        raise RequestValidationError(problems)
    return request if isinstance(request, CreateOrderRequest) else CreateOrderRequest.from_dict(data)


def check_path_id(name: str, value: object) -> str:
    """Return `value` if it can be a path segment; it is percent-encoded later, so `/` or `%` cannot move the path.

    Raises:
        RequestValidationError: for a non-string, empty, whitespace-only, `.`/`..`, over-long or control-char id.
    """
    problem = _id_problem(value)
    if problem:
        raise RequestValidationError({name: problem})
    assert isinstance(value, str)  # _id_problem refused everything else
    return value


def _id_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return f"must be a string, got {type(value).__name__}"
    if not value.strip():
        return "must not be empty"
    if value in (".", ".."):
        return "must not be '.' or '..' (it would change the URL path)"
    if len(value) > MAX_ID_LENGTH:
        return f"must be at most {MAX_ID_LENGTH} characters"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        return "must not contain control characters"
    return None


def _order_problems(data: Mapping[str, Any]) -> Problems:
    if data.get("type") != "B2B":
        yield "type", f"must be 'B2B' (the only supported type), got {data.get('type')!r}"
    yield from _items_problems(data.get("orderItems"))
    yield from _address_problems("shipToAddress", data.get("shipToAddress"), required=True)
    if not isinstance(data.get("transportationDetails"), Mapping):
        yield "transportationDetails", "is required (an object with shippingPartner, shippingType, ...)"
    yield from _optional_string("externalId", data, min_length=1)
    currency = data.get("currencyCode")
    if currency is not None and (
        not isinstance(currency, str) or not CURRENCY.match(currency) or currency in NOT_CURRENCIES
    ):
        yield "currencyCode", f"must be an ISO 4217 code such as 'USD', got {currency!r}"
    retailer = data.get("retailerData")
    if isinstance(retailer, Mapping) and "address" in retailer:
        yield from _address_problems("retailerData.address", retailer["address"], required=True)


def _currency_problems(currency: Any) -> Problems:
    if currency is None:
        return
    if not isinstance(currency, str) or not CURRENCY.match(currency) or currency in NOT_CURRENCIES:
        yield "currencyCode", f"must be an ISO 4217 code such as 'USD', got {currency!r}"


def _items_problems(items: Any) -> Problems:
    if not isinstance(items, list) or not items:
        yield "orderItems", "must be a list of 1 to 1000 items"
        return
    if len(items) > MAX_ORDER_ITEMS:
        yield "orderItems", f"has {len(items)} items; at most {MAX_ORDER_ITEMS} are allowed per order"
    for index, item in enumerate(items):
        yield from _item_problems(f"orderItems[{index}]", item)
    yield from _duplicate_sku_problems(items)


def _item_problems(path: str, item: Any) -> Problems:
    if not isinstance(item, Mapping):
        yield path, "must be an object"
        return
    yield from _positive_number(f"{path}.quantity", item.get("quantity"), required=True)
    if item.get("quantityUOM") not in QUANTITY_UOMS:
        yield f"{path}.quantityUOM", f"must be EACH or CASE, got {item.get('quantityUOM')!r}"
    yield from _positive_number(f"{path}.quantityPerPack", item.get("quantityPerPack"), required=False)
    for price in ("unitPrice", "totalPrice", "discount"):
        yield from _non_negative_number(f"{path}.{price}", item.get(price))
    yield from _product_problems(path, item)


def _product_problems(path: str, item: Mapping[str, Any]) -> Problems:
    sku, product = item.get("logisticsSku"), item.get("productData")
    if sku is not None and (not isinstance(sku, str) or not sku.strip()):
        yield f"{path}.logisticsSku", "must be a non-empty string"
    if product is None:
        if sku is None:
            yield f"{path}.productData", "is required when logisticsSku is absent"
        return
    if not isinstance(product, Mapping):
        yield f"{path}.productData", "must be an object"
        return
    if sku is None and not any(product.get(key) for key in PRODUCT_IDENTIFIERS):
        yield f"{path}.productData", "needs sku, upc, gtin or buyerPartNumber when logisticsSku is absent"
    gtin = product.get("gtin")
    if gtin is not None and (not isinstance(gtin, str) or not GTIN.match(gtin)):
        yield f"{path}.productData.gtin", f"must be 8 to 14 digits as a string (leading zeros matter), got {gtin!r}"


def _duplicate_sku_problems(items: list[Any]) -> Problems:
    keys = [_sku_key(item) for item in items if isinstance(item, Mapping)]
    for key, count in Counter(k for k in keys if k is not None).items():
        if count == 1:
            continue
        positions = [i for i, item in enumerate(items) if isinstance(item, Mapping) and _sku_key(item) == key]
        yield (
            f"orderItems[{positions[1]}]",
            f"duplicate SKU {key[1]!r} ({count} times, at {positions}); SKUs must be unique",
        )


def _sku_key(item: Mapping[str, Any]) -> tuple[str, str] | None:
    if isinstance(item.get("logisticsSku"), str):
        return ("logisticsSku", item["logisticsSku"])
    product = item.get("productData")
    if isinstance(product, Mapping) and isinstance(product.get("sku"), str):
        return ("productData.sku", product["sku"])
    return None


def _address_problems(path: str, address: Any, *, required: bool) -> Problems:
    if address is None and not required:
        return
    if not isinstance(address, Mapping):
        yield path, "is required (an address object)"
        return
    for field in ADDRESS_REQUIRED:
        value = address.get(field)
        if not isinstance(value, str) or not value.strip():
            yield f"{path}.{field}", "is required and must be a non-empty string"


def _optional_string(field: str, data: Mapping[str, Any], *, min_length: int) -> Problems:
    value = data.get(field)
    if value is not None and (not isinstance(value, str) or len(value.strip()) < min_length):
        yield field, "must be a non-empty string"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _positive_number(path: str, value: Any, *, required: bool) -> Problems:
    if value is None:
        if required:
            yield path, "is required"
    elif not _is_number(value) or value <= 0:
        yield path, f"must be a number greater than 0, got {value!r}"


def _non_negative_number(path: str, value: Any) -> Problems:
    if value is not None and (not _is_number(value) or value < 0):
        yield path, f"must be a number of at least 0, got {value!r}"
