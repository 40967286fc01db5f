"""Does one recorded exchange conform to openapi.yaml? Strictly: a field, an enum value, a status or a media type
the spec does not declare is a finding, as is a missing required field, a wrong type or a missing x-correlation-id.

Findings name fields by path (`orderItems[3].status`) and never carry a body's values, except an unknown enum
value (vocabulary, which is what the report is for). Along the way `Observations` collects which enum values and
which `x-inferred` fields the responses held, for the report's facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from .. import _json
from .._redact import printable
from .._spec import FieldError, Operation, SpecValidator
from .recorder import Exchange

__all__ = ["CORRELATION_HEADER", "Observations", "OperationMatcher", "check_exchange"]

CORRELATION_HEADER: Final = "x-correlation-id"
_JSON_MEDIA: Final = ("application/json", "application/problem+json")
_SHOWN_VALUE: Final = 64  # an unknown enum value longer than this is not a word of a vocabulary: not shown
_PATH_PART: Final = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


class OperationMatcher:
    """Which operation of the spec a request went to, from its method and URL path."""

    def __init__(self, validator: SpecValidator, base_path: str) -> None:
        prefix = re.escape(base_path.rstrip("/"))
        self._patterns: list[tuple[str, re.Pattern[str], Operation]] = []
        for operation in validator.operations.values():
            template = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(operation.path))
            self._patterns.append((operation.method, re.compile(prefix + template), operation))

    def match(self, method: str, path: str) -> Operation | None:
        for expected_method, pattern, operation in self._patterns:
            if method == expected_method and pattern.fullmatch(path):
                return operation
        return None


@dataclass
class Observations:
    """What the responses held, beyond conformance: enum values per enum schema, and x-inferred fields seen."""

    enum_values: dict[str, set[str]] = field(default_factory=dict)  # schema name -> values seen
    unknown_enum_values: dict[str, set[str]] = field(default_factory=dict)  # schema name -> values not listed
    fields_seen: set[str] = field(default_factory=set)  # pointers of x-inferred properties present in a response


def check_exchange(
    validator: SpecValidator, operation: Operation, exchange: Exchange, observations: Observations
) -> list[FieldError]:
    """The ways `exchange` (a response to `operation`) differs from the spec; empty when it conforms."""
    findings: list[FieldError] = []
    if exchange.headers.get(CORRELATION_HEADER) is None:
        findings.append(FieldError(CORRELATION_HEADER, "header missing (the spec has it on every response)"))
    if exchange.body_problem is not None:
        findings.append(FieldError("body", exchange.body_problem))
        return findings
    media_type = exchange.media_type
    body: Any = None
    if media_type is not None and media_type.endswith(_JSON_MEDIA):
        try:
            body = _json.loads(exchange.body)
        except ValueError:
            findings.append(FieldError("body", f"is not JSON although its Content-Type is {media_type}"))
            return findings
    errors = validator.response_errors(operation.operation_id, exchange.status, media_type, body)
    findings.extend(_with_values(errors, body))
    if (
        body is not None
        and media_type is not None
        and not any(error.field in ("status", "content-type") for error in errors)
    ):
        media = validator.response_media(operation.operation_id, exchange.status)
        _observe(validator, validator.resolve(media[media_type]), body, observations)
    return findings


def _with_values(errors: Iterable[FieldError], body: Any) -> Iterable[FieldError]:
    """Enum findings name the value that was not listed (`must be one of ...` alone does not say what came)."""
    for error in errors:
        if error.message.startswith("must be one of"):
            value = _value_at(body, error.field)
            if isinstance(value, str) and len(value) <= _SHOWN_VALUE:
                yield FieldError(error.field, f"{printable(value)!r} is not listed: {error.message}")
                continue
        yield error


def _value_at(body: Any, path: str) -> Any:
    node = body
    for index, name in _PATH_PART.findall(path):
        try:
            node = node[int(index)] if index else node[name]
        except (KeyError, IndexError, TypeError, ValueError):
            return None
    return node


def _observe(validator: SpecValidator, schema: Any, value: Any, observations: Observations, pointer: str = "") -> None:
    """Walk `value` along `schema`, noting enum values and the x-inferred properties present."""
    while isinstance(schema, dict) and "$ref" in schema:
        pointer = str(schema["$ref"]).removeprefix("#")
        schema = validator.resolve(pointer)
    if not isinstance(schema, dict):
        return
    if "enum" in schema and isinstance(value, str) and pointer.startswith("/components/schemas/"):
        name = pointer.rpartition("/")[2]
        observations.enum_values.setdefault(name, set()).add(value)
        if value not in schema["enum"]:
            observations.unknown_enum_values.setdefault(name, set()).add(value)
    if isinstance(value, dict):
        for key, item in value.items():
            declared = schema.get("properties", {}).get(key)
            if declared is None:
                continue
            where = f"{pointer}/properties/{key}" if pointer else ""
            if where and isinstance(declared, dict) and "x-inferred" in declared:
                observations.fields_seen.add(where)
            _observe(validator, declared, item, observations, where)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for item in value:
            _observe(validator, schema["items"], item, observations, f"{pointer}/items" if pointer else "")
