"""``dossier-app import-source``: the source added, its archived copy, nothing on failure."""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dossier_app.cli import main
from dossier_app.domain import clock
from dossier_app.domain.dates import PartialDate
from dossier_app.fileio import source_import
from dossier_app.fileio.article import extract_article
from dossier_app.fileio.loader import load_dossier, read_dossier
from dossier_app.fileio.problems import SaveError
from dossier_app.fileio.source_import import propose_source

from ..conftest import ALIBABA
from ..fileio.test_article import make_pdf, news_page


@pytest.fixture
def library(tmp_path: Path) -> Path:
    (tmp_path / "alibaba.yaml").write_bytes(ALIBABA.read_bytes())
    (tmp_path / "reuters.html").write_text(news_page(), encoding="utf-8")
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(folder.rglob("*"))
    }


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(["import-source", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_import_adds_an_archived_source(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier_path = library / "alibaba.yaml"
    code, out, err = run(capsys, str(dossier_path), str(library / "reuters.html"))
    assert (code, err) == (0, "")
    assert out == ["reuters-us-reviews-alibaba-cloud"]

    dossier = load_dossier(dossier_path)
    source = dossier.sources[-1]
    assert source.id == "reuters-us-reviews-alibaba-cloud"
    assert source.title == "US reviews Alibaba cloud <unit>"
    assert (source.author, source.publisher) == ("Echo Wang", "Reuters")
    assert source.published == PartialDate(2021, 1, 18)
    assert source.url == "https://www.reuters.com/technology/alibaba-cloud-review-2021-01-18/"
    assert source.archived == "alibaba.sources/reuters-us-reviews-alibaba-cloud.html"

    copy = library / "alibaba.sources" / "reuters-us-reviews-alibaba-cloud.html"
    assert copy.read_bytes() == (library / "reuters.html").read_bytes()
    assert source.sha256 == hashlib.sha256(copy.read_bytes()).hexdigest()
    text = (library / "alibaba.sources" / "reuters-us-reviews-alibaba-cloud.txt").read_text(
        encoding="utf-8"
    )
    assert "stores U.S. clients' data" in text and "<b>bold</b>" in text
    # The markup stays literal in the file too, and the file is canonical and checks clean.
    assert "title: US reviews Alibaba cloud <unit>\n" in dossier_path.read_text(encoding="utf-8")
    assert not read_dossier(dossier_path, evidence=True).errors
    assert main(["format", "--check", str(dossier_path)]) == 0


def test_second_import_gets_a_fresh_id_and_id_can_be_chosen(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = (str(library / "alibaba.yaml"), str(library / "reuters.html"))
    assert run(capsys, *args)[1] == ["reuters-us-reviews-alibaba-cloud"]
    assert run(capsys, *args)[1] == ["reuters-us-reviews-alibaba-cloud-2"]
    assert run(capsys, *args, "--id", "reuters-2021")[1] == ["reuters-2021"]
    assert (library / "alibaba.sources" / "reuters-2021.html").is_file()


def test_missing_fields_are_named_on_stderr(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = library / "bare.html"
    page.write_text("<html><head><title>Only a title</title></head></html>", encoding="utf-8")
    code, out, err = run(capsys, str(library / "alibaba.yaml"), str(page),
                         "--url", "https://example.org/a")
    assert (code, out) == (0, ["example-org-only-title"])
    assert err.strip() == (
        f"dossier-app import-source: not found in {page}: author, published date, main text"
    )
    source = load_dossier(library / "alibaba.yaml").sources[-1]
    # With no site name in the page, trafilatura names the URL's host.
    assert (source.title, source.url, source.publisher, source.author) == (
        "Only a title", "https://example.org/a", "example.org", None
    )
    # No main text: the text file is there, empty.
    assert (library / "alibaba.sources" / "example-org-only-title.txt").read_bytes() == b""


def test_page_with_nothing_takes_the_file_name(
    library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (library / "saved page.html").write_bytes(b"")
    code, out, err = run(capsys, str(library / "alibaba.yaml"), str(library / "saved page.html"))
    assert (code, out) == (0, ["saved-page"])
    assert "title, author" in err
    assert load_dossier(library / "alibaba.yaml").sources[-1].title == "saved page"


def test_pdf_and_text_imports(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_pdf(library / "report.pdf")
    (library / "notes.txt").write_text("Analyst notes\n\nBody.\n", encoding="utf-8")
    dossier = str(library / "alibaba.yaml")
    assert run(capsys, dossier, str(library / "report.pdf"))[1] == ["annual-report-2021"]
    assert run(capsys, dossier, str(library / "notes.txt"))[1] == ["analyst-notes"]
    folder = library / "alibaba.sources"
    assert sorted(p.name for p in folder.iterdir()) == [
        "analyst-notes.txt", "annual-report-2021.pdf", "annual-report-2021.txt",
    ]
    sources = load_dossier(dossier).sources
    assert sources[-2].author == "Alibaba Group"
    assert sources[-1].archived == "alibaba.sources/analyst-notes.txt"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--id", "Bad Id"], "is not a source id"),
        (["--id", "thehill-alibaba-review"], "already has a source"),
        (["--url", "javascript:alert(1)"], "--url must be an http"),
    ],
)
def test_bad_input_writes_nothing(
    library: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    before = snapshot(library)
    code, out, err = run(capsys, str(library / "alibaba.yaml"), str(library / "reuters.html"),
                         *extra)
    assert (code, out) == (2, [])
    assert message in err
    assert snapshot(library) == before


def test_unusable_files_write_nothing(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (library / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00JFIF\x00")
    before = snapshot(library)
    dossier = str(library / "alibaba.yaml")
    assert run(capsys, dossier, str(library / "photo.jpg"))[0] == 2
    assert run(capsys, dossier, str(library / "nope.html"))[0] == 2
    assert run(capsys, str(library / "nope.yaml"), str(library / "reuters.html"))[0] == 2
    broken = library / "broken.yaml"
    broken.write_text("format: dossier/1\ncompany: {}\n", encoding="utf-8")
    code, _, err = run(capsys, str(broken), str(library / "reuters.html"))
    assert code == 1 and "has errors; nothing was imported" in err
    before[broken.name] = broken.read_bytes()
    assert snapshot(library) == before


def test_failed_save_leaves_no_archive(
    library: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_save(dossier: object, path: object) -> str:
        raise SaveError(os.fspath(path), "write", "No space left on device")  # type: ignore[arg-type]

    monkeypatch.setattr(source_import, "save_dossier", failing_save)
    before = snapshot(library)
    code, out, err = run(capsys, str(library / "alibaba.yaml"), str(library / "reuters.html"))
    assert (code, out) == (1, [])
    assert "No space left on device; nothing was imported" in err
    assert snapshot(library) == before  # no alibaba.sources/ folder, dossier unchanged


def test_archive_never_overwrites_and_keeps_an_existing_folder(
    library: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = library / "alibaba.sources"
    folder.mkdir()
    (folder / "kept.html").write_bytes(b"old")
    code, _out, err = run(capsys, str(library / "alibaba.yaml"), str(library / "reuters.html"),
                         "--id", "kept")
    assert code == 2 and "already exists" in err
    assert (folder / "kept.html").read_bytes() == b"old"

    def failing_save(dossier: object, path: object) -> str:
        raise SaveError(os.fspath(path), "replace", "Read-only file system")  # type: ignore[arg-type]

    monkeypatch.setattr(source_import, "save_dossier", failing_save)
    assert run(capsys, str(library / "alibaba.yaml"), str(library / "reuters.html"))[0] == 1
    assert sorted(p.name for p in folder.iterdir()) == ["kept.html"]


def test_prefilled_source_for_a_form(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the GUI's source form starts from: the fields found, a free id, no archive yet."""
    monkeypatch.setattr(clock, "today", lambda: _dt.date(2026, 12, 3))
    dossier = load_dossier(library / "alibaba.yaml")
    article = extract_article(library / "reuters.html")
    source = propose_source(dossier, library / "alibaba.yaml", article, "reuters.html")
    assert (source.id, source.title, source.publisher, source.author, source.published) == (
        "reuters-us-reviews-alibaba-cloud", "US reviews Alibaba cloud <unit>", "Reuters",
        "Echo Wang", PartialDate(2021, 1, 18),
    )
    assert source.archived is None and source.sha256 is None
    assert not (library / "alibaba.sources").exists()
    assert len(dossier.sources) == 2  # proposing adds nothing


def test_verb_is_listed_and_light(capsys: pytest.CaptureFixture[str]) -> None:
    """Building the parser loads no extraction library; --help documents the options."""
    assert main(["import-source", "--help"]) == 0
    assert "--url URL" in capsys.readouterr().out
    script = (
        "import sys; from dossier_app import cli\n"
        "cli._top_parser(); cli.verb_parser('import-source')\n"
        "heavy = [m for m in ('trafilatura', 'pypdf', 'lxml', 'PySide6') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ALIBABA.parent.parent, timeout=60)
    assert proc.returncode == 0, proc.stderr
