"""The scheduler at calendar scale: a workspace holding many jobs (the calendar will add one per
occurrence), of which a share is due. Prints the time to find the due jobs and the next wake-up,
and how many due jobs one ``run_due`` runs per second (lease taken, no-op handler, run recorded:
two writer transactions per job). Not part of the test suite: ``python tests/bench/bench_scheduler.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from siyu_desktop.domain.clock import FakeClock  # noqa: E402
from siyu_desktop.domain.schedule import Every  # noqa: E402
from siyu_desktop.services.scheduler import Scheduler  # noqa: E402
from siyu_desktop.store import jobs  # noqa: E402
from siyu_desktop.store.db import Workspace  # noqa: E402
from tests.bench.common import CACHE, median_ms, peak_rss_mb  # noqa: E402

START = 1_800_000_000


def build(path: Path, total: int, due: int) -> None:
    """``total`` jobs, ``due`` of them due at START, the rest spread over the next year."""
    with Workspace.open(path, create=True, clock=FakeClock(START)) as ws:
        def add(conn: object) -> None:
            for i in range(total):
                at = START - 60 if i < due else START + 60 + (i * 31_536_000) // total
                jobs.ensure(conn, f"occ-{i:07d}", "occurrence", Every(7 * 86_400), at, START)  # type: ignore[arg-type]
        ws.submit_bookkeeping(add).result()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--jobs", type=int, default=100_000)
    p.add_argument("--due", type=int, default=1_000)
    args = p.parse_args()
    cached = CACHE / f"scheduler-{args.jobs}-{args.due}.siyu.db"
    CACHE.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if not cached.exists():
        build(cached, args.jobs, args.due)
        print(f"built {args.jobs:,} jobs in {time.perf_counter() - started:.1f} s (cached)")
    work = CACHE / "scheduler-run.siyu.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    shutil.copy(cached, work)

    clock = FakeClock(START)
    with Workspace.open(work, clock=clock) as ws:
        conn = ws.reader()
        due_ms, found = median_ms(lambda: jobs.due(conn, START))
        wake_ms, _ = median_ms(lambda: jobs.next_wake(conn))
        print(f"Scheduler: {args.jobs:,} jobs, {len(found):,} due")
        print(f"  find the due jobs              {due_ms:8.1f} ms")
        print(f"  next wake-up                   {wake_ms:8.1f} ms")

        ran: list[str] = []
        scheduler = Scheduler(ws, clock, {"occurrence": lambda job: ran.append(job.name)}, jobs=())
        t0 = time.perf_counter()
        asyncio.run(scheduler.run_due())
        seconds = time.perf_counter() - t0
        print(f"  run_due of {len(ran):,} due jobs      {seconds:8.2f} s  "
              f"({len(ran) / seconds:,.0f} jobs/s, two writer transactions each)")
        assert len(ran) == len(found), (len(ran), len(found))
        print(f"  peak RSS                       {peak_rss_mb():8.0f} MB")


if __name__ == "__main__":
    main()
