"""``dossier-app export``: exit codes, messages, and the PDFs it writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from dossier_app.cli import main
from dossier_app.fileio.writer import save_dossier

from ..conftest import ALIBABA, REPO
from ..export.pdfread import read_pdf
from ..export.sample import make_dossier

BROKEN = (
    "format: dossier/1\ncompany:\n  name: Broken Co\n"
    "timeline:\n  - id: a\n    date: 2021-13\n    title: t\n"
)


@pytest.fixture
def dossier_file(tmp_path: Path) -> Path:
    path = tmp_path / "example.yaml"
    save_dossier(make_dossier(12, sources=4), path)
    return path


def test_export_writes_a_pdf_beside_the_file(
    qapp: QApplication, dossier_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(dossier_file)]) == 0
    out = dossier_file.with_suffix(".pdf")
    assert out.exists()
    printed = capsys.readouterr()
    assert printed.err == ""
    assert str(out) in printed.out and "TLP:GREEN" in printed.out


def test_export_options_reach_the_pdf(
    qapp: QApplication, dossier_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "brief.pdf"
    code = main(
        [
            "export",
            str(dossier_file),
            "-o",
            str(out),
            "--marking",
            "TLP:AMBER",
            "--from",
            "2016",
            "--to",
            "2018-06",
            "--tag",
            "cloud",
            "--page-size",
            "Letter",
            "--sections",
            "timeline,sources",
            "--author",
            "J. Analyst",
        ]
    )
    assert code == 0
    pdf = read_pdf(out)
    assert all(page.count("TLP:AMBER") >= 2 for page in pdf.pages)
    assert [title for title, _ in pdf.outline()] == ["Timeline", "Sources"]
    assert pdf.has("tag cloud")
    assert round(float(pdf.reader.pages[0].mediabox.width)) == 612
    assert pdf.reader.metadata is not None and pdf.reader.metadata.author == "J. Analyst"


def test_unwritable_output_fails_with_one_line(
    qapp: QApplication, dossier_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["export", str(dossier_file), "-o", str(tmp_path / "no" / "such" / "x.pdf")])
    assert code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write" in err and "does not exist" in err
    assert "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_read_only_folder_fails_with_one_line(
    qapp: QApplication, dossier_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["export", str(dossier_file), "-o", str(locked / "x.pdf")]) == 1
    finally:
        locked.chmod(0o700)
    err = capsys.readouterr().err
    assert "cannot write" in err and "Permission denied" in err


def test_dossier_with_errors_is_not_exported(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    assert main(["export", str(broken)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{broken}:6:") and "error" in err[0] and "month 13" in err[0]
    assert err[-1] == (
        f"dossier-app export: {broken}: not exported: the dossier has 1 error "
        f"(see 'dossier-app check {broken}')"
    )
    assert not broken.with_suffix(".pdf").exists()


def test_missing_file(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(tmp_path / "nothing.yaml")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_folder_export_writes_one_pdf_per_dossier(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    save_dossier(make_dossier(5, sources=3, seed=1), library / "one.yaml")
    save_dossier(make_dossier(8, sources=3, seed=2), library / "two.yml")
    (library / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (library / "notes.txt").write_text("not a dossier", encoding="utf-8")
    out = tmp_path / "out" / "pdfs"
    assert main(["export", str(library), "-o", str(out)]) == 1  # one dossier has an error
    assert sorted(p.name for p in out.iterdir()) == ["one.pdf", "two.pdf"]
    for pdf in out.iterdir():
        assert len(PdfReader(pdf).pages) >= 1
    err = capsys.readouterr().err
    assert "broken.yaml: not exported" in err


def test_folder_without_dossiers(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Nothing to do: the exit code of check and format on an empty folder, and their words.
    (tmp_path / ".hidden.yaml").write_text("format: dossier/1\n", encoding="utf-8")
    assert main(["export", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"no *.yaml or *.yml files in {tmp_path}" in err
    assert "nothing to export" in err
    assert main(["check", str(tmp_path)]) == 2
    assert f"no *.yaml or *.yml files in {tmp_path}" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--sections", "appendix"],
        ["--from", "2021-13"],
        ["--marking", "SECRET"],
        ["--page-size", "A3"],
        ["--from", "2022", "--to", "2021"],
    ],
)
def test_bad_usage_exits_2(
    dossier_file: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(dossier_file), *args]) == 2
    assert "error" in capsys.readouterr().err
    assert not dossier_file.with_suffix(".pdf").exists()


@pytest.mark.skipif(not ALIBABA.exists(), reason="the bundled dossier is not there")
def test_headless_export_needs_no_display(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    out = tmp_path / "alibaba.pdf"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "dossier_app",
            "export",
            str(ALIBABA),
            "-o",
            str(out),
            "--marking",
            "TLP:AMBER",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    pdf = read_pdf(out)
    assert len(pdf.pages) > 1 and pdf.has("阿里巴巴")


def test_tag_repeats_and_keeps_developments_with_any_of_them(
    qapp: QApplication, dossier_file: Path, tmp_path: Path
) -> None:
    from dossier_app.fileio.loader import read_dossier

    d = read_dossier(dossier_file).dossier
    assert d is not None
    out = tmp_path / "tags.pdf"
    assert main(["export", str(dossier_file), "-o", str(out), "--tag", "cloud",
                 "--tag", "security"]) == 0  # fmt: skip
    pdf = read_pdf(out)
    for dev in d.timeline:
        assert pdf.has(dev.title) == bool({"cloud", "security"} & set(dev.tags)), dev.title
    assert pdf.has("any of the tags cloud, security")


def test_a_filter_that_matches_nothing_fails_unless_allowed(
    qapp: QApplication, dossier_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "empty.pdf"
    assert main(["export", str(dossier_file), "-o", str(out), "--tag", "nosuchtag"]) == 1
    err = capsys.readouterr().err
    assert "warning" in err and "match no development" in err and "--allow-empty" in err
    assert not out.exists()
    args = ["export", str(dossier_file), "-o", str(out), "--tag", "nosuchtag", "--allow-empty"]
    assert main(args) == 0
    assert "match no development" in capsys.readouterr().err
    assert read_pdf(out).has("No developments to show.")


def test_a_lower_marking_needs_downgrade_marking(
    qapp: QApplication, dossier_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "clear.pdf"
    assert main(["export", str(dossier_file), "-o", str(out), "--marking", "TLP:CLEAR"]) == 1
    assert "--downgrade-marking" in capsys.readouterr().err
    assert not out.exists()
    args = ["export", str(dossier_file), "-o", str(out), "--marking", "TLP:CLEAR",
            "--downgrade-marking"]  # fmt: skip
    assert main(args) == 0
    assert read_pdf(out).has("Marking lowered from TLP:GREEN")


def test_recipients_go_under_the_title(
    qapp: QApplication, dossier_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "red.pdf"
    args = ["export", str(dossier_file), "-o", str(out), "--marking", "TLP:RED"]
    assert main(args) == 0
    assert "names no recipients" in capsys.readouterr().err
    assert main([*args, "--recipient", "C. Chief", "--recipient", "D. Deputy"]) == 0
    assert read_pdf(out).pages[0].count("Distribution:C.Chief;D.Deputy") == 1


def test_export_never_writes_over_its_input(
    qapp: QApplication, dossier_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dossier_file.read_bytes()
    assert main(["export", str(dossier_file), "-o", str(dossier_file), "--force"]) == 1
    assert "over its input" in capsys.readouterr().err
    assert dossier_file.read_bytes() == before


def test_export_replaces_a_non_pdf_only_with_force(
    qapp: QApplication, dossier_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.pdf"
    notes.write_text("my notes, not a PDF", encoding="utf-8")
    assert main(["export", str(dossier_file), "-o", str(notes)]) == 1
    assert "is not a PDF" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "my notes, not a PDF"
    assert main(["export", str(dossier_file), "-o", str(notes), "--force"]) == 0
    assert notes.read_bytes().startswith(b"%PDF-")
    # An existing PDF is replaced without asking.
    assert main(["export", str(dossier_file), "-o", str(notes)]) == 0


def test_dash_writes_the_pdf_to_standard_output(dossier_file: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "dossier_app", "export", str(dossier_file), "-o", "-"],
        cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"%PDF-") and proc.stdout.rstrip().endswith(b"%%EOF")
    assert not (tmp_path / "-").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["example.yaml"]


def test_empty_qt_platform_is_treated_as_unset(dossier_file: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = ""
    out = tmp_path / "empty-platform.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "dossier_app", "export", str(dossier_file), "-o", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"%PDF-")
