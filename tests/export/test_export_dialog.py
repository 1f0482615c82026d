"""File ▸ Export PDF…: the dialog's choices reach the PDF, and the export never blocks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
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
    """The dialog remembers the last folder and page size; each test starts afresh."""
    QSettings().remove("export")


@pytest.fixture
def document(tmp_path: Path) -> DossierDocument:
    path = tmp_path / "example.yaml"
    dossier = make_dossier(30, sources=6)
    digest = save_dossier(dossier, path)
    return DossierDocument(dossier, path, digest)


def _dialog(qtbot: QtBot, document: DossierDocument, **kwargs: object) -> ExportDialog:
    dialog = ExportDialog(document, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def test_defaults_come_from_the_dossier(qtbot: QtBot, document: DossierDocument) -> None:
    dialog = _dialog(qtbot, document)
    assert dialog.marking_combo.currentText() == "TLP:GREEN"
    assert dialog.path_edit.text() == str(document.path.with_suffix(".pdf"))  # type: ignore[union-attr]
    assert all(box.isChecked() for box in dialog.section_boxes.values())
    assert not dialog.filtered_radio.isEnabled()  # no filters in effect
    assert dialog.export_button.isEnabled()


def test_export_runs_without_blocking_and_writes_the_chosen_pdf(
    qtbot: QtBot, document: DossierDocument, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, document)
    out = tmp_path / "briefing.pdf"
    dialog.path_edit.setText(str(out))
    dialog.marking_combo.setCurrentText("TLP:RED")
    dialog.section_boxes["figures"].setChecked(False)
    dialog.page_size_combo.setCurrentText("Letter")
    progress: list[float] = []
    dialog.show()
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT_MS) as blocker:
        dialog.accept()
        # accept() only starts the export: the event loop runs it step by step.
        assert not out.exists()
        assert not dialog.export_button.isEnabled()
        assert dialog.progress.isVisible()
        assert dialog.runner is not None
        dialog.runner.progressed.connect(lambda fraction, _text: progress.append(fraction))
    assert blocker.args == [out]
    assert not dialog.isVisible()
    assert len(progress) > 3 and progress == sorted(progress)
    pdf = read_pdf(out)
    assert all(page.count("TLP:RED") >= 2 for page in pdf.pages)
    assert [title for title, _ in pdf.outline()] == ["Overview", "Timeline", "Sources"]
    assert (document.disk_hash or "")[:12] in pdf.pages[0]
    assert round(float(pdf.reader.pages[0].mediabox.width)) == 612


def test_only_what_the_filters_show(
    qtbot: QtBot, document: DossierDocument, tmp_path: Path
) -> None:
    shown = [d for d in document.dossier.timeline if "cloud" in d.tags]
    dialog = _dialog(qtbot, document, visible=shown)
    assert dialog.filtered_radio.isEnabled()
    dialog.filtered_radio.setChecked(True)
    out = tmp_path / "filtered.pdf"
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT_MS):
        dialog.accept()
    pdf = read_pdf(out)
    for dev in document.dossier.timeline:
        assert pdf.has(dev.title) == (dev in shown), dev.title
    assert pdf.has("as filtered in the viewer")


def test_cancel_stops_the_export_and_leaves_no_file(
    qtbot: QtBot, document: DossierDocument, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, document)
    out = tmp_path / "cancelled.pdf"
    dialog.path_edit.setText(str(out))
    dialog.show()
    dialog.accept()
    qtbot.wait(5)  # a step or two
    dialog.reject()
    assert dialog.isVisible()  # cancelling the export keeps the dialog open
    assert dialog.status_label.text() == "Export cancelled; no file was written."
    assert dialog.export_button.isEnabled()
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*.part*")) == []


def test_failure_is_shown_in_the_dialog(
    qtbot: QtBot, document: DossierDocument, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, document)
    dialog.path_edit.setText(str(tmp_path / "missing" / "x.pdf"))
    dialog.show()
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.runner is None, timeout=TIMEOUT_MS)
    assert "does not exist" in dialog.status_label.text()
    assert dialog.isVisible() and dialog.path_edit.isEnabled()


def test_browse_asks_through_the_given_chooser(
    qtbot: QtBot, document: DossierDocument, tmp_path: Path
) -> None:
    asked: list[Path] = []

    def choose(_parent: QWidget, suggested: Path) -> Path | None:
        asked.append(suggested)
        return tmp_path / "chosen.pdf"

    dialog = _dialog(qtbot, document, choose_path=choose)
    browse = next(b for b in dialog.form_widgets if getattr(b, "text", lambda: "")() == "Browse…")
    browse.click()  # type: ignore[attr-defined]
    assert asked == [document.path.with_suffix(".pdf")]  # type: ignore[union-attr]
    assert dialog.path_edit.text() == str(tmp_path / "chosen.pdf")


def test_unsaved_changes_are_named_instead_of_a_hash(
    qtbot: QtBot, document: DossierDocument
) -> None:
    dialog = _dialog(qtbot, document)
    assert dialog.provenance().content_hash == document.disk_hash
    document.undo_stack.push(QUndoCommand("an edit"))
    assert document.is_modified
    prov = dialog.provenance()
    assert prov.content_hash is None and prov.file_name == "example.yaml (with unsaved changes)"


def test_file_menu_has_export_pdf(qtbot: QtBot, document: DossierDocument, tmp_path: Path) -> None:
    from dossier_app.ui.window.main_window import MainWindow

    window = MainWindow(tmp_path)
    qtbot.addWidget(window)
    action = window.findChild(QAction, "exportPdfAction")
    assert action is not None
    assert action in window.file_menu.actions()
    assert action.shortcut() == QKeySequence("Ctrl+E")
    assert not action.isEnabled()
    assert window.open_path(document.path) is not None  # type: ignore[arg-type]
    assert action.isEnabled()
    action.trigger()
    dialog = window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
