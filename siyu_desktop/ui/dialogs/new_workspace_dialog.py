"""新建我的工作区: the brand name, the time zone (Asia/Shanghai unless the brand works
elsewhere) and, optionally, the WeCom corp id. The controller creates the file and reports a
problem back here, so the operator can correct the field without retyping the others."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

TIMEZONES = ("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo",
             "Asia/Kuala_Lumpur", "Europe/London", "America/Los_Angeles", "America/New_York")


class NewWorkspaceDialog(QDialog):
    create_requested = Signal(str, str, str)  # brand, time zone, corp id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建我的工作区"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("为你的品牌建一个工作区。建好后可以连接企业微信同步客户，"
                               "或导入一份 Excel 客户名单。"))
        intro.setWordWrap(True)
        intro.setObjectName("hintLabel")
        layout.addWidget(intro)
        form = QFormLayout()
        self.brand = QLineEdit()
        self.brand.setPlaceholderText(self.tr("例如：毛孩子食堂"))
        self.brand.setMaxLength(40)
        form.addRow(self.tr("品牌名称"), self.brand)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(list(TIMEZONES))
        self.timezone.setToolTip(self.tr("日期、“今天”和定时发送都按这个时区算，与电脑的时区无关。"))
        form.addRow(self.tr("时区"), self.timezone)
        self.corp_id = QLineEdit()
        self.corp_id.setPlaceholderText(self.tr("可选，以 ww 开头；以后也可以在「企业微信」页填写"))
        form.addRow(self.tr("企业 ID（corpid）"), self.corp_id)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("创建并打开"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._create)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.brand.textChanged.connect(self._changed)
        self._changed()

    def _changed(self) -> None:
        self.create_button.setEnabled(bool(self.brand.text().strip()))
        self.error.hide()

    def _create(self) -> None:
        self.create_button.setEnabled(False)
        self.create_requested.emit(self.brand.text().strip(), self.timezone.currentText().strip(),
                                   self.corp_id.text().strip())

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.create_button.setEnabled(bool(self.brand.text().strip()))
