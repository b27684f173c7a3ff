"""Points ledger benchmark (issue: points). A 1,000,000-member workspace with 20,000,000 ledger
entries, built once and cached under tests/bench/.cache (the history is generated straight into
the tables, chained and consistent: earns form lots, spends drawn from a lot of the same member).

Prints, next to the plain-SQL way in the same run: one member's balance and statement, a batch
award to a 100,000-member segment (hash chain included), a month-end expiry run, a group's
leaderboard for a month, ``points check`` and ``points verify`` over all entries, and peak RSS.

    python tests/bench/bench_points.py [--members N] [--entries N] [--rebuild]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from common import CACHE, median_ms, peak_rss_mb, row  # noqa: E402

from siyu_desktop.domain import points as P  # noqa: E402
from siyu_desktop.services import workspaces  # noqa: E402
from siyu_desktop.services.points import PointsService  # noqa: E402
from siyu_desktop.store import points as store  # noqa: E402
from siyu_desktop.store.db import Workspace  # noqa: E402
from siyu_desktop.store.demo import DemoSize  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
DAY = 86400


def build(path: Path, members: int, entries: int) -> None:
    start = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".building")
    for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
        leftover.unlink(missing_ok=True)
    size = DemoSize(members=members, groups=max(300, members // 25), tags=100, roster_mean=60,
                    points_history=False)
    workspaces.create_demo(tmp, size, seed=1).close()
    print(f"  built the {members:,}-member demo in {time.perf_counter() - start:.0f}s",
          flush=True)
    conn = sqlite3.connect(tmp, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    for name in ("points_entries_member", "points_entries_at", "points_lots_member",
                 "points_lots_expiring", "points_draws_lot"):
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    seq, prev = store.head(conn)
    rng = np.random.default_rng(5)
    now = int(time.time())
    policy = P.ExpiryPolicy(months=12)
    todo = entries - seq
    chunk = 500_000
    cols = ", ".join(store.COLUMNS)
    marks = ", ".join("?" * len(store.COLUMNS))
    conn.execute("BEGIN")
    while todo > 0:
        n = min(chunk, todo)
        member = rng.integers(1, members + 1, n)
        at = now - rng.integers(0, 540 * DAY, n)
        amount = rng.choice([10, 20, 30, 50, 100], n)
        spend = rng.random(n) < 0.1  # a tenth spend: the previous earn of the row before them
        rows = []
        lots = []
        draws = []
        last_lot: dict[int, tuple[int, int]] = {}
        for i in range(n):
            seq += 1
            m = int(member[i])
            t = int(at[i])
            if spend[i] and m in last_lot:
                lot_seq, lot_amount = last_lot.pop(m)
                d = P.Draft(m, -lot_amount, P.Kind.SPEND, "兑换20元券", P.Source.REDEMPTION,
                            "券", "bench", t, f"b{seq}")
                draws.append((seq, lot_seq, lot_amount))
            else:
                exp = P.expires_at(policy, t, TZ)
                d = P.Draft(m, int(amount[i]), P.Kind.EARN, "参与猜谜", P.Source.GAME, "猜谜",
                            "bench", t, f"b{seq}", exp)
                lots.append((seq, m, d.amount, d.amount, t, exp))
                last_lot[m] = (seq, d.amount)
            h = P.entry_hash(prev, seq, d)
            rows.append((seq, m, d.amount, str(d.kind), d.reason, str(d.source), d.source_ref,
                         d.operator, t, d.key, d.expires_at, None, prev, h))
            prev = h
        spent = {lot for _, lot, _ in draws}
        conn.executemany(f"INSERT INTO points_entries({cols}) VALUES ({marks})", rows)
        conn.executemany("INSERT INTO points_lots VALUES (?, ?, ?, ?, ?, ?)",
                         [(s, m, a, 0 if s in spent else r, t, e)
                          for s, m, a, r, t, e in lots])
        conn.executemany("INSERT INTO points_draws VALUES (?, ?, ?)", draws)
        todo -= n
        print(f"    entries: {seq:,}/{entries:,} ({time.perf_counter() - start:.0f}s)", flush=True)
    conn.execute("COMMIT")
    print("    indexes and balances…", flush=True)
    store.create_tables(conn)  # the indexes, built once over the sorted data
    conn.execute("UPDATE members SET points = coalesce((SELECT sum(amount) FROM points_entries "
                 "WHERE member_id = members.id), 0)")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    tmp.replace(path)
    print(f"  built {path.name} with {entries:,} entries in {time.perf_counter() - start:.0f}s",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=20_000_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    cached = CACHE / f"points-{args.members}-{args.entries}.siyu.db"
    if args.rebuild or not cached.exists():
        build(cached, args.members, args.entries)
    path = CACHE / "points-run.siyu.db"  # every run starts from the cached file
    shutil.copy2(cached, path)
    for suffix in ("-wal", "-shm", ".index"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    ws = Workspace.open(path, actor="bench")
    service = PointsService(ws)
    import asyncio

    conn = ws.reader()
    print(f"Points ledger: {args.members:,} members, "
          f"{conn.execute('SELECT max(seq) FROM points_entries').fetchone()[0]:,} entries")
    member = int(conn.execute("SELECT member_id FROM points_entries ORDER BY seq DESC LIMIT 1"
                              ).fetchone()[0])

    ms, st = median_ms(lambda: (store.account(conn, member), store.statement(conn, member)))
    plain, _ = median_ms(lambda: conn.execute(
        "SELECT sum(amount) FROM points_entries WHERE member_id = ?", (member,)).fetchone())
    row("balance, lots and statement of one member", ms, plain, "< 20 ms",
        f"({len(st[1])} entries)")

    ids = list(range(1, args.members + 1, max(1, args.members // 100_000)))[:100_000]
    start = time.perf_counter()
    plan, _batch = asyncio.run(service.award(ids, 30, "双十二预热", "bench-award"))
    award_ms = (time.perf_counter() - start) * 1000
    plain_conn = sqlite3.connect(path.with_name("plain.db"))
    plain_conn.execute("CREATE TABLE IF NOT EXISTS e (member_id INT, amount INT, key TEXT UNIQUE)")
    start = time.perf_counter()
    with plain_conn:
        plain_conn.executemany("INSERT OR IGNORE INTO e VALUES (?, ?, ?)",
                               ((m, 30, f"k{m}") for m in ids))
    plain_award = (time.perf_counter() - start) * 1000
    plain_conn.close()
    path.with_name("plain.db").unlink()
    row(f"batch award to {plan.to_award:,} members (chained, audited)", award_ms, plain_award,
        "< 10 s", "(plain: insert without chain, lots, audit)")

    day = datetime.fromtimestamp(time.time(), TZ).replace(day=1).date().isoformat()
    start = time.perf_counter()
    expired = asyncio.run(service.expire(day))
    expire_ms = (time.perf_counter() - start) * 1000
    plain, _ = median_ms(lambda: conn.execute(
        "SELECT member_id, sum(remaining) FROM points_lots WHERE expires_at <= ? AND "
        "remaining > 0 GROUP BY member_id", (P.day_start(day, TZ),)).fetchall(), repeat=1)
    row(f"month-end expiry run {day} ({expired.members:,} members, {expired.points:,} points)",
        expire_ms, plain, "< 60 s", "(plain: the select only)")

    group = int(conn.execute("SELECT group_id FROM roster GROUP BY group_id ORDER BY count(*) "
                             "DESC LIMIT 1").fetchone()[0])
    month_start = P.day_start(day, TZ) - 30 * DAY
    sql = ("SELECT e.member_id, sum(e.amount) AS s FROM roster r JOIN points_entries e "
           "ON e.member_id = r.member_id WHERE r.group_id = ? AND e.at >= ? AND e.at < ? AND "
           "e.kind IN ('earn') GROUP BY e.member_id ORDER BY s DESC LIMIT 20")
    ms, board = median_ms(lambda: conn.execute(sql, (group, month_start,
                                                      P.day_start(day, TZ))).fetchall())
    row("a group's leaderboard for a month (biggest group)", ms, ms, "< 200 ms",
        f"({len(board)} shown; the query is the plain SQL)")

    start = time.perf_counter()
    count, _ = asyncio.run(service.check())
    check_ms = (time.perf_counter() - start) * 1000
    row(f"points check over every member ({count} differ)", check_ms, None, "")

    start = time.perf_counter()
    result = asyncio.run(service.verify())
    verify_ms = (time.perf_counter() - start) * 1000
    plain, _ = median_ms(lambda: conn.execute("SELECT count(*), sum(length(hash)) FROM "
                                              "points_entries").fetchone(), repeat=1, warmup=0)
    row(f"points verify, {result.entries:,} entries ({'ok' if result.broken is None else 'BROKEN'})",
        verify_ms, plain, "", "(plain: reading them)")
    ws.close()
    print(f"  peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
