"""设置: the workspace's own settings (工作区设置: brand, time zone, the corp's mass-message cap rule,
send hours, the default tag group for imports), the way to its backups (备份与恢复), the
operator's name (the author of their operations in 操作记录), the window's language, and the way
to the workspace's channel list (渠道).

Layout only: the controller fills it and listens to its signals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.authors import MAX_NAME
from ...domain.workspace_settings import (
    BRAND_MAX,
    CAP_DAY_1,
    CAP_MONTH_DAYS,
    CAP_WEEK_7,
    DEFAULT_TIMEZONE,
    TAG_GROUP_MAX,
)
from ..i18n import LANGUAGES

# Offered in the time-zone box (any other IANA name may be typed): the workspace's default first,
# then where Chinese brands' operators and customers usually are.
COMMON_TIMEZONES = (DEFAULT_TIMEZONE, "Asia/Hong_Kong", "Asia/Taipei", "Asia/Macau",
                    "Asia/Singapore", "Asia/Kuala_Lumpur", "Asia/Tokyo", "Asia/Seoul",
                    "Asia/Bangkok", "Asia/Dubai", "Europe/London", "Europe/Berlin",
                    "America/New_York", "America/Los_Angeles", "Australia/Sydney", "UTC")
TIME_FORMAT = "HH:mm"


class SettingsPage(QWidget):
    name_save_requested = Signal(str)
    language_chosen = Signal(str)
    channels_requested = Signal()
    # the workspace settings as typed: field → text (``domain.workspace_settings`` keys)
    workspace_save_requested = Signal(dict)
    backups_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroller = QScrollArea()  # five groups do not fit 720 pixels: the page scrolls
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroller)
        holder = QWidget()
        row_of_column = QHBoxLayout(holder)
        column = QWidget()
        column.setMaximumWidth(760)  # a form, not a banner: fields stay a readable width
        row_of_column.addWidget(column, 1)
        row_of_column.addStretch(0)
        self.scroller.setWidget(holder)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("设置"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        layout.addWidget(self._workspace_box())
        layout.addWidget(self._backups_box())

        me_box = QGroupBox(self.tr("你的名字"))
        me = QVBoxLayout(me_box)
        row = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setObjectName("operatorName")
        self.name.setMaxLength(MAX_NAME)
        self.name.setPlaceholderText(self.tr("例如：小美（社群运营）"))
        self.name.returnPressed.connect(self._save_name)
        self.name_button = QPushButton(self.tr("保存名字"))
        self.name_button.clicked.connect(self._save_name)
        row.addWidget(self.name, 1)
        row.addWidget(self.name_button)
        me.addLayout(row)
        hint = QLabel(self.tr("操作记录的“操作人”一栏用这个名字记下你之后的每次操作（这个工作区内）。"
                              "留空时显示为“我（窗口）”。已有的记录保持当时的名字。"))
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        me.addWidget(hint)
        self.name_status = QLabel()
        self.name_status.setObjectName("nameStatus")
        self.name_status.setWordWrap(True)
        me.addWidget(self.name_status)
        self.name.textEdited.connect(lambda _t: self.name_status.clear())
        layout.addWidget(me_box)

        lang_box = QGroupBox(self.tr("界面语言"))
        lang = QFormLayout(lang_box)
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.activated.connect(
            lambda i: self.language_chosen.emit(str(self.language.itemData(i))))
        lang.addRow(self.tr("语言"), self.language)
        self.language_status = QLabel(self.tr("更改后重新打开私域运营台生效。"))
        self.language_status.setObjectName("hintLabel")
        self.language_status.setWordWrap(True)
        lang.addRow(self.language_status)
        layout.addWidget(lang_box)

        channel_box = QGroupBox(self.tr("渠道"))
        channels = QVBoxLayout(channel_box)
        channel_hint = QLabel(self.tr("客户从哪里来（包裹卡、直播……）：名称、别名与合并。"
                                      "导入时按别名对应到渠道，导出写渠道名称。"))
        channel_hint.setObjectName("hintLabel")
        channel_hint.setWordWrap(True)
        channels.addWidget(channel_hint)
        channel_row = QHBoxLayout()
        self.channels_button = QPushButton(self.tr("编辑渠道列表…"))
        self.channels_button.setObjectName("editChannels")
        self.channels_button.clicked.connect(self.channels_requested)
        channel_row.addWidget(self.channels_button)
        channel_row.addStretch(1)
        channels.addLayout(channel_row)
        layout.addWidget(channel_box)
        layout.addStretch(1)

    def _workspace_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("工作区设置"))
        box.setObjectName("workspaceSettings")
        form = QFormLayout(box)
        hint = QLabel(self.tr("只对这个工作区生效，保存在工作区文件里，随文件交接。"))
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        form.addRow(hint)

        self.ws_brand = QLineEdit()
        self.ws_brand.setObjectName("brandName")
        self.ws_brand.setMaxLength(BRAND_MAX)
        self.ws_brand.setPlaceholderText(self.tr("例如：毛孩子食堂"))
        form.addRow(self.tr("品牌名称"), self.ws_brand)

        self.ws_timezone = QComboBox()
        self.ws_timezone.setObjectName("timezone")
        self.ws_timezone.setEditable(True)
        self.ws_timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.ws_timezone.addItems(COMMON_TIMEZONES)
        self.ws_timezone.setToolTip(self.tr("“今天”、发送时段和定时任务都按这个时区计算。"
                                            "可以直接输入其他标准时区名。"))
        form.addRow(self.tr("时区"), self.ws_timezone)

        self.ws_cap = QComboBox()
        self.ws_cap.setObjectName("massMessageCap")
        for code, label in ((CAP_MONTH_DAYS, self.tr("每月最多当月天数条（每位客户、每个客户群）")),
                            (CAP_WEEK_7, self.tr("每周最多 7 条")),
                            (CAP_DAY_1, self.tr("每天最多 1 条"))):
            self.ws_cap.addItem(label, code)
        cap_hint = QLabel(self.tr("与企业微信管理后台「客户联系 → 群发规则」保持一致。"))
        cap_hint.setObjectName("hintLabel")
        cap_hint.setWordWrap(True)
        cap = QVBoxLayout()
        cap.setSpacing(2)
        cap.addWidget(self.ws_cap)
        cap.addWidget(cap_hint)
        form.addRow(self.tr("群发次数上限"), cap)

        self.ws_send_start = QTimeEdit()
        self.ws_send_start.setObjectName("sendStart")
        self.ws_send_end = QTimeEdit()
        self.ws_send_end.setObjectName("sendEnd")
        hours = QHBoxLayout()
        for edit in (self.ws_send_start, self.ws_send_end):
            edit.setDisplayFormat(TIME_FORMAT)
        hours.addWidget(self.ws_send_start)
        hours.addWidget(QLabel(self.tr("至")))
        hours.addWidget(self.ws_send_end)
        hours.addStretch(1)
        form.addRow(self.tr("发送时段"), hours)

        self.ws_tag_group = QComboBox()
        self.ws_tag_group.setObjectName("importTagGroup")
        self.ws_tag_group.setEditable(True)
        self.ws_tag_group.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.ws_tag_group.lineEdit()
        assert line is not None  # an editable combo box has its line edit
        line.setMaxLength(TAG_GROUP_MAX)
        line.setPlaceholderText(self.tr("不设置（导入时再选）"))
        form.addRow(self.tr("导入默认标签组"), self.ws_tag_group)

        buttons = QHBoxLayout()
        self.ws_save_button = QPushButton(self.tr("保存"))
        self.ws_save_button.setObjectName("saveWorkspaceSettings")
        self.ws_save_button.clicked.connect(self._save_workspace)
        buttons.addWidget(self.ws_save_button)
        self.ws_status = QLabel()
        self.ws_status.setObjectName("workspaceSettingsStatus")
        self.ws_status.setWordWrap(True)
        self.ws_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons.addWidget(self.ws_status, 1)
        form.addRow(buttons)
        for edited in (self.ws_brand.textEdited, self.ws_timezone.editTextChanged,
                       self.ws_cap.activated, self.ws_send_start.timeChanged,
                       self.ws_send_end.timeChanged, self.ws_tag_group.editTextChanged):
            edited.connect(self._edited)
        return box

    def _backups_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("备份与恢复"))
        layout = QVBoxLayout(box)
        hint = QLabel(self.tr("每天自动备份一次，保留最近几份。可以立即备份、恢复到某一份备份，"
                              "或导出一份工作区副本交给同事。"))
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.backups_button = QPushButton(self.tr("备份与恢复…"))
        self.backups_button.setObjectName("openBackups")
        self.backups_button.clicked.connect(self.backups_requested)
        row.addWidget(self.backups_button)
        self.last_backup = QLabel()
        self.last_backup.setObjectName("hintLabel")
        row.addWidget(self.last_backup, 1)
        layout.addLayout(row)
        return box

    def _save_name(self) -> None:
        self.name_save_requested.emit(self.name.text())

    def _save_workspace(self) -> None:
        self.workspace_save_requested.emit(self.workspace_values())

    def _edited(self, *_args: object) -> None:
        if self.ws_status.property("error"):
            self.set_workspace_status("")

    def workspace_values(self) -> dict[str, str]:
        """What the form says, as the settings' text values."""
        return {
            "brand": self.ws_brand.text(),
            "timezone": self.ws_timezone.currentText(),
            "mass_message_cap": str(self.ws_cap.currentData()),
            "send_start": self.ws_send_start.time().toString(TIME_FORMAT),
            "send_end": self.ws_send_end.time().toString(TIME_FORMAT),
            "import_tag_group": self.ws_tag_group.currentText(),
        }

    # -- filled by the controller --------------------------------------------------------------
    def set_name(self, name: str) -> None:
        self.name.setText(name)

    def set_name_status(self, text: str, error: bool = False) -> None:
        self.name_status.setProperty("error", error)
        self.name_status.setStyleSheet("color: #c0392b;" if error else "color: #2e7d32;")
        self.name_status.setText(text)

    def set_workspace_settings(self, values: Mapping[str, str]) -> None:
        """Show stored settings (``domain.workspace_settings.to_dict``)."""
        self.ws_brand.setText(values["brand"])
        self.ws_timezone.setCurrentText(values["timezone"])
        index = self.ws_cap.findData(values["mass_message_cap"])
        self.ws_cap.setCurrentIndex(max(index, 0))
        self.ws_send_start.setTime(QTime.fromString(values["send_start"], TIME_FORMAT))
        self.ws_send_end.setTime(QTime.fromString(values["send_end"], TIME_FORMAT))
        self.ws_tag_group.setCurrentText(values["import_tag_group"])

    def set_tag_groups(self, names: Sequence[str]) -> None:
        """The workspace's tag groups to choose from (the typed text is kept)."""
        typed = self.ws_tag_group.currentText()
        self.ws_tag_group.blockSignals(True)
        self.ws_tag_group.clear()
        self.ws_tag_group.addItem("")  # blank: no default group
        self.ws_tag_group.addItems(list(names))
        self.ws_tag_group.setCurrentText(typed)
        self.ws_tag_group.blockSignals(False)

    def set_workspace_status(self, text: str, error: bool = False) -> None:
        self.ws_status.setProperty("error", error)
        self.ws_status.setStyleSheet("color: #c0392b;" if error else "color: #2e7d32;")
        self.ws_status.setText(text)

    def set_workspace_busy(self, busy: bool) -> None:
        self.ws_save_button.setEnabled(not busy)

    def set_last_backup(self, text: str) -> None:
        self.last_backup.setText(text)

    def set_language(self, code: str) -> None:
        index = self.language.findData(code)
        if index >= 0:
            self.language.setCurrentIndex(index)

    def set_language_status(self, text: str) -> None:
        self.language_status.setText(text)
