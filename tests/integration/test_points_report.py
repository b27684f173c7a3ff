"""The points screen's reads on a real workspace file with a small ledger whose answers are
worked out by hand: flows per week at the week's edges, circulation, leaderboards overall and per
group (reversed earns and adjustments left out, ties sharing a place), the members a pasted list
names, an award's preview and an expiry run's preview and reminder list."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from siyu_desktop.domain import points as P
from siyu_desktop.domain.clock import FakeClock
from siyu_desktop.domain.points_periods import PeriodKind, month_of, week_of
from siyu_desktop.services.points import PointsService
from siyu_desktop.services.points_report import PointsReport
from siyu_desktop.store import points as ledger
from siyu_desktop.store import points_report as report_store
from siyu_desktop.store.db import Workspace
from siyu_desktop.store.migrations import MIGRATIONS

TZ = P.ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 4, 12, 0, tzinfo=TZ)  # a Wednesday; this week is 03-02 .. 03-08


def at(*args: int) -> int:
    return int(datetime(*args, tzinfo=TZ).timestamp())  # type: ignore[misc]


def _people(ctx: Any) -> None:
    ctx.conn.executemany(
        "INSERT INTO members(id, name, phone, external_userid) VALUES (?, ?, ?, ?)",
        [(1, "林晓", "13800000001", "wmA"), (2, "张三", "13800000002", "wmB"),
         (3, "李四", "13800000003", None), (4, "王五", "13800000009", None),
         (5, "赵六", "13800000009", "wmE")])  # 4 and 5 share a phone
    ctx.conn.executemany("INSERT INTO groups(id, chat_id, name, member_count) VALUES (?, ?, ?, ?)",
                         [(1, "chatA", "猫友一群", 3), (2, "chatB", "狗友群", 2)])
    ctx.conn.executemany("INSERT INTO roster(group_id, member_id) VALUES (?, ?)",
                         [(1, 1), (1, 2), (1, 3), (2, 4), (2, 5)])


def _append(ctx: Any, rows: list[tuple[int, int, P.Kind, int]]) -> None:
    """(member, amount, kind, at): earns and positive adjusts are lots (expiring the policy's
    way), negatives draw from the oldest lots."""
    expiry, tz = ledger.policy(ctx.conn)
    for i, (m, amount, kind, when) in enumerate(rows):
        key = f"t:{when}:{m}:{i}:{ctx.now}"
        if amount > 0:
            d = P.Draft(m, amount, kind, "测试", P.Source.MANUAL, "", "tester", when, key,
                        P.expires_at(expiry, when, tz))
            ledger.append(ctx, [(d, ())])
        else:
            draws = P.plan_spend(ledger.account(ctx.conn, m), -amount, when)
            d = P.Draft(m, amount, kind, "测试", P.Source.MANUAL, "", "tester", when, key)
            ledger.append(ctx, [(d, draws)])


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    w = Workspace.open(tmp_path / "r.siyu.db", actor="tester", clock=FakeClock(NOW.timestamp()))
    assert MIGRATIONS  # the ledger's tables come with the file
    w.write(_people, action="people", audited=False)
    w.write(_append, [
        (1, 100, P.Kind.EARN, at(2026, 2, 24, 10)), (2, 50, P.Kind.EARN, at(2026, 2, 24, 10)),
        (4, 30, P.Kind.EARN, at(2026, 2, 24, 10)), (5, 50, P.Kind.EARN, at(2026, 2, 25, 10)),
        (3, 40, P.Kind.EARN, at(2026, 3, 1, 23, 59, 59)),  # Sunday's last second: last week
        (3, 20, P.Kind.EARN, at(2026, 3, 2)),  # Monday midnight: this week
        (4, -30, P.Kind.EXPIRE, at(2026, 3, 2)),
        (2, 70, P.Kind.EARN, at(2026, 3, 3, 9)), (1, -60, P.Kind.SPEND, at(2026, 3, 3, 9)),
        (5, 500, P.Kind.ADJUST, at(2026, 3, 3, 9)),  # an import's balance: issued, not earned
        (1, 25, P.Kind.EARN, at(2026, 3, 3, 10))], action="ledger")
    seq = w.reader().execute("SELECT max(seq) FROM points_entries").fetchone()[0]
    w.write(lambda ctx: ledger.reverse(ctx, seq), action="reverse")  # member 1's 25: reversed
    yield w
    w.close()


def service(ws: Workspace) -> PointsReport:
    return PointsReport(ws, PointsService(ws))


def test_flows_per_week_count_each_entry_in_the_week_its_moment_falls_in(ws: Workspace) -> None:
    ov = asyncio.run(service(ws).overview(weeks=3))
    assert [f.period.first for f in ov.weeks] == [date(2026, 2, 16), date(2026, 2, 23),
                                                  date(2026, 3, 2)]
    before, last, this = ov.weeks
    assert (before.issued, before.spent, before.expired, before.other) == (0, 0, 0, 0)
    assert (last.issued, last.spent, last.expired, last.other) == (270, 0, 0, 0)
    assert (this.issued, this.spent, this.expired, this.other) == (615, 60, 30, -25)
    assert this.net == 500
    c = ov.circulation
    assert (c.points, c.holders) == (770, 4)  # 1: 40, 2: 120, 3: 60, 4: 0, 5: 550
    assert (c.expired_waiting, c.expiring_soon) == (0, 0)
    assert ov.policy.describe()[0] == "获得后第 12 个月月底过期"


def test_leaderboards_count_earned_points_reversals_left_out(ws: Workspace) -> None:
    r = service(ws)
    this_week, last_week = week_of(NOW.date(), TZ), week_of(date(2026, 2, 25), TZ)

    def board(period: Any, group: int | None = None) -> list[tuple[int, int, int]]:
        b = asyncio.run(r.board(period, group))
        return [(row.rank, row.member_id, row.points) for row in b.rows]
    assert board(this_week) == [(1, 2, 70), (2, 3, 20)]  # 1's 25 was reversed; 5's is adjust
    assert board(last_week) == [(1, 1, 100), (2, 2, 50), (2, 5, 50), (4, 3, 40), (5, 4, 30)]
    assert board(last_week, 1) == [(1, 1, 100), (2, 2, 50), (3, 3, 40)]
    assert board(last_week, 2) == [(1, 5, 50), (2, 4, 30)]
    assert board(this_week, 2) == []
    # March holds Sunday 03-01 too: member 3's 40 and 20
    assert board(month_of(NOW.date(), TZ)) == [(1, 2, 70), (2, 3, 60)]
    feb = asyncio.run(r.board(month_of(date(2026, 2, 1), TZ), None, limit=2))
    assert [(x.member_id, x.points, x.name) for x in feb.rows] == [(1, 100, "林晓"),
                                                                   (2, 50, "张三")]
    assert (feb.members, feb.points) == (4, 230)  # the totals are of everyone, not the shown
    assert [p.first for p in r.periods(PeriodKind.WEEK, 2)] == [date(2026, 3, 2),
                                                                 date(2026, 2, 23)]


def test_the_group_leaderboard_walks_the_roster_not_the_month(ws: Workspace) -> None:
    plan = " ".join(r[-1] for r in ws.reader().execute(
        "EXPLAIN QUERY PLAN SELECT e.member_id AS m, sum(e.amount) AS s FROM roster r "
        "CROSS JOIN points_entries e ON e.member_id = r.member_id WHERE r.group_id = 1 AND "
        "r.member_id IS NOT NULL AND e.kind = 'earn' AND e.at >= 0 AND e.at < 1 GROUP BY 1"))
    assert "roster_group_member" in plan and "points_entries_member" in plan
    assert report_store.leaderboard(ws.reader(), 0, 1, 1).rows == []


def test_a_pasted_list_resolves_through_the_members_table(ws: Workspace) -> None:
    got = asyncio.run(service(ws).resolve("1\n13800000002, wmB；3 13800000009 wmNOPE 42"))
    assert got.member_ids == (1, 2, 3)
    assert got.repeated == 1  # wmB is member 2 again
    assert [u.text for u in got.unmatched] == ["13800000009", "wmNOPE", "42"]


def test_an_award_preview_says_who_got_the_key_already_and_who_lacks_points(
        ws: Workspace) -> None:
    points = PointsService(ws)
    r = PointsReport(ws, points)
    asyncio.run(points.award([1, 2], 10, "预热", "k1"))
    preview = asyncio.run(r.award_preview([1, 2, 3, 3], 10, "预热", "k1"))
    assert (preview.plan.members, preview.plan.already, preview.plan.to_award) == (3, 2, 1)
    assert preview.already == (1, 2) and preview.total == 10
    assert [(x.member_id, x.state, x.change) for x in preview.rows] == [
        (1, "already", 0), (2, "already", 0), (3, "award", 10)]
    take = asyncio.run(r.award_preview([1, 2, 3, 4], -50, "扣回", "k2"))
    # balances now: 1: 50, 2: 130, 3: 60, 4: 0
    assert take.short == ((4, 0),) and take.total == -150
    assert [x.state for x in take.rows] == ["award", "award", "award", "short"]
    assert take.rows[0].balance == 50


def test_the_expiry_preview_lists_who_loses_most_and_the_reminder_list(
        ws: Workspace, tmp_path: Path) -> None:
    def lots(ctx: Any) -> None:
        for m, amount, expires in ((1, 80, at(2026, 3, 1)), (2, 40, at(2026, 3, 20))):
            d = P.Draft(m, amount, P.Kind.EARN, "短期", P.Source.MANUAL, "", "t",
                        at(2026, 2, 1), f"short:{m}", expires)
            ledger.append(ctx, [(d, ())])
    ws.write(lots, action="lots")
    r = service(ws)
    c = asyncio.run(r.overview()).circulation
    assert (c.expired_waiting, c.expired_members, c.expiring_soon, c.expiring_members) == \
        (80, 1, 40, 1)
    assert asyncio.run(r.expiry_days()) == (date(2026, 3, 1), date(2026, 3, 20))
    preview = asyncio.run(r.expiry_preview("2026-03-20"))
    assert (preview.plan.members, preview.plan.points) == (2, 120)
    assert [(x.member_id, x.name, x.balance, x.expiring) for x in preview.rows] == [
        (1, "林晓", 120, 80), (2, "张三", 160, 40)]
    out = tmp_path / "提醒.xlsx"
    assert asyncio.run(r.export_expiry(out, preview.plan)) == 2
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    rows = [list(x) for x in sheet.iter_rows(values_only=True)]
    assert rows[0][:5] == ["客户编号", "客户", "手机号", "当前积分", "将过期积分"]
    assert rows[1] == [1, "林晓", "13800000001", 120, 80, 40, "2026-03-20"]
    early = asyncio.run(r.expiry_preview("2026-03-01"))  # the missed run alone
    assert (early.plan.members, early.plan.points) == (1, 80)
