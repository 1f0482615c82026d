"""Corroboration flags in the claim tables (timeline, key figures): a column, a role, a filter.

The flags come from ``domain.corroboration`` for the dossier as it is now and
the "stale" threshold in the settings. A table's ``ClaimFlags`` works them out
for the rows shown (and, for sorting or a flag filter, for all) and forgets
them when the list resets, when a source changes (a grade or a ``via`` moves a
claim's flags without touching the claim) or when the threshold changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from ...domain.corroboration import FLAGS, Claim, Corroboration, describe_flags
from ..settings import Settings, settings_signals
from ..widgets.flag_icons import ANY_FLAG
from .base import CENTER, Column

if TYPE_CHECKING:
    from ..document import DossierDocument
    from .base import DossierListModel

#: The flags of a row's claim (a tuple of ``domain.corroboration`` codes), for delegates.
#: Far from the base roles: other columns add roles of their own.
FlagsRole = Qt.ItemDataRole.UserRole + 40

#: The filter value that keeps every flagged claim ("Needs corroboration").
NEEDS_CORROBORATION = ANY_FLAG
#: The filter's key in a model's cached item sets.
FLAG_FILTER = "flag"

_ORDER = {code: i for i, code in enumerate(FLAGS)}
HEADER_TIP = (
    "Corroboration flags: single origin, weak sourcing, uncited, stale. "
    "Hover over a row's flags for what they mean."
)


def flag_names(flags: tuple[str, ...]) -> str:
    """``Single origin, Weak sourcing``: the flags in words (the cell's text)."""
    return ", ".join(FLAGS[c].name for c in flags if c in FLAGS)


def keeps(flags: tuple[str, ...], wanted: str) -> bool:
    """True when a claim with ``flags`` passes the flag filter ``wanted``."""
    return bool(flags) if wanted == NEEDS_CORROBORATION else wanted in flags


class ClaimFlags(QObject):
    """The flags of one model's claims, worked out when first asked for."""

    def __init__(self, model: DossierListModel[Any], column: int) -> None:
        super().__init__(model)
        self.model = model
        #: The model's Flags column (for ``dataChanged``).
        self.column = column
        self.stale_years = Settings().stale_years()
        self._corroboration: Corroboration | None = None
        self._cache: dict[int, tuple[str, ...]] = {}
        settings_signals().staleYearsChanged.connect(self._threshold_changed)

    def of(self, claim: Claim) -> tuple[str, ...]:
        """The flags of ``claim`` (empty when it is well sourced)."""
        key = id(claim)
        found = self._cache.get(key)
        if found is None:
            corroboration = self.corroboration()
            if corroboration is None:
                return ()
            found = self._cache[key] = corroboration.flags(claim)
        return found

    def corroboration(self) -> Corroboration | None:
        """The dossier's flags as of today (None when the model shows no dossier)."""
        if self._corroboration is None:
            dossier = self.model.dossier()
            if dossier is None:
                return None
            self._corroboration = Corroboration(dossier, stale_years=self.stale_years)
        return self._corroboration

    def column_def(self) -> Column[Any]:
        """The Flags column: the flags' names as text (a delegate draws them as icons)."""
        return Column(
            "Flags",
            lambda c: flag_names(self.of(c)),
            key=lambda c: (len(self.of(c)), [_ORDER[f] for f in self.of(c)]),
            align=CENTER,
            tip=lambda c: describe_flags(self.of(c)) or None,
            header_tip=HEADER_TIP,
        )

    def bits(self, items: list[Any], wanted: str) -> list[bool]:
        """One flag per item: does it pass the flag filter ``wanted``?"""
        return [keeps(self.of(x), wanted) for x in items]

    def forget(self) -> None:
        """Forget the flags (inside a reset: the rows are redrawn anyway)."""
        self._corroboration = None
        self._cache.clear()

    def follow(self, document: DossierDocument, watched: frozenset[str]) -> None:
        """Refresh when the sources change and the model does not reset for them."""
        if "sources" not in watched:
            document.listChanged.connect(self._list_changed)

    def refresh(self) -> None:
        """The flags may have changed without the claims changing: redraw, filter again."""
        self.forget()
        model = self.model
        rows = model.rowCount()
        if rows:
            model.dataChanged.emit(
                model.index(0, self.column), model.index(rows - 1, self.column)
            )
        model.forget_cached_filter(FLAG_FILTER)
        model.refilter()

    def _list_changed(self, name: str) -> None:
        if name == "sources":
            self.refresh()

    def _threshold_changed(self, years: int) -> None:
        self.stale_years = years
        self.refresh()


def index_flags(index: QModelIndex | QPersistentModelIndex) -> tuple[str, ...]:
    """The flags a model gives for an index (empty when it gives none)."""
    value = index.data(FlagsRole)
    return tuple(value) if isinstance(value, tuple) else ()
