"""Operation summaries are stored as template + values and rendered in the operator's language."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from siyu_desktop.domain import summaries


def test_a_summary_with_values_renders_in_chinese_and_through_a_translation() -> None:
    stored = summaries.summary("给 {n} 位客户添加标签“{tag}”", n=19736, tag="女")
    assert summaries.render(stored) == "给 19,736 位客户添加标签“女”"
    english = {"给 {n} 位客户添加标签“{tag}”": 'Tagged {n} members "{tag}"'}
    assert summaries.render(stored, lambda t: english.get(t, t)) == 'Tagged 19,736 members "女"'


def test_plain_and_old_summaries_render_as_they_are() -> None:
    assert summaries.summary("编辑客户资料") == "编辑客户资料"
    assert summaries.render("编辑客户资料", {"编辑客户资料": "Edit member"}.get) == "Edit member"
    assert summaries.render("导入「a.xlsx」：新增 3 位") == "导入「a.xlsx」：新增 3 位"  # written before
    assert summaries.render('{"t": broken') == '{"t": broken'


def test_a_translation_that_lost_a_placeholder_falls_back_to_the_template() -> None:
    stored = summaries.summary("新建标签“{name}”", name="女")
    assert summaries.render(stored, lambda t: "New tag {nom}") == "新建标签“女”"


@given(st.text(), st.text())
def test_any_values_round_trip(name: str, other: str) -> None:
    stored = summaries.summary("标签“{name}”改名为“{new}”", name=name, new=other)
    assert summaries.parts(stored) == ("标签“{name}”改名为“{new}”", {"name": name, "new": other})
    assert summaries.render(stored) == f"标签“{name}”改名为“{other}”"
