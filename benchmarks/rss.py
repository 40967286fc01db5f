"""Peak RSS of one row doing RSS_CALLS get_order calls: `python -m benchmarks.rss ROW BASE_URL CALLS`.

Every call is a task created up front (a fan-out, as `asyncio.gather` over a list of ids does), CONCURRENCY of
them in flight at a time, and every result is kept. Prints JSON: ru_maxrss before and after, in MiB.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time

from .payloads import TYPICAL, TYPICAL_ID
from .rows import ROWS, check

CONCURRENCY = 50


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


async def run(row_name: str, base: str, calls: int) -> dict[str, float]:
    row, _ = ROWS[row_name]
    async with row(base) as call:
        check(await call.get(TYPICAL_ID), TYPICAL, full=True)
        before = peak_mib()
        gate = asyncio.Semaphore(CONCURRENCY)

        async def one() -> object:
            async with gate:
                return await call.get(TYPICAL_ID)

        started = time.perf_counter()
        results = await asyncio.gather(*(one() for _ in range(calls)))
        seconds = time.perf_counter() - started
        for result in results:
            check(result, TYPICAL)
        return {"before_mib": before, "peak_mib": peak_mib(), "seconds": seconds}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(run(sys.argv[1], sys.argv[2], int(sys.argv[3])))))
