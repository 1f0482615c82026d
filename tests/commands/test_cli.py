"""``dossier-app`` itself: unknown verbs and paths, usage lines, a GUI start without a display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dossier_app import cli
from dossier_app.cli import VERBS, main, missing_display

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def no_gui(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The GUI never starts here: a test that would open it records the paths instead."""
    opened: list[list[str]] = []

    def fake_gui(paths: list[str]) -> int:
        opened.append(paths)
        return 0

    monkeypatch.setattr(cli, "_gui", fake_gui)
    return opened


def test_a_mistyped_verb_says_which_one_was_meant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_gui: list[list[str]]
) -> None:
    code = main(["exprot", str(tmp_path / "x.yaml"), "-o", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err
    assert code == 2
    assert "'exprot' is not a command; did you mean 'export'?" in err
    assert "unrecognized arguments" not in err
    assert "{" + ",".join(VERBS) + "}" in err  # the usage line names the verbs
    assert no_gui == []


@pytest.mark.parametrize("argv", [["compare", "a", "b"], ["zzz"]])
def test_an_unknown_word_is_a_usage_error_naming_the_verbs(
    argv: list[str], capsys: pytest.CaptureFixture[str], no_gui: list[list[str]]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"{argv[0]!r} is not a command, nor a file or folder" in err
    assert "the commands are " + ", ".join(VERBS) in err
    assert no_gui == []


def test_a_missing_path_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_gui: list[list[str]]
) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("format: dossier/1\n", encoding="utf-8")
    missing = str(tmp_path / "missing.yaml")
    assert main([str(good), missing]) == 2
    assert f"no such file or folder: {missing!r}" in capsys.readouterr().err
    assert main([missing]) == 2
    assert no_gui == []


def test_existing_paths_and_broken_links_open_the_gui(
    tmp_path: Path, no_gui: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")  # the app shows why it cannot be read
    assert main([str(tmp_path), str(link)]) == 0
    assert main([]) == 0
    assert no_gui == [[str(tmp_path), str(link)], []]


def test_unknown_option_prints_the_verbs_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--bogus", "x.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: dossier-app check [-h]")
    assert "unrecognized arguments: --bogus" in err


def test_top_level_usage_and_help_name_the_verbs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--bogus"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: dossier-app [-h] [--version] [PATH ...]")
    assert "dossier-app {" + ",".join(VERBS) + "} ..." in err
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in VERBS:
        assert f"  {name} " in out


@pytest.mark.parametrize(
    ("env", "platform", "missing"),
    [
        ({}, "linux", True),
        ({"QT_QPA_PLATFORM": ""}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland-egl"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "minimal"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb;offscreen"}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"DISPLAY": ""}, "linux", True),
        ({}, "darwin", False),
        ({}, "win32", False),
    ],
)
def test_which_environments_lack_a_display(
    env: dict[str, str], platform: str, missing: bool
) -> None:
    assert missing_display(env, platform) is missing


def test_the_gui_without_a_display_says_so_in_one_line(tmp_path: Path) -> None:
    """In a fresh process, as a user would start it: one line, exit 1, Qt never loaded."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    script = (
        "import sys\nfrom dossier_app.cli import main\ncode = main(sys.argv[1:])\n"
        "assert 'PySide6' not in sys.modules\nsys.exit(code)\n"
    )
    for platform in (None, ""):
        if platform is not None:
            env["QT_QPA_PLATFORM"] = platform
        proc = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if sys.platform.startswith("linux"):
            assert proc.returncode == 1, proc.stderr
            assert proc.stdout == ""
            lines = proc.stderr.splitlines()
            assert len(lines) == 1
            assert lines[0].startswith("dossier-app: cannot open the app: no display")
