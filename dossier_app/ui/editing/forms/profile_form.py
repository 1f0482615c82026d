"""The form for the company profile, the marking, the review date and the dossier's tags."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ....domain.dates import PartialDate
from ....domain.model import MARKINGS, Company, Dossier, today
from . import rules
from .fields import ChoiceCombo, FormDialog, TagsEdit


@dataclass(frozen=True, slots=True)
class Profile:
    """What the profile form edits, as ``DossierDocument.set_profile`` takes it."""

    company: Company
    marking: str | None
    reviewed: PartialDate | None
    tags: list[str]


class ProfileForm(FormDialog):
    """Edit the company, marking, review date and tags; ``result_value()`` gives a Profile."""

    def __init__(self, dossier: Dossier, parent: QWidget | None = None) -> None:
        super().__init__("Edit Profile", parent)
        self.setObjectName("profile_form")
        self.dossier = dossier
        c = dossier.company

        self.name_edit = QLineEdit(c.name)
        self.name_edit.setObjectName("name")
        self.short_edit = QLineEdit(c.short_name or "")
        self.short_edit.setPlaceholderText("shown in lists and window titles")
        self.aliases_edit = QPlainTextEdit("\n".join(c.aliases))
        self.aliases_edit.setPlaceholderText("one per line")
        self.aliases_edit.setTabChangesFocus(True)
        self.aliases_edit.setFixedHeight(56)
        self.hq_edit = QLineEdit(c.headquarters or "")
        self.sector_edit = QLineEdit(c.sector or "")
        self.ids_edit = QPlainTextEdit("\n".join(f"{k}: {v}" for k, v in c.identifiers.items()))
        self.ids_edit.setObjectName("identifiers")
        self.ids_edit.setPlaceholderText("one per line, like NYSE: BABA")
        self.ids_edit.setTabChangesFocus(True)
        self.ids_edit.setFixedHeight(56)
        self.summary_edit = QPlainTextEdit(c.summary or "")
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(96)
        self.marking = ChoiceCombo([(m, m) for m in MARKINGS])
        self.marking.setObjectName("marking")
        self.marking.set_value(dossier.effective_marking)
        self.marking.setMaximumWidth(200)
        self.reviewed_edit = QLineEdit(dossier.reviewed.iso() if dossier.reviewed else "")
        self.reviewed_edit.setObjectName("reviewed")
        self.reviewed_edit.setPlaceholderText(f"a full date, like {today().iso()}")
        self.reviewed_edit.setMaximumWidth(200)
        self.tags_edit = TagsEdit(dossier.all_tags())
        self.tags_edit.setObjectName("tags")
        self.tags_edit.set_tags(dossier.tags)

        self.add_field("name", "Company &name:", self.name_edit, self._name)
        self.add_field("short_name", "S&hort name:", self.short_edit)
        self.add_field("aliases", "&Aliases:", self.aliases_edit)
        self.add_field("headquarters", "&Headquarters:", self.hq_edit)
        self.add_field("sector", "Sec&tor:", self.sector_edit)
        self.add_field("identifiers", "&Identifiers:", self.ids_edit, self._identifiers)
        self.add_field("summary", "&Summary:", self.summary_edit)
        self.add_field("marking", "&Marking:", self.marking)
        self.add_field("reviewed", "&Reviewed:", self.reviewed_edit, self._reviewed)
        self.add_field("tags", "Ta&gs:", self.tags_edit)
        self.revalidate()

    def _name(self) -> str:
        return rules.required_text(self.name_edit.text(), "A company name")

    def _identifiers(self) -> dict[str, str]:
        return rules.identifiers(self.ids_edit.toPlainText())

    def _reviewed(self) -> PartialDate | None:
        return rules.optional_full_date(self.reviewed_edit.text())

    def result_value(self) -> Profile:
        d = self.dossier
        old = d.company
        company = Company(
            name=self._name(),
            short_name=rules.optional_text(self.short_edit.text()),
            aliases=rules.line_list(self.aliases_edit.toPlainText()),
            headquarters=rules.optional_text(self.hq_edit.text()),
            sector=rules.optional_text(self.sector_edit.text()),
            identifiers=self._identifiers(),
            summary=rules.optional_block(self.summary_edit.toPlainText(), old.summary),
            extra=dict(old.extra),
        )
        marking: str | None = self.marking.value()
        if d.marking is None and marking == d.effective_marking:
            marking = None  # the default marking: write nothing, as before
        return Profile(company, marking, self._reviewed(), rules.tag_list(self.tags_edit.text()))
