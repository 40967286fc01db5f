"""Small pieces of the CLI on their own: error wording, progress display, watch rules, output, entry points."""

from __future__ import annotations

import asyncio
import io
import json
import sys
from collections import Counter
from pathlib import Path

import httpx
import pytest
from rich.console import Console

from flexport_outbounds_client import Order, OrderStatus, OutboundsClient
from flexport_outbounds_client._cli import main
from flexport_outbounds_client._cli.bulk import BulkRun, Outcome, PlannedOrder, ResultsFile
from flexport_outbounds_client._cli.errors import ExitCode, error_lines, exit_code_for
from flexport_outbounds_client._cli.output import Renderer
from flexport_outbounds_client._cli.progress import PlainReporter, RichReporter, reporter_for
from flexport_outbounds_client._errors import PermissionDeniedError, error_from_response
from flexport_outbounds_client._orders import has_reached, is_terminal
from flexport_outbounds_client._redact import Secrets
from flexport_outbounds_client._validation import validate_create_order
from flexport_outbounds_client.sandbox import Sandbox

from .conftest import TOKEN, Invoke, order_request


def test_problem_field_errors_are_listed() -> None:
    body = {
        "status": 400,
        "title": "Bad Request",
        "detail": "orderItems[0].quantity must be greater than 0",
        "errors": [{"field": "orderItems[0].quantity", "message": "must be greater than 0"}, "odd entry"],
    }
    response = httpx.Response(400, json=body, headers={"x-correlation-id": "corr-123"})
    error = error_from_response(response)
    lines = error_lines(error)
    assert "correlation id corr-123" in lines[0] and "must be greater than 0" in lines[0]
    assert lines[1:] == ["  orderItems[0].quantity: must be greater than 0"]
    assert exit_code_for(error) == ExitCode.VALIDATION
    assert error_lines(error_from_response(httpx.Response(400, json={"errors": "not a list"}))) == [
        "error: HTTP 400 Bad Request: Bad Request"
    ]
    assert len(error_lines(error_from_response(httpx.Response(502, text="<html>bad gateway</html>")))) == 1


def test_exit_codes_of_other_errors() -> None:
    assert exit_code_for(PermissionDeniedError("no scope", status_code=403)) == ExitCode.AUTH
    assert exit_code_for(RuntimeError()) == ExitCode.API
    assert error_lines(RuntimeError()) == ["error: RuntimeError"]


def test_watch_rules_for_unknown_and_cancelled_statuses() -> None:
    later = OrderStatus("RETURNED_TO_SENDER")
    assert has_reached(later, OrderStatus.IN_PROGRESS)
    assert not has_reached(later, OrderStatus.SHIPPED)
    assert is_terminal(later) and is_terminal(OrderStatus.CANCELLED) and not is_terminal(OrderStatus.BOOKED)
    assert not has_reached(OrderStatus.CANCELLED, OrderStatus.BOOKED)
    assert has_reached(OrderStatus.CANCELLED, OrderStatus.CANCELLED)
    assert not has_reached(OrderStatus.DELIVERED, OrderStatus.CANCELLED)


def test_rich_reporter_draws_a_bar_with_rate_and_eta() -> None:
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, width=120)
    reporter = reporter_for(console, lambda text: None)
    assert isinstance(reporter, RichReporter)
    reporter.start(2)
    reporter.advance(Outcome(1, "A-1", "created", "OB-1", "PLANNED"), Counter(created=1))
    reporter.note("a note")
    reporter.advance(Outcome(2, "A-2", "failed", error="HTTP 500"), Counter(created=1, failed=1))
    reporter.stop()
    text = stream.getvalue()
    assert "orders/s" in text and "ETA" in text and "2/2" in text
    assert "line 2 A-2: failed: HTTP 500" in text and "a note" in text
    assert "created 1 · existing 0 · failed 1" in text


def test_plain_reporter_when_not_a_terminal() -> None:
    lines: list[str] = []
    reporter = reporter_for(Console(file=io.StringIO()), lines.append)
    assert isinstance(reporter, PlainReporter)
    reporter.start(1)
    reporter.advance(Outcome(3, "A-3", "existing", "OB-3", "BOOKED"), Counter(existing=1))
    reporter.note("done")
    reporter.stop()
    assert lines == ["Processing 1 order(s)", "[1/1] line 3 A-3: existing OB-3", "done"]


def test_renderer_redacts_secrets_and_renders_order_lists() -> None:
    out, err = io.StringIO(), io.StringIO()
    renderer = Renderer("json", out, err, secrets=Secrets([TOKEN]))
    renderer.note(f"leak {TOKEN}")
    order = Order.from_dict(
        {"orderId": "OB-1", "type": "B2B", "orderStatus": "NEW_STATUS", "orderItems": [], "shipments": []}
    )
    renderer.orders_table([order], title="t")
    assert err.getvalue() == "leak [REDACTED]\n"
    assert '"orderStatus": "NEW_STATUS"' in out.getvalue()
    table_out = io.StringIO()
    Renderer("table", table_out, err).order(order)
    assert "NEW_STATUS" in table_out.getvalue() and "shipments" not in table_out.getvalue()


def test_json_outputs_in_process(cli: Invoke, tmp_path: Path) -> None:
    from .conftest import EXAMPLES, write_jsonl

    created = cli("orders", "create", str(EXAMPLES / "order.json"))
    order_id = created.json["orderId"]
    cancelled = cli("orders", "cancel", order_id)
    assert cancelled.code == 0 and cancelled.json["orderStatus"] == "CANCELLED"
    path = write_jsonl(tmp_path / "dup.jsonl", [order_request("D-1"), order_request("D-1")])
    invalid = cli("orders", "create", "--bulk", str(path))
    assert invalid.code == 2
    assert invalid.json["problems"] == [
        {"line": 2, "field": "externalId", "message": "'D-1' is already used by line 1"}
    ]


def test_console_script_entry_point(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["flexport-outbounds", "--version"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0
    assert "flexport-outbounds" in capsys.readouterr().out


async def test_bulk_run_cancelled_from_outside_still_returns_a_summary(tmp_path: Path) -> None:
    sandbox = Sandbox(token=TOKEN)
    sandbox.faults.add("delay", operation="createOrder", times=None, seconds=5)
    orders = [PlannedOrder(n, f"X-{n}", validate_create_order(order_request(f"X-{n}"))) for n in range(1, 5)]
    results = ResultsFile(tmp_path / "results.jsonl")
    lines: list[str] = []
    async with sandbox.client() as client:
        run = BulkRun(client, orders, concurrency=2, results=results, reporter=PlainReporter(lines.append))
        task = asyncio.create_task(run.run())
        await asyncio.sleep(0.3)
        task.cancel()
        summary = await task
    results.close()
    assert summary.interrupted and summary.exit_code == ExitCode.INTERRUPTED
    assert summary.done == 0
    assert [json.loads(line)["outcome"] for line in (tmp_path / "results.jsonl").read_text().splitlines()] == [
        "interrupted",
        "interrupted",
    ]


async def test_bulk_run_reraises_a_bug_in_a_worker(tmp_path: Path) -> None:
    class BrokenClient(OutboundsClient):
        async def get_order_by_external_id(self, *args: object, **kwargs: object) -> Order:
            raise ZeroDivisionError  # a bug, not an API failure: the run must not swallow it

    orders = [PlannedOrder(1, "Y-1", validate_create_order(order_request("Y-1")))]
    results = ResultsFile(tmp_path / "results.jsonl")
    async with BrokenClient(TOKEN, base_url="http://127.0.0.1:9/api") as client:
        run = BulkRun(client, orders, concurrency=1, results=results, reporter=PlainReporter(lambda _t: None))
        with pytest.raises(ZeroDivisionError):
            await run.run()
    results.close()


def test_the_client_never_imports_the_cli() -> None:
    # (click and rich may still be loaded: httpx imports its own command line when they are installed)
    import subprocess

    code = (
        "import sys, flexport_outbounds_client; "
        "bad = sorted(m for m in sys.modules if m.split('.')[:2] == ['flexport_outbounds_client', '_cli']); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout
