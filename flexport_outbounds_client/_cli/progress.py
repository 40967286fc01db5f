"""Progress of a bulk load: a rich progress bar (rate and ETA) on a terminal, plain lines anywhere else."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from .bulk import Outcome, Reporter

__all__ = ["PlainReporter", "RichReporter", "reporter_for"]

_Write = Callable[[str], None]


class RateColumn(ProgressColumn):
    """Orders per second."""

    def render(self, task: Task) -> Text:
        """The task's current rate, e.g. `42.0 orders/s`."""
        speed = task.finished_speed or task.speed
        return Text("- orders/s" if speed is None else f"{speed:.1f} orders/s", style="progress.data.speed")


def _counts_text(counts: Mapping[str, int]) -> str:
    return (
        f"created {counts.get('created', 0)} · existing {counts.get('existing', 0)} · failed {counts.get('failed', 0)}"
    )


class RichReporter:
    """A live progress bar on the (stderr) terminal; failures are printed above it as they happen."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            RateColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
        )
        self._task: TaskID | None = None

    def start(self, total: int) -> None:
        """Show the bar."""
        self._task = self._progress.add_task(_counts_text({}), total=total)
        self._progress.start()

    def advance(self, outcome: Outcome, counts: Mapping[str, int]) -> None:
        """One more order done."""
        if outcome.kind in ("failed", "interrupted"):
            self._progress.console.print(Text(outcome.describe(), style="red"))
        if self._task is not None:
            self._progress.update(self._task, advance=1, description=_counts_text(counts))

    def note(self, text: str) -> None:
        """A message above the bar."""
        self._progress.console.print(Text(text, style="yellow"))

    def stop(self) -> None:
        """Leave the final bar on screen."""
        self._progress.stop()


class PlainReporter:
    """One line per order on stderr: `[12/53] line 14 ACME-1001: created OB-123`."""

    def __init__(self, write: _Write) -> None:
        self._write = write
        self._total = 0
        self._done = 0

    def start(self, total: int) -> None:
        """Say how many orders will be processed."""
        self._total = total
        self._write(f"Processing {total} order(s)")

    def advance(self, outcome: Outcome, counts: Mapping[str, int]) -> None:
        """One line for the order just done."""
        self._done += 1
        self._write(f"[{self._done}/{self._total}] {outcome.describe()}")

    def note(self, text: str) -> None:
        """A message line."""
        self._write(text)

    def stop(self) -> None:
        """Nothing to tear down."""


def reporter_for(console: Console, write: _Write) -> Reporter:
    """The rich bar when `console` is a terminal, plain lines otherwise."""
    return RichReporter(console) if console.is_terminal else PlainReporter(write)
