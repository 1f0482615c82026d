"""Judgements follow what they rest on: a renamed or deleted development or figure."""

from __future__ import annotations

import dataclasses

from ...domain.model import Dossier, Judgement
from ..document import DossierDocument


class FollowGrounds:
    """The key judgements before and after ``old_id`` is renamed to ``new_id`` (or deleted).

    Part of the undo command that renames or deletes the item: ``apply`` in its
    ``redo``, ``revert`` in its ``undo``. The judgements are copied, never
    changed in place, so the old list stays intact for undo.
    """

    def __init__(self, doc: DossierDocument, old_id: str, new_id: str | None) -> None:
        self.doc = doc
        d = doc.dossier
        #: How many judgements rest on the item.
        self.count = 0 if old_id == new_id else len(d.judgements_resting_on(old_id))
        self.old: list[Judgement] = list(d.judgements)
        self.new: list[Judgement] = self.old
        if self.count:
            copies = [dataclasses.replace(j, based_on=list(j.based_on)) for j in d.judgements]
            scratch = Dossier(company=d.company, judgements=copies)
            if new_id is None:
                scratch.remove_ground_references(old_id)
            else:
                scratch.rename_ground(old_id, new_id)
            self.new = scratch.judgements

    def apply(self) -> None:
        if self.count:
            self.doc.set_briefing(self.doc.dossier.bottom_line, list(self.new))

    def revert(self) -> None:
        if self.count:
            self.doc.set_briefing(self.doc.dossier.bottom_line, list(self.old))
