"""Owns the awaits of the settings screen (设置): the workspace's settings (工作区设置: shown, and
saved after the service validated them), the way to 备份与恢复 (the backups controller's dialog),
saving the operator's name, choosing the language for the next start, opening the channel list."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ...domain.workspace_settings import WorkspaceSettings, to_dict
from ...errors import UserError
from ...services import settings
from ...services.settings import SettingsService
from ...services.workspace import WorkspaceService
from ...services.workspace_settings import WorkspaceSettingsService
from ..feedback import Feedback
from ..i18n import LANGUAGES
from ..pages.settings_page import SettingsPage
from ..tasks import TaskRunner
from .backups_controller import BackupsController


class SettingsController(QObject):
    name_changed = Signal(str)
    brand_changed = Signal(str)  # after a save that changed the brand name (the window title)

    def __init__(self, service: SettingsService, workspace_settings: WorkspaceSettingsService,
                 workspace: WorkspaceService, backups_controller: BackupsController,
                 data_dir: Path, language: str, tasks: TaskRunner, feedback: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.workspace_settings = workspace_settings
        self.workspace = workspace
        self.backups = backups_controller
        self.data_dir = data_dir
        self.language = language  # the one this window runs in
        self.tasks = tasks
        self.feedback = feedback
        self.page = SettingsPage(parent)
        self.page.name_save_requested.connect(self.save_name)
        self.page.language_chosen.connect(self.choose_language)
        self.open_channels: Callable[[], object] | None = None  # set by the app shell
        self.page.channels_requested.connect(self._channels)
        self.page.workspace_save_requested.connect(self.save_workspace_settings)
        self.page.backups_requested.connect(self.backups.open)
        self.backups.last_backup_changed.connect(self.page.set_last_backup)

    def start(self) -> None:
        self.page.set_name(self.service.operator_name())
        chosen = settings.preferred_language(self.data_dir) or self.language
        self.page.set_language(chosen if chosen in LANGUAGES else self.language)
        self.page.set_workspace_settings(to_dict(self.workspace_settings.load()))
        self.tasks.run(self._load_workspace(), name="settings.workspace")

    async def _load_workspace(self) -> None:
        info = await self.workspace.info()
        self.backups.workspace_path = info.path
        await self._load_tag_groups()
        await self.backups.refresh()

    async def _load_tag_groups(self) -> None:
        groups = await self.workspace.tag_groups()
        self.page.set_tag_groups([g.name for g in groups])

    def workspace_changed(self, _changes: object) -> None:
        # a tag group made or renamed elsewhere is offered here; the typed text stays
        self.tasks.run(self._load_tag_groups(), name="settings.tag_groups")

    # -- workspace settings --------------------------------------------------------------------
    def save_workspace_settings(self, values: dict[str, str]) -> asyncio.Task[None]:
        return self.tasks.run_write(self._save_workspace(values), initiator=self)

    async def _save_workspace(self, values: dict[str, str]) -> None:
        before = self.workspace_settings.load()
        self.page.set_workspace_busy(True)
        try:
            saved: WorkspaceSettings = await self.workspace_settings.update(**values)
        except UserError as exc:
            self.page.set_workspace_status(self.feedback.describe(exc, " "), error=True)
            return
        finally:
            self.page.set_workspace_busy(False)
        self.page.set_workspace_settings(to_dict(saved))
        self.page.set_workspace_status(self.tr("已保存工作区设置。"))
        if saved.brand != before.brand:
            self.brand_changed.emit(saved.brand)
        if saved.timezone != before.timezone:
            await self.backups.refresh()  # its times are shown in the workspace's zone

    def save_name(self, text: str) -> asyncio.Task[None]:
        return self.tasks.run_write(self._save_name(text))

    async def _save_name(self, text: str) -> None:
        try:
            name = await self.service.set_operator_name(text)
        except UserError as exc:
            self.page.set_name_status(self.feedback.describe(exc, " "), error=True)
            return
        self.page.set_name(name)
        self.page.set_name_status(
            self.tr("已保存：之后的操作记为“{name}”。").format(name=name) if name else
            self.tr("已清除名字：之后的操作记为“我（窗口）”。"))
        self.name_changed.emit(name)

    def choose_language(self, code: str) -> None:
        try:
            settings.set_preferred_language(self.data_dir, code)
        except OSError as exc:
            self.page.set_language_status(self.tr("无法保存语言设置：{why}").format(why=exc))
            return
        if code == self.language:
            self.page.set_language_status(self.tr("更改后重新打开私域运营台生效。"))
        else:
            self.page.set_language_status(self.tr(
                "已选择 {name}：重新打开私域运营台后生效。").format(name=LANGUAGES[code]))

    def _channels(self) -> None:
        if self.open_channels is not None:
            self.open_channels()
