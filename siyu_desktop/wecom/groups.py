"""Customer groups (客户群): the list, one group's roster, and daily statistics."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from . import staff
from .client import WeComClient
from .errors import TooManyItemsError
from .paging import cursor_pages
from .types import STAT_FIELDS, GroupChat, GroupChatRef, GroupDayStat

_BASE = "/cgi-bin/externalcontact/groupchat"
MAX_OWNERS = 100  # owner_filter.userid_list cap
MAX_LIMIT = 1000
# Statistic date rules (reference §4): days are Beijing-time days; at most 30 days per call;
# only the last 180 days are kept; yesterday is the newest day (today gives 600018).
STAT_TZ = ZoneInfo("Asia/Shanghai")
MAX_SPAN_DAYS = 30
RETENTION_DAYS = 180


def _chunks(items: Sequence[str], size: int) -> list[list[str]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


async def iter_group_chats(
    client: WeComClient,
    *,
    owner_userids: Sequence[str] | None = None,
    status_filter: int = 0,
    limit: int = MAX_LIMIT,
    fallback_owners: Sequence[str] | None = None,
    fall_back: bool = True,
) -> AsyncIterator[list[GroupChatRef]]:
    """Yield pages of group ids to completion; more than 100 owners go in chunks.

    Without ``owner_userids`` WeCom answers 81017 when the app sees more than 1000 staff (or
    otherwise finds the unfiltered list too big): then, unless ``fall_back`` is off, the list
    is read again by owner — ``fallback_owners`` if given, else the staff with customer
    contact (``get_follow_user_list``) — 100 owners per request. Each owner's groups are
    listed once, so the result is the same set of groups; a chat id seen twice is dropped."""
    limit = max(1, min(limit, MAX_LIMIT))
    if owner_userids is None:
        try:
            async for page in _pages(client, None, status_filter, limit):
                yield page
            return
        except TooManyItemsError:
            if not fall_back:
                raise
            # 81017 comes with the first page, before anything was yielded
        owner_userids = (list(fallback_owners) if fallback_owners is not None
                         else await staff.get_follow_user_list(client))
    seen: set[str] = set()
    for owners in _chunks(list(dict.fromkeys(owner_userids)), MAX_OWNERS):
        async for page in _pages(client, owners, status_filter, limit):
            fresh = [r for r in page if r.chat_id not in seen]
            seen.update(r.chat_id for r in fresh)
            if fresh:
                yield fresh


async def _pages(client: WeComClient, owners: list[str] | None, status_filter: int, limit: int
                 ) -> AsyncIterator[list[GroupChatRef]]:
    body: dict[str, object] = {"status_filter": status_filter, "limit": limit}
    if owners is not None:
        body["owner_filter"] = {"userid_list": owners}
    async for page in cursor_pages(client, f"{_BASE}/list", body, "group_chat_list"):
        yield [GroupChatRef(str(g.get("chat_id", "")), int(g.get("status", 0))) for g in page]


async def list_group_chats(
    client: WeComClient,
    *,
    owner_userids: Sequence[str] | None = None,
    status_filter: int = 0,
    limit: int = MAX_LIMIT,
    fallback_owners: Sequence[str] | None = None,
    fall_back: bool = True,
) -> list[GroupChatRef]:
    refs: list[GroupChatRef] = []
    async for page in iter_group_chats(
        client, owner_userids=owner_userids, status_filter=status_filter, limit=limit,
        fallback_owners=fallback_owners, fall_back=fall_back,
    ):
        refs.extend(page)
    return refs


async def get_group_chat(client: WeComClient, chat_id: str, *, need_name: bool = True) -> GroupChat:
    """One group with its roster (``need_name`` adds members' names)."""
    data = await client.post(f"{_BASE}/get", {"chat_id": chat_id, "need_name": int(need_name)})
    raw = data.get("group_chat")
    return GroupChat.from_api(raw if isinstance(raw, dict) else {})


def beijing_today(now: float | None = None) -> date:
    return datetime.fromtimestamp(time.time() if now is None else now, STAT_TZ).date()


def day_start(day: date) -> int:
    """Epoch seconds of that day's 00:00 in Beijing time, as WeCom's statistics count days."""
    return int(datetime(day.year, day.month, day.day, tzinfo=STAT_TZ).timestamp())


def stat_windows(begin: date, end: date, today: date) -> list[tuple[date, date]]:
    """Split [begin, end] into calls WeCom accepts: clamped to the 180 kept days up to
    yesterday, at most 30 days each. Empty when nothing in the range can be asked for."""
    begin = max(begin, today - timedelta(days=RETENTION_DAYS))
    end = min(end, today - timedelta(days=1))
    windows: list[tuple[date, date]] = []
    while begin <= end:
        stop = min(end, begin + timedelta(days=MAX_SPAN_DAYS - 1))
        windows.append((begin, stop))
        begin = stop + timedelta(days=1)
    return windows


async def statistic_group_by_day(
    client: WeComClient,
    owner_userids: Sequence[str],
    begin: date,
    end: date,
    *,
    today: date | None = None,
) -> list[GroupDayStat]:
    """Daily statistics of the groups owned by ``owner_userids``, one item per day, oldest
    first. Days WeCom no longer keeps (or not yet: today) are left out rather than failing."""
    today = today or beijing_today()
    totals: dict[int, dict[str, int]] = {}
    for lo, hi in stat_windows(begin, end, today):
        for owners in _chunks(owner_userids, MAX_OWNERS):
            data = await client.post(
                f"{_BASE}/statistic_group_by_day",
                {
                    "day_begin_time": day_start(lo),
                    "day_end_time": day_start(hi),
                    "owner_filter": {"userid_list": owners},
                },
            )
            for raw in data.get("items") or []:
                if not isinstance(raw, dict):
                    continue
                item = GroupDayStat.from_api(raw)
                # Owners' groups are disjoint, so chunks add up to the whole.
                day = totals.setdefault(item.stat_time, dict.fromkeys(STAT_FIELDS, 0))
                for key, value in item.data.items():
                    day[key] += value
    return [GroupDayStat(stat_time, data) for stat_time, data in sorted(totals.items())]
