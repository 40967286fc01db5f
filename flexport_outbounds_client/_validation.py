"""Input checks made before anything is sent: the create-order rules Flexport documents, and path ids.

Checks run on the request's JSON form (camelCase field paths such as `orderItems[3].quantity`), so a plain
mapping and a `CreateOrderRequest` get the same checks and the same error messages.

A mapping may name only the fields the spec declares, at every level: an unknown key (`external_id`, a typo) is
refused with the known key it most likely meant, never sent to be dropped by the server. A field the spec does
not list yet is sent on purpose by building the model and setting it in `additional_properties` (of the request or
of any nested model). Timezone-aware `datetime` values and `Decimal` numbers are accepted where the model would
accept them, and sent as RFC 3339 text and JSON numbers.
"""

from __future__ import annotations

import datetime
import decimal
import difflib
import enum
import functools
import math
import re
import types
import typing
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from ._errors import RequestValidationError
from ._formats import is_rfc3339, is_unicode
from ._generated.api import CreateOrderRequestParam
from ._generated.models import AttachmentContentType, AttachmentType, AttachmentUploadUrlRequest, CreateOrderRequest
from ._generated.types import Unset
from ._orders import PRODUCT_IDENTIFIERS, product_key

__all__ = [
    "MAX_ORDER_ITEMS",
    "check_idempotency_key",
    "check_path_id",
    "schema_problems",
    "upload_url_body",
    "validate_create_order",
]

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
        data = request.to_dict()  # its additional_properties are deliberate: they are sent
    elif isinstance(request, Mapping):
        data = dict(request)
    else:
        raise RequestValidationError(
            {"request": f"expected CreateOrderRequest or a mapping, got {type(request).__name__}"}
        )
    plain = _is_plain_json(data)
    if not plain:  # aware datetimes and Decimals become JSON, as the model's to_dict() would write them
        data = _as_json(data)
    problems = dict(_order_problems(data))
    json_problems = () if plain else _json_problems("", data)  # paths are built only on a failure
    unknown = not isinstance(request, CreateOrderRequest)
    shape = schema_problems(data, CreateOrderRequest, strict_enums=True, refuse_unknown=unknown)
    for path, problem in (*shape, *json_problems):
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


def schema_problems(
    data: Any, model: type, *, strict_enums: bool, refuse_unknown: bool = False, path: str = ""
) -> Problems:
    """Where JSON `data` does not have the shape of the generated `model`: missing required fields, wrong types.

    Driven by the generated attrs classes (their fields' types and the JSON key each field's metadata carries),
    so it follows openapi.yaml. `refuse_unknown` refuses keys a model does not declare, at every level (a caller's
    mapping), naming the known key each most likely meant; without it they are allowed (the spec's objects are
    open, and a response may carry new fields). `strict_enums` refuses values an enum does not list (requests);
    responses keep them. Requests also get date-time checked as RFC 3339 and numbers as finite.
    """
    if not isinstance(data, Mapping):
        yield path or "body", "must be an object"
        return
    fields = _model_fields(model, strict_enums, refuse_unknown)
    if refuse_unknown:
        known = _known_keys(model)
        if not data.keys() <= known:
            for key in data:
                if isinstance(key, str) and key not in known:
                    yield _join(path, key), _unknown_field(key, known)
    for key, check, required in fields:
        if key not in data:
            if required:
                yield _join(path, key), "is required"
            continue
        yield from check(_join(path, key), data[key])


def _is_plain_json(value: Any) -> bool:
    """What `_json_problems` finds nothing in, without building a path per value (a third of a create's checks)."""
    if isinstance(value, str):
        return value.isascii() or is_unicode(value)
    if value is None or isinstance(value, bool):
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
    if isinstance(value, str):
        if not (value.isascii() or is_unicode(value)):
            yield path or "body", "is not valid Unicode text (it contains a lone surrogate)"
        return
    if value is None or isinstance(value, bool):
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
    elif isinstance(value, datetime.datetime):
        yield path or "body", "must have a time zone (a naive datetime is ambiguous), e.g. datetime.now(UTC)"
    elif isinstance(value, datetime.date):
        yield path or "body", "must be a date-time with a time zone, got a date"
    else:
        yield path or "body", f"cannot be sent as JSON, got {type(value).__name__}"


def _as_json(value: Any) -> Any:
    """`value` with timezone-aware datetimes as RFC 3339 text and finite Decimals as numbers (what the models
    accept); anything else is left for the checks to report."""
    if isinstance(value, Mapping):
        return {key: _as_json(element) for key, element in value.items()}
    if isinstance(value, list | tuple):
        return [_as_json(element) for element in value]
    if isinstance(value, datetime.datetime) and value.utcoffset() is not None:
        return value.isoformat()
    if isinstance(value, decimal.Decimal) and value.is_finite():
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


Check = Callable[[str, Any], Problems]


@functools.cache
def _model_fields(model: type, strict_enums: bool, refuse_unknown: bool) -> tuple[tuple[str, Check, bool], ...]:
    hints = typing.get_type_hints(model)
    return tuple(
        (
            field.metadata["json_key"],
            _checker(hints[field.name], strict_enums, refuse_unknown),
            field.default is attrs.NOTHING,
        )
        for field in attrs.fields(model)
        if "json_key" in field.metadata  # templates/model.py.jinja puts it on every field but additional_properties
    )


@functools.cache
def _known_keys(model: type) -> frozenset[str]:
    return frozenset(field.metadata["json_key"] for field in attrs.fields(model) if "json_key" in field.metadata)


def _unknown_field(key: str, known: frozenset[str]) -> str:
    """The problem of an unknown key, with the known key it most likely meant (snake_case, case, typos)."""
    words = key.replace("-", "_").split("_")
    camel = words[0].lower() + "".join(word[:1].upper() + word[1:] for word in words[1:])
    by_lower = {name.lower(): name for name in known}
    guess = by_lower.get(camel.lower()) or by_lower.get(key.lower())
    if guess is None:
        close = difflib.get_close_matches(key.lower(), list(by_lower), n=1, cutoff=0.6)
        guess = by_lower[close[0]] if close else None
    if guess is not None:
        return f"unknown field; did you mean {guess}?"
    return f"unknown field (known here: {', '.join(sorted(known))})"


def _checker(kind: Any, strict_enums: bool, refuse_unknown: bool = False) -> Check:
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
        check_item = _checker(item, strict_enums, refuse_unknown)

        def check_list(path: str, value: Any) -> Problems:
            if not isinstance(value, list):
                yield path, f"must be a list, got {_shown(value)}"
                return
            for index, element in enumerate(value):
                yield from check_item(f"{path}[{index}]", element)

        return check_list
    if attrs.has(kind):
        return lambda path, value: schema_problems(
            value, kind, strict_enums=strict_enums, refuse_unknown=refuse_unknown, path=path
        )
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
    if not (value.isascii() or is_unicode(value)):
        return "is not valid Unicode text (it contains a lone surrogate)"
    return None


def _order_problems(data: Mapping[str, Any]) -> Problems:
    if data.get("type") != "B2B":
        yield "type", f"must be 'B2B' (the only supported type), got {data.get('type')!r}"
    yield from _items_problems(data.get("orderItems"))
    yield from _address_problems("shipToAddress", data.get("shipToAddress"), required=True)
    if not isinstance(data.get("transportationDetails"), Mapping):
        yield "transportationDetails", "is required (an object with shippingPartner, shippingType, ...)"
    external_id = data.get("externalId")
    if external_id is not None:  # it goes into the lookup's URL path when a create must be recovered
        problem = _id_problem(external_id)
        if problem:
            yield "externalId", problem
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


_HEADER_VALUE = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?")  # visible ASCII, inner spaces


def check_idempotency_key(key: str | None) -> str:
    """The caller's Idempotency-Key, or a fresh UUID for None.

    Raises:
        RequestValidationError: not 1 to 255 visible ASCII characters (it travels as a header, and must reach the
            server exactly as given: any other character could be dropped or changed on the way).
    """
    if key is None:
        return str(uuid.uuid4())
    if not isinstance(key, str) or not _HEADER_VALUE.fullmatch(key):
        raise RequestValidationError(
            {"idempotency_key": "must be 1 to 255 visible ASCII characters (spaces only between them)"}
        )
    return key


def upload_url_body(
    attachment_type: AttachmentType | str, content_type: AttachmentContentType | str
) -> AttachmentUploadUrlRequest:
    """The body of getShipmentAttachmentUploadUrl.

    Raises:
        RequestValidationError: an attachment type the API does not list (with the one most likely meant), or a
            content type other than application/pdf.
    """
    if content_type != AttachmentContentType.APPLICATIONPDF:
        raise RequestValidationError({"content_type": f"only application/pdf is supported, got {_shown(content_type)}"})
    known = [member.value for member in AttachmentType]
    if not isinstance(attachment_type, str) or attachment_type not in known:
        wanted = str(attachment_type).strip().upper().replace("-", "_").replace(" ", "_")
        hint = f"; did you mean {wanted}?" if wanted in known else ""
        raise RequestValidationError(
            {"attachment_type": f"must be one of {', '.join(known)}, got {_shown(attachment_type)}{hint}"}
        )
    return AttachmentUploadUrlRequest(
        attachment_type=AttachmentType(attachment_type), content_type=AttachmentContentType.APPLICATIONPDF
    )
