"""Validation of requests and responses against the shipped openapi.yaml (JSON Schema Draft 2020-12).

Used by the sandbox (every request it takes and, optionally, every response it gives) and by `flexport-outbounds
verify` (every response of the real API); it needs jsonschema and pyyaml, which both the `sandbox` and the `cli`
extras install. The client itself never imports it: its request checks (`_validation`) need no dependency.

The spec is loaded once from the package (`importlib.resources`), registered in a `referencing` registry, and
every check is a `jsonschema` validator over a `$ref` into it. Two copies are registered:

- the spec as shipped, for requests: an unknown request field is accepted, as Flexport's API is assumed to do;
- a *closed* copy for responses, where every object schema gets `unevaluatedProperties: false`, so a response
  that carries a field the spec does not declare fails. Problem details stay open: RFC 7807 allows extension
  members (the sandbox adds `errors`).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

import yaml
from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ._formats import is_rfc3339

__all__ = ["FieldError", "Operation", "SpecValidator", "escape", "spec_validator"]

SPEC_URI: Final = "urn:flexport-outbounds-client:openapi.yaml"
CLOSED_SPEC_URI: Final = "urn:flexport-outbounds-client:openapi-closed.yaml"
MAX_REPORTED_ERRORS: Final = 50
_OPEN_SCHEMAS: Final = frozenset({"ProblemDetails"})
_HTTP_METHODS: Final = frozenset({"get", "put", "post", "delete", "patch", "head", "options", "trace"})


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one field: `field` is a path such as `orderItems[0].quantity` (`body` for the root)."""

    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        """The JSON form used in problem details' `errors` member."""
        return {"field": self.field, "message": self.message}


@dataclass(frozen=True, slots=True)
class Operation:
    """What the sandbox needs to know about one operation of the spec."""

    operation_id: str
    method: str
    path: str
    pointer: str  # JSON pointer of the operation object, e.g. /paths/~1outbounds~1orders/post


@functools.cache
def _load_spec_cached() -> dict[str, Any]:
    text = resources.files("flexport_outbounds_client").joinpath("openapi.yaml").read_text(encoding="utf-8")
    spec: dict[str, Any] = yaml.safe_load(text)
    return spec


@functools.cache
def spec_validator() -> SpecValidator:
    """The process-wide validator of the shipped spec (building one compiles the registry; share it)."""
    return SpecValidator(_load_spec_cached())


def is_rfc3339_date_time(instance: object) -> bool:
    """The `date-time` format of JSON Schema (RFC 3339 section 5.6); non-strings pass, as the spec requires."""
    return not isinstance(instance, str) or is_rfc3339(instance, lower_case=True)


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    checker.checks("date-time")(is_rfc3339_date_time)
    return checker


def escape(token: str) -> str:
    """One JSON-pointer token (RFC 6901): `~` and `/` escaped."""
    return token.replace("~", "~0").replace("/", "~1")


def _close_objects(schema: Any) -> None:
    """Add `unevaluatedProperties: false` to every object schema that declares properties, recursively."""
    if isinstance(schema, dict):
        if "properties" in schema:
            schema.setdefault("unevaluatedProperties", False)
        for value in schema.values():
            _close_objects(value)
    elif isinstance(schema, list):
        for item in schema:
            _close_objects(item)


def closed_copy(spec: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the spec whose component schemas (except problem details) reject undeclared properties."""
    closed = copy.deepcopy(dict(spec))
    for name, schema in closed.get("components", {}).get("schemas", {}).items():
        if name not in _OPEN_SCHEMAS:
            _close_objects(schema)
    return closed


def field_path(path: Iterable[str | int]) -> str:
    """`["orderItems", 0, "quantity"]` as `orderItems[0].quantity`; the empty path is `body`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "body"


def _short(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _message(error: ValidationError) -> str:
    """A short message: jsonschema's own messages repeat the whole instance, which can be a 1000-item array."""
    kind, expected = error.validator, error.validator_value
    messages: dict[str, str] = {
        "type": f"must be of type {expected}",
        "enum": f"must be one of {', '.join(map(str, expected))}" if isinstance(expected, list) else "",
        "minItems": f"must have at least {expected} item(s)",
        "maxItems": f"must have at most {expected} items",
        "minLength": f"must be at least {expected} character(s) long",
        "maxLength": f"must be at most {expected} characters long",
        "pattern": f"must match the pattern {expected}",
        "format": f"must be a valid {expected} (RFC 3339, e.g. 2026-03-02T15:00:00Z)",
        "exclusiveMinimum": f"must be greater than {expected}",
        "minimum": f"must be at least {expected}",
        "not": f"{_short(error.instance)} is not allowed here",
        "unevaluatedProperties": "is not declared by the spec",
    }
    return messages.get(str(kind)) or _short(error.message, 200)


def _field_errors(error: ValidationError) -> Iterator[FieldError]:
    path = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict) and isinstance(error.validator_value, list):
        for name in error.validator_value:
            if name not in error.instance:
                yield FieldError(field_path([*path, name]), "is required")
        return
    closed = error.validator == "unevaluatedProperties" or (
        error.validator == "additionalProperties" and error.validator_value is False
    )
    if closed and isinstance(error.instance, dict):
        declared = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        for name in error.instance:
            if name not in declared:
                yield FieldError(field_path([*path, name]), "is not declared by the spec")
        return
    yield FieldError(field_path(path), _message(error))


class SpecValidator:
    """Validators for the request bodies, parameters and responses of every operation of one spec."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec: Mapping[str, Any] = spec
        self._registry: Registry[Any] = Registry().with_resources(
            [
                (SPEC_URI, Resource.from_contents(dict(spec), default_specification=DRAFT202012)),
                (CLOSED_SPEC_URI, Resource.from_contents(closed_copy(spec), default_specification=DRAFT202012)),
            ]
        )
        self._format_checker = _format_checker()
        self.operations: dict[str, Operation] = dict(self._collect_operations())

    def _collect_operations(self) -> Iterator[tuple[str, Operation]]:
        for path, item in self.spec.get("paths", {}).items():
            for method, operation in item.items():
                if method in _HTTP_METHODS and "operationId" in operation:
                    pointer = f"/paths/{escape(path)}/{method}"
                    yield operation["operationId"], Operation(operation["operationId"], method.upper(), path, pointer)

    def resolve(self, pointer: str) -> Any:
        """The object at a JSON pointer into the spec (`/components/schemas/Order`); no `$ref` is followed.

        Raises:
            KeyError, IndexError: nothing is at that pointer.
        """
        node: Any = self.spec
        for token in pointer.lstrip("/").split("/"):
            key = token.replace("~1", "/").replace("~0", "~")
            node = node[int(key)] if isinstance(node, list) else node[key]
        return node

    def _follow(self, pointer: str) -> str:
        """The pointer of the object a `$ref` at `pointer` points to (or `pointer` itself)."""
        node = self.resolve(pointer)
        while isinstance(node, dict) and "$ref" in node:
            pointer = str(node["$ref"]).removeprefix("#")
            node = self.resolve(pointer)
        return pointer

    @functools.cache  # noqa: B019 - one validator per pointer for the lifetime of the (process-wide) instance
    def _validator(self, uri: str, pointer: str) -> Draft202012Validator:
        return Draft202012Validator(
            {"$ref": f"{uri}#{pointer}"}, registry=self._registry, format_checker=self._format_checker
        )

    def _errors(self, uri: str, pointer: str, instance: object) -> list[FieldError]:
        errors: list[FieldError] = []
        for error in self._validator(uri, pointer).iter_errors(instance):
            errors.extend(_field_errors(error))
            if len(errors) >= MAX_REPORTED_ERRORS:
                break
        return sorted(set(errors[:MAX_REPORTED_ERRORS]), key=lambda e: (e.field, e.message))

    def project(self, schema_name: str, value: Any) -> Any:
        """`value` with every property the named component schema does not declare removed, recursively."""
        return self._project(self.resolve(f"/components/schemas/{escape(schema_name)}"), value)

    def _project(self, schema: Any, value: Any) -> Any:
        while isinstance(schema, dict) and "$ref" in schema:
            schema = self.resolve(str(schema["$ref"]).removeprefix("#"))
        if isinstance(value, dict) and isinstance(schema, dict) and "properties" in schema:
            declared = schema["properties"]
            return {k: self._project(declared[k], v) for k, v in value.items() if k in declared}
        if isinstance(value, list) and isinstance(schema, dict) and "items" in schema:
            return [self._project(schema["items"], v) for v in value]
        return value

    def request_body_errors(self, operation_id: str, body: object) -> list[FieldError]:
        """Problems of a JSON request body of the operation (empty when valid).

        Raises:
            KeyError: when the operation has no JSON request body in the spec.
        """
        operation = self.operations[operation_id]
        body_pointer = self._follow(f"{operation.pointer}/requestBody")
        return self._errors(SPEC_URI, f"{body_pointer}/content/application~1json/schema", body)

    def header_errors(self, operation_id: str, headers: Mapping[str, str]) -> list[FieldError]:
        """Problems of the declared header parameters (missing required ones, bad values); empty when valid."""
        operation = self.operations[operation_id]
        errors: list[FieldError] = []
        for index, _ in enumerate(self.resolve(operation.pointer).get("parameters", [])):
            pointer = self._follow(f"{operation.pointer}/parameters/{index}")
            parameter = self.resolve(pointer)
            if parameter.get("in") != "header":
                continue
            name = str(parameter["name"])
            value = headers.get(name.lower())
            if value is None:
                if parameter.get("required"):
                    errors.append(FieldError(name, "header is required"))
                continue
            errors.extend(FieldError(name, e.message) for e in self._errors(SPEC_URI, f"{pointer}/schema", value))
        return errors

    def response_media(self, operation_id: str, status: int) -> dict[str, str]:
        """The declared response media types of one status of the operation, mapped to their schema pointers.

        Raises:
            KeyError: when the operation declares no response for the status.
        """
        responses = self.resolve(f"{self.operations[operation_id].pointer}/responses")
        keys = [k for k in (str(status), f"{status // 100}XX", "default") if k in responses]
        if not keys:
            raise KeyError(f"{status} is not declared for {operation_id}")
        key = keys[0]
        pointer = self._follow(f"{self.operations[operation_id].pointer}/responses/{key}")
        content = self.resolve(pointer).get("content", {})
        return {media: f"{pointer}/content/{escape(media)}/schema" for media in content}

    def response_errors(self, operation_id: str, status: int, media_type: str | None, body: object) -> list[FieldError]:
        """Problems of a response against the closed spec: undeclared status, media type, or body shape.

        `media_type` None means the response has no body.
        """
        try:
            media = self.response_media(operation_id, status)
        except KeyError:
            return [FieldError("status", f"{status} is not declared for {operation_id}")]
        if media_type is None:
            return [] if not media else [FieldError("content-type", f"a body of {', '.join(media)} is declared")]
        if media_type not in media:
            return [FieldError("content-type", f"{media_type} is not declared for {operation_id} {status}")]
        return self._errors(CLOSED_SPEC_URI, media[media_type], body)
