"""The console script `flexport-outbounds sandbox` in a subprocess: Ctrl-C twice, and a low open-file limit.

Slow (each test starts a Python process), so in SLOW_MODULES; the fast cousins are in test_hardening.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from .conftest import AUTH, ORDERS

SCRIPT = Path(sys.executable).parent / "flexport-outbounds"
START = 30.0  # seconds the process may take to print its base URL on a loaded machine

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and resource limits")


def _limit_open_files(limit: int) -> Callable[[], None]:
    def lower() -> None:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))

    return lower


@contextlib.contextmanager
def running_sandbox(*, open_files: int | None = None) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """The console script on a free loopback port; yields the process and its base URL; always stopped."""
    process = subprocess.Popen(
        [str(SCRIPT), "sandbox", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_limit_open_files(open_files) if open_files else None,
    )
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + START
        line = ""
        while "sandbox:" not in line and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
        assert "sandbox:" in line, f"no base URL printed; stderr: {process.stderr.read() if process.stderr else ''}"
        yield process, line.split("sandbox:", 1)[1].strip()
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def test_ctrl_c_twice_ends_quietly() -> None:
    with running_sandbox() as (process, base_url):
        assert httpx.get(f"{base_url}{ORDERS}/OB-1", headers=AUTH, timeout=10).status_code == 404
        process.send_signal(signal.SIGINT)
        time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        code = process.wait(15)
        assert process.stderr is not None
        stderr = process.stderr.read()
    assert code == 0
    assert "Traceback" not in stderr
    assert "never retrieved" not in stderr
    assert len(stderr) < 1000, stderr


def test_with_the_open_file_limit_reached_it_keeps_answering() -> None:
    limit = 256
    with running_sandbox(open_files=limit) as (process, base_url):
        answered = asyncio.run(_idle_crowd_then_probe(base_url, connections=limit + 50))
        process.send_signal(signal.SIGINT)
        process.wait(15)
        assert process.stderr is not None
        stderr = process.stderr.read()
    assert answered == [404] * 5
    assert len(stderr) < 10_000, stderr[:2000]


async def _idle_crowd_then_probe(base_url: str, *, connections: int) -> list[int]:
    """Open more idle connections than the server has file descriptors, then send five probes (10 s each)."""
    parts = urlsplit(base_url)
    crowd = []
    for _ in range(connections):
        with contextlib.suppress(OSError):
            crowd.append(await asyncio.wait_for(asyncio.open_connection(parts.hostname, parts.port), 10))
    statuses = []
    try:
        async with httpx.AsyncClient(base_url=base_url, headers=AUTH, timeout=10) as http:
            for _ in range(5):
                statuses.append((await http.get(f"{ORDERS}/OB-1")).status_code)
    finally:
        for _, writer in crowd:
            writer.close()
    return statuses
