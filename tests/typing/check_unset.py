"""Type-checked by `make typecheck` (mypy --strict and pyright strict), never run: optional fields narrow.

An optional field is `X | Unset`; each idiom below must narrow it to `X` in both checkers, and using the field
before narrowing must stay an error (the `type: ignore` lines: both checkers fail on an ignore that is not needed).
"""

from __future__ import annotations

from flexport_outbounds_client import UNSET, Order, Shipment, Unset


def narrowed_by_is(order: Order) -> str:
    external_id = order.external_id
    if external_id is UNSET:
        return "no external id"
    return external_id


def narrowed_by_is_not(shipment: Shipment) -> str:
    if shipment.shipment_id is not UNSET:
        return shipment.shipment_id
    return ""


def narrowed_by_isinstance(order: Order) -> str:
    notes = order.notes
    if isinstance(notes, Unset):
        return ""
    return notes


def narrowed_by_truth(order: Order) -> str:
    return order.location_id or "no location"  # UNSET is falsy


def not_narrowed(order: Order, shipment: Shipment) -> tuple[str, int]:
    notes: str = order.notes  # type: ignore[assignment]
    packs = len(shipment.pack_details)  # type: ignore[arg-type]
    return notes, packs
