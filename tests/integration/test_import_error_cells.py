"""Excel error values (#N/A from a failed lookup …) through the real import: the member is stored
as if the cell were blank, and the preview says so for that row instead of staying silent."""

from __future__ import annotations

import asyncio
from pathlib import Path

import openpyxl
import pytest

from siyu_desktop.services.importer import Importer
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace

HEADER = ["客户名称", "手机号", "会员等级", "渠道"]
LEVEL_NOTE = "第 2 行：会员等级是 Excel 错误值 #N/A，已按 普通 处理"


@pytest.fixture
def importer(service: WorkspaceService) -> Importer:
    return Importer(service)


def make_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    assert openpyxl.load_workbook(path).active["C2"].data_type == ("e" if rows[1][2] == "#N/A" else "s")
    return path


def level_and_channel(workspace: Workspace, phone: str) -> tuple[int, str | None]:
    return workspace.reader().execute(
        "SELECT level, channel FROM members WHERE phone = ?", (phone,)).fetchone()


def test_error_level_is_stored_as_the_default_and_said(
        importer: Importer, workspace: Workspace, tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "lookup.xlsx", [
        HEADER, ["错值甲", "13800138111", "#N/A", "#REF!"], ["正常乙", "13800138222", "金卡", "门店"]])
    preview = asyncio.run(importer.preview(path))
    assert (preview.new, preview.rejected) == (2, 0)
    lines = preview.summary_lines()
    assert [line for line in lines if "Excel 错误值" in line] == [
        LEVEL_NOTE + "（已有客户的等级不变）；「渠道」是 Excel 错误值 #REF!，按空白处理"]
    asyncio.run(importer.commit(preview))
    assert level_and_channel(workspace, "13800138111")[0] == 0  # 普通
    assert level_and_channel(workspace, "13800138222") == (2, "门店")


def test_error_level_leaves_an_existing_members_level(
        importer: Importer, workspace: Workspace, tmp_path: Path) -> None:
    first = make_xlsx(tmp_path / "first.xlsx", [HEADER, ["老客", "13800138333", "金卡", "门店"]])
    asyncio.run(importer.commit(asyncio.run(importer.preview(first))))
    again = make_xlsx(tmp_path / "again.xlsx", [HEADER, ["老客", "13800138333", "#N/A", "#N/A"]])
    preview = asyncio.run(importer.preview(again))
    assert any(line.startswith(LEVEL_NOTE) for line in preview.summary_lines())
    asyncio.run(importer.commit(preview))
    assert level_and_channel(workspace, "13800138333") == (2, "门店")


def test_rejects_file_shows_the_error_code(importer: Importer, tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "bad.xlsx", [HEADER, ["坏手机", "12345", "#N/A", ""]])
    preview = asyncio.run(importer.preview(path))
    assert preview.rejected == 1
    rejects = tmp_path / "rejects.xlsx"
    asyncio.run(importer.save_rejects(preview, rejects))
    assert [c.value for c in openpyxl.load_workbook(rejects).active[2]][1:4] == ["坏手机", "12345", "#N/A"]


def test_normal_file_has_no_error_warning(importer: Importer, tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "ok.xlsx", [HEADER, ["正常", "13800138444", "银卡", "门店"]])
    preview = asyncio.run(importer.preview(path))
    assert preview.new == 1
    assert not [line for line in preview.summary_lines() if "错误值" in line]


def test_csv_with_error_text(importer: Importer, workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "lookup.csv"
    path.write_text("客户名称,手机号,会员等级,渠道\n错值丙,13800138555,#N/A,门店\n", encoding="utf-8")
    preview = asyncio.run(importer.preview(path))
    assert (preview.new, preview.rejected) == (1, 0)
    assert any(line.startswith(LEVEL_NOTE) for line in preview.summary_lines())
    asyncio.run(importer.commit(preview))
    assert level_and_channel(workspace, "13800138555") == (0, "门店")
