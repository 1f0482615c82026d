"""Plain-text widgets and helpers: dossier text is never read as HTML.

Qt guesses rich text in labels, message boxes and tooltips (``Qt.AutoText``),
so a title ``<b>x</b>`` would turn bold. Everything that shows dossier text
goes through these helpers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCursor, QPalette
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

if TYPE_CHECKING:  # imported when first used: the window's first paint needs none of them
    from PySide6.QtGui import QEnterEvent, QKeyEvent, QMouseEvent
    from PySide6.QtWidgets import QMessageBox


def tooltip(text: str | None) -> str:
    """A tooltip string that shows ``text`` literally (tooltips have no format setter)."""
    if not text:
        return ""
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def html_literal(text: str) -> str:
    """For the few places that always read HTML (QtCharts titles, legends): escaped text."""
    import html

    return html.escape(text, quote=False)


def set_tooltip(widget: QWidget, text: str | None) -> None:
    widget.setToolTip(tooltip(text))


def plain_label(
    text: str = "",
    parent: QWidget | None = None,
    *,
    wrap: bool = False,
    selectable: bool = False,
    object_name: str | None = None,
) -> QLabel:
    """A QLabel that shows its text literally."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setCursor(QCursor(Qt.CursorShape.IBeamCursor))
    if object_name:
        label.setObjectName(object_name)
    return label


def muted(label: QLabel) -> QLabel:
    """Secondary text (counts, captions, hints) in the palette's placeholder colour.

    A colour role rather than a style sheet: it follows palette changes, and a
    widget with a style sheet costs a style-sheet style on every polish.
    """
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def escape_mnemonic(text: str) -> str:
    """Button and action texts read ``&`` as a shortcut marker: double it to show it."""
    return text.replace("&", "&&")


class LinkLabel(QLabel):
    """A plain-text label that looks and acts like a link: ``clicked`` on a left click.

    Rich-text anchors would need the dossier text turned into HTML; this keeps
    it plain and still reads as a link.
    """

    clicked = Signal()

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        self.setWordWrap(True)
        self.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.Link))
        self.setPalette(pal)
        self._set_underline(False)

    def _set_underline(self, on: bool) -> None:
        font = self.font()
        font.setUnderline(on)
        self.setFont(font)

    def enterEvent(self, event: QEnterEvent) -> None:
        self._set_underline(True)
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._set_underline(False)
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    details: str | None = None,
) -> QMessageBox:
    """A window-modal message box with plain text, shown without blocking (``open``)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(icon, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if details:
        box.setDetailedText(details)  # the details pane is a plain-text edit
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
