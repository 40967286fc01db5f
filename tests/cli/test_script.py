"""The real `flexport-outbounds` console script, in a subprocess, against the sandbox on a loopback server."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from flexport_outbounds_client import OrderStatus
from flexport_outbounds_client.sandbox import Sandbox

from .conftest import (
    EXAMPLES,
    TOKEN,
    finish,
    order_request,
    run_script,
    script_env,
    start_script,
    wait_until,
    write_jsonl,
)


@pytest.fixture
async def base_url(sandbox: Sandbox) -> AsyncIterator[str]:
    async with sandbox.serve(host="127.0.0.1", port=0) as url:
        yield url


def api(base_url: str, *args: str, token: str = TOKEN) -> list[str]:
    return ["--base-url", base_url, "--token", token, "--output", "json", *args]


async def test_create_get_cancel(base_url: str, sandbox: Sandbox) -> None:
    created = await run_script(*api(base_url, "orders", "create", str(EXAMPLES / "order.json")))
    assert created.code == 0, created.err
    order_id = created.json["orderId"]
    assert created.json["externalId"] == "NORDSTROM-PO-4471902"

    by_id = await run_script(*api(base_url, "orders", "get", order_id))
    by_external_id = await run_script(*api(base_url, "orders", "get", "--external-id", "NORDSTROM-PO-4471902"))
    assert by_id.code == by_external_id.code == 0
    assert by_id.json["orderStatus"] == by_external_id.json["orderStatus"] == "PLANNED"

    sandbox.advance(order_id, to=OrderStatus.BOOKED)
    cancelled = await run_script(*api(base_url, "orders", "cancel", order_id))
    assert cancelled.code == 0, cancelled.err
    assert cancelled.json["orderStatus"] == "CANCELLED"
    assert TOKEN not in created.out + created.err + cancelled.out + cancelled.err


async def test_cancel_in_progress_is_refused_before_sending(base_url: str, sandbox: Sandbox) -> None:
    created = await run_script(*api(base_url, "orders", "create", str(EXAMPLES / "order.json")))
    order_id = created.json["orderId"]
    sandbox.advance(order_id, to=OrderStatus.IN_PROGRESS)
    refused = await run_script(*api(base_url, "orders", "cancel", order_id))
    assert refused.code == 5
    assert "cannot be cancelled" in refused.err and "IN_PROGRESS" in refused.err
    assert "Traceback" not in refused.err
    assert not [r for r in sandbox.requests if r.operation_id == "cancelOrder"]


async def test_watch_prints_each_transition(base_url: str, sandbox: Sandbox) -> None:
    order_id = (await run_script(*api(base_url, "orders", "create", str(EXAMPLES / "order.json")))).json["orderId"]
    watcher = await start_script(*api(base_url, "orders", "watch", order_id, "--until", "SHIPPED", "--interval", "0.1"))

    def polls() -> int:
        return sum(1 for r in sandbox.requests if r.operation_id == "getOrder")

    await wait_until(lambda: polls() > 0)
    for _ in range(3):
        seen = polls()
        sandbox.advance(order_id)
        await wait_until(lambda: polls() > seen)  # noqa: B023 - waited for inside the iteration
    result = await finish(watcher)
    assert result.code == 0, result.err
    assert [(line["from"], line["to"]) for line in result.json_lines] == [
        (None, "PLANNED"),
        ("PLANNED", "BOOKED"),
        ("BOOKED", "IN_PROGRESS"),
        ("IN_PROGRESS", "SHIPPED"),
    ]


async def test_watch_times_out_with_nonzero_exit(base_url: str) -> None:
    order_id = (await run_script(*api(base_url, "orders", "create", str(EXAMPLES / "order.json")))).json["orderId"]
    result = await run_script(*api(base_url, "orders", "watch", order_id, "--until", "DELIVERED", "--timeout", "0.5"))
    assert result.code == 8
    assert "timed out" in result.err


async def test_upload_shipping_labels(base_url: str, sandbox: Sandbox) -> None:
    order_id = (await run_script(*api(base_url, "orders", "create", str(EXAMPLES / "order.json")))).json["orderId"]
    shipment_id = sandbox.orders[order_id].shipments[0].shipment_id
    assert isinstance(shipment_id, str)
    pdf = EXAMPLES / "shipping-labels.pdf"
    result = await run_script(
        *api(base_url, "attachments", "upload", order_id, shipment_id, str(pdf), "--type", "SHIPPING_LABELS")
    )
    assert result.code == 0, result.err
    assert result.json["bytes"] == pdf.stat().st_size
    assert sandbox.uploads[(order_id, shipment_id, "SHIPPING_LABELS")] == pdf.read_bytes()


async def test_bulk_file_with_invalid_lines_sends_nothing(base_url: str, sandbox: Sandbox, tmp_path: Path) -> None:
    no_zip = order_request("PO-3")
    del no_zip["shipToAddress"]["zip"]
    lines = [
        json.dumps(order_request("PO-1")),
        "{not json",
        json.dumps(no_zip),
        json.dumps({k: v for k, v in order_request().items() if k != "externalId"}),
        json.dumps(order_request("PO-5", orderItems=[{"logisticsSku": "A", "quantity": -1, "quantityUOM": "BOX"}])),
        json.dumps(order_request("PO-1")),
    ]
    path = tmp_path / "orders.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = await run_script(*api(base_url, "orders", "create", "--bulk", str(path)))
    assert result.code == 2
    for expected in (
        "line 2: (line): is not valid JSON",
        "line 3: shipToAddress.zip:",
        "line 4: externalId: is required in bulk mode",
        "line 5: orderItems[0].quantity:",
        "line 5: orderItems[0].quantityUOM:",
        "line 6: externalId: 'PO-1' is already used by line 1",
    ):
        assert expected in result.err, result.err
    assert "nothing was sent" in result.err
    assert {p["line"] for p in result.json["problems"]} == {2, 3, 4, 5, 6}
    assert sandbox.requests == ()
    assert not (tmp_path / "orders.jsonl.results.jsonl").exists()


async def test_interrupted_bulk_load_resumes_without_duplicates(
    base_url: str, sandbox: Sandbox, tmp_path: Path
) -> None:
    external_ids = [f"RESUME-{n:03d}" for n in range(30)]
    path = write_jsonl(tmp_path / "orders.jsonl", [order_request(e) for e in external_ids])
    results = tmp_path / "orders.jsonl.results.jsonl"
    sandbox.faults.add("delay", operation="createOrder", times=None, seconds=0.25)
    command = api(base_url, "orders", "create", "--bulk", str(path), "--concurrency", "2")

    first = await start_script(*command)
    await wait_until(lambda: results.exists() and len(results.read_text().splitlines()) >= 4)
    first.send_signal(signal.SIGINT)
    interrupted = await finish(first)

    assert interrupted.code == 130, interrupted.err
    assert "To resume, run the same command again" in interrupted.err
    assert f"orders create --bulk {path}" in interrupted.err
    assert TOKEN not in interrupted.err + interrupted.out
    summary = interrupted.json
    assert summary["interrupted"] is True
    assert 4 <= summary["created"] < len(external_ids)
    done_before = {json.loads(line)["externalId"] for line in results.read_text().splitlines()}
    assert len(sandbox.orders) == summary["created"]

    sandbox.faults.clear()
    resumed = await run_script(*command)
    assert resumed.code == 0, resumed.err
    assert resumed.json["created"] + resumed.json["existing"] == len(external_ids)
    assert resumed.json["existing"] == len(sandbox.orders) - resumed.json["created"] >= len(done_before)
    stored = [str(order.external_id) for order in sandbox.orders.values()]
    assert sorted(stored) == sorted(external_ids)  # every order once: nothing missing, nothing twice
    records = [json.loads(line) for line in results.read_text().splitlines()]
    assert sorted(r["externalId"] for r in records) == sorted(external_ids)
    assert {r["outcome"] for r in records} <= {"created", "existing"}


async def test_wrong_token_exits_4_and_never_prints_it(base_url: str, sandbox: Sandbox, tmp_path: Path) -> None:
    wrong = "wrong-token-ab12cd34ef56"
    result = await run_script(*api(base_url, "--verbose", "orders", "get", "OB-1", token=wrong))
    assert result.code == 4
    assert "401" in result.err and "correlation id" in result.err
    assert wrong not in result.out + result.err
    assert "Traceback" not in result.err

    env = {**script_env(), "FLEXPORT_API_TOKEN": wrong, "FLEXPORT_BASE_URL": base_url}
    path = write_jsonl(tmp_path / "orders.jsonl", [order_request(f"PO-{n}") for n in range(5)])
    bulk = await run_script("-v", "orders", "create", "--bulk", str(path), env=env)
    assert bulk.code == 4
    assert "Stopping" in bulk.err
    assert wrong not in bulk.out + bulk.err
    assert len(sandbox.orders) == 0


async def test_not_found_exits_3(base_url: str) -> None:
    result = await run_script(*api(base_url, "orders", "get", "OB-does-not-exist"))
    assert result.code == 3
    assert "404" in result.err and "correlation id" in result.err


async def test_network_error_exits_7() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = await run_script(*api(f"http://127.0.0.1:{port}/logistics/api/2026-02", "orders", "get", "OB-1"))
    assert result.code == 7
    assert "connection failed" in result.err
    assert TOKEN not in result.err


async def test_sandbox_command_serves_until_interrupted() -> None:
    server = await start_script("sandbox", "--port", "0", "--token", "my-local-token")
    assert server.stdout is not None
    first = await asyncio.wait_for(server.stdout.readline(), 20)
    second = await asyncio.wait_for(server.stdout.readline(), 20)
    base_url = first.decode().split(": ", 1)[1].strip()
    assert base_url.startswith("http://127.0.0.1:")
    assert second.decode().strip() == "Token: my-local-token"
    try:
        result = await run_script(
            *api(base_url, "orders", "create", str(EXAMPLES / "order.json"), token="my-local-token")
        )
        assert result.code == 0, result.err
    finally:
        server.send_signal(signal.SIGINT)
        await finish(server)
