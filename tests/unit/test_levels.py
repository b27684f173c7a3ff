"""Member levels: thresholds, level changes with their reasons, the rolling 12-month window."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from siyu_desktop.domain.levels import (
    DEFAULT_POLICY,
    Benefits,
    LevelBasis,
    LevelChange,
    LevelPolicy,
    level_changes,
    level_for,
    rolling_window_start,
)
from siyu_desktop.domain.members import LEVEL_NAMES

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_default_policy() -> None:
    assert DEFAULT_POLICY.basis is LevelBasis.LIFETIME
    assert DEFAULT_POLICY.thresholds == (1000, 5000, 20000)
    assert [b.coupons_per_month for b in DEFAULT_POLICY.benefits] == [0, 1, 2, 4]
    assert len(LEVEL_NAMES) == len(DEFAULT_POLICY.benefits)


@pytest.mark.parametrize(("value", "level"), [
    (-5, 0), (0, 0), (999, 0), (1000, 1), (4999, 1), (5000, 2), (19999, 2), (20000, 3),
    (10**9, 3),
])
def test_level_for_default(value: int, level: int) -> None:
    assert level_for(DEFAULT_POLICY, value) == level


@pytest.mark.parametrize("thresholds", [(1000, 1000, 2000), (5000, 1000, 20000), (0, 10, 20),
                                        (10, 20)])
def test_policy_refuses_bad_thresholds(thresholds: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError, match="threshold"):
        LevelPolicy(thresholds=thresholds)


def test_policy_refuses_wrong_benefits_and_negative_coupons() -> None:
    with pytest.raises(ValueError, match="coupons_per_month"):
        Benefits(-1)
    with pytest.raises(ValueError, match="four levels"):
        LevelPolicy(benefits=(Benefits(0),) * 3)  # type: ignore[arg-type]


def test_level_changes_up_and_down_with_reasons() -> None:
    current = {1: 1, 2: 0, 3: 2, 4: 3, 5: 1}
    values = {5: 1200, 4: 900, 3: 5000, 2: 5000, 1: 20500, 6: 0}
    changes = level_changes(DEFAULT_POLICY, current, values)
    assert changes == [
        LevelChange(1, 1, 3, "累计积分达到 20500（黑金门槛 20000）",
                    "lifetime points reached 20500 (Black Gold threshold 20000)"),
        LevelChange(2, 0, 2, "累计积分达到 5000（金卡门槛 5000）",
                    "lifetime points reached 5000 (Gold threshold 5000)"),
        LevelChange(4, 3, 0, "累计积分 900，低于银卡门槛 1000",
                    "lifetime points 900 is below the Silver threshold 1000"),
    ]
    assert [c.is_upgrade for c in changes] == [True, True, False]


def test_level_changes_name_the_basis() -> None:
    spend = LevelPolicy(basis=LevelBasis.SPEND, thresholds=(500, 2000, 10000))
    [up] = level_changes(spend, {7: 0}, {7: 2300})
    assert up.reason == "累计消费达到 2300 元（金卡门槛 2000 元）"
    assert up.reason_en == "spend reached 2300 yuan (Gold threshold 2000 yuan)"
    rolling = LevelPolicy(basis=LevelBasis.ROLLING_12M)
    [down] = level_changes(rolling, {8: 3}, {8: 6000})
    assert (down.old, down.new) == (3, 2)
    assert down.reason == "近 12 个月积分 6000，低于黑金门槛 20000"
    assert "Black Gold threshold 20000" in down.reason_en


def test_level_changes_leave_unlisted_members_alone_and_refuse_unknown_levels() -> None:
    assert level_changes(DEFAULT_POLICY, {1: 3}, {}) == []
    assert level_changes(DEFAULT_POLICY, {}, {2: 1500})[0].old == 0
    with pytest.raises(ValueError, match="unknown level"):
        level_changes(DEFAULT_POLICY, {1: 7}, {1: 0})


_policies = st.lists(st.integers(1, 10**6), min_size=3, max_size=3, unique=True).map(
    lambda xs: LevelPolicy(thresholds=tuple(sorted(xs))))  # type: ignore[arg-type]


@given(policy=_policies, a=st.integers(-10**6, 2 * 10**6), b=st.integers(-10**6, 2 * 10**6))
def test_level_for_is_monotonic(policy: LevelPolicy, a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert level_for(policy, low) <= level_for(policy, high)
    level = level_for(policy, a)
    assert 0 <= level <= 3
    if level > 0:
        assert a >= policy.threshold(level)
    if level < 3:
        assert a < policy.threshold(level + 1)


@given(policy=_policies,
       current=st.dictionaries(st.integers(1, 50), st.integers(0, 3)),
       values=st.dictionaries(st.integers(1, 50), st.integers(0, 2 * 10**6)))
def test_level_changes_only_changes(policy: LevelPolicy, current: dict[int, int],
                                    values: dict[int, int]) -> None:
    changes = level_changes(policy, current, values)
    ids = [c.member_id for c in changes]
    assert ids == sorted(ids)
    assert set(ids) == {m for m, v in values.items() if level_for(policy, v) != current.get(m, 0)}
    for c in changes:
        assert c.old != c.new == level_for(policy, values[c.member_id])
        assert c.reason and c.reason_en


def test_rolling_window_start() -> None:
    now = int(datetime(2026, 3, 15, 8, 30, tzinfo=SHANGHAI).timestamp())
    assert rolling_window_start(now, SHANGHAI) == int(
        datetime(2025, 3, 15, 8, 30, tzinfo=SHANGHAI).timestamp())
    # Local 1 Jan 2027 00:30 is 31 Dec 2026 in UTC; the window starts at local 1 Jan 2026 00:30.
    new_year = int(datetime(2027, 1, 1, 0, 30, tzinfo=SHANGHAI).timestamp())
    assert rolling_window_start(new_year, SHANGHAI) == int(
        datetime(2026, 1, 1, 0, 30, tzinfo=SHANGHAI).timestamp())
    leap = int(datetime(2028, 2, 29, 12, tzinfo=SHANGHAI).timestamp())
    assert rolling_window_start(leap, SHANGHAI) == int(
        datetime(2027, 2, 28, 12, tzinfo=SHANGHAI).timestamp())
