from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from siyu_desktop.domain.segments import Segment, birthdays_within, resolve_times

TZ = ZoneInfo("Asia/Shanghai")


def test_json_round_trip_keeps_every_field() -> None:
    seg = Segment(all_tags=(1, 2), none_tags=(9,), levels=(2, 3), channels=("sms",),
                  joined_from=date(2025, 1, 1), joined_within_days=180, birthday_month=5,
                  inactive_days=30, points_min=100, groups=(4,), group_kinds=("vip",))
    assert Segment.from_json(seg.to_json()) == seg
    assert Segment.from_json(Segment().to_json()) == Segment()
    assert Segment().is_empty() and not seg.is_empty()


def test_unknown_fields_from_a_newer_version_are_ignored() -> None:
    assert Segment.from_json('{"levels": [1], "future_field": 3}') == Segment(levels=(1,))


def test_joined_within_days_is_relative_to_today_in_the_workspace_zone() -> None:
    times = resolve_times(Segment(joined_within_days=180), date(2026, 11, 23), TZ)
    assert times.joined_min == int(datetime(2026, 5, 27, tzinfo=TZ).timestamp())
    assert times.joined_max is None


def test_activity_windows() -> None:
    today = date(2026, 11, 23)
    silent = resolve_times(Segment(inactive_days=30), today, TZ)
    assert silent.active_max == int(datetime(2026, 10, 24, tzinfo=TZ).timestamp()) - 1
    active = resolve_times(Segment(active_within_days=7), today, TZ)
    assert active.active_min == int(datetime(2026, 11, 16, tzinfo=TZ).timestamp())


def test_birthdays_within_wraps_the_year_and_keeps_29_february() -> None:
    keys = birthdays_within(date(2026, 12, 30), 3)
    assert keys == {1230, 1231, 101, 102}
    assert 229 in birthdays_within(date(2027, 2, 27), 3)  # 2027 has no 29 Feb: its people count on 1 Mar
    assert 229 not in birthdays_within(date(2027, 2, 20), 3)


def test_birthday_month_and_window_intersect() -> None:
    times = resolve_times(Segment(birthday_month=12, birthday_within_days=5), date(2026, 11, 28), TZ)
    assert times.birthdays == {1201, 1202, 1203}
