"""Workspace settings: defaults in code, every refusal in the operator's words, and what is stored
reads back as what was saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from siyu_desktop.domain import workspace_settings as ws_rules
from siyu_desktop.domain.workspace_settings import WorkspaceSettings
from siyu_desktop.errors import ValidationError


def test_defaults_follow_the_current_wecom_rule_and_beijing_time() -> None:
    s = WorkspaceSettings()
    assert s.timezone == "Asia/Shanghai" and s.zone.key == "Asia/Shanghai"
    assert s.mass_message_cap == ws_rules.CAP_MONTH_DAYS  # reference/wecom-api.md §5, 2025-11
    assert s.send_hours == (time(9), time(21))
    assert s.brand == "" and s.import_tag_group == ""
    assert ws_rules.parse({}) == s


def test_parse_ignores_unknown_keys_and_missing_values() -> None:
    s = ws_rules.parse({"brand": " 毛孩子食堂 ", "timezone": "UTC", "points_rule": "x",
                        "send_start": None, "send_end": "9:30"})
    assert s == WorkspaceSettings(brand="毛孩子食堂", timezone="UTC", send_end="09:30")


@pytest.mark.parametrize(("data", "words"), [
    ({"timezone": "Mars/Base"}, "不认识时区"),
    ({"timezone": "../../etc/passwd"}, "不认识时区"),
    ({"timezone": ""}, "不认识时区"),
    ({"mass_message_cap": "4_month"}, "群发上限规则"),
    ({"send_start": "25:00"}, "不是有效的时间"),
    ({"send_start": "9点"}, "不是有效的时间"),
    ({"send_start": "21:00", "send_end": "09:00"}, "必须早于结束"),
    ({"send_start": "09:00", "send_end": "09:00"}, "必须早于结束"),
    ({"brand": "品" * 41}, "品牌名称太长"),
    ({"brand": "a\nb"}, "控制字符"),
    ({"import_tag_group": "组" * 31}, "导入默认标签组"),
])
def test_refusals_say_what_is_wrong(data: dict[str, str], words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ws_rules.parse(data)
    assert words in caught.value.message
    assert caught.value.english and caught.value.english != caught.value.message


def test_an_invalid_settings_object_cannot_be_built() -> None:
    with pytest.raises(ValidationError):
        WorkspaceSettings(send_start="22:00")
    with pytest.raises(ValidationError):
        replace(WorkspaceSettings(), timezone="Nowhere/City")


def test_with_value_names_the_known_keys_for_an_unknown_one() -> None:
    with pytest.raises(ValidationError) as caught:
        ws_rules.with_value(WorkspaceSettings(), "colour", "red")
    assert "没有设置项" in caught.value.message and "timezone" in caught.value.hint
    assert ws_rules.with_value(WorkspaceSettings(), "send_start", " 8:05 ").send_start == "08:05"


def test_describe_value_explains_the_cap_rule() -> None:
    assert "每周最多 7 条" in ws_rules.describe_value("mass_message_cap", "week_7")
    assert ws_rules.describe_value("import_tag_group", "") == "（未设置）"


minutes = st.integers(min_value=0, max_value=24 * 60 - 1)


@given(minutes)
def test_hhmm_round_trips(m: int) -> None:
    t = time(m // 60, m % 60)
    assert ws_rules.parse_hhmm(ws_rules.format_hhmm(t)) == t
    assert ws_rules.parse_hhmm(f"{t.hour}:{t.minute:02d}") == t  # one-digit hours too


@given(st.text(max_size=8))
def test_any_text_is_a_time_or_a_validation_error(text: str) -> None:
    try:
        parsed = ws_rules.parse_hhmm(text)
    except ValidationError as exc:
        assert "不是有效的时间" in exc.message
    else:
        assert ws_rules.format_hhmm(parsed) == f"{parsed.hour:02d}:{parsed.minute:02d}"


settings_strategy = st.builds(
    lambda brand, tz, cap, a, b, group: WorkspaceSettings(
        brand=brand, timezone=tz, mass_message_cap=cap,
        send_start=ws_rules.format_hhmm(time(min(a, b) // 60, min(a, b) % 60)),
        send_end=ws_rules.format_hhmm(time(max(a, b) // 60, max(a, b) % 60)),
        import_tag_group=group),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40) | st.sampled_from("ab 1"),
            max_size=ws_rules.BRAND_MAX).map(str.strip),
    st.sampled_from(["Asia/Shanghai", "UTC", "Europe/Berlin", "America/New_York"]),
    st.sampled_from(list(ws_rules.CAP_RULES)),
    minutes, minutes,
    st.text(st.sampled_from("会员组xy"), max_size=ws_rules.TAG_GROUP_MAX),
).filter(lambda s: s.send_start < s.send_end)


@given(st.data())
def test_what_is_stored_reads_back_as_saved(data: st.DataObject) -> None:
    try:
        s = data.draw(settings_strategy)
    except ValidationError:  # equal start and end: refused, as it must be
        return
    stored = ws_rules.to_dict(s)
    assert all(isinstance(v, str) for v in stored.values())
    assert ws_rules.parse(stored) == s
