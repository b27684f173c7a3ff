"""Importing roster files into a real demo workspace: the preview's counts against a crafted file,
commit and re-import, rejects → fix → re-import, saved mappings, cancel, undo, a process killed in
the middle of the commit, and the CLI's exit codes."""

from __future__ import annotations

import asyncio
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from siyu_desktop.errors import Cancelled, ValidationError
from siyu_desktop.excel.mapping import FIELD_ALIASES
from siyu_desktop.excel.normalize import RosterRow
from siyu_desktop.excel.writer import write_roster, write_xlsx
from siyu_desktop.ops import CancelToken, Progress
from siyu_desktop.services.importer import Importer
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace

HEADER = ["客户名称", "手机号", "客户ID", "会员等级", "标签", "跟进人", "积分", "备注", "喜好"]


def checksum(conn: sqlite3.Connection) -> tuple[int, int, int, str]:
    """Counts of members, tag links and audit rows, and a hash of every member row."""
    digest = hashlib.sha256()
    for row in conn.execute("SELECT * FROM members ORDER BY id"):
        digest.update(repr(row).encode())
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return (one("SELECT count(*) FROM members"), one("SELECT count(*) FROM member_tags"),
            one("SELECT count(*) FROM audit"), digest.hexdigest())


def member(conn: sqlite3.Connection, member_id: int) -> dict[str, Any]:
    cur = conn.execute("SELECT * FROM members WHERE id = ?", (member_id,))
    return dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))


def tag_names(conn: sqlite3.Connection, member_id: int) -> set[str]:
    return {f"{g}:{t}" for g, t in conn.execute(
        "SELECT g.name, t.name FROM member_tags mt JOIN tags t ON t.id = mt.tag_id "
        "JOIN tag_groups g ON g.id = t.group_id WHERE mt.member_id = ?", (member_id,))}


@pytest.fixture
def run() -> Any:
    """Services are awaited on a plain event loop, as the CLI does."""
    return asyncio.run


@pytest.fixture
def importer(service: WorkspaceService) -> Importer:
    return Importer(service)


@pytest.fixture
def crafted(workspace: Workspace, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """A file with one of everything: an update, an unchanged row, new members, a new tag, a
    duplicate pair, a bad phone, an unknown staff member."""
    conn = workspace.reader()
    ids = [r[0] for r in conn.execute("SELECT id FROM members WHERE phone IS NOT NULL "
                                      "ORDER BY id LIMIT 3")]
    a, b, c = (member(conn, i) for i in ids)
    staff = conn.execute("SELECT name FROM staff ORDER BY id LIMIT 1").fetchone()[0]
    known_tag = conn.execute("SELECT g.name || ':' || t.name FROM tags t JOIN tag_groups g "
                             "ON g.id = t.group_id ORDER BY t.id LIMIT 1").fetchone()[0]
    c_tags = "、".join(sorted(tag_names(conn, c["id"])))
    rows = [
        # 2: the first member gets a new name and a known tag it may already have
        ["新名字", a["phone"], a["external_userid"], "", known_tag, "", "", "", ""],
        # 3: the third member exactly as it is (its own tags)
        [c["name"], c["phone"], c["external_userid"], "", c_tags, "", "", "", ""],
        # 4: a new member with a new tag, followed by a known staff member
        ["新客甲", "13800138000", "", "金卡", "导入测试:新标签", staff, 120, "备注甲", "猫粮"],
        # 5 + 6: the same new person twice (same phone): merged, later row's points win
        ["新客乙", "13900139000", "", "", "", "", 10, "", ""],
        ["新客乙", "13900139000", "", "", "导入测试:新标签", "", 20, "", ""],
        # 7: a bad phone → rejected
        ["坏手机", "12345", "", "", "", "", "", "", ""],
        # 8: the second member matched by phone only (nothing to change), unknown staff reported
        ["", b["phone"], "", "", "", "查无此人", "", "", ""],
    ]
    path = tmp_path / "crafted.xlsx"
    write_xlsx(path, HEADER, rows)
    return path, {"a": a, "b": b, "c": c, "staff": staff, "known_tag": known_tag}


def test_preview_counts_and_writes_nothing(importer: Importer, workspace: Workspace,
                                           run: Any, crafted: tuple[Path, dict[str, Any]]) -> None:
    path, info = crafted
    before = checksum(workspace.reader())
    preview = run(importer.preview(path))
    assert preview.mapping_source == "auto"
    assert preview.mapping.extras == {"喜好": 8}
    assert preview.new == 2  # 新客甲, 新客乙 (two rows merged)
    assert preview.updated == 1
    assert preview.unchanged == 2
    assert preview.plan.matched_by == {"external_userid": 2, "phone": 1}
    assert preview.rejected == 1
    assert preview.problems() == [(7, "手机号「12345」：不是有效的手机号")]
    assert dict(preview.plan.new_tags) == {("导入测试", "新标签"): 2}
    assert [n.rows for n in preview.roster.merges] == [(5, 6)]
    assert preview.roster.merges[0].conflicts == ("points",)
    assert preview.plan.unknown_staff == {"查无此人": 1}
    lines = "\n".join(preview.summary_lines())
    for said in ("新增 2 位", "更新 1 位", "有问题 1 行", "按客户ID匹配", "导入测试:新标签（2 人）",
                 "第 5、6 行是同一位客户", "查无此人", "积分", "不会移除"):
        assert said in lines, said
    assert checksum(workspace.reader()) == before


def test_commit_then_same_file_again_changes_nothing(
        importer: Importer, workspace: Workspace, run: Any,
        crafted: tuple[Path, dict[str, Any]]) -> None:
    path, info = crafted
    outcome = run(importer.commit(run(importer.preview(path))))
    assert outcome.inserted == 2 and outcome.updated == 1 and outcome.tags_created == 1
    conn = workspace.reader()
    first = member(conn, info["a"]["id"])
    assert (first["name"], first["name_initials"]) == ("新名字", "xmz")
    assert info["known_tag"] in tag_names(conn, first["id"])
    new = conn.execute("SELECT id, level, points, remark, extra FROM members WHERE phone = "
                       "'13800138000'").fetchone()
    assert new[1:] == (2, 120, "备注甲", '{"喜好": "猫粮"}')
    assert tag_names(conn, new[0]) == {"导入测试:新标签"}
    assert conn.execute("SELECT s.name FROM follows f JOIN staff s ON s.id = f.staff_id "
                        "WHERE f.member_id = ?", (new[0],)).fetchone()[0] == info["staff"]
    assert conn.execute("SELECT points FROM members WHERE phone = '13900139000'").fetchone()[0] == 20
    # the index followed: the new tag's bitmap holds both new members
    tag_id = conn.execute("SELECT id FROM tags WHERE name = '新标签'").fetchone()[0]
    assert len(workspace.index.tag(tag_id)) == 2
    assert conn.execute("SELECT action, changes > 0 FROM audit_batches ORDER BY id DESC "
                        "LIMIT 1").fetchone() == ("import", 1)

    before = checksum(conn)
    batches = conn.execute("SELECT count(*) FROM audit_batches").fetchone()[0]
    again = run(importer.preview(path))
    assert (again.new, again.updated, again.unchanged, again.rejected) == (0, 0, 5, 1)
    assert not again.can_commit
    assert run(importer.commit(again)).batch_id is None
    assert checksum(conn) == before
    assert conn.execute("SELECT count(*) FROM audit_batches").fetchone()[0] == batches


def test_import_can_be_undone(importer: Importer, service: WorkspaceService, workspace: Workspace,
                              run: Any, crafted: tuple[Path, dict[str, Any]]) -> None:
    path, _ = crafted
    conn = workspace.reader()
    before = checksum(conn)[:2], checksum(conn)[3]
    outcome = run(importer.commit(run(importer.preview(path))))
    run(service.undo(outcome.batch_id))
    after = checksum(conn)
    assert (after[:2], after[3]) == before


def test_undoing_an_import_refuses_while_a_member_it_created_was_tagged_since(
        importer: Importer, service: WorkspaceService, workspace: Workspace, run: Any,
        crafted: tuple[Path, dict[str, Any]]) -> None:
    """Undoing an import deletes the members it created, and their tag links with them: a tag
    given to one of them afterwards would silently go too. The undo is refused and says so;
    once the later tagging is undone, the import undoes cleanly."""
    path, _ = crafted
    conn = workspace.reader()
    before = checksum(conn)[:2], checksum(conn)[3]
    outcome = run(importer.commit(run(importer.preview(path))))
    new_id = conn.execute("SELECT id FROM members WHERE phone = '13900139000'").fetchone()[0]
    tag = conn.execute("SELECT id FROM tags WHERE source = 'app' AND id NOT IN (SELECT tag_id "
                       "FROM member_tags WHERE member_id = ?) ORDER BY id LIMIT 1",
                       (new_id,)).fetchone()[0]
    _n, tagged = run(service.add_tag(tag, [new_id]))
    blocker = run(service.undo_blocker(outcome.batch_id))
    assert blocker is not None and "1 位客户" in blocker.message
    with pytest.raises(ValidationError):
        run(service.undo(outcome.batch_id))
    assert conn.execute("SELECT count(*) FROM member_tags WHERE member_id = ? AND tag_id = ?",
                        (new_id, tag)).fetchone()[0] == 1  # the later tag is still there

    run(service.undo(tagged))
    assert run(service.undo_blocker(outcome.batch_id)) is None
    run(service.undo(outcome.batch_id))
    after = checksum(conn)
    assert (after[:2], after[3]) == before


def test_rejects_file_fixed_and_imported_again(importer: Importer, workspace: Workspace,
                                               run: Any, tmp_path: Path,
                                               crafted: tuple[Path, dict[str, Any]]) -> None:
    path, _ = crafted
    preview = run(importer.preview(path))
    rejects = tmp_path / "rejects.xlsx"
    assert run(importer.save_rejects(preview, rejects)) == 1
    book = openpyxl.load_workbook(rejects)
    sheet = book.active
    assert [c.value for c in sheet[1]][:3] == ["错误原因", "客户名称", "手机号"]
    assert sheet["A2"].value == "手机号「12345」：不是有效的手机号"
    assert sheet["B2"].value == "坏手机"
    sheet["C2"] = "13700137000"  # the operator fixes the phone, leaves the reason column
    book.save(rejects)
    fixed = run(importer.preview(rejects))
    assert (fixed.new, fixed.rejected) == (1, 0)
    run(importer.commit(fixed))
    assert workspace.reader().execute(
        "SELECT name FROM members WHERE phone = '13700137000'").fetchone() == ("坏手机",)


def test_saved_mapping_is_reused(importer: Importer, workspace: Workspace, run: Any,
                                 tmp_path: Path) -> None:
    path = tmp_path / "odd.xlsx"
    write_xlsx(path, ["称呼", "电话", "X"], [["甲一", "13600136000", "金卡"]])
    first = run(importer.preview(path))
    assert first.mapping_source == "auto" and "level" not in first.mapping.fields
    corrected = first.mapping.with_field("name", 0).with_field("level", 2)
    second = run(importer.preview(path, mapping=corrected))
    assert second.mapping_source == "given" and second.new == 1
    run(importer.commit(second))
    third = run(importer.preview(path))
    assert third.mapping_source == "saved"
    assert third.mapping.fields == corrected.fields
    assert (third.new, third.unchanged) == (0, 1)


def test_cancel_writes_nothing(importer: Importer, workspace: Workspace, run: Any,
                               crafted: tuple[Path, dict[str, Any]]) -> None:
    path, _ = crafted
    before = checksum(workspace.reader())

    flipped = CancelToken()
    flipped.cancel()
    with pytest.raises(Cancelled):
        run(importer.preview(path, cancel=flipped))
    preview = run(importer.preview(path))
    calls: list[str] = []
    token = CancelToken()

    def progress(p: Progress) -> None:
        calls.append(p.step)
        if p.step == "write":  # the transaction has begun and written the new tag
            token.cancel()
    with pytest.raises(Cancelled):
        run(importer.commit(preview, progress=progress, cancel=token))
    assert "write" in calls
    assert checksum(workspace.reader()) == before
    assert workspace.reader().execute("SELECT count(*) FROM tags WHERE name = '新标签'").fetchone()[0] == 0


def test_workspace_changed_between_preview_and_commit(
        importer: Importer, service: WorkspaceService, workspace: Workspace, run: Any,
        crafted: tuple[Path, dict[str, Any]]) -> None:
    path, _ = crafted
    preview = run(importer.preview(path))
    run(service.update_member(crafted[1]["a"]["id"], {"name": "新名字"}))  # the file's change, made by hand
    outcome = run(importer.commit(preview))
    assert outcome.replanned and outcome.updated == 0 and outcome.inserted == 2


# -- a process killed in the middle of the commit ---------------------------------------------
CHILD = textwrap.dedent("""
    import asyncio, sys
    from siyu_desktop.services.importer import Importer
    from siyu_desktop.services.workspace import WorkspaceService
    from siyu_desktop.store.db import Workspace

    async def main():
        ws = Workspace.open(sys.argv[1])
        importer = Importer(WorkspaceService(ws))
        preview = await importer.preview(sys.argv[2])
        print("PREVIEW", preview.new, flush=True)
        def progress(p):
            phase, done, total = p.step, p.done, p.total
            if phase == "write" and done == 0:
                print("BEGIN", flush=True)
            if phase == "write" and total and done > total // 2:
                # Half the rows written, the transaction open: wait here to be killed, so the
                # kill lands mid-commit however fast the machine writes.
                print("HALF", flush=True)
                import time
                time.sleep(60)
        await importer.commit(preview, progress=progress)
        print("DONE", flush=True)
    asyncio.run(main())
""")


def _big_roster(path: Path, n: int) -> None:
    write_roster(path, (RosterRow(name=f"批量{i}", phone=f"1380000{i:04d}", external_userid=f"wmKILL{i}",
                                  tags=tuple(("批量", f"标签{(i + k) % 40}") for k in range(6)),
                                  points=i, remark="导入中断测试")
                        for i in range(n)))


def test_killed_mid_commit_leaves_the_workspace_untouched(demo_path: Path, tmp_path: Path) -> None:
    roster = tmp_path / "big.xlsx"
    _big_roster(roster, 10_000)
    with Workspace.open(demo_path) as ws:
        before = checksum(ws.reader())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(demo_path), str(roster)],
                             stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    lines = []
    for line in child.stdout:
        lines.append(line.strip())
        if line.startswith("HALF"):
            break
    child.send_signal(signal.SIGKILL)
    rest = child.communicate()[0]
    assert "BEGIN" in lines and "HALF" in lines and "DONE" not in rest, (lines, rest)
    with Workspace.open(demo_path) as ws:
        conn = ws.reader()
        assert checksum(conn) == before
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM tags WHERE name LIKE '标签%' AND group_id IN "
                            "(SELECT id FROM tag_groups WHERE name = '批量')").fetchone() == (0,)


# -- CLI -------------------------------------------------------------------------------------
def siyu(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SIYU_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "siyu_desktop.cli", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


def test_cli_import_exit_codes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert siyu("demo", "--members", "300", "--groups", "10", data_dir=data).returncode == 0
    bad = tmp_path / "bad.xlsx"
    write_xlsx(bad, ["客户名称", "手机号"], [["好人", "13500135000"], ["坏人", "999"]])
    dry = siyu("import", str(bad), "--dry-run", "--rejects", str(tmp_path / "r.xlsx"), data_dir=data)
    assert dry.returncode == 1, dry.stderr
    assert "新增 1 位" in dry.stdout and "第 3 行" in dry.stdout and "试运行" in dry.stdout
    assert (tmp_path / "r.xlsx").exists()
    good = tmp_path / "good.xlsx"
    write_xlsx(good, ["客户名称", "手机号"], [["好人", "13500135000"]])
    done = siyu("import", str(good), data_dir=data)
    assert done.returncode == 0, done.stderr
    assert "已导入：新增 1 位" in done.stdout
    assert "没有需要导入的变化" in siyu("import", str(good), data_dir=data).stdout
    nobody = tmp_path / "nobody.xlsx"
    write_xlsx(nobody, ["甲", "乙"], [["x", "y"]])
    blocked = siyu("import", str(nobody), data_dir=data)
    assert blocked.returncode == 1 and "能识别客户的列" in blocked.stdout
    assert siyu("import", str(tmp_path / "missing.xlsx"), data_dir=data).returncode == 1
    out = tmp_path / "all.xlsx"
    exported = siyu("export", str(out), data_dir=data)
    assert exported.returncode == 0 and "已导出 301 位客户" in exported.stdout
    assert siyu("export", str(out), "--segment", "没有", data_dir=data).returncode == 1


def test_headers_written_by_export_map_back() -> None:
    """The export's headers are each field's first alias, so its files map themselves."""
    from siyu_desktop.excel.mapping import auto_map
    from siyu_desktop.excel.writer import roster_header

    mapping = auto_map(roster_header(["喜好"]))
    assert set(mapping.fields) == set(FIELD_ALIASES)
    assert mapping.extras == {"喜好": len(FIELD_ALIASES)}


def test_wecom_tags_added_by_an_import_are_queued_for_wecom(
        importer: Importer, workspace: Workspace, run: Any, tmp_path: Path) -> None:
    from siyu_desktop.store.outbox import MARK_TAG

    conn = workspace.reader()
    member_id, eid, tag_id, spec = conn.execute(
        "SELECT m.id, m.external_userid, t.id, g.name || ':' || t.name FROM members m "
        "JOIN follows f ON f.member_id = m.id, tags t JOIN tag_groups g ON g.id = t.group_id "
        "WHERE m.external_userid IS NOT NULL AND t.wecom_tag_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM member_tags mt WHERE mt.member_id = m.id AND mt.tag_id = t.id) "
        "ORDER BY m.id, t.id LIMIT 1").fetchone()
    path = tmp_path / "wecom.xlsx"
    write_xlsx(path, ["客户ID", "标签"], [[eid, spec]])
    run(importer.commit(run(importer.preview(path))))
    queued = conn.execute("SELECT count(*) FROM outbox WHERE kind = ? AND member_id = ? AND "
                          "tag_id = ?", (MARK_TAG, member_id, tag_id)).fetchone()[0]
    assert queued >= 1


def test_big_import_indexes_search_text_and_undoes(importer: Importer, service: WorkspaceService,
                                                   workspace: Workspace, run: Any,
                                                   tmp_path: Path) -> None:
    """Past BULK_SEARCH_INDEX_AT new members the search text is indexed in one statement: new
    phones and remarks are found, the insert trigger is back for later members, and undoing
    the import takes them out of search again."""
    from siyu_desktop.store import import_apply, members

    n = import_apply.BULK_SEARCH_INDEX_AT + 200
    roster = tmp_path / "big.xlsx"
    _big_roster(roster, n)
    conn = workspace.reader()
    before = checksum(conn)
    outcome = run(importer.commit(run(importer.preview(roster))))
    assert outcome.inserted == n
    found = members.search(conn, "800001199")
    assert [conn.execute("SELECT name FROM members WHERE id = ?", (m,)).fetchone()[0]
            for m in found] == ["批量1199"]
    assert len(members.search(conn, "导入中断测试", limit=5000)) == n
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'members_fts_ai'"
                        ).fetchone() == (1,)
    later = workspace.write(members.create, {"name": "后来者", "phone": "13912340000"})
    assert members.search(conn, "912340") == [later]
    seen: list[tuple[int, int]] = []
    run(service.undo(outcome.batch_id, progress=lambda p: seen.append((p.done, p.total))))
    assert seen and seen[-1][0] == seen[-1][1] > 1  # a chunk at a time, up to all of them
    assert [d for d, _ in seen] == sorted({d for d, _ in seen})
    assert members.search(conn, "800001199") == []
    assert conn.execute("SELECT count(*) FROM members_fts WHERE members_fts MATCH '导入中断'"
                        ).fetchone() == (0,)
    assert checksum(conn)[0] != before[0]  # 后来者 stays: only the import was undone


def test_new_wecom_tags_and_group_counts_from_an_import(
        importer: Importer, service: WorkspaceService, workspace: Workspace, run: Any,
        tmp_path: Path) -> None:
    """A tag the file creates inside a WeCom tag group is queued for creation in WeCom ahead of
    its mark_tag items; groups the file adds members to show their new head count, and undo
    puts the old count back."""
    from siyu_desktop.store.outbox import ADD_CORP_TAG, MARK_TAG

    conn = workspace.reader()
    group_name = conn.execute("SELECT name FROM tag_groups WHERE wecom_group_id IS NOT NULL "
                              "ORDER BY id LIMIT 1").fetchone()[0]
    eid = conn.execute("SELECT m.external_userid FROM members m JOIN follows f ON "
                       "f.member_id = m.id WHERE m.external_userid IS NOT NULL ORDER BY m.id "
                       "LIMIT 1").fetchone()[0]
    chat_id, chat_name, count = conn.execute(
        "SELECT id, name, member_count FROM groups WHERE name != '' AND name NOT IN "
        "(SELECT name FROM groups GROUP BY name HAVING count(*) > 1) ORDER BY id LIMIT 1"
    ).fetchone()
    path = tmp_path / "new-tag.xlsx"
    write_xlsx(path, ["客户ID", "标签", "所在群"], [[eid, f"{group_name}:导入新建的标签", chat_name]])
    outcome = run(importer.commit(run(importer.preview(path))))
    assert outcome.tags_created == 1
    (tag_id,) = outcome.new_tag_ids
    kinds = conn.execute("SELECT kind FROM outbox WHERE tag_id = ? ORDER BY id",
                         (tag_id,)).fetchall()
    assert kinds and kinds[0] == (ADD_CORP_TAG,) and (MARK_TAG,) in kinds
    real = conn.execute("SELECT count(*) FROM roster WHERE group_id = ?", (chat_id,)).fetchone()[0]
    assert conn.execute("SELECT member_count FROM groups WHERE id = ?", (chat_id,)).fetchone() \
        == (real,)
    run(service.undo(outcome.batch_id))
    assert conn.execute("SELECT member_count FROM groups WHERE id = ?", (chat_id,)).fetchone() \
        == (count,)


def test_an_import_keeps_what_the_app_froze_at_start(importer: Importer, run: Any,
                                                    crafted: tuple[Path, dict[str, Any]]) -> None:
    """The app freezes its startup objects out of the collector's full passes; an import (which
    freezes its rows while it works) must not hand them back when its preview is discarded."""
    import gc

    startup = [[n] for n in range(100)]
    gc.freeze()
    preview = run(importer.preview(crafted[0]))
    run(importer.commit(preview))
    run(importer.discard(preview))
    tracked = {id(o) for o in gc.get_objects(generation=2)}
    assert not any(id(o) in tracked for o in startup)  # still frozen, not back in a generation


def test_first_big_import_rebuilds_indexes_and_a_cancel_keeps_them(
        empty_workspace: Workspace, run: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Into an empty workspace a big import drops the members' and tag links' plain indexes and
    builds them again after the rows: afterwards they are all there, consistent, and used; a
    cancel in the middle of the write rolls the drop back with everything else."""
    from siyu_desktop.store import deferred

    monkeypatch.setattr(deferred, "REINDEX_AT", 100)
    conn = empty_workspace.reader()
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                           "tbl_name IN ('members', 'member_tags') ORDER BY name").fetchall()
    assert {"members_phone", "members_pinyin", "member_tags_tag"} <= {n for n, _ in indexes}
    roster = tmp_path / "first.xlsx"
    _big_roster(roster, 400)
    importer = Importer(WorkspaceService(empty_workspace))
    preview = run(importer.preview(roster))
    token = CancelToken()

    def progress(p: Progress) -> None:
        if p.step == "write" and p.done:  # after members went in, while the rest is written
            token.cancel()

    with pytest.raises(Cancelled):
        run(importer.commit(preview, progress=progress, cancel=token))
    assert conn.execute("SELECT count(*) FROM members").fetchone() == (0,)
    assert conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name "
                        "IN ('members', 'member_tags') ORDER BY name").fetchall() == indexes

    outcome = run(importer.commit(run(importer.preview(roster))))
    assert outcome.inserted == 400
    assert conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name "
                        "IN ('members', 'member_tags') ORDER BY name").fetchall() == indexes
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    plan = " ".join(r[3] for r in conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM members WHERE phone = '13800000399'"))
    assert "members_phone" in plan
    assert conn.execute("SELECT name FROM members WHERE phone = '13800000399'").fetchone() == ("批量399",)
    tag_id = conn.execute("SELECT id FROM tags WHERE name = '标签7'").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM member_tags INDEXED BY member_tags_tag "
                        "WHERE tag_id = ?", (tag_id,)).fetchone() == (60,)


# -- fidelity: what the operator typed is what gets stored, or the row is refused -------------
def _one_file(tmp_path: Path, rows: list[list[Any]], name: str = "fidelity.xlsx") -> Path:
    path = tmp_path / name
    write_xlsx(path, ["客户名称", "手机号", "备注"], rows)
    return path


def test_phone_with_letters_is_refused_not_turned_into_digits(
        importer: Importer, workspace: Workspace, run: Any, tmp_path: Path) -> None:
    path = _one_file(tmp_path, [["字母手机", "138abcd5678", ""], ["好手机", "13512340001", ""]])
    preview = run(importer.preview(path))
    assert (preview.new, preview.rejected) == (1, 1)
    [(row, reason)] = preview.problems()
    assert row == 2 and "138abcd5678" in reason and "字母" in reason
    run(importer.commit(preview))
    conn = workspace.reader()
    assert conn.execute("SELECT count(*) FROM members WHERE phone = '13822235678' "
                        "OR name = '字母手机'").fetchone()[0] == 0


@pytest.mark.parametrize("number", ["010-12345678", "0571-88888888", "+1 650 253 0000",
                                    "0086 10 12345678"])
def test_landline_or_foreign_number_is_refused_with_its_digits_untouched(
        importer: Importer, workspace: Workspace, run: Any, tmp_path: Path, number: str) -> None:
    path = _one_file(tmp_path, [["座机客户", number, ""]])
    preview = run(importer.preview(path))
    assert (preview.new, preview.rejected) == (0, 1)
    [(_row, reason)] = preview.problems()
    assert f"「{number}」" in reason and "不是中国大陆手机号" in reason
    digits = "".join(ch for ch in number if ch.isdigit())
    assert workspace.reader().execute("SELECT count(*) FROM members WHERE phone LIKE ?",
                                      (f"%{digits.lstrip('0')[-8:]}",)).fetchone()[0] == 0


def test_emoji_joined_by_zwj_keep_their_joiners(
        importer: Importer, workspace: Workspace, run: Any, tmp_path: Path) -> None:
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466幸福一家"
    flag = "\U0001F3F3\ufe0f\u200d\U0001F308彩虹"
    path = _one_file(tmp_path, [[family, "13512340002", ""], [flag, "13512340003", ""],
                                ["王\u200b五\ufeff", "13512340004", "\u200d备注\u200b"]])
    run(importer.commit(run(importer.preview(path))))
    conn = workspace.reader()
    names = dict(conn.execute("SELECT phone, name FROM members WHERE phone IN "
                              "('13512340002', '13512340003', '13512340004')"))
    assert names == {"13512340002": family, "13512340003": flag, "13512340004": "王五"}
    assert conn.execute("SELECT remark FROM members WHERE phone = '13512340004'").fetchone() == ("备注",)
    assert run(importer.preview(path)).unchanged == 3


def test_names_and_remarks_are_stored_as_written(
        importer: Importer, service: WorkspaceService, workspace: Workspace, run: Any,
        tmp_path: Path) -> None:
    path = _one_file(tmp_path, [["  ＡＭＹ小店 ", "13512340005", "地址：Ａ座　３楼\n周末送货"],
                                ["张\n三", "13512340006", ""]])
    preview = run(importer.preview(path))
    lines = "\n".join(preview.summary_lines())
    assert "第 3 行" in lines and "换行" in lines, lines
    run(importer.commit(preview))
    conn = workspace.reader()
    row = conn.execute("SELECT name, remark, name_initials FROM members WHERE phone = '13512340005'"
                       ).fetchone()
    assert row == ("ＡＭＹ小店", "地址：Ａ座　３楼\n周末送货", "amyxd")
    assert conn.execute("SELECT name FROM members WHERE phone = '13512340006'").fetchone() == ("张 三",)
    member_id = conn.execute("SELECT id FROM members WHERE phone = '13512340005'").fetchone()[0]
    assert member_id in run(service.search("amy"))
    assert member_id in run(service.search("ＡＭＹ"))
    again = run(importer.preview(path))
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)


def test_overlong_note_skips_only_that_cell_and_is_warned(
        importer: Importer, workspace: Workspace, run: Any, tmp_path: Path) -> None:
    path = tmp_path / "long_note.xlsx"
    write_xlsx(path, ["客户名称", "手机号", "标签", "备注"],
               [["长备注客户", "13512340007", "导入测试:长备注", "很" * 1001]])
    preview = run(importer.preview(path))
    assert (preview.new, preview.rejected) == (1, 0)
    lines = "\n".join(preview.summary_lines())
    assert "第 2 行：备注太长（1001 字" in lines, lines
    run(importer.commit(preview))
    conn = workspace.reader()
    member_id, name, remark = conn.execute(
        "SELECT id, name, remark FROM members WHERE phone = '13512340007'").fetchone()
    assert (name, remark) == ("长备注客户", "")
    assert tag_names(conn, member_id) == {"导入测试:长备注"}


def test_shared_phone_and_unmapped_columns_are_warned(
        importer: Importer, run: Any, tmp_path: Path) -> None:
    path = tmp_path / "warn.xlsx"
    write_xlsx(path, ["客户名称", "手机号", "客户ID", "手机", "喜好"],
               [["甲", "13512340008", "wm_warn_a", "x", "猫"],
                ["乙", "13512340008", "wm_warn_b", "", ""]])
    preview = run(importer.preview(path))
    assert (preview.new, preview.rejected) == (2, 0)
    lines = "\n".join(preview.summary_lines())
    assert "第 2、3 行的手机号都是 13512340008" in lines, lines
    assert "已作为附加信息保存：「手机」、「喜好」" in lines, lines
