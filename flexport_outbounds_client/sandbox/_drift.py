"""Drift mode: the sandbox's API differs from openapi.yaml on purpose, in chosen ways.

Flexport can change its API under a client: a new field, a new status, a header gone, a rule changed. Drift mode
lets a team see how its own code (and `flexport-outbounds verify`) takes that. It is a layer over finished
responses, applied after the sandbox's own response validation: the state machine and the validation stay
faithful to the spec, and only what leaves the app differs.

- `extra_field`: every order in a response, and each of its shipments and items, carries `sandboxDriftNote`,
  a field the spec does not declare.
- `new_enum_value`: `orderStatus` is `ON_HOLD`, a value the spec does not list, in every order a response carries.
- `missing_correlation_id`: API responses carry no `x-correlation-id` header.
- `duplicate_external_id_returns_existing`: a create whose `externalId` names an existing order answers 200 with
  that order instead of 409.

The control endpoints (`/_sandbox/...`) and `Sandbox.orders` never drift: they show the sandbox's true state.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final, Literal, cast, get_args

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

__all__ = [
    "DRIFT_KINDS",
    "EXTRA_FIELD",
    "NEW_ORDER_STATUS",
    "DriftKind",
    "apply_drift",
    "drift_kinds",
    "drift_order",
    "omits_correlation_id",
]

DriftKind = Literal["extra_field", "new_enum_value", "missing_correlation_id", "duplicate_external_id_returns_existing"]
DRIFT_KINDS: Final[tuple[DriftKind, ...]] = get_args(DriftKind)
ALL: Final = "all"

EXTRA_FIELD: Final = "sandboxDriftNote"
EXTRA_VALUE: Final = "a field openapi.yaml does not declare (sandbox drift mode: extra_field)"
NEW_ORDER_STATUS: Final = "ON_HOLD"

_ORDER_OPERATIONS: Final = frozenset({"createOrder", "getOrder", "getOrderByExternalId"})
_NESTED: Final = ("shipments", "orderItems")


def drift_kinds(value: str | Iterable[str] | None) -> frozenset[DriftKind]:
    """The drift kinds a setting names: None or "" for none, "all", "kind", "kind,kind", or an iterable of kinds.

    Raises:
        ValueError: for a name that is not a drift kind (the message lists them).
    """
    if value is None:
        return frozenset()
    names = value.split(",") if isinstance(value, str) else list(value)
    names = [name.strip() for name in names if name.strip()]
    if ALL in names:
        return frozenset(DRIFT_KINDS)
    unknown = [name for name in names if name not in DRIFT_KINDS]
    if unknown:
        raise ValueError(f"unknown drift kind {unknown[0]!r}; expected {ALL!r} or any of {', '.join(DRIFT_KINDS)}")
    return frozenset(cast("list[DriftKind]", names))


def drift_order(order: dict[str, Any], kinds: frozenset[DriftKind]) -> dict[str, Any]:
    """The order (a JSON body, changed in place and returned) as the drifting API shows it."""
    if "extra_field" in kinds:
        order[EXTRA_FIELD] = EXTRA_VALUE
        for name in _NESTED:
            for nested in order.get(name) or ():
                if isinstance(nested, dict):
                    nested[EXTRA_FIELD] = EXTRA_VALUE
    if "new_enum_value" in kinds and "orderStatus" in order:
        order["orderStatus"] = NEW_ORDER_STATUS
    return order


def omits_correlation_id(kinds: frozenset[DriftKind]) -> bool:
    """Whether the API's responses (every one under its prefix, fault answers included) go without x-correlation-id."""
    return "missing_correlation_id" in kinds


def _external_id(body: bytes) -> str | None:
    try:
        request = json.loads(body)
    except ValueError:
        return None
    value = request.get("externalId") if isinstance(request, dict) else None
    return value if isinstance(value, str) else None


async def apply_drift(
    request: Request,
    operation_id: str,
    response: Response,
    kinds: frozenset[DriftKind],
    existing: Callable[[str], dict[str, Any] | None],
) -> Response:
    """The response of one API operation as the drifting API sends it (the same object when nothing drifts).

    `existing(external_id)` is the order with that externalId as a GET returns it, or None.
    """
    if not kinds:
        return response
    # Imported here: the command line reads DRIFT_KINDS from this module without the sandbox extra installed.
    from starlette.responses import JSONResponse

    if (
        "duplicate_external_id_returns_existing" in kinds
        and operation_id == "createOrder"
        and response.status_code == 409
        and (external_id := _external_id(await request.body())) is not None
        and (order := existing(external_id)) is not None
    ):
        response = JSONResponse(order)
    if (
        operation_id not in _ORDER_OPERATIONS
        or response.status_code != 200
        or not kinds & {"extra_field", "new_enum_value"}
    ):
        return response
    body = json.loads(bytes(response.body))
    headers = {k: v for k, v in response.headers.items() if k not in {"content-length", "content-type"}}
    return JSONResponse(drift_order(body, kinds), status_code=response.status_code, headers=headers)
