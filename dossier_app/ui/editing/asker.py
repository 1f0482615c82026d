"""The narrow door through which editing logic asks the user something.

Saving, closing, conflicts and recovery ask questions through an ``Asker``
passed in, never by opening dialogs themselves: the app passes a ``QtAsker``,
tests pass a fake with scripted answers, so no test ever waits on a dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget

from ...domain.model import Development, Figure, Source

SaveChoice = Literal["save", "discard", "cancel"]
ConflictChoice = Literal["reload", "overwrite", "save_as", "cancel"]
RemoveChoice = Literal["remove", "cancel"]


@dataclass(frozen=True, slots=True)
class RecoveryOffer:
    """Unsaved edits found from an earlier session, as shown to the user."""

    original_path: Path | None
    company: str
    saved_at: str  # local time, ISO 8601 to the minute


class Asker(Protocol):
    """Questions the editing logic may ask; each returns the user's answer."""

    def ask_save_discard_cancel(self, doc_name: str) -> SaveChoice: ...

    def ask_conflict(self, doc_name: str) -> ConflictChoice: ...

    def ask_revert(self, doc_name: str) -> bool: ...

    def ask_save_path(self, suggested: Path) -> Path | None: ...

    def ask_new_dossier(self, folder: Path) -> tuple[str, Path] | None: ...

    def ask_restore_recovery(self, offers: Sequence[RecoveryOffer]) -> bool: ...

    def ask_remove_references(
        self, source: Source, developments: Sequence[Development], figures: Sequence[Figure]
    ) -> RemoveChoice: ...

    def show_error(self, title: str, text: str) -> None: ...


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str = "",
) -> QMessageBox:
    """A message box that never reads dossier text as rich text."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if informative:
        box.setInformativeText(informative)
    # The informative text has no format setter and its label guesses rich text:
    # set every label's format so a dossier name can never turn into markup.
    for label in box.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
    return box


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def describe_citing(developments: Sequence[Development], figures: Sequence[Figure]) -> str:
    """The items that cite a source, one per line, as the delete question lists them."""
    lines = [f"• Development: {d.date.display()} — {d.title}" for d in developments]
    lines += [f"• Key figure: {f.label}" for f in figures]
    limit = 12
    if len(lines) > limit:
        lines = [*lines[:limit], f"… and {len(lines) - limit} more"]
    return "\n".join(lines)


class QtAsker:
    """Asks with message boxes and file dialogs, modal to ``parent``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def ask_save_discard_cancel(self, doc_name: str) -> SaveChoice:
        box = _box(
            self.parent,
            QMessageBox.Icon.Warning,
            "Unsaved changes",
            f"Save the changes to “{doc_name}” before closing?",
            "Your changes will be lost if you don't save them.",
        )
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def ask_conflict(self, doc_name: str) -> ConflictChoice:
        box = _box(
            self.parent,
            QMessageBox.Icon.Warning,
            "File changed on disk",
            f"The file of “{doc_name}” was changed by another program, and you have unsaved edits.",
            "Reload the file and lose your edits, keep your edits and overwrite the file, "
            "or save your edits as a new file?",
        )
        reload = box.addButton("Reload from Disk", QMessageBox.ButtonRole.DestructiveRole)
        overwrite = box.addButton("Keep Mine and Overwrite", QMessageBox.ButtonRole.AcceptRole)
        save_as = box.addButton("Save As…", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        if clicked is reload:
            return "reload"
        if clicked is overwrite:
            return "overwrite"
        if clicked is save_as:
            return "save_as"
        return "cancel"

    def ask_revert(self, doc_name: str) -> bool:
        box = _box(
            self.parent,
            QMessageBox.Icon.Question,
            "Revert",
            f"Revert “{doc_name}” to the saved file?",
            "All unsaved edits will be lost.",
        )
        revert = box.addButton("Revert", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is revert

    def ask_save_path(self, suggested: Path) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self.parent, "Save Dossier As", str(suggested), "Dossiers (*.yaml);;All files (*)"
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(".yaml")

    def ask_new_dossier(self, folder: Path) -> tuple[str, Path] | None:
        from .forms.new_dossier_form import NewDossierForm

        form = NewDossierForm(folder, self.parent)
        if form.exec() != NewDossierForm.DialogCode.Accepted:
            return None
        return form.result_value()

    def ask_restore_recovery(self, offers: Sequence[RecoveryOffer]) -> bool:
        lines = []
        for offer in offers:
            where = str(offer.original_path) if offer.original_path else "(not yet saved)"
            lines.append(f"• {offer.company} — {where}, {offer.saved_at}")
        box = _box(
            self.parent,
            QMessageBox.Icon.Question,
            "Restore unsaved edits",
            "The app closed without saving these dossiers. Restore the unsaved edits?",
            "\n".join(lines),
        )
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.exec()
        return box.clickedButton() is restore

    def ask_remove_references(
        self, source: Source, developments: Sequence[Development], figures: Sequence[Figure]
    ) -> RemoveChoice:
        box = _box(
            self.parent,
            QMessageBox.Icon.Question,
            "Delete source",
            f"“{source.title}” is cited by {_count(len(developments) + len(figures), 'item')}. "
            "Delete it and remove these references?",
            describe_citing(developments, figures),
        )
        remove = box.addButton("Delete and Remove References", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return "remove" if box.clickedButton() is remove else "cancel"

    def show_error(self, title: str, text: str) -> None:
        box = _box(self.parent, QMessageBox.Icon.Critical, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()
