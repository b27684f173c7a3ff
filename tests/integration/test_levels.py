"""Member levels in a real workspace file: the basis values read from the ledger (earned points
for life and for the last 12 months; spending, taking back and reversed awards left out), a
policy's preview before it is saved, a recomputation that writes only the changes with their
reasons and changes nothing when run again, one member's level, the policy's undo, the demo's
levels and the CLI."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from siyu_desktop import cli
from siyu_desktop.domain import levels as L
from siyu_desktop.domain.clock import FakeClock
from siyu_desktop.errors import ValidationError
from siyu_desktop.services.levels import LevelsService, make_policy
from siyu_desktop.services.points import PointsService
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store import levels as store
from siyu_desktop.store import members
from siyu_desktop.store import points as ledger
from siyu_desktop.store.audit import WriteContext
from siyu_desktop.store.db import Workspace

run = asyncio.run
TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2025, 1, 10, 12, 0, tzinfo=TZ)
T1 = datetime(2026, 3, 1, 12, 0, tzinfo=TZ)
POLICY = make_policy("lifetime", (600, 1000, 2000))
# member → (lifetime earned, earned since 2025-03-01) as the fixture builds them
EARNED = {1: (1200, 700), 2: (800, 300), 3: (500, 0), 4: (0, 0), 5: (100, 100), 6: (0, 0)}


def _people(ctx: WriteContext) -> list[int]:
    # member 4 was imported as 黑金 though it never earned a point
    return [members.create(ctx, {"name": name, "level": level}) for name, level in
            (("张三", 0), ("李四", 0), ("王五", 0), ("赵六", 3), ("孙七", 0), ("周八", 0))]


def _entry(ws: Workspace, key: str) -> int:
    return int(ws.reader().execute("SELECT seq FROM points_entries WHERE key = ?",
                                   (key,)).fetchone()[0])


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def ws(tmp_path: Path, clock: FakeClock) -> Iterator[Workspace]:
    path = tmp_path / "ws" / "levels.siyu.db"
    path.parent.mkdir(parents=True)
    workspace = Workspace.open(path, actor="tester", clock=clock)
    workspace.set_setting("points_expiry", {"kind": "never"})
    assert workspace.write(_people, action="test") == [1, 2, 3, 4, 5, 6]
    points = PointsService(workspace)
    run(points.award([1, 2, 3], 500, "开业礼", "open"))
    clock.set(T1)
    run(points.award([1], 700, "猜谜第3期", "riddle3"))
    run(points.award([2], 300, "找不同第1期", "spot1"))
    run(points.award([1], -400, "兑换修正", "fix1"))  # taking back is not un-earning
    run(points.award([3], 200, "误发", "oops"))
    workspace.write(ledger.reverse, _entry(workspace, "award:oops:3"), action="test")
    run(points.award([5], 100, "迷宫第2期", "maze2"))
    first = _entry(workspace, "award:maze2:5")
    workspace.write(ledger.reverse, first, action="test")
    # the reversal reversed: the award stands again
    workspace.write(ledger.reverse, _entry(workspace, f"reverse:{first}"), action="test")
    yield workspace
    workspace.close()


def levels_now(ws: Workspace) -> dict[int, int]:
    return dict(ws.reader().execute("SELECT id, level FROM members ORDER BY id").fetchall())


def batches(ws: Workspace) -> int:
    return int(ws.reader().execute("SELECT count(*) FROM audit_batches").fetchone()[0])


def test_the_basis_values_count_what_was_earned(ws: Workspace) -> None:
    conn = ws.reader()
    ids = store.member_ids(conn)
    assert ids.tolist() == [1, 2, 3, 4, 5, 6]
    assert store.earned(conn, ids).tolist() == [EARNED[m][0] for m in range(1, 7)]
    since = L.rolling_window_start(int(T1.timestamp()), TZ)
    assert datetime.fromtimestamp(since, TZ) == datetime(2025, 3, 1, 12, 0, tzinfo=TZ)
    assert store.earned(conn, ids, since).tolist() == [EARNED[m][1] for m in range(1, 7)]
    # a few members read by the member index give the same values as the grouped pass
    some = np.array([2, 3, 5], dtype=np.int64)
    assert store.earned(conn, some).tolist() == [800, 500, 100]
    # spending and expiry never lower it: the balances do go down
    assert ledger.account(conn, 1).balance == 800 and EARNED[1][0] == 1200


def test_a_policy_is_previewed_then_recomputed_once_with_reasons(ws: Workspace) -> None:
    service = LevelsService(ws)
    with pytest.raises(ValidationError, match="还没有启用按规则定级"):
        run(service.recompute())
    preview = run(service.preview(POLICY))
    assert preview.members == 6
    assert preview.now == (5, 0, 0, 1) and preview.after == (4, 1, 1, 0)
    assert (preview.up, preview.down) == (2, 1)
    assert {c.member_id: (c.old, c.new) for c in preview.changes} == {
        1: (0, 2), 2: (0, 1), 4: (3, 0)}
    assert preview.names[4] == "赵六"
    assert levels_now(ws) == {1: 0, 2: 0, 3: 0, 4: 3, 5: 0, 6: 0}  # a preview writes nothing

    run(service.set_policy(POLICY))
    done = run(service.recompute())
    assert (done.members, done.up, done.down) == (6, 2, 1) and done.batch is not None
    assert levels_now(ws) == {1: 2, 2: 1, 3: 0, 4: 0, 5: 0, 6: 0}
    rows = {r.member_id: r for r in run(service.overview()).recent}
    assert rows[1].reason == "累计积分达到 1200（金卡门槛 1000）"
    assert rows[1].reason_en == "lifetime points reached 1200 (Gold threshold 1000)"
    assert rows[4].reason == "累计积分 0，低于银卡门槛 600"
    assert (rows[4].old, rows[4].new, rows[4].value, rows[4].batch) == (3, 0, 0, done.batch)
    summary = ws.reader().execute("SELECT summary, undoable FROM audit_batches WHERE id = ?",
                                  (done.batch,)).fetchone()
    assert "升级" in summary[0] and summary[1] == 0

    # idempotent: nothing new, nothing written (not even an empty batch)
    before = batches(ws)
    again = run(service.recompute())
    assert (again.up, again.down, again.batch) == (0, 0, None)
    assert batches(ws) == before
    assert store.change_count(ws.reader()) == 3

    # more points for one member: only that member moves, with the threshold crossed
    run(PointsService(ws).award([2], 250, "猜谜第4期", "riddle4"))
    follow = run(service.recompute(member_ids=[2]))
    assert (follow.members, follow.up, follow.down) == (1, 1, 0)
    history = run(service.history(2))
    assert [(r.old, r.new) for r in history] == [(1, 2), (0, 1)]
    assert history[0].reason == "累计积分达到 1050（金卡门槛 1000）"

    # a recomputation is not undone: the policy is changed back instead
    with pytest.raises(ValidationError, match="不能撤销"):
        run(WorkspaceService(ws).undo(follow.batch or 0))


def test_one_member_s_level_benefits_and_the_next_level(ws: Workspace, clock: FakeClock
                                                       ) -> None:
    service = LevelsService(ws)
    before = run(service.member_level(1))
    assert (before.enabled, before.level, before.since, before.computed) == (False, 0, None, 1)
    run(service.set_policy(POLICY))
    done = run(service.recompute())
    m = run(service.member_level(1))
    assert (m.level, m.value, m.computed, m.enabled) == (2, 1200, 2, True)
    assert m.since == int(T1.timestamp())
    assert m.benefits == POLICY.benefits[2]
    assert (m.next_level, m.to_next) == (3, 800)
    top = run(service.member_level(4))
    assert (top.level, top.value, top.next_level, top.to_next) == (0, 0, 1, 600)
    with pytest.raises(ValidationError, match="没有编号为 99 的客户"):
        run(service.member_level(99))
    assert done.changed == 3


def test_the_policy_is_checked_saved_and_undone(ws: Workspace) -> None:
    service = LevelsService(ws)
    with pytest.raises(ValidationError, match="逐级升高"):
        make_policy("lifetime", (600, 600, 900))
    with pytest.raises(ValidationError, match="银卡门槛必须大于 0"):
        make_policy("lifetime", (0, 10, 20))
    with pytest.raises(ValidationError, match="每月券数"):
        make_policy("lifetime", (1, 2, 3), [(0, "", ""), (1, "", ""), (-1, "", ""), (4, "", "")])
    first = run(service.set_policy(POLICY))
    rolling = make_policy("rolling_12m", (200, 600, 2000),
                          [(0, "", ""), (1, "生日券", ""), (2, "生日礼盒", "年货"), (3, "礼盒", "红包")])
    second = run(service.set_policy(rolling))
    settings = run(service.policy())
    assert settings.policy == rolling and settings.enabled and settings.saved
    # the last 12 months: 700 / 300 / 0 / 0 / 100 / 0
    preview = run(service.preview(rolling))
    assert preview.after == (4, 1, 1, 0)
    run(WorkspaceService(ws).undo(second or 0))
    assert run(service.policy()).policy == POLICY
    run(WorkspaceService(ws).undo(first or 0))
    assert not run(service.policy()).saved
    assert first is not None


def test_spend_is_a_basis_only_once_the_workspace_holds_spend(ws: Workspace) -> None:
    service = LevelsService(ws)
    by_spend = make_policy("spend", (1000, 5000, 20000))
    with pytest.raises(ValidationError, match="还不能按累计消费定级"):
        run(service.set_policy(by_spend))
    with pytest.raises(ValidationError, match="还不能按累计消费定级"):
        run(service.preview(by_spend))

    def add_spend(ctx: WriteContext) -> None:  # what an orders import would bring
        ctx.conn.execute("ALTER TABLE members ADD COLUMN spend INTEGER")
        ctx.conn.executemany("UPDATE members SET spend = ? WHERE id = ?", [(6000, 3), (25000, 6)])
    ws.write(add_spend, action="test")
    preview = run(service.preview(by_spend))
    assert {c.member_id: c.new for c in preview.changes} == {3: 2, 4: 0, 6: 3}
    assert dict((c.member_id, c.reason) for c in preview.changes)[6] == (
        "累计消费达到 25000 元（黑金门槛 20000 元）")


def test_the_demo_has_its_levels_and_they_agree_with_the_ledger(workspace: Workspace) -> None:
    service = LevelsService(workspace)
    settings = run(service.policy())
    assert settings.enabled and settings.policy == store.DEMO_POLICY
    conn = workspace.reader()
    ids = store.member_ids(conn)
    earned = store.earned(conn, ids)
    levels = store.levels_of(conn, ids)
    assert levels.tolist() == [L.level_for(store.DEMO_POLICY, int(v)) for v in earned]
    counts = run(service.overview()).counts
    assert counts[0] > counts[1] > counts[2] > 0 and counts[3] > 0  # a pyramid
    changes = store.change_count(conn)
    assert changes >= counts[1] + counts[2] + counts[3]  # everyone above 普通 got there once
    # what the demo recorded is what a recomputation gives: nothing to do
    done = run(service.recompute())
    assert (done.up, done.down, done.batch) == (0, 0, None)
    since = dict(conn.execute("SELECT member_id, since FROM member_levels").fetchall())
    assert len(since) == counts[1] + counts[2] + counts[3]


def test_a_file_without_levels_gains_the_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.siyu.db"
    Workspace.open(path, actor="tester").close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE member_levels")
    conn.execute("DROP TABLE level_changes")
    conn.execute("PRAGMA user_version = 12")
    conn.commit()
    conn.close()
    with Workspace.open(path, actor="tester") as ws:
        assert store.change_count(ws.reader()) == 0
        assert not run(LevelsService(ws).policy()).saved


def test_the_cli_shows_previews_saves_and_recomputes(ws: Workspace, capsys: Any) -> None:
    path = ws.path
    ws.close()

    def siyu(*args: str) -> tuple[int, str]:
        code = cli.main(["--workspace", str(path), "points", "levels", *args])
        return code, capsys.readouterr().out

    code, out = siyu()
    assert code == 0 and "未设置" in out and "赵六" not in out
    code, out = siyu("policy", "--thresholds", "600", "1000", "2000", "--dry-run")
    assert code == 0 and "升级 2 位 · 降级 1 位" in out and "试运行" in out
    code, out = siyu("recompute")
    assert code == 1  # no policy yet
    code, out = siyu("policy", "--thresholds", "600", "1000", "2000")
    assert code == 0 and "siyu undo" in out
    code, out = siyu("recompute", "--dry-run")
    assert code == 0 and "升级 2 位 · 降级 1 位" in out
    code, out = siyu("recompute")
    assert code == 0 and "升级 2 位 · 降级 1 位" in out
    code, out = siyu("recompute")
    assert code == 0 and "没有变化" in out
    code, out = siyu("member", "1")
    assert code == 0 and "等级\t金卡" in out and "距黑金\t还差 800" in out
    assert "普通 → 金卡\t累计积分达到 1200（金卡门槛 1000）" in out
    code, out = siyu()
    assert code == 0 and "已启用" in out and "  金卡\t1" in out and "赵六" in out
