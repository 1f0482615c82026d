"""What a key judgement rests on: the dossier's developments and figures, ticked in a list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from ....domain.dates import display_span
from ....domain.model import Dossier


def ground_choices(dossier: Dossier) -> list[tuple[str, str]]:
    """(id, text) of every development (latest first) and every key figure."""
    latest_first = sorted(
        enumerate(dossier.timeline), key=lambda p: (p[1].date.sort_key, p[0]), reverse=True
    )
    out = [
        (d.id, f"{display_span(d.date, d.end)} · {d.title}  ({d.id})") for _i, d in latest_first
    ]
    out += [(f.id, f"Key figure · {f.label}  ({f.id})") for f in dossier.figures]
    return out


class GroundsPicker(QWidget):
    """A checkable list with a search box; ``selected()`` keeps the judgement's order."""

    changed = Signal()

    def __init__(
        self, dossier: Dossier, based_on: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._order: list[str] = list(dict.fromkeys(based_on))
        self._ids: list[str] = []
        self.model = QStandardItemModel(self)
        choices = ground_choices(dossier)
        known = {ident for ident, _text in choices}
        for missing in self._order:
            if missing not in known:  # a dangling id stays visible, not silently dropped
                self._append(missing, f"(no such development or figure)  ({missing})")
        for ident, text in choices:
            self._append(ident, text)
        self.model.itemChanged.connect(self._on_item_changed)

        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setObjectName("grounds_search")
        self.search.setPlaceholderText("Search developments and figures…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QListView()
        self.view.setObjectName("grounds_list")
        self.view.setModel(self.proxy)
        self.view.setWordWrap(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setMinimumHeight(110)
        self.view.setMaximumHeight(190)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.view)
        layout.addWidget(self.count_label)
        self._update_count()

    def _append(self, ident: str, text: str) -> None:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setCheckable(True)
        checked = ident in self._order
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._ids.append(ident)
        self.model.appendRow(item)

    def set_checked(self, ident: str, checked: bool) -> None:
        item = self.model.item(self._ids.index(ident))
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _on_item_changed(self, item: QStandardItem) -> None:
        ident = self._ids[item.row()]
        if item.checkState() == Qt.CheckState.Checked:
            if ident not in self._order:
                self._order.append(ident)
        elif ident in self._order:
            self._order.remove(ident)
        self._update_count()
        self.changed.emit()

    def _update_count(self) -> None:
        n = len(self._order)
        self.count_label.setText(f"{n} selected" if n else "Nothing selected")

    def selected(self) -> list[str]:
        return list(self._order)
