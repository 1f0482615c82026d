"""The page shown while no dossier is open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ..widgets.icons import app_icon
from ..widgets.text import muted, plain_label


def make_welcome(
    parent: QWidget, open_files: Callable[[], None], open_folder: Callable[[], None]
) -> QWidget:
    page = QWidget(parent)
    page.setObjectName("welcomePage")
    layout = QVBoxLayout(page)
    layout.addStretch(2)
    icon = QLabel(page)
    icon.setPixmap(app_icon().pixmap(96, 96))
    icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(icon)
    title = plain_label("No dossier open", page)
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    title.setFont(font)
    title.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(title)
    hint = plain_label(
        "Double-click a company in the library, open a file, or drop .yaml files here.",
        page,
        wrap=True,
    )
    hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
    muted(hint)
    layout.addWidget(hint)
    buttons = QWidget(page)
    row = QVBoxLayout(buttons)
    row.setAlignment(Qt.AlignmentFlag.AlignCenter)
    for text, slot in (("Open…", open_files), ("Open Folder…", open_folder)):
        button = QPushButton(text, buttons)
        button.setMinimumWidth(180)
        button.clicked.connect(slot)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(buttons)
    layout.addStretch(3)
    return page
