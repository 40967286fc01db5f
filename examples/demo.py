"""`make demo`: the whole product on one in-process sandbox: no token, no network, no sockets.

Every `$ flexport-outbounds ...` step runs the real command line in process (`run(argv, client_factory=...)`)
against the same sandbox, so orders created in one step are there in the next.
"""

from __future__ import annotations

import json
import shlex
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.rule import Rule

from flexport_outbounds_client import OrderStatus
from flexport_outbounds_client._cli import run
from flexport_outbounds_client._cli.output import Renderer
from flexport_outbounds_client.sandbox import Sandbox

EXAMPLES = Path(__file__).resolve().parent
NETWORK_DELAY = 0.12  # seconds the sandbox waits before answering a create, so the progress bar has something to show


def shown(path: Path) -> str:
    """`path` relative to the working directory when it is below it (what a person would type)."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class Demo:
    """The narrated walk-through; each step asserts what it shows, so a broken product fails `make demo`."""

    def __init__(self, workdir: Path) -> None:
        self.sandbox = Sandbox(seed=2026)
        self.console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
        self.workdir = workdir
        self.results = workdir / "orders.results.jsonl"
        self.step_number = 0

    def step(self, title: str, text: str = "") -> None:
        self.step_number += 1
        self.console.print()
        self.console.print(Rule(f"[bold]{self.step_number}. {title}", align="left"))
        if text:
            self.console.print(text, style="dim")

    def cli(self, *args: str, expect: int = 0) -> None:
        self.console.print(f"$ flexport-outbounds {shlex.join(args)}", style="bold green")
        code = run(["--output", "table", *args], client_factory=self.sandbox.client)
        if code != expect:
            raise SystemExit(f"demo: expected exit code {expect}, got {code}")
        if expect:
            self.console.print(f"(exit code {code}, as expected)", style="dim")

    def order_ids_by_external_id(self) -> dict[str, str]:
        lines = self.results.read_text(encoding="utf-8").splitlines()
        return {record["externalId"]: record["orderId"] for record in map(json.loads, lines)}

    def run(self) -> None:
        self.single_order()
        bulk = self.bulk_load()
        self.bulk_rerun(bulk)
        self.bulk_csv_and_validation()
        moved = self.warehouse_moves(bulk)
        self.watch(moved["watched"])
        self.upload()
        self.cancel(moved[OrderStatus.BOOKED], moved[OrderStatus.IN_PROGRESS])
        self.final_table()

    def single_order(self) -> None:
        order_file = EXAMPLES / "order.json"
        self.step("Create one order", f"A Nordstrom purchase order, as JSON ({shown(order_file)}).")
        self.cli("orders", "create", shown(order_file))

    def bulk_load(self) -> list[str]:
        source = EXAMPLES / "orders.jsonl"
        external_ids = [json.loads(line)["externalId"] for line in source.read_text(encoding="utf-8").splitlines()]
        self.step(
            "Bulk load",
            f"{len(external_ids)} wholesale orders from {shown(source)}: validated first, then created 8 at a time. "
            f"The sandbox answers each create after {NETWORK_DELAY * 1000:.0f} ms, like a real network.",
        )
        self.sandbox.faults.add("delay", operation="createOrder", times=None, seconds=NETWORK_DELAY)
        before = len(self.sandbox.orders)
        started = time.monotonic()
        self.cli("orders", "create", "--bulk", shown(source), "--results", shown(self.results))
        self.sandbox.faults.clear()
        created = len(self.sandbox.orders) - before
        assert created == len(external_ids), (created, len(external_ids))
        self.console.print(f"{created} orders created in {time.monotonic() - started:.1f}s; first results lines:")
        for line in self.results.read_text(encoding="utf-8").splitlines()[:3]:
            self.console.print(f"  {line}", style="cyan")
        return external_ids

    def bulk_rerun(self, external_ids: list[str]) -> None:
        self.step(
            "Run the same bulk load again",
            "As after a Ctrl-C or a lost connection: every externalId is looked up first, so nothing is created twice.",
        )
        before = len(self.sandbox.orders)
        self.cli("orders", "create", "--bulk", shown(EXAMPLES / "orders.jsonl"), "--results", shown(self.results))
        assert len(self.sandbox.orders) == before, "the re-run created orders"
        self.console.print(f"Still {before} orders in the sandbox: 0 duplicates.")

    def bulk_csv_and_validation(self) -> None:
        csv_file = EXAMPLES / "orders.csv"
        self.step("CSV, one row per line item", f"{shown(csv_file)}: rows are grouped into orders by externalId.")
        self.cli("orders", "create", "--bulk", shown(csv_file), "--results", shown(self.workdir / "csv.results.jsonl"))
        broken = self.workdir / "broken.jsonl"
        lines = (EXAMPLES / "orders.jsonl").read_text(encoding="utf-8").splitlines()[:4]
        bad = [json.loads(line) for line in lines]
        bad[1]["shipToAddress"].pop("zip")
        bad[2]["orderItems"][0]["quantity"] = 0
        bad[3].pop("externalId")
        broken.write_text("".join(json.dumps(order) + "\n" for order in bad), encoding="utf-8")
        self.step("A file with mistakes", "Every problem of every line is reported, and nothing is sent (exit 2).")
        before = len(self.sandbox.requests)
        self.cli("orders", "create", "--bulk", shown(broken), expect=2)
        assert len(self.sandbox.requests) == before, "requests were sent for an invalid file"

    def warehouse_moves(self, external_ids: list[str]) -> dict[object, str]:
        self.step("The warehouse works", "The sandbox moves orders along PLANNED -> BOOKED -> IN_PROGRESS -> SHIPPED.")
        ids = self.order_ids_by_external_id()
        plan = [OrderStatus.BOOKED] * 12 + [OrderStatus.IN_PROGRESS] * 10 + [OrderStatus.SHIPPED] * 8
        plan += [OrderStatus.DELIVERED] * 6
        moved: dict[object, str] = {}
        for external_id, status in zip(external_ids, plan, strict=False):
            self.sandbox.advance(ids[external_id], to=status)
            moved.setdefault(status, ids[external_id])
        counts = Counter(str(status) for status in plan)
        self.console.print("sandbox: " + ", ".join(f"{n} orders -> {status}" for status, n in counts.items()))
        moved["watched"] = ids[external_ids[-1]]
        return moved

    def watch(self, order_id: str) -> None:
        self.step("Watch an order", f"Meanwhile the warehouse keeps moving {order_id}; watch prints each change.")
        stop = threading.Event()

        def warehouse() -> None:
            while not stop.wait(0.4) and self.sandbox.orders[order_id].order_status != OrderStatus.SHIPPED:
                self.sandbox.advance(order_id)

        mover = threading.Thread(target=warehouse, daemon=True)
        mover.start()
        try:
            self.cli("orders", "watch", order_id, "--until", "SHIPPED", "--interval", "0.15", "--timeout", "20")
        finally:
            stop.set()
            mover.join()
        external_id = self.sandbox.orders[order_id].external_id
        assert isinstance(external_id, str)
        self.console.print("Shipped: the order now has packs, a carrier and tracking.", style="dim")
        self.cli("orders", "get", "--external-id", external_id)

    def upload(self) -> None:
        order_id = self.sandbox_order_by_external_id("NORDSTROM-PO-4471902")
        shipment_id = self.sandbox.orders[order_id].shipments[0].shipment_id
        assert isinstance(shipment_id, str)
        pdf = EXAMPLES / "shipping-labels.pdf"
        self.step("Upload shipping labels", f"{shown(pdf)} goes to the shipment of the Nordstrom order.")
        self.cli("attachments", "upload", order_id, shipment_id, shown(pdf), "--type", "SHIPPING_LABELS")
        stored = self.sandbox.uploads[(order_id, shipment_id, "SHIPPING_LABELS")]
        assert stored == pdf.read_bytes()
        self.console.print(f"The sandbox holds the {len(stored)}-byte PDF for shipment {shipment_id}.")

    def sandbox_order_by_external_id(self, external_id: str) -> str:
        return next(oid for oid, order in self.sandbox.orders.items() if order.external_id == external_id)

    def cancel(self, booked: str, in_progress: str) -> None:
        self.step("Cancel a BOOKED order", "Allowed: the warehouse has not started on it.")
        self.cli("orders", "cancel", booked)
        self.step("Try to cancel an IN_PROGRESS order", "Refused by the client before any cancel request is sent.")
        cancels = sum(1 for r in self.sandbox.requests if r.operation_id == "cancelOrder")
        self.cli("orders", "cancel", in_progress, expect=5)
        assert sum(1 for r in self.sandbox.requests if r.operation_id == "cancelOrder") == cancels
        assert self.sandbox.orders[in_progress].order_status == OrderStatus.IN_PROGRESS
        self.console.print("The sandbox received no cancel request for it; the order is still IN_PROGRESS.")

    def final_table(self) -> None:
        self.step("Where everything stands")
        orders = list(self.sandbox.orders.values())
        Renderer("table", sys.stdout, sys.stderr).orders_table(orders, title=f"{len(orders)} orders in the sandbox")
        counts = Counter(str(order.order_status) for order in orders)
        self.console.print(", ".join(f"{status} {n}" for status, n in sorted(counts.items())))


def main() -> int:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="flexport-demo-") as workdir:
        Demo(Path(workdir)).run()
    Console().print(f"\nDemo finished in {time.monotonic() - started:.1f}s: no token, no network.", style="bold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
