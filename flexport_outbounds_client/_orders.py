"""The rules of outbound orders that the client and the command line share: one home for each.

- which identifier names an item's product (`logisticsSku`, else productData's sku, gtin, upc, buyerPartNumber);
- when two lists of line items are the same order's items (`same_items`);
- which statuses can still be cancelled (`CANCELLABLE_STATUSES`, `needs_cancel`).

They work on the API's JSON form (camelCase mappings, what `to_dict()` returns). The sandbox keeps its own copy of
the business rules on purpose: each side catches the other's mistakes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, Final, NamedTuple

from ._errors import OrderNotCancellableError
from ._generated.models import Order, OrderStatus

__all__ = [
    "CANCELLABLE_STATUSES",
    "PRODUCT_IDENTIFIERS",
    "ItemIdentity",
    "item_identity",
    "needs_cancel",
    "product_key",
    "same_items",
]

# productData's identifiers, in the order in which they name the product when logisticsSku is absent
PRODUCT_IDENTIFIERS: Final = ("sku", "gtin", "upc", "buyerPartNumber")
CANCELLABLE_STATUSES: Final = frozenset({OrderStatus.PLANNED, OrderStatus.BOOKED})


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
    wanted = [item_identity(item) for item in requested]
    have = [item_identity(item) for item in existing]
    if len(wanted) != len(have):
        return False
    by_identifier: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    for index, identity in enumerate(have):
        for identifier in identity.identifiers:
            by_identifier[identifier].append(index)
    used: set[int] = set()
    # The most specific first, so an item that names more identifiers is not left without its match.
    for identity in sorted(wanted, key=lambda w: len(w.identifiers), reverse=True):
        candidates = by_identifier.get(min(identity.identifiers), []) if identity.identifiers else range(len(have))
        match = next((i for i in candidates if i not in used and identity.is_satisfied_by(have[i])), None)
        if match is None:
            return False
        used.add(match)
    return True


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
