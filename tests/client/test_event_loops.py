"""A client made once (at module level, say) works from whichever event loop calls it, on both transports.

Celery-style workers and pytest's per-test loops call `asyncio.run()` again and again with one client. Each loop
gets its own pool, and the pool of a loop is closed while that loop shuts down: no "Event loop is closed", no
unclosed socket or session, no socket left open after a run. A caller's own `http_client` cannot follow loops:
using it after its loop ended is a typed, actionable `EventLoopError`.

Each scenario runs in a fresh interpreter with `-W error::ResourceWarning`, so that anything left behind (an
unclosed socket, transport or session, a task destroyed while pending) shows on its stderr. The server is the
sandbox on loopback: like a real API it keeps connections alive, so a pool really holds some when a loop ends.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
from typing import Literal

import pytest

from flexport_outbounds_client.sandbox import Sandbox

from .conftest import create_request

Transport = Literal["httpx", "aiohttp"]

ESTABLISHED = """
def established(port):
    count = 0
    with open("/proc/net/tcp") as table:
        next(table)
        for line in table:
            fields = line.split()
            if fields[3] == "01" and int(fields[2].split(":")[1], 16) == port:
                count += 1
    return count
"""


async def run_script(script: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-W", "error::ResourceWarning", "-c", ESTABLISHED + textwrap.dedent(script)]
    return await asyncio.to_thread(subprocess.run, command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
async def served() -> tuple[Sandbox, str, str]:
    """A sandbox on loopback with one order; (sandbox, base URL, order id)."""
    sandbox = Sandbox()
    async with sandbox.client() as client:
        order = await client.create_order(create_request())
    return sandbox, order.order_id, sandbox.token


@pytest.mark.parametrize("transport", ["httpx", "aiohttp"])
async def test_one_client_serves_one_asyncio_run_after_another(
    served: tuple[Sandbox, str, str], transport: Transport
) -> None:
    sandbox, order_id, token = served
    async with sandbox.serve() as base:
        port = int(base.split(":")[2].split("/")[0])
        result = await run_script(f"""
            import asyncio
            from flexport_outbounds_client import OutboundsClient

            client = OutboundsClient({token!r}, base_url={base!r}, transport={transport!r})  # module level

            async def work():
                orders = await asyncio.gather(*(client.get_order({order_id!r}) for _ in range(5)))
                return {{order.order_id for order in orders}}

            for run in range(3):
                assert asyncio.run(work()) == {{{order_id!r}}}, run
                assert established({port}) == 0, f"run {{run}} left {{established({port})}} connections open"
            with asyncio.Runner() as runner:  # as pytest-asyncio runs each test
                assert runner.run(work()) == {{{order_id!r}}}
            asyncio.run(client.aclose())
            print("ok")
        """)
    assert (result.stdout.strip(), result.stderr) == ("ok", ""), result.stderr


async def test_a_callers_http_client_from_an_ended_loop_is_a_typed_error(served: tuple[Sandbox, str, str]) -> None:
    sandbox, order_id, token = served
    async with sandbox.serve() as base:
        result = await run_script(f"""
            import asyncio, httpx
            from flexport_outbounds_client import EventLoopError, OutboundsClient

            async def first():
                http = httpx.AsyncClient()
                client = OutboundsClient({token!r}, base_url={base!r}, http_client=http)
                await client.get_order({order_id!r})  # its pool now holds a kept-alive connection of this loop
                return http, client

            http, client = asyncio.run(first())

            async def second():
                try:
                    await client.get_order({order_id!r})
                except EventLoopError as error:
                    print("typed:", "create the httpx.AsyncClient inside the loop" in str(error))

            asyncio.run(second())
        """)
    assert result.stdout.strip() == "typed: True", (result.stdout, result.stderr)
