"""Header detection, column mapping and totals rows."""

from __future__ import annotations

import pytest

from siyu_desktop.errors import ImportFormatError
from siyu_desktop.excel.mapping import (
    TOTALS_LOOKBACK,
    ColumnMapping,
    auto_map,
    detect_header,
    drop_totals,
    header_signature,
    is_totals_row,
    match_field,
)
from siyu_desktop.excel.reader import SheetRow


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("客户名称", "name"), ("昵称", "name"), ("姓名", "name"), ("Name", "name"), ("微信昵称", "name"),
        ("手机号", "phone"), ("手机", "phone"), ("联系电话", "phone"), ("Mobile", "phone"),
        ("phone", "phone"), ("手机号码（必填）", "phone"), ("*手机号", "phone"),
        ("标签", "tags"), ("Tags", "tags"), ("客户标签", "tags"), ("企业标签", "tags"),
        ("会员等级", "level"), ("等级", "level"), ("level", "level"),
        ("渠道", "channel"), ("来源", "channel"), ("channel", "channel"),
        ("生日", "birthday"), ("birthday", "birthday"),
        ("添加时间", "added_at"), ("加好友时间", "added_at"), ("added", "added_at"),
        ("跟进人", "staff"), ("所属员工", "staff"), ("添加人", "staff"), ("staff", "staff"),
        ("积分", "points"), ("points", "points"),
        ("external_userid", "external_userid"), ("客户ID", "external_userid"),
        ("外部联系人ID", "external_userid"), ("External UserID", "external_userid"),
        ("所在群", "groups"), ("群聊", "groups"), ("group", "groups"),
        ("备注", "remark"), ("remark", "remark"), ("unionid", "unionid"), ("UnionID", "unionid"),
        ("性别", "gender"), ("gender", "gender"), ("客 户 名 称", "name"), ("ＭＯＢＩＬＥ", "phone"),
    ],
)
def test_header_aliases(header: str, field: str) -> None:
    found = match_field(header)
    assert found is not None and found[0] == field


@pytest.mark.parametrize("header", ["", "错误原因", "序号", "颜色偏好", "订单金额"])
def test_unknown_or_ignored_headers(header: str) -> None:
    assert match_field(header) is None


def test_auto_map_keeps_extras_and_first_of_duplicates() -> None:
    header = ["序号", "昵称", "客户名称", "手机号", "颜色偏好", "", "备注", "手机", "错误原因"]
    mapping = auto_map(header)
    # 客户名称 is a better alias than 昵称, so it wins although it is further right
    assert mapping.fields == {"name": 2, "phone": 3, "remark": 6}
    assert mapping.extras == {"昵称": 1, "颜色偏好": 4, "手机": 7}
    assert mapping.problems() == []


def test_mapping_corrections_and_json_round_trip() -> None:
    mapping = auto_map(["客户名称", "电话号码", "会员卡"])
    changed = mapping.with_field("level", 2).with_field("phone", None)
    assert changed.fields == {"name": 0, "level": 2}
    assert changed.extras == {}
    again = ColumnMapping.from_json(changed.to_json())
    assert again == changed
    assert "客户名称" in ColumnMapping(signature="x").problems()[0]
    with pytest.raises(ValueError):
        mapping.with_field("shoe_size", 1)
    with pytest.raises(ValueError):
        ColumnMapping.from_json('{"version": 99}')


def test_signature_ignores_spacing_and_width_but_not_columns() -> None:
    assert header_signature(["客户名称", "手机号"]) == header_signature([" 客户 名称 ", "手机号\u200b"])
    assert header_signature(["客户名称", "手机号"]) != header_signature(["手机号", "客户名称"])
    assert auto_map(["客户名称", "手机号"]).signature == header_signature(["客户名称", "手机号"])


def rows(*cells: list[object]) -> list[SheetRow]:
    return [SheetRow(i + 1, list(c)) for i, c in enumerate(cells)]


def test_header_under_title_rows_and_merged_banner() -> None:
    found = detect_header(rows(
        ["某某宠物 2024 年 会员名单（含手机号、标签）"],
        ["导出时间：2024-05-01"],
        ["客户名称", "手机号", "标签"],
        ["张三", "13812345678", "新客"],
    ))
    assert (found.index, found.row_number) == (2, 3)


def test_header_falls_back_to_densest_text_row() -> None:
    found = detect_header(rows(
        ["会员名单"],
        ["顾客", "联络", "喜好", "城市"],
        ["张三", 13812345678, "猫粮", "上海"],
    ))
    assert found.index == 1
    with pytest.raises(ImportFormatError):
        detect_header([])


@pytest.mark.parametrize("cells", [["合计", "", 120], ["", "总计：", 3], ["Total", 5], ["合计：1,234 人"]])
def test_totals_rows(cells: list[object]) -> None:
    assert is_totals_row(cells)


def test_only_totals_rows_at_the_bottom_are_dropped() -> None:
    data = rows(["张三", 1], ["小计", 1], ["李四", 2], ["合计", 3], ["总计", 3])
    dropped: list[int] = []
    kept = list(drop_totals(data, dropped))
    assert [r.cells[0] for r in kept] == ["张三", "小计", "李四"]
    assert dropped == [4, 5]
    assert not is_totals_row(["张三", "合计"])


def test_totals_at_the_bottom_of_a_long_sheet_are_dropped_and_order_kept() -> None:
    body = [[f"客户{i}", i] for i in range(TOTALS_LOOKBACK * 3)]
    body.insert(5, ["合计", 9])  # in the middle: kept
    data = rows(*body, ["合计", 1], ["平均", 2], ["总计：", 3])
    dropped: list[int] = []
    kept = list(drop_totals(data, dropped))
    assert [r.cells[0] for r in kept] == [c[0] for c in body] + ["合计", "平均"]
    assert dropped == [len(body) + 3]
    assert list(drop_totals(rows(["合计", 1]), dropped)) == []
