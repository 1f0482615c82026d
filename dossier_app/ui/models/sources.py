"""The sources table: title, publisher, dates, reliability, and how often each is cited."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from ...domain.formatting import format_reliability, reflow
from ...domain.model import Dossier, Source
from .base import CENTER, Column, DossierListModel, none_last


def _date_key(s: Source, attr: str) -> tuple[bool, Any]:
    value = getattr(s, attr)
    return none_last(value.sort_key if value is not None else None)


class SourcesModel(DossierListModel[Source]):
    """The dossier's sources in file order; "Cited by" counts developments and figures."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[str, int] = {}
        self._archived: dict[tuple[str, str | None], str | None] = {}
        self.columns = (
            Column("Title", lambda s: s.title, tip=lambda s: reflow(s.notes) if s.notes else None),
            Column("Publisher", lambda s: s.publisher or ""),
            Column(
                "Published",
                lambda s: s.published.display() if s.published else "",
                key=lambda s: _date_key(s, "published"),
            ),
            Column(
                "Accessed",
                lambda s: s.accessed.display() if s.accessed else "",
                key=lambda s: _date_key(s, "accessed"),
            ),
            Column(
                "Reliability",
                lambda s: s.reliability or "",
                key=lambda s: none_last(s.reliability),
                align=CENTER,
                tip=lambda s: format_reliability(s.reliability) or None,
                header_tip="Admiralty source grade: A completely reliable … F cannot be judged",
            ),
            Column(
                "Cited by",
                lambda s: str(self._counts.get(s.id, 0)),
                key=lambda s: self._counts.get(s.id, 0),
                align=CENTER,
                header_tip="Developments and key figures that cite the source",
            ),
        )

    def items_of(self, dossier: Dossier) -> list[Source]:
        return dossier.sources

    def citation_count(self, source_id: str) -> int:
        return self._counts.get(source_id, 0)

    def extra_data(self, item: Source, column: int, role: int) -> Any:
        # An uncited source is worth a second look: grey its count.
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == len(self.columns) - 1
            and not self._counts.get(item.id)
        ):
            return QBrush(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        return None

    def search_text(self, item: Source) -> str:
        s = item
        fields = (s.title, s.publisher, s.author, s.url, s.notes, s.id, self._archived_text(s))
        return "\n".join(x or "" for x in fields)

    def _archived_text(self, s: Source) -> str | None:
        """The archived main text (read once per copy; the filter searches it too)."""
        path = self._document.path if self._document is not None else None
        if not s.archived or path is None:
            return None
        key = (s.archived, s.sha256)
        if key not in self._archived:
            from ...fileio.archive import read_archived_text

            self._archived[key] = read_archived_text(path, s.archived)
        return self._archived[key]

    def _prepare(self) -> None:
        dossier = self.dossier()
        self._counts = dossier.citation_counts() if dossier is not None else {}
        super()._prepare()
