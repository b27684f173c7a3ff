"""Member levels (会员等级): which level a member's points or spend earn, and why it changed.

A ``LevelPolicy`` names the value levels are measured by (lifetime points, points of the last 12
months, or imported spend), the three thresholds for 银卡 / 金卡 / 黑金 and what each level gets.
``level_changes`` compares members' current levels with what their values earn and says, in
Chinese and English, which threshold each one crossed, so an operator can check a batch of
upgrades and downgrades before applying them. Brands here reward higher levels with more coupons
rather than deeper discounts, which is what the default benefits reflect.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from .members import LEVEL_NAMES

LEVEL_NAMES_EN: dict[int, str] = {0: "Regular", 1: "Silver", 2: "Gold", 3: "Black Gold"}
TOP_LEVEL = max(LEVEL_NAMES)


class LevelBasis(StrEnum):
    """What a member's level is measured by."""

    LIFETIME = "lifetime"  # points earned since joining (spending them does not lower a level)
    ROLLING_12M = "rolling_12m"  # points earned in the last 12 calendar months
    SPEND = "spend"  # imported spend, whole yuan


# basis → (中文 label, English label, 中文 unit suffix, English unit suffix)
BASIS_LABELS: dict[LevelBasis, tuple[str, str, str, str]] = {
    LevelBasis.LIFETIME: ("累计积分", "lifetime points", "", ""),
    LevelBasis.ROLLING_12M: ("近 12 个月积分", "points of the last 12 months", "", ""),
    LevelBasis.SPEND: ("累计消费", "spend", " 元", " yuan"),
}


@dataclass(frozen=True)
class Benefits:
    """What one level gets."""

    coupons_per_month: int
    birthday_gift: str = ""
    new_year_gift: str = ""

    def __post_init__(self) -> None:
        if self.coupons_per_month < 0:
            raise ValueError(
                f"coupons_per_month must not be negative (got {self.coupons_per_month})")


DEFAULT_BENEFITS: tuple[Benefits, Benefits, Benefits, Benefits] = (
    Benefits(0, "生日祝福", ""),
    Benefits(1, "生日优惠券", "新春红包"),
    Benefits(2, "生日礼盒", "新春礼盒"),
    Benefits(4, "生日礼盒 + 专属顾问问候", "新春限定礼盒"),
)


@dataclass(frozen=True)
class LevelPolicy:
    """How levels are earned: ``thresholds`` are the minimum values for 银卡, 金卡 and 黑金;
    ``benefits`` are for 普通, 银卡, 金卡, 黑金 in that order."""

    basis: LevelBasis = LevelBasis.LIFETIME
    thresholds: tuple[int, int, int] = (1000, 5000, 20000)
    benefits: tuple[Benefits, Benefits, Benefits, Benefits] = DEFAULT_BENEFITS

    def __post_init__(self) -> None:
        if not isinstance(self.basis, LevelBasis):
            raise ValueError(f"unknown level basis {self.basis!r}")
        if len(self.thresholds) != 3:
            raise ValueError(
                f"give three thresholds (银卡, 金卡, 黑金); got {len(self.thresholds)}")
        if self.thresholds[0] <= 0:
            raise ValueError(
                f"the 银卡 threshold must be positive (got {self.thresholds[0]}); "
                "a threshold of 0 would make every member 银卡")
        if not self.thresholds[0] < self.thresholds[1] < self.thresholds[2]:
            raise ValueError(f"thresholds must be strictly increasing (got {self.thresholds})")
        if len(self.benefits) != 4:
            raise ValueError(f"give benefits for four levels; got {len(self.benefits)}")

    def threshold(self, level: int) -> int:
        """The minimum value for ``level`` (0 for 普通)."""
        _check_level(level)
        return 0 if level == 0 else self.thresholds[level - 1]


DEFAULT_POLICY = LevelPolicy()


def _check_level(level: int) -> None:
    if level not in LEVEL_NAMES:
        raise ValueError(f"unknown level {level!r}; levels are 0..{TOP_LEVEL}")


def level_for(policy: LevelPolicy, value: int) -> int:
    """The level ``value`` earns: the highest level whose threshold it reaches."""
    return sum(1 for t in policy.thresholds if value >= t)


@dataclass(frozen=True)
class LevelChange:
    """A member whose level would change, with the reason in Chinese and English."""

    member_id: int
    old: int
    new: int
    reason: str
    reason_en: str

    @property
    def is_upgrade(self) -> bool:
        return self.new > self.old


def _reasons(policy: LevelPolicy, value: int, old: int, new: int) -> tuple[str, str]:
    label, label_en, unit, unit_en = BASIS_LABELS[policy.basis]
    if new > old:
        # The threshold reached is that of the new level (it may skip levels on the way).
        t = policy.threshold(new)
        zh = f"{label}达到 {value}{unit}（{LEVEL_NAMES[new]}门槛 {t}{unit}）"
        en = (f"{label_en} reached {value}{unit_en} "
              f"({LEVEL_NAMES_EN[new]} threshold {t}{unit_en})")
        return zh, en
    # Going down, the threshold missed is the one just above the new level.
    missed = new + 1
    t = policy.threshold(missed)
    zh = f"{label} {value}{unit}，低于{LEVEL_NAMES[missed]}门槛 {t}{unit}"
    en = f"{label_en} {value}{unit_en} is below the {LEVEL_NAMES_EN[missed]} threshold {t}{unit_en}"
    return zh, en


def level_changes(policy: LevelPolicy, current: Mapping[int, int],
                  values: Mapping[int, int]) -> list[LevelChange]:
    """Members of ``values`` whose level would change, sorted by member id.

    ``current`` is member → level now (a member missing from it is 普通); ``values`` is member →
    the policy's basis value. Members missing from ``values`` are left alone: no value is not a
    value of 0, and a partial import must not downgrade everyone it does not mention.
    """
    changes: list[LevelChange] = []
    for member_id in sorted(values):
        old = current.get(member_id, 0)
        _check_level(old)
        value = values[member_id]
        new = level_for(policy, value)
        if new == old:
            continue
        zh, en = _reasons(policy, value, old, new)
        changes.append(LevelChange(member_id=member_id, old=old, new=new, reason=zh,
                                   reason_en=en))
    return changes


def rolling_window_start(now: int, tz: ZoneInfo) -> int:
    """Epoch seconds of the same local wall time 12 calendar months before ``now`` in ``tz``.

    Counted in the workspace zone so the window starts on the same local date a year ago; 29 Feb
    falls back to 28 Feb.
    """
    local = datetime.fromtimestamp(now, tz)
    year = local.year - 1
    day = local.day
    if local.month == 2 and day == 29:
        day = 28
    start = local.replace(year=year, day=day)
    return int(start.timestamp())
