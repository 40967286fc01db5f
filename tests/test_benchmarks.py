"""`make bench` keeps working: every row and latency configuration runs once and its results are checked
(`python -m benchmarks --self-check`, ~10 s). The timings themselves are never asserted (README "Performance")."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def test_every_benchmark_row_runs_and_returns_what_the_server_sent() -> None:
    command = [sys.executable, "-m", "benchmarks", "--self-check"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert "self-check:" in done.stdout
