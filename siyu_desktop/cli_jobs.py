"""``siyu jobs run-due|list``: the scheduler's jobs from the command line.

``run-due`` runs the jobs that are due once (the daily backup; auto-sync when WeCom is
connected) and says what ran. A job the window is running holds its lease and is left alone.
"""

from __future__ import annotations

import argparse
import os
from datetime import datetime, tzinfo
from typing import Any

from .domain.schedule import DailyAt, Every, Job, Rule
from .errors import UserError
from .services import scheduler
from .services.connection import ConnectionService
from .services.outbox import OutboxService
from .services.sync import SyncService
from .services.workspace import WorkspaceService
from .store.db import Workspace


def register(sub: Any) -> None:
    jobs = sub.add_parser("jobs", help="scheduled jobs: the daily backup, auto-sync")
    what = jobs.add_subparsers(dest="jobs_command", required=True)
    what.add_parser("run-due", help="run the jobs that are due, once, and say what ran"
                    ).set_defaults(func=_run_due)
    what.add_parser("list", help="every job: when it is due, how its last run went"
                    ).set_defaults(func=_list)


def _en() -> bool:
    return os.environ.get("SIYU_LANG") == "en"


def _say(zh: str, en: str) -> None:
    print(en if _en() else zh)


def handlers(ws: Workspace) -> dict[str, scheduler.Handler]:
    """The command line's work for each kind of job."""
    async def backup(job: Job) -> str:
        return await scheduler.backup(ws)

    async def auto_sync(job: Job) -> str:
        connection = ConnectionService(ws)
        if not connection.config().configured:
            return "跳过：还没有连接企业微信"
        async with connection.make_client() as client:
            await OutboxService(ws).push(client)
            report = await SyncService(ws).run(client, "auto")
        if report.failures:
            raise UserError("自动同步部分完成：" + "；".join(report.failures.values()),
                            english="Auto-sync finished partly.")
        return f"{'全量' if report.mode == 'full' else '增量'}同步完成"
    return {scheduler.BACKUP.kind: backup, scheduler.AUTO_SYNC.kind: auto_sync}


def _when(at: float | None, tz: tzinfo) -> str:
    """A job time in the workspace's time zone (the one its daily rules use), not the laptop's."""
    return datetime.fromtimestamp(at, tz).strftime("%Y-%m-%d %H:%M") if at else "-"


def _rule(rule: Rule) -> str:
    if isinstance(rule, Every):
        minutes = rule.seconds // 60
        if minutes % 1440 == 0:
            return f"every {minutes // 1440} d" if _en() else f"每 {minutes // 1440} 天"
        if minutes % 60 == 0:
            return f"every {minutes // 60} h" if _en() else f"每 {minutes // 60} 小时"
        return f"every {minutes} min" if _en() else f"每 {minutes} 分钟"
    assert isinstance(rule, DailyAt)
    at = f"{rule.hour:02d}:{rule.minute:02d}"
    return f"daily at {at}" if _en() else f"每天 {at}"


async def _run_due(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        ran = await scheduler.Scheduler(ws, handlers=handlers(ws)).run_due()
    finally:
        ws.close()
    if not ran:
        _say("没有到期的任务。", "No job is due.")
        return 0
    for r in ran:
        late = (f"（错过 {r.missed} 次，只补运行一次）" if r.missed > 1 else "")
        late_en = (f" (missed {r.missed} times, run once)" if r.missed > 1 else "")
        if r.ok:
            _say(f"已运行\t{r.name}\t{r.result}{late}", f"ran\t{r.name}\t{r.result}{late_en}")
        else:
            _say(f"失败\t{r.name}\t{r.error}（一小时内重试）",
                 f"failed\t{r.name}\t{r.error} (tried again within the hour)")
    return 1 if any(not r.ok for r in ran) else 0


async def _list(args: argparse.Namespace, ctx: Any) -> int:
    ws = ctx.open_workspace()
    try:
        jobs = await scheduler.Scheduler(ws, handlers=handlers(ws)).list_jobs()
        now, tz = ws.clock.now(), WorkspaceService(ws).tz
    finally:
        ws.close()
    _say("任务\t规则\t下次\t上次\t结果", "job\trule\tnext\tlast\tresult")
    for j in jobs:
        held = ("（运行中）" if not _en() else " (running)") if j.leased(now) else ""
        result = f"{'出错' if not _en() else 'error'}: {j.last_error}" if j.last_error else j.last_result
        print(f"{j.name}\t{_rule(j.rule)}\t{_when(j.due_at, tz)}{held}\t{_when(j.last_run_at, tz)}\t"
              f"{result or '-'}")
    return 0
