"""The forms for the briefing's opening: the bottom line, and one key judgement."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from ....domain.model import CONFIDENCE, LIKELIHOOD, Dossier, Judgement
from . import rules
from .fields import ChoiceCombo, FieldRow, FormDialog
from .grounds_picker import GroundsPicker

#: Words of the judgement's text an id is suggested from.
_ID_WORDS = 6


def confidence_choices() -> list[tuple[str | None, str]]:
    return [(None, "— choose"), *((c, f"{c.capitalize()} confidence") for c in CONFIDENCE)]


def likelihood_choices() -> list[tuple[str | None, str]]:
    return [(None, "— not stated"), *((t, f"{t} ({r})") for t, r in LIKELIHOOD.items())]


class BottomLineForm(FormDialog):
    """Edit the bottom line; ``result_value()`` gives the text, or None when it is cleared."""

    def __init__(self, dossier: Dossier, parent: QWidget | None = None) -> None:
        super().__init__("Edit Bottom Line", parent)
        self.setObjectName("bottom_line_form")
        self.original = dossier.bottom_line
        self.text_edit = QPlainTextEdit(dossier.bottom_line or "")
        self.text_edit.setObjectName("bottom_line")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText(
            "A few sentences: what a reader must take away. The briefing opens with it."
        )
        self.text_edit.setMinimumHeight(140)
        self.add_field("bottom_line", "&Bottom line:", self.text_edit)
        self.revalidate()

    def result_value(self) -> str | None:
        return rules.optional_block(self.text_edit.toPlainText(), self.original)


class JudgementForm(FormDialog):
    """Add a key judgement (``original`` None) or edit one; ``result_value()`` gives it."""

    def __init__(
        self,
        dossier: Dossier,
        original: Judgement | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Edit Key Judgement" if original else "New Key Judgement", parent)
        self.setObjectName("judgement_form")
        self.original = original
        self.taken_ids = {j.id for j in dossier.judgements} - ({original.id} if original else set())
        self._suggest_id = original is None

        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("text")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText("What you conclude, in one or two sentences")
        self.text_edit.setFixedHeight(80)
        self.id_edit = QLineEdit()
        self.id_edit.setObjectName("id")
        self.id_edit.setPlaceholderText("suggested from the text")
        self.confidence = ChoiceCombo(confidence_choices())
        self.confidence.setObjectName("confidence")
        self.likelihood = ChoiceCombo(likelihood_choices())
        self.likelihood.setObjectName("likelihood")
        self.picker = GroundsPicker(dossier, original.based_on if original else [])
        self.picker.setObjectName("based_on")
        hint = QLabel("The developments and key figures this judgement rests on.")
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)

        self.add_field("text", "&Judgement:", self.text_edit, self._text)
        self.add_field("id", "&Id:", self.id_edit, self._id)
        self.add_field("confidence", "&Confidence:", self.confidence, self._confidence)
        self.add_field("likelihood", "&Likelihood:", self.likelihood)
        grounds = self.add_field(
            "based_on", "&Based on:", self.picker, warn=self._grounds_warning
        )
        self.form.addRow("", hint)
        self.picker.changed.connect(lambda: self._touch(grounds))
        self.text_edit.textChanged.connect(self._text_changed)
        self.id_edit.textEdited.connect(self._stop_suggesting)
        if original is not None:
            self.text_edit.setPlainText(original.text)
            self.id_edit.setText(original.id)
            self.confidence.set_value(original.confidence)
            self.likelihood.set_value(original.likelihood)
        self.revalidate()

    def _touch(self, row: FieldRow) -> None:
        row.touched = True
        self.revalidate()

    def _text_changed(self) -> None:
        if self._suggest_id:
            words = " ".join(self.text_edit.toPlainText().split()[:_ID_WORDS])
            self.id_edit.setText(rules.unique_id(rules.slug(words, "judgement"), self.taken_ids))

    def _stop_suggesting(self, _text: str) -> None:
        self._suggest_id = False

    # -- checks --------------------------------------------------------------
    def _text(self) -> str:
        return rules.required_text(" ".join(self.text_edit.toPlainText().split()), "The judgement")

    def _id(self) -> str:
        return rules.item_id(self.id_edit.text(), self.taken_ids)

    def _confidence(self) -> str:
        value = self.confidence.value()
        if value is None:
            raise rules.FieldError("Say how sure you are: low, moderate or high confidence")
        return value

    def _grounds_warning(self) -> str | None:
        if self.picker.selected():
            return None
        return "Rests on nothing: check warns about a judgement without grounds"

    def result_value(self) -> Judgement:
        original = self.original
        judgement = Judgement(
            id=self._id(),
            text=self._text(),
            confidence=self._confidence(),
            likelihood=self.likelihood.value(),
            based_on=self.picker.selected(),
        )
        if original is not None:
            judgement.extra = dict(original.extra)  # keys this version does not know survive
            if original.text.split() == judgement.text.split():
                judgement.text = original.text  # only the spacing differs: keep the file's
        return judgement
