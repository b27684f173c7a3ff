"""Owns the awaits of the WeCom screen: save and test the connection, sync with progress and
cancel, push the outbox, retry/discard items; and feeds the status-bar indicator."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtWidgets import QWidget

from ...domain.pace import Pace, exact_duration, rough_duration
from ...errors import Cancelled, UserError
from ...services.connection import (
    ConnectionConfig,
    ConnectionService,
    ConnectionStatus,
    status_parts,
)
from ...services.outbox import OutboxService
from ...services.sync import SIDE_PHASES, Freshness, Mode, SyncService, phase_label
from ...services.types import Changes
from ...wecom.errors import NetworkError
from .. import i18n, labels
from ..feedback import Feedback
from ..pages.connection_page import ConnectionPage
from ..tasks import CancelToken, Progress, TaskRunner

# the sync's phases as the screen names them (the service below ui/ only has codes)
PHASE_WORDS = {"staff": QT_TRANSLATE_NOOP("ConnectionController", "员工"),
               "tags": QT_TRANSLATE_NOOP("ConnectionController", "标签库"),
               "members": QT_TRANSLATE_NOOP("ConnectionController", "客户"),
               "groups": QT_TRANSLATE_NOOP("ConnectionController", "客户群"),
               "stats": QT_TRANSLATE_NOOP("ConnectionController", "群统计")}
MODE_WORDS = {"full": QT_TRANSLATE_NOOP("ConnectionController", "全量"),
              "incremental": QT_TRANSLATE_NOOP("ConnectionController", "增量"),
              "auto": QT_TRANSLATE_NOOP("ConnectionController", "自动")}


class ConnectionIndicator(QObject):
    """For the main window's status bar: ``changed`` carries the text to show."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = self.tr("企业微信：未连接")
        self.status: ConnectionStatus | None = None

    def update(self, status: ConnectionStatus) -> None:
        self.status = status
        self.text = self.describe(status)
        self.changed.emit(self.text)

    def describe(self, status: ConnectionStatus, now: float | None = None) -> str:
        state, minutes, waiting, failed = status_parts(status, now)
        if state == "unset":
            return self.tr("企业微信：未连接")
        parts = [{"configured": self.tr("企业微信：已配置"), "online": self.tr("企业微信：在线"),
                  "offline": self.tr("企业微信：离线")}[state]]
        if minutes is not None:
            parts.append(
                self.tr("刚刚同步") if minutes < 1 else
                self.tr("{n} 分钟前同步").format(n=minutes) if minutes < 60 else
                self.tr("{n} 小时前同步").format(n=minutes // 60) if minutes < 1440 else
                self.tr("{n} 天前同步").format(n=minutes // 1440))
        if waiting:
            parts.append(self.tr("待发送 {n}").format(n=f"{waiting:,}"))
        if failed:
            parts.append(self.tr("失败 {n}").format(n=f"{failed:,}"))
        return " · ".join(parts)


SYNC_OP = "wecom.sync"  # the exclusive operation's key


class ConnectionController(QObject):
    def __init__(self, connection: ConnectionService, sync: SyncService, outbox: OutboxService,
                 tasks: TaskRunner, feedback: Feedback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.connection = connection
        self.sync = sync
        self.outbox = outbox
        self.tasks = tasks
        self.feedback = feedback
        self.page = ConnectionPage(parent)
        self.indicator = ConnectionIndicator(self)
        self._cancel: CancelToken | None = None
        self._synced_here = False  # a sync ran in this window: its own words stay on the page
        # read times change only when a sync runs: read them at start and after each sync, not
        # on every outbox refresh (two scans of the members table at a million members)
        self._freshness_stale = True
        self._retries = 0  # reads the client retried during this sync (bad Wi-Fi)
        self._phases: dict[str, Progress] = {}
        connection.status.listeners.append(self.indicator.update)
        p = self.page
        p.save_requested.connect(self.save)
        p.test_requested.connect(self.test)
        p.sync_requested.connect(self.start_sync)
        p.cancel_requested.connect(self.cancel_sync)
        p.push_requested.connect(self.push)
        p.retry_requested.connect(lambda i: self._item_action(self.outbox.retry(i)))
        p.discard_requested.connect(lambda i: self._item_action(self.outbox.discard(i)))

    # -- loading -------------------------------------------------------------------------------
    def start(self) -> asyncio.Task[None]:
        cfg = self.connection.config()
        self.page.set_config(cfg.corp_id, cfg.base_url, cfg.proxy_mode, cfg.proxy_url,
                             self.connection.has_secret())
        return self.tasks.run(self.refresh(), name="connection.refresh")

    async def refresh(self) -> None:
        items = await self.outbox.items(("pending", "sending", "failed"))
        status = await self.connection.refresh_status()
        summary = self.tr("待发送 {w} 项 · 失败 {f} 项").format(w=f"{status.outbox_waiting:,}",
                                                              f=f"{status.outbox_failed:,}")
        self.page.set_outbox(items, summary, await self.outbox.describe(items))
        if not self._synced_here and self._cancel is None:
            self._show_latest_run(status.latest_run)
        if self._freshness_stale:
            self._freshness_stale = False
            self.page.set_freshness(self.freshness_text(await self.sync.freshness()))

    def freshness_text(self, f: Freshness) -> str:
        """资料新鲜度: when the customer and group read longest ago were read, what each
        incremental sync reads again, and when the next full reconciliation runs."""
        if f.customers_oldest is None and f.groups_oldest is None:
            return ""
        now, parts = f.now, []
        if f.customers_oldest is not None:
            parts.append(self.tr("客户 {n} 位，最久未读的一位读于：{ago}").format(
                n=f"{f.customers:,}", ago=self._ago(now - f.customers_oldest)))
        if f.groups_oldest is not None:
            parts.append(self.tr("客户群 {n} 个，最久未读的一个读于：{ago}").format(
                n=f"{f.groups:,}", ago=self._ago(now - f.groups_oldest)))
        if f.next_full_at is None or f.next_full_at <= now:
            parts.append(self.tr("下次同步将做完整核对"))
        else:
            parts.append(self.tr("下次完整核对：{at} 以后的第一次同步").format(
                at=labels.fmt_time(f.next_full_at)))
        parts.append(self.tr("其间每次增量同步重读最久未读的 {c} 位客户和 1/{g} 的客户群").format(
            c=f"{f.refresh_customers:,}", g=f.rolling_cycle))
        return self.tr("资料新鲜度：") + " · ".join(parts)

    def _ago(self, seconds: float) -> str:
        minutes = max(0, int(seconds // 60))
        return (self.tr("刚刚") if minutes < 1 else
                self.tr("{n} 分钟前").format(n=minutes) if minutes < 60 else
                self.tr("{n} 小时前").format(n=minutes // 60) if minutes < 1440 else
                self.tr("{n} 天前").format(n=minutes // 1440))

    def _show_latest_run(self, run: dict[str, Any] | None) -> None:
        """After a start, the page says what the status bar says: when the last sync ran and how
        it ended (a run the app was closed in is said to be unfinished), not 尚未同步."""
        if run is None:
            self.page.set_status_text(self.tr("尚未同步"))
            return
        mode = self.tr(str(MODE_WORDS.get(str(run["mode"]), run["mode"])))
        started = int(run["started_at"])
        finished = int(run["finished_at"] or 0)
        if run["status"] == "done":
            counts = json.loads(run["counts"] or "{}")
            # no duration: the run's record holds the sync alone, not the push before it
            self.page.set_progress(5, self.tr(
                "上次同步：{at}（{mode}）：新客户 {new}，客户群 {groups}，进群 {joins}，退群 {leaves}"
            ).format(at=labels.fmt_time(finished), mode=mode,
                     new=f"{counts.get('members_added', 0):,}",
                     groups=f"{counts.get('groups', 0):,}", joins=f"{counts.get('joins', 0):,}",
                     leaves=f"{counts.get('leaves', 0):,}"))
        elif run["status"] == "failed":
            self.page.set_status_text(self.tr("上次同步（{at}，{mode}）没有完成：{why}").format(
                at=labels.fmt_time(started), mode=mode, why=run["error"] or self.tr("出错")))
        elif run["status"] == "cancelled" and run["error"]:  # the process died during it
            self.page.set_status_text(self.tr(
                "上次同步（{at}，{mode}）在进行中被中断（程序被关闭）；下次同步会从中断处继续。").format(
                    at=labels.fmt_time(started), mode=mode))
        elif run["status"] == "cancelled":
            self.page.set_status_text(self.tr(
                "上次同步（{at}，{mode}）已取消；下次全量同步会从中断处继续。").format(
                    at=labels.fmt_time(started), mode=mode))
        else:  # still "running": the app was closed or killed during it
            self.page.set_status_text(self.tr(
                "上次同步（{at}，{mode}）没有做完（程序被关闭）；下次同步会从中断处继续。").format(
                    at=labels.fmt_time(started), mode=mode))

    def workspace_changed(self, changes: Changes) -> None:
        if (changes.tag_added or changes.tag_removed or changes.follows_changed
                or changes.outbox_changed):
            self.tasks.run(self.refresh(), name="connection.refresh")

    # -- settings and test ---------------------------------------------------------------------
    def save(self) -> asyncio.Task[None]:
        return self.tasks.run_write(self._save())

    async def _save(self) -> None:
        corp_id, base_url, mode, proxy_url, secret = self.page.config_values()
        cfg = ConnectionConfig(corp_id, base_url, mode, proxy_url)  # type: ignore[arg-type]
        await asyncio.to_thread(self.connection.save, cfg, secret or None)
        self.page.secret.clear()
        self.feedback.info(self.tr("连接设置已保存；Secret 保存在系统钥匙串中。"))

    def test(self) -> asyncio.Task[None]:
        return self.tasks.run(self._test(), name="connection.test")

    async def _test(self) -> None:
        if self.page.corp_id.text().strip():
            await self._save()
        self.page.set_test_result(True, self.tr("正在测试连接…"))
        check = await self.connection.test_connection()
        message, hint = check.in_language(i18n.english())
        text = f"{message}\n{hint}" if hint and not check.ok else message
        self.page.set_test_result(check.ok, text)
        if check.ok and (await self.outbox.counts()).get("pending", 0):
            await self._push()  # what waited (offline, or refused IP) goes now

    # -- sync ----------------------------------------------------------------------------------
    def start_sync(self, mode: Mode) -> asyncio.Task[None] | None:
        """One sync at a time (an auto-sync from the scheduler does not queue another: None);
        stopped only by its token (取消) or by closing the workspace, never replaced."""
        if not self._ready_to_connect():
            return None
        task = self.tasks.run_exclusive(SYNC_OP, self._sync(mode), initiator=self)
        if task is not None:
            self._cancel = CancelToken()
        return task

    def cancel_sync(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()
            self.page.set_status_text(self.tr("正在取消…"))

    def _on_progress(self, p: Progress) -> None:
        # Members, groups and statistics run side by side: show each one's count.
        self._phases[p.step] = p
        finished = sum(1 for q in self._phases.values() if q.total and q.done >= q.total)
        parts = [f"{self.tr(str(PHASE_WORDS.get(q.step, phase_label(q.step))))} {q.done:,}"
                 + (f"/{q.total:,}" if q.total else "")
                 for q in sorted(self._phases.values(), key=lambda q: q.step_index)]
        self.page.set_progress(finished, self.tr("正在同步：") + " · ".join(parts)
                               + self._retried_text())

    def _retried_text(self) -> str:
        """While the network misbehaves, every progress line keeps saying so."""
        if not self._retries:
            return ""
        return self.tr(" · 网络不稳定，已自动重试 {n} 次").format(n=f"{self._retries:,}")

    def _on_retry(self, info: Any) -> None:
        self._retries += 1
        # the request's own attempt, then the sync's running total (not the same number twice)
        self.page.set_status_text(self.tr(
            "网络不稳定，正在重试（第 {n} 次）；这次同步已自动重试 {total} 次").format(
            n=getattr(info, "attempt", 1), total=f"{self._retries:,}"))

    def _took(self, seconds: float) -> str:
        """How long something took, as a stopwatch says it (not rounded up like time left)."""
        h, m, s = exact_duration(seconds)
        if h:
            return self.tr("{h} 小时 {m} 分").format(h=h, m=m)
        if m:
            return self.tr("{m} 分 {s} 秒").format(m=m, s=s)
        return self.tr("{n} 秒").format(n=s)

    def _duration(self, seconds: float) -> str:
        n, unit = rough_duration(seconds)
        return {"s": self.tr("{n} 秒"), "min": self.tr("{n} 分钟"), "h": self.tr("{n} 小时")
                }[unit].format(n=n)

    def _push_progress(self, started: float) -> Callable[[Progress], None]:
        """The push as its own phase: count, rate and time left, at most ten updates a second."""
        last = [0.0]

        def show(p: Progress) -> None:
            done, total = p.done, p.total
            now = time.monotonic()
            if done < total and now - last[0] < 0.1:
                return
            last[0] = now
            pace = Pace(done, total, now - started)
            text = self.tr("正在发送到企业微信：{done}/{total} 项").format(
                done=f"{done:,}", total=f"{total:,}")
            if pace.per_second is not None and pace.seconds_left is not None:
                text += self.tr(" · 每秒 {rate} 项 · 还需约 {left}").format(
                    rate=f"{pace.per_second:.1f}", left=self._duration(pace.seconds_left))
            self.page.set_push_progress(done, total, text)
        return show

    def _partial(self, failures: dict[str, str]) -> str:
        """A sync some phase of which failed: what was saved, what failed and why, and that
        the next sync fills it in (a full one resumes just the failed part)."""
        def words(phases: list[str]) -> str:
            return self.tr("、").join(self.tr(str(PHASE_WORDS[p])) for p in phases)
        saved = [p for p in SIDE_PHASES if p not in failures]
        failed = "；".join(self.tr("{phase}失败：{why}").format(phase=words([p]),
                                                               why=why.rstrip("。"))
                          for p, why in failures.items())
        text = self.tr("{saved}已同步；").format(saved=words(saved)) if saved else ""
        return text + failed + self.tr("（下次同步会补上）")

    async def _sync(self, mode: Mode) -> None:
        self._synced_here = True
        self._retries = 0
        self._phases = {}
        self.page.set_syncing(True)
        started = time.monotonic()
        try:
            async with self.connection.make_client() as client:
                # reads the client retries (bad Wi-Fi): said here until the next progress
                getattr(client, "on_retry", []).append(self._on_retry)
                waiting = (await self.outbox.counts()).get("pending", 0)
                if waiting:
                    self.page.set_push_progress(0, waiting, self.tr(
                        "正在发送到企业微信：0/{total} 项").format(total=f"{waiting:,}"))
                pushed = await self.outbox.push(client, cancel=self._cancel,
                                                progress=self._push_progress(time.monotonic()))
                self.page.set_progress(0, self.tr("正在同步…"))
                kept_before = await self.sync.identity_issues()  # this sync's are the others
                report = await self.sync.run(client, mode, progress=self._on_progress,
                                             cancel=self._cancel)
            self.connection.set_online(True)
            c = report.counts
            done = self.tr(
                "同步完成（用时 {took}）：新客户 {new}，客户群 {groups}，进群 {joins}，退群 {leaves}"
            ).format(took=self._took(time.monotonic() - started),
                     new=c.get("members_added", 0),
                     groups=c.get("groups", 0), joins=c.get("joins", 0),
                     leaves=c.get("leaves", 0))
            if c.get("members_refreshed"):
                done += self.tr("；重读了 {n} 位客户的资料，{u} 位有变化").format(
                    n=f"{c['members_refreshed']:,}", u=f"{c.get('members_updated', 0):,}")
            if report.failures:
                done = self._partial(report.failures)
            # customers kept apart (also by an incremental sync, which the counts do not see)
            kept_apart = await self.sync.identity_issues(
                after=kept_before, at_least=c.get("identity_issues", 0))
            self.page.set_identity_issues(kept_apart)
            if kept_apart:
                done += self.tr("；{n} 位客户的身份无法确定（手机号或 unionid 指向不同的客户），"
                                "已单独建档，可点“查看”核对").format(n=f"{len(kept_apart):,}")
            if pushed.deferred:
                done += self.tr("；{n} 项遇到临时错误，将在 {at} 后自动重试").format(
                    n=f"{pushed.deferred:,}", at=labels.fmt_time(pushed.next_try_at or 0))
            if pushed.sent or pushed.failed:
                done += self.tr("；发送到企业微信 {sent} 项，失败 {failed} 项").format(
                    sent=f"{pushed.sent:,}", failed=f"{pushed.failed:,}")
            if self._retries:  # complete only when no phase failed
                done += (self.tr("（网络不稳定：自动重试了 {n} 次）") if report.failures else
                         self.tr("（网络不稳定：自动重试了 {n} 次，数据完整）")).format(
                    n=f"{self._retries:,}")
            if report.failures:  # the bar stays where the failed phase left it
                self.page.set_status_text(done)
            else:
                self.page.set_progress(5, done)
            self.feedback.info(done)  # also replaces an earlier failure's words in the status bar
        except (Cancelled, asyncio.CancelledError):
            self.page.set_status_text(self.tr("已取消；下次全量同步会从中断处继续。"))
        except NetworkError as exc:
            self.connection.set_online(False, exc.message)
            self.page.set_status_text(self.feedback.describe(exc))
        except UserError as exc:
            # WeCom refused (trusted IP, permissions, secret): say what to do, right here too
            self.connection.set_online(False, exc.message)
            self.page.set_status_text(self.feedback.describe(exc))
            self.feedback.user_error(exc)
        finally:
            self._cancel = None
            self._freshness_stale = True
            self.page.set_syncing(False)
            await self.refresh()

    # -- outbox --------------------------------------------------------------------------------
    def _ready_to_connect(self) -> bool:
        """An unconfigured workspace: say once, on the page, what to fill in (no box, no
        error in the status bar), and put the cursor there."""
        cfg = self.connection.config()
        if cfg.configured and self.connection.has_secret():
            return True
        missing = [self.tr("企业 ID")] if not cfg.corp_id else []
        if not self.connection.has_secret():
            missing.append(self.tr("Secret"))
        self.page.set_status_text(self.tr(
            "还没有连接企业微信：请先在上方填写{fields}并点“保存”，再同步。").format(
                fields=self.tr("和").join(missing)))
        (self.page.corp_id if not cfg.corp_id else self.page.secret).setFocus()
        return False

    def push(self) -> asyncio.Task[None] | None:
        if not self._ready_to_connect():
            return None
        return self.tasks.run_write(self._push())

    async def _push(self) -> None:
        async with self.connection.make_client() as client:
            report = await self.outbox.push(client, progress=self._push_progress(time.monotonic()))
        if report.blocked is not None:  # 60020: one message for the whole push
            self.connection.set_online(False, report.blocked.message)
            self.feedback.user_error(report.blocked)
            await self.refresh()
            return
        self.connection.set_online(not report.offline)
        self.feedback.info(self.tr("发件箱：已发送 {s}，失败 {f}，等待 {w}").format(
            s=report.sent + report.reconciled, f=report.failed, w=report.waiting))
        await self.refresh()

    def _item_action(self, coro: object) -> asyncio.Task[None]:
        async def run() -> None:
            await coro  # type: ignore[misc]
            await self.refresh()
        return self.tasks.run_write(run())
