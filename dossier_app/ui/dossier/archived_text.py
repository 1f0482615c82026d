"""A source's archived copy in the Sources detail pane: its text, and opening the file.

The text is the ``<id>.txt`` written at import, shown as plain text (never
HTML), with the words of the tab's filter marked. "Open Archived File" hands
the copy (the saved page or PDF) to the desktop's viewer, only on a click.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QDesktopServices, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QTextEdit, QWidget

from ...domain.model import Source
from ...fileio.archive import read_archived_text, resolve_archived
from ..document import DossierDocument
from ..widgets.icons import named_icon
from ..widgets.text import set_tooltip
from .common import DetailPane

#: Longest archived text shown (a whole book would make the pane crawl).
MAX_SHOWN_CHARS = 200_000
MARK = QColor("#FFE08A")


def archived_path(document: DossierDocument, source: Source) -> Path | None:
    """The archived copy's file, when the source has one inside the dossier's folder."""
    if document.path is None or not source.archived:
        return None
    return resolve_archived(document.path, source.archived)


def archived_text(document: DossierDocument, source: Source) -> str | None:
    """The archived main text of a source, or None (no copy, or no text file)."""
    if document.path is None or not source.archived:
        return None
    return read_archived_text(document.path, source.archived)


def open_archived(path: Path) -> bool:
    """Open a file with the desktop's viewer (looked up at call time: tests replace it)."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def add_archived(
    pane: DetailPane, document: DossierDocument, source: Source, filter_text: str = ""
) -> QPlainTextEdit | None:
    """The archived file's row and its text in ``pane``; nothing when the source has none."""
    if not source.archived:
        return None
    path = archived_path(document, source)
    there = path is not None and path.is_file()
    pane.add_field("Archived file", source.archived if there else f"{source.archived} (missing)")
    button = QPushButton("Open Archived File")
    button.setObjectName("openArchivedFileButton")
    button.setIcon(named_icon("open-link"))
    button.setEnabled(there)
    if there and path is not None:
        set_tooltip(button, f"Open with the desktop's viewer:\n{path}")
        button.clicked.connect(lambda _checked=False, p=path: open_archived(p))
    else:
        set_tooltip(button, "The archived copy is not in the dossier's folder.")
    row = QWidget()
    box = QHBoxLayout(row)
    box.setContentsMargins(0, 2, 0, 0)
    box.addWidget(button)
    box.addStretch(1)
    pane.add_widget(row)

    text = archived_text(document, source)
    if not text:
        return None
    pane.add_heading("Archived text")
    view = QPlainTextEdit()
    view.setObjectName("archivedText")
    view.setReadOnly(True)
    view.setPlainText(text[:MAX_SHOWN_CHARS])
    view.setMinimumHeight(160)
    view.setMaximumHeight(320)
    mark_words(view, filter_text)
    pane.add_widget(view)
    return view


def mark_words(view: QPlainTextEdit, filter_text: str) -> int:
    """Mark each word of the filter in the text (case-insensitive); the count marked.
    The first mark is scrolled into view."""
    doc: QTextDocument = view.document()
    marks: list[QTextEdit.ExtraSelection] = []
    fmt = QTextCharFormat()
    fmt.setBackground(MARK)
    for word in filter_text.split():
        cursor = doc.find(word)
        while not cursor.isNull() and len(marks) < 1000:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            marks.append(selection)
            cursor = doc.find(word, cursor)
    view.setExtraSelections(marks)
    if marks:
        first = QTextCursor(marks[0].cursor)
        view.setTextCursor(first)
        view.ensureCursorVisible()
    return len(marks)
