"""What the command prints: JSON (for scripts) or rich tables (for people), and one-line messages on stderr."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any, Literal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .._generated.models import Order
from .._generated.types import Unset
from .._orders import product_key
from .._redact import Secrets

__all__ = ["OutputMode", "Renderer", "order_summary"]

OutputMode = Literal["json", "table"]
_NOTHING = Secrets()
_PIPE_WIDTH = 160  # rich wraps to 80 columns when it cannot ask a terminal; keep tables readable in logs


def _console(stream: IO[str]) -> Console:
    terminal = stream.isatty()
    return Console(file=stream, width=None if terminal else _PIPE_WIDTH, soft_wrap=False, highlight=False)


class Renderer:
    """Writes results to `stdout` in the chosen mode and notes and errors to `stderr` (never the token)."""

    def __init__(self, mode: OutputMode, stdout: IO[str], stderr: IO[str], *, secrets: Secrets = _NOTHING) -> None:
        self.mode: OutputMode = mode
        self.out = _console(stdout)
        self.err = _console(stderr)
        self._stdout = stdout
        self._stderr = stderr
        self._secrets = secrets

    @property
    def json(self) -> bool:
        """True when results are printed as JSON."""
        return self.mode == "json"

    def data(self, value: Any) -> None:
        """One JSON document on stdout (pretty-printed)."""
        self._write(self._stdout, json.dumps(value, indent=2, default=str))

    def json_line(self, value: Any) -> None:
        """One compact JSON document on its own line on stdout (for streams such as watch)."""
        self._write(self._stdout, json.dumps(value, default=str))

    def line(self, text: str) -> None:
        """A plain line on stdout."""
        self._write(self._stdout, text)

    def note(self, text: str) -> None:
        """A plain line on stderr: progress, hints, warnings."""
        self._write(self._stderr, text)

    def errors(self, lines: Iterable[str]) -> None:
        """Error lines on stderr."""
        for text in lines:
            self._write(self._stderr, text)

    def table(self, table: Table) -> None:
        """A rich table on stdout."""
        self.out.print(table)

    def _write(self, stream: IO[str], text: str) -> None:
        stream.write(self._secrets.text(text) + "\n")
        stream.flush()

    # --- orders -------------------------------------------------------------------------------------------------

    def order(self, order: Order) -> None:
        """An order: its full JSON, or a summary and tables of its items and shipments."""
        if self.json:
            self.data(order.to_dict())
            return
        summary = order_summary(order)
        head = Text.assemble(("Order ", "bold"), (summary["orderId"], "bold cyan"), "  status ")
        head.append(summary["orderStatus"], style=_status_style(summary["orderStatus"]))
        self.out.print(head)
        for label in ("externalId", "retailer", "shipTo", "transport", "shipBy"):
            if summary.get(label):
                self.out.print(Text(f"  {label}: {summary[label]}"))
        self.table(_items_table(order))
        if order.shipments:
            self.table(_shipments_table(order))

    def orders_table(self, orders: Sequence[Order], *, title: str) -> None:
        """Several orders, one row each (JSON: a list of summaries)."""
        rows = [order_summary(order) for order in orders]
        if self.json:
            self.data(rows)
            return
        table = Table(title=title, title_justify="left")
        columns = ("orderId", "externalId", "retailer", "transport", "items")
        for column in (*columns, "orderStatus"):
            table.add_column(column, no_wrap=True)
        for row in rows:
            status = Text(row["orderStatus"], style=_status_style(row["orderStatus"]))
            table.add_row(*(Text(str(row.get(c) or "")) for c in columns), status)
        self.table(table)


def _status_style(status: str) -> str:
    return {
        "PLANNED": "blue",
        "BOOKED": "cyan",
        "IN_PROGRESS": "yellow",
        "SHIPPED": "magenta",
        "DELIVERED": "green",
        "CANCELLED": "red",
    }.get(status, "bold")


def _get(data: Mapping[str, Any], *path: str) -> Any:
    value: Any = data
    for key in path:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def order_summary(order: Order) -> dict[str, Any]:
    """The fields a person looks at first, flattened to strings (missing ones are empty)."""
    data = order.to_dict()
    shipments = data.get("shipments") or []
    first_shipment: Mapping[str, Any] = shipments[0] if shipments else {}
    address = first_shipment.get("shipToAddress") or {}
    transport = first_shipment.get("transportationDetails") or {}
    return {
        "orderId": order.order_id,
        "externalId": "" if isinstance(order.external_id, Unset) else order.external_id,
        "orderStatus": str(order.order_status),
        "retailer": _get(data, "retailerData", "retailer") or "",
        "shipTo": ", ".join(
            str(address[k]) for k in ("name", "street1", "city", "state", "zip", "country") if address.get(k)
        ),
        "transport": " ".join(str(transport[k]) for k in ("shippingPartner", "shippingType") if transport.get(k)),
        "shipBy": data.get("shipBy") or "",
        "items": len(order.order_items),
    }


def _items_table(order: Order) -> Table:
    table = Table(title="items", title_justify="left")
    for column in ("sku", "quantity", "uom", "per pack", "unit price"):
        table.add_column(column, no_wrap=True)
    for item in order.order_items:
        data = item.to_dict()
        product = product_key(data)
        table.add_row(
            Text(product[1] if product else ""),
            _number(data.get("quantity")),
            Text(str(data.get("quantityUOM", ""))),
            _number(data.get("quantityPerPack")),
            _number(data.get("unitPrice")),
        )
    return table


def _shipments_table(order: Order) -> Table:
    table = Table(title="shipments", title_justify="left")
    for column in ("shipmentId", "status", "carrier", "tracking", "packs"):
        table.add_column(column, no_wrap=True)
    for shipment in order.shipments:
        data = shipment.to_dict()
        packs = data.get("packDetails") or []
        first_pack: Mapping[str, Any] = packs[0] if packs else {}
        table.add_row(
            Text(str(data.get("shipmentId", ""))),
            Text(str(data.get("status", ""))),
            Text(str(first_pack.get("carrierName", ""))),
            Text(str(first_pack.get("trackingNumber", ""))),
            Text(str(len(packs))),
        )
    return table


def _number(value: Any) -> Text:
    if value is None:
        return Text("")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return Text(str(value))
