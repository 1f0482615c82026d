"""Writer and loader together: load → save → load is exact, and saving again changes no byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Company, Development, Dossier, Figure, Source
from dossier_app.fileio.hashing import content_hash
from dossier_app.fileio.loader import parse_dossier_bytes, read_dossier
from dossier_app.fileio.writer import dump_dossier, save_dossier
from dossier_app.fileio.yamltypes import Timestamp

from .test_writer import TRAPS, full_dossier

HAND_WRITTEN = """\
# yaml-language-server: $schema=../dossier_app/schema/dossier.schema.json
# A hand-edited dossier: comments inside are lost on save, the header stays.

format: "dossier/1"
company:
    name: ACME Corp   # the legal name
    aliases:
      - Acme
      - ACME
    identifiers:
        LEI: "5493001KJTIIGC8Y1R12"
    summary: "One line.\\nTwo lines."
tags: ['b', a]
sources:
  - {id: src, title: 'Source one', published: 2020, accessed: 2021-02-03, x_kept: yes}
timeline:
  - id: dev
    date: '2021-09'
    approximate: false
    title: Something happened
    summary: >
      Folded text
      on two lines.
    sources: [src]
    x_note: 2021-01-02
figures:
  - id: fig
    label: Revenue
    value: 1.5e+9
    unit: USD
    sources: [src]
x_top:
  nested: {a: 1}
"""


def load_text(text: str) -> Dossier:
    result = parse_dossier_bytes(text.encode("utf-8"), "test.yaml")
    assert result.dossier is not None, "\n".join(map(str, result.problems)) + "\n---\n" + text
    assert not result.errors
    return result.dossier


def assert_stable(d: Dossier) -> Dossier:
    """Saving gives text that loads as the same dossier and dumps to the same bytes."""
    first = dump_dossier(d)
    loaded = load_text(first)
    assert loaded == d, first
    assert dump_dossier(loaded) == first
    return loaded


def test_full_dossier_round_trips() -> None:
    assert_stable(full_dossier())


def test_unknown_keys_round_trip_at_every_level() -> None:
    d = full_dossier()
    d.extra = {"x_root": [1, "two", None, 2.5], "x_when": Timestamp("2021-01-02")}
    d.company.extra = {"x_company": {"deep": {"deeper": ["a"]}}}
    d.sources[0].extra = {"x_flag": True}
    d.timeline[0].extra = {"x_text": "multi\nline\n", "x_date_string": "2021-01-01"}
    d.figures[0].extra = {"x_empty": [], "x_map": {}}
    assert_stable(d)


@pytest.mark.parametrize(
    "date",
    [PartialDate(2021), PartialDate(2021, 9), PartialDate(2021, 9, 21), PartialDate(987),
     PartialDate(17), PartialDate(2021, 2, 28, approximate=True), PartialDate(9999, 12, 31)],
    ids=str,
)
def test_dates_round_trip_in_their_precision(date: PartialDate) -> None:
    d = Dossier(
        company=Company(name="X"),
        reviewed=PartialDate(2021, 9, 22),
        sources=[Source(id="s", title="S", published=date.with_approximate(False))],
        timeline=[Development(id="d", date=date, end=date.with_approximate(False),
                              title="T", sources=["s"])],
        figures=[Figure(id="f", label="F", value=1, unit="%", as_of=date.with_approximate(False),
                        sources=["s"])],
    )
    loaded = assert_stable(d)
    assert loaded.timeline[0].date.precision == date.precision


@pytest.mark.parametrize("s", [t for t in TRAPS if t.strip()], ids=repr)
def test_trap_strings_round_trip_through_the_loader(s: str) -> None:
    d = Dossier(
        company=Company(name=s, summary=s, aliases=[s]),
        tags=[s],
        sources=[Source(id="s", title=s, notes=s)],
        timeline=[Development(id="d", date=PartialDate(2021), title=s, summary=s, tags=[s],
                              sources=["s"], extra={"x_trap": s})],
        figures=[Figure(id="f", label=s, value=1, unit="USD", note=s, sources=["s"])],
    )
    assert_stable(d)


def test_hand_written_file_becomes_canonical_once() -> None:
    d = load_text(HAND_WRITTEN)
    canonical = dump_dossier(d)
    assert canonical == """\
# yaml-language-server: $schema=../dossier_app/schema/dossier.schema.json
# A hand-edited dossier: comments inside are lost on save, the header stays.
format: dossier/1
company:
  name: ACME Corp
  aliases: [Acme, ACME]
  identifiers: {LEI: 5493001KJTIIGC8Y1R12}
  summary: |-
    One line.
    Two lines.
tags: [b, a]
sources:
- id: src
  title: Source one
  published: 2020
  accessed: 2021-02-03
  x_kept: true
timeline:
- id: dev
  date: 2021-09
  title: Something happened
  summary: |
    Folded text on two lines.
  sources: [src]
  x_note: 2021-01-02
figures:
- id: fig
  label: Revenue
  value: 1500000000.0
  unit: USD
  sources: [src]
x_top:
  nested:
    a: 1
"""
    assert load_text(canonical) == d
    assert dump_dossier(load_text(canonical)) == canonical


def test_save_returns_the_hash_of_the_bytes_the_loader_sees(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    digest = save_dossier(full_dossier(), path)
    result = read_dossier(path)
    assert result.content_hash == digest == content_hash(path.read_bytes())
    assert result.dossier == full_dossier()


def test_big_dossier_round_trips() -> None:
    d = full_dossier()
    d.timeline = [
        Development(id=f"d{i}", date=PartialDate(2000 + i % 25, 1 + i % 12, approximate=i % 7 == 0),
                    title=f"Development {i} – 阿里巴巴", summary=f"Line {i}\nand more\n",
                    tags=["a", "b"], sources=["reuters"], credibility=1 + i % 6)
        for i in range(500)
    ]
    d.judgements[0].based_on = ["d3", "us-cloud"]
    assert_stable(d)


def test_bundled_dossiers_are_in_canonical_form() -> None:
    from tests.conftest import DOSSIERS

    files = sorted(DOSSIERS.glob("*.yaml"))
    if not files:
        pytest.skip("no bundled dossier yet")
    for path in files:
        result = read_dossier(path)
        assert result.dossier is not None, result.problems
        assert dump_dossier(result.dossier).encode("utf-8") == path.read_bytes(), path.name
