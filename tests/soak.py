"""`make soak` (`python -m tests.soak`): the long versions of the reliability suite, with figures to compare.

Runs, in order: the fault matrix, the hostile servers and the hypothesis properties (pytest, "soak" profile: more
examples), 1,000+ exactly-once trials, hostile servers per transport (peak RSS of oversized and compressed bodies
against the default 32 MiB limit, the longest call under a 10 s deadline), 200-way externalId races (in process
and on HTTP), a 10,000-request cancellation storm, and the bulk CLI interrupted at random points. Prints every
figure; exits 1 if any promise broke.

Then the served sandbox (`flexport-outbounds sandbox` in a subprocess): 50,000 mixed requests (valid,
unauthenticated, malformed, oversized) while 1,100 idle connections are held open, with a probe every 100 ms.

    python -m tests.soak [--trials 1000] [--requests 10000] [--examples 1000] [--sandbox-requests 50000]
    python -m tests.soak --sandbox-only     # the served-sandbox soak alone
"""

# ruff: noqa: T201 - the soak prints its figures

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tempfile
import time
from typing import Any


def section(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 72 - len(title)), flush=True)


def show(figures: dict[str, Any]) -> None:
    for key, value in figures.items():
        print(f"  {key}: {value}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=1000, help="exactly-once trials")
    parser.add_argument("--requests", type=int, default=10_000, help="cancellation-storm requests")
    parser.add_argument("--examples", type=int, default=1000, help="hypothesis examples per property")
    parser.add_argument("--skip-pytest", action="store_true", help="skip the fault matrix and hypothesis run")
    parser.add_argument("--sandbox-requests", type=int, default=50_000, help="served-sandbox soak: requests")
    parser.add_argument("--sandbox-idle", type=int, default=1_100, help="served-sandbox soak: idle connections")
    parser.add_argument("--sandbox-only", action="store_true", help="run only the served-sandbox soak")
    args = parser.parse_args()
    if args.sandbox_only:
        broken = served_sandbox(args.sandbox_requests, args.sandbox_idle)
        print(f"  promises broken: {broken or 'none'}", flush=True)
        return 1 if broken else 0
    os.environ["RELIABILITY_HYPOTHESIS_PROFILE"] = "soak"
    os.environ["RELIABILITY_SOAK_EXAMPLES"] = str(args.examples)
    logging.basicConfig(level=logging.CRITICAL)  # retries are expected here: keep the figures readable

    import pytest

    from .reliability import workloads

    broken: list[str] = []
    started = time.monotonic()

    if not args.skip_pytest:
        section("fault matrix and hypothesis properties (pytest, soak profile)")
        t0 = time.monotonic()
        code = pytest.main(
            [
                "-q",
                "-p",
                "no:randomly",
                "tests/reliability/test_fault_matrix.py",
                "tests/reliability/test_bad_input.py",
                "tests/reliability/test_security.py",
                "tests/reliability/test_hostile_servers.py",
            ]
        )
        from .reliability.conftest import TALLY

        show(dict(sorted(TALLY.items())))
        print(f"  pytest exit code: {code}; {time.monotonic() - t0:.0f} s", flush=True)
        if code != 0:
            broken.append("pytest part failed")
        if TALLY["fault matrix cells passed"] != TALLY["fault matrix cells run"]:
            broken.append("fault matrix cells failed")
        if TALLY["fault matrix untyped exceptions"]:
            broken.append("untyped exceptions in the fault matrix")
        logging.getLogger().setLevel(logging.CRITICAL)  # pytest's log capture changed it; quiet the retries again
        for name in ("httpx", "httpcore", "flexport_outbounds_client"):
            logging.getLogger(name).setLevel(logging.NOTSET)

    section(f"exactly-once: {args.trials} trials")
    t0 = time.monotonic()
    once = asyncio.run(workloads.exactly_once(args.trials, seed=int(time.time())))
    show(once)
    print(f"  {time.monotonic() - t0:.0f} s", flush=True)
    if once["duplicates"] or once["lost"] or once["idempotency key changed"] or once["failures"]:
        broken.append("exactly-once")
    transports: tuple[workloads.Transport, ...] = ("httpx", "aiohttp")
    for transport in transports:
        trials = max(1, args.trials // 5)
        section(f"exactly-once over loopback HTTP, transport={transport}: {trials} trials")
        t0 = time.monotonic()
        run = workloads.exactly_once(trials, seed=int(time.time()), timeout=0.15, transport=transport)
        once = asyncio.run(run)
        show(once)
        print(f"  {time.monotonic() - t0:.0f} s", flush=True)
        if once["duplicates"] or once["lost"] or once["idempotency key changed"] or once["failures"]:
            broken.append(f"exactly-once over HTTP ({transport})")

    for transport in transports:
        section(f"hostile servers, transport={transport}: sizes (32 MiB limit, peak RSS per case), a 10 s deadline")
        hostile = asyncio.run(workloads.hostile_servers(transport))
        show(hostile)
        if hostile["untyped outcomes"] or hostile["typed outcomes"] != hostile["cases tried"]:
            broken.append(f"hostile servers ({transport}): untyped outcomes")
        if hostile["longest call under a 10 s deadline, s"] > 12:
            broken.append(f"hostile servers ({transport}): the deadline was not honoured")
        if any(v > 32 + 48 for k, v in hostile.items() if k.startswith("RSS growth")):
            broken.append(f"hostile servers ({transport}): memory beyond the limit")

    section("concurrent creates of one externalId (200 tasks)")
    for label, base in (("in process", None), ("loopback HTTP", "serve")):
        for same in (True, False):
            race = asyncio.run(workloads.same_external_id(200, same_items=same, base_url=base))
            print(f"  {label}, {'same' if same else 'different'} items: {race}", flush=True)
            expected_orders = 200 if same else 1
            if race["orders in sandbox"] != 1 or race["other outcomes"]:
                broken.append(f"race {label}")
            if race["callers got the order"] != expected_orders:
                broken.append(f"race {label}: callers")

    section(f"cancellation storm: {args.requests} requests")
    t0 = time.monotonic()
    storm = asyncio.run(
        workloads.cancellation_storm(args.requests, seed=3, on_batch=lambda n: print(f"  ... {n} requests", flush=True))
    )
    show(storm)
    rss = storm["rss kib per thousand"]
    growth = rss[-1] - rss[1] if len(rss) > 1 else 0
    print(f"  RSS growth from the 2nd to the last thousand: {growth} KiB; {time.monotonic() - t0:.0f} s", flush=True)
    untyped = [k for k in storm["outcomes"] if k.startswith("UNTYPED")]
    if untyped or storm["resource warnings"] or storm["asyncio log warnings"] or growth > 8 * 1024:
        broken.append("cancellation storm")
    if storm["pool connections in use after"] or storm["pool connections after close"]:
        broken.append("connections left open")

    section("bulk CLI: interrupted at random points, resumed")
    with tempfile.TemporaryDirectory() as directory:
        bulk = asyncio.run(workloads.bulk_interrupt_resume(120, 6, directory, seed=int(time.time()) % 1000))
    show(bulk)
    if bulk["final exit code"] or bulk["duplicates"] or bulk["missing"] or bulk["unexpected"] or bulk["token printed"]:
        broken.append("bulk CLI")

    broken += served_sandbox(args.sandbox_requests, args.sandbox_idle)

    section("summary")
    print(f"  wall time: {time.monotonic() - started:.0f} s")
    print(f"  promises broken: {broken or 'none'}", flush=True)
    return 1 if broken else 0


def served_sandbox(requests: int, idle: int) -> list[str]:
    """The served-sandbox soak: prints its figures, returns the promises it broke."""
    from .sandbox.served_soak import served_soak

    section(f"served sandbox: {requests} mixed requests, {idle} idle connections held open, a probe every 100 ms")
    t0 = time.monotonic()
    soak = served_soak(requests=requests, idle=idle)
    show(soak)
    print(f"  {time.monotonic() - t0:.0f} s", flush=True)
    broken = []
    if soak["probe failures"] or soak["probe latency max ms"] is None or soak["probe latency max ms"] > 100:
        broken.append("served sandbox: the probe was not answered within 100 ms throughout")
    if soak["server RSS growth after warm-up MiB"] >= 20:
        broken.append("served sandbox: RSS grew by 20 MiB or more after warm-up")
    if soak["server stderr bytes"] >= 100_000:
        broken.append("served sandbox: stderr reached 100 KB")
    if any(" -> 5" in outcome for outcome in soak["outcomes"]):
        broken.append("served sandbox: 5xx answers")
    return broken


if __name__ == "__main__":
    sys.exit(main())
