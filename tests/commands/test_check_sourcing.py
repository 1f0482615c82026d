"""``dossier-app check`` on how claims are sourced: via errors, flag warnings, archived copies."""

from __future__ import annotations

import datetime as _dt
import hashlib
from pathlib import Path

import pytest

from dossier_app.cli import main
from dossier_app.domain import clock

DOSSIER = """\
format: dossier/1
company:
  name: Acme
sources:
- {id: reuters, title: R, published: 2021-01-18}
- id: hill
  title: H
  via: reuters
  archived: acme.sources/hill.html
  sha256: %s
- {id: blog, title: B, reliability: E}
timeline:
- {id: relayed, date: 2021, title: T, sources: [hill, reuters]}
- {id: rumour, date: 2021, title: T, sources: [blog]}
figures:
- {id: revenue, label: Revenue, value: 5, unit: USD, sources: [reuters, blog]}
"""


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: _dt.date(2026, 12, 3))


def check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, list[str]]:
    code = main(["check", str(path)])
    return code, capsys.readouterr().out.splitlines()


def test_flags_and_archive_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "acme.sources").mkdir()
    (tmp_path / "acme.sources" / "hill.html").write_bytes(b"<p>saved</p>")
    path = tmp_path / "acme.yaml"
    path.write_text(DOSSIER % hashlib.sha256(b"<p>saved</p>").hexdigest(), encoding="utf-8")
    code, out = check(capsys, path)
    assert code == 0
    assert out == [
        f"{path}:13:48: warning: development 'relayed' rests on a single independent origin, "
        "source 'reuters': corroborate it from another origin",
        f"{path}:14:47: warning: development 'rumour' rests on a single independent origin, "
        "source 'blog': corroborate it from another origin",
        f"{path}:14:47: warning: development 'rumour' has weak sourcing: every source it cites "
        "is graded D, E or F",
        f"{path}:16:63: warning: figure 'revenue' is stale: its newest source is from "
        "2021-01-18, more than 2 years before 2026-12-03",
        "checked 1 file: 0 errors, 4 warnings",
    ]

    (tmp_path / "acme.sources" / "hill.html").write_bytes(b"<p>edited</p>")
    code, out = check(capsys, path)
    assert code == 0
    assert out[0].startswith(f"{path}:10:11: warning: archived copy 'acme.sources/hill.html' "
                             "of source 'hill' has changed: its SHA-256 is ")
    (tmp_path / "acme.sources" / "hill.html").unlink()
    assert check(capsys, path)[1][0] == (
        f"{path}:9:13: warning: archived copy 'acme.sources/hill.html' of source 'hill' is missing"
    )


def test_via_cycle_fails_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "acme.yaml"
    text = (DOSSIER % ("a" * 64)).replace("published: 2021-01-18}", "via: hill}")
    path.write_text(text, encoding="utf-8")
    code, out = check(capsys, path)
    assert code == 1
    assert out == [
        f"{path}:5:32: error: 'via' goes round in a cycle: 'reuters' → 'hill' → 'reuters'",
        "checked 1 file: 1 error, 0 warnings",
    ]
