"""A combo box that gives way in a narrow window instead of holding the row's width."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox

#: What a narrow combo keeps beside its icon: the arrow and a character or two.
NARROW_EXTRA_PX = 34


class NarrowCombo(QComboBox):
    """Its preferred width as usual; at its narrowest, the icon and the arrow (the text
    elides), so that a filter row of several combos still fits half a screen."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.iconSize().width() + NARROW_EXTRA_PX), hint.height())
