"""The latency workload: throughput of get_order against a server that answers after a fixed delay.

On loopback a response comes back in ~0.1 ms, so the pool size only shows its CPU cost; against a real API across a
region (20-100 ms) the number of connections bounds throughput: at most pool / latency calls a second. Each cell
runs `concurrency` tasks calling get_order in a loop on a fresh client for a warm-up and then a measured window,
and counts the calls that completed inside the window; the tasks still running are then cancelled. The server
(its own process and event loop, on its own CPU while this one runs on the other) sleeps in its handler, so it
holds every waiting request without using CPU; its CPU share over the window is recorded for every cell, so a cell
where the server rather than the client was the limit can be seen.

A pool at least as large as the concurrency never fills, so such pools behave alike: each (configuration,
concurrency) measures the smallest listed pool >= the concurrency once and shows it for every such pool.

Latency percentiles are those of the calls completed inside the window, once the warm-up reached a steady state
(see run_cell). When the pool is smaller than the concurrency, calls queue for a connection and their latency is
concurrency / throughput (Little's law, reported as `queued_latency_ms`) in steady state, which a window shorter
than the queue's turnover cannot show: such cells report no percentiles. A configuration may skip cells it cannot
complete in reasonable time (`Pooled.skip`, with the reason in its description); the table says "skipped".
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import math
import statistics
import sys
import time
from typing import Any, NamedTuple

from .payloads import TYPICAL, TYPICAL_ID
from .rows import Pooled, check
from .server import Server

CLOSE_TIMEOUT = 60.0  # seconds a cell may take beyond its window (opening, cancelling, closing the client)
SERVER_BUSY = 0.8  # server CPU share (of one core) from which a cell is flagged as possibly server-bound


class Window(NamedTuple):
    warm_up: float  # seconds before the window, at least: connections opened
    steady_for: float  # seconds more, at most, for every task to complete STEADY_CALLS calls (see run_cell)
    window: float  # seconds measured
    max_calls: int  # a bound on the calls of one cell, whatever the timing


class Cell(NamedTuple):
    calls: int  # completed inside the window
    seconds: float
    durations: list[float]  # of those calls, seconds each
    client_cpu: float  # share of one core used by this process over the window
    server_cpu: float  # the same for the server process
    warm_up: float  # seconds the warm-up took
    steady: bool  # every task had completed STEADY_CALLS calls before the window (where the pool does not queue)
    total: float  # seconds of the whole cell: opening the client to closing it


STEADY_CALLS = 2


def window_for(latency: float, concurrency: int, *, quick: bool) -> Window:
    """Long enough for several round trips of every task, and for a client to open its connections first."""
    if quick:
        return Window(0.15 + 2 * latency, 1.0, 0.25 + 3 * latency, 200_000)
    return Window(0.3 + 3 * latency, 2.0, 0.5 + 8 * latency, 200_000)


async def run_cell(config: Pooled, pool: int | None, server: Server, concurrency: int, timing: Window) -> Cell:
    """Throughput of `concurrency` tasks calling get_order on a fresh client of `config` with `pool`.

    Where the pool does not queue calls, the warm-up lasts until as many calls as STEADY_CALLS per task have
    completed (bounded by timing.steady_for), so that the window sees the steady state rather than the burst of
    connections opened at the start, which at 1,000 tasks takes longer than several round trips; a cell that does
    not get there reports throughput only (`steady` false). Behind a smaller
    pool every call waits its turn from the start and the steady state would take concurrency / pool round trips
    to reach: those cells report throughput only (module docstring).
    """
    ends: list[float] = []
    durations: list[float] = []
    steady = 0 if pool is not None and pool < concurrency else STEADY_CALLS * concurrency
    opened = time.perf_counter()
    limit = timing.warm_up + timing.steady_for + timing.window
    async with asyncio.timeout(limit + CLOSE_TIMEOUT), config.row(server.base, pool) as calls:
        # set when the window starts (the warm-up may take longer than planned at 1,000 connections, and workers
        # must not run out before it); until then the cell's timeout and max_calls bound it
        stop_at = math.inf

        async def worker() -> None:
            while (started := time.perf_counter()) < stop_at and len(ends) < timing.max_calls:
                result = await calls.get(TYPICAL_ID)
                ended = time.perf_counter()
                check(result, TYPICAL)
                ends.append(ended)
                durations.append(ended - started)
                if len(ends) >= steady:
                    steady_reached.set()

        steady_reached = asyncio.Event()
        gc.collect()
        begun = time.perf_counter()
        tasks = [asyncio.create_task(worker()) for _ in range(concurrency)]
        try:
            await asyncio.sleep(timing.warm_up)
            if steady:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(steady_reached.wait(), timing.steady_for)
            wall0, cpu0, server0 = time.perf_counter(), time.process_time(), server.cpu_seconds()
            stop_at = wall0 + timing.window
            steady_before = len(ends) >= steady
            await asyncio.sleep(timing.window)
            wall1, cpu1, server1 = time.perf_counter(), time.process_time(), server.cpu_seconds()
        finally:
            for task in tasks:
                task.cancel()
            outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        failures = [o for o in outcomes if isinstance(o, BaseException) and not isinstance(o, asyncio.CancelledError)]
        if failures:
            raise failures[0]
    inside = [d for end, d in zip(ends, durations, strict=True) if wall0 <= end <= wall1]
    seconds = wall1 - wall0
    return Cell(
        len(inside),
        seconds,
        inside,
        (cpu1 - cpu0) / seconds,
        (server1 - server0) / seconds,
        wall0 - begun,
        steady_before,
        time.perf_counter() - opened,
    )


def measured_pool(pools: tuple[int | None, ...], concurrency: int) -> dict[int | None, int | None]:
    """Each listed pool -> the pool measured for it: itself, or the smallest listed pool >= the concurrency."""
    covering = [p for p in pools if p is None or p >= concurrency]
    first = min(covering, key=lambda p: (p is None, p or 0), default=None)
    return {p: (first if p is None or p >= concurrency else p) for p in pools}


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def summarise(
    config: str,
    pool: int | None,
    stands_for: list[int | None],
    latency: float,
    concurrency: int,
    cells: list[Cell],
    timing: Window,
) -> dict[str, Any]:
    rates = [c.calls / c.seconds for c in cells]
    rate = statistics.median(rates)
    queued = pool is not None and pool < concurrency
    entry: dict[str, Any] = {
        "config": config,
        "pool": pool,
        "stands_for_pools": stands_for,
        "latency_ms": latency * 1e3,
        "concurrency": concurrency,
        "calls_per_s": rate,
        "calls_per_s_min": min(rates),
        "calls_per_s_max": max(rates),
        "repeats": len(cells),
        "ideal_calls_per_s": min(pool or concurrency, concurrency) / latency,
        "calls_in_window": [c.calls for c in cells],
        "window_s": timing.window,
        "window_measured_s": [c.seconds for c in cells],  # longer where the client held its event loop
        "warm_up_s": max(c.warm_up for c in cells),
        "cell_s": max(c.total for c in cells),
        "client_cpu": statistics.median(c.client_cpu for c in cells),
        "server_cpu": max(c.server_cpu for c in cells),
        "queued": queued,
    }
    durations = [d for c in cells for d in c.durations]
    entry["steady"] = all(c.steady for c in cells)
    if queued:
        entry["queued_latency_ms"] = concurrency / rate * 1e3 if rate else None
    elif durations and entry["steady"]:
        entry["p50_ms"] = percentile(durations, 50) * 1e3
        entry["p99_ms"] = percentile(durations, 99) * 1e3
    return entry


async def latency_workload(
    servers: list[Server],
    configs: dict[str, Pooled],
    concurrencies: tuple[int, ...],
    *,
    repeats: int,
    quick: bool,
    pools: tuple[int | None, ...] | None = None,
) -> list[dict[str, Any]]:
    """Every (latency, concurrency, configuration, measured pool) cell; configurations interleaved within a cell
    group and their order rotated, so drift of the machine spreads over all of them. `pools` restricts the listed
    pools (quick runs)."""
    out: list[dict[str, Any]] = []
    rotation = 0
    for server in servers:
        server.place(apart=True)
        for concurrency in concurrencies:
            timing = window_for(server.latency, concurrency, quick=quick)
            stands_for: dict[tuple[str, int | None], list[int | None]] = {}
            for name, config in configs.items():
                listed = tuple(p for p in config.pools if pools is None or p in pools or p == config.default)
                for shown, measured in measured_pool(listed, concurrency).items():
                    if (measured, concurrency) in config.skip:
                        continue
                    stands_for.setdefault((name, measured), []).append(shown)
            plan = list(stands_for)
            cells: dict[tuple[str, int | None], list[Cell]] = {key: [] for key in plan}
            for _ in range(repeats):
                rotation += 1
                for name, pool in plan[rotation % len(plan) :] + plan[: rotation % len(plan)]:
                    cells[name, pool].append(await run_cell(configs[name], pool, server, concurrency, timing))
                    await asyncio.sleep(server.latency * 2)  # let the cancelled requests' handlers finish
            out += [
                summarise(n, p, stands_for[n, p], server.latency, concurrency, c, timing) for (n, p), c in cells.items()
            ]
            print(
                f"  latency {server.latency * 1e3:.0f} ms, {concurrency} concurrent: {len(plan)} cells",
                file=sys.stderr,
                flush=True,
            )
    return out


def cell_text(entry: dict[str, Any] | None) -> str:
    if entry is None:
        return "-"
    text = f"{entry['calls_per_s']:,.0f}"
    if "p50_ms" in entry:
        text += f" {entry['p50_ms']:.0f}/{entry['p99_ms']:.0f}"
    return text + ("!" if entry["server_cpu"] >= SERVER_BUSY else "")


def table(entries: list[dict[str, Any]], configs: dict[str, Pooled]) -> str:
    """Rows: configuration x pool; columns: latency x concurrency; cells: calls/s, then p50/p99 ms where the pool
    does not queue calls; `!` where the server used >= SERVER_BUSY of its core."""
    found = {
        (e["config"], shown, e["latency_ms"], e["concurrency"]): e for e in entries for shown in e["stands_for_pools"]
    }
    columns = sorted({(e["latency_ms"], e["concurrency"]) for e in entries})
    width = 16
    lines = [
        "  calls/s (p50/p99 ms where the pool does not queue and the warm-up reached a steady state);"
        " ideal = min(pool, concurrency) / latency",
        f"  {'configuration':<40} {'pool':>9} " + " ".join(f"{f'{lat:.0f} ms x{c}':>{width}}" for lat, c in columns),
    ]
    for name, config in configs.items():
        for pool in config.pools:
            texts = [
                "skipped" if (pool, c) in config.skip else cell_text(found.get((name, pool, lat, c)))
                for lat, c in columns
            ]
            if all(t == "-" for t in texts):
                continue
            label = ("unbounded" if pool is None else f"{pool}") + (
                "*" if pool is not None and pool == config.default else ""
            )
            lines.append(f"  {name:<40} {label:>9} " + " ".join(f"{t:>{width}}" for t in texts))
    busiest = max(entries, key=lambda e: e["server_cpu"])
    lines += [f"  {name}: {config.description}" for name, config in configs.items()]
    lines.append(
        f"  * the configuration's default pool. Server CPU: at most {busiest['server_cpu']:.0%} of its core "
        f"({busiest['config']}, pool {busiest['pool'] or 'unbounded'}, {busiest['latency_ms']:.0f} ms, "
        f"{busiest['concurrency']} concurrent); `!` marks cells at >= {SERVER_BUSY:.0%}."
    )
    return "\n".join(lines)
