"""`make bench`: every figure of README "Performance" in one run on this machine.

Prints a table of medians with their spread (interquartile range over the repeats) and ratios, checks the
targets of issue 6, and writes the same as JSON to bench-results/latest.json. Not part of the test suite.
Repeats of the network workloads are interleaved across rows (and the row order rotates), so drift of the machine
spreads over every row instead of favouring one.
"""

from __future__ import annotations

import asyncio
import compileall
import datetime
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

from flexport_outbounds_client import _json
from flexport_outbounds_client._generated.models import Order

from .payloads import CREATE, MAXIMUM, MAXIMUM_BYTES, MAXIMUM_ID, TYPICAL, TYPICAL_BYTES, TYPICAL_ID
from .rows import ROWS, Calls, Row, check
from .server import ALL_CPUS, CLIENT_CPU, SERVER_CPU, Server, serve
from .stock import stock_models

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-results"
REPEATS = 5
CONCURRENCY = 50
DECODE_REPEATS = 25
IMPORT_REPEATS = 15
CHECK_GENERATED_REPEATS = 3
RSS_CALLS = 10_000
RSS_REPEATS = 2
RSS_ROWS = ("aiohttp+json.loads", "OutboundsClient", "OutboundsClient aiohttp")
LIMIT = "aiohttp+json.loads"  # the row every network ratio is taken against
DECODE = "decode of the maximum order, in process"
RSS = f"peak RSS of {RSS_CALLS:,} fanned-out get_order calls"

Results = dict[str, dict[str, dict[str, Any]]]  # workload -> row -> summary


def summary(values: list[float], unit: str) -> dict[str, Any]:
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else values * 3
    return {
        "unit": unit,
        "median": median,
        "q1": q1,
        "q3": q3,
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


# --- network workloads -------------------------------------------------------------------------------------------


class Clock:
    """Wall time and this process's CPU time (the client's own work; the server runs in another process)."""

    def __init__(self, calls: int) -> None:
        self.calls = calls
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def per_call(self) -> tuple[float, float]:
        return (time.perf_counter() - self.wall) / self.calls, (time.process_time() - self.cpu) / self.calls


async def sequential(call: Callable[[], Awaitable[Any]], n: int, expected: dict[str, Any]) -> tuple[float, float]:
    """Seconds per call (wall, CPU), n calls one after the other."""
    clock = Clock(n)
    for _ in range(n):
        check(await call(), expected)
    return clock.per_call()


async def concurrent(call: Callable[[], Awaitable[Any]], n: int, expected: dict[str, Any]) -> tuple[float, float]:
    """Seconds per call (wall, CPU), n calls made by CONCURRENCY tasks at once (throughput = 1 / wall)."""

    async def worker() -> None:
        for _ in range(n // CONCURRENCY):
            check(await call(), expected)

    clock = Clock(n)
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return clock.per_call()


class Workload(NamedTuple):
    scale: float  # seconds -> unit
    unit: str
    run: Callable[[Calls, int], Awaitable[tuple[float, float]]]  # (calls, n) -> seconds per call (wall, CPU)
    calls: int
    warm_up: int  # calls of the same workload on the fresh client before the measured run
    apart: bool  # client and server on a CPU each (see Server.place)


NETWORK: dict[str, Workload] = {
    "get_order sequential (typical order, 200 calls)": Workload(
        1e6, "us/call", lambda c, n: sequential(lambda: c.get(TYPICAL_ID), n, TYPICAL), 200, 20, True
    ),
    "get_order 50 concurrent (typical order, 2,000 calls)": Workload(
        1e6, "us/call", lambda c, n: concurrent(lambda: c.get(TYPICAL_ID), n, TYPICAL), 2000, CONCURRENCY * 4, False
    ),
    "get_order of the maximum order (10 calls)": Workload(
        1e3, "ms/call", lambda c, n: sequential(lambda: c.get(MAXIMUM_ID), n, MAXIMUM), 10, 2, True
    ),
    "create_order round trip (100 calls)": Workload(
        1e6, "us/call", lambda c, n: sequential(c.create, n, TYPICAL), 100, 10, True
    ),
}


async def measure(row: Row, server: Server, workload: Workload) -> tuple[float, float]:
    """One run (wall, CPU per call, in the workload's unit) on a fresh client warmed by the same workload.

    Every row starts each run from the same state: httpcore's cost per request grows with the idle connections its
    pool holds, so a pool left over from the 50-concurrent workload (or not, if its keep-alive ran out meanwhile)
    made the httpx rows' sequential times bimodal.
    """
    server.place(apart=workload.apart)
    async with row(server.base) as calls:
        await workload.run(calls, workload.warm_up)
        gc.collect()
        wall, cpu = await workload.run(calls, workload.calls)
    return wall * workload.scale, cpu * workload.scale


async def network(server: Server) -> Results:
    samples: dict[str, dict[str, list[tuple[float, float]]]] = {w: {r: [] for r in ROWS} for w in NETWORK}
    for row, _ in ROWS.values():  # check each row in full once
        async with row(server.base) as calls:
            check(await calls.get(TYPICAL_ID), TYPICAL, full=True)
            check(await calls.get(MAXIMUM_ID), MAXIMUM, full=True)
            check(await calls.create(), TYPICAL, full=True)
    names = list(ROWS)
    for repeat in range(REPEATS):
        order = names[repeat % len(names) :] + names[: repeat % len(names)]
        for workload_name, workload in NETWORK.items():
            for name in order:
                samples[workload_name][name].append(await measure(ROWS[name][0], server, workload))
        print(f"  network repeat {repeat + 1}/{REPEATS} done", file=sys.stderr, flush=True)
    return {
        workload: {
            row: summary([wall for wall, _ in values], NETWORK[workload].unit)
            | {"cpu_median": statistics.median(cpu for _, cpu in values)}
            for row, values in by_row.items()
        }
        for workload, by_row in samples.items()
    }


def peak_rss(base: str) -> dict[str, dict[str, Any]]:
    """Peak RSS (MiB) of RSS_CALLS fanned-out get_order calls, each row in a fresh interpreter."""
    peaks: dict[str, list[float]] = {row: [] for row in RSS_ROWS}
    before: dict[str, list[float]] = {row: [] for row in RSS_ROWS}
    for _ in range(RSS_REPEATS):
        for row in RSS_ROWS:
            command = [sys.executable, "-m", "benchmarks.rss", row, base, str(RSS_CALLS)]
            out = json.loads(subprocess.run(command, check=True, capture_output=True, timeout=300, cwd=ROOT).stdout)
            peaks[row].append(out["peak_mib"])
            before[row].append(out["before_mib"])
    return {row: summary(peaks[row], "MiB") | {"before_calls_mib": statistics.median(before[row])} for row in RSS_ROWS}


# --- in-process workloads ----------------------------------------------------------------------------------------


def timed(function: Callable[[], Any]) -> float:
    """Milliseconds of one call, starting from a collected heap (the collections it triggers itself count)."""
    gc.collect()
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1e3


def decode() -> dict[str, dict[str, Any]]:
    """Decode (+ models) of the maximum order, ms; no network."""
    parsed = Order.from_dict(MAXIMUM)
    expected = parsed.to_dict()
    stock = stock_models()
    assert stock.Order.from_dict(json.loads(MAXIMUM_BYTES)).to_dict() == expected
    cases: dict[str, Callable[[], Any]] = {
        "json.loads": lambda: json.loads(MAXIMUM_BYTES),
        f"_json.loads ({_json.BACKEND})": lambda: _json.loads(MAXIMUM_BYTES),
        "json.loads + stock models": lambda: stock.Order.from_dict(json.loads(MAXIMUM_BYTES)),
        "json.loads + models": lambda: Order.from_dict(json.loads(MAXIMUM_BYTES)),
        f"_json.loads ({_json.BACKEND}) + models": lambda: Order.from_dict(_json.loads(MAXIMUM_BYTES)),
        "models to_dict (for comparison)": lambda: parsed.to_dict(),
    }
    for name, case in cases.items():  # correctness first: a fast wrong decoder must not be timed
        result = case()
        if "to_dict" in name:
            assert result == expected, name
        else:
            assert (result if isinstance(result, dict) else result.to_dict()) == (
                MAXIMUM if isinstance(result, dict) else expected
            ), name
    values: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(DECODE_REPEATS):  # interleaved, so a busy moment of the machine hits every case alike
        for name, case in cases.items():
            values[name].append(timed(case))
    return {name: summary(v, "ms") for name, v in values.items()}


def import_times() -> dict[str, dict[str, Any]]:
    """Time of the import statement in a fresh interpreter, ms (interpreter start-up excluded)."""
    # The package loads its public names lazily (PEP 562), so `import flexport_outbounds_client` alone is cheap;
    # what an application pays is the import of OutboundsClient, measured too so the table cannot flatter.
    # Like for like: httpx was byte-compiled by pip when it was installed, and so is this package when installed
    # from a wheel. From a source checkout (editable install) with PYTHONDONTWRITEBYTECODE set, as on the
    # development machine, every import would compile ~50 modules from source first (~35 ms): compile them once.
    compileall.compile_dir(ROOT / "flexport_outbounds_client", quiet=1)
    statements = (
        "import httpx",
        "import flexport_outbounds_client",
        "from flexport_outbounds_client import OutboundsClient",
    )
    script = "import time; t = time.perf_counter(); {}; print(time.perf_counter() - t)"
    values: dict[str, list[float]] = {s: [] for s in statements}
    for _ in range(IMPORT_REPEATS):
        for statement in statements:
            command = [sys.executable, "-c", script.format(statement)]
            out = subprocess.run(command, check=True, capture_output=True, text=True, timeout=60, cwd=ROOT)
            values[statement].append(float(out.stdout) * 1e3)
    return {statement: summary(v, "ms") for statement, v in values.items()}


def check_generated() -> dict[str, dict[str, Any]]:
    values = []
    for _ in range(CHECK_GENERATED_REPEATS):
        started = time.perf_counter()
        subprocess.run(["make", "-s", "check-generated"], check=True, capture_output=True, timeout=300, cwd=ROOT)
        values.append(time.perf_counter() - started)
    return {"make check-generated": summary(values, "s")}


# --- report -----------------------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "?")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout
    packages = ("httpx", "aiohttp", "orjson", "attrs", "flexport-outbounds-client")
    return {
        "nproc": os.cpu_count(),
        "pinned": (
            f"sequential workloads: client on CPU {CLIENT_CPU}, server on CPU {SERVER_CPU}; concurrent: both on all"
            if len(ALL_CPUS) >= 2
            else "no (one CPU)"
        ),
        "python": sys.version.replace("\n", " "),
        "cpu": cpu,
        "platform": platform.platform(),
        "packages": {p: metadata.version(p) for p in packages},
        "commit": commit.strip(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def ratio(results: Results, workload: str, row: str, base: str) -> float:
    return float(results[workload][row]["median"] / results[workload][base]["median"])


def targets(results: Results) -> list[dict[str, Any]]:
    """Issue 6's targets, as ratios of this run's medians."""
    seq, conc = list(NETWORK)[:2]
    fast, stock, decode_, imports = "OutboundsClient aiohttp", "generated (httpx)", DECODE, "import"
    orjson_models = f"_json.loads ({_json.BACKEND}) + models"
    checks = [
        ("50 concurrent: throughput vs stock generated (>= 5x)", 1 / ratio(results, conc, fast, stock), ">=", 5),
        ("50 concurrent: per-request time vs raw aiohttp (<= 3x)", ratio(results, conc, fast, LIMIT), "<=", 3),
        ("sequential: vs raw aiohttp (<= 1.6x)", ratio(results, seq, fast, LIMIT), "<=", 1.6),
        (
            "sequential: OutboundsClient aiohttp over its transport floor (<= 1.10x)",
            ratio(results, seq, fast, "aiohttp+models"),
            "<=",
            1.10,
        ),
        (
            "sequential: OutboundsClient over its transport floor (<= 1.10x)",
            ratio(results, seq, "OutboundsClient", "httpx+models"),
            "<=",
            1.10,
        ),
        ("maximum order: json.loads + models (<= 2.5x json.loads)", ratio(results, decode_, "json.loads + models", "json.loads"), "<=", 2.5),  # noqa: E501
        (f"maximum order: {orjson_models} (<= 2.5x json.loads)", ratio(results, decode_, orjson_models, "json.loads"), "<=", 2.5),  # noqa: E501
        (
            "import flexport_outbounds_client (<= 1.5x import httpx)",
            ratio(results, imports, "import flexport_outbounds_client", "import httpx"),
            "<=",
            1.5,
        ),
        (
            "from flexport_outbounds_client import OutboundsClient (<= 1.5x import httpx)",
            ratio(results, imports, "from flexport_outbounds_client import OutboundsClient", "import httpx"),
            "<=",
            1.5,
        ),
    ]  # fmt: skip
    return [
        {"target": name, "value": value, "met": value >= bound if op == ">=" else value <= bound}
        for name, value, op, bound in checks
    ]


def table(results: Results, base_for: dict[str, str]) -> str:
    lines = []
    for workload, rows in results.items():
        base = base_for.get(workload)
        first = next(iter(rows.values()))
        lines.append(f"\n{workload}  [{first['unit']}, n={first['n']}]")
        header = f"  {'row':<40} {'median':>9} {'IQR':>21} {'ratio':>7}"
        lines.append(header + ("   client CPU  ratio" if "cpu_median" in first else ""))
        for row, s in rows.items():
            line = f"  {row:<40} {s['median']:>9.4g} {s['q1']:>10.4g}-{s['q3']:<10.4g}"
            line += f" {s['median'] / rows[base]['median']:6.2f}x" if base else ""
            if "cpu_median" in s and base:
                line += f" {s['cpu_median']:>11.4g} {s['cpu_median'] / rows[base]['cpu_median']:5.2f}x"
            if "before_calls_mib" in s:
                line += f"   ({s['before_calls_mib']:.1f} MiB before the calls)"
            lines.append(line)
    return "\n".join(lines)


def main() -> None:
    started = time.perf_counter()
    results: Results = {}
    print("decode of the maximum order ...", file=sys.stderr, flush=True)
    results[DECODE] = decode()
    with serve() as server:
        print(f"server on {server.base}; network workloads ...", file=sys.stderr, flush=True)
        results.update(asyncio.run(network(server)))
        print("peak RSS ...", file=sys.stderr, flush=True)
        server.place(apart=False)  # a fan-out, like the concurrent workload
        results[RSS] = peak_rss(server.base)
    print("import time, check-generated ...", file=sys.stderr, flush=True)
    results["import"] = import_times()
    results["make check-generated"] = check_generated()

    base_for = dict.fromkeys([*NETWORK, RSS], LIMIT) | {DECODE: "json.loads", "import": "import httpx"}
    verdicts = targets(results)
    info = machine()
    rows = {n: d for n, (_, d) in ROWS.items()}
    report: dict[str, Any] = {"machine": info, "rows": rows, "results": results, "targets": verdicts}
    report["seconds"] = time.perf_counter() - started
    OUT.mkdir(exist_ok=True)
    (OUT / "latest.json").write_text(json.dumps(report, indent=2) + "\n")

    print(f"machine: {info['nproc']} CPUs, {info['cpu']}, Python {sys.version.split()[0]}, commit {info['commit']}")
    print(f"pinned: {info['pinned']}")
    sizes = f"{len(TYPICAL_BYTES):,} B typical order, {len(MAXIMUM_BYTES):,} B maximum order"
    print(f"{sizes}, {len(json.dumps(CREATE)):,} B create request; client CPU = this process (server excluded)")
    print(table(results, base_for))
    print("\ntargets:")
    for v in verdicts:
        print(f"  {'met   ' if v['met'] else 'MISSED'} {v['value']:6.2f}x  {v['target']}")
    print(f"\n{report['seconds']:.0f} s; written to {OUT / 'latest.json'}")


if __name__ == "__main__":
    main()
