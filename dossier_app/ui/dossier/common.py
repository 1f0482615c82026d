"""Pieces the dossier tabs share: a table with an empty state, a filter box, a detail pane."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..models.base import ItemTableModel
from ..settings import remember_splitter
from ..widgets.columns import FittedColumns
from ..widgets.text import LinkLabel, muted, plain_label


class ItemTable(QTableView):
    """A read-only table of domain objects: whole rows, one at a time, plain cells.

    Says what an empty table means ("No developments match the filters")
    instead of showing a blank box.
    """

    #: The object of the current row changed (None when nothing is current).
    currentItemChanged = Signal(object)

    def __init__(self, model: ItemTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self.empty_text = "Nothing to show"
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vheader = self.verticalHeader()
        vheader.hide()
        # Fixed row heights keep 100k rows cheap (no per-row size hints).
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self._remembered: str | None = None
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)

    def set_column_widths(
        self, widths: Sequence[int | None], floors: Sequence[int | None] | None = None
    ) -> None:
        """Widths in pixels; ``None`` stretches that column, and in a narrow table the
        others give way (down to ``floors``) before it drops below its share."""
        self.columns = FittedColumns(self, widths, floors)

    def enable_sorting(self, column: int = 0) -> None:
        """Sort by clicking headers, starting with ``column`` ascending (done by the model)."""
        self.horizontalHeader().setSortIndicator(column, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)

    def current_item(self) -> object | None:
        return self._model.item_at(self.currentIndex())

    def select_id(self, item_id: str) -> bool:
        """Make the row of this id current and selected, if it is shown."""
        row = self._model.row_of(item_id)
        if row is None:
            return False
        index = self._model.index(row, 0)
        self.setCurrentIndex(index)
        self.selectRow(row)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def reveal_id(self, item_id: str, clear_filters: Callable[[], None]) -> bool:
        """Select an item, clearing the filters first when they hide it; False if it is gone."""
        if self._model.row_of(item_id) is None:
            if not self._model.has_item(item_id):
                return False
            clear_filters()
        return self.select_id(item_id)

    def count_text(self) -> str:
        """The "N of M shown" line under a filtered list."""
        return f"{self._model.visible_count()} of {self._model.total_count()} shown"

    def _current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: object
    ) -> None:
        self.currentItemChanged.emit(self._model.item_at(current))

    def _remember(self) -> None:
        item = self.current_item()
        self._remembered = self._model.item_id(item) if item is not None else None

    def _restore(self) -> None:
        # Edits and reloads reset the model: keep the same object selected by its id.
        remembered, self._remembered = self._remembered, None
        if remembered is None or not self.select_id(remembered):
            self.currentItemChanged.emit(None)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._model.rowCount() == 0 and self.empty_text:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            rect = self.viewport().rect().adjusted(12, 12, -12, -12)
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                self.empty_text,
            )


def filter_edit(placeholder: str, parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    edit.setMinimumWidth(100)
    return edit


def list_detail_splitter(
    items: QWidget,
    detail: QWidget,
    object_name: str,
    settings_key: str,
    parent: QWidget,
    collapsible: bool = False,
) -> QSplitter:
    """A list beside its detail pane, 3 : 1, with the user's sizes remembered."""
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.setObjectName(object_name)
    splitter.addWidget(items)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([640, 300])
    splitter.setChildrenCollapsible(collapsible)
    remember_splitter(splitter, settings_key)
    return splitter


def tab_page_layout(page: QWidget, top: QLayout, body: QWidget) -> QVBoxLayout:
    """A tab's page: its filter row above its body, with the tabs' shared margins."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(8, 8, 8, 8)
    layout.setSpacing(6)
    layout.addLayout(top)
    layout.addWidget(body, 1)
    return layout


def focus_filter_edit(edit: QLineEdit) -> None:
    """Ctrl+F: put the cursor in a filter box with its text selected, ready to retype."""
    edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
    edit.selectAll()


class DetailPane(QScrollArea):
    """A read-only pane of fields and links for the selected object, rebuilt on selection."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(200)
        self._empty_text = empty_text
        self._body: QWidget | None = None
        self._layout: QVBoxLayout | None = None
        self.clear()

    def clear(self) -> None:
        """Start a new, empty body (shows the empty text until something is added)."""
        body = QWidget()
        body.setObjectName("detailBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(4)
        self._body, self._layout = body, layout
        self.setWidget(body)

    def show_empty(self) -> None:
        self.clear()
        label = muted(plain_label(self._empty_text, wrap=True))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._add(label)
        self.finish()

    def _add(self, widget: QWidget) -> None:
        assert self._layout is not None
        self._layout.addWidget(widget)

    def add_title(self, text: str) -> QLabel:
        label = plain_label(text, wrap=True, selectable=True, object_name="detailTitle")
        font = QFont(label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        label.setFont(font)
        self._add(label)
        return label

    def add_line(self, text: str, *, muted_text: bool = False, wrap: bool = True) -> QLabel:
        label = plain_label(text, wrap=wrap, selectable=True)
        if muted_text:
            muted(label)
        self._add(label)
        return label

    def add_heading(self, text: str) -> QLabel:
        label = plain_label(text)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 10, 0, 2)
        self._add(label)
        return label

    def add_field(self, name: str, value: str) -> QLabel | None:
        """A small caption and its value; skipped when there is no value."""
        if not value:
            return None
        caption = muted(plain_label(name))
        font = QFont(caption.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        caption.setFont(font)
        caption.setContentsMargins(0, 6, 0, 0)
        self._add(caption)
        return self.add_line(value)

    def add_link(self, text: str, on_click: Callable[[], None], note: str = "") -> LinkLabel:
        link = LinkLabel(text)
        link.clicked.connect(on_click)
        link.setContentsMargins(0, 4, 0, 0)
        self._add(link)
        if note:
            self.add_line(note, muted_text=True)
        return link

    def add_widget(self, widget: QWidget) -> None:
        self._add(widget)

    def finish(self) -> None:
        assert self._layout is not None
        self._layout.addStretch(1)
