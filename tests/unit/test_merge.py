"""The import merge policy (domain/merge.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from siyu_desktop.domain.merge import IMPORT_FIELDS, field_changes, merge_extras


def test_blank_cells_never_erase() -> None:
    current = {"name": "张三", "phone": "13800000000", "remark": "老客户", "level": 2}
    assert field_changes(current, [("name", ""), ("phone", None), ("remark", ""),
                                   ("level", None)]) == []


def test_what_the_file_says_replaces_level_and_points_included() -> None:
    current = {"name": "张三", "level": 3, "points": 500, "remark": "旧"}
    incoming = [("name", "张三"), ("level", 1), ("points", 20), ("remark", "新")]
    assert field_changes(current, incoming) == [("level", 3, 1), ("points", 500, 20),
                                                ("remark", "旧", "新")]


def test_zero_is_a_value_not_a_blank() -> None:
    assert field_changes({"points": 80, "gender": 1}, [("points", 0), ("gender", 0)]) == [
        ("points", 80, 0), ("gender", 1, 0)]


def test_fields_outside_the_import_are_never_written() -> None:
    assert field_changes({"note": "a"}, [("note", "b"), ("updated_at", 1),
                                         ("name_pinyin", "x")]) == []


def test_extras_merge_key_by_key() -> None:
    merged, changed = merge_extras({"会员卡号": "A1", "城市": "上海"}, {"城市": "杭州", "门店": "西湖店"})
    assert merged == {"会员卡号": "A1", "城市": "杭州", "门店": "西湖店"}
    assert changed == [("城市", "上海", "杭州"), ("门店", None, "西湖店")]
    assert merge_extras({"城市": "上海"}, {"城市": "上海", "门店": ""}) == ({"城市": "上海"}, [])


values = st.one_of(st.none(), st.just(""), st.integers(0, 3), st.sampled_from(["a", "b"]))
members = st.dictionaries(st.sampled_from(sorted(IMPORT_FIELDS)), values)
files = st.lists(st.tuples(st.sampled_from(sorted(IMPORT_FIELDS)), values), unique_by=lambda t: t[0])


@given(members, files)
def test_applying_the_changes_gives_the_file_over_the_member(
        current: dict[str, object], incoming: list[tuple[str, object]]) -> None:
    after = dict(current)
    after.update({f: new for f, _old, new in field_changes(current, incoming)})
    for name, value in incoming:
        assert after.get(name) == (current.get(name) if value in (None, "") else value)
    assert field_changes(after, incoming) == []  # a second import of the same file: nothing
