"""The README's usage example runs as written, against the sandbox in process (no token, no network)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import flexport_outbounds_client
from flexport_outbounds_client.sandbox import Sandbox

from .conftest import ROOT

PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def usage_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    usage = text[text.index("## Usage") :]
    match = PYTHON_BLOCK.search(usage)
    assert match, "README has no python block under ## Usage"
    return match.group(1)


def test_usage_example_runs_against_the_sandbox(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox = Sandbox()

    def sandbox_client(*args: Any, **kwargs: Any) -> flexport_outbounds_client.OutboundsClient:
        return sandbox.client(*args, **kwargs)

    monkeypatch.setattr(flexport_outbounds_client, "OutboundsClient", sandbox_client)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "labels.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    exec(compile(usage_example(), "README.md", "exec"), {"__name__": "readme_example"})  # noqa: S102
    printed = capsys.readouterr().out
    (order,) = sandbox.orders.values()
    assert order.order_id in printed
    assert sandbox.uploads, "the example uploads a label"
