"""Request bodies: read no further than a size limit, parsed, and refused by cheap checks before the schema's.

A long-running sandbox meets callers that send too much: a body past `max_body_size` gets 413 without the rest
being read, an order with more items than the spec allows is refused before any item is validated, and a large
body is parsed and validated on a worker thread so that other callers keep being answered meanwhile.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any, Final

from .._formats import is_unicode
from .._spec import FieldError, SpecValidator, field_path
from ._state import ApiProblem

__all__ = [
    "MAX_BODY_SIZE",
    "OFFLOAD_SIZE",
    "BodyTooLargeError",
    "checked_json",
    "declared_length",
    "limited_receive",
]

MAX_BODY_SIZE: Final = 10 * 1024 * 1024  # a 1,000-item order is ~250 KB; uploads are label PDFs
OFFLOAD_SIZE: Final = 64 * 1024  # bodies above this are parsed and validated off the event loop
# Arrays whose length the spec limits, checked before their items are: operation id -> (field, JSON pointer).
_COUNTED: Final = {"createOrder": ("orderItems", "/components/schemas/CreateOrderRequest/properties/orderItems")}
_ESCAPED_SURROGATE: Final = re.compile(rb"\\u[dD][89a-fA-F]")

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]


class BodyTooLargeError(Exception):
    """The request body is larger than the sandbox accepts (answered 413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the request body is larger than the sandbox accepts ({limit} bytes)")
        self.limit = limit


def declared_length(headers: Iterable[tuple[bytes, bytes]]) -> int | None:
    """The Content-Length an ASGI request declares, or None (absent, or not a number: h11 refuses those)."""
    for name, value in headers:
        if name.lower() == b"content-length" and value.strip().isdigit():
            return int(value)
    return None


def limited_receive(receive: Receive, limit: int) -> Receive:
    """`receive` that raises `BodyTooLargeError` as soon as the body read so far passes `limit` bytes.

    The server reads from the socket only when the app asks for more, so nothing past the limit is read.
    """
    seen = 0

    async def receive_within_limit() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLargeError(limit)
        return message

    return receive_within_limit


async def checked_json(raw: bytes, validator: SpecValidator, operation_id: str) -> dict[str, Any]:
    """The JSON body of a request to `operation_id`, checked cheapest first: JSON, Unicode, array sizes, schema.

    Raises:
        ApiProblem: 400 naming what is wrong.
    """
    if len(raw) > OFFLOAD_SIZE:
        return await asyncio.to_thread(_checked_json, raw, validator, operation_id)
    return _checked_json(raw, validator, operation_id)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _checked_json(raw: bytes, validator: SpecValidator, operation_id: str) -> dict[str, Any]:
    try:
        body = json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        raise ApiProblem(400, "Bad Request", f"the request body is not valid JSON: {exc}") from exc
    if _ESCAPED_SURROGATE.search(raw):
        where = _lone_surrogate(body)
        if where is not None:
            where = where.encode("utf-8", "backslashreplace").decode()  # a key can hold it too: shown escaped
            error = FieldError(where, "contains an unpaired UTF-16 surrogate escape (\\ud800-\\udfff): not Unicode")
            raise ApiProblem(400, "Bad Request", f"the request is invalid: {where} {error.message}", [error])
    counted = _COUNTED.get(operation_id)
    if counted is not None and isinstance(body, dict) and isinstance(body.get(counted[0]), list):
        limit = validator.resolve(counted[1]).get("maxItems")
        if limit is not None and len(body[counted[0]]) > limit:
            error = FieldError(counted[0], f"has {len(body[counted[0]])} items; at most {limit} are allowed")
            raise ApiProblem(400, "Bad Request", f"the request is invalid: {error.field} {error.message}", [error])
    errors = validator.request_body_errors(operation_id, body)
    if errors:
        listed = "; ".join(f"{e.field} {e.message}" for e in errors)
        raise ApiProblem(400, "Bad Request", f"the request is invalid: {listed}", errors)
    return dict(body)


def _lone_surrogate(body: object) -> str | None:
    """The field path of the first string (or key) holding a lone surrogate, or None; iterative, any depth."""
    stack: list[tuple[tuple[str | int, ...], object]] = [((), body)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str) and not is_unicode(value):
            return field_path(path)
        if isinstance(value, dict):
            for key, item in value.items():
                if not is_unicode(key):
                    return field_path((*path, key))
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
    return None
