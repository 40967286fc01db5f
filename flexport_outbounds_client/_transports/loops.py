"""A connection pool per event loop: a client keeps working when the loop that runs it changes.

Connection pools (httpx's, aiohttp's) belong to the event loop they were first used in; after that loop is closed
they fail with `RuntimeError: Event loop is closed`. A client made once at module level and used from several
`asyncio.run()` calls (Celery-style workers, pytest's per-test loops) meets exactly that. `LoopBound` hands out
the resource of the running loop, making a new one when the loop changed, and closes each one while its loop is
still able to run the closing: an async generator parked per resource is finalized by the loop's own shutdown
(`asyncio.run`, `asyncio.Runner` and pytest-asyncio call `loop.shutdown_asyncgens()`), and its `finally` closes
the pool. `aclose()` closes the current one. One loop at a time: two loops using one client at once (two threads)
are not supported.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    import asyncio

__all__ = ["LoopBound"]

T = TypeVar("T")


class LoopBound(Generic[T]):
    """The resource (`make()`) of the running event loop; `close(resource)` ends one."""

    __slots__ = ("_close", "_guard", "_loop", "_make", "_resource")

    def __init__(self, make: Callable[[], T], close: Callable[[T], Awaitable[None]]) -> None:
        self._make = make
        self._close = close
        self._loop: asyncio.AbstractEventLoop | None = None
        self._resource: T | None = None
        self._guard: AsyncGenerator[None, None] | None = None

    @property
    def current(self) -> T | None:
        """The resource of the loop that used this last, if any (it may be closed)."""
        return self._resource

    async def get(self) -> T:
        """The resource of the running loop, made (and the previous loop's let go) when the loop changed."""
        import asyncio  # here, not at the top: importing the client does not load asyncio (a third of its time)

        loop = asyncio.get_running_loop()
        resource = self._resource
        if self._loop is loop and resource is not None:
            return resource
        return await self._bind(loop)

    async def _bind(self, loop: asyncio.AbstractEventLoop) -> T:
        previous, self._guard = self._guard, None
        if previous is not None and self._loop is not None and not self._loop.is_closed():
            # the previous loop is still alive (it was never shut down, or runs elsewhere): close its pool now
            await _finish(previous)
        resource = self._make()
        guard = _close_at_shutdown(resource, self._close)
        await guard.asend(None)  # parks it: the running loop now finalizes it at shutdown
        self._loop, self._resource, self._guard = loop, resource, guard
        return resource

    async def aclose(self) -> None:
        """Close the current resource (its loop's shutdown will find nothing left to do). Safe to call twice."""
        guard, self._guard = self._guard, None
        if guard is not None:
            await _finish(guard)


async def _close_at_shutdown(resource: T, close: Callable[[T], Awaitable[None]]) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:
        await close(resource)


async def _finish(guard: AsyncGenerator[None, None]) -> None:
    try:
        await guard.aclose()
    except RuntimeError:  # pragma: no cover - closed on another loop's thread meanwhile
        return
