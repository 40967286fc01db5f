"""The soak of the served sandbox (`make soak`, or `python -m tests.soak --sandbox-only`): hostile traffic for minutes.

`flexport-outbounds sandbox` runs in a subprocess while this process sends a mix of requests (valid creates and
reads, unauthenticated, malformed bytes, oversized bodies and heads) and keeps a crowd of idle connections open
(reopening each one the server closes), and a probe thread times one small GET every 100 ms on its own
connection. Figures: the probe's worst latency, the server's RSS growth after warm-up, the size of its stderr.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import itertools
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from ..samples import ship_to, transportation

SCRIPT = Path(sys.executable).parent / "flexport-outbounds"
TOKEN = "sandbox-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PROBE_EVERY = 0.1
DISTINCT_ORDERS = 300
REOPEN_AFTER = 1.0  # seconds an idle connection the server closed stays closed before it is opened again
OPEN_FILES = 4096  # the server's and this process's soft limit: room for the idle crowd and the load


def _order(n: int) -> dict[str, Any]:
    return {
        "type": "B2B",
        "externalId": f"SOAK-{n % DISTINCT_ORDERS}",  # then 409s: the soak measures the server, not its orders
        "orderItems": [{"logisticsSku": "SKU-A", "quantity": 1, "quantityUOM": "EACH"}],
        "shipToAddress": ship_to(company="Soak"),
        "transportationDetails": transportation(),
    }


def _raise_open_files() -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = OPEN_FILES if hard == resource.RLIM_INFINITY else min(OPEN_FILES, hard)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0  # pragma: no cover - every Linux process has VmRSS


@contextlib.contextmanager
def _server(stderr_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    with stderr_path.open("w") as stderr:
        process = subprocess.Popen(
            [str(SCRIPT), "sandbox", "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            preexec_fn=_raise_open_files,
        )
        try:
            assert process.stdout is not None
            deadline = time.monotonic() + 30
            line = ""
            while "sandbox:" not in line and time.monotonic() < deadline and process.poll() is None:
                line = process.stdout.readline()
            if "sandbox:" not in line:
                raise RuntimeError(f"the sandbox did not start: {stderr_path.read_text()[:2000]}")
            yield process, line.split("sandbox:", 1)[1].strip()
        finally:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
            if process.stdout is not None:
                process.stdout.close()


def probe(base_url: str) -> None:
    """One small GET every `PROBE_EVERY` seconds on a connection of its own, until stdin closes; prints figures.

    Runs in a process of its own (`python -m tests.sandbox.served_soak --probe URL`), so that the load generator's
    work cannot delay it: what it measures is the server.
    """
    parts = urlsplit(base_url)
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    latencies: list[float] = []
    failures: Counter[str] = Counter()
    connection: http.client.HTTPConnection | None = None
    while not stop.wait(PROBE_EVERY):
        if connection is None:
            connection = http.client.HTTPConnection(str(parts.hostname), parts.port, timeout=10)
        started = time.perf_counter()
        try:
            connection.request("GET", f"{parts.path}/outbounds/orders/OB-probe", headers=AUTH)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as exc:
            failures[type(exc).__name__] += 1
            connection.close()
            connection = None
            continue
        latencies.append(time.perf_counter() - started)
        if response.status != 404:
            failures[f"status {response.status}"] += 1
    latencies.sort()
    figures = {
        "probes": len(latencies),
        "probe failures": dict(failures),
        "probe latency median ms": round(1000 * latencies[len(latencies) // 2], 1) if latencies else None,
        "probe latency p99 ms": round(1000 * latencies[len(latencies) * 99 // 100], 1) if latencies else None,
        "probe latency max ms": round(1000 * latencies[-1], 1) if latencies else None,
        "probes over 100 ms": sum(latency > 0.1 for latency in latencies),
    }
    print(json.dumps(figures), flush=True)  # noqa: T201 - the probe's report to the soak


def _start_probe(base_url: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.sandbox.served_soak", "--probe", base_url]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def _probe_figures(process: subprocess.Popen[str]) -> dict[str, Any]:
    output, _ = process.communicate(timeout=30)
    figures: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return figures


async def _hold_idle(base_url: str, count: int, stop: asyncio.Event, reopened: Counter[str]) -> None:
    """Keep `count` idle connections open until `stop`: each one the server closes is opened again."""
    parts = urlsplit(base_url)

    async def one() -> None:
        while not stop.is_set():
            try:
                reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
            except OSError:
                reopened["connect errors"] += 1
                await asyncio.sleep(0.5)
                continue
            try:
                read = asyncio.ensure_future(reader.read())
                stopped = asyncio.ensure_future(stop.wait())
                await asyncio.wait({read, stopped}, return_when=asyncio.FIRST_COMPLETED)
                for pending in (read, stopped):
                    pending.cancel()
                reopened["closed by the server"] += not stop.is_set()
            finally:
                writer.close()
            with contextlib.suppress(TimeoutError):  # a persistent crowd, not a reconnect loop
                await asyncio.wait_for(stop.wait(), REOPEN_AFTER)

    await asyncio.gather(*(one() for _ in range(count)))


def _raw(parts: Any, data: bytes) -> bytes:
    return data.replace(b"{path}", parts.path.encode()).replace(b"{host}", parts.netloc.encode())


RAW_CASES = {
    "malformed: NUL in the method": b"G\x00ET {path}/outbounds/orders/OB-1 HTTP/1.1\r\nHost: {host}\r\n\r\n",
    "malformed: not HTTP": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 hello\r\n\r\n",
    "oversized: 20 MB declared": (
        b"POST {path}/outbounds/orders HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer "
        + TOKEN.encode()
        + b"\r\nContent-Type: application/json\r\nContent-Length: 20000000\r\n\r\n{"
    ),
    "oversized: 100 KB head": b"GET {path}/outbounds/orders/OB-1 HTTP/1.1\r\nHost: {host}\r\nX-Big: "
    + b"a" * 100_000
    + b"\r\n\r\n",
}


async def _raw_request(parts: Any, data: bytes) -> str:
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    try:
        writer.write(_raw(parts, data))
        with contextlib.suppress(ConnectionError):
            await writer.drain()
        line = await asyncio.wait_for(reader.readline(), 10)
        return line.split(b" ")[1].decode() if line.count(b" ") >= 2 else "closed"
    finally:
        writer.close()


async def _load(base_url: str, total: int, workers: int, outcomes: Counter[str], on_thousand: Any) -> None:
    parts = urlsplit(base_url)
    counter = itertools.count()
    kinds = ["valid: create", "valid: read", "valid: read", "unauthenticated", "malformed: invalid JSON"]
    kinds += list(RAW_CASES)
    limits = httpx.Limits(max_connections=workers, max_keepalive_connections=workers)
    async with httpx.AsyncClient(base_url=base_url, headers=AUTH, timeout=30, limits=limits) as http:

        async def worker() -> None:
            while (n := next(counter)) < total:
                kind = kinds[n % len(kinds)]
                try:
                    if kind in RAW_CASES:
                        status = await _raw_request(parts, RAW_CASES[kind])
                    elif kind == "valid: create":
                        status = str((await http.post("/outbounds/orders", json=_order(n))).status_code)
                    elif kind == "valid: read":
                        status = str((await http.get(f"/outbounds/orders/OB-{n}")).status_code)
                    elif kind == "unauthenticated":
                        status = str(
                            (await http.get("/outbounds/orders/OB-1", headers={"Authorization": ""})).status_code
                        )
                    else:
                        body = b'{"type": "B2B", "orderItems": [' * 3
                        headers = {"Content-Type": "application/json"}
                        status = str((await http.post("/outbounds/orders", content=body, headers=headers)).status_code)
                except (OSError, httpx.HTTPError, TimeoutError) as exc:
                    status = type(exc).__name__
                outcomes[f"{kind} -> {status}"] += 1
                if (n + 1) % 1000 == 0:
                    on_thousand(n + 1)

        await asyncio.gather(*(worker() for _ in range(workers)))


def served_soak(requests: int = 50_000, idle: int = 1_100, workers: int = 8) -> dict[str, Any]:
    """Run the soak; return its figures (see the module docstring)."""
    _raise_open_files()
    with tempfile.TemporaryDirectory() as directory:
        stderr_path = Path(directory) / "stderr.txt"
        with _server(stderr_path) as (process, base_url):
            prober = _start_probe(base_url)
            rss: dict[str, int] = {"start": _rss_kib(process.pid)}
            outcomes: Counter[str] = Counter()
            reopened: Counter[str] = Counter()

            def on_thousand(n: int) -> None:
                if n == max(1000, requests // 10):
                    rss["after warm-up"] = _rss_kib(process.pid)
                if n % 10_000 == 0:
                    print(f"  ... {n} requests", flush=True)  # noqa: T201 - progress of a long run

            async def run() -> None:
                stop = asyncio.Event()
                holder = asyncio.create_task(_hold_idle(base_url, idle, stop, reopened))
                await asyncio.sleep(2)  # the crowd gathers before the load starts
                started = time.monotonic()
                await _load(base_url, requests, workers, outcomes, on_thousand)
                rss["seconds of load"] = round(time.monotonic() - started)
                stop.set()
                await asyncio.wait_for(holder, 30)

            asyncio.run(run())
            rss["end"] = _rss_kib(process.pid)
            probed = _probe_figures(prober)
        stderr_size = stderr_path.stat().st_size
        stderr_head = stderr_path.read_text(errors="replace")[:500]
    return {
        "requests": sum(outcomes.values()),
        "outcomes": dict(sorted(outcomes.items())),
        "idle connections held": idle,
        "idle connections closed by the server and reopened": reopened["closed by the server"],
        "idle connect errors": reopened["connect errors"],
        "load seconds": rss["seconds of load"],
        **probed,
        "server RSS after warm-up MiB": round(rss.get("after warm-up", rss["start"]) / 1024, 1),
        "server RSS at end MiB": round(rss["end"] / 1024, 1),
        "server RSS growth after warm-up MiB": round((rss["end"] - rss.get("after warm-up", rss["start"])) / 1024, 1),
        "server stderr bytes": stderr_size,
        "server stderr starts": json.dumps(stderr_head),
    }


if __name__ == "__main__":  # `--probe URL` (see `probe`), or `REQUESTS` for a quick look at the figures
    if sys.argv[1:2] == ["--probe"]:
        probe(sys.argv[2])
    else:
        print(json.dumps(served_soak(requests=int(sys.argv[1]) if len(sys.argv) > 1 else 5000), indent=2))  # noqa: T201
