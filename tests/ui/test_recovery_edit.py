"""Recovery copies: written after edits, never over the dossier, offered and restored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dossier_app.domain import PartialDate
from dossier_app.domain.model import Development, Dossier
from dossier_app.fileio.loader import load_dossier
from dossier_app.fileio.writer import save_dossier
from dossier_app.ui.document import DossierDocument
from dossier_app.ui.editing import commands as cmd
from dossier_app.ui.editing.recovery import (
    RecoveryStore,
    RecoveryWriter,
    default_folder,
    offer_restore,
)

from ..conftest import ALIBABA
from .conftest import open_doc
from .fake_asker import FakeAsker


@pytest.fixture
def dossier_path(tmp_path: Path) -> Path:
    path = tmp_path / "library" / "alibaba.yaml"
    path.parent.mkdir()
    save_dossier(load_dossier(ALIBABA), path)
    return path


def add_dev(doc: DossierDocument, dev_id: str = "late-news") -> None:
    dev = Development(id=dev_id, date=PartialDate.parse("2022-03"), title="Late news")
    doc.undo_stack.push(cmd.AddDevelopment(doc, dev))


def test_default_folder_is_the_users_data_folder() -> None:
    assert default_folder().parts[-2:] == ("dossier-app", "recovery")


def test_copy_written_after_edits_and_removed_when_clean(
    qtbot: QtBot, dossier_path: Path, tmp_path: Path
) -> None:
    before = dossier_path.read_bytes()
    doc = open_doc(dossier_path)
    store = RecoveryStore(tmp_path / "recovery")
    writer = RecoveryWriter(store, lambda: [doc])
    assert writer.timer.interval() == 5000 and writer.timer.isActive()
    writer.write_pending()  # unmodified: nothing
    assert not store.folder.exists() or not list(store.folder.iterdir())

    add_dev(doc)
    writer.write_pending()  # what the timer calls every few seconds
    [entry] = store.entries()
    assert entry.original_path == dossier_path.resolve()
    assert entry.company == "Alibaba"
    meta = json.loads(entry.meta_path.read_text("utf-8"))
    assert meta["path"] == str(dossier_path.resolve())
    copy = load_dossier(entry.yaml_path)
    assert copy.development("late-news") is not None
    assert dossier_path.read_bytes() == before  # never over the dossier itself

    # No change since the last copy: not written again.
    entry.yaml_path.unlink()
    writer.write_pending()
    assert not entry.yaml_path.exists()
    add_dev(doc, "more")
    writer.write_pending()
    assert load_dossier(entry.yaml_path).development("more") is not None

    doc.undo_stack.undo()
    doc.undo_stack.undo()  # back to the saved state
    writer.write_pending()
    assert store.entries() == []


def test_copy_removed_on_discard(qtbot: QtBot, dossier_path: Path, tmp_path: Path) -> None:
    doc = open_doc(dossier_path)
    store = RecoveryStore(tmp_path / "recovery")
    writer = RecoveryWriter(store, lambda: [doc])
    add_dev(doc)
    writer.write_pending()
    assert store.entries()
    writer.discard(doc)
    assert store.entries() == []


def test_restore_offered_and_applied(qtbot: QtBot, dossier_path: Path, tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    # A session that edits and then dies without closing.
    crashed = open_doc(dossier_path)
    add_dev(crashed)
    RecoveryWriter(store, lambda: [crashed]).write_pending()

    opened: list[DossierDocument] = []

    def open_for_restore(path: Path | None, recovered: Dossier) -> DossierDocument:
        assert path == dossier_path.resolve()
        doc = open_doc(path)
        opened.append(doc)
        return doc

    asker = FakeAsker(ask_restore_recovery=[True])
    [doc] = offer_restore(store, asker, open_for_restore)
    [(offers,)] = asker.asked("ask_restore_recovery")
    assert [(o.original_path, o.company) for o in offers] == [(dossier_path.resolve(), "Alibaba")]
    assert doc is opened[0]
    assert doc.is_modified and doc.title() == "Alibaba *"
    assert doc.undo_stack.undoText() == "Restore unsaved edits"
    assert doc.dossier.development("late-news") is not None
    assert store.entries()  # still protected until saved
    doc.undo_stack.undo()
    assert doc.dossier.development("late-news") is None and not doc.is_modified


def test_restore_declined_removes_the_copies(
    qtbot: QtBot, dossier_path: Path, tmp_path: Path
) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    doc = open_doc(dossier_path)
    add_dev(doc)
    RecoveryWriter(store, lambda: [doc]).write_pending()

    def never(path: Path | None, recovered: Dossier) -> DossierDocument:
        raise AssertionError("nothing is opened when the user declines")

    asker = FakeAsker(ask_restore_recovery=[False])
    assert offer_restore(store, asker, never) == []
    assert store.entries() == []


def test_nothing_to_offer_asks_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    asker = FakeAsker()
    assert offer_restore(RecoveryStore(tmp_path / "none"), asker, lambda p, d: None) == []
    assert asker.calls == []


def test_unreadable_copy_is_set_aside(qtbot: QtBot, tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    store.folder.mkdir(parents=True)
    (store.folder / "abc.yaml").write_text("format: dossier/1\ncompany: [\n", "utf-8")
    asker = FakeAsker(ask_restore_recovery=[True])
    assert offer_restore(store, asker, lambda p, d: None) == []
    [(title, text)] = asker.errors
    assert title == "Could not restore" and "abc.unreadable" in text
    assert store.entries() == []
    assert (store.folder / "abc.unreadable").exists()


def test_copy_comes_back_when_a_discarded_document_stays_open(
    qtbot: QtBot, dossier_path: Path, tmp_path: Path
) -> None:
    """Quit: the first dossier's edits are discarded, then the second says Cancel."""
    doc = open_doc(dossier_path)
    store = RecoveryStore(tmp_path / "recovery")
    writer = RecoveryWriter(store, lambda: [doc])
    add_dev(doc)
    writer.write_pending()
    writer.discard(doc)  # what the close guard does on Discard
    assert store.entries() == []
    writer.write_pending()  # the window stayed open: the edits are protected again
    assert len(store.entries()) == 1


def test_the_timer_waits_for_a_pause_in_editing(
    qtbot: QtBot, dossier_path: Path, tmp_path: Path
) -> None:
    doc = open_doc(dossier_path)
    store = RecoveryStore(tmp_path / "recovery")
    writer = RecoveryWriter(store, lambda: [doc], idle_s=60)
    writer.track(doc)  # as the editor does when a dossier opens
    add_dev(doc)
    writer._tick()  # edited a moment ago: not yet
    writer.flush()
    assert store.entries() == []
    writer.idle_s = 0
    writer._tick()  # left alone long enough
    writer.flush()
    [entry] = store.entries()
    assert load_dossier(entry.yaml_path).development("late-news") is not None


def test_a_copy_is_written_off_the_gui_thread_from_a_snapshot(
    qtbot: QtBot, dossier_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    doc = open_doc(dossier_path)
    store = RecoveryStore(tmp_path / "recovery")
    writer = RecoveryWriter(store, lambda: [doc], idle_s=0)
    started, release = threading.Event(), threading.Event()
    threads: list[threading.Thread] = []
    original = store.render

    def slow_render(snap: object) -> bytes:
        threads.append(threading.current_thread())
        started.set()
        assert release.wait(10)
        return original(snap)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "render", slow_render)
    add_dev(doc)
    writer._tick()
    assert started.wait(10)
    add_dev(doc, "typed-meanwhile")  # the GUI goes on while the copy is written
    release.set()
    writer.flush()
    assert threads and threads[0] is not threading.main_thread()
    copy = load_dossier(store.entries()[0].yaml_path)
    assert copy.development("late-news") is not None
    assert copy.development("typed-meanwhile") is None  # the snapshot, not the live dossier


def test_a_save_during_a_copy_leaves_no_copy_behind(
    qtbot: QtBot, dossier_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    doc = open_doc(dossier_path)
    store = RecoveryStore(tmp_path / "recovery")
    writer = RecoveryWriter(store, lambda: [doc], idle_s=0)
    started, release = threading.Event(), threading.Event()
    original = store.render

    def slow_render(snap: object) -> bytes:
        started.set()
        assert release.wait(10)
        return original(snap)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "render", slow_render)
    add_dev(doc)
    writer._tick()
    assert started.wait(10)
    threading.Timer(0.2, release.set).start()
    writer.discard(doc)  # what a save does
    writer.flush()
    assert store.entries() == []
