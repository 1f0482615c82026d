"""The form behind File ▸ New Dossier…: a company name and a file name in the library."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QWidget

from . import rules
from .fields import FormDialog, message_label


class NewDossierForm(FormDialog):
    """Asks for the company name and a file name (suggested from the name) in ``folder``."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__("New Dossier", parent)
        self.setObjectName("new_dossier_form")
        self.folder = folder
        self._file_follows_name = True
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("name")
        self.name_edit.setPlaceholderText("e.g. Alibaba Group Holding Limited")
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("file")
        self.file_edit.setPlaceholderText("company.yaml")
        self.add_field("name", "Company &name:", self.name_edit, self._name)
        self.add_field("file", "&File name:", self.file_edit, self._file)
        where = message_label("folder")
        where.setStyleSheet("")
        where.setText(f"In {folder}")
        where.show()
        self.form.addRow("", where)
        self.name_edit.textChanged.connect(self._suggest_file)
        self.file_edit.textEdited.connect(self._stop_following)
        self.revalidate()

    def _suggest_file(self, name: str) -> None:
        if self._file_follows_name and name.strip():
            taken = {p.stem for p in self.folder.glob("*.yaml")}
            self.file_edit.setText(rules.unique_id(rules.slug(name, "dossier"), taken) + ".yaml")

    def _stop_following(self, _text: str) -> None:
        self._file_follows_name = False

    def _name(self) -> str:
        return rules.required_text(self.name_edit.text(), "A company name")

    def _file(self) -> Path:
        name = self.file_edit.text().strip()
        if not name:
            raise rules.FieldError("A file name is required")
        if "/" in name or "\\" in name or name.startswith("."):
            raise rules.FieldError("Give a plain file name, without folders")
        if not name.endswith(".yaml"):
            name += ".yaml"
        path = self.folder / name
        if path.exists():
            raise rules.FieldError(f"{name} already exists in this folder")
        return path

    def result_value(self) -> tuple[str, Path]:
        return self._name(), self._file()
