"""Whole scenarios over real sockets, as a caller in another language drives them: plain httpx against
`Sandbox.serve()`, curl against the `flexport-outbounds sandbox` console script, and timed auto-advance from
the command line."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from flexport_outbounds_client.sandbox import API_PREFIX, Sandbox

from .conftest import AUTH, ORDERS, order_request

CONSOLE_SCRIPT = Path(sys.executable).with_name("flexport-outbounds")
CURL_TOKEN = "curl-token"


async def test_a_whole_scenario_with_plain_httpx(sandbox: Sandbox) -> None:
    async with sandbox.serve() as base_url, httpx.AsyncClient(headers=AUTH, timeout=10) as http:
        control = base_url.removesuffix(API_PREFIX) + "/_sandbox"
        created = await http.post(f"{base_url}{ORDERS}", json=order_request())
        assert created.status_code == 200, created.text
        order_id = created.json()["orderId"]

        shipped = await http.post(f"{control}/orders/{order_id}/advance", json={"to": "SHIPPED"})
        assert shipped.json()["orderStatus"] == "SHIPPED"
        assert (await http.get(f"{base_url}{ORDERS}/{order_id}")).json()["orderStatus"] == "SHIPPED"

        fault = {"kind": "commit_then_drop", "operation": "createOrder"}
        assert (await http.post(f"{control}/faults", json=fault)).status_code == 201
        with pytest.raises(httpx.RemoteProtocolError):
            await http.post(f"{base_url}{ORDERS}", json=order_request(externalId="PO-1002"))

        fired = (await http.get(f"{control}/faults/fired")).json()
        assert fired["fired"] == [{"operationId": "createOrder", "kind": "commit_then_drop", "status": None}]
        orders = (await http.get(f"{control}/orders")).json()["orders"]
        assert [order["externalId"] for order in orders] == ["PO-1001", "PO-1002"]  # the dropped create committed

        logged = (await http.get(f"{control}/requests")).json()["requests"]
        assert [r["operationId"] for r in logged] == ["createOrder", "getOrder", "createOrder"]
        assert not any("authorization" in r["headers"] for r in logged)
        assert sandbox.token not in json.dumps(logged)

        assert (await http.post(f"{control}/reset")).status_code == 204
        assert (await http.get(f"{control}/orders")).json() == {"orders": []}


@contextmanager
def running(command: list[str]) -> Iterator[str]:
    """Start a sandbox server process, yield its API base URL, stop it with Ctrl-C (and check it stopped cleanly)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as process:
        try:
            assert process.stdout is not None
            base_url = process.stdout.readline().strip().split(": ", 1)[1]
            yield base_url
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=15)
            assert process.returncode == 0, stderr
            assert "Traceback" not in stderr
        finally:
            if process.poll() is None:  # pragma: no cover - only when an assertion above failed
                process.kill()


def curl(*arguments: str, token: str = CURL_TOKEN) -> subprocess.CompletedProcess[str]:
    command = ["curl", "--silent", "--show-error", "--max-time", "10", "-H", f"Authorization: Bearer {token}"]
    return subprocess.run([*command, *arguments], capture_output=True, text=True, timeout=30, check=False)


def curl_json(*arguments: str) -> dict[str, object]:
    result = curl("-H", "Content-Type: application/json", *arguments)
    assert result.returncode == 0, result.stderr
    body: dict[str, object] = json.loads(result.stdout)
    return body


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_a_whole_scenario_with_curl_against_the_console_script() -> None:
    with running([str(CONSOLE_SCRIPT), "sandbox", "--port", "0", "--token", CURL_TOKEN]) as base_url:
        control = base_url.removesuffix(API_PREFIX) + "/_sandbox"
        created = curl_json("--data", json.dumps(order_request()), f"{base_url}{ORDERS}")
        order_id = str(created["orderId"])

        shipped = curl_json("--data", '{"to": "SHIPPED"}', f"{control}/orders/{order_id}/advance")
        assert shipped["orderStatus"] == "SHIPPED"

        curl_json("--data", '{"kind": "commit_then_drop", "operation": "createOrder"}', f"{control}/faults")
        again = json.dumps(order_request(externalId="PO-2"))
        dropped = curl("-H", "Content-Type: application/json", "--data", again, f"{base_url}{ORDERS}")
        assert dropped.returncode == 52, (dropped.returncode, dropped.stderr)  # curl: "Empty reply from server"

        fired = curl_json(f"{control}/faults/fired")
        assert fired == {
            "fired": [{"operationId": "createOrder", "kind": "commit_then_drop", "status": None}],
            "counts": {"commit_then_drop": 1},
        }
        assert len(curl_json(f"{control}/orders")["orders"]) == 2  # type: ignore[arg-type]

        unauthenticated = curl("--write-out", "%{http_code}", "--output", "/dev/null", f"{control}/orders", token="x")
        assert unauthenticated.stdout == "401"
        reset = curl("--request", "POST", "--write-out", "%{http_code}", f"{control}/reset")
        assert reset.stdout == "204"
        assert curl_json(f"{control}/orders") == {"orders": []}


def test_timed_auto_advance_from_the_command_line() -> None:
    command = [sys.executable, "-m", "flexport_outbounds_client.sandbox", "--port", "0", "--token", "sandbox-token"]
    command += ["--auto-advance", "timed", "--advance-every", "0.05"]
    with running(command) as base_url, httpx.Client(base_url=base_url, headers=AUTH, timeout=10) as http:
        order_id = http.post(ORDERS, json=order_request()).json()["orderId"]
        seen = set()
        for _ in range(300):  # each step takes 0.05 s of the server's clock; a loaded machine may need longer
            status = http.get(f"{ORDERS}/{order_id}").json()["orderStatus"]
            seen.add(status)
            if status == "DELIVERED":
                break
            time.sleep(0.05)
        assert status == "DELIVERED", seen
