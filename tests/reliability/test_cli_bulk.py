"""The bulk CLI interrupted (SIGINT) at random moments under faults, then resumed: the orders equal the file, once."""

from __future__ import annotations

from pathlib import Path

from .conftest import TALLY
from .workloads import bulk_interrupt_resume


async def test_bulk_load_interrupted_at_random_points_resumes_to_exactly_the_file(tmp_path: Path) -> None:
    figures = await bulk_interrupt_resume(40, 3, tmp_path, seed=5)
    assert figures["final exit code"] == 0, figures["final stderr"]
    assert (figures["duplicates"], figures["missing"], figures["unexpected"]) == (0, 0, 0), figures
    assert figures["orders in sandbox"] == 40
    assert figures["token printed"] == 0
    assert 130 in figures["interrupted exit codes"]  # at least one SIGINT landed mid-load
    TALLY["cli bulk: interrupts"] += figures["interrupts"]
    TALLY["cli bulk: duplicates"] += figures["duplicates"]
