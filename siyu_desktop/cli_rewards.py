"""``siyu rewards``: the rewards catalog and redemptions without a window.

``items`` lists the catalog; ``add-item`` adds a coupon, goods or points + cash item (``edit-item``
changes one, ``--inactive``/``--active`` takes it off or puts it back on the shelf);
``import-codes ITEM FILE`` adds a coupon's codes from a one-column sheet (header optional).
``redeem ITEM MEMBER`` spends the points and leaves the redemption pending (``--key``: the same
key twice is one redemption); ``issue ID`` hands it over (a coupon's code is printed), ``cancel
ID`` gives the points back by a reversal. ``list [--status S]`` shows redemptions, newest first.
An ITEM is its number or its exact name. Refusals (not enough points, out of stock, over the
limit) exit 1 with the reason.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from .cli_points import EXIT_EMPTY, EXIT_OK, EXIT_USER, _en, say
from .domain import rewards as R
from .services.rewards import RewardsService

KINDS = [str(k) for k in R.ItemKind]
STATUSES = [str(s) for s in R.Status]


def register(sub: Any) -> None:
    rewards = sub.add_parser("rewards", help="the rewards catalog and redemptions: items, "
                                             "add-item, import-codes, redeem, issue, cancel, list")
    rsub = rewards.add_subparsers(dest="rewards_command", required=True)
    it = rsub.add_parser("items", help="the catalog: price, stock left, limit, validity")
    it.add_argument("--active", action="store_true", help="only items on the shelf")
    it.set_defaults(func=run_items)

    for name, helptext in (("add-item", "add a catalog item"),
                           ("edit-item", "change an item (the fields given)")):
        p = rsub.add_parser(name, help=helptext)
        if name == "add-item":
            p.add_argument("name", help="the item's name, e.g. 猫砂一袋")
            p.add_argument("--kind", choices=KINDS, default="goods",
                           help="coupon (codes imported), goods, points_cash")
            p.add_argument("--points", type=int, required=True, help="the points price")
        else:
            p.add_argument("item", help="item number or exact name")
            p.add_argument("--name", help="a new name")
            p.add_argument("--points", type=int, help="the points price")
        p.add_argument("--cash", help="points_cash: the cash price in yuan, e.g. 19.90")
        p.add_argument("--stock", type=int, help="stock left (goods, points_cash); omit for "
                                                 "unlimited")
        p.add_argument("--unlimited", action="store_true", help="no stock limit")
        p.add_argument("--limit", type=int, help="times one member may redeem it")
        p.add_argument("--no-limit", action="store_true", help="no per-member limit")
        p.add_argument("--from", dest="valid_from", help="first valid day, YYYY-MM-DD")
        p.add_argument("--until", dest="valid_until", help="last valid day, YYYY-MM-DD")
        p.add_argument("--description", help="shown to operators")
        if name == "edit-item":
            shelf = p.add_mutually_exclusive_group()
            shelf.add_argument("--active", dest="active", action="store_true", default=None,
                               help="put it back on the shelf")
            shelf.add_argument("--inactive", dest="active", action="store_false",
                               help="take it off the shelf (no new redemptions)")
        p.set_defaults(func=run_add_item if name == "add-item" else run_edit_item)

    imp = rsub.add_parser("import-codes", help="add a coupon's codes from .xlsx/.xls/.ods/.csv "
                                               "(one column, header optional)")
    imp.add_argument("item", help="item number or exact name")
    imp.add_argument("file", type=Path)
    imp.add_argument("--sheet", help="sheet name (default: the first visible one)")
    imp.set_defaults(func=run_import_codes)

    red = rsub.add_parser("redeem", help="spend a member's points on an item (pending)")
    red.add_argument("item", help="item number or exact name")
    red.add_argument("member", type=int, help="member id")
    red.add_argument("--key", help="request key: the same key twice is one redemption")
    red.set_defaults(func=run_redeem)

    for name, helptext, fn in (("issue", "hand a pending redemption over", "issue"),
                               ("cancel", "cancel a pending redemption; the points come back",
                                "cancel")):
        p = rsub.add_parser(name, help=helptext)
        p.add_argument("id", type=int, help="redemption id")
        p.add_argument("--note", default="", help="why, or how it was sent")
        p.set_defaults(func=run_issue if fn == "issue" else run_cancel)

    ls = rsub.add_parser("list", help="redemptions, newest first")
    ls.add_argument("--status", choices=STATUSES)
    ls.add_argument("--member", type=int, help="member id")
    ls.add_argument("--item", help="item number or exact name")
    ls.add_argument("--limit", type=int, default=50)
    ls.set_defaults(func=run_list)


def _name(pair: tuple[str, str]) -> str:
    return pair[1] if _en() else pair[0]


def _day(at: int | None, tz: Any) -> str:
    return "" if at is None else datetime.fromtimestamp(at, tz).strftime("%Y-%m-%d")


def _validity(it: R.Item, tz: Any) -> str:
    if it.valid_from is None and it.valid_until is None:
        return "always" if _en() else "长期"
    until = _day(it.valid_until - 1, tz) if it.valid_until is not None else ""
    return f"{_day(it.valid_from, tz)}~{until}"


def _item_line(it: R.Item, tz: Any) -> str:
    left = ("unlimited" if _en() else "不限") if it.left is None else f"{it.left:,}"
    limit = ("-" if it.per_member is None else str(it.per_member))
    cash = f"+¥{R.fen_text(it.cash_fen)}" if it.cash_fen else ""
    shelf = "" if it.active else ("\t(inactive)" if _en() else "\t（已下架）")
    return (f"{it.id}\t{it.name}\t{_name(R.KIND_NAMES[it.kind])}\t{it.points:,}{cash}\t"
            f"{left}\t{limit}\t{_validity(it, tz)}{shelf}")


async def run_items(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = RewardsService(ws)
        found = await service.items(active_only=args.active)
        if not found:
            say("还没有奖品。用 siyu rewards add-item 添加。", "No items yet. Add one with "
                "siyu rewards add-item.")
            return EXIT_EMPTY
        say("编号\t名称\t类型\t积分\t剩余\t每人限兑\t有效期",
            "id\tname\tkind\tpoints\tleft\tper member\tvalid")
        for it in found:
            print(_item_line(it, service.tz))
        return EXIT_OK
    finally:
        ws.close()


def _fields(args: argparse.Namespace, service: RewardsService, old: R.Item) -> R.Item:
    cash = old.cash_fen if args.cash is None else R.parse_yuan(args.cash)
    stock = None if args.unlimited else (old.stock if args.stock is None else args.stock)
    limit = None if args.no_limit else (old.per_member if args.limit is None else args.limit)
    start, end = service.day_range(args.valid_from or "", args.valid_until or "")
    return replace(old, name=getattr(args, "name", None) or old.name,
                   points=old.points if args.points is None else args.points, cash_fen=cash,
                   stock=stock, per_member=limit,
                   valid_from=old.valid_from if args.valid_from is None else start,
                   valid_until=old.valid_until if args.valid_until is None else end,
                   description=(old.description if args.description is None
                                else args.description),
                   active=old.active if getattr(args, "active", None) is None else args.active)


async def run_add_item(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = RewardsService(ws)
        blank = R.Item(0, R.ItemKind(args.kind), args.name, args.points)
        it, batch = await service.add_item(_fields(args, service, blank))
        print(_item_line(it, service.tz))
        say(f"已添加奖品 #{it.id}。撤销：siyu undo {batch}",
            f"Item #{it.id} added. Undo: siyu undo {batch}")
        if it.kind is R.ItemKind.COUPON:
            say(f"下一步：siyu rewards import-codes {it.id} 券码.xlsx",
                f"Next: siyu rewards import-codes {it.id} codes.xlsx")
        return EXIT_OK
    finally:
        ws.close()


async def run_edit_item(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = RewardsService(ws)
        old = await service.find_item(args.item)
        it, batch = await service.edit_item(_fields(args, service, old))
        print(_item_line(it, service.tz))
        say(f"已保存。撤销：siyu undo {batch}", f"Saved. Undo: siyu undo {batch}")
        return EXIT_OK
    finally:
        ws.close()


async def run_import_codes(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = RewardsService(ws)
        it = await service.find_item(args.item)
        done, batch = await service.import_codes(it.id, args.file, args.sheet)
        f = done.found
        say(f"“{it.name}”新增券码 {done.added:,} 个（重复 {len(f.repeated):,}，已有 "
            f"{len(f.existing):,}，空白 {f.blank:,}，无效 {len(f.refused):,}）。",
            f"{done.added:,} codes added to {it.name} ({len(f.repeated):,} repeated, "
            f"{len(f.existing):,} already there, {f.blank:,} blank, {len(f.refused):,} refused).")
        for position, code, why, why_en in f.refused[:20]:
            say(f"第 {position} 个\t{code}\t{why}", f"#{position}\t{code}\t{why_en}", err=True)
        if batch and done.added:
            say(f"撤销：siyu undo {batch}", f"Undo: siyu undo {batch}")
        return EXIT_OK if done.added else EXIT_USER
    finally:
        ws.close()


def _redemption_line(r: R.Redemption, tz: Any) -> str:
    cash = f"+¥{R.fen_text(r.cash_fen)}" if r.cash_fen else ""
    when = datetime.fromtimestamp(r.created_at, tz).strftime("%Y-%m-%d %H:%M")
    return (f"{r.id}\t{when}\t{_name(R.STATUS_NAMES[r.status])}\t{r.member_id}\t{r.member_name}"
            f"\t{r.item_name}\t{r.points:,}{cash}\t{r.code}")


async def run_redeem(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = RewardsService(ws)
        it = await service.find_item(args.item)
        r = await service.redeem(it.id, args.member, request_key=args.key)
        left = await service.member_points(args.member)
        print(_redemption_line(r, service.tz))
        say(f"兑换 #{r.id} 待发放；客户剩余积分 {left.balance:,}。发放：siyu rewards issue {r.id}",
            f"Redemption #{r.id} is pending; the member has {left.balance:,} points left. "
            f"Issue: siyu rewards issue {r.id}")
        return EXIT_OK
    finally:
        ws.close()


async def run_issue(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = RewardsService(ws)
        r = await service.issue(args.id, args.note)
        print(_redemption_line(r, service.tz))
        if r.code:
            say(f"券码\t{r.code}", f"Code\t{r.code}")
        say(f"兑换 #{r.id} 已发放。", f"Redemption #{r.id} issued.")
        return EXIT_OK
    finally:
        ws.close()


async def run_cancel(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = RewardsService(ws)
        r = await service.cancel(args.id, args.note)
        left = await service.member_points(r.member_id)
        print(_redemption_line(r, service.tz))
        say(f"兑换 #{r.id} 已取消，{r.points:,} 积分已退回（冲正第 {r.entry_seq} 条）；客户积分 "
            f"{left.balance:,}。",
            f"Redemption #{r.id} cancelled; {r.points:,} points given back (entry {r.entry_seq} "
            f"reversed); the member has {left.balance:,}.")
        return EXIT_OK
    finally:
        ws.close()


async def run_list(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = RewardsService(ws)
        item_id = (await service.find_item(args.item)).id if args.item else None
        rows = await service.redemptions(args.status, item_id=item_id, member_id=args.member,
                                         limit=args.limit)
        if not rows:
            say("没有符合条件的兑换记录。", "No redemptions matched.")
            return EXIT_EMPTY
        say("编号\t时间\t状态\t客户编号\t客户\t奖品\t积分\t券码",
            "id\ttime\tstatus\tmember\tname\titem\tpoints\tcode")
        for r in rows:
            print(_redemption_line(r, service.tz))
        return EXIT_OK
    finally:
        ws.close()


__all__ = ["EXIT_USER", "register"]
