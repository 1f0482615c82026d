"""Reading dossiers: the API, the objects it builds, YAML 1.1 scalars as SafeLoader reads them."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from dossier_app.domain.dates import PartialDate
from dossier_app.fileio import loader
from dossier_app.fileio.hashing import content_hash
from dossier_app.fileio.loader import load_dossier, parse_dossier_bytes, read_dossier
from dossier_app.fileio.problems import DossierError
from dossier_app.fileio.yamltypes import Timestamp

FULL = """\
# Dossier for Example
#   kept on save

format: dossier/1
company:
  name: Example Holdings
  short_name: Example
  aliases: [例子, Ex]
  headquarters: Zürich
  identifiers: {NYSE: EXM, CIK: 1577552}
  summary: |
    Two lines
    of text.
  ceo: Someone
marking: TLP:AMBER
reviewed: 2021-09-22
tags: [cloud]
owner: me
sources:
  - id: s1
    title: The Hill article
    url: https://example.com/a
    published: 2021-09
    accessed: 2026-11-26
    reliability: B
    paywall: true
    seen: 2021-01-01
timeline:
  - id: d1
    date: 2021
    end: 2021-09
    approximate: true
    title: '2021-01-01'
    sources: [s1]
    credibility: 2
  - id: d2
    date: 2020-08-05
    title: 'no'
    sources: [s1]
figures:
  - id: f1
    label: US cloud revenue
    value: 50000000
    unit: USD
    period: 2021
    sources: [s1]
  - id: f2
    label: Share
    value: 1.5
    unit: '%'
    qualifier: about
    as_of: 2021-09
    sources: [s1]
"""


def write(tmp_path: Path, text: str | bytes, name: str = "d.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_full_dossier_builds_domain_objects(tmp_path: Path) -> None:
    d = load_dossier(write(tmp_path, FULL))
    assert d.format == "dossier/1"
    assert d.company.name == "Example Holdings"
    assert d.company.aliases == ["例子", "Ex"]
    assert d.company.identifiers == {"NYSE": "EXM", "CIK": "1577552"}
    assert d.company.summary == "Two lines\nof text.\n"
    assert d.marking == "TLP:AMBER"
    assert d.reviewed == PartialDate(2021, 9, 22)
    assert d.tags == ["cloud"]
    s = d.sources[0]
    assert (s.id, s.title, s.reliability) == ("s1", "The Hill article", "B")
    assert s.url == "https://example.com/a"
    assert s.published == PartialDate(2021, 9)
    assert s.accessed == PartialDate(2026, 11, 26) and s.accessed.is_full
    assert s.author is None and s.notes is None

    d1, d2 = d.timeline
    assert d1.date == PartialDate(2021, approximate=True) and d1.date.approximate
    assert d1.approximate
    assert d1.end == PartialDate(2021, 9) and not d1.end.approximate
    assert d1.title == "2021-01-01" and type(d1.title) is str
    assert d1.credibility == 2
    assert d2.date == PartialDate(2020, 8, 5) and not d2.approximate
    assert d2.end is None and d2.summary is None and d2.tags == [] and d2.credibility is None

    f1, f2 = d.figures
    assert f1.value == 50_000_000 and isinstance(f1.value, int)
    assert f1.period == "2021"
    assert f1.qualifier is None and f1.effective_qualifier == "exact"
    assert f1.as_of is None
    assert f2.value == 1.5 and f2.unit == "%" and f2.qualifier == "about"


def test_yaml_11_booleans_in_text_fields_are_type_errors() -> None:
    """``title: no`` is false in YAML 1.1, not the word: the check says so."""
    text = FULL.replace("title: 'no'", "title: no").replace("tags: [cloud]", "tags: [cloud, no]")
    result = parse_dossier_bytes(text.encode(), "x.yaml")
    assert result.dossier is None
    messages = [str(p).split(";")[0] for p in result.errors]
    assert "x.yaml:38:12: error: 'title' in development 'd2' must be text, got false" in messages
    assert "x.yaml:17:15: error: item 2 of 'tags' must be text, got false" in messages


def test_unknown_keys_are_kept_in_file_order_with_their_values(tmp_path: Path) -> None:
    result = read_dossier(write(tmp_path, FULL))
    assert result.ok, result.problems
    d = result.dossier
    assert d is not None
    assert d.extra == {"owner": "me"}
    assert d.company.extra == {"ceo": "Someone"}
    assert list(d.sources[0].extra) == ["paywall", "seen"]
    assert d.sources[0].extra["paywall"] is True
    seen = d.sources[0].extra["seen"]
    assert seen == "2021-01-01" and isinstance(seen, Timestamp)
    assert d.timeline[1].title == "no"
    assert [str(p).split(": ", 1)[1] for p in result.warnings] == [
        "warning: unknown key 'ceo' in company (kept, but not used by this version)",
        "warning: unknown key 'owner' (kept, but not used by this version)",
        "warning: unknown key 'paywall' in source 's1' (kept, but not used by this version)",
        "warning: unknown key 'seen' in source 's1' (kept, but not used by this version)",
    ]


def test_header_comments(tmp_path: Path) -> None:
    d = load_dossier(write(tmp_path, "\ufeff" + FULL.replace("\n", "\r\n")))
    assert d.header_comments == ["# Dossier for Example", "#   kept on save"]
    assert load_dossier(write(tmp_path, FULL.split("\n\n", 1)[1])).header_comments == []


@pytest.mark.parametrize(
    "text",
    [
        "yes", "No", "on", "OFF", "true", "~", "null", "", "0x1F", "017", "0o17", "1_000", "-12",
        "+7", "0", "1e3", "1.5e3", ".inf", "-.Inf", "3.25", "1:20", "0b101", "2021", "2021-09",
        "a: b", "plain text", "09", "'quoted yes'", '"0x1F"', "!!str 17", "!!float 3",
    ],
)  # fmt: skip
def test_scalars_resolve_like_safe_loader(text: str) -> None:
    data = f"format: dossier/1\ncompany: {{name: X}}\nvalue: {text}\n".encode()
    if text == "a: b":
        data = b"format: dossier/1\ncompany: {name: X}\nvalue: 'a: b'\n"
    result = parse_dossier_bytes(data, "x.yaml")
    assert result.dossier is not None, result.problems
    got = result.dossier.extra["value"]
    expected = yaml.load(data, Loader=yaml.SafeLoader)["value"]
    # Numbers are read as YAML 1.2 reads them (the JSON Schema and YAML 1.2 editors agree).
    expected = {"1e3": 1000.0, "1.5e3": 1500.0, "1_000": "1_000"}.get(text, expected)
    assert type(got) is type(expected)
    if expected == expected:  # not NaN
        assert got == expected


def test_a_lone_equals_sign_is_text() -> None:
    """SafeLoader cannot build YAML 1.1's ``=`` (value) tag at all; text is the useful reading."""
    result = parse_dossier_bytes(b"format: dossier/1\ncompany: {name: X}\nvalue: =\n", "x")
    assert result.dossier is not None and result.dossier.extra["value"] == "="


@pytest.mark.parametrize(
    "text",
    ["2021-01-20", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2021-02-30"],
)
def test_timestamps_keep_their_text(text: str) -> None:
    data = f"format: dossier/1\ncompany: {{name: X}}\nwhen: {text}\n".encode()
    result = parse_dossier_bytes(data, "x.yaml")
    assert result.dossier is not None
    when = result.dossier.extra["when"]
    assert type(when) is Timestamp and when == text


def test_known_dates_accept_int_string_and_timestamp(tmp_path: Path) -> None:
    text = FULL.replace("date: 2020-08-05", "date: '2020-08-05'")
    text = text.replace("end: 2021-09", "end: 2022")
    d = load_dossier(write(tmp_path, text))
    assert d.timeline[1].date == PartialDate(2020, 8, 5)
    assert d.timeline[0].end == PartialDate(2022)
    assert d.reviewed == PartialDate(2021, 9, 22)  # a plain timestamp


def test_read_dossier_on_a_folder(tmp_path: Path) -> None:
    result = read_dossier(tmp_path)
    assert result.dossier is None and result.content_hash is None
    (p,) = result.problems
    assert (p.line, p.column, p.severity) == (1, 1, "error")
    assert "folder" in p.message and p.path == str(tmp_path)


def test_read_dossier_on_a_missing_file(tmp_path: Path) -> None:
    (p,) = read_dossier(tmp_path / "nope.yaml").problems
    assert (p.line, p.column, p.message) == (1, 1, "no such file")


def test_read_dossier_on_an_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, FULL)
    real_open = os.open

    def deny(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)  # root reads a chmod 000 file, so fake it
    (p,) = read_dossier(path).problems
    assert (p.line, p.column, p.severity) == (1, 1, "error")
    assert "permission denied" in p.message


def test_read_dossier_on_an_io_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, FULL)
    real_open = os.open

    def broken(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == str(path):
            raise OSError(5, "Input/output error")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", broken)
    (p,) = read_dossier(path).problems
    assert p.message == "the file cannot be read: Input/output error"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
def test_named_pipes_and_devices_are_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")  # endless bytes
    for path in (fifo, zero):
        (p,) = read_dossier(path).problems
        assert (p.line, p.column) == (1, 1)
        assert p.message.startswith("not a regular file")


def test_too_large_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 100)
    (p,) = read_dossier(write(tmp_path, FULL)).problems
    assert (p.line, p.column) == (1, 1)
    assert "too large" in p.message


def test_a_bug_inside_the_loader_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(loader, "check_semantics", boom)
    result = parse_dossier_bytes(b"format: dossier/1\ncompany: {name: X}\n", "x.yaml")
    assert result.dossier is None
    assert result.problems[0].message == "internal error while reading the file: RuntimeError: bug"


def test_load_dossier_raises_with_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "format: dossier/2\ncompany: {name: ''}\n")
    with pytest.raises(DossierError) as info:
        load_dossier(path)
    assert [(p.line, p.column) for p in info.value.problems] == [(1, 9), (2, 17)]
    assert str(info.value).startswith(f"{path}:1:9: error:")


def test_content_hash(tmp_path: Path) -> None:
    data = FULL.encode()
    assert content_hash(data) == hashlib.blake2b(data, digest_size=16).hexdigest()
    assert read_dossier(write(tmp_path, data)).content_hash == content_hash(data)
    assert parse_dossier_bytes(b"\xff", "x").content_hash == content_hash(b"\xff")


def test_bundled_alibaba_dossier_has_no_errors(alibaba_path: Path) -> None:
    if not alibaba_path.exists():
        pytest.skip("dossiers/alibaba.yaml is not written yet")
    result = read_dossier(alibaba_path)
    assert result.errors == []
    assert result.dossier is not None
    assert result.dossier.company.display_name == "Alibaba"
    assert result.dossier.timeline and result.dossier.sources and result.dossier.figures
