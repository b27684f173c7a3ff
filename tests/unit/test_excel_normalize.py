"""Row normalisation: phones, dates, tags, limits, problems, duplicates."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from siyu_desktop.excel.mapping import auto_map
from siyu_desktop.excel.normalize import (
    CellProblem,
    RosterRow,
    format_tags,
    merge_duplicates,
    normalise_row,
    normalise_rows,
    parse_added_at,
    parse_birthday,
    parse_tags,
)
from siyu_desktop.excel.reader import SheetRow

SH = ZoneInfo("Asia/Shanghai")
HEADER = ["客户名称", "手机号", "客户ID", "会员等级", "生日", "添加时间", "标签", "积分", "所在群",
          "跟进人", "性别", "备注", "unionid", "渠道", "爱好"]
MAPPING = auto_map(HEADER)


def norm(**cells: object) -> RosterRow | list[CellProblem]:
    by_label = {"name": "客户名称", "phone": "手机号", "ext": "客户ID", "level": "会员等级",
                "birthday": "生日", "added": "添加时间", "tags": "标签", "points": "积分",
                "groups": "所在群", "staff": "跟进人", "gender": "性别", "remark": "备注",
                "unionid": "unionid", "channel": "渠道", "hobby": "爱好"}
    row: list[object] = [""] * len(HEADER)
    for key, value in cells.items():
        row[HEADER.index(by_label[key])] = value
    return normalise_row(row, MAPPING, row_number=7)  # type: ignore[arg-type]


def ok(**cells: object) -> RosterRow:
    result = norm(**cells)
    assert isinstance(result, RosterRow), result
    return result


def problems(**cells: object) -> list[str]:
    result = norm(**cells)
    assert isinstance(result, list), result
    return [p.reason for p in result]


@pytest.mark.parametrize(
    "value",
    ["13812345678", 13812345678, 13812345678.0, "+86 138 1234 5678", "138-1234-5678",
     "0086 13812345678", "１３８１２３４５６７８", "13812345678\u200b", "1.3812345678E+10"],
)
def test_phone_variants(value: object) -> None:
    assert ok(name="张三", phone=value).phone == "13812345678"


def test_phone_problems() -> None:
    assert "科学计数法" in problems(name="张三", phone="1.38123E+10")[0]
    assert problems(name="张三", phone="12345") == ["不是有效的手机号"]
    assert problems(name="张三", phone=13812345678.5) == ["不是有效的手机号"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(1990, 5, 1), "1990-05-01"), (dt.datetime(1990, 5, 1, 0, 0), "1990-05-01"),
        (32994, "1990-05-01"), (32994.0, "1990-05-01"), ("1990/5/1", "1990-05-01"),
        ("1990-05-01", "1990-05-01"), ("1990.5.1", "1990-05-01"), ("1990年5月1日", "1990-05-01"),
        ("19900501", "1990-05-01"), (19900501, "1990-05-01"), ("5月1日", "--05-01"),
        ("05-01", "--05-01"), ("--05-01", "--05-01"), ("2月29日", "--02-29"),
        ("１９９０年５月１日", "1990-05-01"),
    ],
)
def test_birthday_formats(value: object, expected: str) -> None:
    assert parse_birthday(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["2023-02-30", "2月30日", "13/45", "生日", "1850-01-01", "3000-01-01"])
def test_impossible_birthdays(value: str) -> None:
    reasons = problems(name="张三", birthday=value)
    assert len(reasons) == 1 and ("日期" in reasons[0] or "年份" in reasons[0])


def test_added_at_in_workspace_zone_stored_utc() -> None:
    expected = int(dt.datetime(2023, 5, 1, 6, 3, tzinfo=dt.UTC).timestamp())
    for value in ["2023-05-01 14:03", "2023/5/1 14:03:00", "2023年5月1日 14:03",
                  dt.datetime(2023, 5, 1, 14, 3), 45047 + (14 * 60 + 3) / 1440,
                  "2023-05-01T06:03:00Z", "2023-05-01 15:03+09:00", expected]:
        assert parse_added_at(value, SH) == expected, value  # type: ignore[arg-type]
    assert parse_added_at("2023-05-01", SH) == expected - (14 * 60 + 3) * 60
    utc_midnight = parse_added_at("2023-05-01 14:03", ZoneInfo("UTC"))
    assert utc_midnight - expected == 8 * 3600


def test_tags_split_and_groups() -> None:
    assert parse_tags("兴趣:猫粮，兴趣：冻干、新客|老客;VIP；新客") == (
        ("兴趣", "猫粮"), ("兴趣", "冻干"), (None, "新客"), (None, "老客"), (None, "VIP"))
    assert parse_tags("a\nb") == ((None, "a"), (None, "b"))
    assert parse_tags(format_tags([("兴趣", "猫粮"), (None, "新客"), ("组,1", "a:b")])) == (
        ("兴趣", "猫粮"), (None, "新客"), ("组/1", "a/b"))
    assert "只有分组" in problems(name="张三", tags="兴趣:")[0]


def test_full_row() -> None:
    row = ok(name=" 张\u3000三\u200b ", phone="13812345678", ext=" wmABC ", level="金卡",
             birthday="5月1日", added="2023-05-01 14:03", tags="兴趣:猫粮、新客", points="1,200",
             groups="福利1群、会员群", staff="王小明，李雷", gender="女", remark="备注  文字",
             unionid="oUnion", channel="包裹卡", hobby="跑步")
    assert row == RosterRow(  # name and remark as typed: ends trimmed, invisibles dropped
        name="张\u3000三", phone="13812345678", external_userid="wmABC", unionid="oUnion", level=2,
        channel="包裹卡", birthday="--05-01", added_at=1682920980, staff=("王小明", "李雷"),
        groups=("福利1群", "会员群"), tags=(("兴趣", "猫粮"), (None, "新客")), points=1200,
        remark="备注  文字", gender=2, extras={"爱好": "跑步"})
    assert row.source_rows == (7,)


def test_every_problem_in_a_row_is_reported_with_its_cell() -> None:
    result = norm(name="张三", level="钻石", points=-3, gender="?", phone="abc")
    assert isinstance(result, list)
    assert {(p.field, p.column) for p in result} == {
        ("level", 3), ("points", 7), ("gender", 10), ("phone", 1)}
    assert all(p.row == 7 for p in result)
    level = next(p for p in result if p.field == "level")
    assert level.describe().startswith("会员等级「钻石」：") and "金卡" in level.describe()
    assert problems(name="张三", points=1.5) == ["应为整数，不能有小数"]


def test_long_values_refused_per_cell() -> None:
    result = norm(name="张" * 65, remark="好" * 900, hobby="x" * 1001)
    assert isinstance(result, list)
    assert {p.field for p in result} == {"name", "爱好"}
    assert "最多 64 字" in result[0].reason


def test_row_without_identity() -> None:
    assert "无法知道是谁" in problems(level="金卡")[0]
    assert ok(phone="13812345678").name == ""


def test_duplicates_merge_later_wins_and_unions() -> None:
    def row(n: int, **kw: object) -> RosterRow:
        return RosterRow(source_rows=(n,), **kw)  # type: ignore[arg-type]

    rows = [
        row(2, name="张三", external_userid="wm1", phone="13812345678", tags=((None, "a"),), points=1),
        row(3, name="李四", phone="13987654321"),
        row(4, name="张三丰", external_userid="wm1", tags=((None, "b"),), groups=("g1",)),
        row(5, name="", phone="13812345678", remark="来自手机号", points=None),
        row(6, name="王五", external_userid="wm9", phone="13987654321"),  # phone of 李四, no id there
        row(7, name="赵六", external_userid="wm7", phone="13812345678"),  # same phone, other id
    ]
    merged, notes = merge_duplicates(rows)
    assert [m.name for m in merged] == ["张三丰", "王五", "赵六"]
    first = merged[0]
    assert first.tags == ((None, "a"), (None, "b")) and first.groups == ("g1",)
    assert first.points == 1 and first.remark == "来自手机号" and first.phone == "13812345678"
    assert first.source_rows == (2, 4, 5)
    assert [(n.key, n.rows, n.conflicts) for n in notes] == [
        ("external_userid:wm1", (2, 4, 5), ("name",)),
        ("phone:13987654321", (3, 6), ("name",)),
    ]


def test_normalise_rows_splits_good_and_rejected() -> None:
    data = [SheetRow(2, ["张三", "13812345678"]), SheetRow(3, ["李四", "123"]),
            SheetRow(4, ["张三", "138 1234 5678"])]
    seen: list[int] = []
    result = normalise_rows(data, auto_map(["客户名称", "手机号"]), progress=seen.append)
    assert [r.name for r in result.rows] == ["张三"]
    assert result.rejected[0][0].number == 3 and len(result.merges) == 1
    assert seen == [3]


def test_repeated_cells_parse_the_same_every_time() -> None:
    """Low-variety fields are parsed once per distinct cell and remembered for the file: a bad
    value is refused on every row it appears in, and 1 / 1.0 / True stay different cells."""
    mapping = auto_map(["客户名称", "会员等级", "生日", "积分", "跟进人"])
    data = [SheetRow(n, [f"客户{n}", level, birthday, points, "小王、小李"])
            for n, (level, birthday, points) in enumerate(
                [("金卡", "2月30日", 1), ("金卡", "2月30日", 1.0), ("钻石卡", "1990/5/1", True),
                 ("金卡", "1990/5/1", 1), ("钻石卡", "1990-05-01", 1.5)], start=2)]
    result = normalise_rows(data, mapping)
    reasons = {row.number: [p.field for p in problems] for row, problems in result.rejected}
    assert reasons == {2: ["birthday"], 3: ["birthday"], 4: ["level", "points"],
                       6: ["level", "points"]}
    (good,) = result.rows
    assert (good.name, good.birthday, good.points, good.staff) == (
        "客户5", "1990-05-01", 1, ("小王", "小李"))
    again = normalise_rows(data, mapping)  # a second file: same answers
    assert [(r.number, [p.reason for p in ps]) for r, ps in again.rejected] == \
        [(r.number, [p.reason for p in ps]) for r, ps in result.rejected]
