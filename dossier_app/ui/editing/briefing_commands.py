"""Undo commands for the bottom line and the key judgements (shown on the Overview).

Like the other commands they never change a judgement in place: each keeps the
old and the new bottom line and list, and swaps them.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ...domain import edits
from ...domain.model import Judgement
from ..document import DossierDocument
from .commands import Target, quoted

_OVERVIEW: Target = ("profile", None)  # undo and redo show the Overview


class _BriefingCommand(QUndoCommand):
    """Swap the bottom line and the judgements for new ones."""

    def __init__(
        self,
        doc: DossierDocument,
        text: str,
        bottom_line: str | None,
        judgements: list[Judgement],
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.doc = doc
        d = doc.dossier
        self.old = (d.bottom_line, list(d.judgements))
        self.new = (bottom_line, list(judgements))
        self.redo_target = self.undo_target = _OVERVIEW

    def redo(self) -> None:
        bottom_line, judgements = self.new
        self.doc.set_briefing(bottom_line, list(judgements))

    def undo(self) -> None:
        bottom_line, judgements = self.old
        self.doc.set_briefing(bottom_line, list(judgements))


class EditBottomLine(_BriefingCommand):
    def __init__(
        self, doc: DossierDocument, bottom_line: str | None, parent: QUndoCommand | None = None
    ) -> None:
        text = "Edit bottom line" if bottom_line else "Remove bottom line"
        super().__init__(doc, text, bottom_line, doc.dossier.judgements, parent)


class AddJudgement(_BriefingCommand):
    """Add a key judgement after the others (the briefing numbers them in list order)."""

    def __init__(
        self, doc: DossierDocument, judgement: Judgement, parent: QUndoCommand | None = None
    ) -> None:
        d = doc.dossier
        text = f"Add judgement {quoted(judgement.text)}"
        super().__init__(doc, text, d.bottom_line, [*d.judgements, judgement], parent)


class EditJudgement(_BriefingCommand):
    def __init__(
        self,
        doc: DossierDocument,
        old_id: str,
        judgement: Judgement,
        parent: QUndoCommand | None = None,
    ) -> None:
        d = doc.dossier
        items = list(d.judgements)
        items[edits.index_of(items, old_id)] = judgement
        text = f"Edit judgement {quoted(judgement.text)}"
        super().__init__(doc, text, d.bottom_line, items, parent)


class DeleteJudgement(_BriefingCommand):
    def __init__(
        self, doc: DossierDocument, judgement_id: str, parent: QUndoCommand | None = None
    ) -> None:
        d = doc.dossier
        index = edits.index_of(d.judgements, judgement_id)
        gone = d.judgements[index]
        rest = d.judgements[:index] + d.judgements[index + 1 :]
        super().__init__(doc, f"Delete judgement {quoted(gone.text)}", d.bottom_line, rest, parent)
