"""The briefing's timeline, figures and sources as rows, for spreadsheets and CSV (no Qt).

Dates come twice: as text in their precision (``2021-09``, ``c. 2016``) and
as the first day they may mean (``2021-09-01``), a column that sorts.
Numbers stay numbers; sources are named by id and by title.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from .briefing import Briefing

#: The tables a CSV export can hold, the first one by default.
TABLES = ("timeline", "figures", "sources")

Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    #: Column widths in characters, for spreadsheets.
    widths: tuple[int, ...]


def _date_text(iso: str, approximate: bool) -> str:
    return f"c. {iso}" if approximate and iso else iso


def briefing_tables(b: Briefing) -> dict[str, Table]:
    """The three tables of a briefing, each holding what the briefing holds."""
    titles = dict(b.source_titles)

    def named(ids: Sequence[str]) -> str:
        return "; ".join(titles.get(i, i) for i in ids)

    timeline = Table(
        "Timeline",
        ("id", "date", "end", "sort date", "title", "summary", "tags", "sources",
         "source titles", "citations", "credibility"),
        tuple(
            (
                e.id,
                _date_text(e.date_iso, e.approximate),
                e.end_iso,
                e.sort_date,
                e.title,
                e.summary.strip(),
                ", ".join(e.tags),
                ", ".join(e.sources),
                named(e.sources),
                e.citation,
                e.credibility_grade,
            )
            for e in b.timeline
        ),
        (16, 14, 10, 11, 50, 60, 20, 24, 40, 10, 11),
    )
    figures = Table(
        "Figures",
        ("id", "label", "value", "unit", "qualifier", "period", "as of", "sort date",
         "sources", "source titles", "citations", "note"),
        tuple(
            (
                f.id,
                f.label,
                f.number,
                f.unit,
                f.qualifier,
                f.period,
                f.as_of,
                f.sort_date,
                ", ".join(f.sources),
                named(f.sources),
                f.citation,
                " ".join(f.notes),
            )
            for f in b.figures
        ),
        (16, 30, 16, 10, 10, 10, 10, 11, 24, 40, 10, 40),
    )
    sources = Table(
        "Sources",
        ("number", "id", "title", "publisher", "author", "url", "archive url", "published",
         "accessed", "reliability", "cited", "notes"),
        tuple(
            (
                r.number,
                r.id,
                r.title,
                r.publisher,
                r.author,
                r.url.url if r.url else "",
                r.archive_url.url if r.archive_url else "",
                r.published,
                r.accessed,
                r.reliability,
                "yes" if r.cited else "no",
                " ".join(r.notes),
            )
            for r in b.references
        ),
        (8, 20, 50, 16, 16, 40, 30, 11, 11, 11, 6, 50),
    )
    return {"timeline": timeline, "figures": figures, "sources": sources}


def render_csv(b: Briefing, table: str = "timeline") -> str:
    """One table as RFC 4180 CSV: a header row, CRLF line ends, quotes only where needed."""
    t = briefing_tables(b)[table]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(t.header)
    writer.writerows(["" if c is None else c for c in row] for row in t.rows)
    return out.getvalue()
