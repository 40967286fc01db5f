"""`run_server`: the sandbox as a blocking process, for `flexport-outbounds sandbox` and `python -m`."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import sys
from collections.abc import Iterable
from typing import TextIO

from ._drift import DriftKind
from ._options import DEFAULT_ADVANCE_EVERY, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TOKEN
from ._sandbox import Sandbox
from ._server import serve
from ._state import AutoAdvance

__all__ = ["run_server", "serve_forever"]


async def serve_forever(
    sandbox: Sandbox,
    host: str,
    port: int,
    *,
    allow_non_loopback: bool = False,
    out: TextIO | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Serve until `stop` is set (or SIGINT/SIGTERM, which uvicorn handles); print the base URL and token first.

    Raises:
        ValueError: for a non-loopback host without `allow_non_loopback`.
        OSError: when the address cannot be bound.
    """
    stop = stop or asyncio.Event()
    async with serve(sandbox.app, host, port, allow_non_loopback=allow_non_loopback) as server:
        print(f"Flexport Outbounds sandbox: {server.base_url}", file=out or sys.stdout, flush=True)
        print(f"Token: {sandbox.token}", file=out or sys.stdout, flush=True)
        stopped = asyncio.create_task(stop.wait())
        await asyncio.wait({server.task, stopped}, return_when=asyncio.FIRST_COMPLETED)
        stopped.cancel()


def run_server(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    token: str = DEFAULT_TOKEN,
    *,
    auto_advance: AutoAdvance | None = None,
    advance_every: float = DEFAULT_ADVANCE_EVERY,
    seed: int | None = None,
    drift: str | Iterable[DriftKind] | None = None,
    allow_non_loopback: bool = False,
) -> None:
    """Run a sandbox on a real HTTP server until Ctrl-C; prints the base URL and the token to use.

    Raises:
        ValueError: for a non-loopback host without `allow_non_loopback`, or bad sandbox settings (an unknown
            drift kind, advance_every <= 0).
        OSError: when the address cannot be bound (e.g. the port is in use).
    """
    sandbox = Sandbox(token=token, auto_advance=auto_advance, advance_every=advance_every, seed=seed, drift=drift)
    # What is loaded by now (the spec, the modules: ~46,000 objects) lives as long as the server; kept out of the
    # collector's sight, a full collection scans only what requests leave behind, and pauses callers less.
    gc.collect()
    gc.freeze()
    try:
        with contextlib.suppress(KeyboardInterrupt):  # where signal handlers cannot be installed (Windows)
            asyncio.run(_until_signalled(sandbox, host, port, allow_non_loopback=allow_non_loopback))
    finally:
        gc.unfreeze()  # run_server may be called in a longer-lived process (tests)


async def _until_signalled(sandbox: Sandbox, host: str, port: int, *, allow_non_loopback: bool) -> None:
    """`serve_forever` until SIGINT or SIGTERM; a second Ctrl-C while stopping changes nothing, quietly.

    A KeyboardInterrupt raised inside the event loop would end the server task with it, and asyncio would print
    "Task exception was never retrieved" with its traceback: the signals only set the stop event instead.
    """
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, stop.set)
    await serve_forever(sandbox, host, port, allow_non_loopback=allow_non_loopback, stop=stop)
