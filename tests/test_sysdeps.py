"""tools/sysdeps.sh: the Debian packages `make run` installs for Qt's X11 plugin."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "tools" / "sysdeps.sh"

pytestmark = pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")


def run(tmp_path: Path, ldd_output: str, *args: str) -> str:
    """The script's dry run, with an ``ldd`` that reports ``ldd_output``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    ldd = bin_dir / "ldd"
    ldd.write_text(f"#!/bin/sh\ncat <<'EOF'\n{ldd_output}\nEOF\n")
    ldd.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["sh", str(SCRIPT), "--dry-run", *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return done.stdout


def test_missing_plugin_libraries_become_debian_packages(tmp_path: Path) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    out = run(
        tmp_path,
        "\tlibxcb-icccm.so.4 => not found\n"
        "\tlibxkbcommon-x11.so.0 => not found\n"
        "\tlibX11-xcb.so.1 => not found\n"
        "\tlibxcb-icccm.so.4 => not found\n"
        "\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x0)",
        "--gui",
        str(plugin),
    )
    packages = out.split(":", 1)[1].split()
    assert {"libxcb-icccm4", "libxkbcommon-x11-0", "libx11-xcb1"} <= set(packages)
    assert packages.count("libxcb-icccm4") == 1  # asked for once
    assert "libxcb-cursor0" not in packages  # present


def test_without_gui_the_plugin_is_not_looked_at(tmp_path: Path) -> None:
    out = run(tmp_path, "\tlibxcb-icccm.so.4 => not found")
    assert "libxcb-icccm4" not in out


def test_office_asks_for_libreoffice_writer_where_it_is_missing(tmp_path: Path) -> None:
    bare = tmp_path / "bare"  # a PATH with the script's tools but no LibreOffice
    bare.mkdir()
    for tool in ("ldconfig", "grep", "tr", "awk", "sort", "id"):
        found = shutil.which(tool)
        if found:
            (bare / tool).symlink_to(found)
    sh = shutil.which("sh")
    assert sh is not None

    def dry(*args: str) -> str:
        done = subprocess.run(
            [sh, str(SCRIPT), "--dry-run", *args],
            capture_output=True, text=True, env={"PATH": str(bare)}, check=True,
        )  # fmt: skip
        return done.stdout

    assert "libreoffice-writer-nogui" in dry("--office")
    assert "libreoffice" not in dry()
