"""The canonical writer: key order, kept unknown keys, styles, Unicode, dates, YAML traps.

These tests read the written text back with PyYAML itself, so they hold
whatever the loader does; ``test_writer_roundtrip.py`` goes through the loader.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import (
    COMPANY_KEYS,
    DEVELOPMENT_KEYS,
    DOSSIER_KEYS,
    FIGURE_KEYS,
    SOURCE_KEYS,
    Company,
    Development,
    Dossier,
    Figure,
    Judgement,
    Source,
)
from dossier_app.fileio.writer import DossierDumper, PyDossierDumper, dump_dossier
from dossier_app.fileio.yamltypes import Timestamp

LOADERS = [yaml.CSafeLoader, yaml.SafeLoader]

#: Strings YAML 1.1 (or 1.2) would read as something else if written plain.
TRAPS = [
    "no", "No", "NO", "yes", "Yes", "on", "On", "off", "OFF", "y", "n", "true", "False",
    "~", "null", "Null", "NULL", "", "0x1F", "017", "0o17", "0b101", "1_000", "1e3", "-1E-3",
    "1.5", ".5", ".inf", "-.inf", ".NaN", "+12", "12:30", "190:20:30", "2021-01-01",
    "2021-01-01 10:00:00", "2021-01-01T10:00:00Z", "2021", "2021-09", "-", "- a", "--",
    "---", "...", "--- x", "? x", "?", ":", ": x", "a: b", "a:b", "#", "# x", "a #b", "a#b",
    "@x", "`x", "!x", "!!python/object/apply:os.system", "&a", "*a", "<<", "=", "%YAML",
    "|", ">", "'", '"', "''", "{}", "[]", "{a: 1}", "[a, b]", ",", "a, b", "\\", "\\n",
    "\\U0001F600", " leading", "  two leading", "trailing ", "trailing\n", "trailing\n\n",
    "\n", "\n\nx", "x\n\n\n", "\t", "a\tb", " ", "\r", "a\r\nb", "\x85", "\u2028", "\ufeff",
    "\x00", "\x07", "\x1b[31m", "\x7f", "\ue000", "<b>x</b>", "a < b & c",
    "שלום", "\u202eevil", "阿里巴巴", "Zürich", "😀", "👩‍👩‍👧‍👦", "\U0010ffff",
    "line one\nline two", "  indented\nsecond", "ends with space \nnext", "x\n y\n",
]


def full_dossier() -> Dossier:
    """Every field set, in keyword order unlike the file order."""
    return Dossier(
        figures=[
            Figure(
                note="Reuters figure", sources=["reuters"], qualifier="about",
                as_of=PartialDate(2021, 9), period="annual", unit="USD", value=50_000_000,
                label="US cloud revenue", id="us-cloud",
            )
        ],
        timeline=[
            Development(
                credibility=2, sources=["reuters"], tags=["regulation"],
                summary="Line one.\nLine two.\n", end=PartialDate(2021, 9),
                title="Review opens", date=PartialDate(2021, 1, approximate=True),
                id="review",
            )
        ],
        sources=[
            Source(
                sha256="ab" * 32, archived="x.sources/reuters.html", via="wire",
                notes="Cited by The Hill.", reliability="B", accessed=PartialDate(2026, 11, 26),
                published=PartialDate(2021, 9), archive_url="https://archive.example/r",
                url="https://reuters.example/r", author="A. Reporter", publisher="Reuters",
                title="Reuters report", id="reuters",
            ),
            Source(title="Wire report", id="wire"),
        ],
        judgements=[
            Judgement(
                based_on=["review", "us-cloud"], likelihood="likely", confidence="moderate",
                text="The review ends in a divestment.", id="divest",
            )
        ],
        bottom_line="Alibaba's US cloud business is under review.\n",
        tags=["cloud", "us-china"],
        reviewed=PartialDate(2021, 9, 22),
        marking="TLP:GREEN",
        company=Company(
            summary="A company.\n", identifiers={"NYSE": "BABA"}, sector="E-commerce",
            headquarters="Hangzhou, China", aliases=["阿里巴巴"], short_name="Alibaba",
            name="Alibaba Group Holding Limited",
        ),
    )


def load(text: str, loader: Any = yaml.CSafeLoader) -> Any:
    return yaml.load(text, Loader=loader)


def minimal(**dev: Any) -> Dossier:
    fields: dict[str, Any] = {"id": "d", "date": PartialDate(2021), "title": "T"}
    fields.update(dev)
    return Dossier(company=Company(name="X"), timeline=[Development(**fields)])


# -- order and omission -------------------------------------------------------

def test_keys_follow_the_format_document_order() -> None:
    data = load(dump_dossier(full_dossier()))
    assert tuple(data) == DOSSIER_KEYS
    assert tuple(data["company"]) == COMPANY_KEYS
    assert tuple(data["sources"][0]) == SOURCE_KEYS
    assert tuple(data["timeline"][0]) == DEVELOPMENT_KEYS
    assert tuple(data["figures"][0]) == FIGURE_KEYS


def test_full_dossier_text() -> None:
    assert dump_dossier(full_dossier()) == """\
format: dossier/1
company:
  name: Alibaba Group Holding Limited
  short_name: Alibaba
  aliases: [阿里巴巴]
  headquarters: Hangzhou, China
  sector: E-commerce
  identifiers: {NYSE: BABA}
  summary: |
    A company.
marking: TLP:GREEN
reviewed: 2021-09-22
tags: [cloud, us-china]
bottom_line: |
  Alibaba's US cloud business is under review.
judgements:
- id: divest
  text: The review ends in a divestment.
  confidence: moderate
  likelihood: likely
  based_on: [review, us-cloud]
sources:
- id: reuters
  title: Reuters report
  publisher: Reuters
  author: A. Reporter
  url: https://reuters.example/r
  archive_url: https://archive.example/r
  published: 2021-09
  accessed: 2026-11-26
  reliability: B
  notes: Cited by The Hill.
  via: wire
  archived: x.sources/reuters.html
  sha256: abababababababababababababababababababababababababababababababab
- id: wire
  title: Wire report
timeline:
- id: review
  date: 2021-01
  end: 2021-09
  approximate: true
  title: Review opens
  summary: |
    Line one.
    Line two.
  tags: [regulation]
  sources: [reuters]
  credibility: 2
figures:
- id: us-cloud
  label: US cloud revenue
  value: 50000000
  unit: USD
  period: annual
  as_of: 2021-09
  qualifier: about
  sources: [reuters]
  note: Reuters figure
"""


def test_minimal_dossier_writes_only_required_keys() -> None:
    assert dump_dossier(Dossier(company=Company(name="ACME"))) == (
        "format: dossier/1\ncompany:\n  name: ACME\n"
    )


def test_optional_keys_left_out_when_none_or_empty() -> None:
    d = Dossier(
        company=Company(name="X", aliases=[], identifiers={}),
        tags=[],
        sources=[Source(id="s", title="S")],
        timeline=[Development(id="d", date=PartialDate(2021), title="T", tags=[], sources=[])],
        figures=[Figure(id="f", label="F", value=1, unit="USD")],
    )
    assert dump_dossier(d) == """\
format: dossier/1
company:
  name: X
sources:
- id: s
  title: S
timeline:
- id: d
  date: 2021
  title: T
figures:
- id: f
  label: F
  value: 1
  unit: USD
"""


def test_empty_string_is_kept_not_dropped() -> None:
    text = dump_dossier(minimal(summary=""))
    assert "  summary: ''\n" in text
    assert load(text)["timeline"][0]["summary"] == ""


def test_approximate_only_when_true_and_qualifier_only_when_set() -> None:
    exact = dump_dossier(minimal(date=PartialDate(2021, approximate=False)))
    assert "approximate" not in exact
    circa = dump_dossier(minimal(date=PartialDate(2021, approximate=True)))
    assert "  approximate: true\n" in circa
    d = Dossier(company=Company(name="X"), figures=[Figure(id="f", label="F", value=1, unit="%")])
    assert "qualifier" not in dump_dossier(d)
    d.figures[0].qualifier = "exact"
    assert "  qualifier: exact\n" in dump_dossier(d)


# -- unknown keys ---------------------------------------------------------------

def test_unknown_keys_kept_at_every_level_after_the_known_ones() -> None:
    d = full_dossier()
    d.extra = {"x_root": 1, "a_root": "two"}
    d.company.extra = {"x_company": True}
    d.sources[0].extra = {"x_source": None}
    d.timeline[0].extra = {"x_dev": {"nested": [1, "a", {"deep": 2.5}]}, "x_when": Timestamp(
        "2021-09-22")}
    d.figures[0].extra = {"x_fig": ["a", "b"]}
    data = load(dump_dossier(d))
    assert list(data)[-2:] == ["x_root", "a_root"]
    assert (data["x_root"], data["a_root"]) == (1, "two")
    assert list(data["company"])[-1] == "x_company" and data["company"]["x_company"] is True
    assert list(data["sources"][0])[-1] == "x_source" and data["sources"][0]["x_source"] is None
    dev = data["timeline"][0]
    assert list(dev)[-2:] == ["x_dev", "x_when"]
    assert dev["x_dev"] == {"nested": [1, "a", {"deep": 2.5}]}
    assert dev["x_when"] == dt.date(2021, 9, 22)
    assert data["figures"][0]["x_fig"] == ["a", "b"]


def test_unknown_timestamp_written_plain_and_date_like_string_quoted() -> None:
    d = minimal(extra={"x_ts": Timestamp("2021-09-22"), "x_str": "2021-09-22",
                       "x_dt": Timestamp("2021-09-22 10:30:00")})
    text = dump_dossier(d)
    assert "  x_ts: 2021-09-22\n" in text
    assert "  x_str: '2021-09-22'\n" in text
    assert "  x_dt: 2021-09-22 10:30:00\n" in text


def test_unknown_key_values_keep_their_shape() -> None:
    d = minimal(extra={"x_list": ["a", 1, None], "x_map": {"k": "v"}, "x_empty": [],
                       "x_none": {}, "x_deep": [{"a": 1}]})
    text = dump_dossier(d)
    assert "  x_list: [a, 1, null]\n" in text
    assert "  x_map:\n    k: v\n" in text
    assert "  x_empty: []\n  x_none: {}\n" in text
    assert "  x_deep:\n  - a: 1\n" in text


def test_unknown_key_named_like_a_known_one_is_refused() -> None:
    with pytest.raises(ValueError, match="title"):
        dump_dossier(minimal(extra={"title": "again"}))


# -- styles ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("one\ntwo\n", "  summary: |\n    one\n    two\n"),
        ("one\ntwo", "  summary: |-\n    one\n    two\n"),
        ("one\n\n", "  summary: |+\n    one\n\n"),
        (" indented\nsecond\n", "  summary: |2\n     indented\n    second\n"),
        ("a\n\nb\n", "  summary: |\n    a\n\n    b\n"),
    ],
)
def test_multiline_text_is_a_block_literal(summary: str, expected: str) -> None:
    text = dump_dossier(minimal(summary=summary))
    assert expected in text
    assert load(text)["timeline"][0]["summary"] == summary


def test_multiline_text_that_a_literal_cannot_hold_is_quoted_and_loads_back() -> None:
    summary = "trailing space \nnext\ttab\n"
    text = dump_dossier(minimal(summary=summary))
    assert '  summary: "' in text
    assert load(text)["timeline"][0]["summary"] == summary


def test_no_end_of_document_marker_after_keep_chomping() -> None:
    text = dump_dossier(minimal(summary="kept\n\n"))
    assert not text.rstrip("\n").endswith("...")
    assert load(text)["timeline"][0]["summary"] == "kept\n\n"


def test_long_lines_never_fold() -> None:
    title = " ".join(["word"] * 2000)
    summary = "x " * 3000 + "\n" + "y " * 3000
    text = dump_dossier(minimal(title=title, summary=summary))
    assert f"  title: {title}\n" in text
    assert load(text)["timeline"][0]["summary"] == summary
    assert len(text.splitlines()) == 8


def test_string_lists_flow_style_object_lists_block_style() -> None:
    text = dump_dossier(full_dossier())
    assert "tags: [cloud, us-china]\n" in text
    assert "\nsources:\n- id: reuters\n" in text
    assert "\ntimeline:\n- id: review\n" in text


def test_unicode_is_written_literally() -> None:
    d = minimal(title="阿里巴巴 in Zürich – “quoted” 😀",
                summary="Łódź, São Paulo, Ελλάδα\n中国 👩‍👩‍👧‍👦 \U0010ffff\n")
    d.company.aliases = ["阿里巴巴", "Āli 🇨🇳"]
    text = dump_dossier(d)
    for escape in ("\\u", "\\U", "\\x", "\\N", '"'):
        assert escape not in text
    assert "  title: 阿里巴巴 in Zürich – “quoted” 😀\n" in text
    assert "  aliases: [阿里巴巴, Āli 🇨🇳]\n" in text
    assert "    中国 👩‍👩‍👧‍👦 \U0010ffff\n" in text
    assert load(text)["timeline"][0]["summary"] == d.timeline[0].summary


def test_private_use_characters_survive_the_emoji_stand_ins() -> None:
    title = "\ue000 and 😀 and \ue001"
    text = dump_dossier(minimal(title=title, summary="😀\n\ue000\n"))
    assert load(text)["timeline"][0]["title"] == title
    assert load(text)["timeline"][0]["summary"] == "😀\n\ue000\n"


def test_no_anchors_or_aliases_even_when_objects_are_shared() -> None:
    tags = ["shared"]
    extra: dict[str, Any] = {"x": {"same": [1, 2]}}
    src = Source(id="s", title="S")
    d = Dossier(
        company=Company(name="X", aliases=tags),
        tags=tags,
        sources=[src, src],
        timeline=[Development(id=f"d{i}", date=PartialDate(2021), title="T", tags=tags,
                              sources=tags, extra=extra) for i in range(3)],
    )
    d.extra = {"x_again": extra["x"], "x_more": extra["x"]}
    text = dump_dossier(d)
    events = list(yaml.parse(text, Loader=yaml.CSafeLoader))
    assert not any(isinstance(e, yaml.AliasEvent) for e in events)
    assert all(getattr(e, "anchor", None) is None for e in events)
    assert "&" not in text and "*" not in text


def test_plain_data_through_the_dumper_gets_the_same_styles() -> None:
    shared = {"k": "v"}
    text = yaml.dump({"a": "x\ny\n", "b": shared, "c": shared, "d": PartialDate(2021, 9),
                      "e": Timestamp("2021-01-02")},
                     Dumper=DossierDumper, sort_keys=False, allow_unicode=True)
    assert text == "a: |\n  x\n  y\nb:\n  k: v\nc:\n  k: v\nd: 2021-09\ne: 2021-01-02\n"


# -- dates -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("date", "written", "loaded"),
    [
        (PartialDate(2021), "2021", 2021),
        (PartialDate(2021, 9), "2021-09", "2021-09"),
        (PartialDate(2021, 9, 21), "2021-09-21", dt.date(2021, 9, 21)),
        (PartialDate(987), "0987", "0987"),
    ],
)
def test_dates_keep_their_precision_unquoted(date: PartialDate, written: str,
                                              loaded: Any) -> None:
    d = minimal(date=date, end=date)
    d.reviewed = date
    d.sources = [Source(id="s", title="S", published=date, accessed=date)]
    d.figures = [Figure(id="f", label="F", value=1, unit="%", as_of=date)]
    text = dump_dossier(d)
    for key in ("date", "end", "reviewed", "published", "accessed", "as_of"):
        assert f"{key}: {written}\n" in text
    data = load(text)
    assert data["timeline"][0]["date"] == loaded
    assert data["reviewed"] == loaded
    assert PartialDate.parse(data["figures"][0]["as_of"]) == date


# -- numbers ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "value", [0, -3, 50_000_000, 10**30, 0.5, 1e17, 1.5e-7, -2.25, 12345678.9, float("inf")]
)
def test_figure_values_load_back_equal(value: float) -> None:
    d = Dossier(company=Company(name="X"),
                figures=[Figure(id="f", label="F", value=value, unit="USD")])
    loaded = load(dump_dossier(d))["figures"][0]["value"]
    assert loaded == value and type(loaded) is type(value)


# -- YAML traps --------------------------------------------------------------------

def _everywhere(s: str) -> Dossier:
    line = s.replace("\n", " ").replace("\r", " ").replace("\x85", " ").replace("\u2028", " ")
    return Dossier(
        company=Company(name=s, aliases=[s, line], identifiers={line or "k": s}, summary=s),
        tags=[s],
        sources=[Source(id="s", title=s, notes=s)],
        timeline=[Development(id="d", date=PartialDate(2021), title=s, summary=s,
                              tags=[s], sources=["s"], extra={"x_trap": s, line or "k2": [s]})],
        figures=[Figure(id="f", label=s, value=1, unit=s, note=s)],
        extra={"x_list": [s, s], "x_map": {"k": s}},
    )


@pytest.mark.parametrize("s", TRAPS, ids=repr)
@pytest.mark.parametrize("loader", LOADERS, ids=["libyaml", "pyyaml"])
def test_yaml_trap_strings_load_back_as_the_same_string(s: str, loader: Any) -> None:
    text = dump_dossier(_everywhere(s))
    data = load(text, loader)
    line = s.replace("\n", " ").replace("\r", " ").replace("\x85", " ").replace("\u2028", " ")
    company = data["company"]
    assert company["name"] == s and company["summary"] == s
    assert company["aliases"] == [s, line]
    assert company["identifiers"] == {line or "k": s}
    assert data["tags"] == [s]
    assert data["sources"][0]["title"] == s and data["sources"][0]["notes"] == s
    dev = data["timeline"][0]
    assert (dev["title"], dev["summary"], dev["tags"], dev["x_trap"]) == (s, s, [s], s)
    assert dev[line or "k2"] == [s]
    fig = data["figures"][0]
    assert (fig["label"], fig["unit"], fig["note"]) == (s, s, s)
    assert data["x_list"] == [s, s] and data["x_map"] == {"k": s}


@pytest.mark.parametrize("s", TRAPS, ids=repr)
def test_libyaml_and_pyyaml_emitters_agree(s: str) -> None:
    if any(c in s for c in "\x85\u2028\u2029"):
        pytest.skip("libyaml escapes Unicode line breaks, PyYAML breaks the line: both load")
    d = _everywhere(s)
    assert dump_dossier(d) == dump_dossier(d, PyDossierDumper)


def test_emitters_agree_on_a_full_dossier_with_emoji() -> None:
    d = full_dossier()
    d.timeline[0].title = "Great news 😀"
    d.timeline[0].summary = "🇨🇳 flag\n  and indented\n"
    assert dump_dossier(d) == dump_dossier(d, PyDossierDumper)


@pytest.mark.parametrize("s", ["1e3", "0o17", "-1E-3", ".5e3"])
def test_yaml_1_2_numbers_are_quoted_for_other_tools(s: str) -> None:
    assert f"  title: '{s}'\n" in dump_dossier(minimal(title=s))


# -- header comments and stability ---------------------------------------------------

def test_header_comments_come_first_and_stay_comments() -> None:
    d = Dossier(company=Company(name="X"), header_comments=[
        "# yaml-language-server: $schema=../dossier_app/schema/dossier.schema.json",
        "",
        "#   indented note   ",
        "not a comment: oops",
    ])
    text = dump_dossier(d)
    assert text.startswith(
        "# yaml-language-server: $schema=../dossier_app/schema/dossier.schema.json\n"
        "\n"
        "#   indented note\n"
        "# not a comment: oops\n"
        "format: dossier/1\n"
    )
    assert load(text) == {"format": "dossier/1", "company": {"name": "X"}}


def test_same_dossier_same_text() -> None:
    d = full_dossier()
    assert dump_dossier(d) == dump_dossier(d)
    again = load(dump_dossier(d))
    assert again == load(dump_dossier(full_dossier()))


def test_garbage_collector_state_is_restored() -> None:
    import gc

    assert gc.isenabled()
    dump_dossier(full_dossier())
    assert gc.isenabled()
    gc.disable()
    try:
        dump_dossier(full_dossier())
        assert not gc.isenabled()
    finally:
        gc.enable()
