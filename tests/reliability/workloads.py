"""Workloads shared by the reliability tests (small N) and the soak (`python -m tests.soak`, large N).

Each returns its figures as a dict; the caller asserts (tests) or prints (soak).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import random
import resource
import warnings
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from typing import Any, Literal

import httpx

from flexport_outbounds_client import (
    ConflictError,
    DuplicateExternalIdError,
    FlexportError,
    Order,
    OutboundsClient,
    RetryPolicy,
)
from flexport_outbounds_client.sandbox import Sandbox

from ..samples import ship_to, transportation

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]


def order_request(external_id: str | None, salt: str = "") -> dict[str, Any]:
    request: dict[str, Any] = {
        "type": "B2B",
        "orderItems": [
            {"logisticsSku": f"SKU-A{salt}", "quantity": 12, "quantityUOM": "CASE"},
            {"productData": {"sku": "WIDGET-9"}, "quantity": 3, "quantityUOM": "EACH"},
        ],
        "shipToAddress": ship_to(),
        "transportationDetails": transportation(),
    }
    if external_id is not None:
        request["externalId"] = external_id
    return request


Transport = Literal["httpx", "aiohttp"]
FAULT_KINDS = ("commit_then_drop", "timeout_after_send", "5xx_after_commit", "5xx_before_commit", "none")


@contextlib.asynccontextmanager
async def sandbox_client(
    sandbox: Sandbox, transport: Transport | None, **options: Any
) -> AsyncIterator[OutboundsClient]:
    """A client of `sandbox`: in process (transport None), or over loopback HTTP with the given transport."""
    if transport is None:
        async with sandbox.client(**options) as client:
            yield client
    else:
        async with (
            sandbox.serve() as url,
            OutboundsClient(sandbox.token, base_url=url, transport=transport, **options) as client,
        ):
            yield client


REQUESTS_PER_TRIAL = 16  # a bound on one trial's requests: max_retries=4 gives 5 creates and 5 look-ups


async def exactly_once(
    trials: int, *, seed: int = 0, timeout: float = 0.05, transport: Transport | None = None
) -> dict[str, Any]:
    """`trials` sequential create_order calls, each under a random fault (or two), against a sandbox in process or,
    with a `transport`, over loopback HTTP.

    Per trial: the orders created must be exactly one (none: lost; more: duplicates), the call must return that
    order, and every createOrder attempt of the call must carry the same Idempotency-Key.
    """
    rng = random.Random(seed)
    # Each trial's attempts are read from the request log, which is a ring buffer: it must hold every request of
    # the run (at most 5 creates and 5 look-ups a trial), else the latest trials would find nothing to check.
    sandbox = Sandbox(seed=seed, request_log_size=REQUESTS_PER_TRIAL * trials)
    policy = RetryPolicy(max_retries=4, initial_delay=0.001, max_delay=0.004)
    figures: Counter[str] = Counter()
    failures: list[str] = []
    async with sandbox_client(sandbox, transport, retry_policy=policy, timeout=timeout) as client:
        for trial in range(trials):
            kinds = [rng.choice(FAULT_KINDS)]
            if rng.random() < 0.25:
                kinds.append(rng.choice(FAULT_KINDS[:-1]))
            external_id = f"PO-{seed}-{trial}" if rng.random() < 0.8 else None
            for kind in kinds:
                figures[f"fault {kind}"] += 1
                if kind == "commit_then_drop":
                    sandbox.faults.add("commit_then_drop", operation="createOrder")
                elif kind == "timeout_after_send":
                    sandbox.faults.add("delay", operation="createOrder", seconds=timeout * 2)
                elif kind == "5xx_after_commit":
                    status = rng.choice((500, 502, 503, 504))
                    sandbox.faults.add("commit_then_error", operation="createOrder", status=status)
                elif kind == "5xx_before_commit":
                    sandbox.faults.add("server_error", operation="createOrder", status=rng.choice((500, 502, 503, 504)))
            log_start = len(sandbox.requests)
            before = set(sandbox.orders)
            try:
                order: Order | None = await client.create_order(order_request(external_id))
            except FlexportError as error:
                order = None
                failures.append(f"trial {trial} {kinds}: {type(error).__name__}: {error}")
            if "timeout_after_send" in kinds:
                await asyncio.sleep(timeout * 2.5)  # let the delayed original finish: it must not create a second
            new = set(sandbox.orders) - before
            keys = {
                r.headers.get("idempotency-key")
                for r in sandbox.requests[log_start:]
                if r.operation_id == "createOrder"
            }
            attempts = sum(1 for r in sandbox.requests[log_start:] if r.operation_id == "createOrder")
            if attempts == 0 or len(sandbox.requests) - log_start > REQUESTS_PER_TRIAL:
                failures.append(f"trial {trial}: {attempts} createOrder requests in the log (the log cannot tell)")
            figures["trials"] += 1
            figures["attempts"] += attempts
            figures["duplicates"] += max(0, len(new) - 1)
            figures["lost"] += 1 if not new else 0
            figures["wrong order returned"] += 1 if order is not None and order.order_id not in new else 0
            figures["calls failed"] += 1 if order is None else 0
            figures["idempotency key changed"] += 1 if len(keys) != 1 else 0
            figures["5xx after commit fired"] += sandbox.faults.fired["commit_then_error"]
            sandbox.faults.clear()
    return {**figures, "failures": failures[:5]}


async def same_external_id(tasks: int, *, same_items: bool, base_url: str | None = None) -> dict[str, Any]:
    """`tasks` concurrent creates of one externalId: same items each (all must get the one order) or different."""
    sandbox = Sandbox(seed=1)

    async def run(client: OutboundsClient) -> list[Any]:
        calls = [client.create_order(order_request("PO-RACE", "" if same_items else f"-{i}")) for i in range(tasks)]
        return await asyncio.gather(*calls, return_exceptions=True)

    if base_url is None:
        async with sandbox.client(max_retries=2) as client:
            results = await run(client)
    else:
        async with sandbox.serve() as url, OutboundsClient(sandbox.token, base_url=url, max_retries=2) as client:
            results = await run(client)
    orders = [r for r in results if isinstance(r, Order)]
    conflicts = [r for r in results if isinstance(r, DuplicateExternalIdError | ConflictError)]
    other = [r for r in results if not isinstance(r, Order | DuplicateExternalIdError | ConflictError)]
    return {
        "orders in sandbox": len(sandbox.orders),
        "callers got the order": len(orders),
        "distinct order ids returned": len({o.order_id for o in orders}),
        "callers got a conflict": len(conflicts),
        "conflicts naming the order": sum(
            1
            for c in conflicts
            if isinstance(c, DuplicateExternalIdError) and c.existing_order_id in set(sandbox.orders)
        ),
        "other outcomes": [repr(r) for r in other],
    }


def rss_kib() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() // 1024


def established_to(port: int) -> int:
    """ESTABLISHED TCP connections from this process's machine to 127.0.0.1:port (client side), from /proc/net/tcp."""
    count = 0
    with open("/proc/net/tcp") as table:
        next(table)
        for line in table:
            fields = line.split()
            remote, state = fields[2], fields[3]
            if state == "01" and int(remote.split(":")[1], 16) == port:
                count += 1
    return count


async def cancellation_storm(
    requests: int,
    *,
    seed: int = 0,
    concurrency: int = 100,
    cancel_fraction: float = 0.2,
    fault_fraction: float = 0.1,
    batch: int = 1000,
    keepalive_wait: float = 5.2,
    on_batch: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """`requests` calls against the sandbox on loopback HTTP, some cancelled mid-flight, some faulted.

    Returns the pool and socket figures afterwards, the peak of connections, RSS per thousand requests, and what
    the calls ended with; the caller asserts.
    """
    rng = random.Random(seed)
    sandbox = Sandbox(seed=seed)
    outcome: Counter[str] = Counter()
    rss: list[int] = []
    peak = 0
    asyncio_log = _Records()
    logging.getLogger("asyncio").addHandler(asyncio_log)
    asyncio_level = logging.getLogger("asyncio").level
    logging.getLogger("asyncio").setLevel(logging.WARNING)  # whatever the caller configured: warnings must reach us
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        async with sandbox.serve() as base_url:
            port = int(base_url.split(":")[2].split("/")[0])
            policy = RetryPolicy(max_retries=1, initial_delay=0.001, max_delay=0.002, max_retry_after=0)
            # the client owns this transport (and closes it); the test keeps a handle to read its pool
            limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
            transport = httpx.AsyncHTTPTransport(limits=limits)
            async with OutboundsClient(
                sandbox.token, base_url=base_url, retry_policy=policy, timeout=2.0, transport=transport
            ) as client:
                seeded = await client.create_order(order_request("PO-SEED"))
                pool = transport._pool
                baseline = len(pool.connections)

                async def one(i: int) -> None:
                    roll = rng.random()
                    if roll < fault_fraction:
                        kind = rng.choice(("server_error", "rate_limit", "delay", "html_error", "empty_error"))
                        if kind == "delay":
                            sandbox.faults.add("delay", operation="getOrder", seconds=0.05)
                        elif kind == "rate_limit":
                            sandbox.faults.add("rate_limit", operation="getOrder", retry_after=0)
                        else:
                            sandbox.faults.add(kind, operation="getOrder")  # type: ignore[arg-type]
                    call = (
                        client.get_order(seeded.order_id)
                        if i % 4
                        else client.create_order(order_request(f"PO-{seed}-{i}"))
                    )
                    task = asyncio.ensure_future(call)
                    if rng.random() < cancel_fraction:
                        await asyncio.sleep(rng.random() * 0.01)
                        task.cancel()
                    try:
                        await task
                        outcome["ok"] += 1
                    except asyncio.CancelledError:
                        outcome["cancelled"] += 1
                    except FlexportError as error:
                        outcome[f"typed error {type(error).__name__}"] += 1
                    except BaseException as error:  # counted: must stay 0
                        outcome[f"UNTYPED {type(error).__name__}"] += 1

                done = 0
                fired_before_reset = 0
                while done < requests:
                    size_of_batch = min(batch, requests - done)
                    for start in range(0, size_of_batch, concurrency):
                        size = min(concurrency, size_of_batch - start)
                        await asyncio.gather(*(one(done + start + k) for k in range(size)))
                        peak = max(peak, len(pool.connections), established_to(port))
                    done += size_of_batch
                    # keep the in-process sandbox's state (orders, request log) flat, so RSS shows the client
                    fired_before_reset += sum(sandbox.faults.fired.values())
                    sandbox.reset()
                    seeded = await client.create_order(order_request("PO-SEED"))
                    gc.collect()
                    rss.append(rss_kib())
                    if on_batch is not None:
                        on_batch(done)
                await asyncio.sleep(0.1)
                in_use = sum(1 for c in pool.connections if not c.is_idle())
                after = len(pool.connections)
                sockets_open = established_to(port)
                # idle connections expire after httpx's keepalive_expiry (5 s); the next request prunes them
                await asyncio.sleep(keepalive_wait)
                faults_fired = fired_before_reset + sum(sandbox.faults.fired.values())
                sandbox.faults.clear()
                await client.get_order(seeded.order_id)
                after_expiry = len(pool.connections)
            after_close = len(pool.connections)
            sockets_after_close = established_to(port)
            try:
                await client.get_order(seeded.order_id)
                reuse = "no error"
            except FlexportError as error:
                reuse = type(error).__name__
        await asyncio.sleep(0)
        gc.collect()
    logging.getLogger("asyncio").removeHandler(asyncio_log)
    logging.getLogger("asyncio").setLevel(asyncio_level)
    return {
        "requests": requests,
        "outcomes": dict(outcome),
        "pool baseline": baseline,
        "pool connections after": after,
        "pool connections in use after": in_use,
        "peak connections": peak,
        "established sockets after (client open)": sockets_open,
        "pool connections after keepalive expiry": after_expiry,
        "pool connections after close": after_close,
        "established sockets after close": sockets_after_close,
        "rss kib per thousand": rss,
        "resource warnings": [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)],
        "reuse after close": reuse,
        "asyncio log warnings": asyncio_log.messages,
        "faults fired": faults_fired,
    }


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.kinds: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
        if record.exc_info and record.exc_info[0] is not None:
            self.kinds.append(record.exc_info[0].__name__)


async def bulk_interrupt_resume(
    orders: int,
    interrupts: int,
    directory: Any,
    *,
    seed: int = 0,
    token: str = "cli-chaos-token-5f0e2a9c71",  # noqa: S107 - a fake token to look for
) -> dict[str, Any]:
    """`flexport-outbounds orders create --bulk FILE` (subprocess, sandbox on loopback) sent SIGINT at random
    moments `interrupts` times, with commit-then-drop and 5xx faults on the way, then run to the end.

    Returns the exit codes and what the sandbox holds; the caller asserts the set of orders equals the file.
    """
    import signal
    from pathlib import Path

    from ..cli.conftest import finish, run_script, start_script, wait_until, write_jsonl

    rng = random.Random(seed)
    sandbox = Sandbox(token=token, seed=seed)
    external_ids = [f"BULK-{seed}-{n:04d}" for n in range(orders)]
    path = write_jsonl(Path(directory) / "orders.jsonl", [order_request(e) for e in external_ids])
    results = Path(f"{path}.results.jsonl")  # where the CLI records each order's outcome
    codes: list[int] = []
    leaked = 0
    async with sandbox.serve() as base_url:
        command = ["--base-url", base_url, "--token", token, "--output", "json"]
        command += ["orders", "create", "--bulk", str(path), "--concurrency", "4"]
        for round_ in range(interrupts):
            sandbox.faults.add("delay", operation="createOrder", times=None, seconds=0.1)
            sandbox.faults.add("commit_then_drop", operation="createOrder", times=rng.randint(0, 3) or None)
            sandbox.faults.add("server_error", operation="createOrder", times=2, status=503)
            process = await start_script(*command)
            if round_ == 0:  # the first SIGINT surely lands mid-load: once the results file has a line
                await wait_until(lambda: results.exists() and bool(results.read_text().strip()))
                await asyncio.sleep(rng.uniform(0.0, 0.3))
            else:
                await asyncio.sleep(rng.uniform(0.2, 2.0))  # anywhere from start-up to mid-load
            if process.returncode is None:
                process.send_signal(signal.SIGINT)
            result = await finish(process)
            codes.append(result.code)
            leaked += token in result.out + result.err
            sandbox.faults.clear()
        final = await run_script(*command)
        leaked += token in final.out + final.err
    stored = [str(order.external_id) for order in sandbox.orders.values()]
    counts = Counter(stored)
    return {
        "orders in file": orders,
        "interrupts": interrupts,
        "interrupted exit codes": codes,
        "final exit code": final.code,
        "final stderr": final.err[-2000:] if final.code else "",
        "orders in sandbox": len(stored),
        "duplicates": sum(c - 1 for c in counts.values()),
        "missing": len(set(external_ids) - set(counts)),
        "unexpected": len(set(counts) - set(external_ids)),
        "token printed": leaked,
    }


# --- hostile servers ------------------------------------------------------------------------------------------

_PEAK_RSS_SCRIPT = """
import asyncio, resource, sys
from flexport_outbounds_client import FlexportError, OutboundsClient

async def main():
    client = OutboundsClient("soak-token-0123456789abcdef", base_url=sys.argv[1], transport=sys.argv[2], max_retries=0)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        await client.get_order("OB-1")
        outcome = "no error"
    except FlexportError as error:
        outcome = type(error).__name__
    except BaseException as error:
        outcome = "UNTYPED " + type(error).__name__
    finally:
        await client.aclose()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(outcome, before, after)

asyncio.run(main())
"""


async def hostile_servers(transport: Transport) -> dict[str, Any]:
    """The size cases against the default 32 MiB limit, each in a fresh interpreter (its peak RSS is the case's),
    and the longest create_order against a server that never answers, under a 10 s deadline."""
    import sys
    import time

    from .conftest import RawServer, compressed, declared_two_gib, double_gzip_bomb, endless_chunks, gzip_bomb

    cases = {
        "endless chunked 2xx": endless_chunks,
        "2 GiB declared 2xx": declared_two_gib,
        "gzip bomb (1 GiB)": compressed(gzip_bomb(), b"gzip"),
        "double gzip": compressed(double_gzip_bomb(), b"gzip, gzip"),
    }
    figures: dict[str, Any] = {"cases tried": 0, "typed outcomes": 0, "untyped outcomes": []}
    server = RawServer()
    await server.start()
    try:
        base = f"http://127.0.0.1:{server.port}/logistics/api/2026-02"
        for name, action in cases.items():
            server.route = lambda _request, _n, action=action: action  # one fixed answer
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-c", _PEAK_RSS_SCRIPT, base, transport, stdout=asyncio.subprocess.PIPE
            )
            output, _ = await asyncio.wait_for(process.communicate(), timeout=120)
            outcome, before, after = output.decode().rsplit(" ", 2)
            figures["cases tried"] += 1
            if outcome.startswith("UNTYPED") or outcome == "no error":
                figures["untyped outcomes"].append(f"{name}: {outcome}")
            else:
                figures["typed outcomes"] += 1
            figures[f"peak RSS MiB, {name}"] = round(int(after) / 1024, 1)
            figures[f"RSS growth MiB, {name}"] = round((int(after) - int(before)) / 1024, 1)

        async def withhold(exchange: Any) -> None:
            await exchange.withhold()

        server.route = lambda _request, _n: withhold
        client = OutboundsClient(
            "soak-token-0123456789abcdef", base_url=base, transport=transport, max_retries=5, timeout=60.0
        )
        started = time.monotonic()
        figures["cases tried"] += 1
        try:
            await client.create_order(order_request("PO-SOAK-DEADLINE"), timeout=3.0, deadline=10.0)
        except FlexportError:
            figures["typed outcomes"] += 1
        finally:
            await client.aclose()
        figures["longest call under a 10 s deadline, s"] = round(time.monotonic() - started, 2)
    finally:
        await server.stop()
    return figures
