"""A form for an item that cites sources: the source picker and "New source…"."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from ....domain.model import Dossier, Source
from . import rules
from .fields import FormDialog, SourcePicker
from .source_form import SourceForm


class CitingForm(FormDialog):
    """Base of the development and figure forms.

    Sources made with "New source…" are kept in ``new_sources``; whoever applies
    the form adds them in the same undo step as the item.
    """

    def __init__(
        self, title: str, dossier: Dossier, cited: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.dossier = dossier
        self.new_sources: list[Source] = []
        self.source_form: SourceForm | None = None
        self.picker = SourcePicker(dossier.sources, cited)
        self.picker.newSourceRequested.connect(self.open_source_form)

    def open_source_form(self) -> SourceForm:
        """Open the source form on top of this one; an accepted source is ticked here."""
        taken = {s.id for s in self.dossier.sources} | {s.id for s in self.new_sources}
        form = SourceForm(taken, parent=self)
        form.accepted.connect(lambda: self._add_new_source(form))
        form.finished.connect(form.deleteLater)
        self.source_form = form
        form.open()
        return form

    def _add_new_source(self, form: SourceForm) -> None:
        source = form.result_value()
        self.new_sources.append(source)
        self.picker.add_source(source)

    def _sources_check(self) -> None:
        known = {s.id for s in self.dossier.sources} | {s.id for s in self.new_sources}
        missing = [sid for sid in self.picker.selected() if sid not in known]
        if missing:
            raise rules.FieldError(
                "No such source: " + ", ".join(missing) + " — untick it or create it"
            )
