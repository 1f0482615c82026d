"""The form for adding or editing a development, with "New source…" inside it."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget

from ....domain.dates import PartialDate
from ....domain.model import CREDIBILITY, Development, Dossier
from . import rules
from .citing import CitingForm
from .fields import ChoiceCombo, IdSuggester, TagsEdit

DATE_HINT = "2021, 2021-09 or 2021-09-21"


def credibility_choices() -> list[tuple[int | None, str]]:
    return [(None, "— not graded"), *((k, f"{k} — {v}") for k, v in CREDIBILITY.items())]


class DevelopmentForm(CitingForm):
    """Add a development (``original`` None) or edit one; ``result_value()`` gives it."""

    def __init__(
        self,
        dossier: Dossier,
        original: Development | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = "Edit Development" if original else "New Development"
        super().__init__(title, dossier, original.sources if original else [], parent)
        self.setObjectName("development_form")
        self.original = original
        self.taken_ids = {d.id for d in dossier.timeline} - ({original.id} if original else set())

        self.date_edit = QLineEdit()
        self.date_edit.setObjectName("date")
        self.date_edit.setPlaceholderText(DATE_HINT)
        self.date_edit.setMaximumWidth(200)
        self.approximate = QCheckBox("&Approximate (c.)")
        self.approximate.setObjectName("approximate")
        date_row = QWidget()
        date_layout = QHBoxLayout(date_row)
        date_layout.setContentsMargins(0, 0, 0, 0)
        date_layout.addWidget(self.date_edit)
        date_layout.addWidget(self.approximate)
        date_layout.addStretch(1)
        self.end_edit = QLineEdit()
        self.end_edit.setObjectName("end")
        self.end_edit.setPlaceholderText("optional; makes it a span")
        self.end_edit.setMaximumWidth(200)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("title")
        self.id_edit = QLineEdit()
        self.id_edit.setObjectName("id")
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setObjectName("summary")
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(96)
        self.tags_edit = TagsEdit(dossier.all_tags())
        self.tags_edit.setObjectName("tags")
        self.credibility = ChoiceCombo(credibility_choices())
        self.credibility.setObjectName("credibility")

        self.add_field("date", "&Date:", date_row, self._date, editor=self.date_edit)
        self.approximate.toggled.connect(lambda _on: self.revalidate())
        self.add_field("end", "&End:", self.end_edit, self._end)
        self.add_field("title", "&Title:", self.title_edit, self._title)
        self.add_field("id", "&Id:", self.id_edit, self._id)
        self.add_field("summary", "&Summary:", self.summary_edit)
        self.add_field("tags", "Ta&gs:", self.tags_edit)
        self.add_field("sources", "S&ources:", self.picker, self._sources_check)
        self.add_field("credibility", "&Credibility:", self.credibility)

        self.ids = IdSuggester(
            self.title_edit, self.id_edit, self.taken_ids, "development", original is None
        )
        if original is not None:
            self._fill(original)
        self.revalidate()

    def _fill(self, d: Development) -> None:
        self.date_edit.setText(d.date.iso())
        self.approximate.setChecked(d.approximate)
        self.end_edit.setText(d.end.iso() if d.end else "")
        self.title_edit.setText(d.title)
        self.id_edit.setText(d.id)
        self.summary_edit.setPlainText(d.summary or "")
        self.tags_edit.set_tags(d.tags)
        self.credibility.set_value(d.credibility)

    # -- checks --------------------------------------------------------------
    def _date(self) -> PartialDate:
        return rules.partial_date(self.date_edit.text(), self.approximate.isChecked())

    def _end(self) -> PartialDate | None:
        try:
            start: PartialDate | None = self._date()
        except rules.FieldError:
            start = None
        return rules.end_date(self.end_edit.text(), start)

    def _title(self) -> str:
        return rules.required_text(self.title_edit.text(), "A title")

    def _id(self) -> str:
        return rules.item_id(self.id_edit.text(), self.taken_ids, "development")

    def result_value(self) -> Development:
        original = self.original
        dev = Development(
            id=self._id(),
            date=self._date(),
            title=self._title(),
            end=self._end(),
            summary=rules.optional_block(
                self.summary_edit.toPlainText(), original.summary if original else None
            ),
            tags=rules.tag_list(self.tags_edit.text()),
            sources=self.picker.selected(),
            credibility=self.credibility.value(),
        )
        if original is not None:
            dev.extra = dict(original.extra)  # keys this version does not know survive
        return dev
