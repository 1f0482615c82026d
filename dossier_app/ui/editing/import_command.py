"""The undo command of an imported source, and what becomes of its archived files.

The archived copy and its text are written when the analyst confirms the
import, before the source is added: the dossier in memory never points to a
file that is not there. Then:

- **Undo** removes the source, and removes the files too unless the dossier
  file on disk refers to them (the import was saved: the saved file needs
  them). Nothing the user made is ever deleted: the files are the app's copies
  of an article that stays where it was, and the command keeps their bytes.
- **Redo** adds the source again and writes the files again if they are gone.
- When the document closes, or is reverted or reloaded (its undo history is
  gone), files of its imports that the file on disk does not refer to are
  removed (``forget_unsaved``).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from ...domain.model import Source
from ...fileio.archive import ArchiveError, archive_paths, write_archive
from ..document import DossierDocument
from .commands import AddSource


class ArchivedFiles:
    """The files of one import: where they go and their bytes, to write them again."""

    def __init__(
        self, dossier_path: Path, source_id: str, ext: str, data: bytes, text: str | None
    ) -> None:
        self.dossier_path = dossier_path
        self.source_id, self.ext, self.data, self.text = source_id, ext, data, text
        copy, text_path = archive_paths(dossier_path, source_id, ext)
        self.paths = [p for p in (copy, text_path) if p is not None]
        self.archived = ""

    def write(self) -> str:
        """Write the copy and its text (``ArchiveError`` when they cannot be); the sha256."""
        written = write_archive(self.dossier_path, self.source_id, self.ext, self.data, self.text)
        self.archived = written.archived
        return written.sha256

    def ensure(self) -> None:
        """Write the files again where they went missing (after an undo)."""
        if all(p.exists() for p in self.paths):
            return
        for path in self.paths:
            if path.exists():  # half there: write both, never over a file of someone else
                return
        with contextlib.suppress(ArchiveError):
            self.write()

    def saved_refers(self) -> bool:
        """True when the dossier file on disk names the archived copy (or cannot be read)."""
        try:
            data = self.dossier_path.read_bytes()
        except FileNotFoundError:
            return False
        except OSError:
            return True  # when in doubt, keep
        return self.archived.encode("utf-8") in data

    def remove_if_unsaved(self) -> None:
        """Remove the files when the file on disk does not refer to them."""
        if not self.archived or self.saved_refers():
            return
        for path in self.paths:
            with contextlib.suppress(OSError):
                path.unlink()
        folder = self.paths[0].parent
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty


class ImportSource(AddSource):
    """Add an imported source whose archived files were just written."""

    def __init__(self, doc: DossierDocument, source: Source, files: ArchivedFiles) -> None:
        super().__init__(doc, source)
        self.setText(f"Import source {self.text().removeprefix('Add source ')}")
        self.files = files
        self._first = True

    def redo(self) -> None:
        if not self._first:
            self.files.ensure()
        self._first = False
        super().redo()

    def undo(self) -> None:
        super().undo()
        self.files.remove_if_unsaved()

