"""The sandbox on a real HTTP server: uvicorn, bound to loopback unless told otherwise.

Teams leave the sandbox running for hours in front of callers written in any language, so the server protects
itself with limits of its own (the README's limits table lists them):

- a connection that has not sent a complete request head within `IDLE_TIMEOUT` seconds (on connecting, and
  between keep-alive requests) is closed;
- at most `connection_limit()` connections are open: past it the longest-idle one is closed to make room, so the
  process keeps file descriptors to answer with even when callers hold many idle connections;
- a request head over `MAX_HEAD_SIZE` bytes gets 431 and a malformed one 400, both problem+json;
- leaving `serve()` gives requests in flight `GRACEFUL_SHUTDOWN` seconds, then drops their connections quietly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any, Final, NamedTuple

import h11
import uvicorn
from starlette.requests import Request
from uvicorn.protocols.http.h11_impl import H11Protocol

from .._formats import is_loopback_host
from ._app import API_PREFIX, problem

__all__ = [
    "RunningServer",
    "base_url",
    "bind_socket",
    "connection_limit",
    "serve",
    "stop",
    "uvicorn_server",
    "wait_started",
]

STARTUP_TIMEOUT: Final = 10.0
GRACEFUL_SHUTDOWN: Final = 1
SHUTDOWN_TIMEOUT: Final = 5.0
IDLE_TIMEOUT: Final = 5.0
MAX_CONNECTIONS: Final = 1000
MAX_HEAD_SIZE: Final = 64 * 1024
BACKLOG: Final = 64
LINGER: Final = 2.0  # seconds a refused request's remaining bytes are read and dropped before the socket closes
# File descriptors kept free below the open-file limit: one accept burst (BACKLOG) plus the process's own files.
FD_RESERVE: Final = BACKLOG + 64

# A refused request head is answered (431/400 problem+json); a warning per hostile caller would only fill stderr.
_HTTP_LOG = logging.getLogger("uvicorn.error.sandbox")
_HTTP_LOG.addFilter(lambda record: record.msg != "Invalid HTTP request received.")


def connection_limit() -> int:
    """How many connections the server keeps open: `MAX_CONNECTIONS`, or fewer under a low open-file limit."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows has no RLIMIT_NOFILE
        return MAX_CONNECTIONS
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return MAX_CONNECTIONS
    return max(8, min(MAX_CONNECTIONS, soft - FD_RESERVE))


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
        sock.listen(BACKLOG)
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


class _Server(uvicorn.Server):
    """uvicorn's server, leaving signals to the program that runs it and shutting down without error logs."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # uvicorn would take over SIGINT and raise it again on exit, inside the server task: a test run or an
        # application serving the sandbox keeps its own Ctrl-C, and run_server handles the signals itself.
        yield

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()  # no new connections while requests in flight finish
        in_flight = set(self.server_state.tasks)
        if in_flight:
            await asyncio.wait(in_flight, timeout=GRACEFUL_SHUTDOWN)
        remaining = {task for task in self.server_state.tasks if not task.done()}
        for task in remaining:
            task.cancel()  # the app drops such a request's connection quietly
        if remaining:
            await asyncio.wait(remaining, timeout=GRACEFUL_SHUTDOWN)
        await super().shutdown(sockets)


def _protocol_class(max_connections: int) -> type[H11Protocol]:
    """uvicorn's h11 protocol with the sandbox's connection limits; one class (and registry) per server."""
    registry: dict[H11Protocol, None] = {}  # open connections, least recently active first

    class SandboxProtocol(H11Protocol):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.logger = _HTTP_LOG
            self.idle_timer: asyncio.TimerHandle | None = None
            self.discarding = False
            self.head_bytes = 0  # of the request head being received

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            registry[self] = None
            self.arm_idle_timer()
            if len(registry) > max_connections:
                self.make_room()

        def connection_lost(self, exc: Exception | None) -> None:
            registry.pop(self, None)
            if self.idle_timer is not None:
                self.idle_timer.cancel()
            super().connection_lost(exc)
            # asyncio's selector transport (Python 3.7-3.13) keeps a bound method of itself in `_read_ready_cb`,
            # so every closed connection waited for the cyclic collector, whose full passes over thousands of dead
            # connections paused every caller for 100-250 ms in the soak. Dropping it once the transport is done
            # lets reference counting free the connection at once (uvloop's transports have no such attribute).
            if getattr(self.transport, "_read_ready_cb", None) is not None:
                self.transport._read_ready_cb = None  # type: ignore[attr-defined]  # noqa: SLF001 - see above

        def on_response_complete(self) -> None:
            super().on_response_complete()
            registry.pop(self, None)  # to the end: the registry stays ordered by last activity
            registry[self] = None
            self.arm_idle_timer()

        def is_idle(self) -> bool:
            """No request being served: nothing sent yet, a head still incomplete, or between requests."""
            return self.cycle is None or self.cycle.response_complete

        def arm_idle_timer(self) -> None:
            if self.idle_timer is not None:
                self.idle_timer.cancel()
            # spread over up to half as long again: a crowd that connected together is not closed in one burst
            self.idle_timer = self.loop.call_later(IDLE_TIMEOUT * (1 + random.random() / 2), self.close_if_idle)  # noqa: S311

        def close_if_idle(self) -> None:
            if self.is_idle():
                self.close()

        def close(self) -> None:
            if self.transport.is_closing():
                return
            with contextlib.suppress(h11.LocalProtocolError):
                self.conn.send(h11.ConnectionClosed())
            self.transport.close()

        def make_room(self) -> None:
            """Close the connection idle for longest; when every other one is serving a request, refuse this one."""
            for other in registry:
                if other is not self and isinstance(other, SandboxProtocol) and other.is_idle():
                    other.close()
                    return
            self.send_problem(503, "the sandbox has as many connections open as it serves; retry shortly")

        def send_400_response(self, msg: str) -> None:
            # h11 refused the request (heads past the size limit are refused before h11 sees them)
            self.send_problem(400, "the request is not valid HTTP/1.1")

        def send_problem(self, status: int, detail: str) -> None:
            correlation_id = str(uuid.uuid4())
            scope = {"type": "http", "headers": [], "state": {"correlation_id": correlation_id}}
            response = problem(Request(scope), status, detail)
            headers = [
                *response.raw_headers,
                (b"connection", b"close"),
                (b"x-correlation-id", correlation_id.encode()),
            ]
            with contextlib.suppress(h11.LocalProtocolError):
                self.transport.write(self.conn.send(h11.Response(status_code=status, headers=headers)) or b"")
                self.transport.write(self.conn.send(h11.Data(data=bytes(response.body))) or b"")
                self.transport.write(self.conn.send(h11.EndOfMessage()) or b"")
            if not self.transport.can_write_eof():  # pragma: no cover - TCP transports can
                self.transport.close()
                return
            # A lingering close: closing with the rest of a refused request unread would reset the connection,
            # and the caller could lose the answer; read and drop what still comes, for a bounded time.
            self.transport.write_eof()
            self.discarding = True
            self.loop.call_later(LINGER, self.transport.close)

        def data_received(self, data: bytes) -> None:
            if self.discarding:
                return
            if self.is_idle() and self.head_too_large(data):
                self.send_problem(431, f"the request head is larger than the sandbox accepts ({MAX_HEAD_SIZE} bytes)")
                return
            super().data_received(data)

        def head_too_large(self, data: bytes) -> bool:
            # h11 limits only a head still incomplete after a read, so one that ends in a large read passes it:
            # count the bytes of the head being received here instead (without copying h11's buffer)
            end = data.find(b"\r\n\r\n")
            seen = self.head_bytes + (len(data) if end < 0 else end)
            self.head_bytes = seen if end < 0 else 0
            return seen > MAX_HEAD_SIZE

    return SandboxProtocol


def uvicorn_server(app: Any) -> uvicorn.Server:
    """A uvicorn server for an ASGI app, with the sandbox's settings (h11, no lifespan, logging left alone)."""
    config = uvicorn.Config(
        app,
        http=_protocol_class(connection_limit()),
        h11_max_incomplete_event_size=MAX_HEAD_SIZE,
        backlog=BACKLOG,
        timeout_keep_alive=int(IDLE_TIMEOUT),
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
    return _Server(config)


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
