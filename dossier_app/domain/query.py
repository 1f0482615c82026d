"""The library search query language, parsed into plain parts (no SQL, no Qt).

    china cloud              every word must match (any order)
    "national security"      a phrase: the words next to each other
    export*                  a word starting with "export"
    -ecommerce, -"a b"       must not match
    tag:cloud                an item (or its dossier) carries the tag
    company:alibaba          in the dossier of that company (name, short name, alias or file)
    kind:development         development, source, figure or profile
    from:2021  to:2021-06    dated items whose date (or span) overlaps the range
    marking:amber            dossiers with that marking (TLP: may be left out)

Filter values may be quoted (``company:"Arm China"``). Matching ignores case
and diacritics (``zurich`` finds ``Zürich``); Chinese, Japanese and Korean text
matches by two-character pieces, so ``阿里`` finds ``阿里巴巴``.
A query that cannot be read raises ``QueryError`` with a message for the user.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .dates import DateError, PartialDate
from .model import MARKINGS

KINDS = ("development", "source", "figure", "profile")
FILTERS = ("tag", "company", "kind", "from", "to", "marking")


class QueryError(ValueError):
    """A query that cannot be read; the message says what is wrong, for the user."""


@dataclass(frozen=True, slots=True)
class Term:
    """A word, a prefix or a phrase, as typed (``text`` has no quotes or ``*``)."""

    text: str
    phrase: bool = False
    prefix: bool = False


@dataclass(slots=True)
class Query:
    terms: list[Term] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # folded
    companies: list[str] = field(default_factory=list)  # folded
    kinds: list[str] = field(default_factory=list)
    markings: list[str] = field(default_factory=list)  # as in MARKINGS
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None

    @property
    def has_filters(self) -> bool:
        return bool(
            self.tags or self.companies or self.kinds or self.markings
            or self.date_from or self.date_to
        )


# -- folding ------------------------------------------------------------------
_CJK_RANGES = (
    (0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3040, 0x30FF), (0x3100, 0x31FF),
    (0x3200, 0x4DBF), (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF),
    (0xF900, 0xFAFF), (0xFF66, 0xFF9F), (0x20000, 0x3134F),
)
_CJK_CLASS = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in _CJK_RANGES)
#: A run of CJK characters (ideographs, kana, hangul).
CJK_RUN = re.compile(f"[{_CJK_CLASS}]+")
#: A word as the index cuts text: a run of letters and digits that are not CJK.
WORD = re.compile(f"(?:(?![{_CJK_CLASS}])[^\\W_])+")


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return any(a <= o <= b for a, b in _CJK_RANGES)


def fold(text: str) -> str:
    """Lower case without diacritics: ``Zürich`` -> ``zurich``, ``ÉTÉ`` -> ``ete``."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", stripped).casefold()


def cjk_bigrams(run: str) -> list[str]:
    """The overlapping two-character pieces of a CJK run (a lone character stays itself)."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def term_tokens(text: str) -> list[str]:
    """The folded index tokens of a term's text, in order (CJK runs as bigrams)."""
    folded = fold(text)
    tokens: list[str] = []
    pos = 0
    for m in CJK_RUN.finditer(folded):
        tokens += WORD.findall(folded, pos, m.start())
        tokens += cjk_bigrams(m.group())
        pos = m.end()
    tokens += WORD.findall(folded, pos)
    return tokens


# -- parsing ------------------------------------------------------------------
_MARKING_WORDS = {m.split(":", 1)[1].lower(): m for m in MARKINGS}


def parse_query(text: str) -> Query:
    """The parts of a query; raises ``QueryError`` with a message for the user."""
    query = Query()
    pos = 0
    n = len(text)
    while pos < n:
        ch = text[pos]
        if ch.isspace():
            pos += 1
            continue
        negate = False
        start = pos
        if ch == "-":
            negate = True
            pos += 1
            if pos >= n or text[pos].isspace():
                raise QueryError(
                    f"'-' at position {start + 1} must be followed by a word or phrase"
                )
        if text[pos] == '"':
            value, pos = _quoted(text, pos)
            _add_term(query, Term(value, phrase=True), negate, start)
            continue
        end = pos
        while end < n and not text[end].isspace() and text[end] != '"':
            end += 1
        word = text[pos:end]
        key, colon, rest = word.partition(":")
        if colon and key.lower() in FILTERS and not negate:
            if not rest and end < n and text[end] == '"':
                rest, end = _quoted(text, end)
            elif end < n and text[end] == '"':
                raise QueryError(f"unexpected '\"' after {word!r}")
            _add_filter(query, key.lower(), rest, start)
            pos = end
            continue
        if colon and key.lower() in FILTERS:
            raise QueryError(f"a filter cannot be negated: {'-' + word!r}")
        if end < n and text[end] == '"':
            raise QueryError(f"a quote must start a phrase: {text[start:end + 1]!r}")
        prefix = word.endswith("*")
        body = word[:-1] if prefix else word
        if "*" in body:
            raise QueryError(f"'*' may only end a word: {word!r}")
        if prefix and not body:
            raise QueryError(f"'*' at position {pos + 1} needs the start of a word before it")
        _add_term(query, Term(body, prefix=prefix), negate, start)
        pos = end
    if not query.terms and not query.excluded and not query.has_filters:
        raise QueryError(
            'the query is empty: type a word, a "phrase" or a filter such as tag:cloud'
        )
    if query.excluded and not query.terms and not query.has_filters:
        raise QueryError("a query needs something to find, not only words to leave out")
    if query.date_from and query.date_to and query.date_to.last_day() < query.date_from.first_day():
        raise QueryError(
            f"to:{query.date_to.iso()} is before from:{query.date_from.iso()}"
        )
    return query


def _quoted(text: str, pos: int) -> tuple[str, int]:
    """The text between the quote at ``pos`` and its closing quote; the position after it."""
    close = text.find('"', pos + 1)
    if close < 0:
        raise QueryError(f"the quote at position {pos + 1} is never closed")
    return text[pos + 1 : close], close + 1


def _add_term(query: Query, term: Term, negate: bool, start: int) -> None:
    if not term_tokens(term.text):
        shown = f'"{term.text}"' if term.phrase else term.text + ("*" if term.prefix else "")
        raise QueryError(
            f"{shown} at position {start + 1} has no letters or digits to search for"
        )
    (query.excluded if negate else query.terms).append(term)


def _add_filter(query: Query, key: str, value: str, start: int) -> None:
    value = value.strip()
    if not value:
        raise QueryError(f"{key}: at position {start + 1} needs a value, e.g. {_EXAMPLES[key]}")
    if key == "tag":
        query.tags.append(fold(value))
    elif key == "company":
        query.companies.append(fold(value))
    elif key == "kind":
        kind = value.lower()
        matches = [k for k in KINDS if k == kind or (k + "s") == kind]
        if not matches:
            raise QueryError(f"kind:{value} is not a kind; use one of {', '.join(KINDS)}")
        query.kinds.append(matches[0])
    elif key == "marking":
        word = value.lower().removeprefix("tlp:")
        marking = _MARKING_WORDS.get(word)
        if marking is None:
            shown = ", ".join(m.split(":", 1)[1].lower() for m in MARKINGS)
            raise QueryError(f"marking:{value} is not a marking; use one of {shown}")
        query.markings.append(marking)
    else:
        try:
            date = PartialDate.parse(value)
        except DateError as exc:
            raise QueryError(f"{key}:{value}: {exc}") from None
        if key == "from":
            query.date_from = date
        else:
            query.date_to = date


_EXAMPLES = {
    "tag": "tag:cloud",
    "company": "company:alibaba",
    "kind": "kind:development",
    "from": "from:2021",
    "to": "to:2021-06",
    "marking": "marking:amber",
}
