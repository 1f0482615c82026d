"""Feedback that lasts: messages stay readable, and a finished export says what to do next."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QStatusTipEvent
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from dossier_app.ui.editing.commands import DeleteDevelopment
from dossier_app.ui.editing.controller import install_edit_controller
from dossier_app.ui.export.dialog import ExportDialog, open_export_dialog
from dossier_app.ui.window.main_window import MainWindow
from dossier_app.ui.window.status import MIN_MS, reading_ms

from .fake_asker import FakeAsker

pytestmark = pytest.mark.usefixtures("fresh_settings")


class Recorder:
    """Stands in for QDesktopServices.openUrl: records what would be opened."""

    def __init__(self) -> None:
        self.urls: list[QUrl] = []

    def __call__(self, url: QUrl) -> bool:
        self.urls.append(url)
        return True


def make_window(qtbot: QtBot, library: Path, opener: Recorder | None = None) -> MainWindow:
    window = MainWindow(library_folder=library, open_url=opener or Recorder())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.library.model.is_loading(), timeout=5000)
    return window


def test_saved_is_not_replaced_by_the_library_rescan(
    qtbot: QtBot, library: Path, tmp_path: Path
) -> None:
    window = make_window(qtbot, library)
    controller = install_edit_controller(
        window, FakeAsker(defaults={"ask_save_discard_cancel": "discard"}), tmp_path / "rec"
    )
    doc = window.open_path(library / "acme.yaml")
    assert doc is not None
    doc.undo_stack.push(DeleteDevelopment(doc, doc.dossier.timeline[0].id))
    bar = window.statusBar()
    # The save changes a file of the library: the folder is looked at again.
    with qtbot.waitSignal(window.library.model.loaded, timeout=5000):
        assert controller.save()
    qtbot.wait(100)
    assert bar.currentMessage() == "Saved acme.yaml"


def test_a_status_tip_passing_by_does_not_erase_the_message(
    qtbot: QtBot, library: Path
) -> None:
    window = make_window(qtbot, library)
    window.status("Saved acme.yaml")
    bar = window.statusBar()
    QApplication.sendEvent(window, QStatusTipEvent("Open dossier files"))
    assert bar.currentMessage() == "Open dossier files"
    QApplication.sendEvent(window, QStatusTipEvent(""))
    qtbot.waitUntil(lambda: bar.currentMessage() == "Saved acme.yaml", timeout=1000)


def test_routine_news_waits_for_the_message_being_read(qtbot: QtBot, library: Path) -> None:
    window = make_window(qtbot, library)
    window.status("Exported the briefing to /tmp/x.pdf")
    window.status("Library library: 1 dossier", routine=True)
    assert window.statusBar().currentMessage() == "Exported the briefing to /tmp/x.pdf"
    window.status("Saved acme.yaml")  # what the user did next does replace it
    assert window.statusBar().currentMessage() == "Saved acme.yaml"


def test_messages_stay_long_enough_to_read() -> None:
    assert reading_ms("Saved acme.yaml") == MIN_MS >= 3000
    long = "Cannot open broken.yaml: line 4: mapping values are not allowed here " * 2
    assert reading_ms(long) > MIN_MS


def test_a_finished_export_offers_open_and_show_in_folder(
    qtbot: QtBot, library: Path, tmp_path: Path
) -> None:
    opener = Recorder()
    window = make_window(qtbot, library, opener)
    assert window.open_path(library / "acme.yaml") is not None
    view = window.current_view()
    assert view is not None
    dialog = open_export_dialog(window)
    assert isinstance(dialog, ExportDialog)
    out = tmp_path / "out" / "acme briefing.pdf"
    out.parent.mkdir()
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        dialog.accept()
    assert out.is_file()
    bar = view.message_bar
    assert bar.isVisible() and bar.text() == "Exported the briefing to acme briefing.pdf."
    assert window.statusBar().currentMessage() == f"Exported the briefing to {out}"
    buttons = {b.text(): b for b in bar.findChildren(QPushButton) if b.isVisible()}
    assert set(buttons) == {"Open", "Show in Folder"}
    buttons["Open"].click()
    buttons["Show in Folder"].click()
    assert opener.urls == [QUrl.fromLocalFile(str(out)), QUrl.fromLocalFile(str(out.parent))]
