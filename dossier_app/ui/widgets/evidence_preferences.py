"""The evidence row of the Preferences dialog: how old a key figure may get before it is stale.

``add_evidence_preferences(form, settings)`` adds the row to the dialog's
``QFormLayout``; a change is saved at once and the open dossiers follow it
(``Settings.set_stale_years`` tells them through ``settings_signals()``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QSpinBox

from ..settings import STALE_YEARS_RANGE, Settings
from .text import set_tooltip


def add_evidence_preferences(form: QFormLayout, settings: Settings) -> QSpinBox:
    """Add "Flag figures as stale after N years" to ``form``; the spin box it added."""
    spin = QSpinBox()
    spin.setObjectName("staleYears")
    spin.setRange(*STALE_YEARS_RANGE)
    spin.setValue(settings.stale_years())
    spin.setSuffix(" years")
    set_tooltip(
        spin,
        "A key figure whose as-of date (or its newest source's publication date) is older "
        "than this is flagged stale.",
    )
    spin.valueChanged.connect(settings.set_stale_years)
    form.addRow("Flag key figures as &stale after:", spin)
    return spin
