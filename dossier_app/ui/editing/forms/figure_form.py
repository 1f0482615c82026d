"""The form for adding or editing a key figure."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from ....domain.model import QUALIFIERS, Dossier, Figure
from . import rules
from .citing import CitingForm
from .fields import ChoiceCombo, IdSuggester

#: Units offered in the unit box besides those the dossier already uses.
COMMON_UNITS = ("USD", "CNY", "EUR", "HKD", "GBP", "JPY", "%", "employees", "users", "customers")

_QUALIFIER_TEXT = {
    "exact": "exact",
    "about": "about",
    "less-than": "less than",
    "more-than": "more than",
    "at-least": "at least",
    "at-most": "at most",
}


def _value_text(value: int | float) -> str:
    return str(value) if isinstance(value, int) else repr(value)


class FigureForm(CitingForm):
    """Add a key figure (``original`` None) or edit one; ``result_value()`` gives it."""

    def __init__(
        self,
        dossier: Dossier,
        original: Figure | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = "Edit Key Figure" if original else "New Key Figure"
        super().__init__(title, dossier, original.sources if original else [], parent)
        self.setObjectName("figure_form")
        self.original = original
        self.taken_ids = {f.id for f in dossier.figures} - ({original.id} if original else set())

        self.label_edit = QLineEdit()
        self.label_edit.setObjectName("label")
        self.id_edit = QLineEdit()
        self.id_edit.setObjectName("id")
        self.value_edit = QLineEdit()
        self.value_edit.setObjectName("value")
        self.value_edit.setPlaceholderText("50000000 or 12.5")
        self.value_edit.setMaximumWidth(200)
        self.unit_box = QComboBox()
        self.unit_box.setObjectName("unit")
        self.unit_box.setEditable(True)
        self.unit_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        units = dict.fromkeys([*sorted({f.unit for f in dossier.figures}), *COMMON_UNITS])
        self.unit_box.addItems(list(units))
        self.unit_box.setCurrentText("")
        self.unit_box.setFixedWidth(200)
        line = self.unit_box.lineEdit()
        if line is not None:
            line.setPlaceholderText("USD, %, employees…")
        self.qualifier = ChoiceCombo([(q, _QUALIFIER_TEXT.get(q, q)) for q in QUALIFIERS])
        self.qualifier.setObjectName("qualifier")
        self.qualifier.setFixedWidth(200)
        self.period_edit = QLineEdit()
        self.period_edit.setPlaceholderText("annual, FY2021, 2021-Q3…")
        self.period_edit.setMaximumWidth(200)
        self.as_of_edit = QLineEdit()
        self.as_of_edit.setObjectName("as_of")
        self.as_of_edit.setPlaceholderText("2021, 2021-09 or 2021-09-21")
        self.as_of_edit.setMaximumWidth(200)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(64)

        self.add_field("label", "&Label:", self.label_edit, self._label)
        self.add_field("id", "&Id:", self.id_edit, self._id)
        self.add_field("value", "&Value:", self.value_edit, self._value)
        self.add_field("unit", "&Unit:", self.unit_box, self._unit)
        self.add_field("qualifier", "&Qualifier:", self.qualifier)
        self.add_field("period", "&Period:", self.period_edit)
        self.add_field("as_of", "&As of:", self.as_of_edit, self._as_of)
        self.add_field("sources", "S&ources:", self.picker, self._sources_check)
        self.add_field("note", "&Note:", self.note_edit)

        self.ids = IdSuggester(
            self.label_edit, self.id_edit, self.taken_ids, "figure", original is None, "label"
        )
        if original is not None:
            self._fill(original)
        self.revalidate()

    def _fill(self, f: Figure) -> None:
        self.label_edit.setText(f.label)
        self.id_edit.setText(f.id)
        self.value_edit.setText(_value_text(f.value))
        self.unit_box.setCurrentText(f.unit)
        self.qualifier.set_value(f.effective_qualifier)
        self.period_edit.setText(f.period or "")
        self.as_of_edit.setText(f.as_of.iso() if f.as_of else "")
        self.note_edit.setPlainText(f.note or "")

    # -- checks --------------------------------------------------------------
    def _label(self) -> str:
        return rules.required_text(self.label_edit.text(), "A label")

    def _id(self) -> str:
        return rules.item_id(self.id_edit.text(), self.taken_ids, "figure")

    def _value(self) -> int | float:
        text = self.value_edit.text()
        original = self.original
        if original is not None and text.strip() == _value_text(original.value):
            return original.value
        return rules.number(text)

    def _unit(self) -> str:
        return rules.required_text(self.unit_box.currentText(), "A unit")

    def _as_of(self) -> object:
        return rules.optional_partial_date(self.as_of_edit.text())

    def result_value(self) -> Figure:
        original = self.original
        qualifier: str | None = self.qualifier.value()
        if qualifier == "exact" and (original is None or original.qualifier is None):
            qualifier = None  # "exact" is the default: write nothing, as before
        figure = Figure(
            id=self._id(),
            label=self._label(),
            value=self._value(),
            unit=self._unit(),
            period=rules.optional_text(self.period_edit.text()),
            as_of=rules.optional_partial_date(self.as_of_edit.text()),
            qualifier=qualifier,
            sources=self.picker.selected(),
            note=rules.optional_block(
                self.note_edit.toPlainText(), original.note if original else None
            ),
        )
        if original is not None:
            figure.extra = dict(original.extra)  # keys this version does not know survive
        return figure
