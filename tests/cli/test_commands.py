"""Every command in process (`run(argv, client_factory=...)`), for behaviour and coverage."""

from __future__ import annotations

import io
import json
import logging
import os
import signal
from pathlib import Path
from typing import Any

import pytest
import yaml

from flexport_outbounds_client import OrderStatus, OutboundsClient
from flexport_outbounds_client._cli import run
from flexport_outbounds_client._cli.commands import resume_command
from flexport_outbounds_client.sandbox import Sandbox

from .conftest import EXAMPLES, TOKEN, Invoke, order_request, write_jsonl

# --- global behaviour -------------------------------------------------------------------------------------------


def test_help_and_version(cli: Invoke) -> None:
    assert cli("--help").code == 0
    version = cli("--version")
    assert version.code == 0 and "flexport-outbounds" in version.out


def test_usage_errors_exit_1(cli: Invoke) -> None:
    assert cli("orders", "frobnicate").code == 1
    assert cli("orders", "get").code == 1
    assert cli("orders", "get", "OB-1", "--external-id", "X").code == 1
    assert cli("orders", "create", str(EXAMPLES / "order.json"), "--concurrency", "3").code == 1
    assert cli("orders", "create", "--bulk", "-").code == 1
    assert cli("orders", "create", "--bulk", str(EXAMPLES / "order.json.txt")).code == 1
    assert cli("attachments", "upload", "OB-1", "SH-1", "/no/such/file.pdf").code == 1


def test_no_token_is_a_usage_error(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLEXPORT_API_TOKEN", raising=False)
    assert run(["orders", "get", "OB-1"]) == 1
    assert "no API token" in capsys.readouterr().err


def test_insecure_base_url_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--token", TOKEN, "--base-url", "http://example.com/api", "orders", "get", "OB-1"]) == 1
    captured = capsys.readouterr()
    assert "refusing plain http://" in captured.err
    assert TOKEN not in captured.err + captured.out


def test_in_process_sandbox_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--sandbox", "orders", "create", str(EXAMPLES / "order.json")]) == 0
    assert json.loads(capsys.readouterr().out)["orderStatus"] == "PLANNED"


def test_keyboard_interrupt_exits_130(cli: Invoke) -> None:
    def interrupted() -> OutboundsClient:
        raise KeyboardInterrupt

    result = cli("orders", "get", "OB-1", factory=interrupted)
    assert result.code == 130 and "Interrupted" in result.err


def test_internal_error_is_one_line_and_redacted(cli: Invoke) -> None:
    def broken() -> OutboundsClient:
        raise RuntimeError(f"bug while holding {TOKEN}")

    quiet = cli("--token", TOKEN, "orders", "get", "OB-1", factory=broken)
    assert quiet.code == 70
    assert "internal error: RuntimeError" in quiet.err and "Traceback" not in quiet.err
    verbose = cli("--token", TOKEN, "--verbose", "orders", "get", "OB-1", factory=broken)
    assert verbose.code == 70 and "Traceback" in verbose.err
    assert TOKEN not in quiet.err + verbose.err


def test_verbose_logs_requests_without_the_token(cli: Invoke, sandbox: Sandbox) -> None:
    result = cli("--token", TOKEN, "--verbose", "orders", "create", str(EXAMPLES / "order.json"))
    assert result.code == 0
    assert "POST" in result.err and "INFO flexport_outbounds_client" in result.err
    assert TOKEN not in result.err + result.out
    logger = logging.getLogger("flexport_outbounds_client")
    assert not [h for h in logger.handlers if isinstance(h, logging.StreamHandler)]  # removed after the run


def test_redacting_filter_rewrites_a_leaky_record(cli: Invoke) -> None:
    from flexport_outbounds_client._redact import RedactingFilter, Secrets

    record = logging.LogRecord("x", logging.INFO, __file__, 1, "token is %s", (TOKEN,), None)
    assert RedactingFilter(Secrets([TOKEN])).filter(record)
    assert record.getMessage() == "token is [REDACTED]"


def test_resume_command_hides_the_token() -> None:
    shown = resume_command(["--token", TOKEN, "--token=" + TOKEN, "orders", "create", "--bulk", "my file.csv"])
    assert TOKEN not in shown
    assert shown == (
        "flexport-outbounds --token $FLEXPORT_API_TOKEN --token=$FLEXPORT_API_TOKEN orders create --bulk 'my file.csv'"
    )


# --- orders create / get / cancel -------------------------------------------------------------------------------


def test_create_from_yaml_on_stdin_keeps_strings(
    cli: Invoke, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    yaml_text = """
type: B2B
externalId: YAML-1
shipBy: 2026-03-06T22:00:00Z
shipToAddress: {name: Casco Bay Outfitters, street1: 1 Main St, city: Freeport, state: ME, zip: 04032, country: US}
transportationDetails: {shippingPartner: FLEXPORT, shippingType: PARCEL}
orderItems:
  - {productData: {gtin: 00012345678905}, quantity: 12, quantityUOM: EACH, unitPrice: 4.5}
"""
    monkeypatch.setattr("sys.stdin", io.StringIO(yaml_text))
    result = cli("orders", "create", "-")
    assert result.code == 0, result.err
    order = sandbox.orders[result.json["orderId"]]
    assert order.shipments[0].to_dict()["shipToAddress"]["zip"] == "04032"
    assert order.order_items[0].to_dict()["productData"]["gtin"] == "00012345678905"


def test_create_from_yaml_file_and_table_output(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "order.yaml"
    path.write_text(json.dumps(order_request("YAML-2")), encoding="utf-8")  # JSON is YAML too
    result = cli("--output", "table", "orders", "create", str(path))
    assert result.code == 0
    assert "Order OB-" in result.out and "YAML-2" in result.out and "DSKU9QF2LH7R4" in result.out


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("order.json", "{oops", "is not valid JSON"),
        ("order.yaml", "a: [b", "is not valid YAML"),
        ("order.txt", "- a\n- b\n", "expected one order"),
        ("order.txt", "", "expected one order"),
    ],
)
def test_unreadable_order_files_exit_2(cli: Invoke, tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = cli("orders", "create", str(path))
    assert result.code == 2
    assert message in result.err


def test_missing_order_file_exits_1(cli: Invoke, tmp_path: Path) -> None:
    result = cli("orders", "create", str(tmp_path / "nope.json"))
    assert result.code == 1 and "cannot read" in result.err


def test_invalid_single_order_lists_every_field(cli: Invoke, tmp_path: Path, sandbox: Sandbox) -> None:
    bad = order_request("BAD-1", currencyCode="LTL")
    del bad["shipToAddress"]["city"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    result = cli("orders", "create", str(path))
    assert result.code == 2
    assert "invalid request (2 problem(s))" in result.err
    assert "shipToAddress.city" in result.err and "currencyCode" in result.err
    assert sandbox.requests == ()


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".jsonl"])
def test_a_misspelt_field_is_refused_with_the_one_meant(
    cli: Invoke, tmp_path: Path, sandbox: Sandbox, suffix: str
) -> None:
    # snake_case or a typo would be sent and dropped by the server: the order would go out without its externalId
    order = order_request("PO-7")
    order["external_id"] = order.pop("externalId")
    order["shipToAddress"]["zipCode"] = order["shipToAddress"].pop("zip")
    path = tmp_path / f"order{suffix}"
    if suffix == ".yaml":
        path.write_text(yaml.safe_dump(order), encoding="utf-8")
    else:
        path.write_text(json.dumps(order) + "\n", encoding="utf-8")
    args = ["orders", "create", "--dry-run", *(["--bulk"] if suffix == ".jsonl" else []), str(path)]
    result = cli(*args)
    assert result.code == 2, result.err
    assert "external_id: unknown field; did you mean externalId?" in result.err
    assert "shipToAddress.zipCode: unknown field; did you mean zip?" in result.err
    assert sandbox.requests == ()


def test_dry_run_sends_nothing(cli: Invoke, sandbox: Sandbox) -> None:
    single = cli("orders", "create", "--dry-run", str(EXAMPLES / "order.json"))
    assert single.code == 0 and single.json == {"valid": True, "orders": 1}
    table = cli("--output", "table", "orders", "create", "--bulk", "--dry-run", str(EXAMPLES / "orders.csv"))
    assert table.code == 0 and "3 order(s) valid" in table.out
    assert sandbox.requests == ()


def test_get_and_cancel(cli: Invoke, sandbox: Sandbox) -> None:
    order_id = cli("orders", "create", str(EXAMPLES / "order.json")).json["orderId"]
    sandbox.advance(order_id, to=OrderStatus.IN_PROGRESS)
    shown = cli("--output", "table", "orders", "get", order_id)
    assert shown.code == 0 and "IN_PROGRESS" in shown.out and "shipments" in shown.out
    refused = cli("orders", "cancel", order_id)
    assert refused.code == 5 and "only PLANNED or BOOKED" in refused.err

    again = cli("orders", "create", str(EXAMPLES / "order.json"))
    assert again.json["orderId"] == order_id  # same externalId, same items: exactly once


def test_cancel_table_output(cli: Invoke, sandbox: Sandbox, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "one.json", [order_request("CANCEL-ME")])
    order_id = cli("orders", "create", str(path)).json["orderId"]
    result = cli("--output", "table", "orders", "cancel", order_id)
    assert result.code == 0 and f"Order {order_id} cancelled (status CANCELLED)" in result.out


def test_get_not_found_and_server_error(cli: Invoke, sandbox: Sandbox) -> None:
    missing = cli("orders", "get", "--external-id", "NOPE")
    assert missing.code == 3 and "404" in missing.err
    sandbox.faults.add("server_error", operation="getOrder", times=None)
    failed = cli("orders", "get", "OB-1", factory=lambda: sandbox.client(max_retries=0))
    assert failed.code == 6 and "500" in failed.err


# --- attachments, sandbox -----------------------------------------------------------------------------------------


def test_upload_table_output_and_not_a_pdf(cli: Invoke, sandbox: Sandbox, tmp_path: Path) -> None:
    order_id = cli("orders", "create", str(EXAMPLES / "order.json")).json["orderId"]
    shipment_id = str(sandbox.orders[order_id].shipments[0].shipment_id)
    pdf = str(EXAMPLES / "shipping-labels.pdf")
    ok = cli("--output", "table", "attachments", "upload", order_id, shipment_id, pdf, "--type", "case_labels")
    assert ok.code == 0 and "as CASE_LABELS to shipment" in ok.out
    text = tmp_path / "labels.pdf"
    text.write_text("not a pdf", encoding="utf-8")
    bad = cli("attachments", "upload", order_id, shipment_id, str(text))
    assert bad.code == 2 and "is not a PDF" in bad.err


def test_sandbox_command_calls_run_server(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, ...]] = []

    def fake_run_server(host: str, port: int, token: str, **kwargs: Any) -> None:
        calls.append((host, port, token, kwargs))

    monkeypatch.setattr("flexport_outbounds_client.sandbox.run_server", fake_run_server)
    assert cli("sandbox", "--port", "0", "--seed", "3").code == 0
    defaults = {"auto_advance": None, "advance_every": 60.0, "drift": None, "allow_non_loopback": False}
    assert calls == [("127.0.0.1", 0, "sandbox-token", {**defaults, "seed": 3})]


def test_sandbox_command_refuses_a_public_host(cli: Invoke) -> None:
    result = cli("sandbox", "--host", "0.0.0.0", "--port", "0")  # noqa: S104 - the point: it is refused
    assert result.code == 1 and "cannot run the sandbox" in result.err


# --- watch --------------------------------------------------------------------------------------------------------


def advancing_client(sandbox: Sandbox, order_id: str, **kwargs: Any) -> OutboundsClient:
    """A client whose every get_order first moves the order one step (as a busy warehouse would)."""
    client = sandbox.client(**kwargs)
    original = client.get_order

    async def get_order(oid: str, **options: Any) -> Any:
        order = sandbox.orders[order_id]
        if order.order_status not in (OrderStatus.DELIVERED, OrderStatus.CANCELLED) and oid == order_id:
            sandbox.advance(order_id)
        return await original(oid, **options)

    client.get_order = get_order  # type: ignore[method-assign, assignment]  # advances the sandbox on each poll
    return client


def test_watch_reaches_status_in_table_mode(cli: Invoke, sandbox: Sandbox) -> None:
    order_id = cli("orders", "create", str(EXAMPLES / "order.json")).json["orderId"]
    args = ("--output", "table", "orders", "watch", order_id, "--until", "shipped", "--interval", "0.01")
    result = cli(*args, factory=lambda: advancing_client(sandbox, order_id))
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == f"{order_id}: IN_PROGRESS -> SHIPPED"


def test_watch_stops_on_another_terminal_status(cli: Invoke, sandbox: Sandbox) -> None:
    order_id = cli("orders", "create", str(EXAMPLES / "order.json")).json["orderId"]
    sandbox.advance(order_id, to=OrderStatus.CANCELLED)
    result = cli("orders", "watch", order_id, "--until", "DELIVERED", "--interval", "0.01")
    assert result.code == 8 and "ended as CANCELLED" in result.err


def test_watch_backs_off_then_times_out(cli: Invoke, sandbox: Sandbox) -> None:
    order_id = cli("orders", "create", str(EXAMPLES / "order.json")).json["orderId"]
    result = cli("orders", "watch", order_id, "--until", "BOOKED", "--interval", "0.05", "--timeout", "0.3")
    assert result.code == 8 and "timed out after 0.3s" in result.err
    assert len([r for r in sandbox.requests if r.operation_id == "getOrder"]) < 6  # 0.05, 0.075, 0.11, ...


def test_watch_keeps_polling_through_transient_errors(cli: Invoke, sandbox: Sandbox) -> None:
    order_id = cli("orders", "create", str(EXAMPLES / "order.json")).json["orderId"]
    sandbox.advance(order_id, to=OrderStatus.BOOKED)
    sandbox.faults.add("server_error", operation="getOrder", times=2)
    args = ("orders", "watch", order_id, "--until", "BOOKED", "--interval", "0.01")
    result = cli(*args, factory=lambda: sandbox.client(max_retries=0))
    assert result.code == 0
    assert result.err.count("poll failed, trying again") == 2


def test_watch_gives_up_when_no_poll_succeeds(cli: Invoke, sandbox: Sandbox) -> None:
    sandbox.faults.add("server_error", operation="getOrder", times=None)
    args = ("orders", "watch", "OB-1", "--until", "BOOKED", "--interval", "0.05", "--timeout", "0.1")
    result = cli(*args, factory=lambda: sandbox.client(max_retries=0))
    assert result.code == 6 and "500" in result.err


def test_watch_not_found_exits_3(cli: Invoke) -> None:
    assert cli("orders", "watch", "OB-404", "--until", "BOOKED").code == 3


# --- bulk -----------------------------------------------------------------------------------------------------------


def test_bulk_csv_then_rerun_in_table_mode(cli: Invoke, sandbox: Sandbox, tmp_path: Path) -> None:
    results = tmp_path / "results.jsonl"
    first = cli("orders", "create", "--bulk", str(EXAMPLES / "orders.csv"), "--results", str(results))
    assert first.code == 0, first.err
    assert first.json == {
        "total": 3,
        "created": 3,
        "existing": 0,
        "failed": 0,
        "notDone": 0,
        "interrupted": False,
        "stoppedBecause": None,
        "results": str(results),
    }
    patagonia = next(o for o in sandbox.orders.values() if o.external_id == "PAT-PO-88123")
    assert [item.logistics_sku for item in patagonia.order_items] == ["DSKU9QF2LH7R4", "DSKU5NCV7JS8B", "DSKU9DLK2FM7G"]
    again = cli(
        "--output", "table", "orders", "create", "--bulk", str(EXAMPLES / "orders.csv"), "--results", str(results)
    )
    assert again.code == 0
    assert "3 order(s): 0 created, 3 already existed, 0 failed" in again.out
    assert len(sandbox.orders) == 3
    assert {json.loads(line)["outcome"] for line in results.read_text().splitlines()} == {"existing"}


def test_bulk_default_results_path_and_plain_progress(cli: Invoke, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "orders.ndjson", [order_request(f"P-{n}") for n in range(3)])
    result = cli("orders", "create", "--bulk", str(path), "--concurrency", "2")
    assert result.code == 0
    assert "Processing 3 order(s)" in result.err and "[3/3] line" in result.err
    assert len((tmp_path / "orders.ndjson.results.jsonl").read_text().splitlines()) == 3


def test_bulk_existing_order_with_other_items_fails(cli: Invoke, sandbox: Sandbox, tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "a.jsonl", [order_request("SAME-ID"), order_request("OTHER")])
    assert cli("orders", "create", "--bulk", str(first)).code == 0
    changed = order_request("SAME-ID", orderItems=[{"logisticsSku": "DSKUZZZ", "quantity": 1, "quantityUOM": "EACH"}])
    second = write_jsonl(tmp_path / "b.jsonl", [order_request("OTHER"), changed])
    result = cli("orders", "create", "--bulk", str(second))
    assert result.code == 6
    assert result.json["failed"] == 1 and result.json["existing"] == 1
    assert "already belongs to order" in result.err
    records = [json.loads(line) for line in (tmp_path / "b.jsonl.results.jsonl").read_text().splitlines()]
    failed = next(r for r in records if r["outcome"] == "failed")
    assert failed["line"] == 2 and failed["externalId"] == "SAME-ID" and "error" in failed


def test_bulk_per_order_api_failure_continues(cli: Invoke, sandbox: Sandbox, tmp_path: Path) -> None:
    sandbox.faults.add("server_error", operation="createOrder", times=1)
    path = write_jsonl(tmp_path / "orders.jsonl", [order_request(f"F-{n}") for n in range(3)])
    result = cli(
        "orders", "create", "--bulk", str(path), "--concurrency", "1", factory=lambda: sandbox.client(max_retries=0)
    )
    assert result.code == 6
    assert result.json["failed"] == 1 and result.json["created"] == 2


def test_bulk_empty_file_and_unwritable_results(cli: Invoke, tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    result = cli("orders", "create", "--bulk", str(empty))
    assert result.code == 2 and "contains no orders" in result.err
    path = write_jsonl(tmp_path / "orders.jsonl", [order_request("W-1")])
    unwritable = cli("orders", "create", "--bulk", str(path), "--results", str(tmp_path / "no" / "dir.jsonl"))
    assert unwritable.code == 1 and "cannot write the results file" in unwritable.err


def test_bulk_network_loss_stops_and_says_how_to_resume(cli: Invoke, sandbox: Sandbox, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "orders.jsonl", [order_request(f"N-{n}") for n in range(6)])
    sandbox.faults.add("delay", operation="getOrderByExternalId", times=None, seconds=2)
    factory = lambda: sandbox.client(max_retries=0, timeout=0.2)  # noqa: E731
    result = cli("orders", "create", "--bulk", str(path), "--concurrency", "2", factory=factory)
    assert result.code == 7
    assert result.json["stoppedBecause"] and result.json["notDone"] >= 4
    assert "Stopped with" in result.err and "run the same command again" in result.err


def interrupting_client(sandbox: Sandbox, *, at_call: int, signals: int) -> OutboundsClient:
    """A client that sends this process SIGINT (`signals` times) when create_order is called the `at_call`th time."""
    client = sandbox.client()
    original = client.create_order
    calls = 0

    async def create_order(request: Any, **options: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == at_call:
            for _ in range(signals):
                os.kill(os.getpid(), signal.SIGINT)
        return await original(request, **options)

    client.create_order = create_order  # type: ignore[method-assign]  # sends SIGINT at a chosen call
    return client


def test_ctrl_c_lets_in_flight_orders_finish(cli: Invoke, sandbox: Sandbox, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "orders.jsonl", [order_request(f"I-{n}") for n in range(20)])
    sandbox.faults.add("delay", operation="createOrder", times=None, seconds=0.05)
    factory = lambda: interrupting_client(sandbox, at_call=5, signals=1)  # noqa: E731
    result = cli("orders", "create", "--bulk", str(path), "--concurrency", "2", factory=factory)
    assert result.code == 130
    assert "finishing" in result.err and "run the same command again" in result.err
    summary = result.json
    assert summary["interrupted"] and summary["created"] == len(sandbox.orders) < 20
    resumed = cli("orders", "create", "--bulk", str(path))
    assert resumed.code == 0 and resumed.json["existing"] == summary["created"]
    assert len(sandbox.orders) == 20


def test_second_ctrl_c_cancels_in_flight_orders(cli: Invoke, sandbox: Sandbox, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "orders.jsonl", [order_request(f"C-{n}") for n in range(10)])
    sandbox.faults.add("delay", operation="createOrder", times=None, seconds=5)
    factory = lambda: interrupting_client(sandbox, at_call=2, signals=2)  # noqa: E731
    result = cli("orders", "create", "--bulk", str(path), "--concurrency", "2", factory=factory)
    assert result.code == 130
    assert "Cancelling the orders in flight" in result.err
    records = [json.loads(line) for line in (tmp_path / "orders.jsonl.results.jsonl").read_text().splitlines()]
    assert [r["outcome"] for r in records] == ["interrupted", "interrupted"]
    sandbox.faults.clear()
    resumed = cli("orders", "create", "--bulk", str(path))
    assert resumed.code == 0 and len(sandbox.orders) == 10
