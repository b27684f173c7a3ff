"""Outbox push throughput against the demo's local emulator (5 ms latency), without a window.

Tags N members of the demo (default 2,000) with a WeCom tag they lack — one mark_tag item per
follow relationship — and pushes the outbox, printing items and calls per second. The demo
workspace is cached under tests/bench/.cache; each run works on a copy.

    python tests/bench/bench_push.py [--members 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from siyu_desktop.services import workspaces  # noqa: E402
from siyu_desktop.services.connection import ConnectionService, start_demo_emulator  # noqa: E402
from siyu_desktop.services.outbox import OutboxService, enqueue_tag_changes  # noqa: E402
from siyu_desktop.store import tags as tag_store  # noqa: E402
from siyu_desktop.store.db import Workspace  # noqa: E402
from tests.bench.common import CACHE  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=2000)
    args = ap.parse_args()
    cached = CACHE / "push-demo.siyu.db"
    if not cached.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        workspaces.create_demo(cached).close()
    work = CACHE / "push-run" / "demo.siyu.db"
    shutil.rmtree(work.parent, ignore_errors=True)
    work.parent.mkdir(parents=True)
    shutil.copy2(cached, work)
    ws = Workspace.open(work)
    try:
        service = ConnectionService(ws)
        emulator = start_demo_emulator(ws, service)
        c = ws.reader()
        tag = c.execute("SELECT t.id FROM tags t JOIN tag_groups g ON g.id = t.group_id WHERE "
                        "t.wecom_tag_id IS NOT NULL AND g.wecom_group_id IS NOT NULL AND "
                        "t.source != 'admin' ORDER BY (SELECT count(*) FROM member_tags "
                        "WHERE tag_id = t.id) LIMIT 1").fetchone()[0]
        have = {m for (m,) in c.execute("SELECT member_id FROM member_tags WHERE tag_id = ?",
                                        (tag,))}
        ids = [m for (m,) in c.execute("SELECT m.id FROM members m WHERE EXISTS (SELECT 1 "
                                       "FROM follows f WHERE f.member_id = m.id) ORDER BY id")
               if m not in have][:args.members]

        def tag_them(ctx):  # type: ignore[no-untyped-def]
            tag_store.add_tag(ctx, tag, ids)
            return enqueue_tag_changes(ctx)
        queued = ws.write(tag_them)
        outbox = OutboxService(ws)

        async def push() -> object:
            async with service.make_client() as client:
                return await outbox.push(client)
        calls_before = emulator.corp.stats.calls.copy() if hasattr(emulator, "corp") else None
        start = time.perf_counter()
        report = asyncio.run(push())
        took = time.perf_counter() - start
        calls = ""
        if calls_before is not None:
            after = emulator.corp.stats.calls
            n = sum(after.values()) - sum(calls_before.values())
            calls = f", {n:,} HTTP calls ({n / took:.1f}/s)"
        print(f"push: {queued:,} items for {len(ids):,} members in {took:.1f} s = "
              f"{queued / took:.1f} items/s{calls}; sent {report.sent:,}, "  # type: ignore[attr-defined]
              f"failed {report.failed:,}")  # type: ignore[attr-defined]
        stop = getattr(emulator, "stop", None)
        if stop:
            stop()
    finally:
        ws.close()


if __name__ == "__main__":
    main()
