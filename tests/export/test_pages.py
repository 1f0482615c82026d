"""Every page read back line by line (pypdf): nothing hidden, nothing twice, nothing off the page.

A line painted outside its page's slice is still in the PDF's text even when
clipped out of sight: search, copy and screen readers find it. These tests
read each page's lines with their baselines and fail on any line outside the
content area (other than the header and footer), and on any line that shows
on two pages (other than a repeated table header row or chart title).
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from bench.generate import write
from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Company, Development, Dossier, Figure, Judgement, Source
from dossier_app.export.options import ExportOptions, Provenance
from dossier_app.export.pdf import ExportError, export_pdf
from dossier_app.fileio.loader import read_dossier

from .pdfread import Line, norm, page_lines, read_pdf, reference_numbers

MM = 72 / 25.4
HEADER_ZONE = 15.5 * MM
CONTENT_TOP = 22 * MM
CONTENT_BOTTOM_MARGIN = 20 * MM
TABLE_HEADER = norm("Figure Value Period As of Sources")
CHART_TITLE = norm("Revenue (USD) by as-of date")
PROVENANCE = Provenance("unique.yaml", "feedfacecafebeef" * 4, _dt.date(2026, 11, 26))


def _words(tag: str, count: int) -> str:
    """Words no other line shares: every wrapped line of the text is unique."""
    return " ".join(f"{tag}w{k}" for k in range(count))


def unique_dossier() -> Dossier:
    """A dossier whose every printed line is different from every other."""
    sources = [
        Source(f"s{i}", f"Source title {i} {_words(f's{i}', 3)}", publisher=f"Publisher {i}")
        for i in range(30)
    ]
    timeline = [
        Development(
            f"d{i}",
            PartialDate(1990 + i // 6, 1 + i % 12, 1 + i % 28),
            f"Development title {i}",
            summary=_words(f"d{i}", 20 + (i * 37) % 90),
            tags=[f"tag{i}"],
            sources=[f"s{i % 30}", f"s{(i * 7) % 30}"],
        )
        for i in range(48)
    ]
    figures = [
        Figure(
            f"f{i}",
            "Revenue",
            1_000_000 * (i + 1) + 17 * i,
            "USD",
            period=f"FY{1970 + i}",
            as_of=PartialDate(1970 + i),
            sources=[f"s{i % 30}"],
        )
        for i in range(44)
    ]
    judgements = [
        Judgement("j1", "The first judgement holds.", "high", "very likely", ["d3", "f2"]),
        Judgement("j2", "The second judgement is uncertain.", "low", None, ["d10"]),
    ]
    return Dossier(
        company=Company("Unique Lines Ltd", headquarters="Nowhere"),
        marking="TLP:AMBER",
        reviewed=PartialDate(2026, 11, 20),
        bottom_line="The bottom line of this unique briefing.",
        judgements=judgements,
        sources=sources,
        timeline=timeline,
        figures=figures,
    )


@pytest.fixture(scope="module")
def unique(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pages") / "unique.pdf"
    export_pdf(unique_dossier(), out, ExportOptions(), PROVENANCE)
    return out


@pytest.fixture(scope="module")
def unique_pages(unique: Path) -> list[list[Line]]:
    return _check_pages(unique)


def _content(height: float, page: list[Line], number: int, count: int) -> list[Line]:
    """The page's content lines; fails on anything outside the content area."""
    bottom = height - CONTENT_BOTTOM_MARGIN
    content = []
    for line in page:
        if line.y < HEADER_ZONE:
            assert "TLP:" in line.text, f"page {number}: {line.text!r} in the header"
        elif line.y > height - HEADER_ZONE:
            assert line.text.startswith(f"Page{number}of{count}"), (
                f"page {number}: {line.text!r} in the footer"
            )
        else:
            assert CONTENT_TOP < line.y < bottom + 3, (
                f"page {number}: {line.text[:60]!r} at {line.y:.0f} pt is outside the content area"
            )
            content.append(line)
    return content


def _check_pages(path: Path) -> list[list[Line]]:
    height, pages = page_lines(path)
    return [_content(height, p, n, len(pages)) for n, p in enumerate(pages, start=1)]


def test_no_line_is_outside_the_content_area_or_on_two_pages(
    unique_pages: list[list[Line]],
) -> None:
    pages = unique_pages
    assert len(pages) > 4
    seen: dict[str, int] = {}
    for number, page in enumerate(pages, start=1):
        for line in page:
            if line.text in (TABLE_HEADER, CHART_TITLE) or line.text.startswith("⚑"):
                continue  # repeated by design: a header row, a chart title, a row's flags
            first = seen.setdefault(line.text, number)
            assert first == number, f"{line.text[:60]!r} is on page {first} and page {number}"


def test_a_table_across_pages_repeats_its_header_row(unique_pages: list[list[Line]]) -> None:
    pages = unique_pages
    row = re.compile(r"^Revenue⚑?aboutUSD|^Revenue⚑?USD")  # ⚑: a flagged figure
    with_rows = [p for p in pages if any(row.match(line.text) for line in p)]
    assert len(with_rows) >= 2, "the 44-row table should span pages"
    for page in with_rows:
        texts = [line.text for line in page]
        first_row = next(i for i, t in enumerate(texts) if row.match(t))
        assert TABLE_HEADER in texts[:first_row], texts[: first_row + 1]


def test_a_chart_across_pages_has_its_title_on_each(unique_pages: list[list[Line]]) -> None:
    pages = unique_pages
    bar = re.compile(r"^\d{4}FY\d{4}$|^\d{4}USD")  # an as-of year, then its value or period
    with_bars = [p for p in pages if any(bar.match(line.text) for line in p)]
    assert with_bars, "the chart has no bars"
    assert len(with_bars) >= 2, "the 44-bar chart should span pages"
    for page in with_bars:
        texts = [line.text for line in page]
        first = next(i for i, t in enumerate(texts) if bar.match(t))
        assert CHART_TITLE in texts[:first]


def test_the_first_page_opens_with_the_bottom_line_and_judgements(unique: Path) -> None:
    pdf = read_pdf(unique)
    first = pdf.pages[0]
    assert norm("Bottom line") in first and norm("The bottom line of this unique") in first
    assert first.index(norm("Key judgements")) < first.index(norm("The first judgement holds."))
    assert norm("High confidence · very likely (80–95 %)") in first
    assert norm("Low confidence") in first
    assert norm("2 key judgements · 48 developments · 44 key figures · 30 sources") in first
    # A judgement cites the sources of the developments and figures it rests on.
    d = unique_dossier()
    numbers = reference_numbers(pdf.text, [s.title for s in d.sources])
    by_id = {s.id: numbers[s.title] for s in d.sources}
    for j in d.judgements:
        grounds = {sid for item in d.grounds(j) for sid in item.sources}
        cited = re.search(re.escape(norm(j.text)) + r"((?:\[\d+\])+)", pdf.text)
        assert cited is not None
        assert [int(n) for n in re.findall(r"\d+", cited.group(1))] == sorted(
            by_id[s] for s in grounds
        )
    # The judgements' grounds are cited first.
    assert by_id["s3"] == 1


def test_the_grading_key_explains_both_scales(unique: Path) -> None:
    text = read_pdf(unique).text
    assert norm("Grading key: Admiralty (NATO) system") in text
    for line in ("A Completely reliable", "F Reliability cannot be judged",
                 "1 Confirmed by other sources", "6 Truth cannot be judged"):  # fmt: skip
        assert norm(line) in text


def test_metadata_in_info_and_xmp(unique: Path) -> None:
    pdf = read_pdf(unique)
    root = pdf.reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    meta = pdf.reader.metadata
    assert meta is not None and meta.title == "Unique Lines Ltd — company briefing"
    assert "TLP:AMBER" in (meta.subject or "")
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "Unique Lines Ltd — company briefing" in xmp and "<dc:language>" in xmp


def test_a_lowered_marking_needs_confirmation_and_is_recorded(
    qapp: QApplication, tmp_path: Path
) -> None:
    d = unique_dossier()
    with pytest.raises(ExportError, match="less restrictive"):
        export_pdf(d, tmp_path / "x.pdf", ExportOptions(marking="TLP:GREEN"))
    assert not (tmp_path / "x.pdf").exists()
    out = tmp_path / "lowered.pdf"
    export_pdf(d, out, ExportOptions(marking="TLP:GREEN", downgrade_marking=True))
    pdf = read_pdf(out)
    assert norm("Marking lowered from TLP:AMBER") in pdf.pages[0]
    assert "TLP:AMBER" not in pdf.text.replace(norm("lowered from TLP:AMBER"), "")
    # Raising it needs nothing.
    export_pdf(d, tmp_path / "red.pdf", ExportOptions(marking="TLP:RED"))


def test_recipients_are_printed_under_the_title(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "red.pdf"
    options = ExportOptions(marking="TLP:RED", recipients=("A. Director", "B. Analyst"))
    export_pdf(unique_dossier(), out, options)
    first = read_pdf(out).pages[0]
    title = first.index(norm("Unique Lines Ltd"))
    assert first.index(norm("Distribution: A. Director; B. Analyst")) > title
    assert norm("individual recipients only") in first


def test_a_filtered_briefing_counts_what_it_holds(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "filtered.pdf"
    options = ExportOptions(date_from=PartialDate(1991), date_to=PartialDate(1991, 12))
    d = unique_dossier()
    export_pdf(d, out, options)
    pdf = read_pdf(out)
    shown = [i for i in range(48) if 1990 + i // 6 == 1991]
    cited = {f"s{i % 30}" for i in shown} | {f"s{(i * 7) % 30}" for i in shown}
    # What the judgements rest on is cited too.
    cited |= {sid for j in d.judgements for item in d.grounds(j) for sid in item.sources}
    refs = re.findall(r"\[(\d+)\]Sourcetitle", pdf.text)
    assert len(refs) == len(cited)
    assert pdf.has(
        f"2 key judgements · {len(shown)} of 48 developments (1991 to Dec 1991) · "
        "1 of 44 key figures · "
        f"{len(cited)} of 30 sources"
    )


def test_references_keep_their_hanging_indent_at_1000(qapp: QApplication, tmp_path: Path) -> None:
    d = Dossier(
        company=Company("Many Sources Ltd"),
        sources=[Source(f"s{i}", f"Reference {i}") for i in range(1000)],
    )
    out = tmp_path / "refs.pdf"
    export_pdf(d, out, ExportOptions(sections=("sources",)))
    _, pages = page_lines(out)
    starts: dict[int, float] = {}
    for page in pages:
        for line in page:
            match = re.match(r"^\[(\d+)\]Reference\d+$", line.text)
            if match and len(line.runs) >= 2:
                title = next(x for x, t in line.runs if t.strip().startswith("Reference"))
                starts[int(match.group(1))] = title
    assert {1, 9, 99, 999, 1000} <= set(starts)
    assert max(starts.values()) - min(starts.values()) < 0.5


@pytest.mark.slow
def test_a_1000_development_export_hides_and_repeats_nothing(
    qapp: QApplication, tmp_path: Path
) -> None:
    result = read_dossier(write(tmp_path / "big.yaml", 1000))
    assert result.dossier is not None
    out = tmp_path / "big.pdf"
    export_pdf(result.dossier, out, ExportOptions(), PROVENANCE)
    pages = _check_pages(out)
    assert len(pages) > 50
    for number in range(1, len(pages)):
        before, after = pages[number - 1], pages[number]
        repeated = {TABLE_HEADER} | {line.text for line in after if line.text.endswith("date")}
        first = next(line for line in after if line.text not in repeated)
        # A line cut across the page break would show at the end of one page and the top of
        # the next; a line may repeat elsewhere (the generated text reuses its sentences).
        assert before[-1].text != first.text, f"pages {number} and {number + 1}: {first.text!r}"
    total = sum(len(p) for p in pages)
    distinct_titles = {line.text for p in pages for line in p if line.text.startswith("20")}
    assert total > 1000 and distinct_titles
