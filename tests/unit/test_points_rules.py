"""Points rules: what events earn, caps per local day and month, idempotency keys, the preview."""

from __future__ import annotations

import random
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from siyu_desktop.domain.points_rules import (
    Award,
    Event,
    Rule,
    RuleKind,
    apply_rules,
    award_key,
    birthday_year,
    day_key,
    month_key,
    points_for,
    preview_rule,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> int:
    return int(datetime(year, month, day, hour, minute, tzinfo=SHANGHAI).timestamp())


RANK = Rule(id="rank", name="游戏名次", kind=RuleKind.RANK, amounts=(50, 30, 20))


def rank_event(member: int, rank: int, when: int, ref: str = "game-1") -> Event:
    return Event(member_id=member, at=when, kind=RuleKind.RANK, ref=ref, rank=rank)


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"kind": RuleKind.PARTICIPATION, "amount": -1}, "negative"),
    ({"kind": RuleKind.RANK, "amounts": (50, -5)}, "negative"),
    ({"kind": RuleKind.RANK}, "at least one amount"),
    ({"kind": RuleKind.PURCHASE}, "positive rate"),
    ({"kind": RuleKind.PURCHASE, "rate": Decimal("-1")}, "positive rate"),
    ({"kind": RuleKind.PARTICIPATION, "amount": 5, "daily_cap": 0}, "daily_cap"),
    ({"kind": RuleKind.PARTICIPATION, "amount": 5, "monthly_cap": -3}, "monthly_cap"),
    ({"kind": RuleKind.INVITE_STAYED, "amount": 5, "stay_days": -1}, "stay_days"),
])
def test_rule_refuses_bad_settings(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Rule(id="r", name="r", **kwargs)  # type: ignore[arg-type]


def test_rule_refuses_empty_id() -> None:
    with pytest.raises(ValueError, match="id"):
        Rule(id=" ", name="x", kind=RuleKind.PARTICIPATION, amount=1)


# --- points_for --------------------------------------------------------------------------------


def test_rank_pays_by_rank_and_nothing_beyond() -> None:
    when = at(2026, 3, 1)
    assert [points_for(RANK, rank_event(1, r, when)) for r in (1, 2, 3, 4, 0)] == [50, 30, 20, 0, 0]
    assert points_for(RANK, Event(member_id=1, at=when, kind=RuleKind.RANK, ref="g")) == 0


def test_event_of_another_kind_earns_nothing() -> None:
    event = Event(member_id=1, at=0, kind=RuleKind.PARTICIPATION, ref="g", rank=1)
    assert points_for(RANK, event) == 0


def test_invite_stayed_needs_the_stay() -> None:
    rule = Rule(id="inv", name="邀请好友", kind=RuleKind.INVITE_STAYED, amount=100, stay_days=7)

    def stayed(days: int | None) -> Event:
        return Event(member_id=1, at=0, kind=RuleKind.INVITE_STAYED, ref="inv-1", stayed_days=days)

    assert [points_for(rule, stayed(d)) for d in (6, 7, 30, None)] == [0, 100, 100, 0]


def test_purchase_floors_amount_times_rate() -> None:
    rule = Rule(id="buy", name="消费", kind=RuleKind.PURCHASE, rate=Decimal("1.5"))

    def order(amount: str | None) -> Event:
        return Event(member_id=1, at=0, kind=RuleKind.PURCHASE, ref="o-1",
                     order_amount=None if amount is None else Decimal(amount))

    assert points_for(rule, order("99.99")) == 149  # 149.985 → 149
    assert points_for(rule, order("0.5")) == 0
    assert points_for(rule, order("-10")) == 0
    assert points_for(rule, order(None)) == 0


def test_manual_uses_the_amount_given() -> None:
    rule = Rule(id="man", name="手动", kind=RuleKind.MANUAL)
    event = Event(member_id=3, at=0, kind=RuleKind.MANUAL, ref="m-1", amount=88, reason="补发")
    assert points_for(rule, event) == 88
    [award] = apply_rules([rule], [event], SHANGHAI)
    assert (award.amount, award.reason, award.key) == (88, "补发", "rule:man:m-1:3")


# --- apply_rules: caps and local days ----------------------------------------------------------


def test_rank_awards_and_keys() -> None:
    when = at(2026, 3, 1)
    events = [rank_event(m, r, when) for m, r in ((11, 1), (12, 2), (13, 3), (14, 4))]
    awards = apply_rules([RANK], events, SHANGHAI)
    assert [(a.member_id, a.amount, a.capped_from) for a in awards] == [
        (11, 50, 50), (12, 30, 30), (13, 20, 20)]
    assert awards[0].key == "rule:rank:game-1:11"
    assert awards[0].reason == "游戏名次"


def test_daily_cap_cuts_an_award_and_then_gives_zero() -> None:
    rule = Rule(id="rank", name="游戏名次", kind=RuleKind.RANK, amounts=(50, 30, 20), daily_cap=70)
    events = [rank_event(7, 1, at(2026, 3, 1, 10), "g1"),  # 50
              rank_event(7, 2, at(2026, 3, 1, 11), "g2"),  # 30 → cut to 20
              rank_event(7, 3, at(2026, 3, 1, 12), "g3"),  # 20 → 0 (at the cap)
              rank_event(7, 3, at(2026, 3, 2, 9), "g4")]  # a new day: 20
    awards = apply_rules([rule], events, SHANGHAI)
    assert [(a.event_ref, a.amount, a.capped_from) for a in awards] == [
        ("g1", 50, 50), ("g2", 20, 30), ("g3", 0, 20), ("g4", 20, 20)]
    assert [a.capped for a in awards] == [False, True, True, False]


def test_daily_cap_day_is_local_not_utc() -> None:
    # 2026-03-02 07:30 Beijing is still 2026-03-01 in UTC, but it is a new local day.
    rule = Rule(id="p", name="参与", kind=RuleKind.PARTICIPATION, amount=10, daily_cap=10)
    events = [Event(member_id=1, at=at(2026, 3, 1, 9), kind=RuleKind.PARTICIPATION, ref="a"),
              Event(member_id=1, at=at(2026, 3, 2, 7, 30), kind=RuleKind.PARTICIPATION, ref="b")]
    assert [a.amount for a in apply_rules([rule], events, SHANGHAI)] == [10, 10]
    assert [a.amount for a in apply_rules([rule], events, ZoneInfo("UTC"))] == [10, 0]


def test_month_boundary_in_shanghai() -> None:
    rule = Rule(id="p", name="参与", kind=RuleKind.PARTICIPATION, amount=30, monthly_cap=30)
    late_jan = at(2026, 1, 31, 23, 30)  # 15:30 UTC, 31 Jan
    early_feb = at(2026, 2, 1, 0, 10)  # 16:10 UTC, still 31 Jan in UTC
    assert datetime.fromtimestamp(early_feb, ZoneInfo("UTC")).day == 31
    assert (month_key(late_jan, SHANGHAI), month_key(early_feb, SHANGHAI)) == ("2026-01", "2026-02")
    assert day_key(early_feb, SHANGHAI) == "2026-02-01"
    events = [Event(member_id=5, at=t, kind=RuleKind.PARTICIPATION, ref=r)
              for t, r in ((late_jan, "jan"), (early_feb, "feb"))]
    assert [a.amount for a in apply_rules([rule], events, SHANGHAI)] == [30, 30]
    # In UTC both fall in January, so the second one meets the monthly cap.
    assert [a.amount for a in apply_rules([rule], events, ZoneInfo("UTC"))] == [30, 0]


def test_already_awarded_counts_toward_caps_across_runs() -> None:
    rule = Rule(id="p", name="参与", kind=RuleKind.PARTICIPATION, amount=20, daily_cap=50,
                monthly_cap=300)
    when = at(2026, 3, 10, 15)
    event = Event(member_id=9, at=when, kind=RuleKind.PARTICIPATION, ref="g9")
    [award] = apply_rules([rule], [event], SHANGHAI, already={("p", 9, "2026-03-10"): 40})
    assert (award.amount, award.capped_from) == (10, 20)
    [award] = apply_rules([rule], [event], SHANGHAI, already={("p", 9, "2026-03"): 295})
    assert award.amount == 5
    # Another day's or another member's totals do not count.
    [award] = apply_rules([rule], [event], SHANGHAI,
                          already={("p", 9, "2026-03-09"): 50, ("p", 8, "2026-03-10"): 50})
    assert award.amount == 20


def test_birthday_once_per_member_per_year() -> None:
    rule = Rule(id="bd", name="生日礼", kind=RuleKind.BIRTHDAY, amount=200)
    events = [Event(member_id=1, at=at(2026, 5, 3), kind=RuleKind.BIRTHDAY, ref="birthday:2026"),
              Event(member_id=1, at=at(2026, 5, 4), kind=RuleKind.BIRTHDAY, ref="birthday:2026"),
              Event(member_id=2, at=at(2026, 5, 4), kind=RuleKind.BIRTHDAY, ref="birthday:2026"),
              Event(member_id=1, at=at(2027, 5, 3), kind=RuleKind.BIRTHDAY, ref="birthday:2027")]
    awards = apply_rules([rule], events, SHANGHAI)
    assert [(a.member_id, a.event_ref, a.amount) for a in awards] == [
        (1, "birthday:2026", 200), (2, "birthday:2026", 200), (1, "birthday:2027", 200)]


def test_birthday_year_from_local_time_when_ref_has_none() -> None:
    rule = Rule(id="bd", name="生日礼", kind=RuleKind.BIRTHDAY, amount=200)
    new_year = at(2027, 1, 1, 0, 30)  # still 2026 in UTC
    e1 = Event(member_id=1, at=new_year, kind=RuleKind.BIRTHDAY, ref="birthday")
    e2 = Event(member_id=1, at=at(2027, 6, 1), kind=RuleKind.BIRTHDAY, ref="bday-x")
    assert birthday_year(e1, SHANGHAI) == 2027
    assert birthday_year(e1, ZoneInfo("UTC")) == 2026
    awards = apply_rules([rule], [e1, e2], SHANGHAI)
    assert [(a.event_ref, a.amount, a.key) for a in awards] == [
        ("birthday:2027", 200, "rule:bd:birthday:2027:1")]


def test_disabled_rules_are_skipped_and_kinds_are_matched() -> None:
    off = Rule(id="off", name="停用", kind=RuleKind.PARTICIPATION, amount=5, enabled=False)
    on = Rule(id="on", name="参与", kind=RuleKind.PARTICIPATION, amount=3)
    events = [Event(member_id=1, at=0, kind=RuleKind.PARTICIPATION, ref="g"),
              rank_event(1, 1, 10)]
    awards = apply_rules([off, on, RANK], events, SHANGHAI)
    assert [(a.rule_id, a.amount) for a in awards] == [("on", 3), ("rank", 50)]


def test_events_are_processed_in_time_order() -> None:
    rule = Rule(id="rank", name="名次", kind=RuleKind.RANK, amounts=(50, 30), daily_cap=60)
    later = rank_event(1, 1, at(2026, 3, 1, 20), "late")
    earlier = rank_event(1, 2, at(2026, 3, 1, 8), "early")
    awards = apply_rules([rule], [later, earlier], SHANGHAI)
    assert [(a.event_ref, a.amount) for a in awards] == [("early", 30), ("late", 30)]


# --- preview -----------------------------------------------------------------------------------


def test_preview_replays_recent_days_even_when_disabled() -> None:
    rule = Rule(id="rank", name="名次", kind=RuleKind.RANK, amounts=(50, 30, 20), daily_cap=60,
                enabled=False)
    now = at(2026, 3, 8, 12)
    events = [rank_event(1, 1, at(2026, 3, 7, 10), "g1"),  # 50
              rank_event(1, 1, at(2026, 3, 7, 11), "g2"),  # 50 → 10 (capped)
              rank_event(1, 1, at(2026, 3, 7, 12), "g3"),  # 50 → 0 (capped, still listed)
              rank_event(2, 2, at(2026, 3, 7, 10), "g1"),  # 30
              rank_event(3, 3, at(2026, 3, 6, 10), "g0"),  # 20
              rank_event(3, 4, at(2026, 3, 6, 10), "gx"),  # no award
              rank_event(4, 1, at(2026, 2, 20, 10), "old")]  # outside the window
    assert apply_rules([rule], events, SHANGHAI) == []
    preview = preview_rule(rule, events, SHANGHAI, days=7, now=now)
    assert preview.total == 50 + 10 + 30 + 20
    assert preview.members == 3
    assert preview.capped_members == (1,)
    assert preview.by_member == ((1, 60), (2, 30), (3, 20))
    assert [(a.member_id, a.event_ref, a.amount) for a in preview.awards] == [
        (3, "g0", 20), (1, "g1", 50), (2, "g1", 30), (1, "g2", 10), (1, "g3", 0)]


def test_preview_window_edge_and_ties() -> None:
    rule = Rule(id="p", name="参与", kind=RuleKind.PARTICIPATION, amount=10)
    now = at(2026, 3, 8, 12)
    start = now - 2 * 86400
    events = [Event(member_id=m, at=t, kind=RuleKind.PARTICIPATION, ref=f"g{t}")
              for m, t in ((5, start), (4, start + 1), (9, start - 1))]
    preview = preview_rule(rule, events, SHANGHAI, days=2, now=now)
    assert preview.by_member == ((4, 10), (5, 10))
    assert preview.capped_members == ()
    assert preview.total == 20


# --- properties --------------------------------------------------------------------------------

_BASE = at(2026, 1, 25)

_rules = st.builds(
    Rule,
    id=st.sampled_from(["r1", "r2", "r3"]),
    name=st.just("rule"),
    kind=st.just(RuleKind.RANK),
    amounts=st.lists(st.integers(0, 80), min_size=1, max_size=4).map(tuple),
    daily_cap=st.none() | st.integers(1, 120),
    monthly_cap=st.none() | st.integers(1, 400),
)
_events = st.builds(
    Event,
    member_id=st.integers(1, 4),
    at=st.integers(_BASE, _BASE + 20 * 86400),  # spans a month boundary
    kind=st.just(RuleKind.RANK),
    ref=st.sampled_from([f"g{i}" for i in range(12)]),
    rank=st.integers(1, 5),
)


def _unique_ids(rules: list[Rule]) -> list[Rule]:
    return list({r.id: r for r in rules}.values())


@settings(max_examples=150, deadline=None)
@given(rules=st.lists(_rules, min_size=1, max_size=3).map(_unique_ids),
       events=st.lists(_events, max_size=40),
       tz=st.sampled_from([SHANGHAI, ZoneInfo("UTC"), ZoneInfo("America/Los_Angeles")]))
def test_caps_are_never_exceeded(rules: list[Rule], events: list[Event], tz: ZoneInfo) -> None:
    awards = apply_rules(rules, events, tz)
    by_id = {r.id: r for r in rules}
    days: dict[tuple[str, int, str], int] = {}
    months: dict[tuple[str, int, str], int] = {}
    for a in awards:
        assert 0 <= a.amount <= a.capped_from
        days[(a.rule_id, a.member_id, day_key(a.at, tz))] = (
            days.get((a.rule_id, a.member_id, day_key(a.at, tz)), 0) + a.amount)
        months[(a.rule_id, a.member_id, month_key(a.at, tz))] = (
            months.get((a.rule_id, a.member_id, month_key(a.at, tz)), 0) + a.amount)
    for (rule_id, _, _), total in days.items():
        cap = by_id[rule_id].daily_cap
        assert cap is None or total <= cap
    for (rule_id, _, _), total in months.items():
        cap = by_id[rule_id].monthly_cap
        assert cap is None or total <= cap
    # Without caps nothing is cut.
    for a in awards:
        rule = by_id[a.rule_id]
        if rule.daily_cap is None and rule.monthly_cap is None:
            assert a.amount == a.capped_from


@settings(max_examples=150, deadline=None)
@given(rules=st.lists(_rules, min_size=1, max_size=3).map(_unique_ids),
       events=st.lists(_events, max_size=40), seed=st.integers(0, 2**32))
def test_apply_rules_is_deterministic_with_unique_keys(rules: list[Rule], events: list[Event],
                                                       seed: int) -> None:
    first = apply_rules(rules, events, SHANGHAI)
    shuffled = list(events)
    random.Random(seed).shuffle(shuffled)
    assert apply_rules(rules, shuffled, SHANGHAI) == first
    keys = [a.key for a in first]
    assert len(keys) == len(set(keys))
    for a in first:
        assert a.key == award_key(a.rule_id, a.event_ref, a.member_id)
    assert [a.at for a in first] == sorted(a.at for a in first)
    # Every qualifying (rule, ref, member) gets exactly one award.
    expected = {award_key(r.id, e.ref, e.member_id) for r in rules for e in events
                if r.enabled and points_for(r, e) > 0}
    assert set(keys) == expected


@settings(max_examples=100, deadline=None)
@given(rule=_rules, events=st.lists(_events, max_size=40))
def test_preview_totals_match_awards(rule: Rule, events: list[Event]) -> None:
    now = _BASE + 21 * 86400
    preview = preview_rule(rule, events, SHANGHAI, days=30, now=now)
    assert preview.total == sum(a.amount for a in preview.awards) == sum(
        t for _, t in preview.by_member)
    assert preview.members == len(preview.by_member)
    assert set(preview.capped_members) == {a.member_id for a in preview.awards if a.capped}
    assert all(isinstance(a, Award) and (a.amount > 0 or a.capped) for a in preview.awards)
