"""The import window: file and sheet, the column mapping, the preview, then import with progress.

A dumb, non-modal widget: it shows what the controller gives it and emits what the operator asks
for. File dialogs are opened with ``open()`` (never ``exec()``) and report through signals.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..models.mapping_model import COL_FIELD, FieldDelegate, MappingModel
from ..models.record_model import ColumnSpec, RecordTableModel

FILE_FILTER = "表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;所有文件 (*)"


class ImportDialog(QDialog):
    file_chosen = Signal(str)
    sheet_chosen = Signal(str)
    import_requested = Signal()
    cancel_requested = Signal()
    rejects_requested = Signal(str)  # target path
    template_requested = Signal(str)  # target path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入客户名单"))
        self.setModal(False)
        self.resize(980, 720)
        self._file_dialog: QFileDialog | None = None
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("请选择要导入的 Excel 或 CSV 文件"))
        self.choose_button = QPushButton(self.tr("选择文件…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton(self.tr("下载导入模板…"))
        self.template_button.clicked.connect(self._choose_template_target)
        top.addWidget(QLabel(self.tr("文件：")))
        top.addWidget(self.path_edit, 1)
        top.addWidget(self.choose_button)
        top.addWidget(self.template_button)
        layout.addLayout(top)

        sheet_row = QHBoxLayout()
        self.sheet_combo = QComboBox()
        self.sheet_combo.setMinimumWidth(220)
        self.sheet_combo.activated.connect(
            lambda i: self.sheet_chosen.emit(str(self.sheet_combo.itemData(i))))
        self.header_label = QLabel()
        self.header_label.setStyleSheet("color: palette(mid);")
        sheet_row.addWidget(QLabel(self.tr("工作表：")))
        sheet_row.addWidget(self.sheet_combo)
        sheet_row.addWidget(self.header_label, 1)
        layout.addLayout(sheet_row)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("列对应（点「导入为」一栏可修改）")))
        self.mapping_model = MappingModel(self)
        self.mapping_view = QTableView()
        self.mapping_view.setModel(self.mapping_model)
        self.mapping_view.setItemDelegateForColumn(COL_FIELD, FieldDelegate(self.mapping_model, self))
        self.mapping_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.mapping_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.mapping_view.verticalHeader().setVisible(False)
        header = self.mapping_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        left_layout.addWidget(self.mapping_view)
        split.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        counts = QGridLayout()
        self.count_labels: dict[str, QLabel] = {}
        for i, (key, title) in enumerate((("new", self.tr("新增")), ("updated", self.tr("更新")),
                                          ("unchanged", self.tr("不变")),
                                          ("rejected", self.tr("有问题")))):
            number = QLabel("–")
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            number.setStyleSheet("font-size: 20px; font-weight: bold;")
            caption = QLabel(title)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            counts.addWidget(number, 0, i)
            counts.addWidget(caption, 1, i)
            self.count_labels[key] = number
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setLayout(counts)
        right_layout.addWidget(frame)
        self.summary = QLabel(self.tr("选择文件后，这里会显示导入将带来的变化。导入前不会修改任何数据。"))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        right_layout.addWidget(self.summary)
        self.problems_title = QLabel(self.tr("有问题的行（不会导入）"))
        right_layout.addWidget(self.problems_title)
        self.problems_model: RecordTableModel[tuple[int, str]] = RecordTableModel([
            ColumnSpec(self.tr("行"), lambda r: str(r[0]), sort=lambda r: r[0], align_right=True),
            ColumnSpec(self.tr("原因"), lambda r: r[1], tooltip=True),
        ], self)
        self.problems_view = QTableView()
        self.problems_view.setModel(self.problems_model)
        self.problems_view.verticalHeader().setVisible(False)
        self.problems_view.horizontalHeader().setStretchLastSection(True)
        self.problems_view.setWordWrap(False)
        right_layout.addWidget(self.problems_view, 1)
        split.addWidget(right)
        split.setSizes([440, 540])
        layout.addWidget(split, 1)

        status = QHBoxLayout()
        self.status_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.cancel_button.hide()
        status.addWidget(self.status_label, 1)
        status.addWidget(self.progress, 1)
        status.addWidget(self.cancel_button)
        layout.addLayout(status)

        buttons = QHBoxLayout()
        self.rejects_button = QPushButton(self.tr("保存错误行…"))
        self.rejects_button.setToolTip(self.tr("把有问题的行连同原因另存为 Excel，改好后可以再次导入"))
        self.rejects_button.clicked.connect(self._choose_rejects_target)
        self.import_button = QPushButton(self.tr("导入"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_requested)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.rejects_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.set_preview(None)

    # -- what the operator asks for ------------------------------------------------------------
    def set_path(self, path: str) -> None:
        """Choose a file without the file dialog (tests, drag and drop, "import again")."""
        self.file_chosen.emit(path)

    def choose_file(self) -> None:
        self._open_file_dialog(self.tr("选择要导入的文件"), FILE_FILTER, save=False,
                               chosen=self.file_chosen.emit)

    def _choose_rejects_target(self) -> None:
        self._open_file_dialog(self.tr("保存错误行"), "Excel (*.xlsx)", save=True,
                               chosen=self.rejects_requested.emit, name=self.tr("未导入的行.xlsx"))

    def _choose_template_target(self) -> None:
        self._open_file_dialog(self.tr("保存导入模板"), "Excel (*.xlsx)", save=True,
                               chosen=self.template_requested.emit, name=self.tr("客户名单模板.xlsx"))

    def _open_file_dialog(self, title: str, filters: str, *, save: bool,
                          chosen: object, name: str = "") -> None:
        dialog = QFileDialog(self, title, name, filters)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save
                             else QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile if save
                           else QFileDialog.FileMode.ExistingFile)
        if save:
            dialog.setDefaultSuffix("xlsx")
        dialog.fileSelected.connect(chosen)
        dialog.finished.connect(lambda *_: dialog.deleteLater())
        self._file_dialog = dialog
        dialog.open()

    # -- what the controller shows -------------------------------------------------------------
    def set_file(self, path: str, sheets: Sequence[tuple[str, bool]], current: str) -> None:
        self.path_edit.setText(path)
        self.sheet_combo.clear()
        for name, hidden in sheets:
            self.sheet_combo.addItem(self.tr("{name}（隐藏）").format(name=name) if hidden else name,
                                     name)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(current)))

    def set_preview(self, counts: dict[str, int] | None, lines: Sequence[str] = (),
                    problems: Sequence[tuple[int, str]] = (), header_text: str = "",
                    can_commit: bool = False) -> None:
        for key, label in self.count_labels.items():
            label.setText("–" if counts is None else f"{counts.get(key, 0):,}")
        rejected = (counts or {}).get("rejected", 0)
        self.count_labels["rejected"].setStyleSheet(
            "font-size: 20px; font-weight: bold;" + (" color: #c0392b;" if rejected else ""))
        if counts is not None:
            self.summary.setText("\n".join(lines))
        self.header_label.setText(header_text)
        self.problems_model.set_records(list(problems))
        self.problems_view.resizeColumnToContents(0)
        shown = len(problems)
        self.problems_title.setText(
            self.tr("有问题的行（不会导入）：共 {n} 行，显示前 {m} 行").format(n=f"{rejected:,}", m=shown)
            if rejected > shown else self.tr("有问题的行（不会导入）"))
        self.rejects_button.setEnabled(rejected > 0)
        self.import_button.setEnabled(can_commit)
        self.import_button.setText(
            self.tr("导入 {n} 位客户").format(n=f"{(counts or {}).get('new', 0) + (counts or {}).get('updated', 0):,}")
            if can_commit else self.tr("导入"))

    def set_busy(self, text: str, *, cancellable: bool = True, writing: bool = False) -> None:
        """Long work running: progress visible, inputs that would start other work disabled."""
        self.status_label.setText(text)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.setEnabled(True)
        self.import_button.setEnabled(False)
        self.rejects_button.setEnabled(False)
        for widget in self._inputs():
            widget.setEnabled(not writing)

    def set_progress(self, text: str, done: int, total: int) -> None:
        self.status_label.setText(text)
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)

    def set_idle(self, text: str = "") -> None:
        self.status_label.setText(text)
        self.progress.hide()
        self.cancel_button.hide()
        for widget in self._inputs():
            widget.setEnabled(True)

    def _inputs(self) -> tuple[QWidget, ...]:
        return (self.choose_button, self.sheet_combo, self.mapping_view)
