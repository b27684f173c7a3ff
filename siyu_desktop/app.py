"""The composition root: QApplication, the qasync loop, the workspace, services, screens; a clean
shutdown. ``python main.py [--demo] [--data-dir D] [--workspace F] [--lang en]``."""

from __future__ import annotations

import argparse
import asyncio
import functools
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import qasync
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from . import paths
from .domain.schedule import Job
from .errors import UserError
from .excel.reader import cleanup_stale_spills
from .services import workspaces
from .services.connection import ConnectionService, connect_demo_if_needed
from .services.outbox import OutboxService
from .services.scheduler import AUTO_SYNC, BACKUP, Scheduler
from .services.settings import SettingsService, preferred_language
from .services.sync import SyncService
from .services.workspace import WorkspaceService
from .store.db import Workspace
from .store.index import Changes
from .ui import i18n
from .ui.change_bus import ChangeBus
from .ui.controllers.connection_controller import ConnectionController
from .ui.controllers.export_controller import ExportController
from .ui.controllers.groups_controller import GroupsController
from .ui.controllers.history_controller import HistoryController
from .ui.controllers.import_controller import ImportController
from .ui.controllers.roster_controller import RosterController
from .ui.controllers.settings_controller import SettingsController
from .ui.controllers.tags_controller import TagsController
from .ui.feedback import Feedback
from .ui.gc_collector import GuiThreadCollector, favour_gui_thread
from .ui.main_window import MainWindow
from .ui.tasks import TaskRunner
from .wecom.errors import redact

log = logging.getLogger("siyu")


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="siyu-desktop", description="私域运营台 Siyu Desktop")
    p.add_argument("--demo", action="store_true", help="open the demo workspace")
    p.add_argument("--data-dir", help="data folder (also SIYU_DATA_DIR)")
    p.add_argument("--workspace", help="open this workspace file")
    p.add_argument("--lang", choices=sorted(i18n.LANGUAGES), help="UI language")
    p.add_argument("--smoke-test", action="store_true",
                   help="open the workspace, wait for the roster, exit 0 (packaging check)")
    return p.parse_args(argv)


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(data_dir: Path) -> UserError | None:
    """Log to ``<data dir>/logs/siyu.log``; when that folder cannot be written (read-only, full,
    no permission) log to stderr instead and return the warning to show the operator."""
    log_dir = data_dir / "logs"
    problem: OSError | None
    try:
        log_dir.mkdir(exist_ok=True)
        handler: logging.Handler = logging.FileHandler(log_dir / "siyu.log", encoding="utf-8")
        problem = None
    except OSError as exc:
        problem = exc
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter(LOG_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    if problem is None:
        return None
    log.warning("cannot write the log folder %s (%s); logging to stderr only", log_dir, problem)
    return UserError(
        f"无法写入日志文件夹“{log_dir}”，本次运行的日志不会保存。",
        "请检查数据文件夹的写入权限和磁盘空间，或用 --data-dir 换一个可写的数据文件夹。",
        english=f"Cannot write the log folder {log_dir}; this session's log is not saved.")


class App:
    """Everything that lives as long as the window: built once, torn down in ``close``."""

    def __init__(self, args: argparse.Namespace, window: MainWindow, tasks: TaskRunner,
                 feedback: Feedback, language: str = "zh_CN") -> None:
        self.args = args
        self.language = language
        self.window = window
        self.tasks = tasks
        self.feedback = feedback
        self.data_dir = paths.data_dir(args.data_dir)
        self.workspace: Workspace | None = None
        self.scheduler: Scheduler | None = None  # the workspace's jobs, while it is open
        self.bus = ChangeBus()
        self.controllers: list[object] = []
        self.helpers: list[object] = []
        self.demo_emulator: object | None = None
        self.backup_error: UserError | None = None
        self.open_error: UserError | None = None
        self.ready = asyncio.Event()

    def _choose_path(self) -> Path | None:
        if self.args.workspace:
            return Path(self.args.workspace)
        if self.args.demo:
            return None
        return workspaces.last_workspace(self.data_dir)

    async def open_workspace(self) -> None:
        loop = asyncio.get_running_loop()
        path = self._choose_path()

        def progress(phase: str, done: int, total: int) -> None:
            loop.call_soon_threadsafe(self.window.show_message, QCoreApplication.translate(
                "App", "正在生成演示工作区（首次启动）… {phase} {done}/{total}").format(
                    phase=phase, done=f"{done:,}", total=f"{total:,}"))
        try:
            if path is None:
                ws = await asyncio.to_thread(workspaces.open_or_create_demo, self.data_dir, progress)
            else:
                ws = await asyncio.to_thread(functools.partial(Workspace.open, path, create=False))
        except UserError as exc:
            self.open_error = exc
            self.window.show_message(self.feedback.describe(exc))
            self.feedback.user_error(exc)
            self.ready.set()
            return
        self.workspace = ws
        for notice in ws.notices:
            self.feedback.info(notice, 0)
        try:
            workspaces.remember(self.data_dir, ws.path)
        except OSError as exc:  # a read-only data folder: the workspace still opens
            log.warning("could not remember the last workspace: %s", exc)
        service = WorkspaceService(ws)
        service.failed_unwatched.append(self.feedback.error)
        ws.on_change(self.bus.post)
        info = await service.info()
        self.window.set_workspace(info.brand or ws.path.stem, info.demo)
        self.window.set_member_count(info.members)

        connection = ConnectionService(ws)
        if ws.is_demo:  # the demo talks to a local WeCom emulator, so sync can be tried at once
            try:
                self.demo_emulator = await asyncio.to_thread(connect_demo_if_needed, ws,
                                                             connection)
            except (UserError, OSError) as exc:  # the workspace opens all the same, offline
                self.feedback.info(QCoreApplication.translate(
                    "App", "演示用的企业微信模拟器没有启动：{reason}").format(reason=exc), 15000)
        outbox = OutboxService(ws)  # one, so pushes from any screen are one at a time
        roster = RosterController(service, outbox, self.tasks, self.feedback, self.window)
        groups = GroupsController(service, self.tasks, self.feedback, self.window)
        tags = TagsController(service, self.tasks, self.feedback, self.window)
        wecom = ConnectionController(connection, SyncService(ws), outbox, self.tasks,
                                     self.feedback, self.window)
        history = HistoryController(service, self.tasks, self.feedback, self.window)
        prefs = SettingsController(SettingsService(ws), self.data_dir, self.language, self.tasks,
                                   self.feedback, self.window)
        prefs.open_channels = roster.edit_channels
        self.controllers = [roster, groups, tags, wecom, history, prefs]
        self.window.add_page(QCoreApplication.translate("App", "成员"), roster.page)
        self.window.add_page(QCoreApplication.translate("App", "社群"), groups.page)
        self.window.add_page(QCoreApplication.translate("App", "标签"), tags.page)
        self.window.add_page(QCoreApplication.translate("App", "企业微信"), wecom.page)
        self.window.add_page(QCoreApplication.translate("App", "操作记录"), history.page)
        self.window.add_page(QCoreApplication.translate("App", "设置"), prefs.page)
        wecom.indicator.changed.connect(self.window.connection_label.setText)
        importer = ImportController(service, self.tasks, self.feedback, self.window)
        exporter = ExportController(service, self.tasks, self.feedback, self.window)
        roster.page.import_requested.connect(importer.open)
        importer.imported.connect(roster.remember_import)
        roster.page.export_requested.connect(
            lambda: exporter.choose_and_export(*roster.export_target()))
        self.helpers = [importer, exporter]

        def show_group_members(group_id: int) -> None:
            roster.filter_group(group_id, groups.group_name(group_id))
            self.window.show_page(0)
        groups.page.show_members_requested.connect(show_group_members)
        for controller in self.controllers:
            self.bus.changed.connect(controller.workspace_changed)  # type: ignore[attr-defined]
        self.bus.changed.connect(self._on_change)
        await roster.start()
        groups.start()
        tags.start()
        wecom.start()
        history.start()
        prefs.start()
        self.start_scheduler(ws, connection, wecom)
        self.ready.set()

    def start_scheduler(self, ws: Workspace, connection: ConnectionService,
                        wecom: ConnectionController) -> Scheduler:
        """The workspace's jobs: the daily backup and auto-sync (through the WeCom screen, so
        its progress shows there as for a sync the operator starts)."""
        async def backup(job: Job) -> str:
            self.backup_error = None
            made = await self.tasks.run(self.daily_backup(ws), name="backup")
            if self.backup_error is not None:
                raise self.backup_error  # shown already; the job tries again within the hour
            return made.name if made is not None else ""

        async def auto_sync(job: Job) -> str:
            if not connection.config().configured:
                return "跳过：还没有连接企业微信"
            task = wecom.start_sync("auto")
            if task is None:
                return "跳过：正在同步"
            await asyncio.shield(task)  # a stopped scheduler leaves the sync to its own cancel
            return "已同步"

        self.scheduler = Scheduler(ws, handlers={BACKUP.kind: backup, AUTO_SYNC.kind: auto_sync})
        self.scheduler.start()
        return self.scheduler

    async def stop_scheduler(self) -> None:
        scheduler, self.scheduler = self.scheduler, None
        if scheduler is not None:
            await scheduler.stop()

    async def daily_backup(self, ws: Workspace) -> Path | None:
        """The daily checked copy, off the UI thread; a failure is shown and logged, never
        dropped (a full disk, an unwritable folder, a damaged workspace)."""
        try:
            due = await asyncio.to_thread(ws.backup_if_due)
            if due is None:
                return None
            made = await asyncio.wrap_future(due)
        except UserError as exc:
            log.error("daily backup failed: %s", exc)
            self.backup_error = exc
            self.feedback.user_error(exc)
            return None
        log.info("daily backup: %s", made)
        return made

    def _on_change(self, changes: Changes) -> None:
        if self.workspace is not None and (changes.members or changes.members_deleted
                                           or changes.full_rebuild):
            self.window.set_member_count(len(self.workspace.index.all))

    def close(self) -> None:
        scheduler, self.scheduler = self.scheduler, None
        if scheduler is not None:  # normally stopped already (``stop_scheduler``)
            scheduler.close()
        self.tasks.cancel_all()
        stop = getattr(self.demo_emulator, "stop", None)
        if stop is not None:
            stop()
            self.demo_emulator = None
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None


def _start_problem(app: QApplication, exc: UserError, *, fatal: bool, quiet: bool) -> None:
    """A problem found before the event loop: on stderr always, and in a message box unless
    running unattended (``--smoke-test``)."""
    print(f"{'错误' if fatal else '警告'}: {exc.message}\n{exc.hint}\n({exc.english})",
          file=sys.stderr)
    if quiet:
        return
    icon = QMessageBox.Icon.Critical if fatal else QMessageBox.Icon.Warning
    box = QMessageBox(icon, "私域运营台 Siyu Desktop",
                      f"{exc.message}\n\n{exc.hint}\n\n{exc.english}", QMessageBox.StandardButton.Ok)
    box.exec()  # before the event loop starts: no coroutine is running yet


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        data_dir = paths.data_dir(args.data_dir)
        problem = paths.check_writable(data_dir)
        last = workspaces.last_workspace(data_dir) if problem is not None else None
        elsewhere = args.workspace or (last is not None and not args.demo
                                       and not last.resolve().is_relative_to(data_dir))
        if problem is not None and not elsewhere:  # the demo and new workspaces live here
            raise paths.data_dir_error(data_dir, problem)
    except UserError as exc:
        logging.basicConfig(stream=sys.stderr, level=logging.INFO, format=LOG_FORMAT)
        log.error("cannot use the data folder: %s", exc.english)
        _start_problem(app, exc, fatal=True, quiet=args.smoke_test)  # type: ignore[arg-type]
        sys.exit(1)
    log_warning = setup_logging(data_dir)
    if log_warning is not None:
        _start_problem(app, log_warning, fatal=False, quiet=args.smoke_test)  # type: ignore[arg-type]
    app.setApplicationName("SiyuDesktop")
    app.setApplicationDisplayName("私域运营台")
    language = i18n.choose_language(args.lang or preferred_language(data_dir))
    translators = i18n.install(app, language)  # noqa: F841 keep referenced
    qss = paths.resource("styles", "app.qss")
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    favour_gui_thread()
    collector = GuiThreadCollector(app)
    window = MainWindow()
    feedback = Feedback(window, window.statusBar(), english=language == "en")
    feedback.install_excepthook()
    tasks = TaskRunner(feedback.error, window)
    tasks.busy_changed.connect(window.set_busy)
    shell = App(args, window, tasks, feedback, language)
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    window.show()
    if log_warning is not None:
        feedback.info(feedback.describe(log_warning, " "), 0)  # stays until replaced

    async def run() -> int:
        # a sheet reader killed with an earlier run may have left its spill file behind
        tasks.run(asyncio.to_thread(cleanup_stale_spills), name="spills")
        tasks.run(shell.open_workspace(), name="open")
        if args.smoke_test:
            await asyncio.wait_for(shell.ready.wait(), 120)
            if shell.scheduler is not None:  # the daily backup ran (or said why not)
                await asyncio.wait_for(shell.scheduler.first_pass.wait(), 120)
            await tasks.wait_idle()
            await shell.stop_scheduler()
            for problem in (shell.open_error, shell.backup_error):
                if problem is not None:
                    print(f"错误: {problem.message}\n{problem.hint}", file=sys.stderr)
            if shell.open_error is not None:
                return 1
            print(f"smoke-test ok: {window.windowTitle()}")
            return 0
        await closed.wait()
        await shell.stop_scheduler()
        return 0

    with loop:
        code = loop.run_until_complete(run())
        shell.close()
    collector.stop()
    sys.exit(code)
