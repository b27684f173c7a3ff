"""An Excel roster's 积分 column never overwrites a balance: a difference becomes one adjust
entry (after the preview says so), importing the same file again adds nothing, undo reverses
the entries, and the operator may ignore the column."""

from __future__ import annotations

import asyncio
from pathlib import Path

import openpyxl

from siyu_desktop.domain import points as P
from siyu_desktop.services.importer import Importer
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store import points as store
from siyu_desktop.store.db import Workspace


def _file(path: Path, rows: list[tuple[str, str, int]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["客户名称", "手机号", "积分"])
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def _members(ws: Workspace) -> list[tuple[int, str, str, int]]:
    return ws.reader().execute(
        "SELECT id, name, phone, points FROM members WHERE phone IS NOT NULL AND points > 200 "
        "ORDER BY id LIMIT 3").fetchall()


def test_the_points_column_becomes_adjust_entries_once_and_undo_reverses_them(
        workspace: Workspace, tmp_path: Path) -> None:
    (a, an, ap, a_pts), (b, bn, bp, b_pts), (c, cn, cp, c_pts) = _members(workspace)
    path = _file(tmp_path / "roster.xlsx", [(an, ap, a_pts + 150), (bn, bp, b_pts - 100),
                                           (cn, cp, c_pts), ("新朋友", "13900001111", 300)])
    importer = Importer(WorkspaceService(workspace))
    preview = asyncio.run(importer.preview(path))
    text = "\n".join(preview.summary_lines())
    assert "3 位客户的积分与文件不同" in text and "+450" in text and "−100" in text
    outcome = asyncio.run(importer.commit(preview))
    conn = workspace.reader()
    points = dict(conn.execute("SELECT id, points FROM members WHERE id IN (?, ?, ?)", (a, b, c)))
    assert points == {a: a_pts + 150, b: b_pts - 100, c: c_pts}
    new = conn.execute("SELECT id, points FROM members WHERE phone = '13900001111'").fetchone()
    assert new[1] == 300
    adjust = conn.execute("SELECT member_id, amount, kind, reason, source FROM points_entries "
                          "WHERE source = 'import' ORDER BY member_id").fetchall()
    assert sorted(adjust) == sorted([(a, 150, "adjust", "导入调整", "import"),
                                     (b, -100, "adjust", "导入调整", "import"),
                                     (new[0], 300, "adjust", "导入调整", "import")])
    again = asyncio.run(importer.preview(path))
    assert again.plan.points_changes == [] and not again.can_commit  # the same file adds nothing
    assert outcome.batch_id is not None
    asyncio.run(WorkspaceService(workspace).undo(outcome.batch_id))
    conn = workspace.reader()
    assert dict(conn.execute("SELECT id, points FROM members WHERE id IN (?, ?, ?)",
                             (a, b, c))) == {a: a_pts, b: b_pts, c: c_pts}
    assert conn.execute("SELECT count(*) FROM members WHERE phone = '13900001111'"
                        ).fetchone()[0] == 0
    assert store.balance_mismatches(conn)[0] == 0
    assert P.verify_chain(store.walk(conn))[1] is None


def test_the_operator_can_ignore_the_points_column(workspace: Workspace, tmp_path: Path) -> None:
    (a, an, ap, a_pts), *_ = _members(workspace)
    path = _file(tmp_path / "roster.xlsx", [(an, ap, a_pts + 999)])
    importer = Importer(WorkspaceService(workspace))
    preview = asyncio.run(importer.preview(path, points="ignore"))
    assert "忽略文件里的积分列" in "\n".join(preview.summary_lines())
    assert not preview.can_commit
    assert workspace.reader().execute("SELECT points FROM members WHERE id = ?", (a,)
                                      ).fetchone()[0] == a_pts
