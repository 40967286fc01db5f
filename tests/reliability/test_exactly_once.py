"""Exactly-once create under faults, and many creates racing on one externalId (sandbox in process and on HTTP).

The soak runs the same workloads with more trials (tests/soak.py).
"""

from __future__ import annotations

import pytest

from .conftest import TALLY
from .workloads import Transport, exactly_once, same_external_id

TRIALS = 100
TRIALS_OVER_HTTP = 40


async def test_exactly_once_under_commit_then_drop_timeouts_and_5xx_after_commit() -> None:
    figures = await exactly_once(TRIALS, seed=7)
    TALLY["exactly-once trials"] += figures["trials"]
    TALLY["exactly-once duplicates"] += figures["duplicates"]
    TALLY["exactly-once lost"] += figures["lost"]
    assert figures["failures"] == []
    assert figures["trials"] == TRIALS
    assert (figures["duplicates"], figures["lost"], figures["wrong order returned"]) == (0, 0, 0)
    assert figures["idempotency key changed"] == 0
    assert figures["calls failed"] == 0
    # every kind of fault was exercised, and each one forced at least one more attempt or a lookup
    for kind in ("commit_then_drop", "timeout_after_send", "5xx_after_commit", "5xx_before_commit"):
        assert figures[f"fault {kind}"] > 5, kind
    assert 0 < figures["5xx after commit fired"] <= figures["fault 5xx_after_commit"]  # a 2nd fault may go unused
    assert figures["attempts"] > TRIALS


@pytest.mark.parametrize("transport", ["httpx", "aiohttp"])
async def test_exactly_once_over_loopback_http_on_both_transports(transport: Transport) -> None:
    # real sockets: a commit-then-drop is a connection closed without a response, a timeout a read that never ends
    figures = await exactly_once(TRIALS_OVER_HTTP, seed=11, timeout=0.15, transport=transport)
    TALLY["exactly-once trials"] += figures["trials"]
    TALLY["exactly-once duplicates"] += figures["duplicates"]
    TALLY["exactly-once lost"] += figures["lost"]
    assert figures["failures"] == []
    assert (figures["duplicates"], figures["lost"], figures["wrong order returned"]) == (0, 0, 0)
    assert (figures["idempotency key changed"], figures["calls failed"]) == (0, 0)
    for kind in ("commit_then_drop", "timeout_after_send", "5xx_after_commit", "5xx_before_commit"):
        assert figures[f"fault {kind}"] > 2, kind


@pytest.mark.parametrize("over_http", [False, True], ids=["in-process", "loopback-http"])
async def test_fifty_concurrent_creates_of_one_external_id_make_one_order(over_http: bool) -> None:
    figures = await same_external_id(50, same_items=True, base_url="serve" if over_http else None)
    assert figures["orders in sandbox"] == 1
    assert figures["other outcomes"] == []
    assert figures["callers got the order"] == 50  # same items: every caller gets the one order
    assert figures["distinct order ids returned"] == 1
    TALLY["concurrent same-externalId creates: callers with the order"] += figures["callers got the order"]


async def test_fifty_concurrent_creates_with_different_items_one_wins_the_rest_get_conflict() -> None:
    figures = await same_external_id(50, same_items=False)
    assert figures["orders in sandbox"] == 1
    assert figures["other outcomes"] == []
    assert figures["callers got the order"] == 1
    assert figures["callers got a conflict"] == 49
    assert figures["conflicts naming the order"] == 49  # DuplicateExternalIdError.existing_order_id is that order
