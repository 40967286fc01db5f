"""Fixtures of the reliability suite: loopback servers that misbehave on purpose, and the suite's tallies.

- `httpserver` (pytest-httpserver, bound to 127.0.0.1) for faults expressed as HTTP responses;
- `raw_server` (`asyncio.start_server` on 127.0.0.1) for faults below HTTP: a reset before or during the response
  body, a response withheld until the client gives up, and hostile answers written byte by byte (endless and
  oversized bodies, gzip bombs, malformed heads);
- `TALLY`: counts that the terminal summary prints (fault cells, untyped exceptions, hypothesis examples), so
  the figures of a run can be compared with the next one.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gzip
import os
import socket
import struct
import zlib
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import settings

# Hypothesis budgets: `make check` runs the "check" profile; `make soak` (tests/soak.py) selects "soak".
settings.register_profile("check", max_examples=60, deadline=None, derandomize=False, print_blob=True)
settings.register_profile(
    "soak", max_examples=int(os.environ.get("RELIABILITY_SOAK_EXAMPLES", "1000")), deadline=None, print_blob=True
)
settings.load_profile(os.environ.get("RELIABILITY_HYPOTHESIS_PROFILE", "check"))

TALLY: Counter[str] = Counter()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not TALLY:
        return
    terminalreporter.write_sep("-", "reliability figures")
    for name in sorted(TALLY):
        terminalreporter.write_line(f"{name}: {TALLY[name]}")


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    return ("127.0.0.1", 0)


# --- the raw socket server ------------------------------------------------------------------------------------


@dataclass
class RawRequest:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes


Action = Callable[["RawExchange"], Awaitable[None]]


@dataclass
class RawExchange:
    """One request on one connection, and the means to answer it well or badly."""

    request: RawRequest
    writer: asyncio.StreamWriter
    reader: asyncio.StreamReader
    keep_alive: bool = True

    async def respond(
        self, status: int, body: bytes = b"", headers: dict[str, str] | None = None, reason: str = "X"
    ) -> None:
        head = [f"HTTP/1.1 {status} {reason}", f"Content-Length: {len(body)}"]
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        await self.writer.drain()

    def reset(self) -> None:
        """Close with a TCP RST (SO_LINGER 0): the client sees 'connection reset by peer'."""
        sock = self.writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.writer.transport.abort()
        self.keep_alive = False

    async def reset_during_body(self, headers: dict[str, str] | None = None) -> None:
        """Send the status line, headers announcing 1000 bytes, 20 of them, then reset."""
        head = ["HTTP/1.1 200 OK", "Content-Type: application/json", "Content-Length: 1000"]
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + b'{"orderId": "OB-1001"')
        await self.writer.drain()
        await asyncio.sleep(0.01)
        self.reset()

    async def withhold(self) -> None:
        """Never answer: wait until the client hangs up (or the server stops)."""
        with contextlib.suppress(ConnectionError):
            while await self.reader.read(1024):
                pass
        self.keep_alive = False


@dataclass
class RawServer:
    """A tiny HTTP/1.1 server on 127.0.0.1 whose every answer is chosen by `route(request, n)`.

    `n` is how many requests with this method and path (query excluded) came before, starting at 0.
    """

    route: Callable[[RawRequest, int], Action] | None = None
    requests: list[RawRequest] = field(default_factory=list)
    connections: int = 0
    port: int = 0
    _server: asyncio.Server | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)
    _writers: set[asyncio.StreamWriter] = field(default_factory=set)

    def count(self, method: str, path: str) -> int:
        return sum(1 for r in self.requests if r.method == method and r.target.split("?")[0] == path)

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop_accepting(self) -> None:
        """Refuse new connections from now on; those already open carry on."""
        assert self._server is not None
        self._server.close()

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):  # handlers waiting on a read see the end of the stream and return
            writer.transport.abort()
        _done, stuck = await asyncio.wait(self._tasks, timeout=1.0) if self._tasks else (set(), set())
        for task in stuck:
            task.cancel()
        await asyncio.gather(*stuck, return_exceptions=True)
        await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self._writers.add(writer)
        self.connections += 1
        try:
            while True:
                request = await _read_request(reader)
                if request is None:
                    break
                n = sum(1 for r in self.requests if (r.method, r.target) == (request.method, request.target))
                self.requests.append(request)
                assert self.route is not None, "set raw_server.route before sending"
                exchange = RawExchange(request, writer, reader)
                await self.route(request, n)(exchange)
                if not exchange.keep_alive:
                    break
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
            self._tasks.discard(task)
            self._writers.discard(writer)


async def _read_request(reader: asyncio.StreamReader) -> RawRequest | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return RawRequest(method, target, headers, body)


@pytest.fixture
async def raw_server() -> AsyncIterator[RawServer]:
    server = RawServer()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


def respond(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Action:
    async def action(exchange: RawExchange) -> None:
        await exchange.respond(status, body, headers)

    return action


async def reset_before(exchange: RawExchange) -> None:
    exchange.reset()


async def reset_during(exchange: RawExchange) -> None:
    await exchange.reset_during_body({"x-correlation-id": "corr-raw"})


async def withhold(exchange: RawExchange) -> None:
    await exchange.withhold()


async def write_head(exchange: RawExchange, status_line: bytes, headers: list[bytes]) -> None:
    exchange.writer.write(status_line + b"\r\n" + b"".join(h + b"\r\n" for h in headers) + b"\r\n")
    await exchange.writer.drain()


def answer(
    status: int, body: bytes, headers: tuple[bytes, ...] | list[bytes] = (), reason: bytes = b"X"
) -> Callable[[RawExchange], Awaitable[None]]:
    async def action(exchange: RawExchange) -> None:
        head = [b"Content-Length: " + str(len(body)).encode(), b"Content-Type: application/json", *headers]
        await write_head(exchange, b"HTTP/1.1 %d " % status + reason, head)
        exchange.writer.write(body)
        await exchange.writer.drain()

    return action


@functools.cache
def gzip_bomb() -> bytes:
    """About 1 MB of gzip that inflates to 1 GiB of zeros."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(16 * 1024 * 1024)
    return b"".join(compressor.compress(block) for _ in range(64)) + compressor.flush()


@functools.cache
def double_gzip_bomb() -> bytes:
    """A few KB that inflate to the gzip bomb, which inflates to 1 GiB."""
    return gzip.compress(gzip_bomb(), 9)


async def endless_chunks(exchange: RawExchange) -> None:
    await write_head(exchange, b"HTTP/1.1 200 OK", [b"Content-Type: application/json", b"Transfer-Encoding: chunked"])
    chunk = b"%x\r\n%s\r\n" % (65536, b"[" * 65536)
    with contextlib.suppress(ConnectionError):
        for _ in range(100_000):  # 6.5 GB if nobody stops reading
            exchange.writer.write(chunk)
            await exchange.writer.drain()
    exchange.keep_alive = False


async def declared_two_gib(exchange: RawExchange) -> None:
    await write_head(exchange, b"HTTP/1.1 200 OK", [b"Content-Type: application/json", b"Content-Length: 2147483648"])
    with contextlib.suppress(ConnectionError):
        for _ in range(2048):
            exchange.writer.write(bytes(1024 * 1024))
            await exchange.writer.drain()
    exchange.keep_alive = False


def compressed(body: bytes, encoding: bytes, status: int = 200) -> Callable[[RawExchange], Awaitable[None]]:
    async def action(exchange: RawExchange) -> None:
        head = [b"Content-Type: application/json", b"Content-Encoding: " + encoding, b"Content-Length: %d" % len(body)]
        await write_head(exchange, b"HTTP/1.1 %d X" % status, head)
        with contextlib.suppress(ConnectionError):
            exchange.writer.write(body)
            await exchange.writer.drain()
        exchange.keep_alive = False

    return action


async def never_answer(exchange: RawExchange) -> None:
    await exchange.withhold()
