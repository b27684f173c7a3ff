"""One member-identity rule (domain/identity.py) in both callers, on a real SQLite workspace: an
import row whose phone or unionid points at several or different members is refused with the
reason instead of landing on the lowest id; a WeCom customer who does so is kept apart as a
member of its own and the sync records it."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from siyu_desktop.domain.wecom_records import ContactFollow, ExternalContact, FollowInfo
from siyu_desktop.excel.writer import write_xlsx
from siyu_desktop.services.importer import Importer
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store import members, wecom_sync
from siyu_desktop.store.audit import WriteContext
from siyu_desktop.store.db import Workspace

HEADER = ["客户名称", "手机号", "unionid", "备注"]


def _people(ws: Workspace, *people: dict[str, Any]) -> list[int]:
    return [ws.write(members.create, p) for p in people]


def _row(ws: Workspace, member_id: int) -> tuple[Any, ...]:
    return ws.reader().execute("SELECT name, phone, unionid, external_userid, remark FROM members "
                               "WHERE id = ?", (member_id,)).fetchone()


def test_import_refuses_ambiguous_and_conflicting_rows_and_says_why(
        empty_workspace: Workspace, tmp_path: Path) -> None:
    ws = empty_workspace
    a, b, c, d, e = _people(ws, {"name": "甲", "phone": "13800000001"},
                            {"name": "乙", "phone": "13800000001"},
                            {"name": "丙", "unionid": "u-丙"},
                            {"name": "丁", "phone": "13800000004"},
                            {"name": "戊", "phone": "13800000005"})
    path = tmp_path / "f.xlsx"
    write_xlsx(path, HEADER, [
        ["", "13800000001", "", "共用手机"],          # 2: the phone is a and b's
        ["", "13800000004", "u-丙", "矛盾"],          # 3: unionid says c, the phone says d
        ["", "13800000005", "", "只有手机"],          # 4: the phone is e's alone
        ["", "", "u-丙", "只有unionid"],              # 5: the unionid is c's
    ])
    importer = Importer(WorkspaceService(ws))
    preview = asyncio.run(importer.preview(path))
    problems = dict(preview.problems())
    assert problems[2] == (f"手机号「13800000001」对应 2 位已有客户（#{a}、#{b}），无法确定是哪一位；"
                           "请填写客户ID，或先在客户列表里合并这些客户")
    assert problems[3] == (f"unionid「u-丙」对应客户 #{c}，手机号「13800000004」对应客户 #{d}，"
                           "指向不同的客户，无法确定是哪一位；请核对这一行后再导入")
    # Rows 4 and 5 each name one member: matched, by unionid before phone, and not refused.
    assert set(problems) == {2, 3}
    assert preview.plan.matched_by == {"phone": 1, "unionid": 1}
    asyncio.run(importer.commit(preview))
    assert _row(ws, a)[4] == "" and _row(ws, b)[4] == ""  # nobody got the shared phone's row
    assert _row(ws, c)[4] == "只有unionid" and _row(ws, e)[4] == "只有手机"
    assert _row(ws, d)[4] == ""
    assert ws.reader().execute("SELECT count(*) FROM members").fetchone()[0] == 5


def _contact(ext: str, unionid: str = "", mobiles: tuple[str, ...] = ()) -> ContactFollow:
    return ContactFollow(ExternalContact(ext, name=f"客户{ext}", unionid=unionid),
                         FollowInfo("staff1", remark_mobiles=mobiles))


def _sync_page(ws: Workspace, rows: list[ContactFollow]) -> wecom_sync.PageResult:
    def run(ctx: WriteContext) -> wecom_sync.PageResult:
        return wecom_sync.upsert_contacts(ctx, rows, {}, run=1)
    return ws.write(run, action="sync")


def test_sync_keeps_an_ambiguous_customer_apart_and_records_it(empty_workspace: Workspace) -> None:
    ws = empty_workspace
    a, b, c, d = _people(ws, {"name": "甲", "phone": "13800000001"},
                         {"name": "乙", "phone": "13800000001"},
                         {"name": "丙", "unionid": "u-丙"},
                         {"name": "丁", "phone": "13800000004"})
    e = _people(ws, {"name": "戊", "phone": "13800000005"})[0]
    result = _sync_page(ws, [
        _contact("wmShared", mobiles=("13800000001",)),           # a or b: ambiguous
        _contact("wmConflict", "u-丙", ("13800000004",)),          # c by unionid, d by phone
        _contact("wmOne", mobiles=("13800000005",)),               # e alone: merged
    ])
    assert result.members_added == 2
    assert _row(ws, e)[3] == "wmOne"
    for member_id in (a, b, c, d):
        assert _row(ws, member_id)[3] is None  # nobody merged into them
    issues = {i["external_userid"]: i for i in wecom_sync.identity_issues(ws.reader())}
    assert set(issues) == {"wmShared", "wmConflict"}
    assert issues["wmShared"]["kind"] == "ambiguous"
    assert issues["wmShared"]["pointing"] == [["phone", [a, b]]]
    assert issues["wmConflict"]["kind"] == "conflict"
    assert issues["wmConflict"]["pointing"] == [["unionid", [c]], ["phone", [d]]]
    new = ws.reader().execute("SELECT id FROM members WHERE external_userid = 'wmShared'"
                              ).fetchone()[0]
    assert issues["wmShared"]["member_id"] == new
    assert [i.external_userid for i in result.identity_issues] == ["wmShared", "wmConflict"]

    # The next sync finds them by external_userid: nothing new to record, nothing lost.
    again = _sync_page(ws, [_contact("wmShared", mobiles=("13800000001",))])
    assert again.identity_issues == [] and again.members_added == 0
    assert len(wecom_sync.identity_issues(ws.reader())) == 2
