"""Property-based tests: whatever a user types, save → load gives it back unchanged.

Random valid dossiers survive a save and a load with equal data and identical
bytes on a second save; random strings full of control characters, right-to-
left text, emoji, CJK, markup and YAML 1.1's traps come back as the same string
from a title, a summary and an unknown key.
"""

from __future__ import annotations

import string
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import (
    COMPANY_KEYS,
    CREDIBILITY,
    DEVELOPMENT_KEYS,
    DOSSIER_KEYS,
    FIGURE_KEYS,
    MARKINGS,
    QUALIFIERS,
    RELIABILITY,
    SOURCE_KEYS,
    Company,
    Development,
    Dossier,
    Figure,
    Source,
)
from dossier_app.fileio.loader import read_dossier
from dossier_app.fileio.problems import LoadResult
from dossier_app.fileio.writer import dump_dossier, save_dossier

T = TypeVar("T")

# Modest counts keep the suite fast; each example is a real save and load on disk.
FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- text ---------------------------------------------------------------------

#: Strings YAML 1.1 reads as something else when they are written plain.
YAML_TRAPS = (
    "no", "No", "NO", "yes", "on", "off", "y", "n", "true", "False", "~", "null", "Null", "",
    "0x1F", "017", "0o17", "0b101", "1_000", "1e3", "1.5", ".inf", "-.inf", ".NaN", "+12",
    "2021-01-01", "2021-01-01 10:00:00", "2021-01-01T10:00:00Z", "2021", "2021-09", "12:30:00",
    "-", "- ", "--- ", "---", "...", "?", ":", ": x", "a: b", "- a", "#", " #", "a #b", "@x",
    "`x", "!x", "!!python/object/apply:os.system", "&a", "*a", "<<", "=", "%YAML 1.1", "|", ">",
    "'", '"', "{}", "[]", "{a: 1}", "[a, b]", ",", "\\", "\\n", "\\U0001F600",
    " leading", "  two leading", "trailing ", "trailing\n", "trailing\n\n", "\n", "\n\nx", "\t",
    " ", "\r", "a\rb", "a\r\nb", "\x85", "a\x85b", "\u2028", "a\u2028b", "\u2029", "\ufeff",
    "\ufeffbom", "\x00", "\x07bell", "\x1b[31mred", "\x7f", "\x9b", "\ud7ff", "\ue000", "\uffff",
    "<b>bold</b>", "&lt;", "&amp;amp;", "<script>alert(1)</script>", "a < b & c > d",
    "שלום עולם", "مرحبا", "\u202eevil\u202c", "\u200f\u200e", "阿里巴巴", "😀", "👩‍👩‍👧‍👦",
    "🇨🇳", "e\u0301", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\U0010ffff",
)

SPECIAL_CHARS = (
    "\x00", "\x01", "\x08", "\t", "\n", "\x0b", "\x0c", "\r", "\x1b", "\x7f", "\x85", "\xa0",
    "\u2028", "\u2029", "\ufeff", "\u202e", "\u200b", "<", ">", "&", ";", "'", '"', "\\", "#",
    ":", "-", "?", "!", "*", "%", "@", "`", "|", "{", "}", "[", "]", ",", " ", "阿", "里", "😀",
    "ש", "م", "é",
)

any_char = st.one_of(
    st.sampled_from(SPECIAL_CHARS),
    st.characters(codec="utf-8"),  # surrogates cannot be written as UTF-8
)
any_text = st.one_of(
    st.sampled_from(YAML_TRAPS),
    st.text(any_char, max_size=40),
    st.tuples(st.sampled_from(YAML_TRAPS), st.text(any_char, max_size=8),
              st.sampled_from(YAML_TRAPS)).map("".join),
)
LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")


def _one_line(text: str) -> bool:
    return not any(b in text for b in LINE_BREAKS)


one_line_text = any_text.filter(_one_line)
#: Required names and labels must hold something visible.
name_text = one_line_text.filter(lambda s: bool(s.strip()))


def _roundtrip(d: Dossier) -> tuple[LoadResult, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dossier.yaml"
        save_dossier(d, path)
        data = path.read_bytes()
        return read_dossier(path), data


def _assert_loads_back(d: Dossier) -> Dossier:
    result, data = _roundtrip(d)
    text = data.decode("utf-8", "replace")
    assert result.dossier is not None and not result.errors, (
        "\n".join(map(str, result.errors)) + "\n---\n" + text
    )
    assert result.dossier == d, text
    return result.dossier


def _minimal(title: str = "A development", summary: str | None = None) -> Dossier:
    return Dossier(
        company=Company(name="Strings Ltd"),
        sources=[Source(id="src", title="A source")],
        timeline=[Development(id="dev", date=PartialDate(2021), title=title, summary=summary,
                              sources=["src"])],
    )


# -- strings ------------------------------------------------------------------

#: Strings YAML 1.1 reads as something else unless the writer quotes them.
YAML_TRAPS = ("no", "~", "0x1F", "017", "2021-01-01", "null", "  leading spaces", "-")


def with_text_examples(*texts: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Hypothesis ``@example(text=...)`` for each of ``texts``: tried on every run."""

    def decorate(test: Callable[..., None]) -> Callable[..., None]:
        for text in texts:
            test = example(text=text)(test)
        return test

    return decorate



@FAST
@given(text=any_text)
@with_text_examples(*YAML_TRAPS, "trailing spaces  \n\n", "\r", "\x85", "\u2028")
def test_summary_text_loads_back_unchanged(text: str) -> None:
    loaded = _assert_loads_back(_minimal(summary=text))
    assert loaded.timeline[0].summary == text


@FAST
@given(text=one_line_text.filter(lambda s: bool(s.strip())))
@with_text_examples(*YAML_TRAPS, "trailing spaces  ", "<b>bold</b> & &lt;")
def test_title_text_loads_back_unchanged(text: str) -> None:
    loaded = _assert_loads_back(_minimal(title=text))
    assert loaded.timeline[0].title == text


@FAST
@given(text=st.sampled_from(("\r", "a\rb", "\x85", "a\u2028b", "x\u2029", "a\r\nb")))
def test_title_with_a_line_break_char_is_kept_or_refused_never_changed(text: str) -> None:
    """A title is one line; one holding a break character must not load back altered."""
    result, data = _roundtrip(_minimal(title=text))
    if result.dossier is not None and not result.errors:
        assert result.dossier.timeline[0].title == text, data
    else:  # refused on load: the message names the title's line
        assert any(p.line >= 1 for p in result.errors)


@FAST
@given(key=one_line_text.filter(lambda k: k not in DOSSIER_KEYS), value=any_text)
def test_unknown_key_and_value_load_back_unchanged(key: str, value: str) -> None:
    d = _minimal()
    d.extra = {key: value}
    loaded = _assert_loads_back(d)
    assert loaded.extra == {key: value}


# -- whole dossiers -------------------------------------------------------------

ids = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,12}", fullmatch=True)


@st.composite
def partial_dates(draw: st.DrawFn, full: bool = False) -> PartialDate:
    year = draw(st.integers(1, 9999))
    if not full and draw(st.booleans()):
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if not full and draw(st.booleans()):
        return PartialDate(year, month)
    day = draw(st.integers(1, 28))
    return PartialDate(year, month, day)


def _opt(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _unknown(known: tuple[str, ...]) -> st.SearchStrategy[dict[str, object]]:
    scalar = st.none() | st.booleans() | st.integers() | any_text
    value = st.recursive(
        scalar,
        lambda inner: st.lists(inner, max_size=3)
        | st.dictionaries(st.text(string.ascii_lowercase, min_size=1, max_size=5), inner,
                          max_size=3),
        max_leaves=6,
    )
    key = st.one_of(st.sampled_from(("x-note", "<<", "no", "2021", "~", "note ")), ids)
    return st.dictionaries(key.filter(lambda k: k not in known), value, max_size=2)


@st.composite
def dossiers(draw: st.DrawFn) -> Dossier:
    source_ids = draw(st.lists(ids, unique=True, max_size=4))
    sources = [
        Source(
            id=sid,
            title=draw(name_text),
            publisher=draw(_opt(one_line_text)),
            author=draw(_opt(one_line_text)),
            url=draw(_opt(st.sampled_from(("https://example.com/a?b=c&d=<e>", "javascript:x",
                                           "file:///etc/passwd", "example.com", "")))),
            archive_url=draw(_opt(one_line_text)),
            published=draw(_opt(partial_dates())),
            accessed=draw(_opt(partial_dates(full=True))),
            reliability=draw(_opt(st.sampled_from(sorted(RELIABILITY)))),
            notes=draw(_opt(any_text)),
            # Only to an earlier source: a via cycle is an error, not a dossier.
            via=draw(_opt(st.sampled_from(source_ids[:i]))) if i else None,
            archived=draw(_opt(one_line_text)),
            sha256=draw(_opt(st.text("0123456789abcdef", min_size=64, max_size=64))),
            extra=draw(_unknown(SOURCE_KEYS)),
        )
        for i, sid in enumerate(source_ids)
    ]
    cite = st.lists(st.sampled_from(source_ids), unique=True, max_size=3) if source_ids \
        else st.just([])
    timeline = []
    for did in draw(st.lists(ids, unique=True, max_size=5)):
        start = draw(partial_dates())
        end = draw(_opt(partial_dates()))
        if end is not None and end.sort_key < start.sort_key:
            start, end = end, start
        timeline.append(Development(
            id=did,
            date=start.with_approximate(draw(st.booleans())),
            end=end,
            title=draw(name_text),
            summary=draw(_opt(any_text)),
            tags=draw(st.lists(name_text, max_size=3)),
            sources=draw(cite),
            credibility=draw(_opt(st.sampled_from(sorted(CREDIBILITY)))),
            extra=draw(_unknown(DEVELOPMENT_KEYS)),
        ))
    figures = [
        Figure(
            id=fid,
            label=draw(name_text),
            value=draw(st.integers(-(10**20), 10**20)
                       | st.floats(allow_nan=False, allow_infinity=False)),
            unit=draw(st.sampled_from(("USD", "CNY", "employees", "%", "data centres", "no"))),
            period=draw(_opt(one_line_text)),
            as_of=draw(_opt(partial_dates())),
            qualifier=draw(_opt(st.sampled_from(QUALIFIERS))),
            sources=draw(cite),
            note=draw(_opt(any_text)),
            extra=draw(_unknown(FIGURE_KEYS)),
        )
        for fid in draw(st.lists(ids, unique=True, max_size=4))
    ]
    company = Company(
        name=draw(name_text),
        short_name=draw(_opt(one_line_text)),
        aliases=draw(st.lists(one_line_text, max_size=3)),
        headquarters=draw(_opt(one_line_text)),
        sector=draw(_opt(one_line_text)),
        identifiers=draw(st.dictionaries(name_text, one_line_text, max_size=3)),
        summary=draw(_opt(any_text)),
        extra=draw(_unknown(COMPANY_KEYS)),
    )
    return Dossier(
        company=company,
        marking=draw(_opt(st.sampled_from(MARKINGS))),
        reviewed=draw(_opt(partial_dates(full=True))),
        tags=draw(st.lists(name_text, max_size=3)),
        sources=sources,
        timeline=timeline,
        figures=figures,
        extra=draw(_unknown(DOSSIER_KEYS)),
    )


@FAST
@given(d=dossiers())
def test_random_dossier_survives_save_and_load(d: Dossier) -> None:
    loaded = _assert_loads_back(d)
    # Stable: saving what was loaded gives the very same bytes (a clean git diff).
    assert dump_dossier(loaded) == dump_dossier(d)
