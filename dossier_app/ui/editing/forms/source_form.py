"""The form for adding or editing a source."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ....domain.model import RELIABILITY, Source, is_safe_url, today
from . import rules
from .fields import ChoiceCombo, FormDialog, IdSuggester


class SourceForm(FormDialog):
    """Add a source (``original`` None) or edit one; ``result_value()`` gives the new object.

    ``taken_ids`` are the ids already in use (the edited source's own id excluded).
    """

    def __init__(
        self,
        taken_ids: Collection[str],
        original: Source | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Edit Source" if original else "New Source", parent)
        self.setObjectName("source_form")
        self.original = original
        self.taken_ids = set(taken_ids)

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("title")
        self.id_edit = QLineEdit()
        self.id_edit.setObjectName("id")
        self.publisher_edit = QLineEdit()
        self.author_edit = QLineEdit()
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("url")
        self.url_edit.setPlaceholderText("https://…")
        self.archive_edit = QLineEdit()
        self.archive_edit.setPlaceholderText("https://web.archive.org/…")
        self.published_edit = QLineEdit()
        self.published_edit.setObjectName("published")
        self.published_edit.setPlaceholderText("2021, 2021-09 or 2021-09-21")
        self.published_edit.setMaximumWidth(200)
        self.accessed_edit = QLineEdit()
        self.accessed_edit.setObjectName("accessed")
        self.accessed_edit.setPlaceholderText("2021-09-21")
        self.accessed_edit.setMaximumWidth(200)
        self.reliability = ChoiceCombo[str | None](
            [(None, "— not graded"), *((k, f"{k} — {v}") for k, v in RELIABILITY.items())]
        )
        self.reliability.setObjectName("reliability")
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(72)

        self.add_field("title", "&Title:", self.title_edit, self._title)
        self.add_field("id", "&Id:", self.id_edit, self._id)
        self.add_field("publisher", "&Publisher:", self.publisher_edit)
        self.add_field("author", "&Author:", self.author_edit)
        self.add_field("url", "&URL:", self.url_edit, warn=lambda: _link_warning(self.url_edit))
        self.add_field(
            "archive_url",
            "Ar&chive URL:",
            self.archive_edit,
            warn=lambda: _link_warning(self.archive_edit),
        )
        self.add_field("published", "Pu&blished:", self.published_edit, self._published)
        self.add_field("accessed", "A&ccessed:", self.accessed_edit, self._accessed)
        self.add_field("reliability", "&Reliability:", self.reliability)
        self.add_field("notes", "&Notes:", self.notes_edit)

        self.ids = IdSuggester(
            self.title_edit, self.id_edit, self.taken_ids, "source", original is None
        )
        if original is not None:
            self._fill(original)
        else:
            self.accessed_edit.setText(today().iso())
        self.revalidate()

    def fill(self, s: Source) -> None:
        """Put a source's values in the fields (an import's proposal)."""
        self._fill(s)
        self.revalidate()

    def _fill(self, s: Source) -> None:
        self.title_edit.setText(s.title)
        self.id_edit.setText(s.id)
        self.publisher_edit.setText(s.publisher or "")
        self.author_edit.setText(s.author or "")
        self.url_edit.setText(s.url or "")
        self.archive_edit.setText(s.archive_url or "")
        self.published_edit.setText(s.published.iso() if s.published else "")
        self.accessed_edit.setText(s.accessed.iso() if s.accessed else "")
        self.reliability.set_value(s.reliability)
        self.notes_edit.setPlainText(s.notes or "")

    # -- checks --------------------------------------------------------------
    def _title(self) -> str:
        return rules.required_text(self.title_edit.text(), "A title")

    def _id(self) -> str:
        return rules.item_id(self.id_edit.text(), self.taken_ids, "source")

    def _published(self) -> object:
        return rules.optional_partial_date(self.published_edit.text())

    def _accessed(self) -> object:
        return rules.optional_full_date(self.accessed_edit.text())

    def result_value(self) -> Source:
        original = self.original
        source = Source(
            id=self._id(),
            title=self._title(),
            publisher=rules.optional_text(self.publisher_edit.text()),
            author=rules.optional_text(self.author_edit.text()),
            url=rules.optional_text(self.url_edit.text()),
            archive_url=rules.optional_text(self.archive_edit.text()),
            published=rules.optional_partial_date(self.published_edit.text()),
            accessed=rules.optional_full_date(self.accessed_edit.text()),
            reliability=self.reliability.value(),
            notes=rules.optional_block(
                self.notes_edit.toPlainText(), original.notes if original else None
            ),
        )
        if original is not None:
            # What the form does not edit stays: the relayed origin, the archived copy,
            # and keys this version does not know.
            source.via = original.via
            source.archived = original.archived
            source.sha256 = original.sha256
            source.extra = dict(original.extra)
        return source


def _link_warning(edit: QLineEdit) -> str | None:
    text = edit.text().strip()
    if text and not is_safe_url(text):
        return "Only http and https links can be opened; this one will be shown as text"
    return None
