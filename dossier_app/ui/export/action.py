"""File ▸ Export Briefing…: the menu entry. The dialog is imported when it is first opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from .dialog import ExportDialog
    from .host import ExportHost


def install_export_action(window: ExportHost) -> QAction:
    """Add File ▸ Export Briefing… (Ctrl+E), enabled while a dossier is open."""
    action = QAction("&Export Briefing…", window.window())
    action.setObjectName("exportPdfAction")
    action.setShortcut(QKeySequence("Ctrl+E"))
    action.setStatusTip("Export the current dossier as a briefing: PDF, Word, Markdown, xlsx, CSV")
    action.triggered.connect(lambda _checked=False: _open(window))
    window.addAction(action)  # the shortcut works with the menu bar hidden too
    window.file_menu.insertAction(window.close_action, action)
    window.file_menu.insertSeparator(window.close_action)
    action.setEnabled(window.current_document() is not None)
    window.currentDocumentChanged.connect(lambda doc: action.setEnabled(doc is not None))
    return action


def _open(window: ExportHost) -> ExportDialog | None:
    from .dialog import open_export_dialog

    return open_export_dialog(window)
