"""Exporting members to .xlsx: the round trip export → edit in a spreadsheet → import shows exactly
the edits, formula-looking text stays text, segments and selections, cancel leaves no file."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from siyu_desktop.domain.segments import Segment
from siyu_desktop.errors import Cancelled
from siyu_desktop.ops import CancelToken, Progress
from siyu_desktop.services.exporter import Exporter
from siyu_desktop.services.importer import Importer
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace

run = asyncio.run


@pytest.fixture
def exporter(service: WorkspaceService) -> Exporter:
    return Exporter(service)


def column(sheet: Any, title: str) -> int:
    return [c.value for c in sheet[1]].index(title) + 1


def test_round_trip_shows_exactly_the_edits(exporter: Exporter, service: WorkspaceService,
                                            workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "all.xlsx"
    assert run(exporter.export(None, path)) == 2000
    importer = Importer(service)
    untouched = run(importer.preview(path))
    assert (untouched.new, untouched.updated, untouched.unchanged, untouched.rejected) == (0, 0, 2000, 0)

    book = openpyxl.load_workbook(path)
    sheet = book.active
    conn = workspace.reader()
    eid = column(sheet, "客户ID")

    def member_at(row: int) -> int:
        return int(conn.execute("SELECT id FROM members WHERE external_userid = ?",
                                (sheet.cell(row, eid).value,)).fetchone()[0])
    sheet.cell(2, column(sheet, "客户名称")).value = "改过的名字"
    sheet.cell(5, column(sheet, "手机号")).value = "13312345678"
    level_cell = sheet.cell(9, column(sheet, "会员等级"))
    level_cell.value = "银卡" if level_cell.value == "黑金" else "黑金"
    tags_cell = sheet.cell(7, column(sheet, "标签"))
    tag_id, group, tag = conn.execute(
        "SELECT t.id, g.name, t.name FROM tags t JOIN tag_groups g ON g.id = t.group_id "
        "WHERE t.id NOT IN (SELECT tag_id FROM member_tags WHERE member_id = ?) ORDER BY t.id "
        "LIMIT 1", (member_at(7),)).fetchone()
    tags_cell.value = "、".join(filter(None, [tags_cell.value, f"{group}:{tag}"]))
    book.save(path)

    edited = run(importer.preview(path))
    assert (edited.new, edited.updated, edited.unchanged, edited.rejected) == (0, 4, 1996, 0)
    changed = {(member_id, col) for _pos, member_id, _before, after in edited.plan.updates
               for col in after}
    assert changed == {(member_at(2), "name"), (member_at(5), "phone"), (member_at(9), "level")}
    assert list(edited.plan.tag_links) == [(member_at(7), tag_id)]
    assert not edited.plan.new_tags and not edited.plan.follow_links and not edited.plan.roster_links

    run(importer.commit(edited))
    assert run(importer.preview(path)).unchanged == 2000


def test_formula_text_stays_text(exporter: Exporter, service: WorkspaceService,
                                 workspace: Workspace, tmp_path: Path) -> None:
    hostile = '=HYPERLINK("http://example.invalid","点我")'
    member_id = workspace.reader().execute("SELECT min(id) FROM members").fetchone()[0]
    run(service.update_member(member_id, {"name": hostile, "remark": "+1 好评"}))
    path = tmp_path / "hostile.xlsx"
    run(exporter.export([member_id], path))
    sheet = openpyxl.load_workbook(path).active
    name = sheet.cell(2, column(sheet, "客户名称"))
    assert (name.value, name.data_type) == (hostile, "s")
    assert sheet.cell(2, column(sheet, "备注")).data_type == "s"
    assert sheet.cell(2, column(sheet, "手机号")).data_type in ("s", "n")  # text, or empty
    phone = workspace.reader().execute("SELECT phone FROM members WHERE id = ?", (member_id,)).fetchone()[0]
    if phone:
        assert sheet.cell(2, column(sheet, "手机号")).value == phone
    assert run(Importer(service).preview(path)).unchanged == 1


@pytest.mark.parametrize("text", ["=1+1", "-5折", "@小王", "+86 老客"])
def test_formula_like_text_carries_the_quote_prefix_and_round_trips_exactly(
        exporter: Exporter, service: WorkspaceService, workspace: Workspace, tmp_path: Path,
        text: str) -> None:
    """Excel's quote prefix (a style) keeps the cell text even when edited in Excel; a literal
    apostrophe would come back as part of the value."""
    member_id = workspace.reader().execute("SELECT min(id) FROM members").fetchone()[0]
    run(service.update_member(member_id, {"name": text, "remark": text}))
    path = tmp_path / "quoted.xlsx"
    run(exporter.export([member_id], path))
    sheet = openpyxl.load_workbook(path).active
    for title in ("客户名称", "备注"):
        cell = sheet.cell(2, column(sheet, title))
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert not sheet.cell(2, column(sheet, "客户ID")).quotePrefix
    importer = Importer(service)
    preview = run(importer.preview(path))
    assert (preview.unchanged, preview.updated, preview.rejected) == (1, 0, 0)
    [row] = preview.roster.rows
    assert (row.name, row.remark) == (text, text)


def test_segment_and_selection(exporter: Exporter, service: WorkspaceService,
                               workspace: Workspace, tmp_path: Path) -> None:
    segment = Segment(levels=(3,))
    expected = len(service.evaluate_now(segment))
    path = tmp_path / "vip.xlsx"
    assert run(exporter.export(segment, path)) == expected > 0
    sheet = openpyxl.load_workbook(path).active
    level = column(sheet, "会员等级")
    assert {sheet.cell(r, level).value for r in range(2, sheet.max_row + 1)} == {"黑金"}
    picked = [30, 10, 20]
    assert run(exporter.export(picked, path)) == 3
    sheet = openpyxl.load_workbook(path).active
    eids = [sheet.cell(r, column(sheet, "客户ID")).value for r in (2, 3, 4)]
    conn = workspace.reader()
    assert eids == [conn.execute("SELECT external_userid FROM members WHERE id = ?", (i,)).fetchone()[0]
                    for i in picked]


def test_cancelled_export_leaves_no_file(exporter: Exporter, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "cancelled.xlsx"
    seen: list[int] = []
    token = CancelToken()

    def progress(p: Progress) -> None:
        seen.append(p.done)
        token.cancel()  # at the first rows written
    with pytest.raises(Cancelled):
        run(exporter.export(None, path, progress=progress, cancel=token))
    assert seen
    assert list(out.iterdir()) == []


def test_imported_extras_come_back_as_columns(service: WorkspaceService, exporter: Exporter,
                                              tmp_path: Path) -> None:
    from siyu_desktop.excel.writer import write_xlsx

    source = tmp_path / "extras.xlsx"
    write_xlsx(source, ["客户名称", "手机号", "宠物"], [["带宠物", "13511112222", "布偶猫"]])
    importer = Importer(service)
    run(importer.commit(run(importer.preview(source))))
    out = tmp_path / "out.xlsx"
    run(exporter.export(None, out))
    sheet = openpyxl.load_workbook(out, read_only=True).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[-1] == "宠物"
    assert run(importer.preview(out)).unchanged == 2001
