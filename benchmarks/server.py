"""The canned API: aiohttp.web on 127.0.0.1, in its own process, sending the same bytes to every row.

Run by `serve()` as `python -m benchmarks.server [LATENCY_SECONDS]`; it prints its port, then serves until stdin
closes (the benchmark ended or died) or LIFETIME seconds have passed, whichever comes first. A latency delays every
response by that much with `asyncio.sleep`, as a real API across a region would, without using the server's CPU.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from aiohttp import web

from .payloads import CREATE, MAXIMUM_BYTES, MAXIMUM_ID, TYPICAL_BYTES, TYPICAL_ID

PREFIX = "/logistics/api/2026-02"
TOKEN = "bench-token"  # noqa: S105 - a fake token for a loopback server
LIFETIME = 900.0
BODIES = {TYPICAL_ID: TYPICAL_BYTES, MAXIMUM_ID: MAXIMUM_BYTES}
PROBLEM_401 = json.dumps({"status": 401, "title": "Unauthorized"}).encode()
PROBLEM_404 = json.dumps({"status": 404, "title": "Not Found"}).encode()
PROBLEM_400 = json.dumps({"status": 400, "title": "Bad Request", "detail": "not the benchmark's order"}).encode()


def reply(body: bytes, status: int = 200) -> web.Response:
    content_type = "application/json" if status == 200 else "application/problem+json"
    return web.Response(body=body, status=status, content_type=content_type, headers={"x-correlation-id": "bench"})


def authorized(request: web.Request) -> bool:
    return request.headers.get("Authorization") == f"Bearer {TOKEN}"


async def get_order(request: web.Request, latency: float = 0.0) -> web.Response:
    if latency:
        await asyncio.sleep(latency)
    if not authorized(request):
        return reply(PROBLEM_401, 401)
    body = BODIES.get(request.match_info["order_id"])
    return reply(body) if body is not None else reply(PROBLEM_404, 404)


async def create_order(request: web.Request, latency: float = 0.0) -> web.Response:
    if latency:
        await asyncio.sleep(latency)
    if not authorized(request):
        return reply(PROBLEM_401, 401)
    # Every row must really send the benchmark's order (the client may add nothing but formatting).
    return reply(TYPICAL_BYTES) if json.loads(await request.read()) == CREATE else reply(PROBLEM_400, 400)


def raise_open_files_limit() -> None:
    """Soft limit of open files up to the hard one: 1,000 concurrent connections need ~1,000 descriptors on each
    side, and a soft limit of 1,024 (common) leaves no room for anything else."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or soft < hard):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


async def main(latency: float) -> None:
    raise_open_files_limit()
    app = web.Application()
    app.router.add_get(PREFIX + "/outbounds/orders/{order_id}", functools.partial(get_order, latency=latency))
    app.router.add_post(PREFIX + "/outbounds/orders", functools.partial(create_order, latency=latency))
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
    await site.start()
    port = runner.addresses[0][1]
    print(port, flush=True)
    stdin_closed = asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stdin_closed, LIFETIME)
    await runner.cleanup()


ALL_CPUS = frozenset(os.sched_getaffinity(0))
CLIENT_CPU, SERVER_CPU = 0, 1


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class Server(NamedTuple):
    base: str  # the API base URL, http://127.0.0.1:PORT/logistics/api/2026-02
    pid: int
    latency: float  # seconds added to every response

    def cpu_seconds(self) -> float:
        """CPU time the server process has used so far (user + system, all its threads), from /proc."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime: fields 14 and 15 of proc(5)

    def place(self, *, apart: bool) -> None:
        """`apart`: the client (this process) and the server on one CPU each, for sequential workloads, where a
        request/response ping-pong between processes the scheduler moves around (sometimes onto one core) made the
        figures bimodal (727 vs 861 µs). Otherwise both may use every CPU: at 50 concurrent the client must be the
        bottleneck, not a server held to one core. Does nothing on a one-CPU machine.
        """
        if len(ALL_CPUS) >= 2:
            os.sched_setaffinity(0, {CLIENT_CPU} if apart else ALL_CPUS)
            os.sched_setaffinity(self.pid, {SERVER_CPU} if apart else ALL_CPUS)


@contextlib.contextmanager
def serve(latency: float = 0.0) -> Iterator[Server]:
    """Start the server process, placed as `Server.place(apart=False)` until told otherwise."""
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.server", repr(latency)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        yield Server(f"http://127.0.0.1:{port}{PREFIX}", process.pid, latency)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        if len(ALL_CPUS) >= 2:
            os.sched_setaffinity(0, ALL_CPUS)


if __name__ == "__main__":
    asyncio.run(main(float(sys.argv[1]) if len(sys.argv) > 1 else 0.0))
