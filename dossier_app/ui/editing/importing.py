"""File ▸ Import Source… and dropping a saved article on an open dossier.

The article is read in a worker thread (``fileio.article.extract_article``:
trafilatura, htmldate and pypdf are imported there, when first needed), so the
window stays responsive. What it found prefills the source form; the form
says what the file lacked. OK writes the archived copy and its text beside
the dossier and adds the source in one undoable edit (``ImportSource``; see
``import_command`` for what undo does with the files). Cancel writes nothing.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence

from ..widgets.text import plain_label

if TYPE_CHECKING:
    from ...fileio.article import Article
    from ..document import DossierDocument
    from .controller import EditController
    from .forms.source_form import SourceForm

#: What can be imported (by suffix; a file's content decides its kind).
ARTICLE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".txt", ".text", ".md", ".pdf"})
FILE_FILTER = "Saved articles (*.html *.htm *.txt *.pdf);;All files (*)"


class _Done(QObject):
    """Carries a worker's result back to the GUI thread (a queued signal)."""

    finished = Signal(object, object, object)  # path, Article | None, error text | None


class _Extract(QRunnable):
    def __init__(self, path: Path, done: _Done) -> None:
        super().__init__()
        self.path, self.done = path, done

    def run(self) -> None:
        from ...fileio.article import ArticleError, extract_article

        try:
            article = extract_article(self.path)
        except ArticleError as exc:
            self.done.finished.emit(self.path, None, str(exc))
        except Exception as exc:
            self.done.finished.emit(self.path, None, f"it could not be read ({exc})")
        else:
            self.done.finished.emit(self.path, article, None)


def article_paths(paths: list[Path]) -> list[Path]:
    """The files among ``paths`` that look like saved articles."""
    return [p for p in paths if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()]


class SourceImporter(QObject):
    """The import action of one main window and the drop target of its dossier views."""

    #: An import was added (the source id), or failed / was cancelled (None).
    finished = Signal(object)

    def __init__(self, controller: EditController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.window = controller.window
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._done = _Done(self)
        self._done.finished.connect(self._extracted)
        self._pending: dict[Path, DossierDocument] = {}
        self._files: dict[int, list[Any]] = {}  # id(document) -> ArchivedFiles of its imports
        self._hooked: weakref.WeakSet[Any] = weakref.WeakSet()  # views taking drops
        self.action = QAction("&Import Source…", self)
        self.action.setObjectName("importSourceAction")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.action.setStatusTip("Add a saved web page, text or PDF file as an archived source")
        self.action.triggered.connect(lambda _checked=False: self.choose())
        self.window.addAction(self.action)
        self.window.file_menu.insertAction(self.window.close_action, self.action)
        self.window.currentDocumentChanged.connect(self._current_changed)
        self._current_changed()

    # -- starting --------------------------------------------------------------------
    def choose(self) -> bool:
        """Ask for a file (File ▸ Import Source…) and import it into the current dossier."""
        from PySide6.QtWidgets import QFileDialog

        doc = self.window.current_document()
        if doc is None:
            return False
        start = str(doc.path.parent) if doc.path is not None else str(Path.home())
        parent = self.controller._parent_widget()
        name, _selected = QFileDialog.getOpenFileName(parent, "Import Source", start, FILE_FILTER)
        return self.start(Path(name)) if name else False

    def start(self, path: Path) -> bool:
        """Read ``path`` in the worker; the form opens when it is read. False if not begun."""
        doc = self.window.current_document()
        if doc is None:
            return False
        if doc.path is None:
            self.controller.asker.show_error(
                "Save the dossier first",
                "An imported source is archived beside the dossier's file: save the dossier "
                "first, then import the source.",
            )
            return False
        self._pending[path] = doc
        self.controller._status(f"Reading {path.name}…")
        self.pool.start(_Extract(path, self._done))
        return True

    # -- the form ----------------------------------------------------------------------
    def _extracted(self, path: Path, article: Article | None, error: str | None) -> None:
        doc = self._pending.pop(path, None)
        if doc is None or doc not in self.window.documents() or doc.path is None:
            self.finished.emit(None)
            return
        if article is None:
            self.controller._status(f"Cannot import {path.name}: {error}")
            self.controller.asker.show_error("Cannot import", f"{path.name}: {error}")
            self.finished.emit(None)
            return
        self.open_form(doc, path, article)

    def open_form(self, doc: DossierDocument, path: Path, article: Article) -> SourceForm:
        from ...fileio.source_import import propose_source
        from .forms.source_form import SourceForm

        assert doc.path is not None
        proposed = propose_source(doc.dossier, doc.path, article, path.name)
        if proposed.accessed is None:
            from ...domain.model import today

            proposed.accessed = today()  # when the analyst took it in, as for a new source
        taken = {s.id for s in doc.dossier.sources}
        form = SourceForm(taken, parent=self.controller._parent_widget())
        form.setWindowTitle("Import Source")
        form.fill(proposed)
        missing = article.missing_text()
        note = f"From {path.name}. Check the fields, then OK adds the source with an archived copy."
        if missing:
            note += f"\nNot found: {missing}."
        label = plain_label(note, form, wrap=True, object_name="importNote")
        label.setContentsMargins(0, 0, 0, 8)
        form._outer.insertWidget(0, label)
        if missing:
            self.controller._status(f"Not found in {path.name}: {missing}")

        def apply() -> None:
            self._confirm(doc, form, article)

        form.rejected.connect(lambda: self.finished.emit(None))
        self.controller._open_form(form, apply)
        return form

    def _confirm(self, doc: DossierDocument, form: SourceForm, article: Article) -> None:
        from ...fileio.archive import ArchiveError, is_archive_free
        from .import_command import ArchivedFiles, ImportSource

        assert doc.path is not None
        source = form.result_value()
        if not is_archive_free(doc.path, source.id, article.ext):
            self.controller.asker.show_error(
                "Source not imported",
                f"An archived copy for '{source.id}' already exists beside the dossier; "
                "choose another id.",
            )
            self.finished.emit(None)
            return
        files = ArchivedFiles(doc.path, source.id, article.ext, article.data, article.text)
        try:
            source.sha256 = files.write()
        except ArchiveError as exc:
            self.controller.asker.show_error("Source not imported", str(exc))
            self.finished.emit(None)
            return
        source.archived = files.archived
        self._track(doc, files)
        doc.undo_stack.push(ImportSource(doc, source, files))
        view_for = getattr(self.window, "view_for", None)
        view = view_for(doc) if view_for is not None else None
        if view is not None:
            view.select_source(source.id)
        self.controller._status(f"Imported source {source.id}; archived as {source.archived}")
        self.finished.emit(source.id)

    # -- files of imports no saved file refers to --------------------------------------
    def _track(self, doc: DossierDocument, files: Any) -> None:
        key = id(doc)
        if key not in self._files:
            self._files[key] = []
            doc.closed.connect(lambda: self._forget(key))
            doc.reset.connect(lambda: self._forget(key, keep=True))
        self._files[key].append(files)

    def _forget(self, key: int, keep: bool = False) -> None:
        """The document's undo history is gone: its unsaved imports' files go too."""
        for files in self._files.get(key, []):
            files.remove_if_unsaved()
        if keep:
            self._files[key] = []
        else:
            self._files.pop(key, None)

    # -- dropping files on a dossier -----------------------------------------------------
    def _current_changed(self, *_args: object) -> None:
        self.action.setEnabled(self.window.current_document() is not None)
        view = self.window.current_view()
        if view is not None and view not in self._hooked:
            self._hooked.add(view)
            view.setAcceptDrops(True)
            view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDropEvent)
            if _dropped_articles(event):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = _dropped_articles(event)
            if paths:
                event.acceptProposedAction()
                document = getattr(watched, "document", None)
                if document is not None and document is self.window.current_document():
                    for path in paths:
                        self.start(path)
                return True
        return False


def _dropped_articles(event: QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return article_paths([Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()])


def install_source_import(controller: EditController) -> SourceImporter:
    """Add File ▸ Import Source… (Ctrl+Shift+I) and article drops to the controller's window."""
    importer = SourceImporter(controller)
    controller.importer = importer  # type: ignore[attr-defined]
    return importer
