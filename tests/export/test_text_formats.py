"""Markdown and CSV exports, read back with markdown-it-py and csv: the same briefing as the PDF."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from dossier_app.cli import main
from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Dossier, Judgement
from dossier_app.export.compose import compose_briefing
from dossier_app.export.markdown import escape, render_markdown
from dossier_app.export.options import ExportOptions
from dossier_app.export.tables import render_csv
from dossier_app.fileio.writer import save_dossier

from .sample import CJK_TITLE, SCRIPT_TITLE, make_dossier

MARKUP = "a *b* _c_ [d](https://e.example) <i>x</i> `code` ~~s~~ & &amp; | pipe"


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    d = make_dossier(30, sources=8)
    d.timeline[4].title = MARKUP
    d.bottom_line = "# Not a heading\n- not a list\n1. not a list either"
    d.judgements = [Judgement("j", "Judged *carefully*.", "high", "likely", ["dev-4", "rev"])]
    return d


def _plain_text(markdown: str) -> str:
    """What a reader sees: the text of every inline token, markup resolved."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    parts = []
    for token in tokens:
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
    return " ".join(parts)


@pytest.mark.parametrize(
    "text", [MARKUP, SCRIPT_TITLE, "# heading", "- item", "+ item", "1. one", "2) two",
             "> quote", "---", "***", "=== ", "\\backslash", "[^1]", "<https://x.example>"],
)  # fmt: skip
def test_escaped_text_renders_as_typed_and_never_as_markup(text: str) -> None:
    html = MarkdownIt("commonmark").render(escape(text))
    assert html.startswith("<p>") and html.count("<") == 2, html
    assert _plain_text(escape(text)) == " ".join(text.split())


def test_markdown_briefing(dossier: Dossier) -> None:
    b = compose_briefing(dossier, ExportOptions())
    text = render_markdown(b)
    assert text.splitlines()[0] == "**TLP:GREEN**"
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<em>b</em>" not in html and "<i>x</i>" not in html and "<a href" not in html.split(
        "Sources"
    )[0]
    seen = _plain_text(text)
    assert MARKUP in seen and SCRIPT_TITLE in seen and CJK_TITLE in seen
    assert "# Not a heading - not a list 1. not a list either" in seen
    assert "<h1>Not a heading" not in html and "<ol>" in html  # only the judgements' own list
    # Citations are footnotes that match the numbered definitions.
    numbers = {r.id: r.number for r in b.references}
    for dev in dossier.chronological():
        expected = "".join(f"[^{numbers[s]}]" for s in sorted(set(dev.sources),
                                                               key=numbers.__getitem__))
        line = next(line for line in text.splitlines() if f"— **{escape(dev.title)}**" in line)
        assert line.endswith(expected), (line, expected)
    for ref in b.references:
        assert re.search(rf"^\[\^{ref.number}\]: \*\*{re.escape(escape(ref.title))}\*\*",
                         text, re.MULTILINE)  # fmt: skip
    assert "| Figure | Value | Period | As of | Sources |" in text


def test_markdown_follows_the_date_range_and_tags(dossier: Dossier) -> None:
    options = ExportOptions(
        date_from=PartialDate(2018), tags=("cloud",), sections=("timeline", "sources")
    )
    text = _plain_text(render_markdown(compose_briefing(dossier, options)))
    for dev in dossier.timeline:
        wanted = "cloud" in dev.tags and (dev.end or dev.date).last_day().year >= 2018
        assert (dev.title in text) == wanted, dev.title


def test_csv_tables(dossier: Dossier) -> None:
    b = compose_briefing(dossier, ExportOptions(tags=("cloud",)))
    data = render_csv(b)
    assert "\r\n" in data and not data.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    assert [r["id"] for r in rows] == [e.id for e in b.timeline]
    assert all("cloud" in r["tags"] for r in rows)
    first = rows[0]
    dev = next(d for d in dossier.timeline if d.id == first["id"])
    assert first["sort date"] == dev.date.first_day().isoformat()
    assert first["date"] == ("c. " if dev.approximate else "") + dev.date.iso()
    titles = {s.id: s.title for s in dossier.sources}
    assert first["source titles"] == "; ".join(titles[s] for s in dev.sources)
    figures = list(csv.DictReader(io.StringIO(render_csv(b, "figures"), newline="")))
    assert [float(f["value"]) for f in figures] == [f.value for f in dossier.figures]
    sources = list(csv.DictReader(io.StringIO(render_csv(b, "sources"), newline="")))
    assert [int(s["number"]) for s in sources] == list(range(1, len(sources) + 1))


def test_cli_formats_from_the_suffix_or_the_option(tmp_path: Path) -> None:
    path = tmp_path / "example.yaml"
    save_dossier(make_dossier(10, sources=4), path)
    assert main(["export", str(path), "-o", str(tmp_path / "brief.md")]) == 0
    assert (tmp_path / "brief.md").read_text(encoding="utf-8").startswith("**TLP:GREEN**")
    assert main(["export", str(path), "--format", "csv", "--table", "figures"]) == 0
    assert (tmp_path / "example.csv").read_text(encoding="utf-8").startswith("id,label,value")
    # A file of another format is not replaced unasked.
    assert main(["export", str(path), "--format", "md", "-o", str(tmp_path / "example.csv")]) == 1
    library = tmp_path / "library"
    library.mkdir()
    for n in (1, 2):
        save_dossier(make_dossier(5, sources=3, seed=n), library / f"d{n}.yaml")
    assert main(["export", str(library), "--format", "md", "-o", str(tmp_path / "md")]) == 0
    assert sorted(p.name for p in (tmp_path / "md").iterdir()) == ["d1.md", "d2.md"]


def test_xlsx_workbook(dossier: Dossier, tmp_path: Path) -> None:
    import openpyxl

    from dossier_app.export.xlsx import render_xlsx

    b = compose_briefing(dossier, ExportOptions(marking="TLP:RED"))
    out = tmp_path / "brief.xlsx"
    out.write_bytes(render_xlsx(b))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Timeline", "Figures", "Sources"]
    for ws in wb:
        assert ws["A1"].value == "TLP:RED"
        assert ws["A1"].font.color.rgb.endswith("FF2B2B") and ws["A1"].font.b
        assert ws.freeze_panes == "A3" and ws.auto_filter.ref.startswith("A2:")
        assert "TLP:RED" in ws.oddHeader.center.text and "TLP:RED" in ws.oddFooter.center.text
    timeline = wb["Timeline"]
    header = [c.value for c in timeline[2]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in timeline.iter_rows(3)]
    assert [r["id"] for r in rows] == [e.id for e in b.timeline]
    first = rows[0]
    assert first["sort date"].date().isoformat() == b.timeline[0].sort_date
    assert isinstance(first["credibility"], int)
    assert rows[[e.id for e in b.timeline].index("dev-4")]["title"] == MARKUP  # text as typed
    figures = wb["Figures"]
    values = [row[2].value for row in figures.iter_rows(3)]
    assert values == [f.value for f in dossier.figures] and all(
        isinstance(v, int | float) for v in values
    )


def test_cli_writes_a_workbook(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "example.yaml"
    save_dossier(make_dossier(10, sources=4), path)
    assert main(["export", str(path), "-o", str(tmp_path / "brief.xlsx"), "--tag", "cloud"]) == 0
    wb = openpyxl.load_workbook(tmp_path / "brief.xlsx")
    assert all("cloud" in (row[6].value or "") for row in wb["Timeline"].iter_rows(3))
