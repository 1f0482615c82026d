"""The Export dialog's format choice, marking confirmation and recipients, as a user meets them."""

from __future__ import annotations

import csv
import io
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from dossier_app.fileio.writer import save_dossier
from dossier_app.ui.document import DossierDocument
from dossier_app.ui.export.dialog import ExportDialog

from .pdfread import read_pdf
from .sample import make_dossier

TIMEOUT_MS = 60_000


@pytest.fixture(autouse=True)
def _forget_export_settings(qapp: QApplication) -> None:
    QSettings().remove("export")


@pytest.fixture
def document(tmp_path: Path) -> DossierDocument:
    path = tmp_path / "example.yaml"
    dossier = make_dossier(30, sources=6)  # marked TLP:GREEN
    digest = save_dossier(dossier, path)
    return DossierDocument(dossier, path, digest)


class Confirmer:
    """Stands in for the "Lower the marking?" question; records what it was asked."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str]] = []

    def __call__(self, _parent: QWidget, chosen: str, own: str) -> bool:
        self.asked.append((chosen, own))
        return self.answer


def _dialog(qtbot: QtBot, document: DossierDocument, **kwargs: object) -> ExportDialog:
    dialog = ExportDialog(document, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def _choose(dialog: ExportDialog, fmt: str) -> None:
    dialog.format_combo.setCurrentIndex(list(dialog._formats).index(fmt))


def _export(qtbot: QtBot, dialog: ExportDialog) -> Path:
    dialog.show()
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT_MS) as blocker:
        dialog.accept()
    path = blocker.args[0]
    assert isinstance(path, Path)
    return path


def test_the_suffix_follows_the_format(qtbot: QtBot, document: DossierDocument) -> None:
    dialog = _dialog(qtbot, document)
    base = document.path.with_suffix("")  # type: ignore[union-attr]
    assert dialog.format == "pdf" and dialog.path_edit.text() == f"{base}.pdf"
    for fmt, suffix in (("docx", ".docx"), ("md", ".md"), ("xlsx", ".xlsx"), ("csv", ".csv")):
        _choose(dialog, fmt)
        assert dialog.path_edit.text() == f"{base}{suffix}"
    assert dialog.table_combo.isVisibleTo(dialog)
    assert not dialog.page_size_combo.isEnabled()  # only the PDF has pages
    dialog.path_edit.setText(str(base.parent / "notes.final"))  # no format's suffix: kept
    _choose(dialog, "md")
    assert dialog.path_edit.text() == str(base.parent / "notes.final.md")
    _choose(dialog, "pdf")
    assert dialog.path_edit.text() == str(base.parent / "notes.final.pdf")
    assert not dialog.table_combo.isVisibleTo(dialog) and dialog.page_size_combo.isEnabled()


def test_each_format_writes_its_file_with_the_same_options(
    qtbot: QtBot, document: DossierDocument, tmp_path: Path
) -> None:
    import docx
    import openpyxl
    from markdown_it import MarkdownIt

    dossier = document.dossier
    shown = [d for d in dossier.timeline if "cloud" in d.tags]
    hidden = next(d for d in dossier.timeline if d not in shown)
    written: dict[str, Path] = {}
    for fmt in ("docx", "md", "xlsx", "csv"):
        dialog = _dialog(qtbot, document, visible=shown)
        _choose(dialog, fmt)
        dialog.filtered_radio.setChecked(True)
        dialog.marking_combo.setCurrentText("TLP:RED")
        dialog.recipients_edit.setText("Jane Roe; John Doe")
        written[fmt] = _export(qtbot, dialog)
        assert written[fmt] == document.path.with_suffix(f".{fmt}")  # type: ignore[union-attr]
    assert QSettings().value("export/format") == "csv"  # the next dialog opens on it

    word = docx.Document(str(written["docx"]))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "TLP:RED" in word.sections[0].header._element.xml
    assert "Jane Roe; John Doe" in text
    assert shown[0].title in text and hidden.title not in text

    markdown = written["md"].read_text("utf-8")
    assert markdown.splitlines()[0] == "**TLP:RED**"
    assert MarkdownIt("commonmark").parse(markdown)  # it parses as CommonMark
    assert "Jane Roe; John Doe" in markdown and hidden.title not in markdown

    book = openpyxl.load_workbook(written["xlsx"])
    assert book.sheetnames == ["Timeline", "Figures", "Sources"]
    ids = [row[0].value for row in book["Timeline"].iter_rows(3)]
    assert sorted(ids) == sorted(d.id for d in shown)  # type: ignore[type-var]

    rows = list(csv.DictReader(io.StringIO(written["csv"].read_text("utf-8"), newline="")))
    assert sorted(r["id"] for r in rows) == sorted(d.id for d in shown)


def test_csv_writes_the_chosen_table(
    qtbot: QtBot, document: DossierDocument, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, document)
    _choose(dialog, "csv")
    dialog.table_combo.setCurrentIndex(dialog._tables.index("figures"))
    dialog.path_edit.setText(str(tmp_path / "figures.csv"))
    rows = list(csv.DictReader(io.StringIO(_export(qtbot, dialog).read_text("utf-8"))))
    assert [float(r["value"]) for r in rows] == [f.value for f in document.dossier.figures]


def test_word_renders_off_the_gui_thread(
    qtbot: QtBot, document: DossierDocument, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier_app.ui.export import runner

    threads: list[threading.Thread] = []
    real = runner._docx

    def spy(*args: object) -> bytes:
        threads.append(threading.current_thread())
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "_docx", spy)
    dialog = _dialog(qtbot, document)
    _choose(dialog, "docx")
    dialog.path_edit.setText(str(tmp_path / "b.docx"))
    dialog.show()
    dialog.accept()
    assert dialog.runner is not None and dialog.runner.running  # accept() only starts it
    assert not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.runner is None, timeout=TIMEOUT_MS)
    assert threads and threads[0] is not threading.main_thread()
    assert (tmp_path / "b.docx").read_bytes()[:2] == b"PK"


def test_cancelled_word_export_writes_nothing(
    qtbot: QtBot, document: DossierDocument, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, document)
    _choose(dialog, "docx")
    out = tmp_path / "cancelled.docx"
    dialog.path_edit.setText(str(out))
    dialog.show()
    dialog.accept()
    dialog.reject()
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    qtbot.wait(1500)  # the worker finishes; what it rendered is dropped
    assert not out.exists()


@pytest.mark.parametrize("fmt", ["pdf", "md"])
def test_a_lower_marking_asks_first_and_a_no_exports_nothing(
    qtbot: QtBot, document: DossierDocument, tmp_path: Path, fmt: str
) -> None:
    refuse = Confirmer(False)
    dialog = _dialog(qtbot, document, confirm=refuse)
    _choose(dialog, fmt)
    out = tmp_path / f"lowered.{fmt}"
    dialog.path_edit.setText(str(out))
    dialog.marking_combo.setCurrentText("TLP:CLEAR")
    assert "you will be asked to confirm" in dialog.status_label.text()
    dialog.show()
    dialog.accept()
    assert refuse.asked == [("TLP:CLEAR", "TLP:GREEN")]
    assert dialog.runner is None and not out.exists()
    assert "Not exported" in dialog.status_label.text()

    agree = Confirmer(True)
    dialog._confirm = agree
    assert _export(qtbot, dialog) == out
    assert agree.asked == [("TLP:CLEAR", "TLP:GREEN")]
    if fmt == "pdf":
        pdf = read_pdf(out)
        assert pdf.has("TLP:CLEAR") and pdf.has("lowered from TLP:GREEN")
    else:
        text = out.read_text("utf-8")
        assert text.startswith("**TLP:CLEAR**")
        assert "| Marking lowered from | TLP:GREEN |" in text


def test_the_same_or_a_stricter_marking_is_not_questioned(
    qtbot: QtBot, document: DossierDocument, tmp_path: Path
) -> None:
    never = Confirmer(False)
    dialog = _dialog(qtbot, document, confirm=never)
    _choose(dialog, "md")
    dialog.path_edit.setText(str(tmp_path / "amber.md"))
    dialog.marking_combo.setCurrentText("TLP:AMBER")
    assert "confirm" not in dialog.status_label.text()
    _export(qtbot, dialog)
    assert never.asked == []


def test_red_asks_for_named_recipients_and_prints_them(
    qtbot: QtBot, document: DossierDocument, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, document)
    _choose(dialog, "pdf")
    dialog.path_edit.setText(str(tmp_path / "red.pdf"))
    assert "recipients" not in dialog.status_label.text()
    dialog.marking_combo.setCurrentText("TLP:RED")
    assert "named recipients" in dialog.status_label.text()
    dialog.recipients_edit.setText(" Jane Roe ;; Head of Risk ")
    assert "named recipients" not in dialog.status_label.text()
    assert dialog.recipients() == ("Jane Roe", "Head of Risk")
    pdf = read_pdf(_export(qtbot, dialog))
    assert pdf.has("Jane Roe; Head of Risk")


def test_the_briefing_flags_stale_figures_by_the_preference(
    qtbot: QtBot, document: DossierDocument
) -> None:
    from dossier_app.ui.settings import Settings

    settings = Settings()
    before = settings.stale_years()
    try:
        settings.set_stale_years(7)
        assert _dialog(qtbot, document).options().stale_years == 7
        settings.set_stale_years(3)
        assert _dialog(qtbot, document).options().stale_years == 3
    finally:
        settings.set_stale_years(before)
