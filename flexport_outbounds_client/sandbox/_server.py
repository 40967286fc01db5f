"""The sandbox on a real HTTP server: uvicorn, bound to loopback unless told otherwise."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import AsyncIterator
from typing import Any, Final, NamedTuple

import uvicorn

from .._formats import is_loopback_host
from ._app import API_PREFIX

__all__ = ["RunningServer", "base_url", "bind_socket", "serve", "stop", "uvicorn_server", "wait_started"]

STARTUP_TIMEOUT: Final = 10.0
GRACEFUL_SHUTDOWN: Final = 1
SHUTDOWN_TIMEOUT: Final = 5.0


def bind_socket(host: str, port: int, *, allow_non_loopback: bool = False) -> socket.socket:
    """A listening TCP socket on host:port (port 0 picks a free port).

    Raises:
        ValueError: when `host` is not a loopback address and `allow_non_loopback` is False.
        OSError: when the address cannot be bound (port in use, unknown host).
    """
    if not allow_non_loopback and not is_loopback_host(host):
        raise ValueError(
            f"refusing to serve the sandbox on {host!r}: it accepts a well-known token, so it binds loopback only; "
            "pass allow_non_loopback=True to expose it"
        )
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    return sock


def base_url(sock: socket.socket) -> str:
    """The API base URL of a bound socket, e.g. `http://127.0.0.1:8400/logistics/api/2026-02`."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{API_PREFIX}"


class RunningServer(NamedTuple):
    """A started server: its API base URL, and the task that runs it (done once the server has stopped)."""

    base_url: str
    task: asyncio.Task[None]


def uvicorn_server(app: Any) -> uvicorn.Server:
    """A uvicorn server for an ASGI app, with the sandbox's settings (h11, no lifespan, logging left alone)."""
    config = uvicorn.Config(
        app,
        http="h11",
        lifespan="off",
        log_level=logging.WARNING,
        # Leave the host process's logging alone: uvicorn's default dictConfig would stop its loggers from
        # propagating (so test log capture saw none of them) and replace handlers the application set up.
        log_config=None,
        access_log=False,
        proxy_headers=False,
        server_header=False,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN,
    )
    return uvicorn.Server(config)


async def wait_started(server: uvicorn.Server, task: asyncio.Task[None]) -> None:
    """Return once `server` (run by `task`) listens.

    Raises:
        TimeoutError: when it has not started within `STARTUP_TIMEOUT` seconds.
        RuntimeError: when the task ended without starting the server (or whatever the task raised).
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + STARTUP_TIMEOUT
    while not server.started:
        if task.done():
            await task  # re-raises what stopped it
            raise RuntimeError("the sandbox server stopped during startup")
        if loop.time() > deadline:
            raise TimeoutError(f"the sandbox server did not start within {STARTUP_TIMEOUT} s")
        await asyncio.sleep(0.01)


async def stop(server: uvicorn.Server, task: asyncio.Task[None]) -> None:
    """Ask `server` to exit; after `SHUTDOWN_TIMEOUT` seconds force it and cancel its task."""
    server.should_exit = True
    try:
        await asyncio.wait_for(asyncio.shield(task), SHUTDOWN_TIMEOUT)
    except TimeoutError:
        server.force_exit = True
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@contextlib.asynccontextmanager
async def serve(
    app: Any, host: str = "127.0.0.1", port: int = 0, *, allow_non_loopback: bool = False
) -> AsyncIterator[RunningServer]:
    """Run an ASGI app under uvicorn in this event loop; yield its base URL and task; stop within seconds.

    Raises:
        ValueError: for a non-loopback host without `allow_non_loopback`.
        OSError: when the address cannot be bound.
        TimeoutError: when the server does not start within 10 s.
    """
    sock = bind_socket(host, port, allow_non_loopback=allow_non_loopback)
    server = uvicorn_server(app)
    with sock:
        task = asyncio.create_task(server.serve(sockets=[sock]), name=f"outbounds-sandbox {base_url(sock)}")
        try:
            await wait_started(server, task)
            yield RunningServer(base_url(sock), task)
        finally:
            await stop(server, task)
