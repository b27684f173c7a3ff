"""Member levels for a workspace: the policy (a workspace setting), what a changed policy would do
before it is saved, recomputing members' levels from the ledger, and one member's level.

Rules are ``domain/levels.py``'s, the tables and basis values ``store/levels.py``'s. Levels are
computed only once a policy is saved and on: until then they are what imports and operators set.

A recomputation reads every member's value and level on a reader (one grouped pass over the
ledger), and only when some member's level would change does it write: in the writer's
transaction it reads those members again and writes what is still a change, each with its
reason, so a rerun with nothing new changes nothing (and writes nothing at all). When it runs:
after a policy is saved, on demand (the 等级 tab, ``siyu points levels recompute``), when the
window opens a workspace, and for the members of every write the window makes that touches
members (awards, redemptions, expiry runs, imports): see ``ui/controllers/levels_controller``.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import numpy as np

from ..domain import levels as L
from ..domain import summaries
from ..domain.members import LEVEL_NAMES
from ..domain.workspace_settings import DEFAULT_TIMEZONE
from ..errors import ValidationError
from ..ops import NEVER, CancelToken, ProgressFn, report
from ..store import levels as store
from ..store.audit import WriteContext
from ..store.db import Workspace

T = TypeVar("T")
ChangeRow = store.ChangeRow
IntArray = store.IntArray
SAMPLE = 200  # changes a preview lists (the counts cover everyone)
WRITE_CHUNK = 50_000
MAX_GIFT = 40  # characters of a gift's description
LEVELS = tuple(sorted(LEVEL_NAMES))



@dataclass(frozen=True, slots=True)
class LevelSettings:
    policy: L.LevelPolicy
    enabled: bool  # levels are computed (a policy was saved and is on)
    saved: bool  # a policy was saved (else ``policy`` is the default, proposed)


@dataclass(frozen=True, slots=True)
class Preview:
    """What a policy gives against the levels now: counts per level (index = level), how many
    go up and down, and the first ``SAMPLE`` changes with the members' names."""

    policy: L.LevelPolicy
    members: int
    now: tuple[int, ...]
    after: tuple[int, ...]
    up: int
    down: int
    changes: tuple[L.LevelChange, ...]
    names: dict[int, str] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return self.up + self.down


@dataclass(frozen=True, slots=True)
class Recomputed:
    members: int  # looked at
    up: int
    down: int
    batch: int | None  # the audit batch (None: nothing written)
    dry_run: bool = False
    changes: tuple[L.LevelChange, ...] = ()  # a dry run's first ``SAMPLE``

    @property
    def changed(self) -> int:
        return self.up + self.down


@dataclass(frozen=True, slots=True)
class MemberLevel:
    member_id: int
    level: int  # members.level: what the member holds now
    since: int | None  # when the policy gave it (None: not given by the policy)
    value: int | None  # the basis value now (None: no value for this basis)
    basis: L.LevelBasis
    enabled: bool
    benefits: L.Benefits
    computed: int | None  # the level the value earns (differs from ``level`` until recomputed)
    next_level: int | None  # None at the top
    to_next: int | None  # value still missing for the next level


@dataclass(frozen=True, slots=True)
class Overview:
    settings: LevelSettings
    counts: tuple[int, ...]  # members per level now
    recent: tuple[ChangeRow, ...]
    total_changes: int
    spend_available: bool


@dataclass(slots=True)
class _Plan:
    ids: IntArray
    values: IntArray
    current: IntArray
    new: IntArray

    def moved(self) -> IntArray:
        return np.nonzero(self.new != self.current)[0]

    def changes(self, policy: L.LevelPolicy, where: IntArray) -> list[L.LevelChange]:
        ids = self.ids[where].tolist()
        return L.level_changes(policy, dict(zip(ids, self.current[where].tolist(), strict=True)),
                               dict(zip(ids, self.values[where].tolist(), strict=True)))


def make_policy(basis: L.LevelBasis | str, thresholds: Sequence[int],
                benefits: Sequence[tuple[int, str, str]] | None = None) -> L.LevelPolicy:
    """A policy from what an operator typed, refused in their words: three thresholds that
    rise (银卡 < 金卡 < 黑金, 银卡 above 0), benefits ``(coupons a month, birthday gift, New
    Year gift)`` for 普通, 银卡, 金卡, 黑金."""
    try:
        basis = L.LevelBasis(basis)
    except ValueError:
        raise ValidationError(f"不认识的定级依据“{basis}”。", "可选：lifetime（累计积分）、rolling_12m"
                              "（近 12 个月积分）、spend（累计消费）。",
                              english=f"Unknown level basis {basis!r}.",
                              english_hint="Choose lifetime, rolling_12m or spend.") from None
    t = [int(x) for x in thresholds]
    if len(t) != 3:
        raise ValidationError("请填三个门槛：银卡、金卡、黑金。",
                              english="Give three thresholds: Silver, Gold, Black Gold.")
    if t[0] <= 0:
        raise ValidationError("银卡门槛必须大于 0。", "门槛为 0 会让所有客户都成为银卡。",
                              english="The Silver threshold must be more than 0.",
                              english_hint="A threshold of 0 would make every member Silver.")
    if not t[0] < t[1] < t[2]:
        raise ValidationError(f"门槛要逐级升高：银卡 {t[0]:,} < 金卡 {t[1]:,} < 黑金 {t[2]:,}。",
                              english=f"Thresholds must rise: Silver {t[0]:,} < Gold {t[1]:,} < "
                                      f"Black Gold {t[2]:,}.")
    if benefits is None:
        given = L.DEFAULT_BENEFITS
    else:
        if len(benefits) != 4:
            raise ValidationError("请为普通、银卡、金卡、黑金四个等级各填一行权益。",
                                  english="Give benefits for the four levels.")
        rows = []
        for level, (coupons, birthday, new_year) in enumerate(benefits):
            name = LEVEL_NAMES[level]
            if int(coupons) < 0 or int(coupons) > 99:
                raise ValidationError(f"{name}每月券数应在 0 到 99 之间。",
                                      english=f"Coupons a month ({name}) must be 0 to 99.")
            for gift in (birthday, new_year):
                if len(gift.strip()) > MAX_GIFT:
                    raise ValidationError(f"{name}的礼品说明太长（最多 {MAX_GIFT} 个字）。",
                                          english=f"A gift description ({name}) is too long "
                                                  f"(at most {MAX_GIFT} characters).")
            rows.append(L.Benefits(int(coupons), birthday.strip(), new_year.strip()))
        given = (rows[0], rows[1], rows[2], rows[3])
    return L.LevelPolicy(basis, (t[0], t[1], t[2]), given)


class LevelsService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self._ws.get_setting("timezone", DEFAULT_TIMEZONE))

    def now(self) -> int:
        return int(self._ws.clock.now())

    @property
    def closed(self) -> bool:
        return self._ws.closed

    async def _read(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(lambda: fn(self._ws.reader(), *args))

    async def _write(self, fn: Callable[..., T], *args: Any, action: str, summary: str = ""
                     ) -> T:
        inner = asyncio.wrap_future(self._ws.submit(fn, *args, action=action, summary=summary))
        return await asyncio.shield(inner)

    # -- the policy ----------------------------------------------------------------------------
    def settings_now(self, conn: sqlite3.Connection | None = None) -> LevelSettings:
        stored = store.stored_policy(conn or self._ws.reader())
        if stored is None:
            return LevelSettings(L.DEFAULT_POLICY, False, False)
        return LevelSettings(stored[0], stored[1], True)

    async def policy(self) -> LevelSettings:
        return await self._read(self.settings_now)

    def _check_basis(self, conn: sqlite3.Connection, policy: L.LevelPolicy) -> None:
        if policy.basis is L.LevelBasis.SPEND and not store.spend_available(conn):
            raise ValidationError(
                "还不能按累计消费定级：工作区里还没有消费数据。",
                "订单和消费金额导入后才能用这个依据；现在请按累计积分或近 12 个月积分定级。",
                english="Levels cannot follow spend yet: the workspace holds no spend.",
                english_hint="Spend can be used once orders are imported; for now use lifetime "
                             "points or the points of the last 12 months.")

    async def set_policy(self, policy: L.LevelPolicy, enabled: bool = True) -> int | None:
        """Save the policy (audit-logged, undoable); the audit batch. Saving does not change
        anyone's level: ``recompute`` does (the window runs it right after)."""
        a, b, c = policy.thresholds
        if not enabled:
            summary = summaries.summary("停用按规则定级")
        elif policy.basis is L.LevelBasis.LIFETIME:
            summary = summaries.summary(
                "会员等级规则：累计积分，银卡 {silver} / 金卡 {gold} / 黑金 {black}",
                silver=a, gold=b, black=c)
        elif policy.basis is L.LevelBasis.ROLLING_12M:
            summary = summaries.summary(
                "会员等级规则：近 12 个月积分，银卡 {silver} / 金卡 {gold} / 黑金 {black}",
                silver=a, gold=b, black=c)
        else:
            summary = summaries.summary(
                "会员等级规则：累计消费，银卡 {silver} / 金卡 {gold} / 黑金 {black} 元",
                silver=a, gold=b, black=c)

        def run(ctx: WriteContext) -> int | None:
            if enabled:
                self._check_basis(ctx.conn, policy)
            store.save_policy(ctx, policy, enabled)
            ctx.changes.levels_changed = True
            return ctx.batch_id
        return await self._write(run, action="levels_policy", summary=summary)

    # -- planning ------------------------------------------------------------------------------
    def _values(self, conn: sqlite3.Connection, policy: L.LevelPolicy, ids: IntArray
                ) -> IntArray:
        self._check_basis(conn, policy)
        if policy.basis is L.LevelBasis.SPEND:
            return store.spend(conn, ids)
        since = (L.rolling_window_start(self.now(), self.tz)
                 if policy.basis is L.LevelBasis.ROLLING_12M else None)
        return store.earned(conn, ids, since)

    def _plan(self, conn: sqlite3.Connection, policy: L.LevelPolicy,
              member_ids: Sequence[int] | None = None) -> _Plan:
        ids = (store.member_ids(conn) if member_ids is None
               else np.unique(np.asarray(member_ids, dtype=np.int64)))
        values = self._values(conn, policy, ids)
        current = store.levels_of(conn, ids)
        known = current >= 0  # ids of members deleted meanwhile drop out
        ids, values, current = ids[known], values[known], current[known]
        # the domain's level_for once per distinct value, spread back over the members
        distinct, where = np.unique(values, return_inverse=True)
        new = np.array([L.level_for(policy, int(v)) for v in distinct],
                       dtype=np.int64)[where] if len(values) else np.zeros(0, np.int64)
        return _Plan(ids, values, current, new)

    def _counts(self, levels: IntArray) -> tuple[int, ...]:
        got = np.bincount(levels.clip(0, L.TOP_LEVEL), minlength=len(LEVELS))
        return tuple(int(x) for x in got[:len(LEVELS)])

    def preview_now(self, conn: sqlite3.Connection, policy: L.LevelPolicy) -> Preview:
        plan = self._plan(conn, policy)
        moved = plan.moved()
        up = int(np.count_nonzero(plan.new[moved] > plan.current[moved]))
        sample = plan.changes(policy, moved[:SAMPLE])
        return Preview(policy, len(plan.ids), self._counts(plan.current),
                       self._counts(plan.new), up, len(moved) - up, tuple(sample),
                       _names(conn, [c.member_id for c in sample]))

    async def preview(self, policy: L.LevelPolicy) -> Preview:
        """How many members each level would hold under ``policy`` and who would go up or down
        against their levels now; writes nothing (for a policy before it is saved)."""
        return await self._read(self.preview_now, policy)

    # -- recomputing ---------------------------------------------------------------------------
    def _active(self, conn: sqlite3.Connection) -> L.LevelPolicy:
        settings = self.settings_now(conn)
        if not settings.enabled:
            raise ValidationError(
                "还没有启用按规则定级。", "在“积分 → 等级”里保存等级规则，或用 siyu points levels "
                "policy 设置。",
                english="Levels by policy are not on.",
                english_hint="Save a level policy under Points → Levels, or with "
                             "siyu points levels policy.")
        return settings.policy

    def recompute_now(self, ctx: WriteContext, candidates: Sequence[int], policy: L.LevelPolicy,
                      progress: ProgressFn | None = None, cancel: CancelToken = NEVER
                      ) -> tuple[int, int]:
        """In the writer's transaction: what is still a change for ``candidates`` (read again
        here), written with reasons; (up, down)."""
        if self.settings_now(ctx.conn).policy != policy:
            raise ValidationError("等级规则刚被修改过，请重新计算。",
                                  english="The level policy just changed; recompute again.")
        plan = self._plan(ctx.conn, policy, candidates)
        moved = plan.moved()
        values = dict(zip(plan.ids[moved].tolist(), plan.values[moved].tolist(), strict=True))
        up = down = 0
        for start in range(0, len(moved), WRITE_CHUNK):
            cancel.check()
            changes = plan.changes(policy, moved[start:start + WRITE_CHUNK])
            store.apply(ctx, changes, values)
            n_up = sum(1 for c in changes if c.is_upgrade)
            up, down = up + n_up, down + len(changes) - n_up
            report(progress, "write", start + len(changes), len(moved), 2)
        cancel.check()  # the last look before the commit
        ctx.summary = summaries.summary("按规则重新定级：升级 {up} 位，降级 {down} 位", up=up,
                                        down=down)
        return up, down

    async def recompute(self, progress: ProgressFn | None = None, cancel: CancelToken = NEVER,
                        *, member_ids: Sequence[int] | None = None,
                        dry_run: bool = False) -> Recomputed:
        """Bring levels in line with the saved policy (everyone, or ``member_ids``): only the
        members whose level changes are written, each with its reason, in one audited batch.
        Refused while no policy is on; a rerun with nothing new writes nothing."""
        def plan(conn: sqlite3.Connection) -> tuple[L.LevelPolicy, _Plan, IntArray]:
            policy = self._active(conn)
            report(progress, "read", 0, 0, 0)
            p = self._plan(conn, policy, member_ids)
            report(progress, "compare", len(p.ids), len(p.ids), 1)
            return policy, p, p.moved()
        policy, p, moved = await self._read(plan)
        cancel.check()
        looked = len(p.ids)
        if dry_run or not len(moved):
            up = int(np.count_nonzero(p.new[moved] > p.current[moved]))
            sample = tuple(p.changes(policy, moved[:SAMPLE])) if dry_run else ()
            return Recomputed(looked, up, len(moved) - up, None, dry_run, sample)
        candidates = p.ids[moved].tolist()
        del p

        def run(ctx: WriteContext) -> tuple[int, int, int | None]:
            up, down = self.recompute_now(ctx, candidates, policy, progress, cancel)
            return up, down, ctx.batch_id
        up, down, batch = await self._write(run, action="levels_recompute",
                                            summary=summaries.summary(
                                                "按规则重新定级：升级 {up} 位，降级 {down} 位",
                                                up=0, down=0))
        return Recomputed(looked, up, down, batch)

    # -- reading -------------------------------------------------------------------------------
    def member_level_now(self, conn: sqlite3.Connection, member_id: int) -> MemberLevel:
        held = store.held(conn, member_id)
        if held is None:
            raise ValidationError(f"没有编号为 {member_id} 的客户。",
                                  english=f"There is no member {member_id}.")
        settings = self.settings_now(conn)
        policy = settings.policy
        value: int | None = None
        computed: int | None = None
        if policy.basis is not L.LevelBasis.SPEND or store.spend_available(conn):
            value = int(self._values(conn, policy, np.array([member_id], np.int64))[0])
            computed = L.level_for(policy, value)
        since = held.since if held.computed_level == held.level else None
        nxt = held.level + 1 if held.level < L.TOP_LEVEL else None
        to_next = (max(0, policy.threshold(nxt) - value) if nxt is not None and value is not None
                   else None)
        return MemberLevel(member_id, held.level, since, value, policy.basis, settings.enabled,
                           policy.benefits[max(0, min(held.level, L.TOP_LEVEL))], computed, nxt,
                           to_next)

    async def member_level(self, member_id: int) -> MemberLevel:
        """A member's level, since when the policy gave it, the basis value now, the level's
        benefits and what is missing for the next level."""
        return await self._read(self.member_level_now, member_id)

    async def history(self, member_id: int, limit: int = 100) -> list[ChangeRow]:
        return await self._read(store.history, member_id, limit)

    def overview_now(self, conn: sqlite3.Connection, recent: int = 200) -> Overview:
        counts = store.counts(conn)
        return Overview(self.settings_now(conn), tuple(counts.get(lv, 0) for lv in LEVELS),
                        tuple(store.recent_changes(conn, recent)), store.change_count(conn),
                        store.spend_available(conn))

    async def overview(self, recent: int = 200) -> Overview:
        """The policy, members per level now and the recent level changes."""
        return await self._read(self.overview_now, recent)


def _names(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for start in range(0, len(ids), 900):
        chunk = list(ids[start:start + 900])
        out.update(conn.execute(f"SELECT id, name FROM members WHERE id IN "
                                f"({', '.join('?' * len(chunk))})", chunk).fetchall())
    return out
