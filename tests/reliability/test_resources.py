"""Resources and cancellation: thousands of requests on loopback HTTP, a fifth cancelled mid-flight, some faulted.

Afterwards no connection is in use, every open socket belongs to the pool, idle ones expire back to the baseline,
closing leaves nothing open, no ResourceWarning or asyncio warning was raised, RSS is flat, and a closed client
refuses to be reused. The soak runs 10,000 requests.
"""

from __future__ import annotations

import logging

from .conftest import TALLY
from .workloads import cancellation_storm

REQUESTS = 2000
BATCH = 500
RSS_NOISE_KIB = 4 * 1024


async def test_cancellation_storm_leaves_no_connection_socket_warning_or_memory_behind() -> None:
    logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)  # the sandbox's ClientDisconnect noise (reported)
    try:
        figures = await cancellation_storm(REQUESTS, seed=11, batch=BATCH)
    finally:
        logging.getLogger("uvicorn.error").setLevel(logging.NOTSET)
    outcomes = figures["outcomes"]
    assert sum(outcomes.values()) == REQUESTS
    assert not [kind for kind in outcomes if kind.startswith("UNTYPED")], outcomes
    assert outcomes["cancelled"] > REQUESTS // 10 and outcomes["ok"] > REQUESTS // 2
    assert figures["faults fired"] > 50
    assert figures["pool connections in use after"] == 0
    assert figures["established sockets after (client open)"] <= figures["pool connections after"]  # none outside
    assert figures["pool connections after"] <= 100  # max_connections
    assert figures["pool connections after keepalive expiry"] == figures["pool baseline"] == 1
    assert (figures["pool connections after close"], figures["established sockets after close"]) == (0, 0)
    assert figures["resource warnings"] == []
    assert figures["asyncio log warnings"] == []
    assert figures["reuse after close"] == "ClientClosedError"
    rss = figures["rss kib per thousand"]
    assert rss[-1] - rss[1] < RSS_NOISE_KIB, rss
    TALLY["resources: requests"] += REQUESTS
    TALLY["resources: peak connections"] = max(TALLY["resources: peak connections"], figures["peak connections"])
    TALLY["resources: rss growth kib (2nd batch to last)"] = rss[-1] - rss[1]
