"""Control characters (NUL included) and bidirectional overrides never reach the workspace:
removed on import with a note per row, refused on edit with a message. And search takes what
the operator typed literally: ``50%`` and ``a_b`` are text, not LIKE wildcards."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import xlsxwriter

from siyu_desktop.domain.people import drop_unsafe, has_unsafe_chars, tidy_text
from siyu_desktop.errors import ValidationError
from siyu_desktop.services.importer import Importer
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store.db import Workspace

run = asyncio.run
RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"


def test_the_rule() -> None:
    assert has_unsafe_chars("a\x00b") and has_unsafe_chars(f"x{RLO}gpj.exe")
    assert has_unsafe_chars("a\x85b") and has_unsafe_chars("a\x7fb") and has_unsafe_chars(LRI)
    assert not has_unsafe_chars("第一行\n第二行\t缩进") and not has_unsafe_chars("שלום\u200f")
    assert drop_unsafe(f"张{RLO}三\x00\x1b[31m") == "张三[31m"
    assert tidy_text(f"张\t三{PDI}\x07", one_line=True) == "张 三"
    assert tidy_text("好评\x00\r\n\t第二行", one_line=False) == "好评\n\t第二行"


def test_import_removes_with_a_note_per_row(service: WorkspaceService, workspace: Workspace,
                                            tmp_path: Path) -> None:
    path = tmp_path / "in.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("客户名单")
    sheet.write_row(0, 0, ["客户名称", "手机号", "备注"])
    sheet.write_row(1, 0, [f"王{RLO}五", "13900000001", "正常备注"])
    sheet.write_row(2, 0, ["赵六", "13900000002", f"买了\x0b{LRI}冻干{PDI}\n复购"])
    sheet.write_row(3, 0, ["孙七", "13900000003", "干净"])
    book.close()
    csv_path = tmp_path / "in.csv"
    csv_path.write_text("客户名称,手机号,备注\n李\x01四,13900000004,\"a\x1fb\"\n",
                        encoding="utf-8")
    importer = Importer(service)
    preview = run(importer.preview(path))
    notes = [n for n in preview.roster.notes if "控制" in n]
    assert len(notes) == 2 and notes[0].startswith("第 2 行：客户名称") \
        and notes[1].startswith("第 3 行：备注")
    run(importer.commit(preview))
    csv_preview = run(importer.preview(csv_path))
    assert len([n for n in csv_preview.roster.notes if "控制" in n]) == 2
    run(importer.commit(csv_preview))
    stored = dict(workspace.reader().execute(
        "SELECT name, remark FROM members WHERE phone LIKE '1390000000%'"))
    assert stored == {"王五": "正常备注", "赵六": "买了冻干\n复购", "孙七": "干净", "李四": "ab"}
    for name, remark in stored.items():
        assert not has_unsafe_chars(name + remark)


@pytest.mark.parametrize("field,value", [("name", f"张{RLO}三"), ("name", "a\x00b"),
                                         ("remark", f"好{LRI}评"), ("note", "x\x1by")])
def test_edit_refuses(service: WorkspaceService, workspace: Workspace, field: str,
                      value: str) -> None:
    member = workspace.reader().execute("SELECT min(id) FROM members").fetchone()[0]
    before = workspace.reader().execute("SELECT name, remark, note FROM members WHERE id = ?",
                                        (member,)).fetchone()
    with pytest.raises(ValidationError) as err:
        run(service.edit_member(member, {field: value}))
    assert "控制" in err.value.message and err.value.hint
    assert workspace.reader().execute("SELECT name, remark, note FROM members WHERE id = ?",
                                      (member,)).fetchone() == before
    changed, _ = run(service.edit_member(member, {"note": "第一行\n\t第二行"}))  # still allowed
    assert changed


def test_search_takes_percent_and_underscore_literally(service: WorkspaceService,
                                                       workspace: Workspace) -> None:
    ids = [r[0] for r in workspace.reader().execute("SELECT id FROM members ORDER BY id LIMIT 4")]
    run(service.edit_member(ids[0], {"remark": "满减50%优惠"}))
    run(service.edit_member(ids[1], {"remark": "满500送50"}))
    run(service.edit_member(ids[2], {"name": "a_b小店", "remark": "a_b"}))
    run(service.edit_member(ids[3], {"name": "axb小店", "remark": "axb"}))
    assert run(service.search("50%", limit=5000)) == [ids[0]]
    assert run(service.search("%", limit=5000)) == [ids[0]]
    assert run(service.search("a_b", limit=5000)) == [ids[2]]
    assert run(service.search("_", limit=5000)) == [ids[2]]
    assert run(service.search("0%优", limit=5000)) == [ids[0]]
    assert run(service.search("满500", limit=5000)) == [ids[1]]  # plain text: still a substring
