"""Save, Save As, Revert, the close guard and conflicts with changes made on disk.

The rule throughout: no edit is lost without the user saying so, and no file
is overwritten without the user knowing. A save that fails leaves the file as
it was (the writer is atomic), says exactly what failed, and keeps the edits in
memory with the document still marked modified.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from ...domain.model import new_dossier
from ...fileio.atomic import write_bytes_atomic
from ...fileio.faithful import Rendered, faithful_text
from ...fileio.hashing import content_hash
from ...fileio.problems import SaveError
from ...fileio.writer import dump_dossier, save_dossier
from ..document import DossierDocument
from ..reading import Reader, read_for_gui
from .asker import Asker
from .faithful_base import FaithfulBases
from .forms.rules import slug

#: At most this many of a file's problems are listed when a reload or revert fails.
_PROBLEMS_SHOWN = 8


class RecoveryLike(Protocol):
    """What saving needs from the recovery store: forget a document's unsaved copy."""

    def discard(self, doc: DossierDocument) -> None: ...


def save_error_text(doc: DossierDocument, path: Path, error: BaseException) -> str:
    """The message after a failed save: what failed, why, and that nothing is lost."""
    if isinstance(error, SaveError):
        what = f"Step that failed: {error.step}\nReason: {error.reason}"
    else:  # a bug rather than the disk: still say it plainly, still keep the edits
        what = f"Reason: {type(error).__name__}: {error}"
    return (
        f"“{doc.display_name}” was not saved.\n\n"
        f"File: {path}\n{what}\n\n"
        "The file on disk is unchanged and your edits are still open. "
        "Fix the cause and save again, or use File ▸ Save As… to save them elsewhere."
    )


def saved_text(name: str, dropped: list[int]) -> str:
    """The status after a save: the file, and the comments the save could not keep."""
    if not dropped:
        return f"Saved {name}"
    lines = ", ".join(map(str, dropped[:8])) + ("…" if len(dropped) > 8 else "")
    many = len(dropped) != 1
    return (
        f"Saved {name}; {len(dropped)} comment{'s' * many} could not be kept with the "
        f"edited item{'s' * many} (line{'s' * many} {lines} of the file before the save)"
    )


class Saver:
    """Carries out Save, Save As, Revert and New Dossier, asking through ``asker``."""

    def __init__(
        self,
        asker: Asker,
        recovery: RecoveryLike | None = None,
        library_folder: Callable[[], Path] | None = None,
        reader: Reader = read_for_gui,
    ) -> None:
        self.asker = asker
        self.recovery = recovery
        self.library_folder = library_folder or Path.cwd
        #: The GUI's one door for reading files (the window opens through the same one).
        self.reader = reader
        #: Each document's faithful-save base, built when the GUI is idle (the controller).
        self.bases = FaithfulBases()
        #: Lines of the old file whose comments the last save could not keep.
        self.last_dropped: list[int] = []

    # -- saving -------------------------------------------------------------
    def save(self, doc: DossierDocument, *, overwrite: bool = False) -> bool:
        """Save to the document's file; True when its edits are now on disk.

        A file changed on disk since it was read is never overwritten without
        asking, unless ``overwrite`` says the user already chose to.
        """
        self.last_dropped = []
        path = doc.path
        if path is None:
            return self.save_as(doc)
        if not doc.is_modified and path.exists():
            return True  # nothing to write; a hand-made layout is not rewritten for nothing
        if not overwrite and path.exists() and doc.changed_on_disk():
            choice = self.asker.ask_conflict(doc.display_name)
            if choice == "reload":
                self.reload(doc)
                return False
            if choice == "save_as":
                return self.save_as(doc)
            if choice == "cancel":
                return False
        return self._write(doc, path)

    def save_as(self, doc: DossierDocument) -> bool:
        self.last_dropped = []
        suggested = doc.path or self.library_folder() / f"{slug(doc.display_name, 'dossier')}.yaml"
        path = self.asker.ask_save_path(suggested)
        if path is None:
            return False
        return self._write(doc, path.resolve())

    def _write(self, doc: DossierDocument, path: Path) -> bool:
        try:
            # Over the bytes it was loaded from, only what was edited is rewritten
            # (comments, order and layout stay); a new file is written in canonical form.
            try:
                rendered = self._render(doc)
                data = rendered.text.encode("utf-8")
            except (UnicodeEncodeError, ValueError, TypeError) as exc:
                raise SaveError(str(path), "encode", str(exc)) from exc
        except Exception as exc:  # whatever broke, even a bug: the edits stay, the user hears why
            self.asker.show_error("Could not save", save_error_text(doc, path, exc))
            return False
        try:
            write_bytes_atomic(path, data)
        except Exception as exc:
            self.asker.show_error("Could not save", save_error_text(doc, path, exc))
            return False
        digest = content_hash(data)
        if self.recovery is not None:
            self.recovery.discard(doc)  # before the path changes: the copy is keyed by it
        if path != doc.path:
            doc.set_path(path, digest)
        doc.mark_saved(digest, data)
        self.last_dropped = rendered.dropped
        self.bases.want(doc)  # for the next save, over the bytes just written
        return True

    def _render(self, doc: DossierDocument) -> Rendered:
        original = self.bases.original_for(doc)
        if original is None:
            return Rendered(dump_dossier(doc.dossier), faithful=False)
        return faithful_text(original, doc.dossier)

    # -- reading the file back ------------------------------------------------
    def reload(self, doc: DossierDocument) -> bool:
        """Replace the document with the file on disk (the edits are dropped)."""
        if doc.path is None:
            return False
        result = self.reader(doc.path)
        if result.dossier is None or result.errors:
            problems = "\n".join(str(p) for p in result.errors[:_PROBLEMS_SHOWN])
            more = len(result.errors) - _PROBLEMS_SHOWN
            if more > 0:
                problems += f"\n… and {more} more"
            self.asker.show_error(
                "Could not reload",
                f"{doc.path} cannot be read, so “{doc.display_name}” was left as it is, "
                f"with your edits.\n\n{problems}",
            )
            return False
        doc.replace_dossier(result.dossier, result.content_hash, result.warnings, result.data)
        self.bases.want(doc)
        if self.recovery is not None:
            self.recovery.discard(doc)
        return True

    def revert(self, doc: DossierDocument) -> bool:
        """Go back to the saved file, after asking when there are edits to lose."""
        if doc.path is None:
            return False
        if doc.is_modified and not self.asker.ask_revert(doc.display_name):
            return False
        return self.reload(doc)

    # -- hooks for the main window ---------------------------------------------
    def close_guard(self, doc: DossierDocument) -> bool:
        """May ``doc`` close? Asks Save / Discard / Cancel when it has unsaved edits."""
        if doc.is_modified:
            choice = self.asker.ask_save_discard_cancel(doc.display_name)
            if choice == "cancel":
                return False
            if choice == "save":
                return self.save(doc)
        if self.recovery is not None:
            self.recovery.discard(doc)
        return True

    def resolve_conflict(self, doc: DossierDocument) -> None:
        """The file changed on disk while the document has unsaved edits: the user decides."""
        choice = self.asker.ask_conflict(doc.display_name)
        if choice == "reload":
            self.reload(doc)
        elif choice == "overwrite":
            self.save(doc, overwrite=True)
        elif choice == "save_as":
            self.save_as(doc)
        # "cancel": keep the edits; the next Save asks again, since the file still differs.

    # -- new dossiers ------------------------------------------------------------
    def create_dossier(self) -> Path | None:
        """Ask for a company and a file name and write a minimal valid dossier there."""
        answer = self.asker.ask_new_dossier(self.library_folder())
        if answer is None:
            return None
        name, path = answer
        try:
            save_dossier(new_dossier(name), path)
        except SaveError as exc:
            self.asker.show_error(
                "Could not create the dossier",
                f"{path} could not be written.\nStep that failed: {exc.step}\nReason: {exc.reason}",
            )
            return None
        return path
