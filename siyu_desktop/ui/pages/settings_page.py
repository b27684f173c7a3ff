"""设置: the operator's name (the author of their operations in 操作记录), the window's language,
and the way to the workspace's channel list (渠道).

Layout only: the controller fills it and listens to its signals.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.authors import MAX_NAME
from ..i18n import LANGUAGES


class SettingsPage(QWidget):
    name_save_requested = Signal(str)
    language_chosen = Signal(str)
    channels_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        column = QWidget()
        column.setMaximumWidth(760)  # a form, not a banner: fields stay a readable width
        outer.addWidget(column, 1)
        outer.addStretch(0)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("设置"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)

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

    def _save_name(self) -> None:
        self.name_save_requested.emit(self.name.text())

    # -- filled by the controller --------------------------------------------------------------
    def set_name(self, name: str) -> None:
        self.name.setText(name)

    def set_name_status(self, text: str, error: bool = False) -> None:
        self.name_status.setProperty("error", error)
        self.name_status.setStyleSheet("color: #c0392b;" if error else "color: #2e7d32;")
        self.name_status.setText(text)

    def set_language(self, code: str) -> None:
        index = self.language.findData(code)
        if index >= 0:
            self.language.setCurrentIndex(index)

    def set_language_status(self, text: str) -> None:
        self.language_status.setText(text)
