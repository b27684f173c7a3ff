"""Points earning rules for a workspace: keep them (add, edit, switch on and off, every write
audited), preview what a rule would have paid over the last days, and run the enabled rules over
one day's events through the ledger.

Events come from what the workspace knows (``store/points_rules.py``): birthdays from members'
birth month-days (a 29 February birthday counts on 28 February in a common year), game results
and taking part from the ledger's game entries (a reason ``…第 N 名`` is rank N, any other entry
is taking part), invites from roster rows whose inviter is a member. Purchases need orders,
which no version imports yet. What a rule pays and its caps are ``domain/points_rules.py``'s.

A run is idempotent: each award's key is ``rule:RULE:REF:MEMBER`` (a birthday's ref is
``birthday:YEAR``, so once per member and year); events whose key the ledger already holds were
paid (by an earlier run, or by the game that wrote them under the same rule) and are left out
before the caps are counted, and the caps start from what the rule already paid that day and
month. A rerun therefore pays nothing new, and a later run the same day never goes over a cap.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, NoReturn, TypeVar
from zoneinfo import ZoneInfo

from ..domain import points as P
from ..domain import summaries
from ..domain.points_rules import (
    DAY_SECONDS,
    Award,
    Event,
    Rule,
    RuleKind,
    RulePreview,
    apply_rules,
    award_key,
    day_key,
    month_key,
    preview_rule,
)
from ..domain.workspace_settings import DEFAULT_TIMEZONE
from ..errors import ValidationError
from ..store import points as ledger
from ..store import points_rules as store
from ..store.audit import WriteContext
from ..store.db import Workspace

T = TypeVar("T")
StoredRule = store.StoredRule
RANK_IN_REASON = re.compile(r"第\s*(\d+)\s*名")
PREVIEW_DAYS = 30
MAX_PREVIEW_DAYS = 366
MAX_POINTS = 1_000_000
# kinds an operator configures here (manual awards are made under 批量发放)
CONFIGURABLE = (RuleKind.PARTICIPATION, RuleKind.RANK, RuleKind.BIRTHDAY,
                RuleKind.INVITE_STAYED, RuleKind.PURCHASE)
KIND_NAMES: dict[RuleKind, tuple[str, str]] = {
    RuleKind.PARTICIPATION: ("参与游戏", "taking part in a game"),
    RuleKind.RANK: ("游戏名次", "game rank"),
    RuleKind.BIRTHDAY: ("生日", "birthday"),
    RuleKind.INVITE_STAYED: ("邀请好友留存", "invited friend stayed"),
    RuleKind.PURCHASE: ("消费", "purchase"),
    RuleKind.MANUAL: ("手动", "manual"),
}


class Note(StrEnum):
    """Why a preview shows nothing, said by the screen or the CLI in its own words."""

    NONE = ""
    NO_ORDERS = "no_orders"  # purchases: no orders imported yet
    NO_INVITES = "no_invites"  # no roster row names a member as the inviter
    MANUAL = "manual"  # manual awards have no events to replay
    NO_EVENTS = "no_events"  # nothing in the window qualified


def _refuse(message: str, english: str, hint: str = "", english_hint: str = ""
            ) -> NoReturn:
    raise ValidationError(message, hint, english=english, english_hint=english_hint)


def parse_rate(text: str) -> Decimal:
    """A purchase rule's points per yuan as typed (``1``, ``0.5``)."""
    try:
        rate = Decimal(text.strip())
    except InvalidOperation:
        raise ValidationError(f"“{text}”不是数字。", "每消费 1 元得几分，如 1 或 0.5。",
                              english=f"{text!r} is not a number.",
                              english_hint="Points per yuan spent, e.g. 1 or 0.5.") from None
    if not rate.is_finite():
        _refuse(f"“{text}”不是数字。", f"{text!r} is not a number.")
    return rate


def make_rule(*, id: str, name: str, kind: RuleKind, amount: int = 0,  # noqa: A002
              amounts: Sequence[int] = (), rate: Decimal = Decimal(0), stay_days: int = 0,
              daily_cap: int | None = None, monthly_cap: int | None = None,
              enabled: bool = False) -> Rule:
    """The rule these fields make, or the first problem in the operator's words (the domain's
    own check stays the last guard)."""
    if not name.strip():
        _refuse("请给规则起个名字。", "Give the rule a name.", "名字会写进客户的积分明细。",
                "The name shows on members' statements.")
    if not id or ":" in id or id != id.strip():
        _refuse(f"规则编号“{id}”不能为空，也不能含冒号或首尾空格。",
                f"The rule id {id!r} cannot be empty or hold a colon or outer spaces.")
    amounts = tuple(amounts)
    if kind is RuleKind.RANK:
        if not amounts or amounts[0] <= 0:
            _refuse("请至少填第 1 名的积分（大于 0）。",
                    "Give at least the points for rank 1 (more than 0).")
        if any(a < 0 or a > MAX_POINTS for a in amounts):
            _refuse(f"名次积分应在 0 到 {MAX_POINTS:,} 之间。",
                    f"Rank points must be between 0 and {MAX_POINTS:,}.")
    elif kind is RuleKind.PURCHASE:
        if not rate > 0:
            _refuse("每消费 1 元得的积分必须大于 0（如 1 或 0.5）。",
                    "The points per yuan spent must be more than 0 (e.g. 1 or 0.5).")
        if rate > 1000:
            _refuse("每消费 1 元最多得 1,000 分。", "At most 1,000 points per yuan spent.")
    elif kind is not RuleKind.MANUAL and not 0 < amount <= MAX_POINTS:
        _refuse(f"每次发放的积分应在 1 到 {MAX_POINTS:,} 之间。",
                f"The points per award must be between 1 and {MAX_POINTS:,}.")
    if kind is RuleKind.INVITE_STAYED and not 0 <= stay_days <= 365:
        _refuse("留存天数应在 0 到 365 天之间。", "The days to stay must be between 0 and 365.")
    for cap, zh, en in ((daily_cap, "每日上限", "The daily cap"),
                        (monthly_cap, "每月上限", "The monthly cap")):
        if cap is not None and cap <= 0:
            _refuse(f"{zh}必须大于 0；不设上限请留空。",
                    f"{en} must be more than 0; leave it empty for no cap.")
    if daily_cap is not None and monthly_cap is not None and monthly_cap < daily_cap:
        _refuse("每月上限不能小于每日上限。", "The monthly cap cannot be below the daily cap.")
    keep = {RuleKind.RANK: "amounts", RuleKind.PURCHASE: "rate"}.get(kind, "amount")
    try:  # fields another kind uses are dropped: a rank rule keeps no amount, and so on
        return Rule(id=id, name=name.strip(), kind=kind,
                    amount=amount if keep == "amount" else 0,
                    amounts=amounts if keep == "amounts" else (),
                    rate=rate if keep == "rate" else Decimal(0),
                    stay_days=stay_days if kind is RuleKind.INVITE_STAYED else 0,
                    daily_cap=daily_cap, monthly_cap=monthly_cap, enabled=enabled)
    except ValueError as exc:  # the domain's guard: a problem the words above missed
        raise ValidationError(f"规则不成立：{exc}", english=f"The rule does not hold: {exc}"
                              ) from None


def check_rule(rule: Rule) -> Rule:
    """``rule`` checked as ``make_rule`` checks fields (its name tidied)."""
    return make_rule(**{f.name: getattr(rule, f.name) for f in fields(rule)})


def new_id(kind: RuleKind, taken: set[str]) -> str:
    """An id for a new rule of ``kind``: the kind itself, or ``kind-2``, ``kind-3``…"""
    base = str(kind)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


# -- results -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PreviewRow:
    member_id: int
    name: str
    awards: int  # how many awards
    points: int  # after caps
    uncapped: int  # what the rule would have paid without its caps

    @property
    def capped(self) -> bool:
        return self.points < self.uncapped


@dataclass(frozen=True, slots=True)
class RuleReport:
    """What a rule would have paid over the last ``days`` days."""

    rule: Rule
    days: int
    events: int
    preview: RulePreview
    rows: tuple[PreviewRow, ...]  # most points first
    note: Note

    @property
    def total(self) -> int:
        return self.preview.total

    @property
    def members(self) -> int:
        return self.preview.members

    @property
    def capped(self) -> int:
        return len(self.preview.capped_members)

    @property
    def cut(self) -> int:
        """Points the caps took off."""
        return sum(r.uncapped - r.points for r in self.rows)


@dataclass(frozen=True, slots=True)
class RuleRun:
    rule: Rule
    events: int  # the day's events of this rule's kind
    paid_before: int  # of them, already paid (an earlier run, or the game itself)
    awards: tuple[Award, ...]  # what this run pays (amount > 0)
    capped: int  # members a cap cut in this run

    @property
    def total(self) -> int:
        return sum(a.amount for a in self.awards)


@dataclass(frozen=True, slots=True)
class RunPlan:
    day: str
    rules: tuple[RuleRun, ...]

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rules)

    @property
    def awards(self) -> int:
        return sum(len(r.awards) for r in self.rules)

    @property
    def members(self) -> int:
        return len({a.member_id for r in self.rules for a in r.awards})


# -- events --------------------------------------------------------------------------------------

def _midnight(d: date, tz: ZoneInfo) -> int:
    return int(datetime(d.year, d.month, d.day, tzinfo=tz).timestamp())


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def birthday_events(conn: sqlite3.Connection, start: int, end: int, now: int,
                    tz: ZoneInfo) -> list[Event]:
    """A birthday event for every member whose birthday falls in ``[start, end)`` (local
    days, none after ``now``), who had joined by the end of that day; at the day's midnight
    (or ``start``, on the window's first day)."""
    first = datetime.fromtimestamp(start, tz).date()
    last = datetime.fromtimestamp(min(end, now + 1) - 1, tz).date()
    days: dict[int, list[date]] = {}
    d = first
    while d <= last:
        days.setdefault(d.month * 100 + d.day, []).append(d)
        if d.month == 2 and d.day == 28 and not _is_leap(d.year):
            days.setdefault(229, []).append(d)
        d += timedelta(days=1)
    events: list[Event] = []
    for member_id, md, joined in store.birthdays(conn, sorted(days)):
        for day in days[md]:
            at = max(_midnight(day, tz), start)
            if joined is not None and joined >= _midnight(day + timedelta(days=1), tz):
                continue
            if at > now:
                continue
            events.append(Event(member_id=member_id, at=at, kind=RuleKind.BIRTHDAY,
                                ref=f"birthday:{day.year}"))
    return events


def game_events(conn: sqlite3.Connection, start: int, end: int) -> list[Event]:
    """Taking part (once per member and session, at their first entry) and ranks (a reason
    naming 第 N 名) from the ledger's game entries in ``[start, end)``."""
    joined: dict[tuple[int, str], int] = {}
    events: list[Event] = []
    for member_id, at, _amount, reason, session in store.game_entries(conn, start, end):
        match = RANK_IN_REASON.search(reason)
        if match is not None:
            events.append(Event(member_id=member_id, at=at, kind=RuleKind.RANK, ref=session,
                                rank=int(match.group(1))))
        else:
            key = (member_id, session)
            joined[key] = min(at, joined.get(key, at))
    events.extend(Event(member_id=m, at=at, kind=RuleKind.PARTICIPATION, ref=session)
                  for (m, session), at in joined.items())
    return events


def invite_events(conn: sqlite3.Connection, start: int, end: int, now: int,
                  stay_days: int) -> list[Event]:
    """An invited member who stayed ``stay_days`` days counts at the moment they had: for the
    inviting member, once per invited member."""
    stay = stay_days * DAY_SECONDS
    out = []
    for inviter, invited, joined in store.member_invites(conn, start - stay, end - stay):
        at = joined + stay
        if at <= now:
            out.append(Event(member_id=inviter, at=at, kind=RuleKind.INVITE_STAYED,
                             ref=f"invite:{invited}", stayed_days=(now - joined) // DAY_SECONDS))
    return out


def events_for(conn: sqlite3.Connection, rule: Rule, start: int, end: int, now: int,
               tz: ZoneInfo) -> list[Event]:
    """The events of ``rule``'s kind in ``[start, end)``."""
    kind = rule.kind
    if kind is RuleKind.BIRTHDAY:
        return birthday_events(conn, start, end, now, tz)
    if kind in (RuleKind.RANK, RuleKind.PARTICIPATION):
        return [e for e in game_events(conn, start, end) if e.kind is kind]
    if kind is RuleKind.INVITE_STAYED:
        return invite_events(conn, start, end, now, rule.stay_days)
    return []  # purchases: no orders yet; manual: no events


def _note(conn: sqlite3.Connection, rule: Rule, events: int) -> Note:
    if rule.kind is RuleKind.PURCHASE and not store.orders_imported(conn):
        return Note.NO_ORDERS
    if rule.kind is RuleKind.MANUAL:
        return Note.MANUAL
    if rule.kind is RuleKind.INVITE_STAYED and not store.has_member_inviters(conn):
        return Note.NO_INVITES
    return Note.NONE if events else Note.NO_EVENTS


def report_now(conn: sqlite3.Connection, rule: Rule, days: int, now: int,
               tz: ZoneInfo) -> RuleReport:
    if not 1 <= days <= MAX_PREVIEW_DAYS:
        _refuse(f"预览天数应在 1 到 {MAX_PREVIEW_DAYS} 天之间。",
                f"The days to preview must be between 1 and {MAX_PREVIEW_DAYS}.")
    start = now - days * DAY_SECONDS
    events = events_for(conn, rule, start, now + 1, now, tz)
    preview = preview_rule(rule, events, tz, days=days, now=now)
    per: dict[int, list[int]] = {}
    for a in preview.awards:
        got = per.setdefault(a.member_id, [0, 0, 0])
        got[0] += 1
        got[1] += a.amount
        got[2] += a.capped_from
    names = store.member_names(conn, list(per))
    rows = sorted((PreviewRow(m, names.get(m, ""), n, pts, raw)
                   for m, (n, pts, raw) in per.items()),
                  key=lambda r: (-r.points, r.member_id))
    return RuleReport(rule, days, len(events), preview, tuple(rows),
                      _note(conn, rule, len(events)))


def _bounds(day: str, tz: ZoneInfo) -> tuple[date, int, int, int, int]:
    try:
        d = date.fromisoformat(day.strip())
    except ValueError:
        raise ValidationError(f"日期“{day}”看不懂。", "请写成 2026-12-31 这样。",
                              english=f"Cannot read the date {day!r}.",
                              english_hint="Write it like 2026-12-31.") from None
    month_first = d.replace(day=1)
    month_next = (month_first + timedelta(days=32)).replace(day=1)
    return (d, _midnight(d, tz), _midnight(d + timedelta(days=1), tz),
            _midnight(month_first, tz), _midnight(month_next, tz))


def plan_run_now(conn: sqlite3.Connection, day: str, now: int, tz: ZoneInfo) -> RunPlan:
    """What running the enabled rules over ``day``'s events would pay now."""
    d, start, end, month_start, month_end = _bounds(day, tz)
    if start > now:
        _refuse(f"{d.isoformat()} 还没到，不能提前发放。",
                f"{d.isoformat()} has not come yet; rules cannot pay ahead of it.")
    runs: list[RuleRun] = []
    for stored in store.rules(conn):
        rule = stored.rule
        if not rule.enabled or rule.kind is RuleKind.MANUAL:
            continue
        events = [e for e in events_for(conn, rule, start, end, now, tz) if e.at <= now]
        keys = [award_key(rule.id, e.ref, e.member_id) for e in events]
        done = ledger.existing_keys(conn, keys)
        fresh = [e for e, k in zip(events, keys, strict=True) if k not in done]
        already: dict[tuple[str, int, str], int] = {}
        for member_id, at, amount in store.paid(conn, rule.id, month_start, month_end):
            for slot in ((rule.id, member_id, day_key(at, tz)),
                         (rule.id, member_id, month_key(at, tz))):
                already[slot] = already.get(slot, 0) + amount
        awards = apply_rules([rule], fresh, tz, already)
        runs.append(RuleRun(rule, len(events), len(events) - len(fresh),
                            tuple(a for a in awards if a.amount > 0),
                            len({a.member_id for a in awards if a.capped})))
    return RunPlan(d.isoformat(), tuple(runs))


def run_now(ctx: WriteContext, day: str, tz: ZoneInfo) -> RunPlan:
    """The run in the caller's write transaction: the plan, appended to the ledger."""
    plan = plan_run_now(ctx.conn, day, ctx.now, tz)
    policy, _tz = ledger.policy(ctx.conn)
    planned: list[ledger.Planned] = [
        (P.Draft(a.member_id, a.amount, P.Kind.EARN, a.reason, P.Source.RULE, a.event_ref,
                 ctx.actor, a.at, a.key, P.expires_at(policy, a.at, tz)), ())
        for r in plan.rules for a in r.awards]
    ledger.append(ctx, planned)
    ctx.summary = summaries.summary("积分规则发放 {day}：{members} 位客户，共 {points} 分",
                                    day=plan.day, members=plan.members, points=plan.total)
    return plan


# -- the service ---------------------------------------------------------------------------------

class PointsRulesService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self._ws.get_setting("timezone", DEFAULT_TIMEZONE))

    def now(self) -> int:
        return int(self._ws.clock.now())

    def today(self) -> str:
        return datetime.fromtimestamp(self.now(), self.tz).date().isoformat()

    async def _read(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(lambda: fn(self._ws.reader(), *args))

    async def _write(self, fn: Callable[..., T], *args: Any, action: str,
                     summary: str) -> tuple[T, int | None]:
        def run(ctx: WriteContext) -> tuple[T, int | None]:
            return fn(ctx, *args), ctx.batch_id
        inner = asyncio.wrap_future(self._ws.submit(run, action=action, summary=summary))
        return await asyncio.shield(inner)

    # -- the rules ---------------------------------------------------------------------------
    async def rules(self) -> list[StoredRule]:
        return await self._read(store.rules)

    async def rule(self, rule_id: str) -> Rule | None:
        return await self._read(store.rule, rule_id)

    async def new_id(self, kind: RuleKind) -> str:
        return new_id(kind, await self._read(store.ids))

    async def add(self, rule: Rule, fresh_id: bool = True) -> tuple[Rule, int | None]:
        """Add a rule. With ``fresh_id`` its id is made from its kind (``birthday``,
        ``birthday-2``…), else the id it has is kept (refused when taken)."""
        if rule.kind is RuleKind.MANUAL:
            _refuse("手动发放不需要规则：请用“批量发放”。",
                    "Manual awards need no rule: use the batch award.")
        checked = check_rule(rule)

        def write(ctx: WriteContext) -> Rule:
            r = replace(checked, id=new_id(rule.kind, store.ids(ctx.conn))) if fresh_id \
                else checked
            return store.insert(ctx, r)
        summary = summaries.summary("新增积分规则“{name}”", name=checked.name)
        return await self._write(write, action="points_rule_add", summary=summary)

    async def edit(self, rule: Rule) -> tuple[Rule, int | None]:
        """Save a rule's fields and switch (its id, and so its awards' keys, stay)."""
        checked = check_rule(rule)

        def write(ctx: WriteContext) -> Rule:
            old = store.rule(ctx.conn, checked.id)
            if old is not None and old.kind is not checked.kind:
                _refuse("规则的类型不能改：请新增一条规则。",
                        "A rule's kind cannot change; add a new rule instead.")
            return store.update(ctx, checked)[1]
        summary = summaries.summary("修改积分规则“{name}”", name=checked.name)
        return await self._write(write, action="points_rule_edit", summary=summary)

    async def set_enabled(self, rule_id: str, enabled: bool) -> tuple[Rule, int | None]:
        found = await self.rule(rule_id)
        if found is None:
            _refuse(f"没有编号为“{rule_id}”的积分规则。", f"There is no points rule {rule_id!r}.")
        summary = (summaries.summary("启用积分规则“{name}”", name=found.name) if enabled
                   else summaries.summary("停用积分规则“{name}”", name=found.name))

        def write(ctx: WriteContext) -> Rule:
            current = store.rule(ctx.conn, rule_id)
            assert current is not None
            return store.update(ctx, replace(current, enabled=enabled))[1]
        return await self._write(write, action="points_rule_enable" if enabled
                                 else "points_rule_disable", summary=summary)

    async def enable(self, rule_id: str) -> tuple[Rule, int | None]:
        return await self.set_enabled(rule_id, True)

    async def disable(self, rule_id: str) -> tuple[Rule, int | None]:
        return await self.set_enabled(rule_id, False)

    # -- preview and run ---------------------------------------------------------------------
    async def preview(self, rule: Rule, days: int = PREVIEW_DAYS) -> RuleReport:
        """Who would have got what from ``rule`` (saved or not, on or off) over the last
        ``days`` days, the total, and who a cap cut."""
        tz, now = self.tz, self.now()
        return await self._read(report_now, rule, days, now, tz)

    async def plan_run(self, day: str | None = None) -> RunPlan:
        tz, now = self.tz, self.now()
        return await self._read(plan_run_now, day or self.today(), now, tz)

    async def run(self, day: str | None = None) -> tuple[RunPlan, int | None]:
        """Pay the enabled rules for ``day``'s events (default today); nothing is written when
        there is nothing to pay (a rerun)."""
        text = day or self.today()
        tz = self.tz
        plan = await self.plan_run(text)
        if not plan.awards:
            return plan, None
        # the summary is the transaction's own plan (``run_now``): what was really paid
        return await self._write(run_now, text, tz, action="points_rules_run", summary="")

    async def member_names(self, member_ids: Sequence[int]) -> dict[int, str]:
        return await self._read(store.member_names, list(member_ids))
