"""The rules of outbound orders that the client and the command line share: one home for each.

- which identifier names an item's product (`logisticsSku`, else productData's sku, gtin, upc, buyerPartNumber);
- when two lists of line items are the same order's items (`same_items`);
- where an existing order differs from a create request (`differences`): "the same order" for exactly-once;
- which statuses can still be cancelled (`CANCELLABLE_STATUSES`, `needs_cancel`);
- the order of statuses (`ORDER_FLOW`, `has_reached`, `is_terminal`), for waiting on one.

They work on the API's JSON form (camelCase mappings, what `to_dict()` returns). The sandbox keeps its own copy of
the business rules on purpose: each side catches the other's mistakes.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, NamedTuple

from ._errors import OrderNotCancellableError
from ._generated.models import Order, OrderStatus

__all__ = [
    "CANCELLABLE_STATUSES",
    "NOT_COMPARED",
    "ORDER_FLOW",
    "PRODUCT_IDENTIFIERS",
    "ItemIdentity",
    "differences",
    "has_reached",
    "is_terminal",
    "item_identity",
    "needs_cancel",
    "product_key",
    "same_items",
]

# productData's identifiers, in the order in which they name the product when logisticsSku is absent
PRODUCT_IDENTIFIERS: Final = ("sku", "gtin", "upc", "buyerPartNumber")
CANCELLABLE_STATUSES: Final = frozenset({OrderStatus.PLANNED, OrderStatus.BOOKED})
ORDER_FLOW: Final = (
    OrderStatus.PLANNED,
    OrderStatus.BOOKED,
    OrderStatus.IN_PROGRESS,
    OrderStatus.SHIPPED,
    OrderStatus.DELIVERED,
)
# The spec: treat a status this version does not know as later than IN_PROGRESS (and as an end: what follows it
# cannot be told).
_UNKNOWN_RANK: Final = ORDER_FLOW.index(OrderStatus.IN_PROGRESS) + 0.5


def product_key(item: Mapping[str, Any]) -> tuple[str, str] | None:
    """What names the item's product: `("logisticsSku", value)`, else the first productData identifier it has
    (`("productData.gtin", value)`), else None. Two items of one order must not share it."""
    sku = item.get("logisticsSku")
    if isinstance(sku, str) and sku:
        return ("logisticsSku", sku)
    product = item.get("productData")
    if isinstance(product, Mapping):
        for name in PRODUCT_IDENTIFIERS:
            value = product.get(name)
            if isinstance(value, str) and value:
                return (f"productData.{name}", value)
    return None


class ItemIdentity(NamedTuple):
    """What makes a line item the one a request asked for: every identifier it gives, quantity and unit."""

    identifiers: frozenset[tuple[str, str]]  # ("logisticsSku", v), ("productData.buyerPartNumber", v), ...
    quantity: float | None
    unit: str | None

    def is_satisfied_by(self, other: ItemIdentity) -> bool:
        """Whether `other` (an item of an existing order) has this item's identifiers, quantity and unit.

        `other` may carry identifiers this one does not give: the server may add them (a logisticsSku resolved
        from productData, say).
        """
        return self.quantity == other.quantity and self.unit == other.unit and self.identifiers <= other.identifiers


def item_identity(item: Mapping[str, Any]) -> ItemIdentity:
    """The identity of one line item in the API's JSON form."""
    identifiers: set[tuple[str, str]] = set()
    sku = item.get("logisticsSku")
    if isinstance(sku, str) and sku:
        identifiers.add(("logisticsSku", sku))
    product = item.get("productData")
    if isinstance(product, Mapping):
        for name in PRODUCT_IDENTIFIERS:
            value = product.get(name)
            if isinstance(value, str) and value:
                identifiers.add((f"productData.{name}", value))
    quantity = item.get("quantity")
    number = float(quantity) if isinstance(quantity, int | float) and not isinstance(quantity, bool) else None
    unit = item.get("quantityUOM")
    return ItemIdentity(frozenset(identifiers), number, unit if isinstance(unit, str) else None)


def same_items(requested: Iterable[Mapping[str, Any]], existing: Iterable[Mapping[str, Any]]) -> bool:
    """Whether `existing` (an order's items) are the items `requested` asks for, in any order, one for one.

    Each requested item must be matched by its own existing item with every identifier it gives (logisticsSku,
    sku, gtin, upc, buyerPartNumber), the same quantity and the same unit; none may be left over.
    """
    return _match_items(list(requested), list(existing)) is not None


def _match_items(
    requested: Sequence[Mapping[str, Any]], existing: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]] | None:
    """Pairs (requested index, existing index) matching each requested item to its own existing one, or None."""
    wanted = [item_identity(item) for item in requested]
    have = [item_identity(item) for item in existing]
    if len(wanted) != len(have):
        return None
    by_identifier: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    for index, identity in enumerate(have):
        for identifier in identity.identifiers:
            by_identifier[identifier].append(index)
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    # The most specific first, so an item that names more identifiers is not left without its match.
    for index in sorted(range(len(wanted)), key=lambda i: len(wanted[i].identifiers), reverse=True):
        identity = wanted[index]
        candidates = by_identifier.get(min(identity.identifiers), []) if identity.identifiers else range(len(have))
        match = next((i for i in candidates if i not in used and identity.is_satisfied_by(have[i])), None)
        if match is None:
            return None
        used.add(match)
        pairs.append((index, match))
    return pairs


# What "the same order" means when a create meets an existing order with its externalId (exactly-once):
# every field the request states is compared with the order, except these, which an Order does not carry.
NOT_COMPARED: Final = frozenset({"externalId", "currencyCode", "vasData"})
# An Order carries these per shipment: each shipment's copy is compared with the request's.
_PER_SHIPMENT: Final = ("shipToAddress", "transportationDetails")


def differences(request: Mapping[str, Any], order: Mapping[str, Any]) -> list[str]:
    """Where an existing order (JSON) differs from a create request (JSON): the fields that differ, as paths.

    Everything the request states is compared (items with every identifier, quantity, unit and the other fields
    it gives; ship-to address; transportation details; shipBy; notes; retailer data; ...), allowing for what a
    server may do to a stored order without changing it:

    - text is compared without surrounding spaces, runs of spaces counted as one, and case ("ca" is "CA");
    - numbers as numbers (24 is 24.0) and date-times as instants (`...Z` is `...+00:00`);
    - fields the order does not carry (absent or null) are not compared, nor those of `NOT_COMPARED`; fields the
      order has and the request does not state (ids, statuses, a logisticsSku resolved from productData) neither.

    An empty list: the order is the one the request describes.
    """
    found: list[str] = []
    for key, wanted in request.items():
        if key in NOT_COMPARED:
            continue
        if key == "orderItems":
            found += _item_differences(wanted, order.get("orderItems"))
        elif key in _PER_SHIPMENT:
            shipments = order.get("shipments")
            for shipment in shipments if isinstance(shipments, list) else []:
                if isinstance(shipment, Mapping):
                    found += _value_differences(key, wanted, shipment.get(key))
        else:
            found += _value_differences(key, wanted, order.get(key))
    return list(dict.fromkeys(found))


def _item_differences(requested: Any, existing: Any) -> list[str]:
    if not isinstance(requested, list) or not isinstance(existing, list):
        return ["orderItems"]
    wanted = [item for item in requested if isinstance(item, Mapping)]
    have = [item for item in existing if isinstance(item, Mapping)]
    pairs = _match_items(wanted, have)
    if pairs is None:
        return ["orderItems"]
    found: list[str] = []
    for index, match in sorted(pairs):
        found += _value_differences(f"orderItems[{index}]", wanted[index], have[match])
    return found


def _value_differences(path: str, wanted: Any, have: Any) -> list[str]:
    if have is None or wanted is None:
        return []  # not carried by the order (or not stated): nothing to compare
    if isinstance(wanted, Mapping):
        if not isinstance(have, Mapping):
            return [path]
        found: list[str] = []
        for key, value in wanted.items():
            found += _value_differences(f"{path}.{key}", value, have.get(key))
        return found
    if isinstance(wanted, list):
        if not isinstance(have, list) or len(have) != len(wanted):
            return [path]
        found = []
        for index, (one, other) in enumerate(zip(wanted, have, strict=True)):
            found += _value_differences(f"{path}[{index}]", one, other)
        return found
    return [] if _same_value(wanted, have) else [path]


def _same_value(wanted: Any, have: Any) -> bool:
    if isinstance(wanted, bool) or isinstance(have, bool):
        return wanted is have
    if isinstance(wanted, int | float) and isinstance(have, int | float):
        return math.isclose(wanted, have, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(wanted, str) and isinstance(have, str):
        one, other = _instant(wanted), _instant(have)
        if one is not None and other is not None:
            return one == other
        return _text(wanted) == _text(have)
    return bool(wanted == have)


def _text(value: str) -> str:
    return " ".join(value.split()).casefold()


def _instant(value: str) -> datetime.datetime | None:
    if len(value) < 20 or value[4:5] != "-" or value[10:11] not in ("T", "t"):
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def needs_cancel(order: Order) -> bool:
    """Whether a cancel request must be sent for `order`: True when PLANNED or BOOKED, False when it is CANCELLED
    already (cancelling it again changes nothing).

    Raises:
        OrderNotCancellableError: for any other status (IN_PROGRESS and later, or a status this version does not
            know).
    """
    if order.order_status == OrderStatus.CANCELLED:
        return False
    if order.order_status not in CANCELLABLE_STATUSES:
        raise OrderNotCancellableError(order.order_id, order.order_status)
    return True


_RANKS: Final[dict[str, float]] = {status.value: float(index) for index, status in enumerate(ORDER_FLOW)}


def _rank(status: OrderStatus) -> float | None:
    """The place of a status along the flow; None for CANCELLED (off the flow); a status this version does not know
    comes after IN_PROGRESS (the spec says to treat it so)."""
    if status.value == OrderStatus.CANCELLED.value:
        return None
    return _RANKS.get(status.value, _UNKNOWN_RANK)


def has_reached(status: OrderStatus, until: OrderStatus) -> bool:
    """Is `status` the awaited one or past it along PLANNED → ... → DELIVERED? (CANCELLED is only itself.)"""
    if status == until:
        return True
    current, target = _rank(status), _rank(until)
    return current is not None and target is not None and current >= target


def is_terminal(status: OrderStatus) -> bool:
    """DELIVERED, CANCELLED, or a status this version does not know (it cannot tell what comes after it)."""
    return status in (OrderStatus.DELIVERED, OrderStatus.CANCELLED) or not status.is_known
