"""Atomic saves: a failed save leaves the original byte-identical and says which step failed.

The tests run as root here, where permission bits stop nothing: read-only
folders and refused writes are simulated by patching the os functions with
plain functions raising the errors the kernel would give. A real read-only
folder is tried too when the tests run as an ordinary user.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dossier_app.domain.model import Company, Dossier
from dossier_app.fileio import atomic
from dossier_app.fileio.atomic import write_bytes_atomic
from dossier_app.fileio.hashing import content_hash
from dossier_app.fileio.problems import SaveError
from dossier_app.fileio.writer import dump_dossier, save_dossier

ORIGINAL = b"format: dossier/1\ncompany:\n  name: Original\n"


def dossier(name: str = "Changed") -> Dossier:
    return Dossier(company=Company(name=name))


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "acme.yaml"
    path.write_bytes(ORIGINAL)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def failing(err: int) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(err, os.strerror(err))

    return fail


# -- success ---------------------------------------------------------------------

def test_save_writes_canonical_bytes_and_returns_their_hash(target: Path) -> None:
    digest = save_dossier(dossier(), target)
    assert target.read_bytes() == dump_dossier(dossier()).encode("utf-8")
    assert digest == content_hash(target.read_bytes())
    assert leftovers(target.parent) == []


def test_permissions_of_the_original_are_kept(target: Path) -> None:
    os.chmod(target, 0o640)
    save_dossier(dossier(), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    os.chmod(target, 0o604)
    save_dossier(dossier("Again"), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


def test_new_file_gets_the_umask_mode_not_mkstemp_0600(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        save_dossier(dossier(), tmp_path / "new.yaml")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o640


def test_umask_is_read_without_being_changed() -> None:
    old = os.umask(0o023)
    try:
        assert atomic.current_umask() == 0o023
        assert os.umask(0o023) == 0o023
    finally:
        os.umask(old)


def test_a_symlink_stays_a_link_to_the_saved_file(target: Path) -> None:
    link = target.parent / "link.yaml"
    link.symlink_to(target.name)
    save_dossier(dossier(), link)
    assert link.is_symlink()
    assert target.read_bytes() == dump_dossier(dossier()).encode("utf-8")


def test_short_writes_are_completed(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def one_byte(fd: int, data: Any) -> int:
        return real_write(fd, bytes(data[:1]))

    monkeypatch.setattr(os, "write", one_byte)
    write_bytes_atomic(target, b"x" * 300)
    assert target.read_bytes() == b"x" * 300


def test_temp_file_is_hidden_in_the_same_folder(target: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        seen.append(src)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    save_dossier(dossier(), target)
    (tmp,) = seen
    assert Path(tmp).parent == target.parent
    assert Path(tmp).name.startswith(".acme.yaml.") and tmp.endswith(".tmp")


# -- failures --------------------------------------------------------------------

@pytest.mark.parametrize(
    ("function", "err", "step", "reason"),
    [
        ("write", errno.ENOSPC, "write", "No space left on device"),
        ("write", errno.EIO, "write", "Input/output error"),
        ("fsync", errno.EIO, "fsync", "Input/output error"),
        ("fsync", errno.ENOSPC, "fsync", "No space left on device"),
        ("chmod", errno.EPERM, "chmod", "Operation not permitted"),
        ("replace", errno.EACCES, "replace", "Permission denied"),
        ("replace", errno.EXDEV, "replace", "Invalid cross-device link"),
    ],
)
def test_a_failing_step_leaves_the_original_untouched(
    target: Path, monkeypatch: pytest.MonkeyPatch, function: str, err: int, step: str,
    reason: str,
) -> None:
    monkeypatch.setattr(os, function, failing(err))
    with pytest.raises(SaveError) as info:
        save_dossier(dossier(), target)
    monkeypatch.undo()
    assert target.read_bytes() == ORIGINAL
    assert leftovers(target.parent) == []
    assert (info.value.step, info.value.reason, info.value.path) == (step, reason, str(target))
    assert str(info.value) == f"Could not save {target}: {step} failed: {reason}"


def test_read_only_folder_is_refused(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root a 0555 folder is writable: simulate what the kernel tells anyone else.
    monkeypatch.setattr(tempfile, "mkstemp", failing(errno.EACCES))
    with pytest.raises(SaveError) as info:
        save_dossier(dossier(), target)
    assert (info.value.step, info.value.reason) == ("create temp file", "Permission denied")
    assert target.read_bytes() == ORIGINAL


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root writes into read-only folders; simulated above")
def test_real_read_only_folder_is_refused(target: Path) -> None:
    os.chmod(target.parent, 0o555)
    try:
        with pytest.raises(SaveError) as info:
            save_dossier(dossier(), target)
    finally:
        os.chmod(target.parent, 0o755)
    assert info.value.reason == "Permission denied"
    assert target.read_bytes() == ORIGINAL


def test_read_only_file_is_refused_even_for_root(target: Path) -> None:
    os.chmod(target, 0o444)
    with pytest.raises(SaveError) as info:
        save_dossier(dossier(), target)
    assert info.value.step == "check"
    assert "read-only" in info.value.reason
    assert target.read_bytes() == ORIGINAL
    assert leftovers(target.parent) == []


def test_file_we_may_not_write_is_refused(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    with pytest.raises(SaveError, match="read-only"):
        save_dossier(dossier(), target)
    assert target.read_bytes() == ORIGINAL


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SaveError) as info:
        save_dossier(dossier(), tmp_path / "gone" / "acme.yaml")
    assert (info.value.step, info.value.reason) == ("create temp file", "No such file or directory")


def test_a_folder_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").mkdir()
    with pytest.raises(SaveError) as info:
        save_dossier(dossier(), tmp_path / "acme.yaml")
    assert (info.value.step, info.value.reason) == ("check", "Is a directory")
    assert leftovers(tmp_path) == []


def test_file_deleted_meanwhile_is_saved_anew(target: Path) -> None:
    target.unlink()
    save_dossier(dossier(), target)
    assert target.read_bytes() == dump_dossier(dossier()).encode("utf-8")


def test_text_that_cannot_be_utf8_is_refused_before_any_write(target: Path) -> None:
    with pytest.raises(SaveError) as info:
        save_dossier(dossier("lone \ud800 surrogate"), target)
    assert info.value.step == "encode"
    assert target.read_bytes() == ORIGINAL
    assert leftovers(target.parent) == []


def test_interrupt_during_write_removes_the_temp_file(target: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_dossier(dossier(), target)
    assert target.read_bytes() == ORIGINAL
    assert leftovers(target.parent) == []


def test_folder_fsync_failure_after_the_replace_is_not_an_error(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync
    calls: list[int] = []

    def second_fails(fd: int) -> None:
        calls.append(fd)
        if len(calls) > 1:  # the folder: some network filesystems refuse
            raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", second_fails)
    save_dossier(dossier(), target)
    assert len(calls) == 2
    assert target.read_bytes() == dump_dossier(dossier()).encode("utf-8")
