"""Input checks made before anything is sent: the create-order rules Flexport documents, and path ids.

Checks run on the request's JSON form (camelCase field paths such as `orderItems[3].quantity`), so a plain
mapping and a `CreateOrderRequest` get the same checks and the same error messages.
"""

from __future__ import annotations

import datetime
import enum
import functools
import math
import re
import types
import typing
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from ._errors import RequestValidationError
from ._formats import is_rfc3339
from ._generated.api import CreateOrderRequestParam
from ._generated.models import CreateOrderRequest
from ._generated.types import Unset
from ._orders import PRODUCT_IDENTIFIERS, product_key

__all__ = ["MAX_ORDER_ITEMS", "check_path_id", "schema_problems", "validate_create_order"]

MAX_ORDER_ITEMS = 1000
MAX_ID_LENGTH = 512
ADDRESS_REQUIRED = ("name", "street1", "city", "zip", "state", "country")
QUANTITY_UOMS = ("EACH", "CASE")
# Patterns are matched with fullmatch: in Python `$` also matches before a final newline ("USD\n").
CURRENCY = re.compile(r"[A-Z]{3}")
NOT_CURRENCIES = frozenset({"LTL", "FTL"})  # the documentation's own example error
GTIN = re.compile(r"[0-9]{8,14}")
JSON_INT_RANGE = (-(2**63), 2**64 - 1)  # what every JSON encoder used here (json, orjson) can write
Problems = Iterator[tuple[str, str]]


def validate_create_order(
    request: CreateOrderRequest | CreateOrderRequestParam | Mapping[str, Any],
) -> CreateOrderRequest:
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
    json_problems = () if _is_plain_json(data) else _json_problems("", data)  # paths are built only on a failure
    for path, problem in (*schema_problems(data, CreateOrderRequest, strict_enums=True), *json_problems):
        if not any(path == known or path.startswith((known + ".", known + "[")) for known in problems):
            problems[path] = problem
    if problems:
        raise RequestValidationError(problems)
    if isinstance(request, CreateOrderRequest):
        return request
    try:
        return CreateOrderRequest.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # the checks above should make this unreachable
        raise RequestValidationError({"request": f"cannot be read as an order: {type(exc).__name__}: {exc}"}) from exc


def schema_problems(data: Any, model: type, *, strict_enums: bool, path: str = "") -> Problems:
    """Where JSON `data` does not have the shape of the generated `model`: missing required fields, wrong types.

    Driven by the generated attrs classes (their fields' types and the JSON key each field's metadata carries),
    so it follows openapi.yaml.
    Unknown fields are allowed (the spec's objects are open). `strict_enums` refuses values an enum does not list
    (requests); responses keep them. Requests also get date-time checked as RFC 3339 and numbers as finite.
    """
    if not isinstance(data, Mapping):
        yield path or "body", "must be an object"
        return
    for key, check, required in _model_fields(model, strict_enums):
        if key not in data:
            if required:
                yield _join(path, key), "is required"
            continue
        yield from check(_join(path, key), data[key])


def _is_plain_json(value: Any) -> bool:
    """What `_json_problems` finds nothing in, without building a path per value (a third of a create's checks)."""
    if value is None or isinstance(value, str | bool):
        return True
    if isinstance(value, int | float):
        return _is_json_number(value)
    if isinstance(value, list | tuple):
        return all(_is_plain_json(element) for element in value)
    if isinstance(value, Mapping):
        return all(isinstance(key, str) and _is_plain_json(element) for key, element in value.items())
    return False


def _json_problems(path: str, value: Any) -> Problems:
    """Values JSON cannot carry, anywhere (also in fields the spec does not declare): sets, NaN, huge ints, ..."""
    if value is None or isinstance(value, str | bool):
        return
    if isinstance(value, int | float):
        if not _is_json_number(value):
            yield path or "body", f"cannot be sent as JSON, got {_shown(value)}"
    elif isinstance(value, list | tuple):
        for index, element in enumerate(value):
            yield from _json_problems(f"{path}[{index}]", element)
    elif isinstance(value, Mapping):
        for key, element in value.items():
            if not isinstance(key, str):
                yield path or "body", f"has a key that is not a string: {_shown(key)}"
            else:
                yield from _json_problems(_join(path, key), element)
    else:
        yield path or "body", f"cannot be sent as JSON, got {type(value).__name__}"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


Check = Callable[[str, Any], Problems]


@functools.cache
def _model_fields(model: type, strict_enums: bool) -> tuple[tuple[str, Check, bool], ...]:
    hints = typing.get_type_hints(model)
    return tuple(
        (field.metadata["json_key"], _checker(hints[field.name], strict_enums), field.default is attrs.NOTHING)
        for field in attrs.fields(model)
        if "json_key" in field.metadata  # templates/model.py.jinja puts it on every field but additional_properties
    )


def _checker(kind: Any, strict_enums: bool) -> Check:
    if isinstance(kind, types.UnionType):
        (kind,) = [k for k in typing.get_args(kind) if k is not Unset]
    if kind is str:
        return _expect(lambda v: isinstance(v, str), "a string")
    if kind is bool:
        return _expect(lambda v: isinstance(v, bool), "true or false")
    if kind is int:
        return _expect(lambda v: _is_json_int(v), "an integer")
    if kind is float:
        return _expect(lambda v: _is_json_number(v), "a finite number")
    if kind is datetime.datetime:
        return _expect(is_rfc3339, "an RFC 3339 date-time with a time zone, e.g. 2026-03-02T15:00:00Z")
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        values = tuple(member.value for member in kind)
        if strict_enums:
            return _expect(lambda v: v in values, "one of " + ", ".join(map(str, values)))
        return _expect(lambda v: isinstance(v, str), "a string")
    if typing.get_origin(kind) is list:
        (item,) = typing.get_args(kind)
        check_item = _checker(item, strict_enums)

        def check_list(path: str, value: Any) -> Problems:
            if not isinstance(value, list):
                yield path, f"must be a list, got {_shown(value)}"
                return
            for index, element in enumerate(value):
                yield from check_item(f"{path}[{index}]", element)

        return check_list
    if attrs.has(kind):
        return lambda path, value: schema_problems(value, kind, strict_enums=strict_enums, path=path)
    return lambda path, value: iter(())  # free-form (Any)


def _expect(accepts: Callable[[Any], bool], what: str) -> Check:
    def check(path: str, value: Any) -> Problems:
        if not accepts(value):
            yield path, f"must be {what}, got {_shown(value)}"

    return check


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_json_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and JSON_INT_RANGE[0] <= value <= JSON_INT_RANGE[1]


def _is_json_number(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return _is_json_int(value)


_PLAIN_ID = re.compile(rf"[A-Za-z0-9_.~-]{{1,{MAX_ID_LENGTH}}}")  # letters, digits, -._~ only: nothing to refuse
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")  # a regex scan: ~10x faster per id than a per-character loop


def check_path_id(name: str, value: object) -> str:
    """Return `value` if it can be a path segment; it is percent-encoded later, so `/` or `%` cannot move the path.

    Raises:
        RequestValidationError: for a non-string, empty, whitespace-only, `.`/`..`, over-long or control-char id.
    """
    if type(value) is str and _PLAIN_ID.fullmatch(value) and value not in (".", ".."):
        return value  # the common case, in one regex (a third of the checks' cost on every call)
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
    if _CONTROL_CHARACTER.search(value):
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
        not isinstance(currency, str) or not CURRENCY.fullmatch(currency) or currency in NOT_CURRENCIES
    ):
        yield "currencyCode", f"must be an ISO 4217 code such as 'USD', got {currency!r}"
    retailer = data.get("retailerData")
    if isinstance(retailer, Mapping) and "address" in retailer:
        yield from _address_problems("retailerData.address", retailer["address"], required=True)


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
    if gtin is not None and (not isinstance(gtin, str) or not GTIN.fullmatch(gtin)):
        yield f"{path}.productData.gtin", f"must be 8 to 14 digits as a string (leading zeros matter), got {gtin!r}"


def _duplicate_sku_problems(items: list[Any]) -> Problems:
    keys = [product_key(item) for item in items if isinstance(item, Mapping)]
    for key, count in Counter(k for k in keys if k is not None).items():
        if count == 1:
            continue
        positions = [i for i, item in enumerate(items) if isinstance(item, Mapping) and product_key(item) == key]
        yield (
            f"orderItems[{positions[1]}]",
            f"duplicate SKU {key[1]!r} ({count} times, at {positions}); SKUs must be unique",
        )


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
