"""Points ledger benchmark (issue: points). A 1,000,000-member workspace with 20,000,000 ledger
entries, built once and cached under tests/bench/.cache (the history is generated straight into
the tables, chained and consistent: earns form lots, spends drawn from a lot of the same member).

Prints, next to the plain-SQL way in the same run: one member's balance and statement, a batch
award to a 100,000-member segment (hash chain included), a month-end expiry run, a group's
leaderboard for a month, ``points check`` and ``points verify`` over all entries, and peak RSS.

    python tests/bench/bench_points.py [--members N] [--entries N] [--rebuild]

``bench_excel`` (called last) times the Excel side: a 100,000-member statement export and a
10,000-row batch sheet's preview and apply, next to plain SQL + plain openpyxl.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sqlite3
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from common import CACHE, median_ms, peak_rss_mb, row  # noqa: E402

from siyu_desktop.domain import points as P  # noqa: E402
from siyu_desktop.services import workspaces  # noqa: E402
from siyu_desktop.services.points import PointsService  # noqa: E402
from siyu_desktop.store import migrations  # noqa: E402
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
    current(cached)
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
    idle(ws)  # the WAL checkpoint due after the commit runs as the writer's next job
    award_idle = (time.perf_counter() - start) * 1000
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
        "< 10 s", f"(plain: insert without chain, lots, audit; {award_idle / 1000:.1f} s with "
                  f"the checkpoint after it)")

    # the history reaches back 18 months and no expiry has run: first the catch-up of every
    # month end but the last (missed runs, done for one day), then the month end itself
    first = datetime.fromtimestamp(time.time(), TZ).replace(day=1)
    day = first.date().isoformat()
    missed = (first - timedelta(days=1)).replace(day=1).date().isoformat()
    for label, when, target in (("catch-up expiry run", missed, ""),
                                ("month-end expiry run", day, "< 60 s")):
        start = time.perf_counter()
        expired = asyncio.run(service.expire(when))
        expire_ms = (time.perf_counter() - start) * 1000
        idle(ws)
        idle_ms = (time.perf_counter() - start) * 1000
        plain, _ = median_ms(functools.partial(expiring_select, conn, P.day_start(when, TZ)),
                             repeat=1, warmup=0)
        row(f"{label} {when} ({expired.members:,} members, {expired.points:,} points)",
            expire_ms, plain, target,
            f"(plain: the select only; {idle_ms / 1000:.1f} s with its checkpoint; "
            f"peak RSS {peak_rss_mb():.0f} MB)")

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
    bench_report(conn, group, P.day_start(day, TZ))

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
    bench_excel(ws, args.members)
    ws.close()
    print(f"  peak RSS {peak_rss_mb():.0f} MB")


def idle(ws: Workspace) -> None:
    """Wait for the writer to finish what is queued (a checkpoint after a big write)."""
    ws.submit_bookkeeping(lambda _conn: None).result()


def expiring_select(conn: sqlite3.Connection, on: int) -> list[tuple[int, int]]:
    """The plain read of what expires, from the expiring-lots index ("+member_id": grouped by
    member the planner would walk all 18M lots in member order, about a minute)."""
    return conn.execute("SELECT member_id, sum(remaining) FROM points_lots WHERE expires_at <= ? "
                        "AND remaining > 0 GROUP BY +member_id", (on,)).fetchall()


def current(cached: Path) -> None:
    """Bring the cached file to this version's schema once, in place (a migration otherwise
    runs on every run's copy, with a backup copy of all 6 GB before it), and drop that
    migration's backup: the cache can always be built again."""
    conn = sqlite3.connect(cached)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    if version >= migrations.CURRENT_VERSION:
        return
    start = time.perf_counter()
    Workspace.open(cached, actor="bench", build_index=False).close()
    for backup in (cached.parent / "backups").glob(f"{cached.stem}.before-v*.db"):
        backup.unlink()
    for suffix in (".index", ".session"):
        cached.with_name(cached.name + suffix).unlink(missing_ok=True)
    print(f"  migrated the cached file from v{version} in {time.perf_counter() - start:.0f}s",
          flush=True)


def bench_excel(ws: Workspace, members: int) -> None:
    """A statement export of a 100,000-member selection (about two million entries at 20 per
    member) and a 10,000-row batch sheet previewed and applied, each next to the plain way:
    the same rows read by one SQL query and written by openpyxl's write-only mode (timed on
    the first 200,000 rows and scaled), and the sheet read by openpyxl with its rows inserted
    into a bare table."""
    import asyncio
    import tempfile

    import openpyxl

    from siyu_desktop.services.points_excel import PointsExcel
    from siyu_desktop.services.workspace import WorkspaceService

    excel = PointsExcel(WorkspaceService(ws))
    folder = Path(tempfile.mkdtemp(prefix="bench-points-excel-"))
    ids = list(range(1, members + 1, max(1, members // 100_000)))[:100_000]
    rss = peak_rss_mb()
    start = time.perf_counter()
    done = asyncio.run(excel.export(folder / "statement.xlsx", segment=ids))
    export_ms = (time.perf_counter() - start) * 1000
    size = (folder / "statement.xlsx").stat().st_size / 1048576
    conn = ws.reader()
    start = time.perf_counter()
    rows = 0
    sample = 200_000
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("积分明细")
    for i in range(0, len(ids), 900):
        chunk = ids[i:i + 900]
        for r in conn.execute(
                f"SELECT member_id, amount, kind, reason, source, source_ref, operator, at, key, "
                f"expires_at, seq FROM points_entries WHERE member_id IN "
                f"({', '.join('?' * len(chunk))}) ORDER BY member_id, seq", chunk):
            rows += 1
            if rows <= sample:
                sheet.append(list(r))
    book.save(folder / "plain.xlsx")
    plain_ms = (time.perf_counter() - start) * 1000
    if rows > sample:  # scale the write part only roughly: reading all rows is in the time
        plain_ms *= rows / sample
    row(f"statement export, {done.members:,} members, {done.entries:,} entries ({size:.0f} MB)",
        export_ms, plain_ms, "flat RSS",
        f"(plain: SQL + openpyxl write-only, scaled from {sample:,} rows; "
        f"peak RSS {rss:.0f} → {peak_rss_mb():.0f} MB)")

    batch = folder / "batch.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("发放")
    sheet.append(["客户编号", "积分", "原因"])
    rng = np.random.default_rng(9)
    picked = rng.choice(np.arange(1, members + 1), 10_000, replace=False)
    for k, m in enumerate(picked):
        sheet.append([int(m), -10 if k % 10 == 0 else int(rng.choice([10, 20, 50])), "线下活动"])
    book.save(batch)
    start = time.perf_counter()
    plan = asyncio.run(excel.plan(batch, key="bench-sheet"))
    plan_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    applied = asyncio.run(excel.apply(plan))
    apply_ms = (time.perf_counter() - start) * 1000
    plain_conn = sqlite3.connect(folder / "plain.db")
    plain_conn.execute("CREATE TABLE e (member_id INT, amount INT, reason TEXT, key TEXT UNIQUE)")
    start = time.perf_counter()
    read = openpyxl.load_workbook(batch, read_only=True)
    cells = [r for r in read.worksheets[0].iter_rows(min_row=2, values_only=True)]
    with plain_conn:
        plain_conn.executemany("INSERT OR IGNORE INTO e VALUES (?, ?, ?, ?)",
                               ((m, a, why, f"k{m}") for m, a, why in cells))
    plain_sheet = (time.perf_counter() - start) * 1000
    plain_conn.close()
    row(f"batch sheet, 10,000 rows: preview ({len(plan.lines):,} ok, {len(plan.refused):,} "
        f"refused)", plan_ms, None, "< 5 s")
    row(f"batch sheet: apply ({applied.entries:,} entries, chained, audited)", apply_ms,
        plain_sheet, "< 10 s", "(plain: openpyxl read + insert, no checks)")
    shutil.rmtree(folder, ignore_errors=True)

def bench_report(conn: sqlite3.Connection, group: int, now: int) -> None:
    """The points screen's reads through ``store.points_report``, each next to the plain SQL:
    twelve weeks of flows (plain: one GROUP BY over a computed week number), points in
    circulation, and a month's leaderboard for the biggest group and for everyone (plain: the
    join without the reversal check, as above)."""
    from datetime import date as _date

    from siyu_desktop.domain import points_periods as periods
    from siyu_desktop.store import points_report as report

    today = datetime.fromtimestamp(now, TZ).date()
    weeks = periods.recent(periods.PeriodKind.WEEK, today, TZ, 12)
    edges = periods.boundaries(weeks)
    ms, flows = median_ms(lambda: report.flows(conn, edges), repeat=3)
    plain, _ = median_ms(lambda: conn.execute(
        "SELECT (at - ?) / 604800 AS w, kind, sum(amount) FROM points_entries WHERE at >= ? AND "
        "at < ? GROUP BY w, kind", (edges[0], edges[0], edges[-1])).fetchall(), repeat=3)
    row(f"12 weeks of flows ({sum(f[0] for f in flows):,} points issued)", ms, plain, "< 2 s",
        "(plain: GROUP BY week number and kind)")
    ms, c = median_ms(lambda: report.circulation(conn, now), repeat=3)
    plain, _ = median_ms(lambda: conn.execute("SELECT sum(points) FROM members").fetchone(),
                         repeat=3)
    row(f"points in circulation ({c.points:,} held by {c.holders:,})", ms, plain, "< 500 ms",
        "(plain: the sum alone)")
    month = periods.month_of(_date.fromordinal(periods.month_of(today, TZ).first.toordinal()
                                               - 1), TZ)  # last month, whole
    ms, board = median_ms(lambda: report.leaderboard(conn, month.start, month.end, group))
    plain, _ = median_ms(lambda: conn.execute(
        "SELECT e.member_id, sum(e.amount) AS s FROM roster r JOIN points_entries e "
        "ON e.member_id = r.member_id WHERE r.group_id = ? AND e.at >= ? AND e.at < ? AND "
        "e.kind = 'earn' GROUP BY e.member_id ORDER BY s DESC LIMIT 100",
        (group, month.start, month.end)).fetchall())
    row(f"group month leaderboard via store ({board.members} earned, {month.first:%Y-%m})", ms,
        plain, "< 200 ms", "(plain: the join without the reversal check)")
    ms, board = median_ms(lambda: report.leaderboard(conn, month.start, month.end), repeat=1,
                          warmup=0)
    plain, _ = median_ms(lambda: conn.execute(
        "SELECT member_id, sum(amount) AS s FROM points_entries WHERE at >= ? AND at < ? AND "
        "kind = 'earn' GROUP BY member_id ORDER BY s DESC LIMIT 100",
        (month.start, month.end)).fetchall(), repeat=1, warmup=0)
    row(f"everyone's month leaderboard ({board.members:,} earned)", ms, plain, "",
        "(plain: without the reversal check)")


if __name__ == "__main__":
    main()
