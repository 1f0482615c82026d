"""Adding, editing and deleting items through the forms, each change one undo step."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from ..document import DossierDocument
    from . import commands as cmd
    from .asker import Asker
    from .forms.citing import CitingForm
    from .forms.development_form import DevelopmentForm
    from .forms.fields import FormDialog
    from .forms.figure_form import FigureForm
    from .forms.profile_form import ProfileForm
    from .forms.source_form import SourceForm
    from .protocols import EditableView, EditableWindow


class ItemFormsMixin(QObject):
    """The forms behind Add Development, Add Source, Add Figure, Edit, Delete, Edit Profile."""

    window: EditableWindow
    form: FormDialog | None
    undo_action: QAction

    if TYPE_CHECKING:  # provided by the controller (no stubs at run time: they would shadow)

        @property
        def asker(self) -> Asker: ...

        def _current(self) -> tuple[DossierDocument, EditableView] | None: ...

        def selected(self) -> tuple[str, Any] | None: ...

        def _status(self, text: str) -> None: ...

    def _open_form(self, form: FormDialog, apply: Callable[[], None]) -> FormDialog:
        def accepted() -> None:
            try:
                apply()
            except LookupError:
                # The file was reloaded while the form was open: the item is gone.
                self.asker.show_error(
                    "Edit not applied",
                    "The item was changed or removed on disk while the form was open, "
                    "so the edit was not applied.",
                )

        def finished(_result: int) -> None:
            if self.form is form:
                self.form = None
            form.deleteLater()

        form.accepted.connect(accepted)
        form.finished.connect(finished)
        self.form = form
        form.open()
        return form

    def _push_with_new_sources(
        self, doc: DossierDocument, form: CitingForm, command: cmd.QUndoCommand
    ) -> None:
        """Push an item's command; sources made in its form go in the same undo step."""
        from . import commands as cmd

        stack = doc.undo_stack
        if not form.new_sources:
            stack.push(command)
            return
        stack.beginMacro(command.text())
        for source in form.new_sources:
            stack.push(cmd.AddSource(doc, source))
        stack.push(command)
        stack.endMacro()

    def add_development(self) -> DevelopmentForm | None:
        from . import commands as cmd
        from .forms.development_form import DevelopmentForm

        current = self._current()
        if current is None:
            return None
        doc, view = current
        form = DevelopmentForm(doc.dossier, parent=self._parent_widget())

        def apply() -> None:
            dev = form.result_value()
            self._push_with_new_sources(doc, form, cmd.AddDevelopment(doc, dev))
            view.select_development(dev.id)
            self._status(f"Added development: {dev.title}")

        self._open_form(form, apply)
        return form

    def add_source(self) -> SourceForm | None:
        from . import commands as cmd
        from .forms.source_form import SourceForm

        current = self._current()
        if current is None:
            return None
        doc, view = current
        form = SourceForm({s.id for s in doc.dossier.sources}, parent=self._parent_widget())

        def apply() -> None:
            source = form.result_value()
            doc.undo_stack.push(cmd.AddSource(doc, source))
            view.select_source(source.id)

        self._open_form(form, apply)
        return form

    def add_figure(self) -> FigureForm | None:
        from . import commands as cmd
        from .forms.figure_form import FigureForm

        current = self._current()
        if current is None:
            return None
        doc, view = current
        form = FigureForm(doc.dossier, parent=self._parent_widget())

        def apply() -> None:
            figure = form.result_value()
            self._push_with_new_sources(doc, form, cmd.AddFigure(doc, figure))
            view.select_figure(figure.id)

        self._open_form(form, apply)
        return form

    def edit_profile(self) -> ProfileForm | None:
        from . import commands as cmd
        from .forms.profile_form import ProfileForm

        current = self._current()
        if current is None:
            return None
        doc, _view = current
        form = ProfileForm(doc.dossier, parent=self._parent_widget())

        def apply() -> None:
            p = form.result_value()
            d = doc.dossier
            if (p.company, p.marking, p.reviewed, p.tags) == (
                d.company,
                d.marking,
                d.reviewed,
                d.tags,
            ):
                return  # OK without a change: nothing to undo
            doc.undo_stack.push(cmd.EditProfile(doc, p.company, p.marking, p.reviewed, p.tags))

        self._open_form(form, apply)
        return form

    def edit_selected(self) -> FormDialog | None:
        from . import commands as cmd
        from .forms.development_form import DevelopmentForm
        from .forms.figure_form import FigureForm
        from .forms.source_form import SourceForm

        current, selected = self._current(), self.selected()
        if current is None or selected is None:
            return None
        doc, view = current
        kind, item = selected
        parent = self._parent_widget()
        if kind == "profile":
            return self.edit_profile()
        if kind == "timeline":
            dev_form = DevelopmentForm(doc.dossier, item, parent=parent)

            def apply_dev() -> None:
                new = dev_form.result_value()
                if new != item or dev_form.new_sources:
                    command = cmd.EditDevelopment(doc, item.id, new)
                    self._push_with_new_sources(doc, dev_form, command)
                view.select_development(new.id)

            return self._open_form(dev_form, apply_dev)
        if kind == "sources":
            taken = {s.id for s in doc.dossier.sources} - {item.id}
            source_form = SourceForm(taken, item, parent=parent)

            def apply_source() -> None:
                new = source_form.result_value()
                if new != item:
                    doc.undo_stack.push(cmd.EditSource(doc, item.id, new))
                view.select_source(new.id)

            return self._open_form(source_form, apply_source)
        figure_form = FigureForm(doc.dossier, item, parent=parent)

        def apply_figure() -> None:
            new = figure_form.result_value()
            if new != item or figure_form.new_sources:
                self._push_with_new_sources(doc, figure_form, cmd.EditFigure(doc, item.id, new))
            view.select_figure(new.id)

        return self._open_form(figure_form, apply_figure)

    def delete_selected(self) -> bool:
        from . import commands as cmd

        current, selected = self._current(), self.selected()
        if current is None or selected is None:
            return False
        doc, _view = current
        kind, item = selected
        resting = len(doc.dossier.judgements_resting_on(item.id)) if kind != "sources" else 0
        if kind == "timeline":
            doc.undo_stack.push(cmd.DeleteDevelopment(doc, item.id))
        elif kind == "figures":
            doc.undo_stack.push(cmd.DeleteFigure(doc, item.id))
        elif kind == "sources":
            devs, figs = doc.dossier.citing(item.id)
            if (devs or figs) and self.asker.ask_remove_references(item, devs, figs) != "remove":
                return False
            doc.undo_stack.push(cmd.DeleteSource(doc, item.id, remove_references=True))
        else:
            return False
        grounds = (
            f" {resting} key judgement{'s' * (resting != 1)} no longer rest{'s' * (resting == 1)}"
            " on it."
            if resting
            else ""
        )
        undo = self.undo_action.shortcut().toString()
        self._status(f"Deleted.{grounds} {undo} brings it back.")
        return True

    def _parent_widget(self) -> QWidget | None:
        window = self.window
        return window if isinstance(window, QWidget) else None
