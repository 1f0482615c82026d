"""Undo commands: one small class per kind of edit a user makes to an open dossier.

Commands never change a domain object in place: an edit swaps in a new object
or a new list made by the pure functions of ``domain.edits``, so the old one
stays intact for undo. All changes go
through the ``DossierDocument`` mutation methods, which keep the Qt models in step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from ...domain import edits
from ...domain.dates import PartialDate
from ...domain.model import Company, Development, Dossier, Figure, Judgement, ListName, Source
from ..document import LIST_NAMES, DossierDocument
from .grounds import FollowGrounds

#: Longest title quoted in a command's text (the undo history is a narrow list).
_TEXT_LIMIT = 48

#: What to show once a command is undone or redone: a list ("timeline", "sources",
#: "figures") or "profile", and the id of the item to select (None: the item is gone,
#: show its list).
Target = tuple[str, str | None]


def selection_after(command: QUndoCommand, undone: bool) -> Target | None:
    """What the user should see after ``command`` was undone (or redone)."""
    target = getattr(command, "undo_target" if undone else "redo_target", None)
    if target is not None:
        return target
    # A macro (an item with the sources made in its form): the item is its last step.
    for i in reversed(range(command.childCount())):
        child = command.child(i)
        if child is not None:
            found = selection_after(child, undone)
            if found is not None:
                return found
    return None


def quoted(text: str) -> str:
    """A title as shown in the undo history: one line, shortened, in quotes."""
    line = " ".join(text.split())
    if len(line) > _TEXT_LIMIT:
        line = line[: _TEXT_LIMIT - 1].rstrip() + "…"
    return f"'{line}'"


def _index_of(doc: DossierDocument, name: ListName, item_id: str) -> int:
    return edits.index_of(doc.dossier.items(name), item_id)


# -- generic list edits ---------------------------------------------------------
class _InsertCommand(QUndoCommand):
    """Insert one item into a list at a fixed index."""

    def __init__(
        self,
        doc: DossierDocument,
        name: ListName,
        index: int,
        item: Any,
        text: str,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.doc, self.name, self.index, self.item = doc, name, index, item
        self.redo_target: Target = (name, item.id)
        self.undo_target: Target = (name, None)

    def redo(self) -> None:
        self.doc.insert_item(self.name, self.index, self.item)

    def undo(self) -> None:
        self.doc.remove_item(self.name, self.index)


class _ReplaceCommand(QUndoCommand):
    """Swap one item of a list for an edited copy, in place."""

    def __init__(
        self,
        doc: DossierDocument,
        name: ListName,
        index: int,
        item: Any,
        text: str,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.doc, self.name, self.index = doc, name, index
        self.old = doc.dossier.items(name)[index]
        self.new = item
        self.redo_target: Target = (name, item.id)
        self.undo_target: Target = (name, self.old.id)

    def redo(self) -> None:
        self.doc.replace_item(self.name, self.index, self.new)

    def undo(self) -> None:
        self.doc.replace_item(self.name, self.index, self.old)


class _RemoveCommand(QUndoCommand):
    """Remove one item from a list."""

    def __init__(
        self,
        doc: DossierDocument,
        name: ListName,
        index: int,
        text: str,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.doc, self.name, self.index = doc, name, index
        self.item = doc.dossier.items(name)[index]
        self.redo_target: Target = (name, None)
        self.undo_target: Target = (name, self.item.id)

    def redo(self) -> None:
        self.doc.remove_item(self.name, self.index)

    def undo(self) -> None:
        self.doc.insert_item(self.name, self.index, self.item)


# -- developments -----------------------------------------------------------
class AddDevelopment(_InsertCommand):
    """Add a development where it belongs in the file's chronological order."""

    def __init__(
        self, doc: DossierDocument, dev: Development, parent: QUndoCommand | None = None
    ) -> None:
        index = doc.dossier.chronological_insert_index(dev.date)
        text = f"Add development {quoted(dev.title)}"
        super().__init__(doc, "timeline", index, dev, text, parent)


class EditDevelopment(QUndoCommand):
    """Replace a development; a new date moves it to its chronological place in the file.

    A new id is renamed in the key judgements that rest on the development.
    """

    def __init__(
        self,
        doc: DossierDocument,
        old_id: str,
        dev: Development,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(f"Edit development {quoted(dev.title)}", parent)
        self.doc = doc
        self.old_list = list(doc.dossier.timeline)
        self.redo_target: Target = ("timeline", dev.id)
        self.undo_target: Target = ("timeline", old_id)
        self.new_list = edits.replace_development(self.old_list, old_id, dev)
        self.grounds = FollowGrounds(doc, old_id, dev.id)

    def redo(self) -> None:
        self.doc.set_list("timeline", list(self.new_list))
        self.grounds.apply()

    def undo(self) -> None:
        self.grounds.revert()
        self.doc.set_list("timeline", list(self.old_list))


class _RemoveGroundCommand(_RemoveCommand):
    """Remove a development or figure, and its id from the judgements that rest on it."""

    def __init__(
        self,
        doc: DossierDocument,
        name: ListName,
        index: int,
        text: str,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(doc, name, index, text, parent)
        self.grounds = FollowGrounds(doc, self.item.id, None)

    def redo(self) -> None:
        super().redo()
        self.grounds.apply()

    def undo(self) -> None:
        self.grounds.revert()
        super().undo()


class DeleteDevelopment(_RemoveGroundCommand):
    def __init__(
        self, doc: DossierDocument, dev_id: str, parent: QUndoCommand | None = None
    ) -> None:
        index = _index_of(doc, "timeline", dev_id)
        title = doc.dossier.timeline[index].title
        super().__init__(doc, "timeline", index, f"Delete development {quoted(title)}", parent)


# -- sources ------------------------------------------------------------------
class AddSource(_InsertCommand):
    """Add a source at the end of the list (where a hand-editor would put it)."""

    def __init__(
        self, doc: DossierDocument, source: Source, parent: QUndoCommand | None = None
    ) -> None:
        index = len(doc.dossier.sources)
        text = f"Add source {quoted(source.title)}"
        super().__init__(doc, "sources", index, source, text, parent)


class EditSource(QUndoCommand):
    """Replace a source; a changed id is renamed in every reference to it as well."""

    def __init__(
        self,
        doc: DossierDocument,
        old_id: str,
        source: Source,
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(f"Edit source {quoted(source.title)}", parent)
        self.doc = doc
        index = _index_of(doc, "sources", old_id)
        self.redo_target: Target = ("sources", source.id)
        self.undo_target: Target = ("sources", old_id)
        d = doc.dossier
        self.old_timeline, self.old_figures = list(d.timeline), list(d.figures)
        self.renamed = old_id != source.id
        self.old_sources = list(d.sources)
        new_sources = list(d.sources)
        new_sources[index] = source
        if self.renamed:
            self.new_timeline = edits.rename_source(d.timeline, old_id, source.id)
            self.new_figures = edits.rename_source(d.figures, old_id, source.id)
            new_sources = edits.rename_via(new_sources, old_id, source.id)
        self.new_sources = new_sources

    def redo(self) -> None:
        self.doc.set_list("sources", list(self.new_sources))
        if self.renamed:
            self.doc.set_list("timeline", list(self.new_timeline))
            self.doc.set_list("figures", list(self.new_figures))

    def undo(self) -> None:
        if self.renamed:
            self.doc.set_list("figures", list(self.old_figures))
            self.doc.set_list("timeline", list(self.old_timeline))
        self.doc.set_list("sources", list(self.old_sources))


class DeleteSource(QUndoCommand):
    """Delete a source and, when asked, the references to it, as one undoable step.

    Without ``remove_references`` the developments and figures that cite it are
    left alone (a dangling reference that ``check`` reports): the caller asks first.
    """

    def __init__(
        self,
        doc: DossierDocument,
        source_id: str,
        remove_references: bool = True,
        parent: QUndoCommand | None = None,
    ) -> None:
        d = doc.dossier
        source = d.sources[_index_of(doc, "sources", source_id)]
        super().__init__(f"Delete source {quoted(source.title)}", parent)
        self.doc = doc
        self.redo_target: Target = ("sources", None)
        self.undo_target: Target = ("sources", source_id)
        devs, figs = d.citing(source_id)
        self.touch_timeline = remove_references and bool(devs)
        self.touch_figures = remove_references and bool(figs)
        self.old_timeline, self.old_figures = list(d.timeline), list(d.figures)
        self.new_timeline = edits.drop_source(d.timeline, source_id)
        self.new_figures = edits.drop_source(d.figures, source_id)
        # A report relayed through the deleted source now stands on its own.
        self.old_sources = list(d.sources)
        rest = [s for s in d.sources if s.id != source_id]
        self.new_sources = edits.drop_via(rest, source_id) if remove_references else rest

    def redo(self) -> None:
        if self.touch_timeline:
            self.doc.set_list("timeline", list(self.new_timeline))
        if self.touch_figures:
            self.doc.set_list("figures", list(self.new_figures))
        self.doc.set_list("sources", list(self.new_sources))

    def undo(self) -> None:
        self.doc.set_list("sources", list(self.old_sources))
        if self.touch_figures:
            self.doc.set_list("figures", list(self.old_figures))
        if self.touch_timeline:
            self.doc.set_list("timeline", list(self.old_timeline))


# -- figures ----------------------------------------------------------------
class AddFigure(_InsertCommand):
    def __init__(
        self, doc: DossierDocument, figure: Figure, parent: QUndoCommand | None = None
    ) -> None:
        index = len(doc.dossier.figures)
        text = f"Add figure {quoted(figure.label)}"
        super().__init__(doc, "figures", index, figure, text, parent)


class EditFigure(_ReplaceCommand):
    def __init__(
        self,
        doc: DossierDocument,
        old_id: str,
        figure: Figure,
        parent: QUndoCommand | None = None,
    ) -> None:
        index = _index_of(doc, "figures", old_id)
        text = f"Edit figure {quoted(figure.label)}"
        super().__init__(doc, "figures", index, figure, text, parent)
        self.grounds = FollowGrounds(doc, old_id, figure.id)

    def redo(self) -> None:
        super().redo()
        self.grounds.apply()

    def undo(self) -> None:
        self.grounds.revert()
        super().undo()


class DeleteFigure(_RemoveGroundCommand):
    def __init__(
        self, doc: DossierDocument, figure_id: str, parent: QUndoCommand | None = None
    ) -> None:
        index = _index_of(doc, "figures", figure_id)
        label = doc.dossier.figures[index].label
        super().__init__(doc, "figures", index, f"Delete figure {quoted(label)}", parent)


# -- profile and whole-dossier edits ----------------------------------------
class EditProfile(QUndoCommand):
    """Change the company profile, marking, review date and dossier tags."""

    def __init__(
        self,
        doc: DossierDocument,
        company: Company,
        marking: str | None,
        reviewed: PartialDate | None,
        tags: list[str],
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__("Edit profile", parent)
        self.doc = doc
        self.redo_target: Target = ("profile", None)
        self.undo_target: Target = ("profile", None)
        self.new = (company, marking, reviewed, list(tags))
        d = doc.dossier
        self.old = (d.company, d.marking, d.reviewed, list(d.tags))

    def redo(self) -> None:
        company, marking, reviewed, tags = self.new
        self.doc.set_profile(company, marking, reviewed, list(tags))

    def undo(self) -> None:
        company, marking, reviewed, tags = self.old
        self.doc.set_profile(company, marking, reviewed, list(tags))


class RestoreUnsavedEdits(QUndoCommand):
    """Apply a dossier recovered after a crash on top of the file's version."""

    def __init__(
        self, doc: DossierDocument, recovered: Dossier, parent: QUndoCommand | None = None
    ) -> None:
        super().__init__("Restore unsaved edits", parent)
        self.doc = doc
        self.old = _snapshot(doc.dossier)
        self.new = _snapshot(recovered)

    def redo(self) -> None:
        _apply(self.doc, self.new)

    def undo(self) -> None:
        _apply(self.doc, self.old)


_Snapshot = tuple[
    Company,
    str | None,
    PartialDate | None,
    list[str],
    dict[ListName, list[Any]],
    tuple[str | None, list[Judgement]],
]


def _snapshot(d: Dossier) -> _Snapshot:
    lists = {name: list(d.items(name)) for name in LIST_NAMES}
    briefing = (d.bottom_line, list(d.judgements))
    return (d.company, d.marking, d.reviewed, list(d.tags), lists, briefing)


def _apply(doc: DossierDocument, snap: _Snapshot) -> None:
    company, marking, reviewed, tags, lists, (bottom_line, judgements) = snap
    doc.set_profile(company, marking, reviewed, list(tags))
    for name in LIST_NAMES:
        doc.set_list(name, list(lists[name]))
    doc.set_briefing(bottom_line, list(judgements))
