"""What the points screen reads: the overview (circulation, twelve weeks of flows, the expiry
policy), leaderboards per group or overall for a week or a month, the members a pasted list
names, and previews of a batch award and of an expiry run (with the reminder list as .xlsx).

Reads run on a worker thread with that thread's read connection (as ``PointsService._read``);
writes stay ``PointsService``'s.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from ..domain import clock
from ..domain import member_refs as refs
from ..domain import points as P
from ..domain import points_periods as periods
from ..domain.points_periods import Flow, Period, PeriodKind
from ..excel.writer import write_xlsx
from ..ops import NEVER, CancelToken, Progress, ProgressFn
from ..store import points as ledger
from ..store import points_report as store
from ..store.db import Workspace
from ..store.points_report import AwardBatch, Circulation
from .points import AwardPlan, ExpiryPlan, PointsService

__all__ = ["AwardBatch", "AwardPreview", "AwardRow", "Board", "BoardRow", "Circulation",
           "ExpiryPreview", "ExpiryRow", "Overview", "PointsReport"]

T = TypeVar("T")
OVERVIEW_WEEKS = 12
PREVIEW_ROWS = 200


@dataclass(frozen=True, slots=True)
class Overview:
    circulation: Circulation
    weeks: list[Flow]  # oldest first; the last is this week
    policy: P.ExpiryPolicy


@dataclass(frozen=True, slots=True)
class BoardRow:
    rank: int
    member_id: int
    name: str
    phone: str
    points: int


@dataclass(frozen=True, slots=True)
class Board:
    period: Period
    group_id: int | None
    rows: list[BoardRow]
    members: int  # everyone who earned in the period
    points: int  # what they earned together


@dataclass(frozen=True, slots=True)
class AwardRow:
    member_id: int
    name: str
    phone: str
    balance: int
    change: int  # 0: nothing this time (already given, or cannot be taken back)
    state: str  # "award", "already", "short"


@dataclass(frozen=True, slots=True)
class AwardPreview:
    plan: AwardPlan
    member_ids: tuple[int, ...]
    already: tuple[int, ...]  # members this key gave the points to before
    short: tuple[tuple[int, int], ...]  # negative amounts: (member, spendable) who lack points
    rows: list[AwardRow]  # the first members, in id order

    @property
    def total(self) -> int:
        """The points this award moves, counting only those it can be done for."""
        return self.plan.amount * (self.plan.to_award - len(self.short))


@dataclass(frozen=True, slots=True)
class ExpiryRow:
    member_id: int
    name: str
    phone: str
    balance: int
    expiring: int


@dataclass(frozen=True, slots=True)
class ExpiryPreview:
    plan: ExpiryPlan
    rows: list[ExpiryRow]  # the members losing most, first


EXPIRY_HEADER = ("客户编号", "客户", "手机号", "当前积分", "将过期积分", "过期后积分", "过期日期")


class PointsReport:
    def __init__(self, workspace: Workspace, points: PointsService) -> None:
        self._ws = workspace
        self._points = points

    async def _read(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(lambda: fn(self._ws.reader(), *args))

    @property
    def tz(self) -> Any:
        return self._points.tz

    def now(self) -> int:
        return int(self._ws.clock.now())

    def today(self) -> date:
        return clock.today(self._ws.clock, self.tz)

    def periods(self, kind: PeriodKind, count: int = 12) -> list[Period]:
        """The last ``count`` weeks or months up to this one, newest first (for a picker)."""
        return list(reversed(periods.recent(kind, self.today(), self.tz, count)))

    def default_key(self, reason: str) -> str:
        return periods.award_key(self.today(), reason)

    # -- overview ----------------------------------------------------------------------------
    async def overview(self, weeks: int = OVERVIEW_WEEKS) -> Overview:
        spans = periods.recent(PeriodKind.WEEK, self.today(), self.tz, weeks)
        now = self.now()

        def run(conn: sqlite3.Connection) -> Overview:
            moved = store.flows(conn, periods.boundaries(spans))
            return Overview(store.circulation(conn, now),
                            [Flow(p, *m) for p, m in zip(spans, moved, strict=True)],
                            self._points.policy)
        return await self._read(run)

    # -- leaderboards ------------------------------------------------------------------------
    async def board(self, period: Period, group_id: int | None = None,
                    limit: int = 100) -> Board:
        def run(conn: sqlite3.Connection) -> Board:
            found = store.leaderboard(conn, period.start, period.end, group_id, limit)
            who = store.names(conn, [m for m, _ in found.rows])
            places = periods.ranks([p for _, p in found.rows])
            rows = [BoardRow(rank, m, who.get(m, ("", "", 0))[0], who.get(m, ("", "", 0))[1], p)
                    for rank, (m, p) in zip(places, found.rows, strict=True)]
            return Board(period, group_id, rows, found.members, found.points)
        return await self._read(run)

    # -- who a pasted list names -------------------------------------------------------------
    def resolve_now(self, conn: sqlite3.Connection, text: str) -> refs.Resolution:
        parsed = refs.parse_refs(text)
        found = {kind: store.members_by(conn, str(kind), values)
                 for kind, values in refs.lookups(parsed).items()}
        return refs.resolve(parsed, found)

    async def resolve(self, text: str) -> refs.Resolution:
        return await self._read(self.resolve_now, text)

    # -- a batch award's preview -------------------------------------------------------------
    def award_preview_now(self, conn: sqlite3.Connection, member_ids: Sequence[int],
                          amount: int, reason: str, key: str,
                          rows: int = PREVIEW_ROWS) -> AwardPreview:
        plan = self._points.plan_award_now(conn, member_ids, amount, reason, key)
        ids = sorted(set(member_ids))
        keys = {f"award:{key}:{m}": m for m in ids}
        already = sorted(keys[k] for k in ledger.existing_keys(conn, list(keys)))
        done = set(already)
        short: list[tuple[int, int]] = []
        if amount < 0:
            todo = [m for m in ids if m not in done]
            have = store.spendable(conn, todo, self.now())
            short = [(m, have.get(m, 0)) for m in todo if have.get(m, 0) < -amount]
        lacking = {m for m, _ in short}
        shown = ids[:rows]
        who = store.names(conn, shown)
        out: list[AwardRow] = []
        for m in shown:
            name, phone, balance = who.get(m, ("", "", 0))
            state = "already" if m in done else "short" if m in lacking else "award"
            out.append(AwardRow(m, name, phone, balance, amount if state == "award" else 0,
                                state))
        return AwardPreview(plan, tuple(ids), tuple(already), tuple(short), out)

    async def award_preview(self, member_ids: Sequence[int], amount: int, reason: str,
                            key: str) -> AwardPreview:
        return await self._read(self.award_preview_now, list(member_ids), amount, reason, key)

    async def recent_awards(self, limit: int = 50) -> list[AwardBatch]:
        return await self._read(store.recent_awards, limit)

    # -- an expiry run's preview -------------------------------------------------------------
    async def expiry_preview(self, day: date | str, rows: int = PREVIEW_ROWS) -> ExpiryPreview:
        def run(conn: sqlite3.Connection) -> ExpiryPreview:
            plan = self._points.plan_expiry_now(conn, day)
            top = plan.by_member[:rows]
            who = store.names(conn, [m for m, _ in top])
            return ExpiryPreview(plan, [ExpiryRow(m, *who.get(m, ("", "", 0)), points)
                                        for m, points in top])
        return await self._read(run)

    async def expiry_days(self) -> tuple[date | None, date | None]:
        """(the first day whose expiry run was missed, the next day points expire), in the
        workspace's time zone; None when there is none."""
        missed, coming = await self._read(store.expiry_dates, self.now())
        return (None if missed is None else self._local_day(missed),
                None if coming is None else self._local_day(coming))

    def _local_day(self, at: int) -> date:
        return datetime.fromtimestamp(at, self.tz).date()

    def export_expiry_now(self, conn: sqlite3.Connection, path: Path, plan: ExpiryPlan,
                          progress: ProgressFn | None = None,
                          cancel: CancelToken = NEVER) -> int:
        """The reminder list: every member the run for ``plan.day`` would take points from,
        most first, with their balance before and after."""
        total = len(plan.by_member)

        def cells() -> Any:
            for start in range(0, total, store.CHUNK):
                part = plan.by_member[start:start + store.CHUNK]
                who = store.names(conn, [m for m, _ in part])
                for m, points in part:
                    name, phone, balance = who.get(m, ("", "", 0))
                    yield [m, name, phone, balance, points, balance - points, plan.day]

        def tick(done: int) -> None:
            if progress is not None:
                progress(Progress("write", done, total))
        return write_xlsx(path, EXPIRY_HEADER, cells(), sheet_name="积分到期提醒",
                          progress=tick, cancel=cancel.check)

    async def export_expiry(self, path: Path, plan: ExpiryPlan,
                            progress: ProgressFn | None = None,
                            cancel: CancelToken = NEVER) -> int:
        return await self._read(self.export_expiry_now, path, plan, progress, cancel)
