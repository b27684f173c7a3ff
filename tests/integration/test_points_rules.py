"""Points earning rules in a real workspace file: the demo's rules are the ones its history was
paid by (so a preview replays exactly what the ledger holds), a run pays a day's birthdays once
and a rerun nothing, caps hold across runs, edits and switches are audited, the migration adds
the table to an older file, and the CLI lists, previews and runs."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Coroutine
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest

from siyu_desktop import cli
from siyu_desktop.domain.points_rules import Rule, RuleKind
from siyu_desktop.errors import ValidationError
from siyu_desktop.services import points_rules as S
from siyu_desktop.services.points import PointsService
from siyu_desktop.services.points_rules import PointsRulesService
from siyu_desktop.store import migrations
from siyu_desktop.store.db import Workspace

T = TypeVar("T")
DAY = 86400


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def ledger_clean(ws: Workspace) -> None:
    points = PointsService(ws)
    assert run(points.check()) == (0, [])
    assert run(points.verify()).broken is None


def history(ws: Workspace, since: int, where: str) -> tuple[int, int]:
    """(entries, points) of the demo's history since ``since`` matching ``where``."""
    row = ws.reader().execute(f"SELECT count(*), coalesce(sum(amount), 0) FROM points_entries "
                              f"WHERE at >= ? AND {where}", (since,)).fetchone()
    return int(row[0]), int(row[1])


def test_the_demo_has_the_rules_its_history_reflects(workspace: Workspace) -> None:
    rules = {s.rule.id: s.rule for s in run(PointsRulesService(workspace).rules())}
    assert rules["participation"].amount == 10
    assert rules["rank"].amounts == (50, 30, 20)
    assert rules["birthday"].amount == 100
    invite = rules["invite"]
    assert (invite.kind, invite.amount, invite.stay_days, invite.daily_cap) == (
        RuleKind.INVITE_STAYED, 30, 7, 90)
    assert all(r.enabled for r in rules.values())


def test_a_preview_replays_the_history_paid_by_the_same_rule(workspace: Workspace) -> None:
    service = PointsRulesService(workspace)
    rules = {s.rule.id: s.rule for s in run(service.rules())}
    since = service.now() - 30 * DAY
    play = run(service.preview(rules["participation"], 30))
    assert (play.events, play.total) == history(workspace, since, "source = 'game' AND "
                                                "reason NOT LIKE '%名'")
    assert play.total == 10 * play.events > 0
    assert play.members == len(play.rows) and play.capped == 0
    rank = run(service.preview(rules["rank"], 30))
    assert (rank.events, rank.total) == history(workspace, since, "source = 'game' AND "
                                                "reason LIKE '%名'")
    birthday = run(service.preview(rules["birthday"], 30))
    count, points = history(workspace, since, "key LIKE 'rule:birthday:%'")
    # the history pays at 10:00 and the preview counts today's birthdays from midnight
    assert birthday.total in (points, points + 100 * (birthday.events - count))
    assert birthday.total >= points > 0
    assert rows_sorted(birthday.rows)


def rows_sorted(rows: tuple[S.PreviewRow, ...]) -> bool:
    return [(-r.points, r.member_id) for r in rows] == sorted((-r.points, r.member_id)
                                                              for r in rows)


def test_a_cap_in_a_preview_says_who_it_cut(workspace: Workspace) -> None:
    service = PointsRulesService(workspace)
    rule = S.make_rule(id="p2", name="参与游戏", kind=RuleKind.PARTICIPATION, amount=10,
                       monthly_cap=20)
    report = run(service.preview(rule, 90))
    uncapped = run(service.preview(S.make_rule(id="p2", name="参与游戏",
                                               kind=RuleKind.PARTICIPATION, amount=10), 90))
    assert report.events == uncapped.events
    assert report.capped > 0 and report.cut == uncapped.total - report.total > 0
    assert all(r.points <= 20 * 4 for r in report.rows)  # 90 days touch at most four months
    capped = [r for r in report.rows if r.capped]
    assert len(capped) == report.capped and all(r.uncapped > r.points for r in capped)


def test_purchases_and_invites_say_why_they_show_nothing(workspace: Workspace) -> None:
    service = PointsRulesService(workspace)
    buy = run(service.preview(S.make_rule(id="buy", name="消费", kind=RuleKind.PURCHASE,
                                          rate=S.parse_rate("1")), 30))
    assert (buy.note, buy.total, buy.events) == (S.Note.NO_ORDERS, 0, 0)
    rules = {s.rule.id: s.rule for s in run(service.rules())}
    invite = run(service.preview(rules["invite"], 30))
    assert (invite.note, invite.total) == (S.Note.NO_INVITES, 0)


def born_today(ws: Workspace, n: int) -> list[int]:
    """Give ``n`` members (who joined long ago, and got no birthday points this year: those are
    once a year) today's month-day as their birthday."""
    service = PointsRulesService(ws)
    today = datetime.fromtimestamp(service.now(), service.tz)
    md = today.month * 100 + today.day
    ids = [r[0] for r in ws.reader().execute(
        "SELECT id FROM members m WHERE joined_at < ? AND (birth_md IS NULL OR birth_md != ?) "
        "AND NOT EXISTS (SELECT 1 FROM points_entries e WHERE e.key = 'rule:birthday:birthday:' "
        "|| ? || ':' || m.id) ORDER BY id LIMIT ?", (service.now() - 400 * DAY, md, today.year, n))]

    def write(ctx: Any) -> None:
        ctx.conn.executemany("UPDATE members SET birth_md = ? WHERE id = ?",
                             [(md, m) for m in ids])
    ws.write(write, action="test")
    return ids


def test_a_run_pays_today_s_birthdays_once_and_a_rerun_nothing(workspace: Workspace) -> None:
    service = PointsRulesService(workspace)
    ids = born_today(workspace, 5)
    before = {m: workspace.reader().execute("SELECT points FROM members WHERE id = ?",
                                            (m,)).fetchone()[0] for m in ids}
    plan, batch = run(service.run())
    assert batch is not None
    birthday = next(r for r in plan.rules if r.rule.id == "birthday")
    paid = {a.member_id for a in birthday.awards}
    assert set(ids) <= paid and all(a.amount == 100 for a in birthday.awards)
    for m in ids:
        assert workspace.reader().execute("SELECT points FROM members WHERE id = ?",
                                          (m,)).fetchone()[0] == before[m] + 100
    year = datetime.fromtimestamp(service.now(), service.tz).year
    keys = {r[0] for r in workspace.reader().execute(
        "SELECT key FROM points_entries WHERE source = 'rule' AND key LIKE ?",
        (f"rule:birthday:birthday:{year}:%",))}
    assert {f"rule:birthday:birthday:{year}:{m}" for m in ids} <= keys
    again, batch2 = run(service.run())
    assert batch2 is None and again.awards == 0 and again.total == 0
    assert next(r for r in again.rules if r.rule.id == "birthday").paid_before == len(paid)
    summary = workspace.reader().execute("SELECT action, summary FROM audit_batches WHERE id = ?",
                                         (batch,)).fetchone()
    assert summary[0] == "points_rules_run" and "积分规则发放" in summary[1]
    ledger_clean(workspace)


def test_caps_hold_across_runs_of_the_same_day(workspace: Workspace) -> None:
    service = PointsRulesService(workspace)
    rules = {s.rule.id: s.rule for s in run(service.rules())}
    run(service.edit(S.make_rule(id="birthday", name="生日积分", kind=RuleKind.BIRTHDAY,
                                 amount=100, daily_cap=60, enabled=True)))
    run(service.disable("participation"))
    assert rules["birthday"].daily_cap is None
    first = born_today(workspace, 3)
    plan, _ = run(service.run())
    birthday = next(r for r in plan.rules if r.rule.id == "birthday")
    assert {a.member_id: a.amount for a in birthday.awards if a.member_id in first} == \
        dict.fromkeys(first, 60)
    assert birthday.capped >= 3
    # a second rule run later the same day: the first members are paid, new ones get theirs
    second = born_today(workspace, 2)
    plan2, _ = run(service.run())
    b2 = next(r for r in plan2.rules if r.rule.id == "birthday")
    assert {a.member_id for a in b2.awards} == set(second)
    assert all(a.amount == 60 for a in b2.awards)
    ledger_clean(workspace)


def test_a_daily_cap_counts_what_earlier_runs_paid(workspace: Workspace) -> None:
    """Two rules runs on one day for one member under one rule with a cap: the second run
    pays only what the cap still allows (the domain's totals start from the ledger)."""
    service = PointsRulesService(workspace)
    now = service.now()
    inviter = workspace.reader().execute("SELECT id, external_userid FROM members WHERE "
                                         "external_userid IS NOT NULL ORDER BY id LIMIT 1"
                                         ).fetchone()
    group = workspace.reader().execute("SELECT id FROM groups ORDER BY id LIMIT 1").fetchone()[0]
    friends = [r[0] for r in workspace.reader().execute(
        "SELECT id FROM members WHERE id NOT IN (SELECT member_id FROM roster WHERE group_id = ? "
        "AND member_id IS NOT NULL) AND id != ? ORDER BY id LIMIT 5", (group, inviter[0]))]
    today = datetime.fromtimestamp(now, service.tz).replace(hour=0, minute=0, second=0)
    joined = int((today - timedelta(days=7)).timestamp())  # seven days ago at midnight

    def invite(members: list[int]) -> Any:
        def write(ctx: Any) -> None:
            ctx.conn.executemany(
                "INSERT INTO roster(group_id, member_id, name, join_time, join_scene, inviter) "
                "VALUES (?, ?, '', ?, 2, ?)", [(group, m, joined, inviter[1]) for m in members])
        return write
    workspace.write(invite(friends[:2]), action="test")
    plan, _ = run(service.run())
    got = next(r for r in plan.rules if r.rule.id == "invite")
    assert [(a.member_id, a.amount) for a in got.awards] == [(inviter[0], 30)] * 2
    workspace.write(invite(friends[2:]), action="test")
    plan2, _ = run(service.run())
    got2 = next(r for r in plan2.rules if r.rule.id == "invite")
    assert got2.paid_before == 2
    assert [a.amount for a in got2.awards] == [30]  # 60 paid before: 30 left of the 90
    assert got2.total == 30 and got2.capped == 1
    plan3, batch3 = run(service.run())
    assert batch3 is None and plan3.total == 0
    report = run(service.preview(next(s.rule for s in run(service.rules())
                                      if s.rule.id == "invite"), 30))
    assert report.note is S.Note.NONE and report.total == 90 and report.capped == 1
    ledger_clean(workspace)


def test_rules_are_added_edited_and_switched_with_audit(workspace: Workspace) -> None:
    service = PointsRulesService(workspace)
    rule, batch = run(service.add(Rule(id="participation", name=" 参与加赠 ",
                                       kind=RuleKind.PARTICIPATION, amount=5, daily_cap=15,
                                       enabled=False)))
    assert (rule.id, rule.name, rule.enabled) == ("participation-2", "参与加赠", False)
    edited, _ = run(service.edit(S.make_rule(id=rule.id, name="参与加赠", kind=rule.kind,
                                             amount=8, daily_cap=16, enabled=False)))
    assert (edited.amount, edited.daily_cap) == (8, 16)
    on, batch_on = run(service.enable(rule.id))
    assert on.enabled
    actions = [r[0] for r in workspace.reader().execute(
        "SELECT action FROM audit_batches WHERE id >= ? ORDER BY id", (batch,))]
    assert actions == ["points_rule_add", "points_rule_edit", "points_rule_enable"]
    from siyu_desktop.services.workspace import WorkspaceService

    run(WorkspaceService(workspace).undo(batch_on))
    again = run(service.rule(rule.id))
    assert again is not None and not again.enabled
    with pytest.raises(ValidationError) as refused:
        run(service.edit(S.make_rule(id=rule.id, name="x", kind=RuleKind.BIRTHDAY, amount=1)))
    assert "类型不能改" in refused.value.message


@pytest.mark.parametrize(("fields", "words"), [
    ({"name": " "}, "起个名字"),
    ({"amount": 0}, "1 到"),
    ({"daily_cap": 0}, "每日上限必须大于 0"),
    ({"daily_cap": 50, "monthly_cap": 20}, "每月上限不能小于每日上限"),
    ({"kind": RuleKind.RANK, "amounts": ()}, "第 1 名"),
    ({"kind": RuleKind.PURCHASE}, "每消费 1 元"),
    ({"id": "a:b"}, "冒号"),
])
def test_a_rule_that_makes_no_sense_is_refused_in_words(fields: dict[str, Any],
                                                        words: str) -> None:
    base: dict[str, Any] = {"id": "r", "name": "规则", "kind": RuleKind.PARTICIPATION,
                            "amount": 10}
    with pytest.raises(ValidationError) as refused:
        S.make_rule(**{**base, **fields})
    assert words in refused.value.message
    assert refused.value.english != refused.value.message


def test_a_future_day_cannot_be_run(workspace: Workspace) -> None:
    service = PointsRulesService(workspace)
    later = (datetime.fromtimestamp(service.now(), service.tz) + timedelta(days=2)).date()
    with pytest.raises(ValidationError):
        run(service.plan_run(later.isoformat()))
    with pytest.raises(ValidationError):
        run(service.plan_run("31/12/2026"))


def test_a_v11_file_gains_the_rules_table(tmp_path: Path) -> None:
    path = tmp_path / "old.siyu.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for version, step in migrations.MIGRATIONS:
        if version <= 11:
            step(conn)
    conn.execute("PRAGMA user_version = 11")
    conn.execute("COMMIT")
    conn.close()
    with Workspace.open(path, actor="tester") as ws:
        service = PointsRulesService(ws)
        assert run(service.rules()) == []
        assert ws.reader().execute("PRAGMA user_version").fetchone()[0] >= 12
        index = ws.reader().execute("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                    "name = 'members_birth_md'").fetchone()
        assert index is not None
        rule, _ = run(service.add(S.make_rule(id="birthday", name="生日", kind=RuleKind.BIRTHDAY,
                                              amount=88)))
        assert run(service.rules())[0].rule == rule


def test_the_cli_lists_previews_and_runs(demo_path: Path, capsys: Any) -> None:
    def siyu(*args: str) -> tuple[int, str]:
        code = cli.main(["--workspace", str(demo_path), "points", "rules", *args])
        out = capsys.readouterr()
        return code, out.out + out.err

    code, out = siyu()
    assert code == 0 and "participation\t参与游戏" in out and "50 / 30 / 20" in out
    code, out = siyu("preview", "participation", "--days", "30")
    assert code == 0 and "位客户共得" in out
    code, out = siyu("run", "--dry-run")
    assert code == 0 and "试运行" in out
    code, out = siyu("run")
    assert code == 0
    code, out = siyu("run")
    assert code == 0 and "没有新的积分要发" in out
    code, out = siyu("add", "participation", "参与加赠", "--amount", "5", "--daily-cap", "10")
    assert code == 0 and "participation-2" in out
    code, out = siyu("enable", "participation-2")
    assert code == 0 and "已启用" in out and "位触到上限" in out
    code, out = siyu("edit", "participation-2", "--amount", "0")
    assert code == 1 and "1 到" in out
    code, out = siyu("preview", "nope")
    assert code == 1 and "没有编号" in out
