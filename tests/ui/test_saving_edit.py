"""Save, Save As, Revert, close guard, conflicts and failed saves, through a fake asker."""

from __future__ import annotations

import dataclasses
import difflib
import errno
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dossier_app.domain import PartialDate
from dossier_app.domain.model import Development, Source
from dossier_app.fileio import atomic
from dossier_app.fileio.loader import load_dossier, read_dossier
from dossier_app.fileio.writer import save_dossier
from dossier_app.ui.document import DossierDocument
from dossier_app.ui.editing import commands as cmd
from dossier_app.ui.editing.saving import Saver

from ..conftest import ALIBABA
from .conftest import open_doc
from .fake_asker import FakeAsker


@pytest.fixture
def dossier_path(tmp_path: Path) -> Path:
    """A copy of the Alibaba dossier in canonical form (as ``dossier-app format`` leaves it)."""
    path = tmp_path / "alibaba.yaml"
    save_dossier(load_dossier(ALIBABA), path)
    return path


def add_dev_and_source(doc: DossierDocument) -> None:
    stack = doc.undo_stack
    stack.beginMacro("Add development 'Cloud unit split'")
    stack.push(cmd.AddSource(doc, Source(id="ft-split", title="FT on the split", reliability="B")))
    stack.push(
        cmd.AddDevelopment(
            doc,
            Development(
                id="cloud-unit-split",
                date=PartialDate.parse("2021-09-21"),
                title="Cloud unit split",
                sources=["ft-split"],
                credibility=3,
            ),
        )
    )
    stack.endMacro()


def test_save_writes_only_the_edit(qtbot: QtBot, dossier_path: Path) -> None:
    original = dossier_path.read_text("utf-8")
    doc = open_doc(dossier_path)
    add_dev_and_source(doc)
    asker = FakeAsker()
    assert Saver(asker).save(doc)
    assert not doc.is_modified and doc.title() == "Alibaba"
    assert not doc.changed_on_disk()
    result = read_dossier(dossier_path)
    assert result.errors == []
    assert result.dossier is not None and result.dossier.development("cloud-unit-split")
    diff = [
        line
        for line in difflib.unified_diff(
            original.splitlines(), dossier_path.read_text("utf-8").splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    # Only added lines (the writer's indentation aside): the source, then the development.
    assert all(line.startswith("+") for line in diff)
    assert [line[1:].strip() for line in diff] == [
        "- id: ft-split",
        "title: FT on the split",
        "reliability: B",
        "- id: cloud-unit-split",
        "date: 2021-09-21",
        "title: Cloud unit split",
        "sources: [ft-split]",
        "credibility: 3",
    ]
    assert asker.calls == []


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), "No space left on device"),
        (PermissionError(errno.EACCES, os.strerror(errno.EACCES)), "Permission denied"),
    ],
)
def test_failed_save_says_why_and_keeps_the_edits(
    qtbot: QtBot,
    dossier_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: OSError,
    reason: str,
) -> None:
    before = dossier_path.read_bytes()
    doc = open_doc(dossier_path)
    add_dev_and_source(doc)

    def failing_replace(src: str, dst: str) -> None:
        raise error

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    asker = FakeAsker()
    assert not Saver(asker).save(doc)
    [(title, text)] = asker.errors
    assert title == "Could not save"
    assert f"Reason: {reason}" in text
    assert "Step that failed: replace" in text
    assert str(dossier_path) in text
    assert "your edits are still open" in text
    assert doc.is_modified and doc.title() == "Alibaba *"
    assert doc.dossier.development("cloud-unit-split") is not None
    assert dossier_path.read_bytes() == before
    assert [p.name for p in dossier_path.parent.iterdir()] == ["alibaba.yaml"]  # no temp left


def test_read_only_file(qtbot: QtBot, dossier_path: Path) -> None:
    before = dossier_path.read_bytes()
    doc = open_doc(dossier_path)
    add_dev_and_source(doc)
    dossier_path.chmod(0o444)
    asker = FakeAsker()
    assert not Saver(asker).save(doc)
    assert "Permission denied" in asker.errors[0][1]
    assert doc.is_modified and dossier_path.read_bytes() == before
    # Save As elsewhere then works, and the document follows the new file.
    other = dossier_path.parent / "copy.yaml"
    asker.answers["ask_save_path"] = [other]
    assert Saver(asker).save_as(doc)
    assert doc.path == other.resolve() and not doc.is_modified
    assert dossier_path.read_bytes() == before


def write_externally(path: Path) -> str:
    text = path.read_text("utf-8").replace("short_name: Alibaba", "short_name: Alibaba Group")
    path.write_text(text, "utf-8")
    return text


def test_external_change_is_detected_while_editing(qtbot: QtBot, dossier_path: Path) -> None:
    doc = open_doc(dossier_path)
    add_dev_and_source(doc)
    with qtbot.waitSignal(doc.fileChangedOnDisk, timeout=5000):
        write_externally(dossier_path)
    assert doc.changed_on_disk()


@pytest.mark.parametrize("answer", ["reload", "overwrite", "save_as", "cancel"])
def test_save_over_an_external_change_asks(
    qtbot: QtBot, dossier_path: Path, answer: str
) -> None:
    doc = open_doc(dossier_path)
    add_dev_and_source(doc)
    theirs = write_externally(dossier_path)
    other = dossier_path.parent / "mine.yaml"
    asker = FakeAsker(ask_conflict=[answer], ask_save_path=[other])
    saved = Saver(asker).save(doc)
    assert asker.asked("ask_conflict") == [("Alibaba",)]
    if answer == "reload":
        assert not saved and not doc.is_modified
        assert doc.dossier.company.short_name == "Alibaba Group"
        assert doc.dossier.development("cloud-unit-split") is None
    elif answer == "overwrite":
        assert saved and not doc.is_modified
        on_disk = load_dossier(dossier_path)
        assert on_disk.development("cloud-unit-split") is not None
        assert on_disk.company.short_name == "Alibaba"
    elif answer == "save_as":
        assert saved and doc.path == other.resolve()
        assert dossier_path.read_text("utf-8") == theirs
        assert load_dossier(other).development("cloud-unit-split") is not None
    else:
        assert not saved and doc.is_modified
        assert dossier_path.read_text("utf-8") == theirs
        assert doc.dossier.development("cloud-unit-split") is not None


@pytest.mark.parametrize("answer", ["reload", "overwrite", "save_as", "cancel"])
def test_conflict_handler_answers(qtbot: QtBot, dossier_path: Path, answer: str) -> None:
    doc = open_doc(dossier_path)
    add_dev_and_source(doc)
    theirs = write_externally(dossier_path)
    other = dossier_path.parent / "mine.yaml"
    asker = FakeAsker(ask_conflict=[answer], ask_save_path=[other])
    Saver(asker).resolve_conflict(doc)
    if answer == "reload":
        assert not doc.is_modified and doc.display_name == "Alibaba Group"
    elif answer == "overwrite":
        assert not doc.is_modified
        assert load_dossier(dossier_path).development("cloud-unit-split") is not None
    elif answer == "save_as":
        assert doc.path == other.resolve() and dossier_path.read_text("utf-8") == theirs
    else:
        assert doc.is_modified and dossier_path.read_text("utf-8") == theirs
    assert asker.errors == []


def test_reload_of_a_broken_file_keeps_the_edits(qtbot: QtBot, dossier_path: Path) -> None:
    doc = open_doc(dossier_path)
    add_dev_and_source(doc)
    dossier_path.write_text("format: dossier/1\ncompany: [oops\n", "utf-8")
    asker = FakeAsker(ask_conflict=["reload"])
    Saver(asker).resolve_conflict(doc)
    assert doc.is_modified and doc.dossier.development("cloud-unit-split") is not None
    [(title, text)] = asker.errors
    assert title == "Could not reload" and f"{dossier_path}:" in text


@pytest.mark.parametrize(
    ("answer", "allowed", "modified_after"),
    [("cancel", False, True), ("discard", True, True), ("save", True, False)],
)
def test_close_guard(
    qtbot: QtBot, dossier_path: Path, answer: str, allowed: bool, modified_after: bool
) -> None:
    doc = open_doc(dossier_path)
    saver = Saver(FakeAsker(ask_save_discard_cancel=[answer]))
    assert saver.close_guard(doc)  # nothing unsaved: no question
    add_dev_and_source(doc)
    assert saver.close_guard(doc) is allowed
    assert doc.is_modified is modified_after
    assert saver.asker.asked("ask_save_discard_cancel") == [("Alibaba",)]  # type: ignore[attr-defined]


def test_close_guard_save_that_fails_keeps_the_window(
    qtbot: QtBot, dossier_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = open_doc(dossier_path)
    add_dev_and_source(doc)

    def failing_replace(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    asker = FakeAsker(ask_save_discard_cancel=["save"])
    assert not Saver(asker).close_guard(doc)
    assert doc.is_modified and "No space left on device" in asker.errors[0][1]


def test_revert(qtbot: QtBot, dossier_path: Path) -> None:
    doc = open_doc(dossier_path)
    add_dev_and_source(doc)
    asker = FakeAsker(ask_revert=[False, True])
    saver = Saver(asker)
    assert not saver.revert(doc)
    assert doc.is_modified
    assert saver.revert(doc)
    assert not doc.is_modified and doc.dossier.development("cloud-unit-split") is None


def test_new_dossier_is_valid(qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "tencent.yaml"
    asker = FakeAsker(ask_new_dossier=[("Tencent Holdings", target), None])
    saver = Saver(asker, library_folder=lambda: tmp_path)
    assert saver.create_dossier() == target
    assert asker.asked("ask_new_dossier") == [(tmp_path,)]
    result = read_dossier(target)
    assert result.problems == [] and result.dossier is not None
    assert result.dossier.company.name == "Tencent Holdings"
    assert saver.create_dossier() is None


def test_saving_an_edit_changes_only_its_line_and_keeps_comments(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The GUI's Save goes through the faithful writer over the bytes the file was loaded from."""
    from dossier_app.ui.reading import read_uncached

    path = tmp_path / "commented.yaml"
    text = (
        "# A hand-kept dossier\n"
        "format: dossier/1\n"
        "company:\n"
        "  name: Example   # legal name\n"
        "marking: TLP:AMBER  # do not downgrade\n"
        "sources:\n"
        "  - id: s1\n"
        "    title: Source one\n"
        "timeline:\n"
        "  # the first thing we know\n"
        "  - id: d1\n"
        "    date: 2021-01\n"
        "    title: Something happened\n"
        "    sources: [s1]\n"
    )
    path.write_text(text, "utf-8")
    result = read_uncached(path)
    assert result.dossier is not None
    doc = DossierDocument(result.dossier, path, result.content_hash)
    doc.original = result.data
    old = doc.dossier.timeline[0]
    doc.undo_stack.push(
        cmd.EditDevelopment(doc, "d1", dataclasses.replace(old, title="Something else"))
    )
    saver = Saver(FakeAsker())
    assert saver.save(doc)
    after = path.read_text("utf-8")
    changed = [
        line
        for line in difflib.unified_diff(text.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == ["-    title: Something happened", "+    title: Something else"]
    assert read_dossier(path).dossier == doc.dossier
