"""The points ledger in a real workspace file: the migration's opening balances, batch awards
once per key, undo by reversal, expiry runs, the balance check and the hash chain's verify, and
the CLI's exit codes for them."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from siyu_desktop import cli
from siyu_desktop.domain import points as P
from siyu_desktop.errors import ValidationError
from siyu_desktop.services.points import PointsService
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store import migrations
from siyu_desktop.store import points as store
from siyu_desktop.store.db import Workspace


def _v9_file(path: Path, balances: list[int]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for version, step in migrations.MIGRATIONS:
        if version <= 9:
            step(conn)
    conn.executemany("INSERT INTO members(id, name, points) VALUES (?, ?, ?)",
                     [(i + 1, f"客户{i + 1}", p) for i, p in enumerate(balances)])
    conn.execute("PRAGMA user_version = 9")
    conn.execute("COMMIT")
    conn.close()


def test_the_migration_turns_every_balance_into_one_opening_entry(tmp_path: Path) -> None:
    path = tmp_path / "old.siyu.db"
    _v9_file(path, [120, 0, 4500, -3, 7])
    with Workspace.open(path, actor="tester") as ws:
        conn = ws.reader()
        rows = conn.execute("SELECT member_id, amount, kind, reason FROM points_entries "
                            "ORDER BY seq").fetchall()
        assert rows == [(1, 120, "adjust", "期初余额"), (3, 4500, "adjust", "期初余额"),
                        (5, 7, "adjust", "期初余额")]
        assert [r[0] for r in conn.execute("SELECT points FROM members ORDER BY id")] == \
            [120, 0, 4500, 0, 7]  # the negative one could not be a balance
        assert P.verify_chain(store.walk(conn)) == (3, None)
        assert store.balance_mismatches(conn) == (0, [])


def _award(ws: Workspace, ids: list[int], amount: int, key: str) -> tuple[Any, int | None]:
    return asyncio.run(PointsService(ws).award(ids, amount, "双十二预热", key))


def test_a_batch_award_gives_each_member_once_per_key_and_undo_reverses_it(
        workspace: Workspace) -> None:
    conn = workspace.reader()
    before = dict(conn.execute("SELECT id, points FROM members WHERE id <= 300"))
    entries_before = conn.execute("SELECT count(*) FROM points_entries").fetchone()[0]
    plan, batch = _award(workspace, list(range(1, 301)), 50, "dec12")
    assert (plan.to_award, plan.already, plan.total) == (300, 0, 15000)
    again, _ = _award(workspace, list(range(1, 401)), 50, "dec12")
    assert (again.to_award, again.already) == (100, 300)  # only the 100 new ones
    conn = workspace.reader()
    after = dict(conn.execute("SELECT id, points FROM members WHERE id <= 300"))
    assert all(after[m] == before[m] + 50 for m in before)
    assert batch is not None
    asyncio.run(WorkspaceService(workspace).undo(batch))
    conn = workspace.reader()
    assert dict(conn.execute("SELECT id, points FROM members WHERE id <= 300")) == before
    kinds = conn.execute("SELECT kind, count(*) FROM points_entries WHERE seq > ? GROUP BY kind",
                         (entries_before,)).fetchall()
    assert sorted(kinds) == [("earn", 400), ("reverse", 300)]  # nothing deleted or edited
    assert store.balance_mismatches(conn) == (0, [])
    assert P.verify_chain(store.walk(conn))[1] is None


def test_taking_back_more_than_a_member_has_refuses_the_whole_batch(
        workspace: Workspace) -> None:
    conn = workspace.reader()
    poor = conn.execute("SELECT id, points FROM members WHERE points < 30 LIMIT 1").fetchone()
    rich = conn.execute("SELECT id FROM members WHERE points > 1000 LIMIT 1").fetchone()[0]
    count = conn.execute("SELECT count(*) FROM points_entries").fetchone()[0]
    with pytest.raises(ValidationError) as exc:
        _award(workspace, [rich, poor[0]], -30, "fix1")
    assert f"客户 {poor[0]}" in exc.value.message and "积分不够" in exc.value.message
    assert workspace.reader().execute("SELECT count(*) FROM points_entries").fetchone()[0] == count


def test_an_expiry_run_is_idempotent_and_can_be_run_for_a_missed_day(
        workspace: Workspace) -> None:
    service = PointsService(workspace)
    conn = workspace.reader()
    # the demo's history runs to today; points earned this month expire at the end of 12 months
    far = "2030-01-01"
    plan = asyncio.run(service.plan_expiry(far))
    live = conn.execute("SELECT sum(remaining), count(DISTINCT member_id) FROM points_lots WHERE "
                        "remaining > 0 AND expires_at IS NOT NULL").fetchone()
    assert (plan.points, plan.members) == (live[0], live[1])
    done = asyncio.run(service.expire(far))
    assert (done.points, done.members) == (plan.points, plan.members)
    assert asyncio.run(service.expire(far)).members == 0
    conn = workspace.reader()
    assert conn.execute("SELECT count(*) FROM points_lots WHERE remaining > 0 AND expires_at IS "
                        "NOT NULL").fetchone()[0] == 0
    assert store.balance_mismatches(conn) == (0, [])


def _raw(path: Path, *sql: str) -> Any:
    """Statements run on the file by another program (closed cleanly, so no -wal is left)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        out = None
        for statement in sql:
            out = conn.execute(statement).fetchall()
        return out
    finally:
        conn.close()


def _tamper(path: Path, sql: str) -> None:
    """An edit made outside the app: the triggers dropped first, as a forger would."""
    _raw(path, "DROP TRIGGER IF EXISTS points_entries_no_update",
         "DROP TRIGGER IF EXISTS points_entries_no_delete", sql)


def test_verify_names_the_first_edited_entry_and_check_a_wrong_balance(
        demo_path: Path, capsys: Any) -> None:
    args = ["--workspace", str(demo_path), "points"]
    assert cli.main([*args, "verify"]) == 0
    assert cli.main([*args, "check"]) == 0
    capsys.readouterr()
    member = _raw(demo_path, "SELECT id FROM members WHERE points > 0 LIMIT 1")[0][0]
    _raw(demo_path, f"UPDATE members SET points = points + 7 WHERE id = {member}")
    assert cli.main([*args, "check"]) == 1
    assert f"客户 {member}" in capsys.readouterr().out
    assert cli.main([*args, "check", "--fix"]) == 0
    assert cli.main([*args, "check"]) == 0
    capsys.readouterr()
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):  # the triggers refuse
        _raw(demo_path, "UPDATE points_entries SET amount = amount + 1 WHERE seq = 40")
    _tamper(demo_path, "UPDATE points_entries SET amount = amount + 100 WHERE seq = 40")
    assert cli.main([*args, "verify"]) == 1
    assert "第 40 条记录的内容被改过" in capsys.readouterr().err
    _tamper(demo_path, "UPDATE points_entries SET amount = amount - 100 WHERE seq = 40")
    assert cli.main([*args, "verify"]) == 0  # put back exactly: the chain holds again
    _tamper(demo_path, "DELETE FROM points_entries WHERE seq = 12")
    assert cli.main([*args, "verify"]) == 1
    assert "第 12 条记录不见了" in capsys.readouterr().err
