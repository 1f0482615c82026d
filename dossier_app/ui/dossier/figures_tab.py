"""The Key figures tab: the table, a chart of the figures sharing a unit, the selected figure."""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from functools import partial

from PySide6.QtCharts import (
    QAbstractAxis,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QLogValueAxis,
    QScatterSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QDate, QDateTime, QEvent, QMargins, QPoint, QPointF, Qt, QTime, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import PartialDate
from ...domain.formatting import format_figure_value, format_number, reflow
from ...domain.model import Figure
from ..document import DossierDocument
from ..models.figures import FLAGS_COLUMN, FiguresModel
from ..settings import remember_splitter
from ..widgets.text import html_literal, muted, plain_label, set_tooltip, tooltip
from .common import (
    DetailPane,
    ItemTable,
    filter_edit,
    focus_filter_edit,
    list_detail_splitter,
    tab_page_layout,
)
from .flag_widgets import COLUMN_WIDTH, FlagFilterCombo, FlagsDelegate, add_flags, column_floor

SERIES_COLOURS = ("#2F5F9E", "#E07B00", "#3A9D5D", "#B0413E", "#7A5BA6", "#3C8DAD", "#8C6D31")
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))


def _midpoint(date: PartialDate) -> QDateTime:
    """Where a partial date sits on a time axis: the middle of what it may mean."""
    first, last = date.first_day(), date.last_day()
    mid = first + (last - first) / 2
    return _qdatetime(mid)


def _qdatetime(day: _dt.date) -> QDateTime:
    return QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0))


def chart_units(figures: list[Figure]) -> list[str]:
    """Units that have at least one dated figure, the most used first."""
    counts = Counter(f.unit for f in figures if f.as_of is not None)
    return [u for u, _n in counts.most_common()]


#: How close (in pixels) the pointer must come to a point to show or pick its figure.
HIT_RADIUS = 10


class ChartPoint:
    """One figure drawn on the chart: its series, its place in it, and its values."""

    __slots__ = ("figure", "index", "series", "text", "x", "y")

    def __init__(
        self, figure: Figure, series: QLineSeries, index: int, x: float, y: float, text: str
    ) -> None:
        self.figure, self.series, self.index = figure, series, index
        self.x, self.y, self.text = x, y, text


class _ChartView(QChartView):
    """The chart's view: the pointer over a point shows its figure, a click picks it."""

    def __init__(self, chart: QChart, owner: FigureChart) -> None:
        super().__init__(chart, owner)
        self._owner = owner
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._owner.hover_at(event.position().toPoint())
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._owner.click_at(
            event.position().toPoint()
        ):
            event.accept()
            return
        super().mousePressEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._owner.hover_at(None)
        super().leaveEvent(event)


class FigureChart(QWidget):
    """Figures of one unit over their as-of dates; one line per label.

    Hovering a point shows its figure; clicking it emits ``figureClicked``; the
    figure selected in the table is drawn selected (``set_selected``).
    """

    #: The user clicked the point of this figure (its id).
    figureClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit_combo = QComboBox(self)
        self.unit_combo.setObjectName("chartUnit")
        self.unit_combo.setMinimumContentsLength(8)
        self.note = muted(plain_label("", self, object_name="chartNote"))
        # The note (with its tooltip) gives way in a narrow window rather than widen it.
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setMargins(QMargins(6, 6, 6, 6))
        self.chart.setBackgroundRoundness(0)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.view = _ChartView(self.chart, self)
        self.view.setObjectName("figureChart")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(180)
        self.empty = muted(plain_label("", self, wrap=True))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        top = QHBoxLayout()
        top.addWidget(plain_label("Chart of figures in", self))
        top.addWidget(self.unit_combo)
        top.addSpacing(8)
        top.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

        self._figures: list[Figure] = []
        self.points: list[ChartPoint] = []
        self._selected: str | None = None
        self._labels: list[str] = []
        self._stale = False
        self.unit_combo.currentIndexChanged.connect(self._redraw)

    def set_figures(self, figures: list[Figure]) -> None:
        self._figures = list(figures)
        current = self.unit_combo.currentData()
        units = chart_units(self._figures)
        self.unit_combo.blockSignals(True)
        try:
            self.unit_combo.clear()
            for unit in units:
                self.unit_combo.addItem(unit, unit)
            index = self.unit_combo.findData(current) if current else -1
            self.unit_combo.setCurrentIndex(index if index >= 0 else 0)
        finally:
            self.unit_combo.blockSignals(False)
        self.unit_combo.setEnabled(len(units) > 1)
        self._redraw()

    def unit(self) -> str | None:
        data = self.unit_combo.currentData()
        return str(data) if data else None

    def series_names(self) -> list[str]:
        """The labels of the lines drawn (one per label), as the legend shows them."""
        return list(self._labels)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._redraw()

    def _redraw(self, *_args: object) -> None:
        if not self.isVisible():
            # Drawn when first shown: a hidden tab's chart costs nothing on open or edit.
            self._stale = True
            return
        self._stale = False
        chart = self.chart
        chart.removeAllSeries()
        self._labels = []
        for axis in chart.axes():
            chart.removeAxis(axis)
        unit = self.unit()
        if unit is None:
            self.note.setText("")
            self.empty.setText(
                "No key figures to chart: a figure needs an as-of date to be placed in time."
                if self._figures
                else "No key figures yet."
            )
            self.stack.setCurrentWidget(self.empty)
            return
        same_unit = [f for f in self._figures if f.unit == unit]
        dated = [f for f in same_unit if f.as_of is not None]
        undated = len(same_unit) - len(dated)
        n = len(dated)
        note = f"{n} figure{'s' if n != 1 else ''} charted"
        if undated:
            note += f"; {undated} without an as-of date left out"
        self.note.setText(note)
        set_tooltip(self.note, note)

        values = [float(f.value) for f in dated]
        biggest = max((abs(v) for v in values), default=0.0)
        factor, word = next(((f, w) for f, w in _SCALES if biggest >= f), (1.0, ""))
        positive = all(v > 0 for v in values)
        log = positive and min(values) > 0 and max(values) / min(values) >= 100

        y_axis: QAbstractAxis
        caption = f"{unit} {word}".strip() if word else unit
        low, high = min(values) / factor, max(values) / factor
        if log:
            log_axis = QLogValueAxis()
            log_axis.setBase(10)
            log_axis.setLabelFormat("%g")
            log_axis.setTitleText(html_literal(f"{caption} (log scale)"))
            log_axis.setRange(low / 4, high * 4)
            y_axis = log_axis

            def lift(y: float) -> float:
                return y * 1.6

        else:
            value_axis = QValueAxis()
            value_axis.setLabelFormat("%g")
            value_axis.setTitleText(html_literal(caption))
            value_axis.setRange(min(0.0, low), high * 1.25 if high > 0 else 1.0)
            value_axis.applyNiceNumbers()
            y_axis = value_axis
            step = (value_axis.max() - value_axis.min()) * 0.05

            def lift(y: float) -> float:
                return y + step

        by_label: dict[str, list[Figure]] = {}
        for f in dated:
            by_label.setdefault(f.label, []).append(f)
        self.points = []
        label_series: list[QScatterSeries] = []
        for i, (label, figs) in enumerate(by_label.items()):
            colour = QColor(SERIES_COLOURS[i % len(SERIES_COLOURS)])
            series = QLineSeries()
            series.setName(html_literal(label))  # legends read HTML
            self._labels.append(label)
            pen = series.pen()
            pen.setColor(colour)
            pen.setWidthF(2.0)
            series.setPen(pen)
            series.setColor(colour)
            series.setPointsVisible(True)
            series.setMarkerSize(8)
            series.setSelectedColor(colour.darker(160))
            # Value labels ride on an invisible twin a little above each point, so
            # they never sit on the marker (QtCharts has no label offset).
            labels = QScatterSeries()
            labels.setMarkerSize(1)
            labels.setColor(Qt.GlobalColor.transparent)
            labels.setBorderColor(Qt.GlobalColor.transparent)
            labels.setPointLabelsVisible(True)
            labels.setPointLabelsClipping(False)
            labels.setPointLabelsColor(QColor("#26303D"))
            figs = sorted(figs, key=lambda f: f.as_of.sort_key if f.as_of else (0, 0, 0))
            for j, f in enumerate(figs):
                assert f.as_of is not None
                x = float(_midpoint(f.as_of).toMSecsSinceEpoch())
                y = float(f.value) / factor
                text = format_figure_value(f)
                series.append(x, y)
                labels.append(x, lift(y))
                labels.setPointConfiguration(j, QXYSeries.PointConfiguration.LabelFormat, text)
                tip = f"{f.label}\n{text}, as of {f.as_of.display()}\nClick to select it."
                self.points.append(ChartPoint(f, series, j, x, y, tip))
            chart.addSeries(series)
            chart.addSeries(labels)
            label_series.append(labels)

        x_axis = QDateTimeAxis()
        dates = [f.as_of for f in dated if f.as_of is not None]
        lo = min(d.first_day() for d in dates)
        hi = max(d.last_day() for d in dates)
        pad = max((hi - lo).days // 10, 200)
        start = _dt.date(lo.year, 1, 1) if lo.month == 1 else lo
        lo_d = start - _dt.timedelta(days=pad)
        hi_d = hi + _dt.timedelta(days=pad)
        x_axis.setRange(_qdatetime(lo_d), _qdatetime(hi_d))
        years = hi_d.year - lo_d.year
        x_axis.setFormat("yyyy" if years >= 2 else "MMM yyyy")
        x_axis.setTickCount(min(max(years + 1, 3), 9))
        x_axis.setTitleText("As of")

        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        for axis in (x_axis, y_axis):
            axis.setLabelsFont(small)
            axis.setTitleFont(small)
            axis.setGridLineColor(QColor("#E6E9EE"))
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for each in chart.series():
            each.attachAxis(x_axis)
            each.attachAxis(y_axis)
        legend = chart.legend()
        legend.setVisible(True)
        for labels in label_series:
            for marker in legend.markers(labels):
                marker.setVisible(False)
        self.set_selected(self._selected)
        self.stack.setCurrentWidget(self.view)

    # -- pointing at figures -----------------------------------------------------
    def point_position(self, point: ChartPoint) -> QPoint:
        """Where a point is drawn, in the chart view's viewport."""
        scene = self.chart.mapToPosition(QPointF(point.x, point.y), point.series)
        return self.view.mapFromScene(self.chart.mapToScene(scene))

    def point_at(self, pos: QPoint) -> ChartPoint | None:
        """The point nearest ``pos`` (viewport pixels), if it is within reach."""
        best: ChartPoint | None = None
        best_d = HIT_RADIUS * HIT_RADIUS
        for point in self.points:
            at = self.point_position(point)
            d = (at.x() - pos.x()) ** 2 + (at.y() - pos.y()) ** 2
            if d <= best_d:
                best, best_d = point, d
        return best

    def hover_at(self, pos: QPoint | None) -> None:
        point = self.point_at(pos) if pos is not None else None
        viewport = self.view.viewport()
        if point is None:
            viewport.unsetCursor()
            QToolTip.hideText()
            return
        viewport.setCursor(Qt.CursorShape.PointingHandCursor)
        assert pos is not None
        QToolTip.showText(viewport.mapToGlobal(pos), tooltip(point.text), viewport)

    def click_at(self, pos: QPoint) -> bool:
        point = self.point_at(pos)
        if point is None:
            return False
        self.figureClicked.emit(point.figure.id)
        return True

    def set_selected(self, figure_id: str | None) -> None:
        """Draw this figure's point selected (none when None or not charted)."""
        self._selected = figure_id
        for series in {id(p.series): p.series for p in self.points}.values():
            series.deselectAllPoints()
        for point in self.points:
            if point.figure.id == figure_id:
                point.series.selectPoint(point.index)

    def selected_figure_id(self) -> str | None:
        """The figure drawn selected, if it is charted."""
        return next(
            (
                p.figure.id
                for p in self.points
                if p.figure.id == self._selected and p.series.isPointSelected(p.index)
            ),
            None,
        )


class FiguresTab(QWidget):
    """Key figures of one dossier."""

    sourceActivated = Signal(str)

    def __init__(self, document: DossierDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = FiguresModel(self)

        self.filter_edit = filter_edit("Filter label, unit, period, note", self)
        self.count_label = muted(plain_label("", self, object_name="figuresCount"))
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        self.flag_combo = FlagFilterCombo(parent=self)
        top.addWidget(self.flag_combo)
        top.addStretch(1)
        top.addWidget(self.count_label)

        self.table = ItemTable(self.model, self)
        self.table.setObjectName("figuresTable")
        # The value stays readable ("about USD 50 million"); the rest gives way first.
        self.table.set_column_widths(
            [None, 190, 90, 80, 120, COLUMN_WIDTH], [None, 120, 40, 48, 40, column_floor()]
        )
        self.table.setItemDelegateForColumn(FLAGS_COLUMN, FlagsDelegate(self.table))
        self.chart = FigureChart(self)
        self.detail = DetailPane("Select a key figure to see its note and sources.", self)
        self.detail.setObjectName("figureDetail")

        self.left = QSplitter(Qt.Orientation.Vertical, self)
        self.left.setObjectName("figuresLeft")
        self.left.addWidget(self.table)
        self.left.addWidget(self.chart)
        self.left.setSizes([200, 440])
        self.left.setChildrenCollapsible(False)
        remember_splitter(self.left, "figuresLeft")
        self.splitter = list_detail_splitter(
            self.left, self.detail, "figuresSplitter", "figures", self
        )
        tab_page_layout(self, top, self.splitter)

        self.filter_edit.textChanged.connect(self.model.set_text_filter)
        self.flag_combo.currentIndexChanged.connect(self._flag_changed)
        self.table.currentItemChanged.connect(self._show_detail)
        self.chart.figureClicked.connect(self._chart_clicked)
        self.model.modelReset.connect(self._rows_changed)
        self.model.layoutChanged.connect(self._rows_changed)
        document.listChanged.connect(self._list_changed)
        self.model.follow(document, ["figures", "sources"])
        self.table.enable_sorting(-1)
        self._rows_changed()
        self.detail.show_empty()

    # -- public API -------------------------------------------------------------
    def selected_figure(self) -> Figure | None:
        item = self.table.current_item()
        return item if isinstance(item, Figure) else None

    def select_figure(self, figure_id: str) -> bool:
        return self.table.reveal_id(figure_id, self.clear_filters)

    def clear_filters(self) -> None:
        self.filter_edit.clear()
        self.flag_combo.set_flag(None)

    def show_flagged(self, flag: str | None) -> None:
        """Filter by a corroboration flag (``NEEDS_CORROBORATION``: any; None: all)."""
        self.flag_combo.set_flag(flag)

    def _flag_changed(self, _index: int) -> None:
        self.model.set_flag_filter(self.flag_combo.flag())

    def focus_filter(self) -> None:
        focus_filter_edit(self.filter_edit)

    def count_text(self) -> str:
        return self.table.count_text()

    # -- internals --------------------------------------------------------------
    def _list_changed(self, name: str) -> None:
        if name == "sources":
            self._show_detail(self.selected_figure())

    def _rows_changed(self, *_args: object) -> None:
        self.count_label.setText(self.count_text())
        self.table.empty_text = (
            "No key figures yet."
            if self.model.total_count() == 0
            else "No key figures match the filter."
        )
        self.chart.set_figures(self.model.visible_items())

    def _chart_clicked(self, figure_id: str) -> None:
        if self.select_figure(figure_id):
            self.table.setFocus(Qt.FocusReason.MouseFocusReason)

    def _show_detail(self, item: object) -> None:
        pane = self.detail
        figure = item if isinstance(item, Figure) else None
        self.chart.set_selected(figure.id if figure is not None else None)
        if figure is None:
            pane.show_empty()
            return
        pane.clear()
        pane.add_title(figure.label)
        value = pane.add_line(format_figure_value(figure))
        font = QFont(value.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        value.setFont(font)
        pane.add_field("Period", figure.period or "")
        pane.add_field("As of", figure.as_of.display() if figure.as_of else "")
        pane.add_field("Qualifier", figure.effective_qualifier)
        add_flags(pane, self.model.claim_flags.of(figure))
        pane.add_field(
            "Recorded value", f"{format_number(figure.value, scale_words=False)} {figure.unit}"
        )
        if figure.note:
            pane.add_heading("Note")
            pane.add_line(reflow(figure.note))
        pane.add_heading(f"Sources ({len(figure.sources)})" if figure.sources else "Sources")
        if not figure.sources:
            pane.add_line("No source cited.", muted_text=True)
        dossier = self.document.dossier
        for sid in figure.sources:
            source = dossier.source(sid)
            if source is None:
                pane.add_line(f"{sid} (no such source)", muted_text=True)
                continue
            link = pane.add_link(
                source.title, partial(self.sourceActivated.emit, sid), source.publisher or ""
            )
            link.setObjectName(f"sourceLink:{sid}")
        pane.add_field("ID", figure.id)
        pane.finish()
