"""Query matching on plain text: whether an entry matches, where, and a snippet around it.

The index answers queries with SQLite's full-text search; this module finds
the matched words again in the hits' text for snippets and highlights, and
answers whole queries itself where the index cannot be used (a plain scan).
Both cut text the same way (``query.term_tokens``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .query import CJK_RUN, WORD, Query, Term, cjk_bigrams, fold, is_cjk, term_tokens

#: (start, end) offsets into a text, end exclusive.
Range = tuple[int, int]

SNIPPET_CHARS = 160
_LEAD = 50
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Snippet:
    """Plain text (never markup) and the ranges of matched words in it."""

    text: str
    ranges: tuple[Range, ...]


def _spans(text: str) -> list[tuple[str, int, int]]:
    """The index tokens of ``text`` with the offsets of what they were cut from."""
    out: list[tuple[str, int, int]] = []
    pos = 0
    for m in CJK_RUN.finditer(text):
        for w in WORD.finditer(text, pos, m.start()):
            out.append((fold(w.group()), w.start(), w.end()))
        run = m.group()
        if len(run) == 1:
            out.append((run, m.start(), m.end()))
        else:
            base = m.start()
            for i, gram in enumerate(cjk_bigrams(run)):
                out.append((gram, base + i, base + i + 2))
        pos = m.end()
    for w in WORD.finditer(text, pos):
        out.append((fold(w.group()), w.start(), w.end()))
    return out


def _token_match(token: str, wanted: str, prefix: bool) -> bool:
    if prefix or (len(wanted) == 1 and is_cjk(wanted)):
        return token.startswith(wanted)
    return token == wanted


def _term_positions(spans: list[tuple[str, int, int]], term: Term) -> list[Range]:
    """The ranges where ``term`` matches (a phrase: its tokens in a row)."""
    last = len(term_tokens(term.text)) - 1
    return [(spans[i][1], spans[i + last][2]) for i in _term_positions_index(spans, term)]


def match_ranges(text: str, terms: list[Term]) -> list[Range]:
    """Where any of ``terms`` matches in ``text``, merged and in order."""
    if not terms or not text:
        return []
    spans = _spans(text)
    ranges: list[Range] = []
    for term in terms:
        ranges += _term_positions(spans, term)
    return _merge(ranges)


def _merge(ranges: list[Range]) -> list[Range]:
    ranges.sort()
    merged: list[Range] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(body: str, terms: list[Term], size: int = SNIPPET_CHARS) -> Snippet:
    """A one-line piece of ``body`` around its first match (or its start), with match ranges."""
    text = " ".join(body.split())
    ranges = match_ranges(text, terms)
    start = 0
    if ranges and ranges[0][1] > size:
        start = max(0, ranges[0][0] - _LEAD)
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 20 else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + size // 2 else end
    piece = text[start:end]
    shift = 0
    if start > 0:
        piece = ELLIPSIS + piece
        shift = len(ELLIPSIS)
    if end < len(text):
        piece += ELLIPSIS
    shown = tuple(
        (max(s, start) - start + shift, min(e, end) - start + shift)
        for s, e in ranges
        if e > start and s < end
    )
    return Snippet(piece, shown)


def matches(title: str, body: str, query: Query) -> float:
    """A score above 0 when the text matches the query's terms (filters are not checked)."""
    head = _spans(title)
    split = len(head)
    spans = [*head, ("", -1, -1), *_spans(body)]  # no phrase across the two
    score = 0.0
    for term in query.terms:
        found = _term_positions_index(spans, term)
        if not found:
            return 0.0
        score += sum(3.0 if i < split else 1.0 for i in found)
    for term in query.excluded:
        if _term_positions_index(spans, term):
            return 0.0
    return score if query.terms else 1.0


def _term_positions_index(spans: list[tuple[str, int, int]], term: Term) -> list[int]:
    wanted = term_tokens(term.text)
    last = len(wanted) - 1
    return [
        i
        for i in range(len(spans) - last)
        if all(
            _token_match(spans[i + k][0], w, term.prefix and k == last)
            for k, w in enumerate(wanted)
        )
    ]
