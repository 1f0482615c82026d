"""``via`` errors with their positions, and the sourcing warnings ``check`` asks for."""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
from pathlib import Path

import pytest

from dossier_app.domain import clock
from dossier_app.fileio.loader import read_dossier

HEAD = "format: dossier/1\ncompany:\n  name: Acme\n"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: _dt.date(2026, 12, 3))


def problems(tmp_path: Path, text: str, evidence: bool = True) -> list[tuple[str, int, int, str]]:
    path = tmp_path / "acme.yaml"
    path.write_text(HEAD + text, encoding="utf-8")
    result = read_dossier(path, evidence=evidence)
    return [(p.code, p.line, p.column, p.message) for p in result.problems]


def codes(found: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int]]:
    return [(code, line, col) for code, line, col, _ in found]


def test_unknown_via_is_an_error_at_its_value(tmp_path: Path) -> None:
    found = problems(tmp_path, """\
sources:
- id: hill
  title: H
  via: reuters
timeline:
- {id: d, date: 2021, title: T, sources: [hill]}
""")
    assert codes(found) == [("unknown-via", 7, 8)]
    assert "'reuters', which is not a source id" in found[0][3]


def test_via_cycle_is_one_error_naming_the_cycle(tmp_path: Path) -> None:
    found = problems(tmp_path, """\
sources:
- {id: a, title: A, via: b}
- {id: b, title: B, via: c}
- {id: c, title: C, via: a}
- {id: d, title: D, via: d}
timeline:
- {id: x, date: 2021, title: T, sources: [a, b, c, d]}
""")
    assert codes(found) == [("via-cycle", 5, 26), ("via-cycle", 8, 26)]
    assert "'a' → 'b' → 'c' → 'a'" in found[0][3]
    assert "'d' says 'via' itself" in found[1][3]


def test_via_errors_are_reported_without_evidence_too(tmp_path: Path) -> None:
    text = "sources:\n- {id: a, title: A, via: a}\n"
    assert ("via-cycle", 5, 26) in codes(problems(tmp_path, text, evidence=False))


CORROBORATED = """\
sources:
- {id: reuters, title: R, reliability: B}
- {id: hill, title: H, via: reuters}
- {id: ap, title: AP, reliability: E}
- {id: blog, title: B, reliability: D}
timeline:
- {id: relayed, date: 2021, title: T, sources: [reuters, hill]}
- {id: two, date: 2021, title: T, sources: [reuters, ap]}
- {id: weak, date: 2021, title: T, sources: [ap, blog]}
- {id: doubtful, date: 2021, title: T, sources: [reuters, ap], credibility: 5}
figures:
- {id: old, label: L, value: 1, unit: USD, as_of: 2023, sources: [hill, ap]}
- {id: new, label: L, value: 1, unit: USD, as_of: 2026, sources: [hill, ap]}
"""


def test_sourcing_warnings_with_codes_and_positions(tmp_path: Path) -> None:
    found = problems(tmp_path, CORROBORATED)
    assert codes(found) == [
        ("single-origin", 10, 48),
        ("weak-sourcing", 12, 45),
        ("weak-sourcing", 13, 77),
        ("stale", 15, 51),
    ]
    messages = [m for *_, m in found]
    assert "development 'relayed' rests on a single independent origin, source 'reuters'" in (
        messages[0]
    )
    assert "every source it cites is graded D, E or F" in messages[1]
    assert "credibility is 5 (Improbable)" in messages[2]
    assert "figure 'old' is stale: as of 2023, more than 2 years before 2026-12-03" in messages[3]


def test_sourcing_warnings_only_when_asked(tmp_path: Path) -> None:
    assert problems(tmp_path, CORROBORATED, evidence=False) == []


def test_stale_follows_the_clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: _dt.date(2025, 1, 1))
    assert "stale" not in [c for c, *_ in problems(tmp_path, CORROBORATED)]


def test_single_origin_through_via_names_the_root(tmp_path: Path) -> None:
    found = problems(tmp_path, """\
sources:
- {id: reuters, title: R}
- {id: hill, title: H, via: reuters}
timeline:
- {id: d, date: 2021, title: T, sources: [hill]}
- {id: e, date: 2021, title: T, sources: [reuters]}
""")
    assert codes(found) == [("single-origin", 8, 42), ("single-origin", 9, 42)]
    assert "source 'reuters' (through 'via' of 'hill')" in found[0][3]


ARCHIVED = """\
sources:
- id: a
  title: A
  archived: acme.sources/a.html
  sha256: {sha}
- {{id: b, title: B, archived: acme.sources/b.html}}
- {{id: c, title: C, archived: ../outside.html}}
timeline:
- {{id: d, date: 2021, title: T, sources: [a, b, c]}}
"""


def test_archived_copies_missing_changed_or_outside(tmp_path: Path) -> None:
    folder = tmp_path / "acme.sources"
    folder.mkdir()
    (folder / "a.html").write_bytes(b"<p>original</p>")
    sha = hashlib.sha256(b"<p>original</p>").hexdigest()
    assert problems(tmp_path, ARCHIVED.format(sha=sha))[0][0] == "archived-missing"

    (folder / "b.html").write_bytes(b"b")
    (tmp_path / "outside.html").write_bytes(b"c")
    assert codes(problems(tmp_path, ARCHIVED.format(sha=sha))) == [("archived-outside", 10, 31)]

    (folder / "a.html").write_bytes(b"<p>edited</p>")
    found = problems(tmp_path, ARCHIVED.format(sha=sha))
    assert codes(found) == [("archived-changed", 8, 11), ("archived-outside", 10, 31)]
    assert "has changed" in found[0][3]


def test_archived_copy_that_is_a_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "acme.sources" / "b.html").mkdir(parents=True)
    text = "sources:\n- {id: b, title: B, archived: acme.sources/b.html}\n"
    found = problems(tmp_path, text)
    assert [(c, m.split(" of ")[-1]) for c, _, _, m in found if c.startswith("archived")] == [
        ("archived-missing", "source 'b' is not a regular file")
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes and symlinks")
def test_archived_pipe_or_link_out_is_never_read(tmp_path: Path) -> None:
    folder = tmp_path / "acme.sources"
    folder.mkdir()
    os.mkfifo(folder / "pipe.html")  # reading it would wait forever
    (tmp_path.parent / "secret.txt").write_text("x", encoding="utf-8")
    (folder / "link.html").symlink_to(tmp_path.parent / "secret.txt")
    text = """\
sources:
- {{id: p, title: P, archived: acme.sources/pipe.html, sha256: {}}}
- {{id: l, title: L, archived: acme.sources/link.html, sha256: {}}}
""".format("a" * 64, "a" * 64)
    assert [(c, line) for c, line, _, _ in problems(tmp_path, text) if c.startswith("arch")] == [
        ("archived-missing", 5), ("archived-outside", 6)
    ]


def test_archived_text_is_read_for_the_detail_pane(tmp_path: Path) -> None:
    from dossier_app.fileio.archive import read_archived_text

    folder = tmp_path / "acme.sources"
    folder.mkdir()
    (folder / "a.html").write_bytes(b"<p>x</p>")
    (folder / "a.txt").write_text("Zürich <b>", encoding="utf-8")
    older = "Die Gründer trafen sich im Café in Zürich und sprachen über Geschäfte. " * 5
    (folder / "b.txt").write_bytes(older.encode("cp1252"))  # a plain-text copy, not UTF-8
    dossier = tmp_path / "acme.yaml"
    assert read_archived_text(dossier, "acme.sources/a.html") == "Zürich <b>"
    assert read_archived_text(dossier, "acme.sources/b.txt") == older
    assert read_archived_text(dossier, "acme.sources/missing.html") is None
    assert read_archived_text(dossier, "../acme.sources/a.html") is None


def test_new_source_keys_load_and_are_checked_by_the_schema(tmp_path: Path) -> None:
    good = "a" * 64
    text = f"""\
sources:
- {{id: r, title: R}}
- {{id: h, title: H, via: r, archived: acme.sources/h.html, sha256: {good}}}
timeline:
- {{id: d, date: 2021, title: T, sources: [h]}}
"""
    path = tmp_path / "acme.yaml"
    path.write_text(HEAD + text, encoding="utf-8")
    source = read_dossier(path).dossier.sources[1]  # type: ignore[union-attr]
    assert (source.via, source.archived, source.sha256) == ("r", "acme.sources/h.html", good)
    assert source.extra == {}

    path.write_text(HEAD + text.replace(good, "NOT-A-HASH").replace("via: r", "via: Bad Id"),
                    encoding="utf-8")
    errors = [(p.line, p.message) for p in read_dossier(path).errors]
    assert [line for line, _ in errors] == [6, 6]
    assert any("sha256" in m for _, m in errors) and any("via" in m for _, m in errors)


def test_bundled_alibaba_dossier_rests_on_reuters_alone() -> None:
    from ..conftest import ALIBABA

    result = read_dossier(ALIBABA, evidence=True)
    assert not result.errors
    found = [p.code for p in result.warnings]
    dossier = result.dossier
    assert dossier is not None
    assert dossier.source("thehill-alibaba-review").via == (  # type: ignore[union-attr]
        "reuters-alibaba-cloud-review"
    )
    claims = len(dossier.timeline) + len(dossier.figures)
    assert found.count("single-origin") == claims
    assert found.count("stale") == 2  # both figures are as of 2021
    assert "weak-sourcing" not in found


def test_credibility_written_as_a_float_counts(tmp_path: Path) -> None:
    found = problems(tmp_path, """\
sources:
- {id: a, title: A}
- {id: b, title: B}
timeline:
- {id: d, date: 2021, title: T, sources: [a, b], credibility: 6.0}
""")
    assert [(c, m.split(": ", 1)[1]) for c, _, _, m in found] == [
        ("weak-sourcing", "its credibility is 6 (Truth cannot be judged)")
    ]
