"""The key-figures table: label, value as a reader says it, period, as-of date, sources."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ...domain.formatting import format_figure_value, format_number, reflow
from ...domain.model import Dossier, Figure
from .base import RIGHT, Column, DossierListModel, none_last


class FiguresModel(DossierListModel[Figure]):
    """The dossier's key figures in file order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = (
            Column("Label", lambda f: f.label, tip=lambda f: reflow(f.note) if f.note else None),
            Column(
                "Value",
                format_figure_value,
                key=lambda f: (f.unit, f.value),
                align=RIGHT,
                tip=lambda f: f"{format_number(f.value, scale_words=False)} {f.unit}",
            ),
            Column("Period", lambda f: f.period or ""),
            Column(
                "As of",
                lambda f: f.as_of.display() if f.as_of else "",
                key=lambda f: none_last(f.as_of.sort_key if f.as_of else None),
            ),
            Column("Sources", self._sources_text, tip=self._sources_tip),
        )

    def items_of(self, dossier: Dossier) -> list[Figure]:
        return dossier.figures

    def _source_names(self, f: Figure) -> list[str]:
        dossier = self.dossier()
        names = []
        for sid in f.sources:
            source = dossier.source(sid) if dossier is not None else None
            names.append((source.publisher or source.title) if source is not None else sid)
        return names

    def _sources_text(self, f: Figure) -> str:
        return ", ".join(self._source_names(f))

    def _sources_tip(self, f: Figure) -> str | None:
        dossier = self.dossier()
        if dossier is None or not f.sources:
            return None
        lines = []
        for sid in f.sources:
            source = dossier.source(sid)
            lines.append(source.title if source is not None else f"{sid} (missing)")
        return "\n".join(lines)

    def search_text(self, item: Figure) -> str:
        f = item
        return "\n".join(
            (f.label, f.unit, f.period or "", f.note or "", format_figure_value(f), f.id)
        )
