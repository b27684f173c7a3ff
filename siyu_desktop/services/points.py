"""Points for a workspace: batch awards, statements, expiry runs, the balance check and the hash
chain's verification. Rules are ``domain/points.py``'s, the tables ``store/points.py``'s.

Every award carries an idempotency key: a batch award's key gives each member the key
``award:KEY:member``, so rerunning the same award (after a kill, or twice by mistake) gives each
member the points once. A batch is one transaction: all of it or nothing.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from ..domain import points as P
from ..domain import summaries
from ..domain.workspace_settings import DEFAULT_TIMEZONE
from ..errors import ValidationError
from ..ops import NEVER, CancelToken, Progress, ProgressFn
from ..store import points as store
from ..store.audit import WriteContext
from ..store.db import Workspace

EXPIRY_SETTING = store.EXPIRY_SETTING
EXPIRY_BATCH = 20000  # members an expiry run plans and writes at a time (memory, not speed)


@dataclass(frozen=True, slots=True)
class AwardPlan:
    key: str
    amount: int
    reason: str
    members: int  # asked for
    already: int  # members the key already gave the points to
    to_award: int  # members this run gives the points to

    @property
    def total(self) -> int:
        return self.amount * self.to_award


@dataclass(frozen=True, slots=True)
class ExpiryPlan:
    day: str
    members: int
    points: int
    by_member: tuple[tuple[int, int], ...]  # (member id, points expiring), most first


@dataclass(frozen=True, slots=True)
class Verification:
    entries: int
    broken: P.ChainBreak | None


def _writing(progress: ProgressFn | None, cancel: CancelToken, total: int
             ) -> Callable[[int], None]:
    def report(done: int) -> None:
        cancel.check()
        if progress is not None:
            progress(Progress("write", done, total, 1))
    return report


class PointsService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self._ws.get_setting("timezone", DEFAULT_TIMEZONE))

    @property
    def policy(self) -> P.ExpiryPolicy:
        return P.policy_from_setting(self._ws.get_setting(EXPIRY_SETTING))

    async def _read(self, fn: Any, *args: Any) -> Any:
        return await asyncio.to_thread(lambda: fn(self._ws.reader(), *args))

    async def _write(self, fn: Any, *args: Any, action: str, summary: str = "") -> Any:
        inner = asyncio.wrap_future(self._ws.submit(fn, *args, action=action, summary=summary))
        return await asyncio.shield(inner)

    # -- awards ------------------------------------------------------------------------------
    def _check_award(self, amount: int, reason: str, key: str) -> None:
        if amount == 0:
            raise ValidationError("积分数量不能为 0。", "请填一个正数（发放）或负数（扣减）。",
                                  english="The amount cannot be 0.",
                                  english_hint="Give a positive number to award, negative to "
                                               "take points back.")
        if not reason.strip():
            raise ValidationError("请写明发放原因。", "原因会出现在客户的积分明细里。",
                                  english="Say why the points are given.",
                                  english_hint="The reason shows on the member's statement.")
        if not key.strip() or ":" in key:
            raise ValidationError(f"批次标识“{key}”不能为空，也不能含有冒号。",
                                  english=f"The batch key {key!r} cannot be empty or hold a "
                                          f"colon.")

    def plan_award_now(self, conn: sqlite3.Connection, member_ids: Sequence[int], amount: int,
                       reason: str, key: str) -> AwardPlan:
        self._check_award(amount, reason, key)
        ids = sorted(set(member_ids))
        done = store.existing_keys(conn, [f"award:{key}:{m}" for m in ids])
        return AwardPlan(key, amount, reason, len(ids), len(done), len(ids) - len(done))

    async def plan_award(self, member_ids: Sequence[int], amount: int, reason: str,
                         key: str) -> AwardPlan:
        result: AwardPlan = await self._read(self.plan_award_now, member_ids, amount, reason,
                                             key)
        return result

    def award_now(self, ctx: WriteContext, member_ids: Sequence[int], amount: int, reason: str,
                  key: str, operator: str = "", progress: ProgressFn | None = None,
                  cancel: CancelToken = NEVER) -> AwardPlan:
        """The batch award in the caller's write transaction (``ctx``)."""
        self._check_award(amount, reason, key)
        conn = ctx.conn
        ids = sorted(set(member_ids))
        known = {r[0] for start in range(0, len(ids), 900) for r in conn.execute(
            f"SELECT id FROM members WHERE id IN ({', '.join('?' * len(ids[start:start + 900]))})",
            ids[start:start + 900])}
        missing = [m for m in ids if m not in known]
        if missing:
            raise ValidationError(f"没有这些客户：{', '.join(map(str, missing[:10]))}。",
                                  english=f"No such members: {', '.join(map(str, missing[:10]))}.")
        keys = {m: f"award:{key}:{m}" for m in ids}
        done = store.existing_keys(conn, list(keys.values()))
        todo = [m for m in ids if keys[m] not in done]
        expires = P.expires_at(self.policy, ctx.now, self.tz) if amount > 0 else None
        operator = operator or ctx.actor
        planned: list[store.Planned] = []
        accounts = store.accounts(conn, todo) if amount < 0 else {}
        for i, m in enumerate(todo):
            if amount > 0:
                planned.append((P.Draft(m, amount, P.Kind.EARN, reason, P.Source.MANUAL, key,
                                        operator, ctx.now, keys[m], expires), ()))
            else:
                try:
                    draws = P.plan_spend(accounts[m], -amount, ctx.now)
                except P.LedgerError as exc:
                    raise ValidationError(f"客户 {m}：{exc.message}", "请先把他们从名单中去掉。",
                                          english=f"Member {m}: {exc.english}",
                                          english_hint="Leave them out of the list first."
                                          ) from None
                planned.append((P.Draft(m, amount, P.Kind.ADJUST, reason, P.Source.MANUAL, key,
                                        operator, ctx.now, keys[m]), draws))
            if i % 5000 == 0:
                cancel.check()
                if progress is not None:
                    progress(Progress("plan", i, len(todo)))
        store.append(ctx, planned, progress=_writing(progress, cancel, len(todo)))
        cancel.check()  # the last look before the commit
        return AwardPlan(key, amount, reason, len(ids), len(done), len(todo))

    async def award(self, member_ids: Sequence[int], amount: int, reason: str, key: str,
                    progress: ProgressFn | None = None,
                    cancel: CancelToken = NEVER) -> tuple[AwardPlan, int | None]:
        """Award (or take back) ``amount`` to every member once per key: the plan as done and
        the audit batch (to undo by reversal)."""
        def run(ctx: WriteContext) -> tuple[AwardPlan, int | None]:
            return self.award_now(ctx, member_ids, amount, reason, key, progress=progress,
                                  cancel=cancel), ctx.batch_id
        summary = summaries.summary("积分发放「{reason}」：每位 {amount} 分（批次 {key}）",
                                    reason=reason, amount=amount, key=key)
        result: tuple[AwardPlan, int | None] = await self._write(
            run, action="points_award", summary=summary)
        return result

    # -- reading -----------------------------------------------------------------------------
    async def statement(self, member_id: int, limit: int | None = None
                        ) -> list[tuple[P.Entry, int]]:
        result: list[tuple[P.Entry, int]] = await self._read(store.statement, member_id, limit)
        return result

    async def account(self, member_id: int) -> P.Account:
        result: P.Account = await self._read(store.account, member_id)
        return result

    # -- expiry ------------------------------------------------------------------------------
    def _day(self, day: date | str) -> tuple[str, int]:
        text = day if isinstance(day, str) else day.isoformat()
        try:
            return text, P.day_start(text, self.tz)
        except ValueError:
            raise ValidationError(f"日期“{text}”看不懂。", "请写成 2026-12-31 这样。",
                                  english=f"Cannot read the date {text!r}.",
                                  english_hint="Write it like 2026-12-31.") from None

    def _policy_summary(self, policy: P.ExpiryPolicy) -> str:
        if policy.kind is P.ExpiryKind.NEVER:
            return summaries.summary("积分到期规则改为：永不过期")
        if policy.kind is P.ExpiryKind.MONTHS_AFTER:
            return summaries.summary("积分到期规则改为：获得后第 {months} 个月月底过期",
                                     months=policy.months)
        if policy.grace_years == 0:
            return summaries.summary("积分到期规则改为：每年 {month} 月 {day} 日清零当年获得的积分",
                                     month=policy.month, day=policy.day)
        return summaries.summary("积分到期规则改为：每年 {month} 月 {day} 日清零 {years} 年前获得的积分",
                                 month=policy.month, day=policy.day, years=policy.grace_years)

    async def set_policy(self, policy: P.ExpiryPolicy) -> bool:
        """Make ``policy`` the workspace's expiry rule (audited, undoable): points earned from
        now on get their expiry date from it; lots already earned keep theirs (the date is
        part of each earning's hashed entry). False when it was already the rule."""
        setting = P.policy_to_setting(policy)
        result: bool = await self._write(store.save_policy, setting, action="points_policy",
                                         summary=self._policy_summary(policy))
        return result

    def plan_expiry_now(self, conn: sqlite3.Connection, day: date | str) -> ExpiryPlan:
        text, on = self._day(day)
        per = store.expiring(conn, on)
        totals = sorted(((m, sum(t for _, t in d)) for m, d in per.items()),
                        key=lambda x: (-x[1], x[0]))
        return ExpiryPlan(text, len(totals), sum(t for _, t in totals), tuple(totals))

    async def plan_expiry(self, day: date | str) -> ExpiryPlan:
        result: ExpiryPlan = await self._read(self.plan_expiry_now, day)
        return result

    def expire_now(self, ctx: WriteContext, day: date | str, progress: ProgressFn | None = None,
                   cancel: CancelToken = NEVER) -> ExpiryPlan:
        """The expiry run for ``day`` (also a past day that was missed): every lot expired by
        then loses what is left of it, one entry per member keyed by member and day, so a
        second run for the same day finds nothing to do."""
        text, on = self._day(day)
        count, batches = store.expiring_batches(ctx.conn, on, EXPIRY_BATCH)
        reason = "积分过期"
        totals: list[tuple[int, int]] = []
        seen = 0
        lots: dict[int, int] = {}  # taken from the lots once, after the last batch
        for per in batches:  # one transaction still: a batch at a time only bounds memory
            cancel.check()
            done = store.existing_keys(ctx.conn, [f"expire:{m}:{text}" for m in per])
            planned: list[store.Planned] = []
            for m, draws in per.items():
                key = f"expire:{m}:{text}"
                if key in done:
                    continue
                total = sum(t for _, t in draws)
                planned.append((P.Draft(m, -total, P.Kind.EXPIRE, reason, P.Source.SYSTEM,
                                        text, "system", on, key), draws))
                totals.append((m, total))
            store.append(ctx, planned, lots_later=lots)
            seen += len(per)
            if progress is not None:
                progress(Progress("write", seen, count, 1))
        store.take_from_lots(ctx.conn, lots)
        cancel.check()
        totals.sort(key=lambda x: (-x[1], x[0]))
        return ExpiryPlan(text, len(totals), sum(t for _, t in totals), tuple(totals))

    async def expire(self, day: date | str, progress: ProgressFn | None = None,
                     cancel: CancelToken = NEVER) -> ExpiryPlan:
        summary = summaries.summary("积分过期：{day}", day=str(day))
        result: ExpiryPlan = await self._write(
            lambda ctx: self.expire_now(ctx, day, progress, cancel), action="points_expire",
            summary=summary)
        return result

    # -- checks ------------------------------------------------------------------------------
    async def check(self, limit: int = 1000) -> tuple[int, list[store.Mismatch]]:
        result: tuple[int, list[store.Mismatch]] = await self._read(
            store.balance_mismatches, limit)
        return result

    async def rebuild_balances(self) -> int:
        result: int = await self._write(store.rebuild_balances, action="points_rebuild")
        return result

    def verify_now(self, conn: sqlite3.Connection, progress: ProgressFn | None = None,
                   cancel: CancelToken = NEVER) -> Verification:
        total = int(conn.execute("SELECT coalesce(max(seq), 0) FROM points_entries").fetchone()[0])

        def counted() -> Any:
            for i, e in enumerate(store.walk(conn), 1):
                if i % 20000 == 0:
                    cancel.check()
                    if progress is not None:
                        progress(Progress("verify", i, total))
                yield e
        count, broken = P.verify_chain(counted())
        return Verification(count, broken)

    async def verify(self, progress: ProgressFn | None = None,
                     cancel: CancelToken = NEVER) -> Verification:
        result: Verification = await self._read(self.verify_now, progress, cancel)
        return result
