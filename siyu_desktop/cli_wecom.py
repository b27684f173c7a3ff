"""``siyu connect|sync|outbox|emulator``: WeCom from the command line.

Exit codes follow ``cli``: 0 ok, 1 the operator's problem (message on stderr), 2 usage error;
``sync`` and ``outbox`` return 1 when something failed, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import getpass
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from datetime import datetime, tzinfo
from typing import IO, Any

from .errors import Cancelled, UserError
from .services.connection import ConnectionConfig, ConnectionService
from .services.outbox import OutboxService
from .services.sync import (
    PHASE_LABELS,
    Freshness,
    Mode,
    SyncProgress,
    SyncService,
    phase_label,
)
from .services.workspace import WorkspaceService
from .wecom.errors import WeComRequestBug

log = logging.getLogger(__name__)

SECRET_ENV = "SIYU_WECOM_SECRET"
STATUS_WORDS = {"pending": "待发送", "sending": "发送中", "sent": "已发送", "failed": "失败",
                "waiting_confirm": "待员工确认", "discarded": "已放弃"}


def register(sub: Any) -> None:
    connect = sub.add_parser(
        "connect", help="test the WeCom connection and save it when the test passes",
        description="Tests the new settings first; only a passing test saves them. A failed "
                    "test keeps the settings and secret saved before (see --save-anyway).")
    connect.add_argument("--corp-id", required=True)
    connect.add_argument("--base-url", default="", help="API base URL or the company relay")
    connect.add_argument("--proxy", default="", help="HTTP proxy URL (fixed egress IP)")
    connect.add_argument("--system-proxy", action="store_true", help="use the OS proxy settings")
    connect.add_argument("--save-anyway", action="store_true",
                         help="save the settings even when the connection test fails "
                              "(e.g. to set up a connection that cannot be reached from here)")
    connect.set_defaults(func=_explained(_connect))

    sync = sub.add_parser("sync", help="pull staff, tags, members, groups, statistics from WeCom")
    sync.add_argument("--full", action="store_true", help="full reconciliation (resumes if cut)")
    sync.add_argument("--incremental", action="store_true")
    sync.add_argument("--no-push", action="store_true", help="do not send the outbox first")
    sync.set_defaults(func=_explained(_sync))

    outbox = sub.add_parser("outbox", help="changes waiting to reach WeCom")
    group = outbox.add_mutually_exclusive_group()
    group.add_argument("--retry", type=int, metavar="ID")
    group.add_argument("--discard", type=int, metavar="ID")
    group.add_argument("--push", action="store_true", help="send what is waiting now")
    outbox.set_defaults(func=_explained(_outbox))

    from .wecom.emulator.__main__ import build_parser

    # The emulator's own options (--port, --seed, --members, ...), parsed once here.
    emulator = sub.add_parser("emulator", parents=[build_parser()], add_help=False,
                              help="serve an emulated WeCom corp on this computer")
    emulator.set_defaults(func=_emulator)


async def _connect(args: argparse.Namespace, ctx: Any) -> int:
    secret = os.environ.get(SECRET_ENV) or getpass.getpass("应用 Secret（输入时不显示）: ")
    mode = "custom" if args.proxy else "system" if args.system_proxy else "none"
    ws = ctx.open_workspace()
    try:
        service = ConnectionService(ws)
        base = args.base_url or service.config().base_url
        check, saved = await service.save_if_it_works(
            ConnectionConfig(args.corp_id, base, mode, args.proxy),  # type: ignore[arg-type]
            secret, save_anyway=args.save_anyway)
    finally:
        ws.close()
    english = os.environ.get("SIYU_LANG") == "en"
    message, hint = check.in_language(english)
    print(message, file=sys.stderr if not check.ok else sys.stdout)
    if hint:
        print(f"{'Hint' if english else '建议'}: {hint}", file=sys.stderr)
    if not check.ok:
        print("已按 --save-anyway 保存新的连接设置（测试没有通过）。" if saved else
              "测试没有通过，新的连接设置没有保存；之前保存的设置和 Secret 保持不变。"
              "（确需保存可加 --save-anyway）", file=sys.stderr)
    return 0 if check.ok else 1


def _say(text: str = "", *, err: bool = False, end: str = "\n") -> None:
    """Print; a reader that went away (``siyu sync | head -1``) silences the rest quietly."""
    stream: IO[str] = sys.stderr if err else sys.stdout
    try:
        print(text, end=end, file=stream, flush=True)
    except BrokenPipeError:
        # Later writes, and the flush at exit, go nowhere instead of raising again.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def _explained(command: Callable[[argparse.Namespace, Any], Awaitable[int]]
               ) -> Callable[[argparse.Namespace, Any], Awaitable[int]]:
    """WeCom refusing a request as malformed (40058, ...) is this program's bug: said as a
    message with what to do, the details in the log, not a traceback on the terminal."""
    @functools.wraps(command)
    async def run(args: argparse.Namespace, ctx: Any) -> int:
        try:
            return await command(args, ctx)
        except WeComRequestBug as exc:
            log.exception("WeCom refused a request as malformed")
            _say(f"错误: 企业微信拒绝了本程序发出的请求（错误码 {exc.errcode}：{exc.errmsg}）。",
                 err=True)
            _say("建议: 这是本程序的问题，请把日志（数据文件夹的 logs/siyu-cli.log）发给开发者。",
                 err=True)
            return 1
        except BrokenPipeError:
            return 0
    return run


def _retrying(info: Any) -> None:
    _say(f"\r{getattr(info, 'message', '网络不稳定，正在重试')}    ", end="", err=True)


def _progress(p: SyncProgress) -> None:
    total = f"/{p.total:,}" if p.total else ""
    _say(f"\r[{p.step_index + 1}/5] {phase_label(p.step)} {p.done:,}{total}    ", end="", err=True)


async def _sync(args: argparse.Namespace, ctx: Any) -> int:
    mode: Mode = "full" if args.full else "incremental" if args.incremental else "auto"
    ws = ctx.open_workspace()
    try:
        connection = ConnectionService(ws)
        async with connection.make_client() as client:
            getattr(client, "on_retry", []).append(_retrying)
            if not args.no_push:
                pushed = await OutboxService(ws).push(client)
                if pushed.sent or pushed.failed or pushed.deferred:
                    later = (f"，{pushed.deferred} 项遇到临时错误，稍后自动重试"
                             if pushed.deferred else "")
                    _say(f"发件箱：已发送 {pushed.sent}，失败 {pushed.failed}{later}", err=True)
            kept_before = await SyncService(ws).identity_issues()  # this sync's: the others
            try:
                report = await SyncService(ws).run(client, mode, progress=_progress)
            except (Cancelled, KeyboardInterrupt):
                _say("\n已中断；下次同步会从中断处继续。", err=True)
                return 130
        _say(err=True)
        c = report.counts
        # The whole sync, a resumed one included; groups as read, out of those WeCom listed.
        ended = "部分完成" if report.failures else "完成"
        _say(f"{'全量' if report.mode == 'full' else '增量'}同步{ended}"
             f"{'（从上次中断处继续，计数为整次同步）' if report.resumed else ''}，"
             f"用时 {report.seconds:.1f} 秒：员工 {c.get('staff', 0)}，"
             f"客户关系 {c.get('contacts', 0)}，新客户 {c.get('members_added', 0)}，"
             f"客户群 {c.get('groups', 0)}（读取 {c.get('groups_read', 0)}），"
             f"进群 {c.get('joins', 0)}，退群 {c.get('leaves', 0)}"
             + (f"，重读客户资料 {c['members_refreshed']}（有变化 {c.get('members_updated', 0)}）"
                if c.get("members_refreshed") else ""))
        if c.get("staff_names_denied"):
            _say("提示: 这个 Secret 读不到通讯录，员工姓名取自客户群成员名单；"
                 "请管理员把员工加入应用的可见范围。", err=True)
        kept_apart = await SyncService(ws).identity_issues(
            after=kept_before, at_least=c.get("identity_issues", 0))
        if kept_apart:
            shown = 20
            _say(f"提示: {len(kept_apart)} 位客户的身份无法确定（手机号或 unionid 指向不同的客户），"
                 "已单独建档，没有合并；明细如下，请在客户列表里按客户编号核对：", err=True)
            for r in kept_apart[:shown]:
                _say(f"  {r.name or r.external_userid}（{r.external_userid}）：{r.reason}", err=True)
            if len(kept_apart) > shown:
                _say(f"  另有 {len(kept_apart) - shown} 位未列出", err=True)
        _say(_freshness(await SyncService(ws).freshness(), WorkspaceService(ws).tz), err=True)
        for phase, message in report.failures.items():
            _say(f"错误: {PHASE_LABELS.get(phase, phase)}没有同步完：{message}", err=True)
        if report.failures:
            saved = "、".join(PHASE_LABELS[p] for p in ("members", "groups", "stats")
                             if p not in report.failures)
            _say(f"建议: {saved + '已保存；' if saved else ''}"
                 "解决上面的问题后再运行 siyu sync，只会补上没完成的部分。", err=True)
            return 1
        return 0
    except UserError:
        _say(err=True)
        raise
    finally:
        ws.close()


def _freshness(f: Freshness, tz: tzinfo) -> str:
    """The freshness line, times in the workspace's time zone (not the laptop's)."""
    def ago(at: int | None) -> str:
        if at is None:
            return "从未读取"
        minutes = max(0, int((f.now - at) // 60))
        return ("刚刚" if minutes < 1 else f"{minutes} 分钟前" if minutes < 60 else
                f"{minutes // 60} 小时前" if minutes < 1440 else f"{minutes // 1440} 天前")
    due = ("下次同步将做完整核对" if f.next_full_at is None or f.next_full_at <= f.now else
           "下次完整核对：" + datetime.fromtimestamp(f.next_full_at, tz).strftime("%m-%d %H:%M")
           + " 之后的第一次同步")
    return (f"资料新鲜度：客户最久 {ago(f.customers_oldest)}读过，客户群最久 "
            f"{ago(f.groups_oldest)}读过；每次增量同步重读 {f.refresh_customers} 位客户和 "
            f"1/{f.rolling_cycle} 的客户群；{due}")


async def _outbox(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        service = OutboxService(ws)
        if args.retry is not None:
            await service.retry(args.retry)
            print(f"第 {args.retry} 项将在下次同步时重新发送。")
            return 0
        if args.discard is not None:
            await service.discard(args.discard)
            print(f"已放弃第 {args.discard} 项。")
            return 0
        if args.push:
            async with ConnectionService(ws).make_client() as client:
                report = await service.push(client)
            print(f"已发送 {report.sent}，核对后确认已生效 {report.reconciled}，失败 {report.failed}，"
                  f"等待 {report.waiting}{'（离线）' if report.offline else ''}")
            return 1 if report.failed or report.offline else 0
        items = await service.items(("pending", "sending", "failed"))
        for item in items:
            _say(f"#{item.id}\t{STATUS_WORDS[item.status]}\t{item.kind}\t"
                 f"{item.payload}\t{item.last_error}")
        counts = await service.counts()
        _say("  ".join(f"{STATUS_WORDS[k]} {v}" for k, v in counts.items()), err=True)
        return 0
    finally:
        ws.close()


async def _emulator(args: argparse.Namespace, ctx: Any) -> int:
    from .wecom.emulator.__main__ import build_parser, emulator_main

    argv: list[str] = []
    for action in build_parser()._actions:
        if action.option_strings and action.dest != "help":
            argv += [action.option_strings[-1], str(getattr(args, action.dest))]
    return emulator_main(argv)
