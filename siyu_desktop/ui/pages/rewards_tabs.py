"""积分 → 奖品目录 and 兑换记录: two tabs the 积分 page hosts.

``CatalogTab``: the catalog (name, kind, points, cash, stock left, per-member limit, validity,
on the shelf or not) with buttons to add and edit an item, import a coupon's codes, and take an
item off the shelf. ``RedemptionsTab``: the redemptions with a status filter, a row to redeem an
item for a member id, and buttons to issue or cancel the selected one.

Layout only: ``RewardsController`` fills them, listens to their signals and owns every await.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain import rewards as R
from .. import labels
from ..models.record_model import ColumnSpec, RecordTableModel
from ..models.roster_model import RecordRole, SortRole
from ..widgets.tables import fit_columns, record_table

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = 86400


def _table(model: QAbstractItemModel, name: str) -> tuple[QSortFilterProxyModel, QTableView]:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    return proxy, record_table(proxy, object_name=name)


def _stacked(table: QTableView, empty_text: str) -> tuple[QStackedWidget, QLabel]:
    stack = QStackedWidget()
    stack.addWidget(table)
    empty = QLabel(empty_text)
    empty.setObjectName("hintLabel")
    empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
    empty.setWordWrap(True)
    stack.addWidget(empty)
    return stack, empty


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageTitle")
    return label


class CatalogTab(QWidget):
    add_requested = Signal()
    edit_requested = Signal(int)  # item id
    import_codes_requested = Signal(int)  # item id (a coupon)
    shelf_requested = Signal(int, bool)  # item id, on the shelf afterwards

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz = SHANGHAI
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.setSpacing(8)
        head = QHBoxLayout()
        head.addWidget(_title(self.tr("奖品目录")))
        self.summary = QLabel(self.tr("正在加载…"))
        self.summary.setObjectName("hintLabel")
        head.addWidget(self.summary, 1)
        self.add_button = QPushButton(self.tr("新增奖品"))
        self.add_button.setObjectName("rewardAdd")
        self.edit_button = QPushButton(self.tr("编辑"))
        self.edit_button.setObjectName("rewardEdit")
        self.codes_button = QPushButton(self.tr("导入券码…"))
        self.codes_button.setObjectName("rewardImportCodes")
        self.codes_button.setToolTip(self.tr("从 Excel 或 CSV 导入优惠券的券码：一列券码，表头可有可无；"
                                             "每个券码只会发出一次。"))
        self.shelf_button = QPushButton(self.tr("下架"))
        self.shelf_button.setObjectName("rewardShelf")
        for b in (self.add_button, self.edit_button, self.codes_button, self.shelf_button):
            head.addWidget(b)
        layout.addLayout(head)

        columns: list[ColumnSpec[R.Item]] = [
            ColumnSpec(self.tr("名称"), lambda i: i.name, tooltip=True),
            ColumnSpec(self.tr("类型"), lambda i: labels.reward_kind_name(i.kind)),
            ColumnSpec(self.tr("积分"), lambda i: f"{i.points:,}", sort=lambda i: i.points,
                       align_right=True),
            ColumnSpec(self.tr("另付现金"), lambda i: labels.fmt_yuan(i.cash_fen),
                       sort=lambda i: i.cash_fen, align_right=True),
            ColumnSpec(self.tr("剩余"), self._left, sort=lambda i: -1 if i.left is None else i.left,
                       align_right=True),
            ColumnSpec(self.tr("每人限兑"), self._limit, sort=lambda i: i.per_member or 0,
                       align_right=True),
            ColumnSpec(self.tr("有效期"), self._validity,
                       sort=lambda i: (i.valid_until or 2**40, i.valid_from or 0)),
            ColumnSpec(self.tr("状态"), self._state, sort=lambda i: not i.active),
        ]
        self.model: RecordTableModel[R.Item] = RecordTableModel(columns, self)
        self.proxy, self.table = _table(self.model, "rewardItems")
        # the store's order (on the shelf first, then as added) until a header is clicked
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        fit_columns(self.table, {0: 200, 1: 90, 2: 80, 3: 80, 4: 150, 5: 80, 6: 170, 7: 70},
                    {1: [labels.reward_kind_name(k) for k in R.ItemKind]})
        self.stack, self.empty = _stacked(self.table, self.tr(
            "还没有奖品。点“新增奖品”添加优惠券、实物或积分+现金的奖品。"))
        layout.addWidget(self.stack, 1)
        self.detail = QLabel("")
        self.detail.setObjectName("hintLabel")
        self.detail.setWordWrap(True)
        layout.addWidget(self.detail)

        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(lambda: self._with_current(self.edit_requested.emit))
        self.codes_button.clicked.connect(
            lambda: self._with_current(self.import_codes_requested.emit))
        self.shelf_button.clicked.connect(self._shelf_clicked)
        self.table.doubleClicked.connect(lambda *_: self._with_current(self.edit_requested.emit))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self._selected()

    # -- cells ---------------------------------------------------------------------------------
    def _left(self, i: R.Item) -> str:
        if i.left is None:
            return self.tr("不限")
        if i.kind is R.ItemKind.COUPON:
            return self.tr("{left} / {total} 码").format(left=f"{i.left:,}",
                                                        total=f"{i.codes_total:,}")
        return f"{i.left:,}"

    def _limit(self, i: R.Item) -> str:
        return self.tr("不限") if i.per_member is None else self.tr("{n} 次").format(n=i.per_member)

    def _validity(self, i: R.Item) -> str:
        if i.valid_from is None and i.valid_until is None:
            return self.tr("长期有效")
        start = labels.fmt_time(i.valid_from, False, self.tz) if i.valid_from else ""
        end = labels.fmt_time(i.valid_until - 1, False, self.tz) if i.valid_until else ""
        if not start:
            return self.tr("至 {end}").format(end=end)
        if not end:
            return self.tr("{start} 起").format(start=start)
        return f"{start} ~ {end}"

    def _state(self, i: R.Item) -> str:
        return self.tr("上架") if i.active else self.tr("已下架")

    # -- filled by the controller --------------------------------------------------------------
    def set_items(self, items: Sequence[R.Item], tz: ZoneInfo | None = None) -> None:
        keep = self.current_item()
        if tz is not None:
            self.tz = tz
        self.model.set_records(items)
        self.stack.setCurrentIndex(0 if items else 1)
        active = sum(1 for i in items if i.active)
        self.summary.setText(self.tr("{n} 个奖品，{k} 个上架").format(n=len(items), k=active))
        if keep is not None:
            self.select(keep.id)
        self._selected()

    def select(self, item_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RecordRole).id == item_id:
                self.table.setCurrentIndex(index)
                return True
        return False

    def current_item(self) -> R.Item | None:
        index = self.table.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def _with_current(self, emit: Callable[[int], object]) -> None:
        item = self.current_item()
        if item is not None:
            emit(item.id)

    def _shelf_clicked(self) -> None:
        item = self.current_item()
        if item is not None:
            self.shelf_requested.emit(item.id, not item.active)

    def _selected(self) -> None:
        item = self.current_item()
        self.edit_button.setEnabled(item is not None)
        self.shelf_button.setEnabled(item is not None)
        self.codes_button.setEnabled(item is not None and item.kind is R.ItemKind.COUPON)
        self.shelf_button.setText(self.tr("上架") if item is not None and not item.active
                                  else self.tr("下架"))
        if item is None:
            self.detail.setText(self.tr("选择一个奖品进行编辑；优惠券可以导入券码。"))
        elif item.kind is R.ItemKind.COUPON:
            self.detail.setText(self.tr("“{name}”：共导入 {total} 个券码，{free} 个尚未发出。每个券码"
                                        "只发一次；取消的兑换会把券码放回。").format(
                name=item.name, total=f"{item.codes_total:,}", free=f"{item.codes_free:,}"))
        else:
            self.detail.setText(item.description or self.tr("“{name}”：兑换后扣积分，发货后点“发放”。")
                                .format(name=item.name))


class RedemptionsTab(QWidget):
    status_changed = Signal(str)  # "" for every status, else pending / issued / cancelled
    member_changed = Signal(int)  # member id typed for a redemption (0: none)
    redeem_requested = Signal(int, int)  # item id, member id
    issue_requested = Signal(int)  # redemption id
    cancel_requested = Signal(int)  # redemption id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz = SHANGHAI
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.setSpacing(8)
        head = QHBoxLayout()
        head.addWidget(_title(self.tr("兑换记录")))
        self.summary = QLabel(self.tr("正在加载…"))
        self.summary.setObjectName("hintLabel")
        head.addWidget(self.summary, 1)
        head.addWidget(QLabel(self.tr("状态：")))
        self.status = QComboBox()
        self.status.setObjectName("redemptionStatus")
        self.status.addItem(self.tr("全部"), "")
        for s in R.Status:
            self.status.addItem(labels.redemption_status_name(s), str(s))
        self.status.currentIndexChanged.connect(lambda _i: self.status_changed.emit(
            self.current_status()))
        head.addWidget(self.status)
        layout.addLayout(head)

        redeem = QHBoxLayout()
        redeem.addWidget(QLabel(self.tr("为客户兑换：")))
        self.item = QComboBox()
        self.item.setObjectName("redeemItem")
        self.item.setMinimumWidth(220)
        redeem.addWidget(self.item)
        self.member = QLineEdit()
        self.member.setObjectName("redeemMember")
        self.member.setPlaceholderText(self.tr("客户编号"))
        self.member.setValidator(QIntValidator(1, 2_000_000_000, self.member))
        self.member.setMaximumWidth(120)
        redeem.addWidget(self.member)
        self.member_info = QLabel("")
        self.member_info.setObjectName("redeemMemberInfo")
        self.redeem_button = QPushButton(self.tr("兑换"))
        self.redeem_button.setObjectName("redeemButton")
        redeem.addWidget(self.redeem_button)
        redeem.addWidget(self.member_info, 1)
        layout.addLayout(redeem)

        columns: list[ColumnSpec[R.Redemption]] = [
            ColumnSpec(self.tr("编号"), lambda r: f"#{r.id}", sort=lambda r: r.id,
                       align_right=True),
            ColumnSpec(self.tr("兑换时间"), lambda r: labels.fmt_time(r.created_at, True, self.tz),
                       sort=lambda r: r.created_at),
            ColumnSpec(self.tr("客户"), lambda r: f"{r.member_name}（{r.member_id}）"
                       if r.member_name else str(r.member_id), sort=lambda r: r.member_id),
            ColumnSpec(self.tr("奖品"), lambda r: r.item_name, tooltip=True),
            ColumnSpec(self.tr("积分"), lambda r: f"{r.points:,}", sort=lambda r: r.points,
                       align_right=True),
            ColumnSpec(self.tr("另付现金"), lambda r: labels.fmt_yuan(r.cash_fen),
                       sort=lambda r: r.cash_fen, align_right=True),
            ColumnSpec(self.tr("状态"), lambda r: labels.redemption_status_name(r.status)),
            ColumnSpec(self.tr("券码"), lambda r: r.code),
            ColumnSpec(self.tr("处理时间"), lambda r: labels.fmt_time(
                r.issued_at or r.cancelled_at, True, self.tz),
                       sort=lambda r: r.issued_at or r.cancelled_at or 0),
            ColumnSpec(self.tr("备注"), lambda r: r.note, tooltip=True),
        ]
        self.model: RecordTableModel[R.Redemption] = RecordTableModel(columns, self)
        self.proxy, self.table = _table(self.model, "redemptions")
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setStretchLastSection(True)  # 备注 takes what is left
        fit_columns(self.table, {0: 60, 1: 130, 2: 140, 3: 140, 4: 60, 5: 70, 6: 64, 7: 120,
                                 8: 130},
                    {6: [labels.redemption_status_name(s) for s in R.Status]})
        self.stack, self.empty = _stacked(self.table, self.tr(
            "没有兑换记录。在上面选一个奖品、填客户编号，点“兑换”。"))
        layout.addWidget(self.stack, 1)

        foot = QHBoxLayout()
        self.detail = QLabel("")
        self.detail.setObjectName("hintLabel")
        self.detail.setWordWrap(True)
        foot.addWidget(self.detail, 1)
        self.issue_button = QPushButton(self.tr("发放"))
        self.issue_button.setObjectName("redemptionIssue")
        self.cancel_button = QPushButton(self.tr("取消兑换"))
        self.cancel_button.setObjectName("redemptionCancel")
        foot.addWidget(self.issue_button)
        foot.addWidget(self.cancel_button)
        layout.addLayout(foot)

        self.redeem_button.clicked.connect(self._redeem_clicked)
        self.member.returnPressed.connect(self._redeem_clicked)
        self.member.textChanged.connect(lambda _t: self.member_changed.emit(self.member_id()))
        self.item.currentIndexChanged.connect(lambda _i: self._can_redeem())
        self.issue_button.clicked.connect(lambda: self._with_current(self.issue_requested.emit))
        self.cancel_button.clicked.connect(lambda: self._with_current(self.cancel_requested.emit))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self._selected()
        self._can_redeem()

    # -- filled by the controller --------------------------------------------------------------
    def current_status(self) -> str:
        return str(self.status.currentData())

    def set_items(self, items: Sequence[R.Item]) -> None:
        """The items a member can be given now (on the shelf)."""
        keep = self.current_item_id()
        self.item.clear()
        for it in items:
            price = self.tr("{points} 积分").format(points=f"{it.points:,}")
            if it.cash_fen:
                price += " + " + labels.fmt_yuan(it.cash_fen)
            self.item.addItem(f"{it.name} · {price}", it.id)
        if keep:
            index = self.item.findData(keep)
            if index >= 0:
                self.item.setCurrentIndex(index)
        self._can_redeem()

    def set_redemptions(self, rows: Sequence[R.Redemption], pending: int, issued: int,
                        cancelled: int, tz: ZoneInfo | None = None) -> None:
        keep = self.current_redemption()
        if tz is not None:
            self.tz = tz
        self.model.set_records(rows)
        self.stack.setCurrentIndex(0 if rows else 1)
        self.summary.setText(self.tr("待发放 {p} · 已发放 {i} · 已取消 {c}").format(
            p=f"{pending:,}", i=f"{issued:,}", c=f"{cancelled:,}"))
        if keep is not None:
            self.select(keep.id)
        self._selected()

    def set_member_info(self, text: str) -> None:
        self.member_info.setText(text)

    def select(self, redemption_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RecordRole).id == redemption_id:
                self.table.setCurrentIndex(index)
                return True
        return False

    def current_redemption(self) -> R.Redemption | None:
        index = self.table.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def current_item_id(self) -> int:
        data = self.item.currentData()
        return int(data) if data is not None else 0

    def member_id(self) -> int:
        text = self.member.text().strip()
        return int(text) if text.isdigit() else 0

    def _can_redeem(self) -> None:
        self.redeem_button.setEnabled(self.current_item_id() > 0)

    def _redeem_clicked(self) -> None:
        if self.current_item_id() and self.member_id():
            self.redeem_requested.emit(self.current_item_id(), self.member_id())
        elif not self.member_id():
            self.set_member_info(self.tr("请先填客户编号。"))
            self.member.setFocus()

    def _with_current(self, emit: Callable[[int], object]) -> None:
        r = self.current_redemption()
        if r is not None and r.status is R.Status.PENDING:
            emit(r.id)

    def _selected(self) -> None:
        r = self.current_redemption()
        pending = r is not None and r.status is R.Status.PENDING
        self.issue_button.setEnabled(pending)
        self.cancel_button.setEnabled(pending)
        if r is None:
            self.detail.setText(self.tr("选择一条待发放的兑换，发货或发券后点“发放”；不能兑现的点"
                                        "“取消兑换”，积分会原路退回。"))
        elif r.status is R.Status.PENDING:
            self.detail.setText(self.tr("#{id} {member} 兑换“{item}”，已扣 {points} 积分，等待发放。")
                                .format(id=r.id, member=r.member_name or r.member_id,
                                        item=r.item_name, points=f"{r.points:,}"))
        elif r.status is R.Status.ISSUED:
            code = self.tr("券码 {code}。").format(code=r.code) if r.code else ""
            self.detail.setText(self.tr("#{id} 已于 {at} 发放。").format(
                id=r.id, at=labels.fmt_time(r.issued_at, True, self.tz)) + code)
        else:
            self.detail.setText(self.tr("#{id} 已于 {at} 取消，{points} 积分已退回。").format(
                id=r.id, at=labels.fmt_time(r.cancelled_at, True, self.tz),
                points=f"{r.points:,}"))
