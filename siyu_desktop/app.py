"""The composition root: QApplication, the qasync loop, the workspace, services, screens; a clean
shutdown. ``python main.py [--demo] [--data-dir D] [--workspace F] [--lang en]``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import logging.handlers
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import qasync
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from . import paths
from .domain.schedule import Job
from .errors import UserError, WorkspaceInUseError
from .excel.reader import cleanup_stale_spills
from .ops import Progress
from .services import backups as backups_service
from .services import workspaces
from .services.levels import LevelsService
from .services.points import PointsService
from .services.points_excel import PointsExcel
from .services.points_report import PointsReport
from .services.points_rules import PointsRulesService
from .services.rewards import RewardsService
from .services.scheduler import AUTO_SYNC, BACKUP, Scheduler
from .services.session import WorkspaceSession
from .services.settings import preferred_language
from .services.types import Changes
from .store.db import Workspace
from .ui import i18n
from .ui.change_bus import ChangeBus
from .ui.controllers.backups_controller import BackupsController
from .ui.controllers.connection_controller import ConnectionController
from .ui.controllers.export_controller import ExportController
from .ui.controllers.groups_controller import GroupsController
from .ui.controllers.history_controller import HistoryController
from .ui.controllers.import_controller import ImportController
from .ui.controllers.levels_controller import LevelsController
from .ui.controllers.points_controller import PointsController
from .ui.controllers.points_sheet_controller import PointsSheetController
from .ui.controllers.rewards_controller import RewardsController
from .ui.controllers.roster_controller import RosterController
from .ui.controllers.rules_controller import RulesController
from .ui.controllers.settings_controller import SettingsController
from .ui.controllers.tags_controller import TagsController
from .ui.dialogs.new_workspace_dialog import NewWorkspaceDialog
from .ui.feedback import Feedback
from .ui.gc_collector import GuiThreadCollector, favour_gui_thread
from .ui.main_window import MainWindow
from .ui.tasks import TaskRunner
from .ui.widgets.ask import ask
from .wecom.errors import redact

log = logging.getLogger("siyu")


class Default:
    """``open_workspace()``'s "whatever the command line or the last run chose"."""


DEFAULT = Default()
WORKSPACE_OP = "workspace"  # opening, switching, closing: one at a time


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
LOG_BYTES, LOG_KEPT = 1_000_000, 3  # siyu.log and three older ones, at most 4 MB


def setup_logging(data_dir: Path) -> UserError | None:
    """Log to ``<data dir>/logs/siyu.log``; when that folder cannot be written (read-only, full,
    no permission) log to stderr instead and return the warning to show the operator."""
    log_dir = data_dir / "logs"
    problem: OSError | None
    try:
        log_dir.mkdir(exist_ok=True)
        # rotated: one session of syncs must not grow the log without end
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_dir / "siyu.log", maxBytes=LOG_BYTES, backupCount=LOG_KEPT, encoding="utf-8")
        problem = None
    except OSError as exc:
        problem = exc
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter(LOG_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    for chatty in ("httpx", "httpcore"):  # a line per HTTP request: DEBUG only (our client's)
        logging.getLogger(chatty).setLevel(logging.WARNING)
    if problem is None:
        return None
    log.warning("cannot write the log folder %s (%s); logging to stderr only", log_dir, problem)
    return UserError(
        f"无法写入日志文件夹“{log_dir}”，本次运行的日志不会保存。",
        "请检查数据文件夹的写入权限和磁盘空间，或用 --data-dir 换一个可写的数据文件夹。",
        english=f"Cannot write the log folder {log_dir}; this session's log is not saved.",
        english_hint="Check the data folder's write permission and free disk space, or use --data-dir to pick a writable data folder.")


class App:
    """Everything that lives as long as the window: built once, torn down in ``close``.

    A workspace is open in a ``WorkspaceSession``; its screens (controllers and pages), their
    change bus and their task runner live in a scope of their own, so ``close_workspace`` ends
    every one of them (no task, timer, connection or lock file of the old workspace is left)
    and ``open_workspace`` can build them again for another workspace in the same run."""

    def __init__(self, args: argparse.Namespace, window: MainWindow, tasks: TaskRunner,
                 feedback: Feedback, language: str = "zh_CN") -> None:
        self.args = args
        self.language = language
        self.window = window
        self.shell_tasks = tasks  # the window's own: opening, switching, closing workspaces
        self.tasks = tasks  # the open workspace's runner while one is open
        self.feedback = feedback
        self.data_dir = paths.data_dir(args.data_dir)
        self.session: WorkspaceSession | None = None
        self.bus: ChangeBus | None = None
        self.controllers: list[object] = []
        self.helpers: list[object] = []
        self._scope: QWidget | None = None  # parent of the open workspace's controllers
        self.backup_error: UserError | None = None
        self.open_error: UserError | None = None
        self.ready = asyncio.Event()
        self._new_dialog: NewWorkspaceDialog | None = None  # kept referenced while open
        self._file_dialog: QFileDialog | None = None

    # -- what tests and the smoke test read ----------------------------------------------------
    @property
    def workspace(self) -> Workspace | None:
        return self.session.db if self.session is not None else None

    @property
    def scheduler(self) -> Scheduler | None:
        return self.session.scheduler if self.session is not None else None

    @property
    def demo_emulator(self) -> object | None:
        return self.session.demo_emulator if self.session is not None else None

    def _choose_path(self) -> Path | None:
        if self.args.workspace:
            return Path(self.args.workspace)
        if self.args.demo:
            return None
        return workspaces.last_workspace(self.data_dir)

    # -- opening and closing -------------------------------------------------------------------
    async def open_workspace(self, path: Path | None | Default = DEFAULT, *,
                             rebuild_demo: bool = False) -> bool:
        """Open ``path`` (None: the demo; by default what the command line or the last run
        chose) and build its screens; ``rebuild_demo`` builds the demo afresh first. False, with
        the reason on the welcome screen, when it cannot be opened."""
        if self.session is not None:
            await self.close_workspace()
        self.ready.clear()
        self.open_error = None
        if isinstance(path, Default):
            path = self._choose_path()
        loop = asyncio.get_running_loop()
        phase_words = {"tags": QCoreApplication.translate("App", "标签"),
                       "groups": QCoreApplication.translate("App", "客户群"),
                       "members": QCoreApplication.translate("App", "客户"),
                       "follows": QCoreApplication.translate("App", "添加关系"),
                       "points": QCoreApplication.translate("App", "积分"),
                       "events": QCoreApplication.translate("App", "进退群记录"),
                       "stats": QCoreApplication.translate("App", "群统计")}

        def progress(p: Progress) -> None:
            loop.call_soon_threadsafe(self.window.show_message, QCoreApplication.translate(
                "App", "正在生成演示工作区（首次启动）… {phase} {done}/{total}").format(
                    phase=phase_words.get(p.step, p.step), done=f"{p.done:,}",
                    total=f"{p.total:,}"))
        self.window.show_message(QCoreApplication.translate("App", "正在打开工作区…"))
        try:
            if rebuild_demo:
                session = await WorkspaceSession.rebuild_demo(self.data_dir, progress=progress)
            else:
                session = await WorkspaceSession.open(self.data_dir, path, progress=progress)
        except UserError as exc:
            self.open_error = exc
            self.show_welcome(self.feedback.describe(exc))
            self.feedback.user_error(exc)
            self.ready.set()
            return False
        self.session = session
        self._show_recent()
        for notice in session.notices:
            self.feedback.info(notice, 0)
        await self._build_screens(session)
        self.ready.set()
        return True

    async def _build_screens(self, session: WorkspaceSession) -> None:
        scope = QWidget(self.window)  # never shown: the parent of this workspace's objects
        scope.hide()
        self._scope = scope
        tasks = TaskRunner(self.feedback.error, scope)
        tasks.busy_changed.connect(self.window.set_busy)
        self.tasks = tasks
        bus = self.bus = ChangeBus(parent=scope)
        service = session.workspace
        service.failed_unwatched.append(self.feedback.error)
        session.on_change(bus.post)
        info = await service.info()
        self.window.set_workspace(info.brand or session.path.stem, info.demo)
        self.window.set_member_count(info.members)
        if session.is_demo:  # the demo syncs with a local WeCom emulator, to be tried at once
            problem = await session.start_demo_emulator()
            if problem is not None:  # the workspace opens all the same, offline
                self.feedback.info(QCoreApplication.translate(
                    "App", "演示用的企业微信模拟器没有启动：{reason}").format(reason=problem), 15000)
        outbox = session.outbox
        roster = RosterController(service, outbox, tasks, self.feedback, scope)
        groups = GroupsController(service, tasks, self.feedback, scope)
        tags = TagsController(service, tasks, self.feedback, scope)
        points_service = PointsService(session.db)
        points = PointsController(points_service, PointsReport(session.db, points_service),
                                  service, tasks, self.feedback, scope)
        rewards = RewardsController(RewardsService(session.db), tasks, self.feedback, scope)
        sheets = PointsSheetController(PointsExcel(service), service, points.page.award, tasks,
                                       self.feedback, scope)
        points.page.add_tab(QCoreApplication.translate("App", "奖品目录"), rewards.catalog_tab)
        points.page.add_tab(QCoreApplication.translate("App", "兑换记录"), rewards.redemptions_tab)
        rules = RulesController(PointsRulesService(session.db), tasks, self.feedback, scope)
        points.page.add_tab(QCoreApplication.translate("App", "规则"), rules.tab)
        levels = LevelsController(LevelsService(session.db), tasks, self.feedback, scope)
        points.page.add_tab(QCoreApplication.translate("App", "等级"), levels.tab)
        levels.attach_member_panel(roster.page.detail)
        wecom = ConnectionController(session.connection, session.sync, outbox, tasks,
                                     self.feedback, scope)
        history = HistoryController(service, tasks, self.feedback, scope)
        backups = BackupsController(session.backups, session.workspace_settings, tasks,
                                    self.feedback, scope)
        backups.restore_requested.connect(self.restore_backup)
        self.window.backups_requested.connect(backups.open)  # dropped with the controller
        prefs = SettingsController(session.settings, session.workspace_settings, service,
                                   backups, self.data_dir, self.language, tasks, self.feedback,
                                   scope)
        prefs.brand_changed.connect(lambda name: self.window.set_workspace(name, session.is_demo))
        prefs.open_channels = roster.edit_channels
        self.controllers = [roster, groups, tags, points, wecom, history, prefs]
        self.window.add_page(QCoreApplication.translate("App", "成员"), roster.page)
        self.window.add_page(QCoreApplication.translate("App", "社群"), groups.page)
        self.window.add_page(QCoreApplication.translate("App", "标签"), tags.page)
        self.window.add_page(QCoreApplication.translate("App", "积分", "nav"), points.page)
        self.window.add_page(QCoreApplication.translate("App", "企业微信"), wecom.page)
        self.window.add_page(QCoreApplication.translate("App", "操作记录"), history.page)
        self.window.add_page(QCoreApplication.translate("App", "设置"), prefs.page)
        wecom.indicator.changed.connect(self.window.connection_label.setText)
        importer = ImportController(session.importer, tasks, self.feedback, scope)
        exporter = ExportController(session.exporter, tasks, self.feedback, scope)
        roster.page.import_requested.connect(importer.open)
        roster.page.connect_requested.connect(lambda: self.window.show_page(4))  # 企业微信
        importer.imported.connect(roster.remember_import)
        roster.page.export_requested.connect(
            lambda: exporter.choose_and_export(*roster.export_target()))
        self.helpers = [importer, exporter, backups, rewards, sheets]  # the last two: in 积分
        self.helpers.append(rules)  # the 规则 tab of 积分
        self.helpers.append(levels)  # the 等级 tab of 积分 (and the member panel's level)

        def show_group_members(group_id: int) -> None:
            roster.filter_group(group_id, groups.group_name(group_id))
            self.window.show_page(0)
        groups.page.show_members_requested.connect(show_group_members)
        for controller in self.controllers:
            bus.changed.connect(controller.workspace_changed)  # type: ignore[attr-defined]
        bus.changed.connect(rewards.workspace_changed)
        bus.changed.connect(rules.workspace_changed)
        bus.changed.connect(levels.workspace_changed)
        bus.changed.connect(self._on_change)
        await roster.start()
        groups.start()
        tags.start()
        points.start()
        rewards.start()
        rules.start()
        levels.start()
        wecom.start()
        history.start()
        prefs.start()
        self.start_scheduler(session, wecom)

    async def close_workspace(self) -> None:
        """End everything of the open workspace: its scheduler, its tasks (writes the writer
        took still commit), its screens and their timers, the demo emulator, the workspace."""
        session, self.session = self.session, None
        if session is None:
            return
        await session.stop_scheduler()
        tasks, self.tasks = self.tasks, self.shell_tasks
        if tasks is not self.shell_tasks:
            await tasks.close()
        if self.bus is not None:
            self.bus.flush_now()
            self.bus = None
        for helper in self.helpers:
            dialog = getattr(helper, "dialog", None)
            if dialog is not None:
                dialog.close()
        self.window.clear_pages()
        self.controllers, self.helpers = [], []
        scope, self._scope = self._scope, None
        if scope is not None:
            scope.deleteLater()  # the controllers, their dialogs, timers and the bus with it
        await session.close()
        self.show_welcome()

    # -- the 工作区 menu and the welcome screen ------------------------------------------------
    def connect_window(self) -> None:
        """The window's workspace actions, run one at a time on the window's own runner."""
        w = self.window
        w.new_workspace_requested.connect(self.ask_new_workspace)
        w.open_file_requested.connect(self.ask_open_file)
        w.open_recent_requested.connect(self.switch_to)
        w.demo_requested.connect(lambda: self.switch_to(None))
        w.rebuild_demo_requested.connect(self.ask_rebuild_demo)
        w.reveal_requested.connect(self.reveal_in_folder)
        w.close_workspace_requested.connect(
            lambda: self.shell_tasks.run_exclusive(WORKSPACE_OP, self.close_workspace()))
        self._show_recent()

    def switch_to(self, path: Path | None) -> asyncio.Task[bool] | None:
        """Open another workspace (None: the demo) in place of this one; refused (None) while a
        switch is under way."""
        if self.session is not None and path is not None and self.session.path == Path(path):
            return None  # already open
        return self.shell_tasks.run_exclusive(WORKSPACE_OP, self.open_workspace(path))

    def show_welcome(self, status: str = "") -> None:
        self._show_recent()
        self.window.show_welcome(status)

    def _show_recent(self) -> None:
        demo = workspaces.demo_workspace(self.data_dir).resolve()
        self.window.set_recent([(p, p.resolve() == demo)
                                for p in workspaces.recent_workspaces(self.data_dir)])

    def ask_new_workspace(self) -> NewWorkspaceDialog:
        dialog = NewWorkspaceDialog(self.window)
        dialog.create_requested.connect(
            lambda brand, tz, corp: self.shell_tasks.run_exclusive(
                WORKSPACE_OP, self.create_workspace(dialog, brand, tz, corp)))
        dialog.finished.connect(lambda *_: dialog.deleteLater())
        self._new_dialog = dialog
        dialog.open()
        return dialog

    async def create_workspace(self, dialog: NewWorkspaceDialog | None, brand: str,
                               timezone: str, corp_id: str) -> bool:
        """Create the brand's workspace and open it; a problem (a name taken, a time zone that
        does not exist, a full disk) is said in the dialog, which stays open."""
        try:
            path = await asyncio.to_thread(workspaces.create_workspace, self.data_dir, brand,
                                           timezone, corp_id)
        except UserError as exc:
            if dialog is not None:
                dialog.set_error(self.feedback.describe(exc))
            else:
                self.feedback.user_error(exc)
            return False
        if dialog is not None:
            dialog.accept()
        if not await self.open_workspace(path):
            return False
        self.window.show_page(0)  # the empty roster says how to fill it: import or connect
        self.feedback.info(QCoreApplication.translate(
            "App", "已创建工作区“{brand}”。下一步：导入 Excel 客户名单，或在「企业微信」页连接并同步。"
        ).format(brand=brand), 0)
        return True

    def ask_open_file(self) -> QFileDialog:
        current = self.session.path.parent if self.session is not None else self.data_dir
        dialog = QFileDialog(self.window, QCoreApplication.translate("App", "打开工作区文件"),
                             str(current), QCoreApplication.translate(
                                 "App", "私域运营台工作区 (*.db);;所有文件 (*)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda chosen: self.switch_to(Path(chosen)))
        dialog.finished.connect(lambda *_: dialog.deleteLater())
        self._file_dialog = dialog
        dialog.open()
        return dialog

    def ask_rebuild_demo(self) -> asyncio.Task[bool] | None:
        async def run() -> bool:
            if not await ask(self.window, QCoreApplication.translate("App", "重新生成演示工作区"),
                             QCoreApplication.translate(
                                 "App", "演示工作区会换成一份全新生成的演示数据，在里面做过的修改都会丢失。"
                                 "你自己的工作区不受影响。"),
                             QCoreApplication.translate("App", "重新生成")):
                return False
            if self.session is not None and self.session.is_demo:
                await self.close_workspace()
            return await self.open_workspace(None, rebuild_demo=True)
        return self.shell_tasks.run_exclusive(WORKSPACE_OP, run())

    def restore_backup(self, backup: Path) -> asyncio.Task[bool] | None:
        """Put a backup in place of the open workspace (the operator confirmed already): close
        it, restore (the current file kept as a safety copy first), open it again. A backup
        that fails its check is refused and the workspace reopens unchanged."""
        return self.shell_tasks.run_exclusive(WORKSPACE_OP, self._restore(Path(backup)))

    async def _restore(self, backup: Path) -> bool:
        if self.session is None:
            return False
        path = self.session.path
        await self.close_workspace()
        try:
            safety = await asyncio.to_thread(backups_service.restore, backup, path)
        except UserError as exc:
            await self.open_workspace(path)
            self.feedback.user_error(exc)
            return False
        if not await self.open_workspace(path):
            return False
        text = QCoreApplication.translate("App", "已恢复备份“{name}”。").format(name=backup.name)
        if safety is not None:
            text += QCoreApplication.translate(
                "App", "恢复前的工作区另存为“{name}”，也列在「备份与恢复」里。").format(name=safety.name)
        self.feedback.info(text, 0)
        return True

    def reveal_in_folder(self) -> None:
        if self.session is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.session.path.parent)))

    def start_scheduler(self, session: WorkspaceSession,
                        wecom: ConnectionController) -> Scheduler:
        """The workspace's jobs: the daily backup and auto-sync (through the WeCom screen, so
        its progress shows there as for a sync the operator starts)."""
        ws = session.db
        tasks = self.tasks

        async def backup(job: Job) -> str:
            self.backup_error = None
            made = await tasks.run(self.daily_backup(ws), name="backup")
            if self.backup_error is not None:
                raise self.backup_error  # shown already; the job tries again within the hour
            return made.name if made is not None else ""

        async def auto_sync(job: Job) -> str:
            if not session.connection.config().configured:
                return "跳过：还没有连接企业微信"
            task = wecom.start_sync("auto")
            if task is None:
                return "跳过：正在同步"
            await asyncio.shield(task)  # a stopped scheduler leaves the sync to its own cancel
            return "已同步"

        return session.start_scheduler({BACKUP.kind: backup, AUTO_SYNC.kind: auto_sync})

    async def stop_scheduler(self) -> None:
        if self.session is not None:
            await self.session.stop_scheduler()

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
        if self.session is not None and (changes.members or changes.members_deleted
                                         or changes.full_rebuild):
            self.window.set_member_count(self.session.member_count())

    def close(self) -> None:
        """At exit, with the loop stopped: whatever ``close_workspace`` did not get to."""
        session, self.session = self.session, None
        self.tasks.cancel_all()
        self.shell_tasks.cancel_all()
        if session is not None:
            session.close_now()


async def _tell(parent: QWidget, text: str) -> None:
    """A warning box, awaited without a nested event loop (``open()``, never ``exec()``)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "私域运营台 Siyu Desktop", text,
                      QMessageBox.StandardButton.Ok, parent)
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    def finished(*_args: object) -> None:
        if not done.done():
            done.set_result(None)
    box.finished.connect(finished)
    box.open()
    try:
        await done
    finally:
        box.deleteLater()


def _start_problem(app: QApplication, exc: UserError, *, fatal: bool, quiet: bool) -> None:
    """A problem found before the event loop: on stderr always, and in a message box unless
    running unattended (``--smoke-test``). The language setting lives in the data folder that
    may be the problem, so both languages are shown."""
    both = f"{exc.message}\n{exc.hint}\n\n{exc.english}\n{exc.english_hint}".strip()
    print(f"{'错误' if fatal else '警告'}: {both}", file=sys.stderr)
    if quiet:
        return
    icon = QMessageBox.Icon.Critical if fatal else QMessageBox.Icon.Warning
    box = QMessageBox(icon, "私域运营台 Siyu Desktop",
                      both, QMessageBox.StandardButton.Ok)
    box.exec()  # before the event loop starts: no coroutine is running yet


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
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
        _start_problem(app, exc, fatal=True, quiet=args.smoke_test)
        sys.exit(1)
    log_warning = setup_logging(data_dir)
    if log_warning is not None:
        _start_problem(app, log_warning, fatal=False, quiet=args.smoke_test)
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
    shell.connect_window()
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    window.show()
    if log_warning is not None:
        feedback.info(feedback.describe(log_warning, " "), 0)  # stays until replaced

    async def run() -> int:
        # a sheet reader killed with an earlier run may have left its spill file behind
        tasks.run(asyncio.to_thread(cleanup_stale_spills), name="spills")
        async def first_open() -> None:
            await shell.open_workspace()
            if isinstance(shell.open_error, WorkspaceInUseError) and not args.smoke_test:
                # a second start on a workspace already open: say so, then end this one
                await _tell(window, feedback.describe(shell.open_error, "\n\n"))
                closed.set()
        tasks.run_exclusive(WORKSPACE_OP, first_open())
        if args.smoke_test:
            await asyncio.wait_for(shell.ready.wait(), 120)
            if shell.scheduler is not None:  # the daily backup ran (or said why not)
                await asyncio.wait_for(shell.scheduler.first_pass.wait(), 120)
            await tasks.wait_idle()
            await shell.tasks.wait_idle()
            await shell.stop_scheduler()
            for problem in (shell.open_error, shell.backup_error):
                if problem is not None:
                    print(f"错误: {problem.message}\n{problem.hint}\n"
                          f"({problem.english} {problem.english_hint})", file=sys.stderr)
            if shell.open_error is not None:
                return 1
            print(f"smoke-test ok: {window.windowTitle()}")
            return 0
        await closed.wait()
        await shell.close_workspace()
        return 0

    with loop:
        code = loop.run_until_complete(run())
        shell.close()
    collector.stop()
    sys.exit(code)
