"""`flexport-outbounds verify` as users run it: in process against `--sandbox` (table and JSON), and the real
console script in a subprocess against the sandbox served on 127.0.0.1, where the token must never show."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from flexport_outbounds_client._cli import run
from flexport_outbounds_client._verify import EXTERNAL_ID_PREFIX
from flexport_outbounds_client.sandbox import Sandbox

from ..cli.conftest import EXAMPLES, TOKEN, order_request, run_script

ORDER_FILE = str(EXAMPLES / "order.json")
EXIT_DRIFT = 9


def run_in_process(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_sandbox_conforms_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    code, out, _ = run_in_process(
        capsys,
        *("--sandbox", "--output", "json", "verify", "--create-and-cancel", "--order-file", ORDER_FILE),
        *("--report", str(report)),
    )
    printed = json.loads(out)
    assert code == 0, printed["drift"]
    assert printed == json.loads(report.read_text(encoding="utf-8"))
    assert printed["conforms"] is True and printed["drift"] == []
    names = [step["name"] for step in printed["steps"]]
    assert len(names) >= 8, names  # the error probes and every step of create-and-cancel
    assert all(step["conforms"] for step in printed["steps"])
    verdicts = {fact["verdict"] for fact in printed["facts"]}
    assert "confirmed" in verdicts and "contradicted" not in verdicts


def test_sandbox_conforms_as_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    code, out, err = run_in_process(
        capsys,
        *("--sandbox", "--output", "table", "verify", "--create-and-cancel", "--order-file", ORDER_FILE),
        *("--report", str(report)),
    )
    assert code == 0, out
    assert "The API conforms to openapi.yaml in everything tested." in out
    assert "Inferred facts of openapi.yaml" in out
    assert f"report: {report}" in err
    assert json.loads(report.read_text(encoding="utf-8"))["conforms"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--create-and-cancel",), "--create-and-cancel needs --order-file"),
        (("--order-file", ORDER_FILE), "--create-and-cancel needs --order-file"),
        (tuple(arg for i in range(21) for arg in ("--order-id", f"OB-{i}")), "at most 20"),
    ],
)
def test_usage_mistakes_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    capsys.readouterr()
    code = run(["--sandbox", "verify", *args, "--report", str(tmp_path / "r.json")])
    assert code == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "r.json").exists()


def test_without_a_token_it_says_how_to_give_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    code = run(["--base-url", "http://127.0.0.1:9/logistics/api/2026-02", "verify", "--order-id", "OB-1"])
    assert code != 0
    assert "no API token" in capsys.readouterr().err


def test_an_unwritable_report_path_is_a_clean_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    code = run(["--sandbox", "verify", "--report", str(tmp_path / "missing-dir" / "r.json")])
    err = capsys.readouterr().err
    assert code != 0
    assert "cannot write the report" in err and "Traceback" not in err


async def test_console_script_against_the_served_sandbox(tmp_path: Path) -> None:
    sandbox = Sandbox(token=TOKEN, seed=5, validate_responses=True)
    report = tmp_path / "verify.json"
    async with sandbox.serve() as base_url, sandbox.client() as client:
        order = await client.create_order(order_request("PO-VERIFY-1"))
        result = await run_script(
            *("--base-url", base_url, "--token", TOKEN, "--output", "json", "verify"),
            *("--order-id", order.order_id, "--external-id", "PO-VERIFY-1"),
            *("--create-and-cancel", "--order-file", ORDER_FILE, "--report", str(report)),
        )
    assert result.code == 0, result.out + result.err
    assert TOKEN not in result.out + result.err + report.read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    assert data["conforms"] is True
    requests = " ".join(step["request"] for step in data["steps"])
    assert order.order_id in requests and "PO-VERIFY-1" in requests
    test_orders = [o for o in sandbox.orders.values() if str(o.external_id).startswith(EXTERNAL_ID_PREFIX)]
    assert len(test_orders) == 1, "the probe creates exactly one order, replays included"
    assert test_orders[0].order_status.value == "CANCELLED"


async def test_console_script_names_each_drift_of_a_drifting_sandbox(tmp_path: Path) -> None:
    sandbox = Sandbox(token=TOKEN, seed=6, drift="all")
    report = tmp_path / "verify.json"
    async with sandbox.serve() as base_url, sandbox.client() as client:
        order = await client.create_order(order_request("PO-VERIFY-2"))
        result = await run_script(
            *("--base-url", base_url, "--token", TOKEN, "--output", "json", "verify"),
            *("--order-id", order.order_id, "--create-and-cancel", "--order-file", ORDER_FILE),
            *("--report", str(report)),
        )
    assert result.code == EXIT_DRIFT, result.out + result.err
    assert TOKEN not in result.out + result.err + report.read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    assert data["conforms"] is False
    drift = "\n".join(data["drift"])
    assert "sandboxDriftNote" in drift  # extra_field
    assert "ON_HOLD" in drift  # new_enum_value
    assert "x-correlation-id" in drift  # missing_correlation_id
    # duplicate_external_id_returns_existing: answered 200 where the spec says 409
    conflict = [fact for fact in data["facts"] if fact["pointer"] == "/components/responses/Conflict"]
    assert [fact["verdict"] for fact in conflict] == ["contradicted"], conflict
    # an unknown status is past cancelling for the client: the report says the test order is left to cancel
    assert any("ON_HOLD after the cancel: cancel it yourself" in note for note in data["notes"]), data["notes"]
