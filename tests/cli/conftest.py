"""Fixtures of the CLI tests: a sandbox, the command run in process (for coverage), and the real console script
run in a subprocess against the sandbox on a loopback server."""

from __future__ import annotations

import asyncio
import copy
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from flexport_outbounds_client import OutboundsClient
from flexport_outbounds_client._cli import run
from flexport_outbounds_client.sandbox import Sandbox

from ..conftest import ROOT

EXAMPLES = ROOT / "examples"
TOKEN = "cli-test-token-7d41c9e2b5"  # distinctive, so a leak is easy to find
SCRIPT_TIMEOUT = 60.0


@dataclass(frozen=True)
class Result:
    """Exit code and output of one command."""

    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def json_lines(self) -> list[Any]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


def order_request(external_id: str = "PO-1", **overrides: Any) -> dict[str, Any]:
    """A valid create-order request (examples/order.json) with another externalId."""
    data: dict[str, Any] = json.loads((EXAMPLES / "order.json").read_text(encoding="utf-8"))
    data["externalId"] = external_id
    data.update(copy.deepcopy(overrides))
    return data


def write_jsonl(path: Path, orders: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(order) + "\n" for order in orders), encoding="utf-8")
    return path


@pytest.fixture
def sandbox() -> Sandbox:
    return Sandbox(token=TOKEN, seed=11, validate_responses=True)


Invoke = Callable[..., Result]


@pytest.fixture
def cli(sandbox: Sandbox, capsys: pytest.CaptureFixture[str]) -> Invoke:
    """Run the command in process against `sandbox`; returns exit code and captured output."""

    def invoke(*args: str, factory: Callable[[], OutboundsClient] | None = None) -> Result:
        capsys.readouterr()
        code = run(list(args), client_factory=factory or sandbox.client)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def script_command() -> list[str]:
    """The installed console script (what users run), else the module form of it."""
    script = Path(sys.executable).parent / "flexport-outbounds"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "flexport_outbounds_client._cli"]  # pragma: no cover - editable install missing


def script_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLEXPORT_")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


async def start_script(*args: str, env: dict[str, str] | None = None) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        *script_command(),
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env or script_env(),
    )


async def finish(process: asyncio.subprocess.Process, timeout: float = SCRIPT_TIMEOUT) -> Result:
    try:
        out, err = await asyncio.wait_for(process.communicate(), timeout)
    except TimeoutError:  # pragma: no cover - only when something hangs
        process.kill()
        await process.wait()
        raise
    assert process.returncode is not None
    return Result(process.returncode, out.decode(), err.decode())


async def run_script(*args: str, env: dict[str, str] | None = None, timeout: float = SCRIPT_TIMEOUT) -> Result:
    """Run `flexport-outbounds ARGS...` to completion (bounded by `timeout`)."""
    return await finish(await start_script(*args, env=env), timeout)


async def wait_until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Poll `condition` until it holds; fail the test after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)
