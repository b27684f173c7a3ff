"""The pure rules of a points spreadsheet: amount cells, member number cells, batch keys, which
member a row means, and the header's columns."""

from __future__ import annotations

import pytest

from siyu_desktop.domain import points_sheet as rules
from siyu_desktop.errors import ImportFormatError
from siyu_desktop.excel.points_sheet import find_columns, match_columns
from siyu_desktop.excel.reader import SheetRow


@pytest.mark.parametrize(("cell", "amount"), [
    (50, 50), (50.0, 50), (-20, -20), (-20.0, -20), ("50", 50), ("+50", 50), ("-20", -20),
    ("50分", 50), ("50 积分", 50), ("－２０", -20), ("＋５０", 50), ("５０", 50), ("−20", -20),
    (" 1,000 ", 1000), ("１，０００", 1000), ("50.0", 50), ("+ 30", 30), ("30 points", 30),
    (1_000_000, 1_000_000),
])
def test_amount_cells_that_read(cell: object, amount: int) -> None:
    assert rules.parse_amount(cell) == amount


@pytest.mark.parametrize(("cell", "words"), [
    (0, "为 0"), ("0", "为 0"), ("-0", "为 0"), (0.0, "为 0"),
    (12.5, "必须是整数"), ("12.5", "必须是整数"), ("-0.5", "必须是整数"),
    ("五十", "不是数字"), ("abc", "不是数字"), ("50元", "不是数字"), ("1,00", "不是数字"),
    (True, "不是数字"), (None, "没有填写"), ("", "没有填写"), ("  ", "没有填写"),
    (13812345678, "超过单行上限"), ("-1000001", "超过单行上限"), (float("nan"), "必须是整数"),
])
def test_amount_cells_that_are_refused_in_words(cell: object, words: str) -> None:
    with pytest.raises(rules.CellError) as exc:
        rules.parse_amount(cell)
    assert words in exc.value.message
    assert exc.value.english and exc.value.english != exc.value.message


def test_member_numbers() -> None:
    assert rules.parse_member_id(12) == 12
    assert rules.parse_member_id(12.0) == 12
    assert rules.parse_member_id(" １２ ") == 12
    for bad in (0, -3, 1.5, "12a", True, ""):
        with pytest.raises(rules.CellError):
            rules.parse_member_id(bad)


def test_batch_keys() -> None:
    assert rules.check_key(" 双十二 ") == "双十二"
    for bad, words in (("", "empty"), ("a:b", "colon"), ("x" * 65, "too long")):
        with pytest.raises(rules.CellError, match=words):
            rules.check_key(bad)
    assert rules.row_key("k1", 7) == "sheet:k1:7"
    one = rules.content_key([b"abc", b"def"])
    assert one == rules.content_key([b"abcdef"]) != rules.content_key([b"abcdeg"])
    assert ":" not in one


def _look(label: str, value: str, *members: int) -> rules.Lookup:
    return rules.Lookup(label, label, value, members)


def test_pick_member_takes_the_cell_that_names_one_member() -> None:
    assert rules.pick_member([_look("客户编号", "3", 3)]) == 3
    # the phone is shared by two members, the number names one of them
    assert rules.pick_member([_look("客户编号", "3", 3), _look("手机号", "139", 3, 4)]) == 3
    # an unknown customer id beside a phone that names one member: the phone decides
    assert rules.pick_member([_look("客户ID", "wmX"), _look("手机号", "139", 5)]) == 5


@pytest.mark.parametrize(("found", "words"), [
    ([], "没有能识别客户的信息"),
    ([rules.Lookup("客户编号", "member number", "9", ())], "找不到客户编号为“9”的客户"),
    ([rules.Lookup("手机号", "phone", "139", (4, 5))], "对应 2 位客户"),
    ([rules.Lookup("客户编号", "member number", "3", (3,)),
      rules.Lookup("手机号", "phone", "139", (4,))], "指向不同的客户"),
])
def test_pick_member_refuses(found: list[rules.Lookup], words: str) -> None:
    with pytest.raises(rules.CellError) as exc:
        rules.pick_member(found)
    assert words in exc.value.message


def test_reasons_are_one_line_and_bounded() -> None:
    assert rules.tidy_reason("  猜谜\n第 3 期 ") == "猜谜 第 3 期"
    assert rules.tidy_reason(None) == ""
    with pytest.raises(rules.CellError) as exc:
        rules.tidy_reason("字" * 201)
    assert "太长" in exc.value.message


def test_header_columns_by_alias() -> None:
    assert match_columns(["序号", "客户ID", "手机号码", "积分（正数发放）", "发放原因", "批次号"]) == {
        "external_userid": 1, "phone": 2, "amount": 3, "reason": 4, "batch": 5}
    # the rejects file's own reason column is not the 原因 column; a balance is not an amount
    assert match_columns(["错误原因", "客户编号", "积分余额", "积分"]) == {"member_id": 1,
                                                                "amount": 3}


def test_header_found_below_a_title_and_refusals() -> None:
    rows = [SheetRow(1, ["三月积分发放"]), SheetRow(2, ["手机号", "积分"]), SheetRow(3, ["1", 2])]
    index, cols = find_columns(rows)
    assert (index, cols.header.number, cols.fields) == (1, 2, {"phone": 0, "amount": 1})
    for cells, words in ((["手机号", "姓名"], "没有找到「积分」列"),
                         (["客户名称", "积分"], "没有找到能识别客户的列"),
                         (["手机号", "积分余额"], "是余额"),
                         (["客户编号", "积分", "变动后余额", "流水号"], "积分明细")):
        with pytest.raises(ImportFormatError, match=words):
            find_columns([SheetRow(1, cells)])
    with pytest.raises(ImportFormatError, match="空的"):
        find_columns([])
