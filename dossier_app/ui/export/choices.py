"""The Export dialog's choices: formats and their files, CSV tables, the marking guard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...export.formats import FORMATS, infer_format

#: Asks where to save, given a suggestion; None when the user cancels.
PathChooser = Callable[[QWidget, Path], Path | None]
#: Asks to confirm printing a less restrictive marking: (parent, chosen, the dossier's).
DowngradeConfirmer = Callable[[QWidget, str, str], bool]

#: The formats offered, in the order of the format choice: name -> (label, file filter).
FORMAT_CHOICES: dict[str, tuple[str, str]] = {
    "pdf": ("PDF briefing", "PDF documents (*.pdf)"),
    "docx": ("Word document", "Word documents (*.docx)"),
    "md": ("Markdown", "Markdown (*.md)"),
    "xlsx": ("Excel workbook (timeline, figures, sources)", "Excel workbooks (*.xlsx)"),
    "csv": ("CSV table", "CSV tables (*.csv)"),
}
#: The tables a CSV export can hold: name -> label.
CSV_TABLES: dict[str, str] = {
    "timeline": "Timeline",
    "figures": "Key figures",
    "sources": "Sources",
}
#: Markings whose briefings go to named people (the CLI notes when none are given).
NAMED_RECIPIENTS = ("TLP:RED", "TLP:AMBER+STRICT")


def choose_export_path(parent: QWidget, suggested: Path) -> Path | None:
    """The system save dialog for the format the suggestion's suffix names (it asks before
    replacing a file)."""
    fmt = infer_format(suggested) or "pdf"
    name, _filter = QFileDialog.getSaveFileName(
        parent, "Export Briefing", str(suggested), FORMAT_CHOICES[fmt][1]
    )
    if not name:
        return None
    return with_suffix(Path(name), fmt)


def confirm_downgrade(parent: QWidget, chosen: str, own: str) -> bool:
    """Ask before printing ``chosen`` on a briefing of a dossier marked ``own``."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Lower the Marking?",
        f"The dossier is marked {own}. Export it marked {chosen}, which allows wider "
        "sharing?\n\nThe briefing will say that its marking was lowered.",
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    lower = box.addButton(f"Export as {chosen}", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is lower


def with_suffix(path: Path, fmt: str) -> Path:
    """``path`` ending in the format's suffix: a known format's suffix is replaced, else added."""
    suffix = FORMATS[fmt]
    if path.suffix.lower() == suffix:
        return path
    if infer_format(path) is not None:
        return path.with_suffix(suffix)
    return path.with_name(path.name + suffix)
