"""Owns the awaits of the settings screen (设置): saving the operator's name, choosing the
language for the next start, opening the channel list."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ...errors import UserError
from ...services import settings
from ...services.settings import SettingsService
from ..feedback import Feedback
from ..i18n import LANGUAGES
from ..pages.settings_page import SettingsPage
from ..tasks import TaskRunner


class SettingsController(QObject):
    name_changed = Signal(str)

    def __init__(self, service: SettingsService, data_dir: Path, language: str,
                 tasks: TaskRunner, feedback: Feedback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.data_dir = data_dir
        self.language = language  # the one this window runs in
        self.tasks = tasks
        self.feedback = feedback
        self.page = SettingsPage(parent)
        self.page.name_save_requested.connect(self.save_name)
        self.page.language_chosen.connect(self.choose_language)
        self.open_channels: Callable[[], object] | None = None  # set by the app shell
        self.page.channels_requested.connect(self._channels)

    def start(self) -> None:
        self.page.set_name(self.service.operator_name())
        chosen = settings.preferred_language(self.data_dir) or self.language
        self.page.set_language(chosen if chosen in LANGUAGES else self.language)

    def workspace_changed(self, _changes: object) -> None:
        pass

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
