"""Points earning rules (积分规则): what an event is worth, with per-member caps and a preview.

A ``Rule`` says how many points one kind of ``Event`` earns (a game rank, taking part, an invited
friend who stayed, a purchase, a birthday, a manual award); ``apply_rules`` turns a batch of events
into ``Award`` s the ledger can append. Caps are counted per rule, per member, per *local* day and
calendar month in the workspace time zone, because that is the day an operator and a member see
("at most 100 a day" must not reset at 08:00 Beijing time). Everything here is pure: the caller
passes what was already awarded today and this month (``already``) so a live run respects the
caps across runs, and every award carries a deterministic idempotency key so a run repeated after
a crash cannot pay twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

DAY_SECONDS = 86400
_BIRTHDAY_REF = re.compile(r"^birthday:(\d{4})$")


class RuleKind(StrEnum):
    """What kind of event a rule pays for (the event's ``kind`` must match)."""

    RANK = "rank"  # game results by rank: amounts[0] for rank 1, amounts[1] for rank 2, ...
    PARTICIPATION = "participation"  # a fixed amount for taking part in a game
    INVITE_STAYED = "invite_stayed"  # an invited friend stayed at least ``stay_days`` days
    PURCHASE = "purchase"  # floor(order amount in yuan × rate)
    BIRTHDAY = "birthday"  # a fixed bonus, once per member per year
    MANUAL = "manual"  # the amount is given at award time, with a reason


@dataclass(frozen=True)
class Rule:
    """One earning rule. ``amounts`` is for ``rank``; every other kind uses ``amount``.

    ``daily_cap`` / ``monthly_cap`` are points per member for this rule per local day / calendar
    month (None = no cap). ``manual`` ignores ``amount``: the operator names it per award.
    """

    id: str
    name: str
    kind: RuleKind
    amount: int = 0
    amounts: tuple[int, ...] = ()
    rate: Decimal = Decimal(0)
    stay_days: int = 0
    daily_cap: int | None = None
    monthly_cap: int | None = None
    enabled: bool = True

    def __post_init__(self) -> None:
        problem = _rule_problem(self)
        if problem is not None:
            raise ValueError(f"rule {self.id!r}: {problem}")


def _rule_problem(rule: Rule) -> str | None:
    if not isinstance(rule.id, str) or not rule.id.strip():
        return "the id must be non-empty text"
    if not isinstance(rule.kind, RuleKind):
        return f"unknown kind {rule.kind!r}"
    if rule.amount < 0:
        return f"the amount must not be negative (got {rule.amount})"
    if any(a < 0 for a in rule.amounts):
        return f"rank amounts must not be negative (got {rule.amounts})"
    if rule.kind is RuleKind.RANK and not rule.amounts:
        return "a rank rule needs at least one amount (for rank 1)"
    if not isinstance(rule.rate, Decimal) or not rule.rate.is_finite():
        return f"the rate must be a finite Decimal (got {rule.rate!r})"
    if rule.kind is RuleKind.PURCHASE and rule.rate <= 0:
        return f"a purchase rule needs a positive rate (got {rule.rate})"
    if rule.rate < 0:
        return f"the rate must not be negative (got {rule.rate})"
    if rule.stay_days < 0:
        return f"stay_days must not be negative (got {rule.stay_days})"
    for label, cap in (("daily_cap", rule.daily_cap), ("monthly_cap", rule.monthly_cap)):
        if cap is not None and cap <= 0:
            return f"{label} must be a positive number of points or None (got {cap})"
    return None


@dataclass(frozen=True)
class Event:
    """Something a member did that may earn points. ``at`` is UTC epoch seconds.

    ``ref`` names the thing itself (game session id, order id, invite id, ``birthday:2026``); it
    goes into the award's idempotency key, so the same ref must mean the same event.
    """

    member_id: int
    at: int
    kind: RuleKind
    ref: str
    rank: int | None = None
    order_amount: Decimal | None = None
    stayed_days: int | None = None
    amount: int | None = None  # manual awards only
    reason: str = ""


@dataclass(frozen=True)
class Award:
    """Points to append to the ledger (or to show in a preview).

    ``capped_from`` is what the rule would have paid without caps; ``amount < capped_from``
    means a cap cut it, ``amount == 0`` that the member had already reached the cap.
    """

    member_id: int
    amount: int
    rule_id: str
    event_ref: str
    at: int
    key: str
    capped_from: int
    reason: str

    @property
    def capped(self) -> bool:
        return self.amount < self.capped_from


def award_key(rule_id: str, event_ref: str, member_id: int) -> str:
    """The idempotency key of an award: the same rule, event and member always give the same key."""
    return f"rule:{rule_id}:{event_ref}:{member_id}"


def birthday_year(event: Event, tz: ZoneInfo) -> int:
    """The year a birthday event counts for: from ``birthday:YYYY`` when the ref says so, else the
    local year of the event time (a birthday bonus on 1 Jan 00:30 Beijing belongs to the new year
    even though it is still 31 Dec in UTC)."""
    match = _BIRTHDAY_REF.match(event.ref)
    if match is not None:
        return int(match.group(1))
    return datetime.fromtimestamp(event.at, tz).year


def points_for(rule: Rule, event: Event) -> int:
    """What ``rule`` pays for ``event`` before caps; 0 when the event does not qualify.

    Only one event is seen here, so "birthday once per year" is enforced by ``apply_rules``
    (which sees them all); for a single birthday event this is the rule's amount.
    """
    if event.kind != rule.kind:
        return 0
    kind = rule.kind
    if kind is RuleKind.RANK:
        if event.rank is None or not 1 <= event.rank <= len(rule.amounts):
            return 0
        return rule.amounts[event.rank - 1]
    if kind is RuleKind.INVITE_STAYED:
        if event.stayed_days is None or event.stayed_days < rule.stay_days:
            return 0
        return rule.amount
    if kind is RuleKind.PURCHASE:
        if event.order_amount is None or not event.order_amount.is_finite():
            return 0
        if event.order_amount <= 0:
            return 0
        return int((event.order_amount * rule.rate).to_integral_value(rounding=ROUND_FLOOR))
    if kind is RuleKind.MANUAL:
        return max(event.amount or 0, 0)
    # participation, birthday
    return rule.amount


def day_key(at: int, tz: ZoneInfo) -> str:
    """``YYYY-MM-DD`` of ``at`` in ``tz``: the key daily caps are counted under."""
    return datetime.fromtimestamp(at, tz).strftime("%Y-%m-%d")


def month_key(at: int, tz: ZoneInfo) -> str:
    """``YYYY-MM`` of ``at`` in ``tz``: the key monthly caps are counted under."""
    return datetime.fromtimestamp(at, tz).strftime("%Y-%m")


def _event_order(event: Event) -> tuple[int, int, str, str, int, str, int, int, str]:
    # A total order over every field, so the same events in any order give the same awards.
    return (event.at, event.member_id, str(event.kind), event.ref,
            -1 if event.rank is None else event.rank,
            "" if event.order_amount is None else str(event.order_amount),
            -1 if event.stayed_days is None else event.stayed_days,
            -1 if event.amount is None else event.amount, event.reason)


def _event_ref(rule: Rule, event: Event, tz: ZoneInfo) -> str:
    # A birthday ref without a year is made ``birthday:YYYY`` so its key is once per year, also
    # across runs (the ledger refuses a key it already has).
    if rule.kind is RuleKind.BIRTHDAY and _BIRTHDAY_REF.match(event.ref) is None:
        return f"birthday:{birthday_year(event, tz)}"
    return event.ref


def _reason(rule: Rule, event: Event) -> str:
    if event.reason:
        return event.reason
    return rule.name


def _apply(rules: Sequence[Rule], events: Iterable[Event], tz: ZoneInfo,
           already: Mapping[tuple[str, int, str], int] | None) -> list[Award]:
    totals: dict[tuple[str, int, str], int] = dict(already or {})
    seen: set[str] = set()
    awards: list[Award] = []
    for event in sorted(events, key=_event_order):
        day, month = day_key(event.at, tz), month_key(event.at, tz)
        for rule in rules:
            raw = points_for(rule, event)
            if raw <= 0:
                continue
            ref = _event_ref(rule, event, tz)
            key = award_key(rule.id, ref, event.member_id)
            if key in seen:  # the same event twice (or a second birthday this year)
                continue
            seen.add(key)
            amount = raw
            day_slot = (rule.id, event.member_id, day)
            month_slot = (rule.id, event.member_id, month)
            if rule.daily_cap is not None:
                amount = min(amount, max(rule.daily_cap - totals.get(day_slot, 0), 0))
            if rule.monthly_cap is not None:
                amount = min(amount, max(rule.monthly_cap - totals.get(month_slot, 0), 0))
            totals[day_slot] = totals.get(day_slot, 0) + amount
            totals[month_slot] = totals.get(month_slot, 0) + amount
            awards.append(Award(member_id=event.member_id, amount=amount, rule_id=rule.id,
                                event_ref=ref, at=event.at, key=key, capped_from=raw,
                                reason=_reason(rule, event)))
    return awards


def apply_rules(rules: Sequence[Rule], events: Iterable[Event], tz: ZoneInfo,
                already: Mapping[tuple[str, int, str], int] | None = None) -> list[Award]:
    """The awards the enabled ``rules`` make for ``events``, in event-time order.

    Each event is offered to every enabled rule of its kind. Caps are enforced with running totals
    per (rule, member, local day) and (rule, member, local month), starting from ``already``:
    totals awarded by earlier runs keyed ``(rule_id, member_id, "YYYY-MM-DD")`` and
    ``(rule_id, member_id, "YYYY-MM")``. An award cut by a cap keeps the uncut amount in
    ``capped_from``; once a member is at the cap the award is still returned, with amount 0, so
    a preview can show who hit it (the ledger writer skips zero awards). Events that do not
    qualify give no award at all. A repeated (rule, event ref, member) — the same key — is paid
    once, and a birthday at most once per member per year. The result depends only on the inputs,
    not on the order of ``events``.
    """
    return _apply([r for r in rules if r.enabled], events, tz, already)


@dataclass(frozen=True)
class RulePreview:
    """What a rule would have paid over a recent window, to show before it is switched on."""

    awards: tuple[Award, ...]
    total: int
    members: int
    capped_members: tuple[int, ...]
    by_member: tuple[tuple[int, int], ...]


def preview_rule(rule: Rule, events: Iterable[Event], tz: ZoneInfo, *, days: int,
                 now: int) -> RulePreview:
    """Replay the last ``days`` days of events (``at >= now - days*86400``) through ``rule``.

    The rule is replayed even when disabled (that is the point: try it before enabling it), and
    with no earlier totals, so the preview shows what the rule alone would pay. ``members`` counts
    the members with an award; ``capped_members`` those a cap cut at least once.
    """
    if days < 0:
        raise ValueError(f"days must not be negative (got {days})")
    start = now - days * DAY_SECONDS
    window = [e for e in events if e.at >= start]
    replayed = _apply([replace(rule, enabled=True)], window, tz, None)
    awards = tuple(a for a in replayed if a.amount > 0 or a.capped)
    per_member: dict[int, int] = {}
    capped: set[int] = set()
    for award in awards:
        per_member[award.member_id] = per_member.get(award.member_id, 0) + award.amount
        if award.capped:
            capped.add(award.member_id)
    by_member = tuple(sorted(per_member.items(), key=lambda item: (-item[1], item[0])))
    return RulePreview(awards=awards, total=sum(a.amount for a in awards),
                       members=len(per_member), capped_members=tuple(sorted(capped)),
                       by_member=by_member)
