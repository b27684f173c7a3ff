"""The rewards catalog for a workspace: items (add, edit, take off or put back on the shelf),
coupon codes imported from a spreadsheet, and redemptions (redeem, issue, cancel) with their
lists. Rules are ``domain/rewards.py``'s, the tables and transactions ``store/rewards.py``'s.

Every write returns what it wrote; catalog writes also return their audit batch (undo them like
any other operation). Redeeming, issuing and cancelling are not undoable: a redemption is taken
back by cancelling it, which gives the points back by a reversal.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from ..domain import points as P
from ..domain import rewards as R
from ..domain import summaries
from ..domain.workspace_settings import DEFAULT_TIMEZONE
from ..errors import ValidationError
from ..excel import reader
from ..excel.normalize import cell_text
from ..store import points as ledger
from ..store import rewards as store
from ..store.audit import WriteContext
from ..store.db import Workspace

T = TypeVar("T")
CodesAdded = store.CodesAdded
Counts = store.Counts
MAX_CODES = 200_000  # one file's codes: far more than any campaign hands out


@dataclass(frozen=True, slots=True)
class MemberPoints:
    member_id: int
    name: str
    balance: int
    spendable: int


@dataclass(frozen=True, slots=True)
class CodeSheet:
    """What a code file held: the values of its code column (header left out) and where."""

    values: tuple[str, ...]
    header: str
    rows: int


def read_code_sheet(path: Path, sheet: str | int | None = None) -> CodeSheet:
    """A sheet of coupon codes (.xlsx, .xls, .ods or .csv): one column, header optional. With
    several columns, the one headed 券码 / 兑换码 / code (or else the first) holds the codes.
    Blocking: run it in a thread."""
    column, header, values, rows = 0, "", [], 0
    for number, row in enumerate(reader.iter_rows(path, sheet)):
        cells = [cell_text(c) for c in row.cells]
        if number == 0:
            named = [i for i, text in enumerate(cells) if R.is_code_header(text)]
            if named:
                column, header = named[0], cells[named[0]]
                continue
        rows += 1
        values.append(cells[column] if column < len(cells) else "")
        if rows > MAX_CODES:
            raise ValidationError(f"一次最多导入 {MAX_CODES:,} 个券码。", "请把文件拆开分批导入。",
                                  english=f"At most {MAX_CODES:,} codes can be imported at once.",
                                  english_hint="Split the file and import the parts one by one.")
    return CodeSheet(tuple(values), header, rows)


class RewardsService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self._ws.get_setting("timezone", DEFAULT_TIMEZONE))

    def now(self) -> int:
        return int(self._ws.clock.now())

    async def _read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return await asyncio.to_thread(lambda: fn(self._ws.reader(), *args, **kwargs))

    async def _write(self, fn: Callable[..., T], *args: Any, action: str, summary: str = "",
                     **kwargs: Any) -> tuple[T, int | None]:
        def run(ctx: WriteContext) -> tuple[T, int | None]:
            return fn(ctx, *args, **kwargs), ctx.batch_id
        inner = asyncio.wrap_future(self._ws.submit(run, action=action, summary=summary))
        return await asyncio.shield(inner)

    # -- dates -------------------------------------------------------------------------------
    def day_range(self, valid_from: str = "", valid_until: str = "") -> tuple[int | None,
                                                                              int | None]:
        """``YYYY-MM-DD`` days (inclusive, in the workspace's time zone) as the epoch seconds an
        item holds: its first valid second and the first second it is no longer valid."""
        def day(text: str) -> datetime:
            try:
                return datetime.fromisoformat(text.strip()).replace(tzinfo=self.tz)
            except ValueError:
                raise ValidationError(f"日期“{text}”看不懂。", "请写成 2026-12-31 这样。",
                                      english=f"Cannot read the date {text!r}.",
                                      english_hint="Write it like 2026-12-31.") from None
        start = int(day(valid_from).timestamp()) if valid_from.strip() else None
        end = (int((day(valid_until) + timedelta(days=1)).timestamp()) if valid_until.strip()
               else None)
        return start, end

    # -- the catalog -------------------------------------------------------------------------
    async def items(self, active_only: bool = False) -> list[R.Item]:
        return await self._read(store.items, active_only=active_only)

    async def item(self, item_id: int) -> R.Item | None:
        return await self._read(store.item, item_id)

    async def find_item(self, text: str) -> R.Item:
        """An item by its number or its exact name (what the CLI is given)."""
        found = await (self.item(int(text)) if text.strip().isdigit()
                       else self._read(store.item_by_name, text))
        if found is None:
            raise ValidationError(f"没有名为“{text}”的奖品。", "用 siyu rewards items 查看奖品编号和名称。",
                                  english=f"There is no item {text!r}.",
                                  english_hint="See the items' numbers and names with "
                                               "siyu rewards items.")
        return found

    async def add_item(self, item: R.Item) -> tuple[R.Item, int | None]:
        """A new item (its ``id`` is ignored); refused in words when it breaks a rule."""
        return await self._write(store.add_item, item, action="rewards_add_item",
                                 summary=summaries.summary("新增奖品“{name}”",
                                                           name=item.name.strip()))

    async def edit_item(self, item: R.Item) -> tuple[R.Item, int | None]:
        return await self._write(store.edit_item, item, action="rewards_edit_item",
                                 summary=summaries.summary("修改奖品“{name}”",
                                                           name=item.name.strip()))

    async def set_active(self, item_id: int, active: bool) -> tuple[R.Item, int | None]:
        """Take an item off the shelf (no new redemptions; pending ones go on) or put it back."""
        it = await self.find_item(str(item_id))
        summary = (summaries.summary("上架奖品“{name}”", name=it.name) if active
                   else summaries.summary("下架奖品“{name}”", name=it.name))
        return await self._write(store.set_active, item_id, active, action="rewards_edit_item",
                                 summary=summary)

    async def read_codes(self, path: Path, sheet: str | int | None = None) -> CodeSheet:
        return await asyncio.to_thread(read_code_sheet, Path(path), sheet)

    async def import_codes(self, item_id: int, path: Path,
                           sheet: str | int | None = None) -> tuple[CodesAdded, int | None]:
        """A coupon's codes from a file, in one transaction: repeats, blanks and codes the item
        has already are left out and reported."""
        found = await self.read_codes(path, sheet)
        return await self.add_codes(item_id, found.values, header=False,
                                    source=Path(path).name)

    async def add_codes(self, item_id: int, codes: Sequence[str], *, header: bool | None = None,
                        source: str = "") -> tuple[CodesAdded, int | None]:
        it = await self.find_item(str(item_id))
        summary = summaries.summary("导入“{name}”的券码（{file}）", name=it.name,
                                    file=source or "粘贴")
        return await self._write(store.add_codes, item_id, list(codes), header,
                                 action="rewards_import_codes", summary=summary)

    async def codes(self, item_id: int) -> list[R.Code]:
        return await self._read(store.codes, item_id)

    # -- redemptions -------------------------------------------------------------------------
    async def member_points(self, member_id: int) -> MemberPoints:
        def read(conn: Any) -> MemberPoints:
            row = conn.execute("SELECT name FROM members WHERE id = ?", (member_id,)).fetchone()
            if row is None:
                raise ValidationError(f"没有编号为 {member_id} 的客户。",
                                      english=f"There is no member {member_id}.")
            acc: P.Account = ledger.account(conn, member_id)
            return MemberPoints(member_id, row[0], acc.balance, acc.spendable(self.now()))
        return await self._read(read)

    async def redeem(self, item_id: int, member_id: int, *,
                     request_key: str | None = None) -> R.Redemption:
        """Spend the item's points for the member now and leave the redemption pending."""
        it = await self.find_item(str(item_id))
        summary = summaries.summary("客户 {member} 兑换“{name}”（{points} 积分）",
                                    member=member_id, name=it.name, points=it.points)
        done, _batch = await self._write(store.redeem, item_id, member_id,
                                         request_key=request_key, action="rewards_redeem",
                                         summary=summary)
        return done

    async def issue(self, redemption_id: int, note: str = "") -> R.Redemption:
        summary = summaries.summary("发放兑换 #{id}", id=redemption_id)
        done, _batch = await self._write(store.issue, redemption_id, note=note,
                                         action="rewards_issue", summary=summary)
        return done

    async def cancel(self, redemption_id: int, note: str = "") -> R.Redemption:
        """Cancel a pending redemption: its points come back by a reversal, its stock too."""
        summary = summaries.summary("取消兑换 #{id}，积分退回", id=redemption_id)
        done, _batch = await self._write(store.cancel, redemption_id, note=note,
                                         action="rewards_cancel", summary=summary)
        return done

    async def redemption(self, redemption_id: int) -> R.Redemption | None:
        return await self._read(store.redemption, redemption_id)

    async def redemptions(self, status: R.Status | str | None = None, *,
                          item_id: int | None = None, member_id: int | None = None,
                          limit: int = 1000) -> list[R.Redemption]:
        """Newest first, by status (pending / issued / cancelled), item and member."""
        state = R.Status(status) if status else None
        return await self._read(store.redemptions, status=state, item_id=item_id,
                                member_id=member_id, limit=limit)

    async def counts(self) -> Counts:
        return await self._read(store.counts)
