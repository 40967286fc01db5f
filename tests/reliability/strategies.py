"""Hypothesis strategies built from openapi.yaml's schemas (hypothesis-jsonschema is not installed: a small subset).

`from_schema(name)` draws JSON values valid for a component schema: objects (properties, required), strings
(enum, pattern, minLength, date-time, `not: enum`), numbers (minimum, exclusiveMinimum), integers, booleans and
arrays (minItems, a small maxItems). Strings with `minLength: 1` are drawn with a non-blank character: the client
refuses blank required text (a deliberate strictness the spec does not state; see test_bad_input).

`valid_create_request()` adds what the documented business rules need (an identifier per item, no duplicate
SKUs); `leaf_paths()` and `set_path()` let tests mutate one field at a time.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st

from ..conftest import load_spec

MAX_ARRAY = 3  # keep examples small: the properties do not depend on length (1000-item limits are tested apart)
Path = tuple[str | int, ...]


@functools.cache
def _schemas() -> dict[str, Any]:
    schemas: dict[str, Any] = load_spec()["components"]["schemas"]
    return schemas


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = _schemas()[schema["$ref"].rsplit("/", 1)[1]]
    return schema


OFFSETS = st.builds(
    lambda minutes: datetime.timezone(datetime.timedelta(minutes=minutes)), st.integers(-23 * 60 - 59, 23 * 60 + 59)
)


def date_times() -> st.SearchStrategy[str]:
    """RFC 3339 date-times as servers write them: Z or a ±hh:mm offset, with or without fractions."""
    moment = st.datetimes(
        min_value=datetime.datetime(1, 1, 2), max_value=datetime.datetime(9999, 12, 30), timezones=OFFSETS
    )
    return moment.map(lambda d: d.isoformat().replace("+00:00", "Z"))


def text(min_size: int = 0) -> st.SearchStrategy[str]:
    plain = st.text(max_size=12)
    if min_size:
        return plain.filter(lambda s: s.strip() != "" and len(s) >= min_size)
    return plain


def from_schema(named: dict[str, Any] | str, *, max_array: int = MAX_ARRAY) -> st.SearchStrategy[Any]:
    schema = _resolve(_schemas()[named] if isinstance(named, str) else named)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {name: from_schema(sub, max_array=max_array) for name, sub in properties.items() if name in required},
            optional={
                name: from_schema(sub, max_array=max_array) for name, sub in properties.items() if name not in required
            },
        )
    if kind == "array":
        low = schema.get("minItems", 0)
        high = min(schema.get("maxItems", max_array), max(low, max_array))
        return st.lists(from_schema(schema["items"], max_array=max_array), min_size=low, max_size=high)
    if kind == "string":
        if schema.get("format") == "date-time":
            return date_times()
        if "pattern" in schema:
            pattern = schema["pattern"].removeprefix("^").removesuffix("$")
            strategy = st.from_regex(pattern, fullmatch=True)
            banned = set(schema.get("not", {}).get("enum", []))
            return strategy.filter(lambda s: s not in banned) if banned else strategy
        return text(schema.get("minLength", 0))
    if kind == "number":
        if "exclusiveMinimum" in schema:
            low = schema["exclusiveMinimum"]
            floats = st.floats(min_value=low, exclude_min=True, allow_nan=False, allow_infinity=False)
            return floats | st.integers(low + 1, 2**53)
        if "minimum" in schema:
            low = schema["minimum"]
            return st.floats(min_value=low, allow_nan=False, allow_infinity=False) | st.integers(low, 2**53)
        return st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(2**53), 2**53)
    if kind == "integer":
        return st.integers(-(2**31), 2**31)
    if kind == "boolean":
        return st.booleans()
    raise NotImplementedError(f"schema not covered by this small generator: {schema}")


def _identify(items: list[dict[str, Any]], salt: str) -> list[dict[str, Any]]:
    """Give every item a product and make products unique (the business rules the schema cannot express)."""
    from flexport_outbounds_client._orders import product_key

    seen: set[tuple[str, str]] = set()
    for index, item in enumerate(items):
        key = product_key(item)
        if key is None or key in seen or ("logisticsSku" in item and not str(item["logisticsSku"]).strip()):
            item["logisticsSku"] = f"SKU-{salt}-{index}"
            key = product_key(item)
        assert key is not None
        seen.add(key)
    return items


@st.composite
def valid_create_request(draw: st.DrawFn) -> dict[str, Any]:
    request: dict[str, Any] = draw(from_schema("CreateOrderRequest"))
    request["orderItems"] = _identify(request["orderItems"], draw(st.sampled_from("abc")))
    if draw(st.booleans()):
        request["extraField"] = draw(
            st.one_of(text(), st.integers(-(2**53), 2**53), st.dictionaries(text(1), text(), max_size=2))
        )
    return request


def leaf_paths(value: Any, path: Path = ()) -> Iterator[Path]:
    """Every path of the document (objects and arrays included), except the undeclared `extraField`."""
    if path:
        yield path
    if isinstance(value, dict):
        for key, sub in value.items():
            if key != "extraField":
                yield from leaf_paths(sub, (*path, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from leaf_paths(sub, (*path, index))


def get_path(document: Any, path: Path) -> Any:
    for step in path:
        document = document[step]
    return document


def set_path(document: Any, path: Path, value: Any) -> None:
    get_path(document, path[:-1])[path[-1]] = value


def delete_path(document: Any, path: Path) -> None:
    del get_path(document, path[:-1])[path[-1]]


def dotted(path: Path) -> str:
    """`("orderItems", 0, "quantity")` → `orderItems[0].quantity` (the client's field naming)."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if value is None:
        return "null"
    names: dict[type, str] = {str: "string", list: "array", dict: "object"}
    return names[type(value)]


OTHER_TYPES = {"string": 42, "number": "12", "boolean": "true", "array": {"0": 1}, "object": ["x"], "null": 0}
