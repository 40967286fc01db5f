"""`make bench`: every figure of README "Performance" in one run on this machine.

    python -m benchmarks               the full run (`make bench`), written to bench-results/latest.json
    python -m benchmarks --quick       every workload with fewer repeats, calls and cells, to build and try the
                                       benchmark (figures not to be quoted), written to bench-results/quick.json
    python -m benchmarks --self-check  every row and latency configuration once, each result checked: seconds

Prints a table of medians with their spread (interquartile range over the repeats) and ratios, the latency
workload's table (latency.py), checks the targets of issues 6 and 15, and writes the same as JSON. Not part of the
test suite. Repeats of the network workloads are interleaved across rows (and the row order rotates), so drift of
the machine spreads over every row instead of favouring one; a ratio target also shows the ratio within each repeat
(min, median, max), so one can tell noise from a regression.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import contextlib
import dataclasses
import datetime
import functools
import gc
import json
import math
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
from flexport_outbounds_client._generated.types import DRIFT

from . import latency
from .payloads import CREATE, MAXIMUM, MAXIMUM_BYTES, MAXIMUM_ID, TYPICAL, TYPICAL_BYTES, TYPICAL_ID
from .peer import peer_entry
from .rows import ROWS, Calls, Row, check, client_default_transport, pooled
from .server import ALL_CPUS, CLIENT_CPU, SERVER_CPU, Server, raise_open_files_limit, serve
from .stock import stock_models

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-results"
CONCURRENCY = 50
RSS_ROWS = ("aiohttp+json.loads", "OutboundsClient", "OutboundsClient httpx")
LIMIT = "aiohttp+json.loads"  # the row every network ratio is taken against
DEFAULT = "OutboundsClient"  # the row of OutboundsClient() with every default
PEER = "openapi-generator"
DECODE = "decode of the maximum order, in process"
RSS = "peak RSS of fanned-out get_order calls"
LATENCIES = (0.020, 0.100)  # seconds per response: a nearby region, a far one
LATENCY_CONCURRENCY = (50, 200, 1000)


@dataclasses.dataclass(frozen=True)
class Settings:
    quick: bool
    repeats: int  # of every network workload, interleaved across rows
    scale: float  # of each network workload's calls and warm-up
    decode_repeats: int
    import_repeats: int
    check_generated_repeats: int
    rss_calls: int
    rss_repeats: int
    latency_concurrency: tuple[int, ...]
    latency_pools: tuple[int | None, ...] | None  # None: every pool of each configuration
    latency_repeats: int


FULL = Settings(False, 5, 1.0, 25, 15, 3, 10_000, 2, LATENCY_CONCURRENCY, None, 1)
QUICK = Settings(True, 2, 0.2, 3, 2, 1, 1_000, 1, (50, 1000), (10, 200, None), 1)

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
        "values": values,  # in repeat order: rows measured in the same repeat can be paired
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


def scaled(workload: Workload, scale: float) -> Workload:
    """The same workload with fewer calls (quick runs); whole rounds of CONCURRENCY calls, at least one."""

    def fewer(n: int) -> int:
        return (
            max(CONCURRENCY, round(n * scale) // CONCURRENCY * CONCURRENCY)
            if n >= CONCURRENCY
            else max(1, round(n * scale))
        )

    return workload._replace(calls=fewer(workload.calls), warm_up=fewer(workload.warm_up))


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


async def network(server: Server, settings: Settings) -> Results:
    workloads = {name: scaled(workload, settings.scale) for name, workload in NETWORK.items()}
    samples: dict[str, dict[str, list[tuple[float, float]]]] = {w: {r: [] for r in ROWS} for w in NETWORK}
    for row, _ in ROWS.values():  # check each row in full once
        async with row(server.base) as calls:
            check(await calls.get(TYPICAL_ID), TYPICAL, full=True)
            check(await calls.get(MAXIMUM_ID), MAXIMUM, full=True)
            check(await calls.create(), TYPICAL, full=True)
    names = list(ROWS)
    for repeat in range(settings.repeats):
        order = names[repeat % len(names) :] + names[: repeat % len(names)]
        for workload_name, workload in workloads.items():
            for name in order:
                samples[workload_name][name].append(await measure(ROWS[name][0], server, workload))
        print(f"  network repeat {repeat + 1}/{settings.repeats} done", file=sys.stderr, flush=True)
    return {
        workload: {
            row: summary([wall for wall, _ in values], NETWORK[workload].unit)
            | {"cpu_median": statistics.median(cpu for _, cpu in values)}
            for row, values in by_row.items()
        }
        for workload, by_row in samples.items()
    }


def peak_rss(base: str, settings: Settings) -> dict[str, dict[str, Any]]:
    """Peak RSS (MiB) of settings.rss_calls fanned-out get_order calls, each row in a fresh interpreter."""
    peaks: dict[str, list[float]] = {row: [] for row in RSS_ROWS}
    before: dict[str, list[float]] = {row: [] for row in RSS_ROWS}
    for _ in range(settings.rss_repeats):
        for row in RSS_ROWS:
            command = [sys.executable, "-m", "benchmarks.rss", row, base, str(settings.rss_calls)]
            out = json.loads(subprocess.run(command, check=True, capture_output=True, timeout=300, cwd=ROOT).stdout)
            peaks[row].append(out["peak_mib"])
            before[row].append(out["before_mib"])
    return {
        row: summary(peaks[row], "MiB")
        | {"before_calls_mib": statistics.median(before[row]), "calls": settings.rss_calls}
        for row in RSS_ROWS
    }


# --- in-process workloads ----------------------------------------------------------------------------------------


def timed(function: Callable[[], Any]) -> float:
    """Milliseconds of one call, starting from a collected heap (the collections it triggers itself count)."""
    gc.collect()
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1e3


DRIFTING_BYTES = json.dumps(
    MAXIMUM | {"orderItems": [item | {"newField": 1} for item in MAXIMUM["orderItems"]]}
).encode()


def watched(body: bytes) -> Order:
    """The client's parse: models decoded with DRIFT set, as the request pipeline does for every response."""
    heard: list[tuple[str, str, str]] = []
    listening = DRIFT.set(heard)
    try:
        return Order.from_dict(json.loads(body))
    finally:
        DRIFT.reset(listening)


def decode(repeats: int) -> dict[str, dict[str, Any]]:
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
        # As the client parses: listening for drift. Nothing unknown, so nothing but the listening itself costs.
        "json.loads + models, drift watched (none)": lambda: watched(MAXIMUM_BYTES),
        # Every order item with a field the spec does not list: what drift costs when there is some.
        "json.loads + models, drift watched (each item)": lambda: watched(DRIFTING_BYTES),
        "models to_dict (for comparison)": lambda: parsed.to_dict(),
    }
    for name, case in cases.items():  # correctness first: a fast wrong decoder must not be timed
        result = case()
        if "each item" in name:
            assert len(result.order_items[0].additional_properties) == 1, name
        elif "to_dict" in name:
            assert result == expected, name
        else:
            assert (result if isinstance(result, dict) else result.to_dict()) == (
                MAXIMUM if isinstance(result, dict) else expected
            ), name
    values: dict[str, list[float]] = {name: [] for name in cases}
    names = list(cases)
    for repeat in range(repeats):
        # Interleaved, so a busy moment of the machine hits every case alike; rotated, because a case runs faster
        # or slower depending on what the one before it left in the allocator (no case always follows another).
        shift = repeat % len(names)
        for name in names[shift:] + names[:shift]:
            values[name].append(timed(cases[name]))
    return {name: summary(v, "ms") for name, v in values.items()}


def import_times(repeats: int) -> dict[str, dict[str, Any]]:
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
    for _ in range(repeats):
        for statement in statements:
            command = [sys.executable, "-c", script.format(statement)]
            out = subprocess.run(command, check=True, capture_output=True, text=True, timeout=60, cwd=ROOT)
            values[statement].append(float(out.stdout) * 1e3)
    return {statement: summary(v, "ms") for statement, v in values.items()}


def check_generated(repeats: int) -> dict[str, dict[str, Any]]:
    values = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(["make", "-s", "check-generated"], check=True, capture_output=True, timeout=300, cwd=ROOT)
        values.append(time.perf_counter() - started)
    return {"make check-generated": summary(values, "s")}


# --- report -----------------------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "?")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout
    packages = (
        "httpx",
        "aiohttp",
        "orjson",
        "attrs",
        "pydantic",
        "openapi-generator-cli",
        "flexport-outbounds-client",
    )
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


def per_repeat(results: Results, workload: str, row: str, base: str) -> list[float]:
    """The ratio within each repeat: rows of one repeat ran one after the other, under the same conditions."""
    pairs = zip(results[workload][row]["values"], results[workload][base]["values"], strict=True)
    return [value / reference for value, reference in pairs]


class Target(NamedTuple):
    name: str
    value: float  # ratio of this run's medians
    op: str  # "<=", "<" or ">="
    bound: float
    repeats: list[float]  # the same ratio within each repeat (empty where there are no paired repeats)

    def met(self) -> bool:
        return {"<=": self.value <= self.bound, "<": self.value < self.bound, ">=": self.value >= self.bound}[self.op]

    def report(self) -> dict[str, Any]:
        spread = (
            {"min": min(self.repeats), "median": statistics.median(self.repeats), "max": max(self.repeats)}
            if self.repeats
            else None
        )
        if math.isnan(self.value):  # nothing to judge by (see _time_ratio)
            return {"target": self.name, "value": None, "met": None, "per_repeat": spread}
        return {"target": self.name, "value": self.value, "met": self.met(), "per_repeat": spread}


def ratio_target(name: str, results: Results, workload: str, row: str, base: str, op: str, bound: float) -> Target:
    return Target(name, ratio(results, workload, row, base), op, bound, per_repeat(results, workload, row, base))


def _time_ratio(client: float, peer: float) -> float:
    """Time per call of the client over the peer's, from calls/s; NaN (no verdict) when the peer completed no call
    in the window: that is a cell too short to judge, not a win."""
    if not peer:
        return math.nan
    return peer / client if client else math.inf


def latency_targets(entries: list[dict[str, Any]]) -> list[Target]:
    """OutboundsClient() against the peer, each at its default pool, in every latency cell where both ran."""

    def at_default(name: str) -> dict[tuple[float, int], float]:
        default = configs[name].default
        return {
            (e["latency_ms"], e["concurrency"]): e["calls_per_s"]
            for e in entries
            if e["config"] == name and default in e["stands_for_pools"]
        }

    configs = pooled()
    client, peer = at_default("OutboundsClient()"), at_default(PEER)
    return [
        Target(
            f"latency {latency_ms:.0f} ms, {concurrency} concurrent, default pools: OutboundsClient() time per call "
            f"vs {PEER} (< 1x)",
            _time_ratio(client[latency_ms, concurrency], peer[latency_ms, concurrency]),
            "<",
            1.0,
            [],
        )
        for latency_ms, concurrency in sorted(client.keys() & peer.keys())
    ]


def targets(results: Results, entries: list[dict[str, Any]]) -> list[Target]:
    """The targets of issue 6 and issue 15, as ratios of this run's medians."""
    seq, conc = list(NETWORK)[:2]
    fast, stock, decode_, imports = DEFAULT, "generated (httpx)", DECODE, "import"
    orjson_models = f"_json.loads ({_json.BACKEND}) + models"
    default_floor = "httpx+models" if client_default_transport() == "httpx" else "aiohttp+models"
    return [
        Target(
            "50 concurrent: OutboundsClient() throughput vs stock generated (>= 5x)",
            1 / ratio(results, conc, fast, stock),
            ">=",
            5,
            [1 / r for r in per_repeat(results, conc, fast, stock)],
        ),
        ratio_target(f"sequential: OutboundsClient() over its transport floor, {default_floor} (<= 1.10x)", results, seq, DEFAULT, default_floor, "<=", 1.10),  # noqa: E501
        ratio_target("sequential: OutboundsClient httpx over its transport floor, httpx+models (<= 1.10x)", results, seq, "OutboundsClient httpx", "httpx+models", "<=", 1.10),  # noqa: E501
        ratio_target("50 concurrent: OutboundsClient() vs raw aiohttp (<= 1.5x)", results, conc, DEFAULT, LIMIT, "<=", 1.5),  # noqa: E501
        ratio_target("sequential: OutboundsClient() vs raw aiohttp (<= 1.2x)", results, seq, DEFAULT, LIMIT, "<=", 1.2),
        *(
            ratio_target(f"{workload}: OutboundsClient() vs {PEER} (< 1x)", results, workload, DEFAULT, PEER, "<", 1.0)
            for workload in NETWORK
        ),
        *latency_targets(entries),
        ratio_target("maximum order: json.loads + models (<= 2.5x json.loads)", results, decode_, "json.loads + models", "json.loads", "<=", 2.5),  # noqa: E501
        ratio_target(f"maximum order: {orjson_models} (<= 2.5x json.loads)", results, decode_, orjson_models, "json.loads", "<=", 2.5),  # noqa: E501
        ratio_target("maximum order: drift watched, none there (<= 1.05x json.loads + models)", results, decode_, "json.loads + models, drift watched (none)", "json.loads + models", "<=", 1.05),  # noqa: E501
        ratio_target("import flexport_outbounds_client (<= 1.5x import httpx)", results, imports, "import flexport_outbounds_client", "import httpx", "<=", 1.5),  # noqa: E501
        ratio_target("from flexport_outbounds_client import OutboundsClient (<= 1.5x import httpx)", results, imports, "from flexport_outbounds_client import OutboundsClient", "import httpx", "<=", 1.5),  # noqa: E501
    ]  # fmt: skip


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
                line += f"   ({s['before_calls_mib']:.1f} MiB before {s['calls']:,} calls)"
            lines.append(line)
    return "\n".join(lines)


def target_line(target: Target) -> str:
    verdict = "n/a   " if math.isnan(target.value) else "met   " if target.met() else "MISSED"
    line = f"  {verdict} {target.value:6.2f}x"
    if len(target.repeats) > 1:
        low, mid, high = min(target.repeats), statistics.median(target.repeats), max(target.repeats)
        line += f"  [per repeat {low:.2f} / {mid:.2f} / {high:.2f}]"
    else:
        line += " " * 33
    return f"{line}  {target.name}"


# --- self-check --------------------------------------------------------------------------------------------------


def rejects(what: str, attempt: Callable[[], None]) -> None:
    """`check` must refuse this: else a fast path returning the wrong thing could win."""
    try:
        attempt()
    except AssertionError:
        return
    raise AssertionError(f"check accepted {what}")


async def self_check_rows(server: Server) -> None:
    altered = {**TYPICAL, "notes": "not the order served"}
    for name, (row, _) in ROWS.items():
        async with row(server.base) as calls:
            typical = await calls.get(TYPICAL_ID)
            check(typical, TYPICAL, full=True)
            check(await calls.get(MAXIMUM_ID), MAXIMUM, full=True)
            check(await calls.create(), TYPICAL, full=True)
        rejects(f"{name}: another order", functools.partial(check, typical, MAXIMUM))
        rejects(f"{name}: an altered order", functools.partial(check, typical, altered, full=True))
        print(f"  {name}: get_order (typical, maximum) and create_order correct", file=sys.stderr, flush=True)
    rejects("something that is no order", functools.partial(check, TYPICAL_BYTES, TYPICAL))


async def self_check_latency(server: Server) -> None:
    window = latency.Window(0.05, 0.5, 0.15, 10_000)
    for name, config in pooled().items():
        cell = await latency.run_cell(config, config.pools[0], server, 10, window)
        if cell.calls == 0:
            raise AssertionError(f"{name}: no call completed within {window.window} s at {server.latency} s latency")
        if min(cell.durations) < server.latency * 0.9:  # asyncio.sleep never ends early: else no latency applied
            raise AssertionError(f"{name}: a call took {min(cell.durations)} s, under the server's latency")
        print(f"  {name}: {cell.calls} calls in the latency window, all correct", file=sys.stderr, flush=True)


def self_check() -> None:
    started = time.perf_counter()
    peer_entry()
    decode(1)  # its correctness checks; one timing
    with serve() as server:
        asyncio.run(self_check_rows(server))
    with serve(LATENCIES[0]) as server:
        server.place(apart=True)
        asyncio.run(self_check_latency(server))
    seconds = time.perf_counter() - started
    print(f"self-check: {len(ROWS)} rows and {len(pooled())} latency configurations correct ({seconds:.0f} s)")


# --- main ---------------------------------------------------------------------------------------------------------


def run(settings: Settings) -> None:
    started = time.perf_counter()
    phases: dict[str, float] = {}  # seconds each part took, to plan a run's length

    def phase(name: str) -> None:
        phases[name] = time.perf_counter() - started - sum(phases.values())
        print(f"{name} ({phases[name]:.0f} s) done", file=sys.stderr, flush=True)

    results: Results = {}
    peer_entry()  # generated (or found in the cache) before anything is timed
    phase("peer generation")
    results[DECODE] = decode(settings.decode_repeats)
    phase("decode")
    with serve() as server:
        print(f"server on {server.base}; network workloads ...", file=sys.stderr, flush=True)
        results.update(asyncio.run(network(server, settings)))
        phase("network workloads")
        server.place(apart=False)  # a fan-out, like the concurrent workload
        results[RSS] = peak_rss(server.base, settings)
        phase("peak RSS")
    configs = pooled()
    with contextlib.ExitStack() as stack:
        servers = [stack.enter_context(serve(seconds)) for seconds in LATENCIES]
        entries = asyncio.run(
            latency.latency_workload(
                servers,
                configs,
                settings.latency_concurrency,
                repeats=settings.latency_repeats,
                quick=settings.quick,
                pools=settings.latency_pools,
            )
        )
    phase("latency workload")
    results["import"] = import_times(settings.import_repeats)
    phase("import")
    results["make check-generated"] = check_generated(settings.check_generated_repeats)
    phase("make check-generated")

    base_for = dict.fromkeys([*NETWORK, RSS], LIMIT) | {DECODE: "json.loads", "import": "import httpx"}
    verdicts = targets(results, entries)
    info = machine()
    rows = {n: d for n, (_, d) in ROWS.items()}
    report: dict[str, Any] = {
        "machine": info,
        "settings": dataclasses.asdict(settings),
        "rows": rows,
        "results": results,
        "latency": {"configurations": {n: c.description for n, c in configs.items()}, "cells": entries},
        "targets": [v.report() for v in verdicts],
    }
    report["seconds"] = time.perf_counter() - started
    report["phases_s"] = phases
    OUT.mkdir(exist_ok=True)
    out = OUT / ("quick.json" if settings.quick else "latest.json")
    out.write_text(json.dumps(report, indent=2) + "\n")

    if settings.quick:
        print("QUICK RUN: fewer repeats, calls and cells; a check that the benchmark runs, not figures to quote")
    print(f"machine: {info['nproc']} CPUs, {info['cpu']}, Python {sys.version.split()[0]}, commit {info['commit']}")
    print(f"pinned: {info['pinned']}")
    sizes = f"{len(TYPICAL_BYTES):,} B typical order, {len(MAXIMUM_BYTES):,} B maximum order"
    print(f"{sizes}, {len(json.dumps(CREATE)):,} B create request; client CPU = this process (server excluded)")
    print(table(results, base_for))
    print("\nget_order throughput with latency per response (fresh client per cell, client and server on a CPU each)")
    print(latency.table(entries, configs))
    print(
        f"\ntargets (ratio of medians; per repeat: min / median / max of the ratio within each of {settings.repeats}):"
    )
    for v in verdicts:
        print(target_line(v))
    print(f"\n{report['seconds']:.0f} s; written to {out}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description="make bench: README Performance")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="fewer repeats, calls and cells: to try the benchmark")
    mode.add_argument("--self-check", action="store_true", help="every row once, each result checked (seconds)")
    args = parser.parse_args(argv)
    raise_open_files_limit()
    if args.self_check:
        self_check()
    else:
        run(QUICK if args.quick else FULL)


if __name__ == "__main__":
    main()
