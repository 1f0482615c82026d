"""The edit forms: validation as the user types, ids, nested "New source…", results."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from dossier_app.domain import PartialDate
from dossier_app.domain.model import Company, Development, Dossier, Figure, Source
from dossier_app.fileio.loader import load_dossier
from dossier_app.ui.editing.forms.development_form import DevelopmentForm
from dossier_app.ui.editing.forms.figure_form import FigureForm
from dossier_app.ui.editing.forms.new_dossier_form import NewDossierForm
from dossier_app.ui.editing.forms.profile_form import ProfileForm
from dossier_app.ui.editing.forms.source_form import SourceForm

from ..conftest import ALIBABA


@pytest.fixture
def dossier() -> Dossier:
    return load_dossier(ALIBABA)


def small_dossier() -> Dossier:
    return Dossier(
        company=Company(name="ACME", extra={"x-owner": "desk 4"}),
        tags=["cloud"],
        sources=[
            Source(id="hill", title="The Hill article"),
            Source(id="wire", title="<b>Wire</b> & report"),
        ],
        timeline=[
            Development(
                id="first", date=PartialDate.parse("2021-01"), title="First", sources=["hill"],
                tags=["regulation"], extra={"x-note": 1},
            )
        ],
        figures=[Figure(id="rev", label="Revenue", value=5, unit="USD", sources=["hill"])],
    )


def dev_form(qtbot: QtBot, d: Dossier, original: Development | None = None) -> DevelopmentForm:
    form = DevelopmentForm(d, original)
    qtbot.addWidget(form)
    form.show()
    return form


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2021-13-45", "Month 13 does not exist"),
        ("2021-02-30", "Day 30 does not exist in Feb 2021"),
        ("yesterday", "Expected a date like 2021, 2021-09 or 2021-09-21, got 'yesterday'"),
    ],
)
def test_invalid_date_is_refused_beside_the_field(
    qtbot: QtBot, dossier: Dossier, text: str, message: str
) -> None:
    form = dev_form(qtbot, dossier)
    qtbot.keyClicks(form.title_edit, "A title")
    qtbot.keyClicks(form.date_edit, text)
    assert form.error_text("date") == message
    assert form.rows["date"].error.isVisible()
    assert form.rows["date"].error.textFormat() == Qt.TextFormat.PlainText
    assert not form.ok_button.isEnabled()
    form.accept()  # Enter in a field: refused while invalid
    assert form.isVisible()


@pytest.mark.parametrize("text", ["2021", "2021-09", "2021-09-21"])
def test_partial_dates_are_accepted(qtbot: QtBot, dossier: Dossier, text: str) -> None:
    form = dev_form(qtbot, dossier)
    qtbot.keyClicks(form.date_edit, text)
    assert form.error_text("date") == ""
    assert not form.ok_button.isEnabled()  # the title is still missing
    qtbot.keyClicks(form.title_edit, "Something happened")
    assert form.ok_button.isEnabled()
    assert form.result_value().date == PartialDate.parse(text)


def test_untouched_empty_form_shows_no_errors_but_ok_is_off(qtbot: QtBot, dossier: Dossier) -> None:
    form = dev_form(qtbot, dossier)
    assert all(form.error_text(name) == "" for name in form.rows)
    assert not form.ok_button.isEnabled()


def test_end_before_date_and_approximate(qtbot: QtBot, dossier: Dossier) -> None:
    form = dev_form(qtbot, dossier)
    qtbot.keyClicks(form.title_edit, "Span")
    qtbot.keyClicks(form.date_edit, "2021-05")
    qtbot.keyClicks(form.end_edit, "2020")
    assert form.error_text("end") == "The end 2020 is before the date 2021-05"
    assert not form.ok_button.isEnabled()
    form.end_edit.clear()
    qtbot.keyClicks(form.end_edit, "2021")  # the year contains May 2021: fine, as for check
    assert form.ok_button.isEnabled()
    form.approximate.setChecked(True)
    dev = form.result_value()
    assert dev.date.approximate and dev.date.display() == "c. May 2021"
    assert dev.end == PartialDate.parse("2021")


def test_id_suggested_from_title_unique_and_checked(qtbot: QtBot) -> None:
    d = small_dossier()
    form = dev_form(qtbot, d)
    qtbot.keyClicks(form.date_edit, "2022")
    qtbot.keyClicks(form.title_edit, "First")
    assert form.id_edit.text() == "first-2"  # "first" is taken
    form.id_edit.clear()
    qtbot.keyClicks(form.id_edit, "First Thing")
    assert "lowercase" in form.error_text("id")
    form.id_edit.clear()
    qtbot.keyClicks(form.id_edit, "first")
    assert form.error_text("id") == "The development id 'first' is already used"
    form.id_edit.clear()
    qtbot.keyClicks(form.id_edit, "my-id")
    qtbot.keyClicks(form.title_edit, " again")
    assert form.id_edit.text() == "my-id"  # typed by the user: no longer follows the title
    assert form.ok_button.isEnabled()


def test_editing_keeps_unknown_keys_and_own_id(qtbot: QtBot) -> None:
    d = small_dossier()
    form = dev_form(qtbot, d, d.timeline[0])
    assert form.error_text("id") == ""
    assert form.ok_button.isEnabled()
    assert form.picker.selected() == ["hill"]
    qtbot.keyClicks(form.tags_edit, ", cloud")
    dev = form.result_value()
    assert dev.tags == ["regulation", "cloud"]
    assert dev.extra == {"x-note": 1}
    assert dev.id == "first" and dev.sources == ["hill"]
    assert d.timeline[0].tags == ["regulation"]  # the original object is untouched


def test_credibility_shows_meanings(qtbot: QtBot, dossier: Dossier) -> None:
    form = dev_form(qtbot, dossier)
    texts = [form.credibility.itemText(i) for i in range(form.credibility.count())]
    assert texts[1] == "1 — Confirmed by other sources"
    assert texts[6] == "6 — Truth cannot be judged"
    form.credibility.setCurrentIndex(2)
    qtbot.keyClicks(form.date_edit, "2021")
    qtbot.keyClicks(form.title_edit, "T")
    assert form.result_value().credibility == 2


def test_source_picker_search_and_literal_markup(qtbot: QtBot) -> None:
    form = dev_form(qtbot, small_dossier())
    picker = form.picker
    rows = [picker.proxy.index(r, 0).data() for r in range(picker.proxy.rowCount())]
    assert rows == ["The Hill article  (hill)", "<b>Wire</b> & report  (wire)"]
    qtbot.keyClicks(picker.search, "wire")
    assert picker.proxy.rowCount() == 1
    picker.set_checked("wire", True)
    picker.set_checked("hill", True)
    assert picker.selected() == ["wire", "hill"]  # in the order ticked


def test_new_source_inside_the_development_form(qtbot: QtBot) -> None:
    d = small_dossier()
    form = dev_form(qtbot, d)
    qtbot.mouseClick(form.picker.new_button, Qt.MouseButton.LeftButton)
    source_form = form.source_form
    assert source_form is not None and source_form.isVisible()
    qtbot.keyClicks(source_form.title_edit, "The Hill article")
    assert source_form.id_edit.text() == "the-hill-article"
    qtbot.keyClicks(source_form.url_edit, "https://example.org/a")
    qtbot.mouseClick(source_form.ok_button, Qt.MouseButton.LeftButton)
    assert [s.id for s in form.new_sources] == ["the-hill-article"]
    assert form.picker.selected() == ["the-hill-article"]
    assert d.sources[-1].id == "wire"  # nothing is added to the dossier by the form itself


def test_source_form_rules(qtbot: QtBot) -> None:
    form = SourceForm({"hill"})
    qtbot.addWidget(form)
    form.show()
    assert form.accessed_edit.text()  # today, for a new source
    qtbot.keyClicks(form.title_edit, "Hill")
    assert form.id_edit.text() == "hill-2"
    form.accessed_edit.clear()
    qtbot.keyClicks(form.accessed_edit, "2021-09")
    assert form.error_text("accessed").startswith("Expected a full date like 2021-09-21, got ")
    assert not form.ok_button.isEnabled()
    form.accessed_edit.clear()
    qtbot.keyClicks(form.url_edit, "javascript:alert(1)")
    assert form.error_text("url") == (
        "Only http and https links can be opened; this one will be shown as text"
    )
    assert form.ok_button.isEnabled()  # a link warning, as in check, does not block
    form.reliability.setCurrentIndex(2)
    source = form.result_value()
    assert (source.id, source.reliability, source.accessed) == ("hill-2", "B", None)


def test_figure_form(qtbot: QtBot) -> None:
    d = small_dossier()
    form = FigureForm(d)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.label_edit, "Employees")
    qtbot.keyClicks(form.value_edit, "12,000")
    assert "no thousands separators" in form.error_text("value")
    form.value_edit.clear()
    qtbot.keyClicks(form.value_edit, "12000")
    assert not form.ok_button.isEnabled()  # no unit yet
    form.unit_box.setCurrentText("employees")
    qtbot.keyClicks(form.as_of_edit, "2021-02-30")
    assert form.error_text("as_of") == "Day 30 does not exist in Feb 2021"
    form.as_of_edit.clear()
    qtbot.keyClicks(form.as_of_edit, "2021")
    assert form.ok_button.isEnabled()
    fig = form.result_value()
    assert (fig.id, fig.value, fig.unit, fig.qualifier) == ("employees", 12000, "employees", None)
    form.qualifier.set_value("about")
    assert form.result_value().qualifier == "about"


def test_figure_form_keeps_value_type(qtbot: QtBot) -> None:
    d = small_dossier()
    d.figures[0].value = 0.1
    form = FigureForm(d, d.figures[0])
    qtbot.addWidget(form)
    assert form.value_edit.text() == "0.1"
    assert form.result_value().value == 0.1
    assert form.result_value().id == "rev"


def test_profile_form(qtbot: QtBot) -> None:
    d = small_dossier()
    form = ProfileForm(d)
    qtbot.addWidget(form)
    form.show()
    assert form.ok_button.isEnabled()
    qtbot.keyClicks(form.ids_edit, "NYSE BABA")
    assert "expected 'KEY: value'" in form.error_text("identifiers")
    form.ids_edit.setPlainText("NYSE: BABA\nHKEX: 9988")
    qtbot.keyClicks(form.reviewed_edit, "2021")
    assert form.error_text("reviewed").startswith("Expected a full date like 2021-09-21, got ")
    form.reviewed_edit.setText("2021-09-22")
    form.name_edit.clear()
    qtbot.keyClicks(form.name_edit, "  ")
    assert form.error_text("name") == "A company name is required"
    form.name_edit.setText("ACME Corp")
    profile = form.result_value()
    assert profile.company.name == "ACME Corp"
    assert profile.company.identifiers == {"NYSE": "BABA", "HKEX": "9988"}
    assert profile.company.extra == {"x-owner": "desk 4"}
    assert profile.marking is None  # the default marking stays unwritten
    assert profile.reviewed == PartialDate.parse("2021-09-22")
    assert profile.tags == ["cloud"]


def test_new_dossier_form(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "tencent.yaml").write_text("format: dossier/1\n")
    form = NewDossierForm(tmp_path)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.name_edit, "Tencent")
    assert form.file_edit.text() == "tencent-2.yaml"
    form.file_edit.clear()
    qtbot.keyClicks(form.file_edit, "tencent.yaml")
    assert form.error_text("file") == "tencent.yaml already exists in this folder"
    form.file_edit.clear()
    qtbot.keyClicks(form.file_edit, "../x")
    assert form.error_text("file") == "Give a plain file name, without folders"
    form.file_edit.clear()
    qtbot.keyClicks(form.file_edit, "tencent-holdings")
    assert form.result_value() == ("Tencent", tmp_path / "tencent-holdings.yaml")
