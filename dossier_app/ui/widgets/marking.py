"""The handling marking (TLP) drawn in its colours: a badge label and a table-cell chip."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

_FALLBACK = ("#E0E0E0", "#000000", "#808080")
#: Every marking starts so; other cell texts ("Reading…") need not look further.
_PREFIX = "TLP:"


def _colour_table() -> dict[str, tuple[str, str, str]]:
    # The domain is imported with the first dossier read, after the window's first paint.
    from ...domain.formatting import MARKING_COLOURS

    return MARKING_COLOURS


def marking_colours(marking: str) -> tuple[QColor, QColor, QColor]:
    """Background, text and border colour of a marking."""
    bg, fg, border = _colour_table().get(marking, _FALLBACK)
    return QColor(bg), QColor(fg), QColor(border)


class MarkingBadge(QLabel):
    """The marking as a prominent badge: ``TLP:AMBER`` in amber, ``TLP:CLEAR`` white, boxed."""

    def __init__(self, marking: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if marking is None:
            from ...domain.model import DEFAULT_MARKING

            marking = DEFAULT_MARKING
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 104)
        self.setFont(font)
        self.set_marking(marking)

    def set_marking(self, marking: str) -> None:
        self.setText(marking)
        bg, fg, border = marking_colours(marking)
        self.setStyleSheet(
            f"QLabel {{ background: {bg.name()}; color: {fg.name()}; "
            f"border: 2px solid {border.name()}; border-radius: 4px; padding: 4px 12px; }}"
        )
        self.setAccessibleName(f"Marking {marking}")


class MarkingDelegate(QStyledItemDelegate):
    """Paints a marking cell as a small coloured chip (text from DisplayRole)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text.startswith(_PREFIX) or text not in _colour_table():
            super().paint(painter, option, index)
            return
        # Selection background first, so the chip sits on the selected row.
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        bg, fg, border = marking_colours(text)
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.85)
        metrics = QFontMetrics(font)
        label = text.removeprefix("TLP:")
        width = min(metrics.horizontalAdvance(label) + 12, option.rect.width() - 6)
        height = min(metrics.height() + 4, option.rect.height() - 4)
        rect = QRect(0, 0, width, height)
        rect.moveCenter(option.rect.center())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(border, 1))
        painter.setBrush(bg)
        painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        painter.setFont(font)
        painter.setPen(fg)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(max(size.width(), 64), size.height())
