"""Editing the bottom line and the key judgements: Edit menu entries and the Overview's buttons.

Each change is one undo step (``briefing_commands``); the forms open
window-modal through the controller, like the other item forms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ..document import DossierDocument
    from .controller import EditController
    from .forms.judgement_form import BottomLineForm, JudgementForm


class BriefingEditor(QObject):
    """Owns Edit ▸ Edit Bottom Line… and Edit ▸ Add Key Judgement… and carries them out."""

    def __init__(self, controller: EditController) -> None:
        super().__init__(controller)
        self.controller = controller
        window = controller.window
        self.edit_bottom_line_action = QAction("Edit &Bottom Line…", self)
        self.edit_bottom_line_action.setStatusTip(
            "Write what a reader must take away (it opens the briefing)"
        )
        self.edit_bottom_line_action.triggered.connect(lambda _c=False: self.edit_bottom_line())
        self.add_judgement_action = QAction("Add Key &Judgement…", self)
        self.add_judgement_action.setShortcut(QKeySequence("Ctrl+J"))
        self.add_judgement_action.setStatusTip(
            "Add a key judgement: what you conclude, how sure, and what it rests on"
        )
        self.add_judgement_action.triggered.connect(lambda _c=False: self.add_judgement())
        self.actions = (self.edit_bottom_line_action, self.add_judgement_action)
        # After Edit Profile…, in the group of item actions.
        menu = window.edit_menu
        entries = menu.actions()
        anchor = controller.edit_profile_action
        after = entries.index(anchor) + 1 if anchor in entries else len(entries)
        before = entries[after] if after < len(entries) else None
        for action in self.actions:
            if before is None:
                menu.addAction(action)
            else:
                menu.insertAction(before, action)
            window.addAction(action)  # the shortcut works with the menu bar hidden too
        window.currentDocumentChanged.connect(self.update_actions)
        self.update_actions()

    def update_actions(self, *_args: object) -> None:
        has_doc = self.controller.window.current_document() is not None
        for action in self.actions:
            action.setEnabled(has_doc)

    def hook_tab(self, tab: QWidget) -> None:
        """Listen to the buttons of a dossier's Overview, once it is built."""
        requests = getattr(tab, "briefing_requests", None)
        if requests is None:
            return
        requests.editBottomLine.connect(self.edit_bottom_line)
        requests.addJudgement.connect(self.add_judgement)
        requests.editJudgement.connect(self.edit_judgement)
        requests.deleteJudgement.connect(self.delete_judgement)

    # -- carrying out ---------------------------------------------------------------
    def _document(self) -> DossierDocument | None:
        current = self.controller._current()
        return current[0] if current is not None else None

    def _parent(self) -> QWidget | None:
        window = self.controller.window
        return window if isinstance(window, QWidget) else None

    def edit_bottom_line(self) -> BottomLineForm | None:
        from .briefing_commands import EditBottomLine
        from .forms.judgement_form import BottomLineForm

        doc = self._document()
        if doc is None:
            return None
        form = BottomLineForm(doc.dossier, parent=self._parent())

        def apply() -> None:
            text = form.result_value()
            if text != doc.dossier.bottom_line:
                doc.undo_stack.push(EditBottomLine(doc, text))

        self.controller._open_form(form, apply)
        return form

    def add_judgement(self) -> JudgementForm | None:
        from .briefing_commands import AddJudgement
        from .forms.judgement_form import JudgementForm

        doc = self._document()
        if doc is None:
            return None
        form = JudgementForm(doc.dossier, parent=self._parent())

        def apply() -> None:
            judgement = form.result_value()
            doc.undo_stack.push(AddJudgement(doc, judgement))
            self.controller._status(f"Added key judgement {len(doc.dossier.judgements)}")

        self.controller._open_form(form, apply)
        return form

    def edit_judgement(self, judgement_id: str) -> JudgementForm | None:
        from .briefing_commands import EditJudgement
        from .forms.judgement_form import JudgementForm

        doc = self._document()
        original = doc.dossier.judgement(judgement_id) if doc is not None else None
        if doc is None or original is None:
            return None
        form = JudgementForm(doc.dossier, original, parent=self._parent())

        def apply() -> None:
            judgement = form.result_value()
            if judgement != original:
                doc.undo_stack.push(EditJudgement(doc, original.id, judgement))

        self.controller._open_form(form, apply)
        return form

    def delete_judgement(self, judgement_id: str) -> bool:
        from .briefing_commands import DeleteJudgement

        doc = self._document()
        if doc is None or doc.dossier.judgement(judgement_id) is None:
            return False
        doc.undo_stack.push(DeleteJudgement(doc, judgement_id))
        shortcut = self.controller.undo_action.shortcut().toString()
        self.controller._status(f"Deleted the key judgement. {shortcut} brings it back.")
        return True
