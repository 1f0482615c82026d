"""The corroboration flags in the claim tabs: the Flags column's delegate and the flag filter."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ...domain.corroboration import FLAGS
from ..models.flags import NEEDS_CORROBORATION, index_flags
from ..widgets.combos import NarrowCombo
from ..widgets.flag_icons import flag_icon, flag_pixmap, paint_flag
from ..widgets.text import plain_label, tooltip
from .common import DetailPane

#: Side of one flag's icon in the column, and the gap between two.
ICON_PX = 13
GAP_PX = 2
#: Wide enough for the header ("Flags") and three icons (a figure's most).
COLUMN_WIDTH = 48

ANY_CLAIM = ""  # "All claims": combo data is never None


def column_floor() -> int:
    """The narrowest the Flags column gets: two icons (a development's most), edge to edge."""
    return 2 * ICON_PX + GAP_PX


class FlagsDelegate(QStyledItemDelegate):
    """Draws a row's flags as icons side by side (the cell's text is for copy and tests)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background, selection and focus, without the names
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        flags = index_flags(index)
        if not flags:
            return
        rect = option.rect
        width = len(flags) * ICON_PX + (len(flags) - 1) * GAP_PX
        x = rect.x() + max(2, (rect.width() - width) / 2)
        y = rect.y() + (rect.height() - ICON_PX) / 2
        painter.save()
        painter.setClipRect(rect)
        for code in flags:
            paint_flag(painter, code, QRectF(x, y, ICON_PX, ICON_PX))
            x += ICON_PX + GAP_PX
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        n = max(1, len(index_flags(index)))
        return QSize(n * ICON_PX + (n - 1) * GAP_PX + 8, ICON_PX + 6)


class FlagFilterCombo(NarrowCombo):
    """"All claims", "Needs corroboration", then one entry per flag (data: the filter value)."""

    def __init__(
        self, codes: tuple[str, ...] = tuple(FLAGS), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("flagFilter")
        self.addItem("All claims", ANY_CLAIM)
        self.addItem(flag_icon(NEEDS_CORROBORATION), "Needs corroboration", NEEDS_CORROBORATION)
        self.setItemData(
            1, tooltip("Claims with any corroboration flag"), Qt.ItemDataRole.ToolTipRole
        )
        for code in codes:
            info = FLAGS[code]
            self.addItem(flag_icon(code), info.name, code)
            self.setItemData(self.count() - 1, tooltip(info.description),
                             Qt.ItemDataRole.ToolTipRole)
        self.setToolTip(tooltip("Show only the claims that need corroboration, or one flag"))
        self.setMinimumContentsLength(6)
        self.setSizeAdjustPolicy(NarrowCombo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def flag(self) -> str | None:
        """The filter value chosen (None: all claims)."""
        value = self.currentData()
        return value if isinstance(value, str) and value else None

    def set_flag(self, value: str | None) -> None:
        self.setCurrentIndex(max(self.findData(value or ANY_CLAIM), 0))


def flag_row(code: str, text: str, parent: QWidget | None = None) -> QWidget:
    """A flag's icon and a line of plain text beside it."""
    row = QWidget(parent)
    row.setObjectName(f"flag:{code}")
    box = QHBoxLayout(row)
    box.setContentsMargins(0, 2, 0, 0)
    box.setSpacing(6)
    icon = QLabel(row)
    icon.setPixmap(flag_pixmap(code, 16))
    box.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
    box.addWidget(plain_label(text, row, wrap=True, selectable=True), 1)
    return row


def add_flags(pane: DetailPane, flags: tuple[str, ...]) -> None:
    """The claim's flags in a detail pane, each with what it means; nothing when none."""
    if not flags:
        return
    pane.add_heading("Needs corroboration")
    for code in flags:
        info = FLAGS[code]
        pane.add_widget(flag_row(code, f"{info.name}: {info.description}"))
