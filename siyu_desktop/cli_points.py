"""``siyu points``: award, statement, expire, check and verify without a window.

``award`` gives (or, with a negative amount, takes back) points to a saved segment's members or
to listed member ids, once per member and batch key: rerun with the same ``--key`` after a kill
or a doubt and nobody gets them twice. Ctrl-C before the commit writes nothing (exit 130).
``check`` exits 1 when any cached balance differs from its entries (``--fix`` rebuilds them);
``verify`` exits 1 and names the first entry where the hash chain breaks.

``export OUT.xlsx`` writes statements (积分明细 + 余额) of one member, a saved segment or everyone.
``import FILE`` previews a spreadsheet of members and signed amounts, then applies it in one
transaction (undo: ``siyu undo N``); the same file (or batch key) twice adds nothing. The exit
code is 1 when rows were refused (``--rejects`` saves them, with reasons, to fix and re-import).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from .cli_excel import _sigint_cancels, _status
from .domain.points_sheet import KIND_NAMES
from .errors import Cancelled, ValidationError
from .services.points import PointsService
from .services.points_excel import PointsExcel
from .services.workspace import WorkspaceService

EXIT_OK, EXIT_USER, EXIT_EMPTY, EXIT_CANCELLED = 0, 1, 3, 130
KIND_WORDS = KIND_NAMES
PROBLEMS_SHOWN = 20


def _en() -> bool:
    return os.environ.get("SIYU_LANG", "").lower().startswith("en")


def say(zh: str, en: str, *, err: bool = False) -> None:
    print(en if _en() else zh, file=sys.stderr if err else sys.stdout)


def register(sub: Any) -> None:
    points = sub.add_parser("points", help="the points ledger: award, statement, expire, "
                                           "check, verify, export, import")
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

    out = psub.add_parser("export", help="statements as .xlsx (积分明细 and 余额): one member, "
                                         "a saved segment, or every member")
    out.add_argument("out", type=Path, help="the file to write: NAME.xlsx")
    scope = out.add_mutually_exclusive_group()
    scope.add_argument("--member", type=int, help="member id")
    scope.add_argument("--segment", help="saved segment name")
    out.set_defaults(func=run_export)

    imp = psub.add_parser("import", help="award or take back points from a spreadsheet: member "
                                         "(客户编号 / 客户ID / 手机号) and 积分 per row")
    imp.add_argument("file", type=Path, help=".xlsx, .xls, .ods or .csv")
    imp.add_argument("--sheet", help="sheet name (default: the first visible sheet)")
    imp.add_argument("--reason", default="", help="reason for rows without a 原因")
    imp.add_argument("--key", help="batch key for rows without a 批次 (default: a hash of the "
                                   "file): the same key never gives a member a row twice")
    imp.add_argument("--dry-run", action="store_true", help="preview only, write nothing")
    imp.add_argument("--rejects", type=Path, help="save the refused rows with reasons to this "
                                                  ".xlsx (fix them and import it again)")
    imp.set_defaults(func=run_import)


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


async def run_export(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        excel = PointsExcel(WorkspaceService(ws))
        with _sigint_cancels() as stop:
            try:
                done = await excel.export(args.out, member=args.member, segment=args.segment,
                                          progress=_status, cancel=stop)
            except Cancelled:
                print(file=sys.stderr)
                say("已取消，没有写出文件。", "Cancelled; no file was written.")
                return EXIT_CANCELLED
        print(file=sys.stderr)
        say(f"已导出 {done.members:,} 位客户的 {done.entries:,} 条积分流水到 {done.path}",
            f"Exported {done.entries:,} entries of {done.members:,} members to {done.path}")
        return EXIT_OK
    finally:
        ws.close()


async def run_import(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        excel = PointsExcel(WorkspaceService(ws))
        with _sigint_cancels() as stop:
            try:
                return await _import(args, excel, stop)
            except Cancelled:
                print(file=sys.stderr)
                say("已取消，没有记入任何积分。", "Cancelled; no points were written.")
                return EXIT_CANCELLED
    finally:
        ws.close()


async def _import(args: argparse.Namespace, excel: PointsExcel, stop: Any) -> int:
    en = _en()
    plan = await excel.plan(args.file, reason=args.reason, key=args.key, sheet=args.sheet,
                            progress=_status, cancel=stop)
    print(file=sys.stderr)
    say(f"文件\t{args.file}", f"File\t{args.file}")
    for line in plan.summary_lines(english=en):
        print(line)
    for r in plan.problems(PROBLEMS_SHOWN):
        say(f"第 {r.row} 行\t{r.describe()}", f"Row {r.row}\t{r.describe(english=True)}")
    if len(plan.refused) > PROBLEMS_SHOWN:
        say(f"（另有 {len(plan.refused) - PROBLEMS_SHOWN:,} 行有问题未列出）",
            f"({len(plan.refused) - PROBLEMS_SHOWN:,} more refused rows not shown)")
    if args.rejects and plan.refused:
        written = await excel.save_rejects(plan, args.rejects, english=en, cancel=stop)
        say(f"已把 {written:,} 行有问题的数据保存到 {args.rejects}（改好后可再次导入）",
            f"Saved {written:,} refused rows to {args.rejects} (fix them and import it again)")
    status = EXIT_USER if plan.refused else EXIT_OK
    if args.dry_run:
        say("（试运行：没有写入任何数据）", "(dry run: nothing written)")
        return status
    if not plan.can_apply:
        if plan.already:
            say("这个文件（批次）已经导入过，没有变化（撤销过的批次也算导入过；要重新记入，请用 --key 指定新批次）。",
                "This file (batch) was already imported; nothing changed (an undone batch "
                "counts too: to write it again, give a new --key).")
        else:
            say("没有可以导入的行。", "No row can be imported.")
        return status
    done = await excel.apply(plan, progress=_status, cancel=stop)
    print(file=sys.stderr)
    if stop.cancelled:
        say("取消时已在最后写入阶段，无法中止：积分已记入。",
            "The cancel came during the final write: the points were written.")
    say(f"已记入 {done.entries:,} 条：发放 +{done.given:,}，扣回 −{done.taken:,}。"
        f"撤销（冲正）: siyu undo {done.batch_id}",
        f"{done.entries:,} entries written: +{done.given:,} given, -{done.taken:,} taken "
        f"back. Undo (by reversal): siyu undo {done.batch_id}")
    return status
