"""Faults in the middle of a save: the file on disk stays as it was, the user is told why.

Each fault is injected with a plain function in place of one ``os`` call
(never a MagicMock) for the duration of one save only. Real permission
variants run only where permissions bind (not as root). A last test SIGKILLs
``python -m dossier_app format`` at seeded random moments on a large file.
"""

from __future__ import annotations

import copy
import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Development, Dossier
from dossier_app.fileio.loader import read_dossier
from dossier_app.fileio.problems import SaveError
from dossier_app.fileio.writer import dump_dossier, save_dossier
from tests.conftest import ALIBABA, REPO

IS_ROOT = os.geteuid() == 0

NEW_DEV = Development(
    id="fault-injected-edit",
    date=PartialDate(2022, 3),
    title="An edit that must not be lost",
    sources=["thehill-alibaba-review"],
)


def _load(path: Path) -> Dossier:
    result = read_dossier(path)
    assert result.dossier is not None and not result.errors, result.problems
    return result.dossier


@pytest.fixture
def original(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    path = folder / "alibaba.yaml"
    shutil.copyfile(ALIBABA, path)
    return path


def _edited(path: Path) -> Dossier:
    d = _load(path)
    d.timeline.append(copy.deepcopy(NEW_DEV))  # a copy: tests change what they save
    return d


def _oserror(code: int) -> OSError:
    cls = PermissionError if code in (errno.EACCES, errno.EPERM) else OSError
    return cls(code, os.strerror(code))


def _failing(code: int) -> Callable[..., Any]:
    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise _oserror(code)

    return fail


def _write_half_then(code: int) -> Callable[[int, Any], int]:
    """os.write that writes part of the data, then fails: a disk filling up mid-save."""
    real_write = os.write
    calls = {"n": 0}

    def write(fd: int, data: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data)[: max(1, len(data) // 2)])
        raise _oserror(code)

    return write


#: (id, os attribute, replacement factory, step named in the message, reason in the message)
FAULTS: list[tuple[str, str, Callable[[], Callable[..., Any]], str, str]] = [
    ("write-eio", "write", lambda: _failing(errno.EIO), "write", os.strerror(errno.EIO)),
    ("write-enospc", "write", lambda: _failing(errno.ENOSPC), "write",
     "No space left on device"),
    ("disk-fills-mid-write", "write", lambda: _write_half_then(errno.ENOSPC), "write",
     "No space left on device"),
    ("fsync-eio", "fsync", lambda: _failing(errno.EIO), "fsync", os.strerror(errno.EIO)),
    ("fsync-enospc", "fsync", lambda: _failing(errno.ENOSPC), "fsync",
     "No space left on device"),
    ("replace-eacces", "replace", lambda: _failing(errno.EACCES), "replace",
     "Permission denied"),
    ("replace-exdev", "replace", lambda: _failing(errno.EXDEV), "replace",
     os.strerror(errno.EXDEV)),
    ("replace-erofs", "replace", lambda: _failing(errno.EROFS), "replace",
     "Read-only file system"),
    # A read-only folder: the temporary file cannot be created (simulated: we run as root).
    ("read-only-folder", "open", lambda: _failing(errno.EACCES), "", "Permission denied"),
    ("folder-full", "open", lambda: _failing(errno.ENOSPC), "", "No space left on device"),
]


def _listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.mark.parametrize(
    ("attr", "factory", "step", "reason"),
    [f[1:] for f in FAULTS],
    ids=[f[0] for f in FAULTS],
)
def test_failed_save_leaves_the_file_untouched(
    original: Path,
    monkeypatch: pytest.MonkeyPatch,
    attr: str,
    factory: Callable[[], Callable[..., Any]],
    step: str,
    reason: str,
) -> None:
    before = original.read_bytes()
    mode = original.stat().st_mode
    listing = _listing(original.parent)
    d = _edited(original)
    with monkeypatch.context() as m:
        m.setattr(os, attr, factory())
        with pytest.raises(SaveError) as info:
            save_dossier(d, original)
    error = info.value
    message = str(error)
    print(message)
    assert original.read_bytes() == before
    assert original.stat().st_mode == mode
    assert _listing(original.parent) == listing, "a temporary file was left behind"
    assert str(original) in message or original.name in message
    assert reason in message
    if step:
        assert step in message and step in error.step
    # The edit is still in memory and a later save, once the fault is gone, writes it.
    assert d.development(NEW_DEV.id) is not None
    save_dossier(d, original)
    assert _load(original).development(NEW_DEV.id) == NEW_DEV


def test_read_only_file_is_not_overwritten(original: Path) -> None:
    """Mode 0444: even root, who could, must not replace a file its owner made read-only."""
    before = original.read_bytes()
    original.chmod(0o444)
    listing = _listing(original.parent)
    with pytest.raises(SaveError) as info:
        save_dossier(_edited(original), original)
    print(info.value)
    assert original.read_bytes() == before
    assert "read-only" in str(info.value).lower() or "permission" in str(info.value).lower()
    assert _listing(original.parent) == listing


@pytest.mark.skipif(IS_ROOT, reason="root writes into a mode-0555 folder anyway")
def test_read_only_folder_for_real(original: Path) -> None:
    before = original.read_bytes()
    original.parent.chmod(0o555)
    try:
        with pytest.raises(SaveError) as info:
            save_dossier(_edited(original), original)
    finally:
        original.parent.chmod(0o755)
    assert "Permission denied" in str(info.value)
    assert original.read_bytes() == before


def test_folder_deleted_meanwhile(original: Path) -> None:
    """The dossier's folder vanished (a shared drive unmounted): a clear error, nothing created."""
    d = _edited(original)
    shutil.rmtree(original.parent)
    with pytest.raises(SaveError) as info:
        save_dossier(d, original)
    print(info.value)
    assert "No such file or directory" in str(info.value)
    assert not original.parent.exists()


def test_file_deleted_during_the_save(original: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone deletes the file between the write and the rename: never a partial file."""
    d = _edited(original)
    real_replace = os.replace

    def delete_then_replace(src: Any, dst: Any) -> None:
        os.unlink(dst)
        real_replace(src, dst)

    with monkeypatch.context() as m:
        m.setattr(os, "replace", delete_then_replace)
        save_dossier(d, original)
    assert original.read_text(encoding="utf-8") == dump_dossier(d)
    assert _listing(original.parent) == ["alibaba.yaml"]


def test_unencodable_text_fails_before_touching_the_file(original: Path) -> None:
    """A lone surrogate (pasted from a broken source) cannot be UTF-8: refused, file intact."""
    before = original.read_bytes()
    d = _edited(original)
    d.timeline[-1].title = "broken \ud800 text"
    with pytest.raises(SaveError):
        save_dossier(d, original)
    assert original.read_bytes() == before
    assert _listing(original.parent) == ["alibaba.yaml"]


# -- SIGKILL during `dossier-app format` ---------------------------------------------

KILLS = 15


def _big_unformatted(path: Path, developments: int = 4000) -> None:
    """A valid dossier of a few MB in non-canonical form (sorted keys, flow lists)."""
    data: dict[str, Any] = {
        "format": "dossier/1",
        "company": {"name": "Kill Test Holdings", "short_name": "Kill Test"},
        "sources": [{"id": "src", "title": "The only source"}],
        "timeline": [
            {
                "title": f"Development number {i} with some words to make it longer",
                "summary": f"Line one of {i}.\nLine two, with 阿里巴巴 and an emoji 😀.\n",
                "id": f"dev-{i:05d}",
                "date": f"{2000 + i % 25}-{1 + i % 12:02d}",
                "tags": ["alpha", "beta"],
                "sources": ["src"],
                "credibility": 1 + i % 6,
            }
            for i in range(developments)
        ],
    }
    path.write_text(
        yaml.safe_dump(data, sort_keys=True, allow_unicode=True, width=80), encoding="utf-8"
    )


def _format(path: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, "-m", "dossier_app", "format", str(path)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_sigkill_during_format_leaves_old_or_new(tmp_path: Path) -> None:
    from dossier_app.commands.check import run_check

    folder = tmp_path / "library"
    folder.mkdir()
    path = folder / "big.yaml"
    _big_unformatted(path)
    old = path.read_bytes()
    old_dossier = _load(path)

    start = time.perf_counter()
    proc = _format(path)
    _, err = proc.communicate(timeout=120)
    full = time.perf_counter() - start
    assert proc.returncode == 0, err.decode()
    new = path.read_bytes()
    assert new != old, "format changed nothing: the test would prove nothing"
    assert _load(path) == old_dossier
    print(f"format of {len(old) / 1e6:.1f} MB took {full:.2f} s")

    rng = random.Random(20240601)
    outcomes = {"old": 0, "new": 0}
    for i in range(KILLS):
        path.write_bytes(old)
        # Half the kills anywhere in the run, half near its end, where the write happens.
        delay = rng.uniform(0.0, full * 1.1) if i % 2 else rng.uniform(full * 0.8, full * 1.0)
        proc = _format(path)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        data = path.read_bytes()
        assert data in (old, new), f"kill {i} after {delay:.3f} s left a mixed file"
        outcomes["old" if data == old else "new"] += 1
        assert _load(path) == old_dossier
    strays = [n for n in os.listdir(folder) if n != "big.yaml"]
    print(f"{KILLS} kills: {outcomes}; temporary files left by the kills: {strays}")
    # Leftover temporary files must not show up as broken dossiers in a library check.
    assert run_check([str(folder)]) == 0


# -- the same faults through the GUI's Save ---------------------------------------------

GUI_FAULTS: list[tuple[str, str, Callable[[], Callable[..., Any]], str]] = [
    ("write-enospc", "write", lambda: _failing(errno.ENOSPC), "No space left on device"),
    ("fsync-eio", "fsync", lambda: _failing(errno.EIO), os.strerror(errno.EIO)),
    ("replace-eacces", "replace", lambda: _failing(errno.EACCES), "Permission denied"),
    ("read-only-folder", "open", lambda: _failing(errno.EACCES), "Permission denied"),
]


class GuiEditor:
    """A main window with editing installed, a scripted asker and the dossier open, edited."""

    def __init__(self, qtbot: Any, path: Path, recovery: Path) -> None:
        from dossier_app.ui.editing import commands as cmd
        from dossier_app.ui.editing.controller import install_edit_controller
        from dossier_app.ui.window.main_window import MainWindow
        from tests.ui.fake_asker import FakeAsker

        self.window = MainWindow(library_folder=path.parent)
        qtbot.addWidget(self.window)
        self.asker = FakeAsker(defaults={"ask_save_discard_cancel": "discard"})
        self.controller = install_edit_controller(self.window, self.asker, recovery)
        self.window.show()
        doc = self.window.open_path(path)
        assert doc is not None
        self.doc = doc
        doc.undo_stack.push(cmd.AddDevelopment(doc, copy.deepcopy(NEW_DEV)))

    def markers(self) -> tuple[str, str]:
        tabs = self.window.dossier_tabs
        return self.window.windowTitle(), tabs.tabText(tabs.currentIndex())

    def assert_unsaved(self) -> None:
        title, tab = self.markers()
        assert "*" in title and "*" in tab, (title, tab)
        assert self.doc.is_modified
        assert self.doc.dossier.development(NEW_DEV.id) == NEW_DEV


@pytest.mark.parametrize(
    ("attr", "factory", "reason"), [f[1:] for f in GUI_FAULTS], ids=[f[0] for f in GUI_FAULTS]
)
def test_gui_save_that_fails_keeps_the_edits_marked_unsaved(
    qtbot: Any,
    original: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    attr: str,
    factory: Callable[[], Callable[..., Any]],
    reason: str,
) -> None:
    before = original.read_bytes()
    listing = _listing(original.parent)
    editor = GuiEditor(qtbot, original, tmp_path / "recovery")
    editor.assert_unsaved()
    with monkeypatch.context() as m:
        m.setattr(os, attr, factory())
        assert not editor.controller.save()
    [(title, text)] = editor.asker.errors
    print(title, "|", text)
    assert reason in text and str(original) in text
    editor.assert_unsaved()
    assert original.read_bytes() == before
    assert _listing(original.parent) == listing
    # The fault gone, the same Save writes the edit and clears the marker.
    assert editor.controller.save()
    title_text, tab = editor.markers()
    assert "*" not in title_text and "*" not in tab
    assert _load(original).development(NEW_DEV.id) == NEW_DEV


def test_gui_save_to_a_read_only_file(qtbot: Any, original: Path, tmp_path: Path) -> None:
    before = original.read_bytes()
    editor = GuiEditor(qtbot, original, tmp_path / "recovery")
    original.chmod(0o444)
    assert not editor.controller.save()
    [(_title, text)] = editor.asker.errors
    assert "read-only" in text.lower() or "Permission denied" in text
    editor.assert_unsaved()
    assert original.read_bytes() == before


def test_gui_save_after_the_folder_vanished(qtbot: Any, original: Path, tmp_path: Path) -> None:
    editor = GuiEditor(qtbot, original, tmp_path / "recovery")
    shutil.rmtree(original.parent)
    assert not editor.controller.save()
    [(_title, text)] = editor.asker.errors
    assert "No such file or directory" in text
    editor.assert_unsaved()
    assert not original.parent.exists()
