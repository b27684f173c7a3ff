"""A workspace's own settings: typed, with their defaults here in code, validated as a whole.

What the workspace stores is a flat set of text values (``to_dict``); ``parse`` turns such a set
back into ``WorkspaceSettings`` (missing keys take their defaults, unknown ones are ignored so a
newer version's settings never stop an older one), and ``with_value`` sets one value the operator
typed. Every refusal is a ``ValidationError`` in the operator's words. The coming points, calendar
and games settings are added here as further fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ValidationError

DEFAULT_TIMEZONE = "Asia/Shanghai"
# WeCom's receive caps for mass messages (群发助手 → 群发规则), chosen by the corp's admin; the
# current rule (2025-11) is as many a month as the month has days (reference/wecom-api.md §5).
CAP_MONTH_DAYS, CAP_WEEK_7, CAP_DAY_1 = "month_days", "week_7", "day_1"
CAP_RULES: dict[str, str] = {
    CAP_MONTH_DAYS: "每位客户/每个客户群每月最多收到当月天数条群发",
    CAP_WEEK_7: "每周最多 7 条",
    CAP_DAY_1: "每天最多 1 条",
}
BRAND_MAX = 40
TAG_GROUP_MAX = 30  # WeCom's limit on a tag group's name
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class WorkspaceSettings:
    brand: str = ""
    timezone: str = DEFAULT_TIMEZONE
    mass_message_cap: str = CAP_MONTH_DAYS
    send_start: str = "09:00"  # the working hours sends are planned in, workspace time zone
    send_end: str = "21:00"
    import_tag_group: str = ""  # the tag group an import's new tags go to; "" = ask / none

    def __post_init__(self) -> None:
        problem = _problem(self)
        if problem is not None:
            raise problem

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def send_hours(self) -> tuple[time, time]:
        return parse_hhmm(self.send_start), parse_hhmm(self.send_end)


# key → (label, english label): the order settings are listed in
LABELS: dict[str, tuple[str, str]] = {
    "brand": ("品牌名称", "Brand name"),
    "timezone": ("时区", "Time zone"),
    "mass_message_cap": ("群发次数上限规则", "Mass-message cap rule"),
    "send_start": ("发送时段开始", "Send hours start"),
    "send_end": ("发送时段结束", "Send hours end"),
    "import_tag_group": ("导入默认标签组", "Default tag group for imports"),
}
KEYS: tuple[str, ...] = tuple(f.name for f in fields(WorkspaceSettings))
assert tuple(LABELS) == KEYS


def parse_hhmm(text: str) -> time:
    """``"9:05"`` / ``"09:05"`` → ``time(9, 5)``; a ``ValidationError`` otherwise."""
    match = _HHMM.match(text.strip())
    if match is None:
        raise ValidationError(
            f"“{text}”不是有效的时间。", "请按 时:分 填写，例如 09:00 或 21:30（24 小时制）。",
            english=f"{text!r} is not a time of day (HH:MM, 24-hour).",
            english_hint="Write it as HH:MM, for example 09:00 or 21:30 (24-hour clock).")
    return time(int(match.group(1)), int(match.group(2)))


def format_hhmm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def check_timezone(name: str) -> str:
    """The IANA name as given when ``zoneinfo`` knows it (``Asia/Shanghai``, ``UTC``)."""
    name = name.strip()
    try:
        if not name or name.startswith(("/", ".")) or ".." in name:
            raise ValueError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValidationError(
            f"不认识时区“{name}”。",
            "请填写标准时区名，例如 Asia/Shanghai（北京时间）、Asia/Hong_Kong、UTC。",
            english=f"Unknown time zone {name!r}; use a name such as Asia/Shanghai.",
            english_hint="Use a standard zone name, for example Asia/Shanghai (Beijing time), Asia/Hong_Kong, UTC.") from None
    return name


def _problem(s: WorkspaceSettings) -> ValidationError | None:
    for key in KEYS:
        if not isinstance(getattr(s, key), str):
            return ValidationError(f"设置“{LABELS[key][0]}”的值应为文字。",
                                   english=f"The setting {key} must be text.")
    if len(s.brand) > BRAND_MAX:
        return ValidationError(f"品牌名称太长（{len(s.brand)} 个字），最多 {BRAND_MAX} 个字。",
                               english=f"The brand name is longer than {BRAND_MAX} characters.")
    if s.brand != s.brand.strip() or any(c < " " for c in s.brand):
        return ValidationError("品牌名称的开头或结尾不能有空格，也不能含换行等控制字符。",
                               english="The brand name has surrounding spaces or control characters.")
    if s.mass_message_cap not in CAP_RULES:
        choices = "、".join(f"{k}（{v}）" for k, v in CAP_RULES.items())
        return ValidationError(f"不认识群发上限规则“{s.mass_message_cap}”。",
                               f"可选：{choices}。请与企业微信管理后台「群发规则」保持一致。",
                               english=f"Unknown mass-message cap rule {s.mass_message_cap!r}.",
                               english_hint=f"Choices: {choices}. Keep it the same as the mass-message rule in the WeCom admin console.")
    try:
        if check_timezone(s.timezone) != s.timezone:
            raise ValidationError(f"时区“{s.timezone}”前后有空格。",
                                  english="The time zone has surrounding spaces.")
        start, end = parse_hhmm(s.send_start), parse_hhmm(s.send_end)
    except ValidationError as exc:
        return exc
    if s.send_start != format_hhmm(start) or s.send_end != format_hhmm(end):
        return ValidationError("发送时段请写成两位数的 时:分，例如 09:00。",
                               english="Send hours must be written HH:MM.")
    if start >= end:
        return ValidationError(
            f"发送时段的开始（{s.send_start}）必须早于结束（{s.send_end}）。",
            "发送时段不能跨过午夜；例如 09:00 到 21:00。",
            english="The send hours must start before they end (within one day).",
            english_hint="The send hours cannot cross midnight; for example 09:00 to 21:00.")
    group = s.import_tag_group
    if group != group.strip() or len(group) > TAG_GROUP_MAX or any(c < " " for c in group):
        return ValidationError(
            f"导入默认标签组的名称最多 {TAG_GROUP_MAX} 个字，开头结尾不能有空格。",
            english=f"The default tag group is at most {TAG_GROUP_MAX} characters, no surrounding "
                    "spaces.")
    return None


def _clean(key: str, value: Any) -> Any:
    """What the operator typed, in the stored form: trimmed, times as two-digit HH:MM."""
    if not isinstance(value, str):
        return value
    value = value.strip()
    if key in ("send_start", "send_end") and _HHMM.match(value):
        value = format_hhmm(parse_hhmm(value))
    return value


def parse(data: Mapping[str, Any]) -> WorkspaceSettings:
    """Settings from stored values; missing or ``None`` values take their defaults."""
    given = {k: _clean(k, data[k]) for k in KEYS if data.get(k) is not None}
    return WorkspaceSettings(**given)


def with_value(settings: WorkspaceSettings, key: str, text: str) -> WorkspaceSettings:
    """``settings`` with one value the operator typed (``siyu settings KEY VALUE``)."""
    if key not in LABELS:
        raise ValidationError(f"没有设置项“{key}”。", "可用的设置项：" + "、".join(KEYS) + "。",
                              english=f"No setting named {key!r}.",
                              english_hint="Known settings: " + ", ".join(KEYS) + ".")
    return replace(settings, **{key: _clean(key, text)})


def to_dict(settings: WorkspaceSettings) -> dict[str, str]:
    return {key: getattr(settings, key) for key in KEYS}


def describe_value(key: str, value: str) -> str:
    """A value as the operator reads it (the cap rule's meaning, an empty value said)."""
    if key == "mass_message_cap":
        return f"{value}（{CAP_RULES.get(value, '?')}）"
    return value if value else "（未设置）"
