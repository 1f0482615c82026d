"""The Timeline tab: filters, the graphical strip, the table and the selected development."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import DateError, PartialDate, display_span
from ...domain.formatting import format_credibility, format_reliability, reflow
from ...domain.model import Development, Source
from ..document import DossierDocument
from ..models.timeline import DATE_COLUMN, FLAGS_COLUMN, TimelineFilter, TimelineModel
from ..settings import remember_splitter
from ..widgets.combos import NarrowCombo
from ..widgets.text import muted, plain_label, set_tooltip, tooltip
from .common import (
    DetailPane,
    ItemTable,
    filter_edit,
    focus_filter_edit,
    list_detail_splitter,
    tab_page_layout,
)
from .flag_widgets import COLUMN_WIDTH, FlagFilterCombo, FlagsDelegate, add_flags, column_floor
from .strip import TimelineStrip

ALL = ""  # the "All tags" / "All sources" entries (combo data is never None)
DATE_HINT = "A year, month or day: 2020, 2020-08 or 2020-08-15"


class DateEdit(QLineEdit):
    """A partial-date box for the date range: empty means open-ended."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(62)
        self.setMaximumWidth(104)
        set_tooltip(self, DATE_HINT)
        self._normal = self.palette()
        self.textChanged.connect(self._show_validity)

    def date(self) -> PartialDate | None:
        """The date typed, or None when empty or not (yet) a date."""
        text = self.text().strip()
        if not text:
            return None
        try:
            return PartialDate.parse(text)
        except DateError:
            return None

    def is_valid(self) -> bool:
        return not self.text().strip() or self.date() is not None

    def _show_validity(self) -> None:
        if self.is_valid():
            self.setPalette(self._normal)
            set_tooltip(self, DATE_HINT)
        else:
            pal = QPalette(self._normal)
            pal.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.red)
            self.setPalette(pal)
            set_tooltip(self, f"Not a date. {DATE_HINT}")


class SourceChoices(QAbstractListModel):
    """The source filter's entries, "All sources" then each source (data: its id).

    A model rather than items added one by one: a dossier with a thousand
    sources opens without making a thousand labels and tooltips first.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sources: list[Source] = []

    def set_sources(self, sources: list[Source]) -> None:
        self.beginResetModel()
        self._sources = list(sources)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._sources) + 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() <= len(self._sources):
            return None
        if index.row() == 0:
            label, source_id = "All sources", ALL
        else:
            s = self._sources[index.row() - 1]
            label = s.title if not s.publisher else f"{s.publisher}: {s.title}"
            source_id = s.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return label
        if role == Qt.ItemDataRole.UserRole:
            return source_id
        if role == Qt.ItemDataRole.ToolTipRole and index.row():
            return tooltip(label)
        return None


class TimelineTab(QWidget):
    """Developments of one dossier, in the format's chronological order by default."""

    #: The user followed a source link of the selected development.
    sourceActivated = Signal(str)
    #: The selected development changed (Development or None).
    developmentSelected = Signal(object)

    def __init__(self, document: DossierDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = TimelineModel(self)

        # -- filters ------------------------------------------------------------
        self.filter_edit = filter_edit("Filter title, summary, tags", self)
        self.tag_combo = NarrowCombo(self)
        self.tag_combo.setObjectName("tagFilter")
        self.tag_combo.setMinimumContentsLength(4)
        self.tag_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source_combo = NarrowCombo(self)
        self.source_combo.setObjectName("sourceFilter")
        self.source_choices = SourceChoices(self)
        self.source_combo.setModel(self.source_choices)
        self.source_combo.setMinimumContentsLength(5)
        self.source_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.flag_combo = FlagFilterCombo(parent=self)
        self.from_edit = DateEdit("From date", self)
        self.to_edit = DateEdit("To date", self)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("Clear every filter")
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self.clear_filters)
        self.count_label = muted(plain_label("", self, object_name="timelineCount"))

        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.filter_edit, 3)
        filters.addWidget(self.tag_combo, 1)
        filters.addWidget(self.source_combo, 2)
        filters.addWidget(self.flag_combo, 1)
        filters.addSpacing(4)
        filters.addWidget(self.from_edit)
        filters.addWidget(plain_label("–", self))
        filters.addWidget(self.to_edit)
        filters.addWidget(self.clear_button)
        filters.addStretch(0)
        filters.addWidget(self.count_label)

        # -- the strip and its zoom buttons ------------------------------------
        self.strip = TimelineStrip(self)
        self.zoom_in_button = self._tool_button("+", "Zoom in (wheel up, +)", self.strip.zoom_in)
        self.zoom_out_button = self._tool_button(
            "−", "Zoom out (wheel down, −)", self.strip.zoom_out
        )
        self.fit_button = self._tool_button(
            "Fit", "Show the whole timeline (0)", self.strip.zoom_fit
        )
        zoom = QVBoxLayout()
        zoom.setSpacing(2)
        for button in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            zoom.addWidget(button)
        zoom.addStretch(1)
        strip_box = QWidget(self)
        strip_row = QHBoxLayout(strip_box)
        strip_row.setContentsMargins(0, 0, 0, 0)
        strip_row.setSpacing(4)
        strip_row.addWidget(self.strip, 1)
        strip_row.addLayout(zoom)

        # -- table and detail ---------------------------------------------------
        self.table = ItemTable(self.model, self)
        self.table.setObjectName("timelineTable")
        # A date stays readable ("c. Jan 2021"); the counts and tags give way first.
        date = self.table.fontMetrics().horizontalAdvance("c. Sep 2021") + 10
        self.table.set_column_widths(
            [146, None, 130, 62, 76, COLUMN_WIDTH], [date, None, 36, 34, 34, column_floor()]
        )
        self.table.setItemDelegateForColumn(FLAGS_COLUMN, FlagsDelegate(self.table))
        # Six columns in half a screen: the small ones may go below their headers' text.
        self.table.horizontalHeader().setMinimumSectionSize(column_floor())
        self.table.enable_sorting(DATE_COLUMN)
        self.detail = DetailPane("Select a development to see its summary and sources.", self)
        self.detail.setObjectName("developmentDetail")

        self.body_splitter = list_detail_splitter(
            self.table, self.detail, "timelineLower", "timelineLower", self, collapsible=True
        )
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("timelineSplitter")
        self.splitter.addWidget(strip_box)
        self.splitter.addWidget(self.body_splitter)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 440])  # room for 8 lanes of the strip
        self.splitter.setChildrenCollapsible(False)
        remember_splitter(self.splitter, "timeline")
        tab_page_layout(self, filters, self.splitter)

        # -- wiring -------------------------------------------------------------
        # The strip follows the table; redrawing it waits for typing to pause.
        self._strip_timer = QTimer(self)
        self._strip_timer.setSingleShot(True)
        self._strip_timer.setInterval(120)
        self._strip_timer.timeout.connect(self._update_strip)
        self._syncing = False
        self._applying = False
        self._strip_stale = True

        self.filter_edit.textChanged.connect(self._filters_changed)
        self.tag_combo.currentIndexChanged.connect(self._filters_changed)
        self.source_combo.currentIndexChanged.connect(self._filters_changed)
        self.flag_combo.currentIndexChanged.connect(self._filters_changed)
        self.from_edit.textChanged.connect(self._filters_changed)
        self.to_edit.textChanged.connect(self._filters_changed)
        self.table.currentItemChanged.connect(self._table_current_changed)
        self.strip.developmentClicked.connect(self._strip_clicked)
        self.strip.zoomChanged.connect(self._update_zoom_buttons)
        self.model.modelReset.connect(self._model_reset)
        self.model.layoutChanged.connect(self._rows_changed)
        document.listChanged.connect(self._list_changed)
        document.reset.connect(self._fill_combos)
        document.profileChanged.connect(self._fill_combos)

        self.model.follow(document, ["timeline"])
        self._fill_combos()
        self._rows_changed()
        self.detail.show_empty()

    def _tool_button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setFixedWidth(34)
        button.clicked.connect(slot)
        return button

    # -- public API -------------------------------------------------------------
    def visible_developments(self) -> list[Development]:
        """What the current filters show, in display order."""
        return self.model.visible_items()

    def selected_development(self) -> Development | None:
        item = self.table.current_item()
        return item if isinstance(item, Development) else None

    def select_development(self, dev_id: str) -> bool:
        """Select a development; clears the filters first if they hide it."""
        return self.table.reveal_id(dev_id, self.clear_filters)

    def focus_filter(self) -> None:
        focus_filter_edit(self.filter_edit)

    def current_filter(self) -> TimelineFilter:
        return TimelineFilter(
            text=self.filter_edit.text(),
            tag=self.tag_combo.currentData() or None,
            source=self.source_combo.currentData() or None,
            date_from=self.from_edit.date(),
            date_to=self.to_edit.date(),
            flag=self.flag_combo.flag(),
        )

    def clear_filters(self) -> None:
        """Show every development again (one filter change, not five)."""
        self._applying = True
        try:
            self.filter_edit.clear()
            self.tag_combo.setCurrentIndex(0)
            self.source_combo.setCurrentIndex(0)
            self.flag_combo.setCurrentIndex(0)
            self.from_edit.clear()
            self.to_edit.clear()
        finally:
            self._applying = False
        self._filters_changed()

    def count_text(self) -> str:
        return self.table.count_text()

    def show_flagged(self, flag: str | None) -> None:
        """Filter by a corroboration flag (``NEEDS_CORROBORATION``: any; None: all)."""
        self.flag_combo.set_flag(flag)

    # -- filters ----------------------------------------------------------------
    def _filters_changed(self, *_args: object) -> None:
        if self._applying:
            return
        flt = self.current_filter()
        self.model.set_filter(flt)
        self.clear_button.setEnabled(not flt.is_empty or not self._dates_valid())

    def _dates_valid(self) -> bool:
        return self.from_edit.is_valid() and self.to_edit.is_valid()

    def _fill_combos(self) -> None:
        dossier = self.document.dossier
        tag = self.tag_combo.currentData() or ALL
        source = self.source_combo.currentData() or ALL
        self._applying = True
        try:
            self.tag_combo.clear()
            self.tag_combo.addItem("All tags", ALL)
            for t in dossier.all_tags():
                self.tag_combo.addItem(t, t)
            self.source_choices.set_sources(dossier.sources)
            self.tag_combo.setCurrentIndex(max(self.tag_combo.findData(tag), 0))
            self.source_combo.setCurrentIndex(max(self.source_combo.findData(source), 0))
        finally:
            self._applying = False
        self._filters_changed()

    def _list_changed(self, name: str) -> None:
        if name == "sources":
            self._fill_combos()
            self._show_detail(self.selected_development())
        elif name == "timeline":
            self._fill_combos()

    # -- rows, strip and detail --------------------------------------------------
    def _model_reset(self) -> None:
        self._rows_changed()

    def _rows_changed(self, *_args: object) -> None:
        self.count_label.setText(self.count_text())
        if self.model.total_count() == 0:
            self.table.empty_text = "No developments yet."
        else:
            self.table.empty_text = "No developments match the filters."
        self._strip_stale = True
        self._strip_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        # The strip is laid out only once it can be seen (opening shows the overview).
        if self._strip_stale:
            self._update_strip()
        super().showEvent(event)

    def _update_strip(self) -> None:
        self._strip_timer.stop()
        if not self.isVisible():
            return  # stays stale until shown
        self._strip_stale = False
        empty = self.table.empty_text
        visible = self.visible_developments()
        self.strip.set_developments(visible, empty)
        # A big timeline takes a moment to lay out: wait for a longer pause in typing.
        self._strip_timer.setInterval(120 if len(visible) < 5000 else 400)
        current = self.selected_development()
        self.strip.set_selected(current.id if current is not None else None, ensure_visible=False)
        self._update_zoom_buttons()

    def _update_zoom_buttons(self) -> None:
        self.zoom_in_button.setEnabled(self.strip.can_zoom_in())
        self.zoom_out_button.setEnabled(self.strip.can_zoom_out())

    def _table_current_changed(self, item: object) -> None:
        dev = item if isinstance(item, Development) else None
        if not self._syncing:
            self._syncing = True
            try:
                self.strip.set_selected(dev.id if dev is not None else None)
            finally:
                self._syncing = False
        self._show_detail(dev)
        self.developmentSelected.emit(dev)

    def _strip_clicked(self, dev_id: str) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.table.select_id(dev_id)
        finally:
            self._syncing = False

    def _show_detail(self, dev: Development | None) -> None:
        pane = self.detail
        if dev is None:
            pane.show_empty()
            return
        pane.clear()
        pane.add_title(dev.title)
        when = display_span(dev.date, dev.end)
        if dev.approximate:
            when += "  (approximate)"
        pane.add_line(when, muted_text=True)
        pane.add_field("Credibility", format_credibility(dev.credibility))
        pane.add_field("Tags", ", ".join(dev.tags))
        add_flags(pane, self.model.claim_flags.of(dev))
        if dev.summary:
            pane.add_heading("Summary")
            pane.add_line(reflow(dev.summary))
        pane.add_heading(f"Sources ({len(dev.sources)})" if dev.sources else "Sources")
        if not dev.sources:
            pane.add_line("No source cited.", muted_text=True)
        dossier = self.document.dossier
        for sid in dev.sources:
            source = dossier.source(sid)
            if source is None:
                pane.add_line(f"{sid} (no such source)", muted_text=True)
                continue
            note = " · ".join(
                x
                for x in (
                    source.publisher or "",
                    source.published.display() if source.published else "",
                    format_reliability(source.reliability),
                )
                if x
            )
            link = pane.add_link(source.title, partial(self.sourceActivated.emit, sid), note)
            link.setObjectName(f"sourceLink:{sid}")
            set_tooltip(link, f"Show this source in the Sources tab\n{source.url or ''}".strip())
        pane.add_field("ID", dev.id)
        pane.finish()
