"""Shared pieces of the edit forms: the validating dialog, tag and source pickers, combos."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....domain.model import Source
from . import rules
from .rules import FieldError

ERROR_STYLE = "color: #b3261e;"  # a red that stays readable on light and dark greys
WARNING_STYLE = "color: #8a5a00;"

#: A field check: returns nothing when fine, raises FieldError with the message otherwise.
Check = Callable[[], object]


def message_label(object_name: str) -> QLabel:
    """The plain-text label under a field that says what is wrong with it."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


@dataclass(eq=False)
class FieldRow:
    """One validated field: its widget, its message label and its checks."""

    name: str
    widget: QWidget
    error: QLabel
    check: Check | None = None
    warn: Callable[[], str | None] | None = None
    touched: bool = False
    message: str = field(default="")


class FormDialog(QDialog):
    """A dialog of labelled fields, validated as the user types.

    Each field's message appears just below it once the user has touched the
    field (an untouched empty form is not shouted at), and OK stays disabled
    while any field is invalid, touched or not.

    The form opens with the keyboard in its first field, so typing starts there
    and a stray Space presses nothing; Tab goes through the fields, then OK and
    Cancel. Return accepts from a field (showing what is wrong when it cannot),
    and presses a button only when the user has moved to that button.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._outer = QVBoxLayout(self)
        self._outer.addLayout(self.form)
        self._outer.addWidget(self.buttons)
        self.rows: dict[str, FieldRow] = {}
        self.first_editor: QWidget | None = None
        self._arranged = False

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def add_field(
        self,
        name: str,
        label: str,
        widget: QWidget,
        check: Check | None = None,
        *,
        warn: Callable[[], str | None] | None = None,
        editor: QWidget | None = None,
    ) -> FieldRow:
        """Add a row; ``editor`` (default ``widget``) is what the user types into."""
        error = message_label(f"{name}_error")
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        row = FieldRow(name, widget, error, check, warn)
        self.rows[name] = row
        self.form.addRow(label, box)
        self._watch(editor or widget, row)
        if self.first_editor is None:
            self.first_editor = editor or widget
        return row

    # -- keyboard ------------------------------------------------------------
    def setVisible(self, visible: bool) -> None:
        if visible and not self._arranged:
            self._arranged = True
            # The buttons were made before the fields, so they come first in the focus
            # chain: a new form would open on Cancel. Put them back after the fields.
            self._outer.removeWidget(self.buttons)
            self.buttons.setParent(None)
            self._outer.addWidget(self.buttons)
            if self.first_editor is not None:
                self.first_editor.setFocus(Qt.FocusReason.OtherFocusReason)
        super().setVisible(visible)
        first = self.first_editor
        if visible and isinstance(first, QLineEdit) and first.hasSelectedText():
            # Opening selects the first field's text; typing into an Edit form adds to it
            # rather than wiping what is there.
            first.deselect()
            first.end(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            focused = self.focusWidget()
            if not isinstance(focused, QAbstractButton):
                # From a field: accept, or show every message when the form cannot be.
                self.accept()
                event.accept()
                return
        super().keyPressEvent(event)

    def _watch(self, editor: QWidget, row: FieldRow) -> None:
        def touched(*_args: object) -> None:
            row.touched = True
            self.revalidate()

        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(touched)
            # Text set by code (an id suggested from the title) is checked, not "touched".
            editor.textChanged.connect(lambda _t: self.revalidate())
        elif isinstance(editor, QPlainTextEdit):
            editor.textChanged.connect(touched)
        elif isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(touched)
            if editor.isEditable():
                editor.editTextChanged.connect(touched)
        elif isinstance(editor, SourcePicker):
            editor.changed.connect(touched)

    def touch_all(self) -> None:
        for row in self.rows.values():
            row.touched = True
        self.revalidate()

    def revalidate(self) -> bool:
        """Run every check, show the messages of touched fields, enable OK when all pass."""
        ok = True
        for row in self.rows.values():
            message, style = "", ERROR_STYLE
            if row.check is not None:
                try:
                    row.check()
                except FieldError as exc:
                    message = str(exc)
                    ok = False
            if not message and row.warn is not None:
                message, style = row.warn() or "", WARNING_STYLE
            row.message = message
            visible = bool(message) and row.touched
            row.error.setStyleSheet(style)
            row.error.setText(message if visible else "")
            row.error.setVisible(visible)
        self.ok_button.setEnabled(ok)
        return ok

    def error_text(self, name: str) -> str:
        """The message shown beside a field ("" when none is shown)."""
        row = self.rows[name]
        return row.error.text() if row.error.isVisibleTo(self) else ""

    def accept(self) -> None:
        if not self.revalidate():
            self.touch_all()
            return
        super().accept()


# -- tags -----------------------------------------------------------------------
class _ListCompleter(QCompleter):
    """Completes the last entry of a comma-separated list."""

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = text.rsplit(",", 1)[0] + ", " if "," in text else ""
        return head + str(index.data())


class TagsEdit(QLineEdit):
    """Comma-separated tags with completion from the tags the dossier already uses."""

    def __init__(self, known: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("comma-separated, e.g. regulation, cloud")
        completer = _ListCompleter(sorted(set(known), key=str.casefold), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.setCompleter(completer)

    def set_tags(self, tags: Sequence[str]) -> None:
        self.setText(", ".join(tags))


# -- combos over a fixed set of values -------------------------------------------
V = TypeVar("V")


class ChoiceCombo(QComboBox, Generic[V]):
    """A combo box over (value, label) pairs; values stay in Python, not in item data."""

    def __init__(self, choices: Sequence[tuple[V, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values = [value for value, _label in choices]
        for _value, label in choices:
            self.addItem(label)

    def value(self) -> V:
        return self._values[self.currentIndex()]

    def set_value(self, value: V) -> None:
        if value in self._values:
            self.setCurrentIndex(self._values.index(value))


# -- sources --------------------------------------------------------------------
class SourcePicker(QWidget):
    """The sources an item cites: a checkable list with a search box and "New source…"."""

    changed = Signal()
    newSourceRequested = Signal()

    def __init__(
        self, sources: Sequence[Source], cited: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._order: list[str] = list(cited)  # original order first, then in order ticked
        self.model = QStandardItemModel(self)
        self._ids: list[str] = []
        known = {s.id for s in sources}
        for source in sources:
            self._append(source.id, f"{source.title}  ({source.id})", source.id in cited)
        for missing in cited:
            if missing not in known:  # keep a dangling reference visible, not dropped
                self._append(missing, f"(missing source)  ({missing})", True)
        self.model.itemChanged.connect(self._on_item_changed)

        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setObjectName("source_search")
        self.search.setPlaceholderText("Search sources…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QListView()
        self.view.setObjectName("source_list")
        self.view.setModel(self.proxy)
        # Long titles wrap inside the box rather than scrolling sideways.
        self.view.setWordWrap(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setMinimumHeight(96)
        self.view.setMaximumHeight(150)
        self.new_button = QPushButton("New source…")
        self.new_button.setObjectName("new_source")
        self.new_button.clicked.connect(self.newSourceRequested)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addWidget(self.count_label)
        self._update_count()

    def _append(self, source_id: str, text: str, checked: bool) -> QStandardItem:
        item = QStandardItem(text)
        item.setEditable(False)
        item.setCheckable(True)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._ids.append(source_id)
        self.model.appendRow(item)
        return item

    def add_source(self, source: Source) -> None:
        """Offer a source created in this form, already ticked."""
        self._order.append(source.id)
        self._append(source.id, f"{source.title}  ({source.id})", True)
        self._update_count()
        self.changed.emit()

    def set_checked(self, source_id: str, checked: bool) -> None:
        row = self._ids.index(source_id)
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        item = self.model.item(row)
        if item is not None:
            item.setCheckState(state)

    def _on_item_changed(self, item: QStandardItem) -> None:
        source_id = self._ids[item.row()]
        if item.checkState() == Qt.CheckState.Checked:
            if source_id not in self._order:
                self._order.append(source_id)
        elif source_id in self._order:
            self._order.remove(source_id)
        self._update_count()
        self.changed.emit()

    def _update_count(self) -> None:
        n = len(self._order)
        self.count_label.setText(
            "No source selected (check warns about items without sources)"
            if n == 0
            else f"{n} selected"
        )

    def selected(self) -> list[str]:
        return list(self._order)


# -- ids ------------------------------------------------------------------------
class IdSuggester:
    """Keeps an id field at a free id made from the title, until the user types an id."""

    def __init__(
        self,
        title_edit: QLineEdit,
        id_edit: QLineEdit,
        taken: Collection[str],
        fallback: str,
        active: bool,
        from_what: str = "title",
    ) -> None:
        self.id_edit, self.taken, self.fallback, self.active = id_edit, taken, fallback, active
        id_edit.setPlaceholderText(f"suggested from the {from_what}")
        title_edit.textChanged.connect(self._suggest)
        id_edit.textEdited.connect(self._stop)

    def _suggest(self, title: str) -> None:
        if self.active:
            self.id_edit.setText(rules.unique_id(rules.slug(title, self.fallback), self.taken))

    def _stop(self, _text: str) -> None:
        self.active = False
