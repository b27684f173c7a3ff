"""A bar chart of points issued, spent and expired per period (QtCharts): three bars per week."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

COLORS = ("#2563eb", "#16a34a", "#d97706")  # issued, spent, expired


class FlowChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self._chart = chart

    def set_flows(self, labels: Sequence[str], series: Sequence[tuple[str, Sequence[int]]]
                  ) -> None:
        """``series``: (name, one value per label), drawn side by side per label."""
        chart = self._chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        bars = QBarSeries()
        everything = sorted((v for _, values in series for v in values), reverse=True)
        top = everything[0] if everything else 0
        second = everything[1] if len(everything) > 1 else 0
        # one freak week (the first expiry of a year's opening balances) would flatten every
        # other bar: the axis follows the rest, the freak is said in the title
        clipped = second > 0 and top > 4 * second
        chart.setTitle(self.tr("有一周的数值（{v}）超出图表范围，见右侧表格").format(v=f"{top:,}")
                       if clipped else "")
        if clipped:
            top = int(second * 1.25)
        for (name, values), color in zip(series, COLORS, strict=False):
            bar = QBarSet(name)
            bar.setColor(QColor(color))
            bar.setBorderColor(QColor(color))
            for v in values:
                bar.append(float(v))
            bars.append(bar)
        chart.addSeries(bars)
        x = QBarCategoryAxis()
        x.append(list(labels))
        x.setTruncateLabels(False)  # "11/30" fits; Qt would cut it to "1…" at 12 categories
        font = x.labelsFont()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        x.setLabelsFont(font)
        y = QValueAxis()
        y.setRange(0, _nice(top))
        y.setLabelFormat("%d")
        y.setTickCount(5)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(x)
        bars.attachAxis(y)

    def bar_values(self) -> list[list[float]]:
        """What is drawn, per series (tests)."""
        out: list[list[float]] = []
        for s in self._chart.series():
            if isinstance(s, QBarSeries):
                out.extend([[b.at(i) for i in range(b.count())] for b in s.barSets()])
        return out


def _nice(top: int) -> float:
    """An axis maximum a person reads easily: 1, 2 or 5 times a power of ten, at or above
    ``top``, divisible into the four intervals of the axis."""
    if top <= 0:
        return 4.0
    step = 1
    while True:
        for m in (1, 2, 5):
            if m * step * 4 >= top:
                return float(m * step * 4)
        step *= 10
