"""A table model over a list of domain objects, sorted and filtered in Python.

The model never copies the data: it keeps the list, the display order (item
indices, sorted in Python: 100k rows in milliseconds where a proxy's sort
calls ``data()`` per comparison) and the visible rows (the order, filtered
through a search index built in idle time after each reset, see
``search.py``). Filters produce sets of item indices (bit sets), which are
picked out of the display order in one pass, so the rows come out sorted.
Sort and filter changes are layout changes that carry the persistent indexes
(selection, current row) along.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont

from ..widgets.text import tooltip

if TYPE_CHECKING:  # the library's model, shown at start-up, needs none of them
    from ...domain.model import Dossier
    from ..document import DossierDocument
    from .search import RowOrder, TextSearch

# ``search`` is imported where a list is first filtered or indexed: not before the
# window's first paint, which shows the library unfiltered.

T = TypeVar("T")

#: The domain object of a row (any column).
ItemRole = Qt.ItemDataRole.UserRole + 1
#: The id of a row's object.
IdRole = Qt.ItemDataRole.UserRole + 2

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

AnyIndex = QModelIndex | QPersistentModelIndex

# Roles and flags as plain values, looked up once rather than per cell.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


class Column(NamedTuple, Generic[T]):
    """One column: its header, its text, how it sorts, how it lines up.

    A named tuple (immutable, cheap to define): the library's model is made
    before the window's first paint, which then need not import ``dataclasses``.
    """

    title: str
    text: Callable[[T], str]
    #: Sort key; default: the text, case-folded.
    key: Callable[[T], Any] | None = None
    align: Qt.AlignmentFlag = LEFT
    #: Plain tooltip text for a cell (converted for Qt, never read as HTML).
    tip: Callable[[T], str | None] | None = None
    #: True when the cell is shown in italics (e.g. an approximate date).
    italic: Callable[[T], bool] | None = None
    header_tip: str | None = None


#: Lists at least this long get a search index, built ahead in idle time; shorter
#: ones are scanned (a few thousand texts take well under a millisecond).
INDEX_AHEAD_MIN = 2_000
#: Longest idle step building the index, in seconds (the UI stays responsive).
INDEX_SLICE_SECONDS = 0.010
#: How long building the index waits after a filter change (typing goes first).
INDEX_TYPING_PAUSE_MS = 150


def none_last(value: Any) -> tuple[bool, Any]:
    """Sort key wrapper that puts missing values after present ones."""
    return (value is None, value if value is not None else 0)


def _position(rows: list[int], item_index: int) -> int | None:
    try:
        return rows.index(item_index)
    except ValueError:
        return None


class ItemTableModel(QAbstractTableModel, Generic[T]):
    """Rows are domain objects; subclasses give the columns and the filter."""

    columns: Sequence[Column[T]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[T] = []
        self._order: list[int] = []  # every item index, in display order
        self._rows: list[int] = []  # the visible item indices, in display order
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._reset_depth = 0
        self._text = ""
        self._search: TextSearch | None = None
        self._row_order: RowOrder | None = None  # picks filtered rows out of _order
        # Filter results that stay valid until the next reset (e.g. a tag's rows).
        self._filter_bits: dict[object, int] = {}
        # The search index of a long list is built in idle time after each reset, a
        # slice per timer tick: neither opening nor the first keystroke waits for it.
        self._index_timer = QTimer(self)
        self._index_timer.setInterval(0)
        self._index_timer.timeout.connect(self._index_slice)
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- Qt model API -----------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        # Called for every role of every visible cell on each repaint (a keystroke in
        # the filter repaints the table): plain ints and early exits keep it cheap.
        row, col = index.row(), index.column()  # an invalid index has row -1
        rows = self._rows
        if not (0 <= row < len(rows) and 0 <= col < len(self.columns)):
            return None
        item = self._items[rows[row]]
        if role == _DISPLAY:
            return self.columns[col].text(item)
        if role == _FONT:
            italic = self.columns[col].italic
            return self._italic if italic is not None and italic(item) else None
        if role == _ALIGNMENT:
            return int(self.columns[col].align)
        if role == _TOOLTIP:
            tip = self.columns[col].tip
            text = tip(item) if tip is not None else None
            return tooltip(text) if text else None
        if role == ItemRole:
            return item
        if role == IdRole:
            return self.item_id(item)
        return self.extra_data(item, col, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align.value)
        if role == Qt.ItemDataRole.ToolTipRole and column.header_tip:
            return tooltip(column.header_tip)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not -1 <= column < len(self.columns):
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        self._order = self._sorted_order()
        self._move_rows(self._matching(self._order))
        self.layoutChanged.emit()

    # -- for subclasses ---------------------------------------------------------
    def item_id(self, item: T) -> str:
        return str(getattr(item, "id", ""))

    def extra_data(self, item: T, column: int, role: int) -> Any:
        """Roles beyond text, alignment, tooltip and font (colours, icons)."""
        return None

    def search_text(self, item: T) -> str:
        """The text the filter box searches in (prepared once per reset)."""
        return ""

    def _prepare(self) -> None:
        """Forget, once per reset, what the filter prepared from the old items."""
        self._search = None
        self._filter_bits = {}
        if len(self._items) >= INDEX_AHEAD_MIN:
            self._search_index()
            self._index_timer.start()
        else:
            self._index_timer.stop()

    def _search_index(self) -> TextSearch:
        """The search over the items' texts (created on first need, built ahead if long)."""
        if self._search is None:
            from .search import TextSearch

            items, text = self._items, self.search_text
            self._search = TextSearch(
                len(items),
                lambda start, stop: [text(x) for x in items[start:stop]],
                index=len(items) >= INDEX_AHEAD_MIN,
            )
        return self._search

    def _index_slice(self) -> None:
        """One idle-time step of building the search index."""
        search = self._search
        if search is None:
            self._index_timer.stop()
            return
        if search.prepare(INDEX_SLICE_SECONDS):
            self._index_timer.stop()
            self._pick_order(self._order)  # the last bit of preparation
        elif self._index_timer.interval():
            self._index_timer.setInterval(0)  # typing paused: full speed again

    def search_ready(self) -> bool:
        """True when the filter's search index is complete (or not needed)."""
        return self._search is None or self._search.is_ready()

    def _matching(self, order: list[int]) -> list[int]:
        """The item indices of ``order`` that pass the filter, in that order."""
        return self._match_words(order, self._text)

    def _match_words(self, rows: list[int], text: str) -> list[int]:
        """The rows whose search text holds every word of ``text``, in the order of ``rows``."""
        return self._pick(rows, self._text_bits(text))

    def _text_bits(self, text: str) -> int | None:
        """The items whose search text holds every word of ``text`` (None: no words)."""
        words = text.casefold().split()
        if not words:
            return None
        return self._search_index().bits(words)

    def _cached_bits(self, key: object, make: Callable[[], list[bool]]) -> int:
        """A filter's set of items, worked out once per reset from one flag per item."""
        bits = self._filter_bits.get(key)
        if bits is None:
            from .search import bits_of

            bits = self._filter_bits[key] = bits_of(bytes(make()))
        return bits

    def _pick(self, rows: list[int], bits: int | None) -> list[int]:
        """The entries of ``rows`` in the set ``bits`` (None: all), in the order of ``rows``."""
        if bits is None:
            return rows
        if rows is self._order:
            # The display order: one pass in C (and no sorting of the result).
            return self._pick_order(rows).rows(bits)
        from .search import rows_in

        return rows_in(rows, bits, len(self._items))

    def _pick_order(self, order: list[int]) -> RowOrder:
        if self._row_order is None or self._row_order.order is not order:
            from .search import RowOrder

            self._row_order = RowOrder(order)
        return self._row_order

    def _load(self) -> None:
        """Re-read the items from wherever the model takes them (inside a reset)."""

    # -- public API -------------------------------------------------------------
    def set_items(self, items: Iterable[T]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._rebuild()
        self.endResetModel()

    def item(self, row: int) -> T:
        return self._items[self._rows[row]]

    def item_at(self, index: AnyIndex) -> T | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._items[self._rows[index.row()]]

    def row_of(self, item_id: str) -> int | None:
        """The visible row showing the object with this id, if it is shown."""
        for row, i in enumerate(self._rows):
            if self.item_id(self._items[i]) == item_id:
                return row
        return None

    def has_item(self, item_id: str) -> bool:
        return any(self.item_id(x) == item_id for x in self._items)

    def visible_items(self) -> list[T]:
        items = self._items
        return [items[i] for i in self._rows]

    def total_count(self) -> int:
        return len(self._items)

    def visible_count(self) -> int:
        return len(self._rows)

    def set_text_filter(self, text: str) -> None:
        """Show only rows whose text holds every word typed (case-insensitive)."""
        if text != self._text:
            self._text = text
            self.refilter()

    def text_filter(self) -> str:
        return self._text

    def forget_cached_filter(self, kind: str) -> None:
        """Drop a filter's cached item sets (``("kind", value)`` keys): its items' values
        changed without a reset."""
        self._filter_bits = {
            k: v
            for k, v in self._filter_bits.items()
            if not (isinstance(k, tuple) and k[:1] == (kind,))
        }

    def refilter(self) -> None:
        """Apply a changed filter: a layout change that keeps selected rows still shown."""
        if self._index_timer.isActive():
            # The user is typing: building the index waits for a pause, so that its
            # steps do not come between a keystroke and the table showing its result.
            self._index_timer.start(INDEX_TYPING_PAUSE_MS)
        rows = self._matching(self._order)
        if rows is self._rows or rows == self._rows:
            return  # e.g. a space typed: the view has nothing to redo
        self.layoutAboutToBeChanged.emit()
        self._move_rows(rows)
        self.layoutChanged.emit()

    # -- internals --------------------------------------------------------------
    def _begin_change(self) -> None:
        self._reset_depth += 1
        if self._reset_depth == 1:
            self.beginResetModel()

    def _end_change(self) -> None:
        if self._reset_depth == 0:
            return
        self._reset_depth -= 1
        if self._reset_depth == 0:
            self._load()
            self._rebuild()
            self.endResetModel()

    def _rebuild(self) -> None:
        self._prepare()
        self._order = self._sorted_order()
        self._rows = self._matching(self._order)

    def _sorted_order(self) -> list[int]:
        indices = list(range(len(self._items)))
        if not 0 <= self._sort_column < len(self.columns):
            return indices
        column = self.columns[self._sort_column]
        items = self._items
        if column.key is not None:
            key_fn = column.key
            keys = [key_fn(x) for x in items]
        else:
            text_fn = column.text
            keys = [text_fn(x).casefold() for x in items]
        # sorted() is stable, also with reverse=True: equal keys keep file order.
        return sorted(
            indices,
            key=keys.__getitem__,
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def _move_rows(self, new_rows: list[int]) -> None:
        """Switch to ``new_rows`` inside a layout change, carrying persistent indexes."""
        old_rows = self._rows
        persistent = self.persistentIndexList()
        if persistent:
            # Few persistent indexes (the selection), many rows: look each one up.
            found: dict[int, int | None] = {}
            moved = []
            for index in persistent:
                row = index.row()
                if row not in found:
                    valid = 0 <= row < len(old_rows)
                    found[row] = _position(new_rows, old_rows[row]) if valid else None
                new_row = found[row]
                moved.append(
                    self.createIndex(new_row, index.column())
                    if new_row is not None
                    else QModelIndex()
                )
            self._rows = new_rows
            self.changePersistentIndexList(persistent, moved)
        else:
            self._rows = new_rows


class DossierListModel(ItemTableModel[T]):
    """A model over one list of a dossier, following an open document's changes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dossier: Dossier | None = None
        self._document: DossierDocument | None = None
        self._watched: frozenset[str] = frozenset()

    def dossier(self) -> Dossier | None:
        if self._document is not None:
            return self._document.dossier
        return self._dossier

    def items_of(self, dossier: Dossier) -> list[T]:
        raise NotImplementedError

    def set_dossier(self, dossier: Dossier) -> None:
        """Show a dossier that no document owns (tests, previews)."""
        self._document = None
        self._dossier = dossier
        self._begin_change()
        self._end_change()

    def _load(self) -> None:
        dossier = self.dossier()
        self._items = list(self.items_of(dossier)) if dossier is not None else []

    def follow(self, document: DossierDocument, lists: Iterable[str]) -> None:
        """Show ``document``'s dossier, and reset whenever one of ``lists`` changes
        (or the whole dossier is replaced)."""
        self._document = document
        self._watched = frozenset(lists)
        # Bound methods, not closures: Qt drops the connections when the model goes.
        document.listAboutToChange.connect(self._on_list_about_to_change)
        document.listChanged.connect(self._on_list_changed)
        document.reset.connect(self._on_reset)
        self._on_reset()

    def _on_list_about_to_change(self, name: str) -> None:
        if name in self._watched:
            self._begin_change()

    def _on_list_changed(self, name: str) -> None:
        if name in self._watched:
            self._end_change()

    def _on_reset(self) -> None:
        self._begin_change()
        self._end_change()
