"""`orders create --bulk`: check a whole file, then create what is missing: exactly once, resumable, bounded.

Exactly once: every order carries an externalId, which is looked up before anything is created (found: reported
as existing; not found: created, and `create_order` itself is exactly-once per externalId across retries). So
re-running the same file after Ctrl-C, a crash or a network loss creates only the orders that are still missing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from .. import _orders as orders
from .._client import OutboundsClient
from .._errors import FlexportError, NotFoundError, RequestValidationError
from .._generated.models import CreateOrderRequest, Order
from .._validation import validate_create_order
from .errors import ExitCode, exit_code_for
from .inputs import Problem, SourceOrder

__all__ = [
    "BulkRun",
    "BulkSummary",
    "Outcome",
    "PlannedOrder",
    "ResultsFile",
    "default_results_path",
    "plan_orders",
]

Kind = Literal["created", "existing", "failed", "interrupted"]
FATAL = frozenset({ExitCode.AUTH, ExitCode.NETWORK})  # every other order would fail the same way: stop
GRACE_SECONDS = 10.0  # after Ctrl-C, how long in-flight orders may take before they are cancelled


@dataclass(frozen=True)
class PlannedOrder:
    """A valid order of the file, ready to send."""

    line: int
    external_id: str
    request: CreateOrderRequest


def plan_orders(orders: Sequence[SourceOrder]) -> tuple[list[PlannedOrder], list[Problem]]:
    """Check every order (reading problems, externalId present and unique, the client's own rules).

    Returns the orders to send and every problem found, sorted by line; send nothing unless the list is empty.
    """
    planned: list[PlannedOrder] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for order in orders:
        found = list(order.problems)
        if order.data:
            request, checks = _check(order)
            found += checks
            found += _external_id_problems(order, seen, already=any(p.field == "externalId" for p in checks))
            if request is not None and not found and order.external_id is not None:
                planned.append(PlannedOrder(order.line, order.external_id, request))
        problems += found
    return planned, sorted(problems, key=lambda p: p.line)


def _check(order: SourceOrder) -> tuple[CreateOrderRequest | None, list[Problem]]:
    try:
        return validate_create_order(order.data), []
    except RequestValidationError as exc:
        return None, [Problem(*order.locate(path), message) for path, message in exc.errors.items()]


def _external_id_problems(order: SourceOrder, seen: dict[str, int], *, already: bool) -> list[Problem]:
    external_id = order.external_id
    if external_id is None:
        if already:
            return []
        return [Problem(order.line, "externalId", "is required in bulk mode (it is what makes re-runs exactly-once)")]
    if external_id in seen:
        return [Problem(order.line, "externalId", f"{external_id!r} is already used by line {seen[external_id]}")]
    seen[external_id] = order.line
    return []


def default_results_path(input_path: str) -> Path:
    """`orders.jsonl` -> `orders.jsonl.results.jsonl`, next to the input."""
    return Path(f"{input_path}.results.jsonl")


# --- running ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What happened to one order of the file."""

    line: int
    external_id: str
    kind: Kind
    order_id: str | None = None
    status: str | None = None
    error: str | None = None
    exit_code: ExitCode = ExitCode.OK

    def record(self) -> dict[str, Any]:
        """The line written to the results file."""
        data: dict[str, Any] = {"line": self.line, "externalId": self.external_id, "outcome": self.kind}
        if self.order_id is not None:
            data["orderId"] = self.order_id
        if self.status is not None:
            data["orderStatus"] = self.status
        if self.error is not None:
            data["error"] = self.error
        return data

    def describe(self) -> str:
        """One human line: `line 12 ACME-1001: created OB-123`."""
        head = f"line {self.line} {self.external_id}: {self.kind}"
        return f"{head}: {self.error}" if self.error else f"{head} {self.order_id}"


class ResultsFile:
    """The JSON Lines results file, rewritten by each run; every line is flushed as soon as it is known.

    Raises (on creation):
        OSError: when the file cannot be opened for writing.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] = path.open("w", encoding="utf-8")

    def write(self, outcome: Outcome) -> None:
        """Append one outcome and flush it to the operating system."""
        self._file.write(json.dumps(outcome.record()) + "\n")
        self._file.flush()

    def close(self) -> None:
        """Close the file (safe to call twice)."""
        self._file.close()


class Reporter(Protocol):
    """Shows progress while orders are sent (a rich progress bar, or plain lines)."""

    def start(self, total: int) -> None: ...
    def advance(self, outcome: Outcome, counts: Mapping[str, int]) -> None: ...
    def note(self, text: str) -> None: ...
    def stop(self) -> None: ...


@dataclass
class BulkSummary:
    """The counts of a run and how it ended."""

    total: int
    counts: Counter[str]
    results: Path
    interrupted: bool = False
    stop_reason: str | None = None
    stop_code: ExitCode | None = None
    failures: list[Outcome] = field(default_factory=list)

    @property
    def done(self) -> int:
        """Orders with a final answer (created, existing or failed)."""
        return self.counts["created"] + self.counts["existing"] + self.counts["failed"]

    @property
    def exit_code(self) -> ExitCode:
        """INTERRUPTED, else the error that stopped the run, else the code of the first failed line, else OK."""
        if self.interrupted:
            return ExitCode.INTERRUPTED
        if self.stop_code is not None:
            return self.stop_code
        if self.failures:
            return min(self.failures, key=lambda o: o.line).exit_code
        return ExitCode.OK

    def as_dict(self) -> dict[str, Any]:
        """The JSON summary printed at the end."""
        return {
            "total": self.total,
            "created": self.counts["created"],
            "existing": self.counts["existing"],
            "failed": self.counts["failed"],
            "notDone": self.total - self.done,
            "interrupted": self.interrupted,
            "stoppedBecause": self.stop_reason,
            "results": str(self.results),
        }


class BulkRun:
    """Sends planned orders with at most `concurrency` in flight; stops cleanly on Ctrl-C or a fatal error."""

    def __init__(
        self,
        client: OutboundsClient,
        orders: Sequence[PlannedOrder],
        *,
        concurrency: int,
        results: ResultsFile,
        reporter: Reporter,
        grace: float = GRACE_SECONDS,
    ) -> None:
        self.client = client
        self.orders = list(orders)
        self.concurrency = max(1, concurrency)
        self.results = results
        self.reporter = reporter
        self.grace = grace
        self.summary = BulkSummary(len(self.orders), Counter(), results.path)
        self._stopping = asyncio.Event()
        self._workers: list[asyncio.Task[None]] = []
        self._in_flight = 0
        self._grace_timer: asyncio.TimerHandle | None = None

    async def run(self) -> BulkSummary:
        """Process every order (or until stopped) and return the summary; the results file is flushed throughout.

        Raises:
            Exception: a bug in a worker (API failures are outcomes, not exceptions).
        """
        pending = iter(self.orders)
        self.reporter.start(len(self.orders))
        try:
            with self._signals():
                self._workers = [
                    asyncio.create_task(self._worker(pending)) for _ in range(min(self.concurrency, len(self.orders)))
                ]
                await self._wait_for_workers()
        finally:
            if self._grace_timer is not None:
                self._grace_timer.cancel()
            self.reporter.stop()
        return self.summary

    async def _wait_for_workers(self) -> None:
        try:
            ended = await asyncio.gather(*self._workers, return_exceptions=True)
        except asyncio.CancelledError:
            # Ctrl-C reached this task as a cancellation (asyncio.run's own handler, when ours could not be
            # installed): stop the workers and return normally, so the summary and the resume hint still print.
            self._interrupt()
            self._cancel_workers()
            await asyncio.gather(*self._workers, return_exceptions=True)
            current = asyncio.current_task()
            if current is not None:
                current.uncancel()
            return
        bugs = [result for result in ended if isinstance(result, Exception)]  # CancelledError is not an Exception
        if bugs:
            raise bugs[0]

    @contextlib.contextmanager
    def _signals(self) -> Iterator[None]:
        loop = asyncio.get_running_loop()
        installed = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self._on_signal)
            except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - not main thread / Windows
                continue
            installed.append(sig)
        try:
            yield
        finally:
            for sig in installed:
                loop.remove_signal_handler(sig)

    def _on_signal(self) -> None:
        if self._stopping.is_set():
            self.reporter.note("Cancelling the orders in flight (re-running the file finds whatever they created).")
            self._cancel_workers()
            return
        self._interrupt()
        self.reporter.note(
            f"Interrupted: finishing {self._in_flight} order(s) in flight, at most {self.grace:g}s "
            "(Ctrl-C again cancels them at once)."
        )
        self._grace_timer = asyncio.get_running_loop().call_later(self.grace, self._cancel_workers)

    def _interrupt(self) -> None:
        self.summary.interrupted = True
        self._stopping.set()

    def _cancel_workers(self) -> None:
        for task in self._workers:
            task.cancel()

    async def _worker(self, pending: Iterator[PlannedOrder]) -> None:
        while not self._stopping.is_set():
            order = next(pending, None)
            if order is None:
                return
            self._in_flight += 1
            try:
                outcome = await self._process(order)
            except asyncio.CancelledError:
                message = "cancelled while in flight; re-run the file to find out (nothing is created twice)"
                self._finish(Outcome(order.line, order.external_id, "interrupted", error=message))
                raise
            finally:
                self._in_flight -= 1
            self._finish(outcome)

    async def _process(self, order: PlannedOrder) -> Outcome:
        try:
            existing = await self.client.get_order_by_external_id(order.external_id)
        except NotFoundError:
            existing = None
        except FlexportError as exc:
            return self._failed(order, exc)
        if existing is not None:
            return _existing_outcome(order, existing)
        try:
            created = await self.client.create_order(order.request)
        except FlexportError as exc:
            return self._failed(order, exc)
        return Outcome(order.line, order.external_id, "created", created.order_id, str(created.order_status))

    def _failed(self, order: PlannedOrder, error: FlexportError) -> Outcome:
        code = exit_code_for(error)
        if code in FATAL and not self._stopping.is_set():
            self.summary.stop_reason = f"{error}"
            self.summary.stop_code = code
            self._stopping.set()
            self.reporter.note(f"Stopping: {error}")
        return Outcome(order.line, order.external_id, "failed", error=str(error), exit_code=code)

    def _finish(self, outcome: Outcome) -> None:
        self.results.write(outcome)
        if outcome.kind != "interrupted":
            self.summary.counts[outcome.kind] += 1
        if outcome.kind == "failed":
            self.summary.failures.append(outcome)
        self.reporter.advance(outcome, self.summary.counts)


def _existing_outcome(order: PlannedOrder, existing: Order) -> Outcome:
    differing = orders.differences(order.request.to_dict(), existing.to_dict())
    if not differing:
        return Outcome(order.line, order.external_id, "existing", existing.order_id, str(existing.order_status))
    message = (
        f"externalId {order.external_id!r} already belongs to order {existing.order_id}, which differs from this "
        f"line in {', '.join(differing)}; use a new externalId for a different order"
    )
    return Outcome(order.line, order.external_id, "failed", existing.order_id, error=message, exit_code=ExitCode.API)
