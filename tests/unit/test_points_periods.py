"""Weeks (Monday-start) and months in the workspace's time zone, leaderboard places, default
batch keys, and the members a pasted list names."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from siyu_desktop.domain import member_refs as refs
from siyu_desktop.domain import points_periods as periods
from siyu_desktop.domain.points_periods import Flow, PeriodKind

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")


def test_a_week_runs_from_monday_midnight_to_the_next_in_the_workspace_zone() -> None:
    week = periods.week_of(date(2026, 3, 4), SHANGHAI)  # a Wednesday
    assert (week.first, week.last) == (date(2026, 3, 2), date(2026, 3, 8))
    assert week.start == int(datetime(2026, 3, 2, tzinfo=SHANGHAI).timestamp())
    assert week.end - week.start == 7 * 86400
    assert periods.week_of(date(2026, 3, 2), SHANGHAI) == week  # Monday is in its own week
    assert periods.week_of(date(2026, 3, 8), SHANGHAI) == week  # and Sunday too
    assert periods.week_of(date(2026, 3, 9), SHANGHAI).first == date(2026, 3, 9)
    # Sunday 23:59:59 in Shanghai is still the week; Monday 00:00 is the next one
    assert week.contains(week.end - 1) and not week.contains(week.end)


def test_a_week_with_a_daylight_saving_change_is_an_hour_short() -> None:
    week = periods.week_of(date(2026, 3, 10), NEW_YORK)  # clocks went forward on 03-08
    spring = periods.week_of(date(2026, 3, 3), NEW_YORK)  # 03-02 .. 03-08
    assert spring.end - spring.start == 7 * 86400 - 3600
    assert spring.end == week.start


def test_months_and_the_recent_ones_in_order() -> None:
    dec = periods.month_of(date(2025, 12, 15), SHANGHAI)
    assert (dec.first, dec.last) == (date(2025, 12, 1), date(2025, 12, 31))
    assert dec.end == int(datetime(2026, 1, 1, tzinfo=SHANGHAI).timestamp())
    feb = periods.month_of(date(2028, 2, 10), SHANGHAI)
    assert feb.last == date(2028, 2, 29)
    months = periods.recent(PeriodKind.MONTH, date(2026, 2, 3), SHANGHAI, 3)
    assert [m.first for m in months] == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    weeks = periods.recent(PeriodKind.WEEK, date(2026, 3, 4), SHANGHAI, 12)
    assert len(weeks) == 12 and weeks[-1].first == date(2026, 3, 2)
    assert weeks[0].first == date(2025, 12, 15)
    edges = periods.boundaries(weeks)
    assert len(edges) == 13 and edges == sorted(edges) and edges[-1] == weeks[-1].end
    assert periods.recent(PeriodKind.WEEK, date(2026, 3, 4), SHANGHAI, 0) == []


def test_boundaries_refuse_periods_with_a_gap() -> None:
    a = periods.week_of(date(2026, 3, 2), SHANGHAI)
    c = periods.week_of(date(2026, 3, 16), SHANGHAI)
    with pytest.raises(ValueError):
        periods.boundaries([a, c])


def test_a_flow_s_net_is_what_circulation_changed_by() -> None:
    week = periods.week_of(date(2026, 3, 4), SHANGHAI)
    assert Flow(week, issued=615, spent=60, expired=30, other=-25).net == 500


def test_equal_points_share_a_place_and_the_next_place_skips() -> None:
    assert periods.ranks([100, 80, 80, 50, 50, 50, 10]) == [1, 2, 2, 4, 4, 4, 7]
    assert periods.ranks([]) == []
    with pytest.raises(ValueError):
        periods.ranks([10, 20])


def test_the_default_batch_key_is_the_day_and_the_reason_without_colons() -> None:
    assert periods.award_key(date(2026, 12, 11), "双十二 预热") == "20261211-双十二-预热"
    assert periods.award_key(date(2026, 12, 11), "a:b：c") == "20261211-a-b-c"
    assert periods.award_key(date(2026, 12, 11), "  ") == "20261211"
    assert len(periods.award_key(date(2026, 12, 11), "长" * 100)) == 9 + 30


def test_pasted_lists_are_read_as_ids_phones_and_external_ids() -> None:
    parsed = refs.parse_refs("1, 13800000002\nwmCCC；99、7 +86 138-0000-0003 139 0000 0001")
    assert [(r.kind, r.value) for r in parsed] == [
        (refs.RefKind.ID, 1), (refs.RefKind.PHONE, "13800000002"),
        (refs.RefKind.EXTERNAL, "wmCCC"), (refs.RefKind.ID, 99), (refs.RefKind.ID, 7),
        (refs.RefKind.PHONE, "13800000003"), (refs.RefKind.PHONE, "13900000001")]
    assert refs.lookups(refs.parse_refs("1 1 2 wmA wmA")) == {
        refs.RefKind.ID: [1, 2], refs.RefKind.EXTERNAL: ["wmA"]}
    assert refs.split_refs("  \n ,, ") == []


def test_resolving_names_each_member_once_and_says_what_did_not_match() -> None:
    parsed = refs.parse_refs("3 13800000002 wmX 3 99 13900000000 wmNOPE 13700000000")
    found = {refs.RefKind.ID: {3: [3]},
             refs.RefKind.PHONE: {"13800000002": [2], "13900000000": [3],
                                  "13700000000": [5, 6]},
             refs.RefKind.EXTERNAL: {"wmX": [4]}}
    got = refs.resolve(parsed, found)
    assert got.member_ids == (3, 2, 4)
    assert got.repeated == 2  # 3 again, and its phone
    assert got.tokens == 8
    assert [(u.text, u.why) for u in got.unmatched] == [
        ("99", "没有这个客户编号"), ("wmNOPE", "没有这个客户 ID（external_userid）"),
        ("13700000000", "这个手机号属于 2 位客户，请改用客户编号")]
    assert all(u.why_en for u in got.unmatched)
