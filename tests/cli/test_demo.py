"""`make demo` runs to the end, exits 0, and stays well under a minute."""

from __future__ import annotations

import importlib.util
import time

import pytest

from .conftest import EXAMPLES


@pytest.mark.slow
def test_demo_runs_and_exits_0(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    spec = importlib.util.spec_from_file_location("demo", EXAMPLES / "demo.py")
    assert spec is not None and spec.loader is not None
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)
    started = time.monotonic()
    assert demo.main() == 0
    assert time.monotonic() - started < 60
    out = capsys.readouterr().out
    assert "Still 57 orders in the sandbox: 0 duplicates." in out
    assert "(exit code 5, as expected)" in out
    assert "orders in the sandbox" in out and "CANCELLED" in out
