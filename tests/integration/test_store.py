"""The workspace file: opening, refusing, migrating, writing in one transaction, audit and undo,
and the member index agreeing with SQL after every kind of change."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from siyu_desktop.errors import ValidationError, WorkspaceError
from siyu_desktop.store import audit, members, migrations, tags
from siyu_desktop.store.db import Workspace


def sql_tag_members(ws: Workspace, tag_id: int) -> set[int]:
    return {r[0] for r in ws.reader().execute(
        "SELECT member_id FROM member_tags WHERE tag_id = ?", (tag_id,))}


def assert_index_matches_sql(ws: Workspace) -> None:
    conn = ws.reader()
    for (tag_id,) in conn.execute("SELECT id FROM tags"):
        assert set(ws.index.tag(tag_id)) == sql_tag_members(ws, tag_id), tag_id
    assert set(ws.index.all) == {r[0] for r in conn.execute("SELECT id FROM members")}


def test_new_workspace_has_the_current_schema(empty_workspace: Workspace) -> None:
    conn = empty_workspace.reader()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.CURRENT_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "new.siyu.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA application_id = {migrations.APPLICATION_ID}")  # a workspace of ours
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match="更新版本"):
        Workspace.open(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "roster.siyu.db"
    path.write_bytes(b"PK\x03\x04 this is an xlsx, not a workspace")
    with pytest.raises(WorkspaceError, match="不是私域运营台的工作区文件"):
        Workspace.open(path)
    assert path.read_bytes().startswith(b"PK")


def test_a_damaged_file_gets_a_clear_message(demo_path: Path) -> None:
    data = bytearray(demo_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page, keep the header
    demo_path.write_bytes(bytes(data))
    with pytest.raises(WorkspaceError) as info:
        Workspace.open(demo_path)
    assert "损坏" in info.value.message or "无法打开" in info.value.message


def test_a_second_instance_is_refused(workspace: Workspace) -> None:
    with pytest.raises(WorkspaceError, match="另一个"):
        Workspace.open(workspace.path)
    assert members.count(workspace.reader()) == 2000  # the first one is untouched


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root ignores file permissions")
def test_a_read_only_file_is_refused(demo_path: Path) -> None:
    demo_path.chmod(stat.S_IRUSR)
    with pytest.raises(WorkspaceError, match="只读"):
        Workspace.open(demo_path)


def test_migrations_back_up_the_file_first(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def v2(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE members ADD COLUMN future_score INTEGER")

    current = migrations.CURRENT_VERSION
    nxt = current + 1
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, (nxt, v2)])
    monkeypatch.setattr(migrations, "CURRENT_VERSION", nxt)
    with Workspace.open(demo_path) as ws:
        assert ws.reader().execute("PRAGMA user_version").fetchone()[0] == nxt
        ws.reader().execute("SELECT future_score FROM members LIMIT 1")
    backups = list((demo_path.parent / "backups").glob(f"*.before-v{nxt}.*.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == current
    assert old.execute("SELECT count(*) FROM members").fetchone()[0] == 2000


def test_a_failing_migration_changes_nothing(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE members ADD COLUMN half_done INTEGER")
        raise RuntimeError("step failed")

    current = migrations.CURRENT_VERSION
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, (current + 1, broken)])
    monkeypatch.setattr(migrations, "CURRENT_VERSION", current + 1)
    with pytest.raises(RuntimeError):
        Workspace.open(demo_path)
    conn = sqlite3.connect(demo_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == current
    columns = {r[1] for r in conn.execute("PRAGMA table_info(members)")}
    assert "half_done" not in columns


def test_a_write_that_fails_leaves_nothing_behind(workspace: Workspace) -> None:
    tag_id = 1
    before = sql_tag_members(workspace, tag_id)
    batches = workspace.reader().execute("SELECT count(*) FROM audit_batches").fetchone()[0]

    def half(ctx: audit.WriteContext) -> None:
        tags.add_tag(ctx, tag_id, range(1, 2001))
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        workspace.write(half)
    assert sql_tag_members(workspace, tag_id) == before
    assert workspace.reader().execute("SELECT count(*) FROM audit_batches").fetchone()[0] == batches
    assert set(workspace.index.tag(tag_id)) == before


def test_a_full_disk_is_reported_and_the_workspace_keeps_its_data(workspace: Workspace) -> None:
    def fill_the_disk(ctx: audit.WriteContext) -> None:
        # SQLite's page cap makes the file behave exactly like a full disk from here on
        pages = ctx.conn.execute("PRAGMA page_count").fetchone()[0]
        ctx.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    workspace.write(fill_the_disk, audited=False)
    before = members.count(workspace.reader())

    def grow(ctx: audit.WriteContext) -> None:
        for i in range(20000):
            members.create(ctx, {"name": f"新客户{i}", "note": "x" * 500})

    with pytest.raises(WorkspaceError, match="磁盘空间已满"):
        workspace.write(grow)
    assert members.count(workspace.reader()) == before


def test_bulk_tagging_is_audited_and_undone(workspace: Workspace) -> None:
    tag_id = 5
    before = sql_tag_members(workspace, tag_id)
    targets = list(range(1, 501))

    def run(ctx: audit.WriteContext) -> tuple[int, int]:
        return tags.add_tag(ctx, tag_id, targets), ctx.batch_id or 0

    added, batch = workspace.write(run)
    assert added == len(set(targets) - before)
    assert sql_tag_members(workspace, tag_id) == before | set(targets)
    # Every added link is audited (in chunks): the batch counts them, and a member's history
    # shows the tag added.
    assert workspace.reader().execute("SELECT changes FROM audit_batches WHERE id = ?",
                                      (batch,)).fetchone()[0] == added
    first = min(set(targets) - before)
    assert any(h.entity == "member_tags" and h.after == {"member_id": first, "tag_id": tag_id}
               for h in audit.member_history(workspace.reader(), first) if h.batch_id == batch)
    assert_index_matches_sql(workspace)

    restored = workspace.write(audit.undo_batch, batch)
    assert restored == added
    assert sql_tag_members(workspace, tag_id) == before
    assert_index_matches_sql(workspace)
    with pytest.raises(ValidationError, match="撤销过"):
        workspace.write(audit.undo_batch, batch)


def test_deleting_a_tag_can_be_undone_with_every_link(workspace: Workspace) -> None:
    tag_id = next(r[0] for r in workspace.reader().execute(
        "SELECT id FROM tags WHERE source = 'app' ORDER BY id"))
    before = sql_tag_members(workspace, tag_id)
    assert before
    removed = workspace.write(tags.delete_tag, tag_id)
    assert removed == len(before)
    assert sql_tag_members(workspace, tag_id) == set()
    assert workspace.index.count(tag_id) == 0
    batch = audit.recent_batches(workspace.reader(), 1)[0]
    workspace.write(audit.undo_batch, batch.id)
    assert sql_tag_members(workspace, tag_id) == before
    assert_index_matches_sql(workspace)


def test_merge_moves_members_and_undo_puts_them_back(workspace: Workspace) -> None:
    conn = workspace.reader()
    a, b, target = [r[0] for r in conn.execute(
        "SELECT id FROM tags WHERE source = 'app' ORDER BY id LIMIT 3")]
    union = sql_tag_members(workspace, a) | sql_tag_members(workspace, b)
    target_before = sql_tag_members(workspace, target)
    workspace.write(tags.merge_tags, [a, b], target)
    assert sql_tag_members(workspace, target) == target_before | union
    assert conn.execute("SELECT count(*) FROM tags WHERE id IN (?, ?)", (a, b)).fetchone()[0] == 0
    assert_index_matches_sql(workspace)
    batch = audit.recent_batches(conn, 1)[0]
    workspace.write(audit.undo_batch, batch.id)
    assert sql_tag_members(workspace, target) == target_before
    assert sql_tag_members(workspace, a) | sql_tag_members(workspace, b) == union
    assert_index_matches_sql(workspace)


def test_admin_console_tags_are_read_only(workspace: Workspace) -> None:
    admin = next(r[0] for r in workspace.reader().execute(
        "SELECT id FROM tags WHERE source = 'admin' LIMIT 1"))
    with pytest.raises(ValidationError, match="管理后台"):
        workspace.write(tags.delete_tag, admin)
    with pytest.raises(ValidationError, match="管理后台"):
        workspace.write(tags.rename_tag, admin, "新名字")
    assert workspace.index.count(admin) == len(sql_tag_members(workspace, admin))


def test_tag_names_are_validated(workspace: Workspace) -> None:
    group = workspace.write(tags.create_group, "测试组", "interest")
    with pytest.raises(ValidationError):
        workspace.write(tags.create_tag, group, "  ")
    with pytest.raises(ValidationError):
        workspace.write(tags.create_tag, group, "长" * 31)
    tag = workspace.write(tags.create_tag, group, "新标签")
    with pytest.raises(ValidationError, match="已经有"):
        workspace.write(tags.create_tag, group, "新标签")
    assert workspace.index.count(tag) == 0


def test_member_edits_are_audited_and_update_the_index(workspace: Workspace) -> None:
    changed = workspace.write(members.update, 7, {"level": 3, "name": "张三"})
    assert changed
    assert workspace.index.cols["level"][7] == 3
    assert 7 in members.search(workspace.reader(), "zs", limit=100000)
    history = audit.member_history(workspace.reader(), 7)
    assert history[0].entity == "members"
    assert history[0].after["level"] == 3  # type: ignore[index]
    assert not workspace.write(members.update, 7, {"level": 3})  # no change, no audit row


def test_rolling_backups_keep_the_newest(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    import time as _time

    from siyu_desktop.store import db
    monkeypatch.setattr(db, "BACKUPS_KEPT", 2)
    made = []
    for i in range(3):
        monkeypatch.setattr(_time, "strftime", lambda fmt, i=i: f"2026010{i}-000000")
        made.append(workspace.backup_now().result())
    kept = sorted((workspace.path.parent / "backups").glob("*.auto.*.db"))
    assert kept == made[1:]
    copy = sqlite3.connect(kept[-1])
    assert copy.execute("SELECT count(*) FROM members").fetchone()[0] == 2000


def test_the_index_cache_is_used_only_when_it_matches(demo_path: Path) -> None:
    with Workspace.open(demo_path) as ws:
        ws.write(tags.add_tag, 3, [1, 2, 3])
        expected = {t: set(bm) for t, bm in ws.index.tags.items()}
        levels = ws.index.cols["level"].copy()
    cache = demo_path.with_name(demo_path.name + ".index")
    assert cache.exists()
    with Workspace.open(demo_path) as ws:
        assert ws.index.saved_generation == ws.index.generation  # loaded, not rebuilt
        assert {t: set(bm) for t, bm in ws.index.tags.items()} == expected
        assert (ws.index.cols["level"] == levels).all()
    # the file changes behind the cache's back (a crash after a write): the cache is refused
    conn = sqlite3.connect(demo_path)
    conn.execute("DELETE FROM member_tags WHERE tag_id = 3")
    conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'data_version'")
    conn.commit()
    conn.close()
    with Workspace.open(demo_path) as ws:
        assert ws.index.count(3) == 0
        assert_index_matches_sql(ws)
    cache.write_bytes(b"garbage")
    with Workspace.open(demo_path) as ws:
        assert_index_matches_sql(ws)


def test_a_file_locked_by_another_program_gets_a_clear_message(demo_path: Path) -> None:
    other = sqlite3.connect(demo_path, timeout=0)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")  # e.g. a backup tool or a database browser holding it
    try:
        with pytest.raises(WorkspaceError, match="占用"):
            Workspace.open(demo_path)
    finally:
        other.rollback()
        other.close()
    with Workspace.open(demo_path) as ws:  # released: opens and nothing was lost
        assert members.count(ws.reader()) == 2000


def _table_state(ws: Workspace) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    conn = ws.reader()
    return (conn.execute("SELECT * FROM members ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM member_tags ORDER BY member_id, tag_id").fetchall())


def test_bulk_audit_chunks_undo_and_history(workspace: Workspace) -> None:
    """Rows logged in chunks (as imports and syncs do) read back in a member's history and undo
    exactly like row-by-row entries, across several chunks, including a redo (undo of undo)."""
    conn = workspace.reader()
    original = _table_state(workspace)
    tag_id = conn.execute("SELECT id FROM tags ORDER BY id LIMIT 1").fetchone()[0]
    count = audit.CHUNK_ROWS * 2 + 17
    first = conn.execute("SELECT max(id) FROM members").fetchone()[0] + 1
    assert first > 1600  # the level change below touches only members that existed
    cols = ("id", "name", "level", "created_at")

    def bulk(ctx: audit.WriteContext) -> None:
        rows = [(first + i, f"批量{i}", i % 4, ctx.now) for i in range(count)]
        ctx.conn.executemany("INSERT INTO members(id, name, level, created_at) VALUES (?,?,?,?)",
                             rows)
        ctx.log_rows("members", cols, None, rows)
        links = [(first + i, tag_id) for i in range(count)]
        ctx.conn.executemany("INSERT INTO member_tags(member_id, tag_id) VALUES (?, ?)", links)
        ctx.log_rows("member_tags", ("member_id", "tag_id"), None, links)
        # Members that existed: their level changed, logged with before and after images.
        olds = [(m, lv) for m, lv in ctx.conn.execute(
            "SELECT id, level FROM members WHERE id <= 1600 ORDER BY id")]
        ctx.conn.execute("UPDATE members SET level = 4 WHERE id <= 1600")
        ctx.log_rows("members", ("id", "level"), olds, [(m, 4) for m, _ in olds])
        ctx.changes.full_rebuild = True

    old_level = conn.execute("SELECT level FROM members WHERE id = 1500").fetchone()[0]
    workspace.write(bulk, action="bulk", summary="批量")
    batch = conn.execute("SELECT id, changes FROM audit_batches ORDER BY id DESC LIMIT 1").fetchone()
    assert batch[1] == count * 2 + 1600
    # A few audit rows hold all of it.
    assert conn.execute("SELECT count(*) FROM audit WHERE batch_id = ?", (batch[0],)).fetchone()[0] \
        == 3 + 3 + 1
    middle = first + audit.CHUNK_ROWS + 5
    history = audit.member_history(conn, middle)
    assert [(h.entity, h.before, h.after) for h in history] == [
        ("member_tags", None, {"member_id": middle, "tag_id": tag_id}),
        ("members", None, {"id": middle, "name": f"批量{audit.CHUNK_ROWS + 5}",
                           "level": (audit.CHUNK_ROWS + 5) % 4, "created_at": history[1].after["created_at"]}),  # type: ignore[index]
    ]
    changed = [h for h in audit.member_history(conn, 1500) if h.batch_id == batch[0]]
    assert [(h.before, h.after) for h in changed] == [({"id": 1500, "level": old_level},
                                                       {"id": 1500, "level": 4})]

    restored = workspace.write(audit.undo_batch, batch[0], action="undo")
    assert restored == count * 2 + 1600
    assert _table_state(workspace) == original
    assert_index_matches_sql(workspace)
    undo_id = conn.execute("SELECT max(id) FROM audit_batches").fetchone()[0]
    # The undo is itself chunked and undoable: a redo brings the bulk change back.
    workspace.write(audit.undo_batch, undo_id, action="undo")
    assert conn.execute("SELECT count(*) FROM members WHERE id >= ?", (first,)).fetchone()[0] == count
    assert conn.execute("SELECT count(*) FROM members WHERE id <= 1600 AND level = 4").fetchone()[0] \
        == 1600
    assert len(sql_tag_members(workspace, tag_id) & set(range(first, first + count))) == count
    assert_index_matches_sql(workspace)


def test_bulk_audit_of_rows_without_a_member(workspace: Workspace) -> None:
    """Roster rows of staff carry no member id: chunks holding them are logged, found by the
    members they do hold, and undone like the rest."""
    conn = workspace.reader()
    group_id = conn.execute("SELECT id FROM groups ORDER BY id LIMIT 1").fetchone()[0]
    staff_id = conn.execute("SELECT id FROM staff WHERE id NOT IN (SELECT staff_id FROM roster "
                            "WHERE group_id = ? AND staff_id IS NOT NULL) LIMIT 1",
                            (group_id,)).fetchone()[0]
    member_id = conn.execute("SELECT id FROM members WHERE id NOT IN (SELECT member_id FROM "
                             "roster WHERE group_id = ? AND member_id IS NOT NULL) LIMIT 1",
                             (group_id,)).fetchone()[0]
    before = conn.execute("SELECT * FROM roster ORDER BY id").fetchall()
    cols = ("id", "group_id", "member_id", "staff_id")
    first = conn.execute("SELECT max(id) FROM roster").fetchone()[0] + 1

    def add(ctx: audit.WriteContext) -> None:
        rows = [(first, group_id, None, staff_id), (first + 1, group_id, member_id, None)]
        ctx.conn.executemany("INSERT INTO roster(id, group_id, member_id, staff_id) "
                             "VALUES (?, ?, ?, ?)", rows)
        ctx.log_rows("roster", cols, None, rows)
        ctx.changes.groups_changed = True

    workspace.write(add, action="bulk")
    batch = conn.execute("SELECT max(id) FROM audit_batches").fetchone()[0]
    assert [h.after for h in audit.member_history(conn, member_id) if h.batch_id == batch] == [
        {"id": first + 1, "group_id": group_id, "member_id": member_id, "staff_id": None}]
    assert workspace.write(audit.undo_batch, batch, action="undo") == 2
    assert conn.execute("SELECT * FROM roster ORDER BY id").fetchall() == before
