"""``siyu points``: award, statement, expire, check and verify without a window.

``award`` gives (or, with a negative amount, takes back) points to a saved segment's members or
to listed member ids, once per member and batch key: rerun with the same ``--key`` after a kill
or a doubt and nobody gets them twice. Ctrl-C before the commit writes nothing (exit 130).
``check`` exits 1 when any cached balance differs from its entries (``--fix`` rebuilds them);
``verify`` exits 1 and names the first entry where the hash chain breaks.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from datetime import datetime
from typing import Any

from .cli_excel import _sigint_cancels, _status
from .domain import points as P
from .errors import Cancelled, ValidationError
from .services.points import PointsService
from .services.workspace import WorkspaceService

EXIT_OK, EXIT_USER, EXIT_EMPTY, EXIT_CANCELLED = 0, 1, 3, 130
KIND_WORDS = {P.Kind.EARN: ("获得", "earned"), P.Kind.SPEND: ("使用", "spent"),
              P.Kind.EXPIRE: ("过期", "expired"), P.Kind.ADJUST: ("调整", "adjusted"),
              P.Kind.REVERSE: ("冲正", "reversed")}


def _en() -> bool:
    return os.environ.get("SIYU_LANG", "").lower().startswith("en")


def say(zh: str, en: str, *, err: bool = False) -> None:
    print(en if _en() else zh, file=sys.stderr if err else sys.stdout)


def register(sub: Any) -> None:
    points = sub.add_parser("points", help="the points ledger: award, statement, expire, "
                                           "check, verify")
    psub = points.add_subparsers(dest="points_command", required=True)
    award = psub.add_parser("award", help="award points to a segment's members or listed ids")
    who = award.add_mutually_exclusive_group(required=True)
    who.add_argument("--segment", help="saved segment name")
    who.add_argument("--member", type=int, action="append", help="member id (repeatable)")
    award.add_argument("--amount", type=int, required=True,
                       help="points per member (negative takes points back)")
    award.add_argument("--reason", required=True, help="shown on every member's statement")
    award.add_argument("--key", help="batch key: the same key never awards a member twice")
    award.add_argument("--dry-run", action="store_true", help="say who would get what; write "
                                                              "nothing")
    award.set_defaults(func=run_award)

    st = psub.add_parser("statement", help="one member's balance, lots and entries")
    st.add_argument("member", type=int, help="member id")
    st.add_argument("--limit", type=int, default=50, help="entries shown (newest first)")
    st.set_defaults(func=run_statement)

    ex = psub.add_parser("expire", help="the expiry run for a day (also a past one)")
    ex.add_argument("--date", required=True, help="YYYY-MM-DD")
    ex.add_argument("--dry-run", action="store_true", help="who would lose how many points")
    ex.set_defaults(func=run_expire)

    ck = psub.add_parser("check", help="every cached balance against the entries")
    ck.add_argument("--fix", action="store_true", help="rebuild the differing balances")
    ck.set_defaults(func=run_check)

    vf = psub.add_parser("verify", help="the ledger's hash chain")
    vf.set_defaults(func=run_verify)


async def run_award(args: argparse.Namespace, ctx: Any) -> int:
    from .cli import _segment  # the CLI's own segment lookup (and its message)

    ws = ctx.open_workspace()
    try:
        service = PointsService(ws)
        if args.segment:
            segment = await _segment(WorkspaceService(ws), args.segment)
            ids = [int(i) for i in (await WorkspaceService(ws).evaluate(segment)).to_array()]
        else:
            ids = list(args.member)
        if not ids:
            say("没有符合条件的客户。", "No members matched.", err=True)
            return EXIT_EMPTY
        key = args.key or f"{datetime.now():%Y%m%d}-{secrets.token_hex(3)}"
        plan = await service.plan_award(ids, args.amount, args.reason, key)
        say(f"批次标识\t{key}", f"Batch key\t{key}")
        say(f"客户 {plan.members:,} 位 · 已发过 {plan.already:,} 位 · 本次 {plan.to_award:,} 位 · "
            f"每位 {plan.amount:+,} · 合计 {plan.total:+,}",
            f"{plan.members:,} members · {plan.already:,} already done · {plan.to_award:,} now · "
            f"{plan.amount:+,} each · {plan.total:+,} in all")
        if args.dry_run:
            say("（试运行：没有写入任何数据）", "(dry run: nothing written)")
            return EXIT_OK
        if not plan.to_award:
            say("这个批次已经全部发过，没有变化。", "This batch was already given to everyone.")
            return EXIT_OK
        with _sigint_cancels() as stop:
            try:
                done, batch = await service.award(ids, args.amount, args.reason, key,
                                                  progress=_status, cancel=stop)
            except Cancelled:
                print(file=sys.stderr)
                say(f"已取消，没有发放任何积分（重跑：--key {key}）。",
                    f"Cancelled; no points were given (rerun with --key {key}).")
                return EXIT_CANCELLED
        print(file=sys.stderr)
        say(f"已给 {done.to_award:,} 位客户记 {done.amount:+,} 分。撤销（冲正）: siyu undo {batch}",
            f"{done.amount:+,} points for {done.to_award:,} members. Undo (by reversal): "
            f"siyu undo {batch}")
        return EXIT_OK
    finally:
        ws.close()


def _day(at: int, tz: Any) -> str:
    return datetime.fromtimestamp(at, tz).strftime("%Y-%m-%d %H:%M")


async def run_statement(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = PointsService(ws)
        detail = await WorkspaceService(ws).member_detail(args.member)
        if detail is None:
            raise ValidationError(f"没有编号为 {args.member} 的客户。",
                                  english=f"There is no member {args.member}.")
        account = await service.account(args.member)
        rows = await service.statement(args.member)
        tz = service.tz
        now = int(datetime.now().timestamp())
        say(f"客户\t{detail.member.name}（{args.member}）", f"Member\t{detail.member.name} "
            f"({args.member})")
        say(f"余额\t{account.balance:,}（可用 {account.spendable(now):,}）",
            f"Balance\t{account.balance:,} ({account.spendable(now):,} spendable)")
        for lot in account.lots.values():
            if lot.remaining:
                until = (_day(lot.expires_at - 1, tz)[:10] if lot.expires_at else "不过期")
                say(f"批次\t#{lot.seq}\t剩 {lot.remaining:,}/{lot.amount:,}\t有效至 {until}",
                    f"Lot\t#{lot.seq}\t{lot.remaining:,}/{lot.amount:,} left\tvalid until "
                    f"{until if lot.expires_at else 'never expires'}")
        for entry, balance in rows[:args.limit]:
            zh, en = KIND_WORDS[entry.kind]
            print(f"#{entry.seq}\t{_day(entry.at, tz)}\t{en if _en() else zh}\t"
                  f"{entry.amount:+,}\t{balance:,}\t{entry.reason}")
        if len(rows) > args.limit:
            say(f"（共 {len(rows):,} 条，只列出最近 {args.limit} 条）",
                f"({len(rows):,} entries; the newest {args.limit} shown)")
        return EXIT_OK
    finally:
        ws.close()


async def run_expire(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = PointsService(ws)
        if args.dry_run:
            plan = await service.plan_expiry(args.date)
        else:
            with _sigint_cancels() as stop:
                try:
                    plan = await service.expire(args.date, progress=_status, cancel=stop)
                except Cancelled:
                    print(file=sys.stderr)
                    say("已取消，没有积分过期。", "Cancelled; no points expired.")
                    return EXIT_CANCELLED
            print(file=sys.stderr)
        for member_id, points in plan.by_member[:20]:
            print(f"{member_id}\t{-points:+,}")
        verb = ("将过期" if args.dry_run else "已过期", "would expire" if args.dry_run else "expired")
        say(f"{plan.day}：{plan.members:,} 位客户{verb[0]} {plan.points:,} 分",
            f"{plan.day}: {plan.points:,} points of {plan.members:,} members {verb[1]}")
        if args.dry_run:
            say("（试运行：没有写入任何数据）", "(dry run: nothing written)")
        return EXIT_OK
    finally:
        ws.close()


async def run_check(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = PointsService(ws)
        count, rows = await service.check(20)
        if not count:
            say("每位客户的积分余额都与流水一致。", "Every member's balance matches the entries.")
            return EXIT_OK
        for m in rows:
            say(f"客户 {m.member_id}\t显示 {m.cached:,}\t流水合计 {m.ledger:,}",
                f"Member {m.member_id}\tshown {m.cached:,}\tentries {m.ledger:,}")
        say(f"{count:,} 位客户的积分余额与流水不一致。", f"{count:,} members' balances differ "
            f"from their entries.", err=True)
        if args.fix:
            fixed = await service.rebuild_balances()
            say(f"已按流水重算 {fixed:,} 位客户的余额。", f"Rebuilt {fixed:,} balances from the "
                f"entries.")
            return EXIT_OK
        return EXIT_USER
    finally:
        ws.close()


async def run_verify(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        with _sigint_cancels() as stop:
            try:
                result = await PointsService(ws).verify(progress=_status, cancel=stop)
            except Cancelled:
                print(file=sys.stderr)
                say("已取消校验。", "Verification cancelled.")
                return EXIT_CANCELLED
        print(file=sys.stderr)
        if result.broken is None:
            say(f"积分流水完好：{result.entries:,} 条，哈希链逐条核对无误。",
                f"The ledger is intact: {result.entries:,} entries, every hash checks.")
            return EXIT_OK
        say(f"积分流水被改动过：{result.broken.why}（之前的 {result.entries:,} 条无误）",
            f"The ledger was edited: {result.broken.why_en} (the {result.entries:,} before it "
            f"check)", err=True)
        return EXIT_USER
    finally:
        ws.close()
