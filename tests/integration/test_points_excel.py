"""Points and Excel on a real workspace file and real .xlsx/.csv files: statements of a member,
a segment and everyone, read back with openpyxl and checked against balances worked out by hand;
a batch sheet's preview refuses the bad rows with the right reasons, applies the good ones in one
batch that undo reverses, adds nothing the second time, and hands the refused rows back as a
rejects file that imports once fixed; broken files fail in words; the CLI."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from siyu_desktop import cli
from siyu_desktop.domain import points as P
from siyu_desktop.domain.clock import FakeClock
from siyu_desktop.domain.segments import Segment
from siyu_desktop.errors import Cancelled, ImportFormatError, ValidationError
from siyu_desktop.ops import CancelToken
from siyu_desktop.services.points import PointsService
from siyu_desktop.services.points_excel import PointsExcel
from siyu_desktop.services.workspace import WorkspaceService
from siyu_desktop.store import members, segments
from siyu_desktop.store import points as ledger
from siyu_desktop.store.audit import WriteContext
from siyu_desktop.store.db import Workspace

run = asyncio.run
TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 3, 10, 12, 0, tzinfo=TZ)
T1 = datetime(2026, 4, 15, 9, 0, tzinfo=TZ)
HOSTILE = '=HYPERLINK("http://x.invalid","点我")'
PEOPLE = [  # name, phone, external_userid, level
    ("张三", "13800000001", "wmA001", 3), (HOSTILE, "13800000002", "wmA002", 0),
    ("王五", "13800000003", None, 0), ("赵六", "13800000004", "wmA004", 3),
    ("孙七", "13900000005", None, 0), ("周八", "13900000005", None, 0)]  # 5 and 6 share a phone


def _people(ctx: WriteContext) -> list[int]:
    return [members.create(ctx, {"name": n, "phone": p, "external_userid": e, "level": lv})
            for n, p, e, lv in PEOPLE]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "ws" / "points.siyu.db"


@pytest.fixture
def ws(path: Path, clock: FakeClock) -> Iterator[Workspace]:
    """Six members; points expire at the end of the month after the earning month. On T0
    members 1–3 get 100; on T1 member 1 gets 40 and gives 30 back (taken from the March lot)."""
    path.parent.mkdir(parents=True)
    workspace = Workspace.open(path, actor="tester", clock=clock)
    workspace.set_setting("points_expiry", {"kind": "months_after", "months": 1})
    assert workspace.write(_people, action="test") == [1, 2, 3, 4, 5, 6]
    workspace.write(segments.save, "黑金", Segment(levels=(3,)))
    points = PointsService(workspace)
    run(points.award([1, 2, 3], 100, "开业礼", "open"))
    run(points.award([2], 5, "-5 差评补偿", "sorry"))
    clock.set(T1)
    run(points.award([1], 40, "猜谜第3期", "riddle3"))
    run(points.award([1], -30, "兑换修正", "fix1"))
    yield workspace
    workspace.close()


def _rows(sheet: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in sheet.iter_rows(values_only=True)]


def _excel(ws: Workspace) -> PointsExcel:
    return PointsExcel(WorkspaceService(ws))


# -- statements --------------------------------------------------------------------------------
def test_one_members_statement_and_balance_by_hand(ws: Workspace, tmp_path: Path) -> None:
    seen: list[Any] = []
    done = run(_excel(ws).export(tmp_path / "张三.xlsx", member=1, progress=seen.append))
    assert (done.members, done.entries) == (1, 3) and seen
    book = openpyxl.load_workbook(done.path)
    assert book.sheetnames == ["积分明细", "余额", "说明"]
    rows = _rows(book["积分明细"])
    assert rows[0] == ("客户编号", "客户名称", "手机号", "时间", "类型", "积分", "变动后余额", "原因",
                       "来源", "关联", "有效期至", "操作人", "幂等键", "流水号")
    # by hand: +100 on 3-10 (valid through April), +40 on 4-15 (through May), -30 on 4-15
    assert [r[3:8] for r in rows[1:]] == [
        (datetime(2026, 3, 10, 12, 0), "获得", 100, 100, "开业礼"),
        (datetime(2026, 4, 15, 9, 0), "获得", 40, 140, "猜谜第3期"),
        (datetime(2026, 4, 15, 9, 0), "调整", -30, 110, "兑换修正")]
    assert [r[10] for r in rows[1:]] == [datetime(2026, 4, 30), datetime(2026, 5, 31), None]
    assert {r[:3] for r in rows[1:]} == {(1, "张三", "13800000001")}
    assert [r[12] for r in rows[1:]] == ["award:open:1", "award:riddle3:1", "award:fix1:1"]
    assert rows[1][8] == "手动"
    # 110 left: 70 of the March lot (expires 5-1, within 30 days of 4-15) and the 40 of April
    assert _rows(book["余额"]) == [
        ("客户编号", "客户名称", "手机号", "余额", "可用积分", "30天内到期", "最近到期日"),
        (1, "张三", "13800000001", 110, 110, 70, datetime(2026, 4, 30))]
    sheet = book["积分明细"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width >= 19  # a date and time fits
    assert book["积分明细"]["D2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert book["积分明细"]["K2"].number_format == "yyyy-mm-dd"
    notes = dict(_rows(book["说明"])[1:])
    assert "Asia/Shanghai" in notes["时区"] and "客户 1" in notes["范围"]


def test_a_segments_statement_and_hostile_text_stays_text(ws: Workspace, tmp_path: Path) -> None:
    done = run(_excel(ws).export(tmp_path / "黑金.xlsx", segment="黑金"))
    book = openpyxl.load_workbook(done.path)
    assert {r[0] for r in _rows(book["积分明细"])[1:]} == {1}  # member 4 has no entries
    assert [r[:4] for r in _rows(book["余额"])[1:]] == [(1, "张三", "13800000001", 110),
                                                       (4, "赵六", "13800000004", 0)]
    assert "人群包「黑金」" in dict(_rows(book["说明"])[1:])["范围"]
    everyone = openpyxl.load_workbook(run(_excel(ws).export(tmp_path / "all.xlsx")).path)
    statement = everyone["积分明细"]
    hostile = [r for r in statement.iter_rows(min_row=2) if r[0].value == 2]
    assert hostile[0][1].value == HOSTILE and hostile[0][1].data_type == "s"
    assert hostile[1][7].value == "-5 差评补偿" and hostile[1][7].data_type == "s"
    balances = {r[0]: r[3] for r in _rows(everyone["余额"])[1:]}
    conn = ws.reader()
    assert balances == dict(conn.execute("SELECT id, points FROM members"))
    assert balances == {1: 110, 2: 105, 3: 100, 4: 0, 5: 0, 6: 0}
    with pytest.raises(ValidationError, match="找不到人群包"):
        run(_excel(ws).export(tmp_path / "x.xlsx", segment="没有"))
    with pytest.raises(ValidationError, match="没有编号为 99"):
        run(_excel(ws).export(tmp_path / "x.xlsx", member=99))
    with pytest.raises(ValidationError, match=r"\.xlsx"):
        run(_excel(ws).export(tmp_path / "x.csv"))


def test_a_cancelled_export_leaves_no_file(ws: Workspace, tmp_path: Path) -> None:
    stop = CancelToken()
    stop.cancel()
    with pytest.raises(Cancelled):
        run(_excel(ws).export(tmp_path / "gone.xlsx", cancel=stop))
    assert list(tmp_path.glob("*.xlsx")) == [] and list(tmp_path.glob(".*partial*")) == []


# -- batch sheets ------------------------------------------------------------------------------
def _sheet(path: Path, header: list[Any], rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["三月积分调整"])  # a title above the header
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


BATCH = [  # sheet rows 3…
    [1, None, None, 50, "猜谜第4期"],  # 3: ok, +50
    [None, "wmA002", None, "+３０分", None],  # 4: ok by customer id, the file's reason
    [None, None, "13800000003", -20, "兑换修正"],  # 5: ok by phone, −20
    [None, None, "13900000005", 10, None],  # 6: the phone of two members
    [4, None, None, 12.5, None],  # 7: not whole
    [1, None, None, 5, "again"],  # 8: member 1 again
    [999, None, None, 5, None],  # 9: unknown
    [4, None, None, -10, None],  # 10: more than member 4 has
    [6, None, None, "五十", None],  # 11: text
    [1, "wmA004", None, 5, None],  # 12: number and id name different members
]


def test_preview_refuses_the_bad_rows_apply_once_undo_reverses(
        ws: Workspace, tmp_path: Path) -> None:
    file = _sheet(tmp_path / "三月.xlsx", ["客户编号", "客户ID", "手机号", "积分", "原因"], BATCH)
    excel = _excel(ws)
    before = dict(ws.reader().execute("SELECT id, points FROM members"))
    count = ws.reader().execute("SELECT count(*) FROM points_entries").fetchone()[0]
    plan = run(excel.plan(file, reason="三月调整"))
    assert [(line.row, line.member_id, line.amount, line.reason) for line in plan.lines] == [
        (3, 1, 50, "猜谜第4期"), (4, 2, 30, "三月调整"), (5, 3, -20, "兑换修正")]
    assert (plan.members, plan.given, plan.taken, plan.header_row) == (3, 80, 20, 2)
    refused = {r.row: (r.column, r.reason, r.reason_en) for r in plan.refused}
    assert sorted(refused) == [6, 7, 8, 9, 10, 11, 12]
    assert refused[6][0] == "手机号" and "对应 2 位客户" in refused[6][1]
    assert refused[7][0] == "积分" and "必须是整数" in refused[7][1] and "whole" in refused[7][2]
    assert refused[8][0] == "客户编号" and "已在第 3 行出现" in refused[8][1]
    assert "找不到客户编号为“999”" in refused[9][1] and "No member" in refused[9][2]
    assert refused[10][0] == "积分" and "只有 0 分可用" in refused[10][1]
    assert "不是数字" in refused[11][1]
    assert "指向不同的客户" in refused[12][1]
    assert ws.reader().execute("SELECT count(*) FROM points_entries").fetchone()[0] == count

    done = run(excel.apply(plan))
    assert (done.entries, done.given, done.taken) == (3, 80, 20)
    conn = ws.reader()
    after = dict(conn.execute("SELECT id, points FROM members"))
    assert after == {**before, 1: 160, 2: 135, 3: 80}
    rows = conn.execute("SELECT member_id, amount, kind, source, source_ref, key, expires_at "
                        "FROM points_entries WHERE source = 'import' ORDER BY seq").fetchall()
    # applied on T1 (4-15): points earned in April are valid through May
    may_end = int(datetime(2026, 6, 1, tzinfo=TZ).timestamp())
    assert rows == [(1, 50, "earn", "import", "三月.xlsx 第3行", f"sheet:{plan.file_key}:1", may_end),
                    (2, 30, "earn", "import", "三月.xlsx 第4行", f"sheet:{plan.file_key}:2", may_end),
                    (3, -20, "adjust", "import", "三月.xlsx 第5行", f"sheet:{plan.file_key}:3",
                     None)]

    again = run(excel.plan(file, reason="三月调整"))
    assert not again.lines and len(again.already) == 3  # the same file adds nothing
    assert run(excel.apply(again)).entries == 0

    assert done.batch_id is not None
    run(WorkspaceService(ws).undo(done.batch_id))
    conn = ws.reader()
    assert dict(conn.execute("SELECT id, points FROM members")) == before
    assert ledger.balance_mismatches(conn) == (0, [])
    assert P.verify_chain(ledger.walk(conn))[1] is None


def test_the_rejects_file_lists_the_refused_rows_and_imports_once_fixed(
        ws: Workspace, tmp_path: Path) -> None:
    file = _sheet(tmp_path / "三月.xlsx", ["客户编号", "客户ID", "手机号", "积分", "原因"], BATCH)
    excel = _excel(ws)
    plan = run(excel.plan(file, reason="三月调整"))
    run(excel.apply(plan))
    rejects = tmp_path / "未导入.xlsx"
    assert run(excel.save_rejects(plan, rejects)) == 7
    book = openpyxl.load_workbook(rejects)
    rows = _rows(book.active)
    assert rows[0] == ("错误原因", "客户编号", "客户ID", "手机号", "积分", "原因", "批次")
    assert [r[1:6] for r in rows[1:]] == [tuple(None if c is None else c for c in b) for b in
                                         BATCH[3:]]
    assert rows[2][0].startswith("「积分」列：积分必须是整数")
    assert {r[6] for r in rows[1:]} == {plan.file_key}
    assert book.active.column_dimensions["A"].width > 30  # the reasons can be read
    # the operator fixes two rows and imports the rejects file
    fixed = openpyxl.load_workbook(rejects)
    sheet = fixed.active
    assert sheet is not None
    sheet["E3"] = 12  # row 7: member 4, 12 points
    sheet["E7"] = 50  # row 11: member 6, 50 points
    fixed.save(rejects)
    second = run(excel.plan(rejects, reason="三月调整"))
    assert [(line.member_id, line.amount) for line in second.lines] == [(4, 12), (6, 50)]
    assert [line.member_id for line in second.already] == [1]  # the "member 1 again" row
    assert all(line.key.startswith(f"sheet:{plan.file_key}:") for line in second.lines)
    run(excel.apply(second))
    assert dict(ws.reader().execute("SELECT id, points FROM members WHERE id IN (4, 6)")) == {
        4: 12, 6: 50}


def test_a_gbk_csv_by_phone_with_a_key(ws: Workspace, tmp_path: Path) -> None:
    file = tmp_path / "发放.csv"
    file.write_bytes("手机号,积分,批次\n13800000001,20,\n13800000003,\"1,000\",b2\n"
                     "13900000005,5,\n".encode("gbk"))
    excel = _excel(ws)
    plan = run(excel.plan(file, reason="线下活动", key="k7"))
    assert [(line.member_id, line.amount, line.key) for line in plan.lines] == [
        (1, 20, "sheet:k7:1"), (3, 1000, "sheet:b2:3")]
    assert plan.refused[0].row == 4 and "对应 2 位客户" in plan.refused[0].reason
    run(excel.apply(plan))
    same_key = _sheet(tmp_path / "other.xlsx", ["手机号", "积分"], [["13800000001", 99]])
    assert not run(excel.plan(same_key, reason="x", key="k7")).lines  # k7 gave member 1 already


def test_broken_files_fail_in_words(ws: Workspace, tmp_path: Path) -> None:
    excel = _excel(ws)
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a zip at all" * 10)
    for bad, words in ((empty, "文件是空的"), (junk, "损坏"),
                       (tmp_path / "missing.xlsx", "找不到这个文件")):
        with pytest.raises(ImportFormatError, match=words):
            run(excel.plan(bad, reason="x"))
    cases = [(["手机号", "备注"], [["13800000001", "x"]], ImportFormatError, "没有找到「积分」列"),
             (["手机号", "积分余额"], [["13800000001", 5]], ImportFormatError, "是余额"),
             (["积分", "原因"], [[5, "x"]], ImportFormatError, "没有找到能识别客户的列"),
             (["手机号", "积分"], [], ValidationError, "表头下面没有数据"),
             (["手机号", "积分"], [["13800000001", 5]], ValidationError, "请写明积分的原因")]
    for header, rows, error, words in cases:
        file = _sheet(tmp_path / "case.xlsx", header, rows)
        with pytest.raises(error) as exc:
            run(excel.plan(file))
        assert words in exc.value.message and exc.value.english != exc.value.message
    with pytest.raises(ValidationError, match="冒号"):
        run(excel.plan(file, reason="x", key="a:b"))
    statement = run(excel.export(tmp_path / "st.xlsx", member=1)).path
    with pytest.raises(ImportFormatError, match="积分明细"):
        run(excel.plan(statement, reason="x"))


def test_a_cancelled_apply_writes_nothing(ws: Workspace, tmp_path: Path) -> None:
    file = _sheet(tmp_path / "b.xlsx", ["客户编号", "积分", "原因"], [[1, 5, "x"], [2, 6, "y"]])
    excel = _excel(ws)
    plan = run(excel.plan(file))
    count = ws.reader().execute("SELECT count(*) FROM points_entries").fetchone()[0]
    stop = CancelToken()
    stop.cancel()
    with pytest.raises(Cancelled):
        run(excel.apply(plan, cancel=stop))
    assert ws.reader().execute("SELECT count(*) FROM points_entries").fetchone()[0] == count


def test_apply_refuses_when_the_balance_changed_since_the_preview(
        ws: Workspace, tmp_path: Path) -> None:
    file = _sheet(tmp_path / "b.xlsx", ["客户编号", "积分", "原因"], [[3, -100, "清零"]])
    excel = _excel(ws)
    plan = run(excel.plan(file))
    assert plan.lines
    run(PointsService(ws).award([3], -50, "兑换", "spent"))
    with pytest.raises(ValidationError) as exc:
        run(excel.apply(plan))
    assert "积分不够" in exc.value.message and "preview again" in exc.value.english_hint
    assert ws.reader().execute("SELECT points FROM members WHERE id = 3").fetchone()[0] == 50


# -- CLI ---------------------------------------------------------------------------------------
def test_cli_export_import_dry_run_rejects_and_undo(
        ws: Workspace, path: Path, tmp_path: Path, capsys: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the CLI runs on the real clock, when the fixture's March points have long expired: gifts
    file = _sheet(tmp_path / "三月.xlsx", ["客户编号", "积分", "原因"],
                  [[1, 50, "猜谜第4期"], [2, 30, None], [999, 5, None], [3, "12.5", None]])
    ws.close()
    args = ["--workspace", str(path), "points"]
    assert cli.main([*args, "export", str(tmp_path / "seg.xlsx"), "--segment", "黑金"]) == 0
    assert "已导出 2 位客户的 3 条积分流水" in capsys.readouterr().out
    assert cli.main([*args, "export", str(tmp_path / "x.xlsx"), "--segment", "没有"]) == 1
    assert "找不到人群包" in capsys.readouterr().err

    rejects = tmp_path / "rejects.xlsx"
    code = cli.main([*args, "import", str(file), "--reason", "三月调整", "--dry-run",
                     "--rejects", str(rejects)])
    out = capsys.readouterr().out
    assert code == 1  # rows were refused
    assert "可以导入 2 行：2 位客户，发放 +80，扣回 −0" in out and "第 6 行\t「积分」列" in out
    assert "试运行" in out and rejects.exists()
    assert cli.main([*args, "import", str(file), "--reason", "三月调整"]) == 1
    out = capsys.readouterr().out
    batch = out.rsplit("siyu undo", 1)[1].strip()
    assert "已记入 2 条：发放 +80" in out
    assert cli.main([*args, "import", str(file), "--reason", "三月调整"]) == 1
    assert "已经导入过" in capsys.readouterr().out
    monkeypatch.setenv("SIYU_LANG", "en")
    assert cli.main([*args, "import", str(file), "--reason", "x", "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "2 rows already applied" in out and "Row 6\t积分 column: Points must be" in out
    assert cli.main([*args, "import", str(tmp_path / "nope.xlsx")]) == 1
    assert "Error: File not found." in capsys.readouterr().err
    monkeypatch.delenv("SIYU_LANG")
    assert cli.main(["--workspace", str(path), "undo", batch]) == 0
    capsys.readouterr()
    assert cli.main([*args, "check"]) == 0
    with Workspace.open(path) as again:
        assert dict(again.reader().execute("SELECT id, points FROM members WHERE id <= 3")) == {
            1: 110, 2: 105, 3: 100}
