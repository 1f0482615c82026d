"""The key-figures table: label, value as a reader says it, period, as-of date, sources."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from ...domain.formatting import format_figure_value, format_number, reflow
from ...domain.model import Dossier, Figure
from .base import RIGHT, Column, DossierListModel, none_last
from .flags import FLAG_FILTER, ClaimFlags, FlagsRole

#: The corroboration flags, after label, value, period, as of and sources.
FLAGS_COLUMN = 5


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
        # The figures follow the sources list too: a reset refreshes their flags.
        self.claim_flags = ClaimFlags(self, FLAGS_COLUMN)
        self.columns = (*self.columns, self.claim_flags.column_def())
        self._flag: str | None = None

    def items_of(self, dossier: Dossier) -> list[Figure]:
        return dossier.figures

    def extra_data(self, item: Figure, column: int, role: int) -> Any:
        return self.claim_flags.of(item) if role == FlagsRole else None

    def _prepare(self) -> None:
        self.claim_flags.forget()
        super()._prepare()

    def set_flag_filter(self, flag: str | None) -> None:
        """Show only figures with this flag (``NEEDS_CORROBORATION``: any; None: all)."""
        if flag != self._flag:
            self._flag = flag
            self.refilter()

    def _matching(self, order: list[int]) -> list[int]:
        rows = super()._matching(order)
        flag = self._flag
        if not flag:
            return rows
        items = self._items
        bits = self._cached_bits((FLAG_FILTER, flag), lambda: self.claim_flags.bits(items, flag))
        return self._pick(rows, bits)

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
