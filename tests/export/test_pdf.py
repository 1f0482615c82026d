"""The exported PDF, read back with pypdf: what a reader of the briefing gets."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Dossier, is_safe_url
from dossier_app.export.options import ExportOptions, Provenance
from dossier_app.export.pdf import ExportError, PdfExport, export_pdf
from dossier_app.fileio.loader import read_dossier

from ..conftest import ALIBABA
from .pdfread import ReadPdf, cited_after, norm, read_pdf, reference_numbers
from .sample import CJK_TITLE, JS_URL, SCRIPT_TITLE, make_dossier

PROVENANCE = Provenance(
    "generated.yaml", "0123456789abcdef0123456789abcdef", _dt.date(2026, 11, 26)
)


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return make_dossier(60)


@pytest.fixture(scope="module")
def exported(
    qapp: QApplication, dossier: Dossier, tmp_path_factory: pytest.TempPathFactory
) -> ReadPdf:
    out = tmp_path_factory.mktemp("pdf") / "generated.pdf"
    export_pdf(dossier, out, ExportOptions(), PROVENANCE)
    return read_pdf(out)


def test_pages_carry_marking_company_and_page_n_of_m(exported: ReadPdf) -> None:
    count = len(exported.pages)
    assert count > 1
    for number, text in enumerate(exported.pages, start=1):
        assert norm(f"Page {number} of {count}") in text
        # Top and bottom of every page.
        assert text.count("TLP:GREEN") >= 2, f"page {number}"
        assert norm("Example Holdings") in text


def test_header_and_footer_of_every_page_carry_the_marking(exported: ReadPdf) -> None:
    """Page 1 too: its title block also names the marking, which must not stand in for either."""
    margins = exported.margins()
    count = len(margins)
    assert count == len(exported.pages) > 1
    for number, (header, footer) in enumerate(margins, start=1):
        assert "TLP:GREEN" in header, f"page {number} header: {header!r}"
        assert norm("Example Holdings") in header, f"page {number} header: {header!r}"
        assert "TLP:GREEN" in footer, f"page {number} footer: {footer!r}"
        assert norm(f"Page {number} of {count}") in footer, f"page {number} footer: {footer!r}"
    body = exported.pages[0]
    assert body.count("TLP:GREEN") > margins[0][0].count("TLP:GREEN") + 1  # and the title block


def test_title_block_names_file_hash_review_and_generation(exported: ReadPdf) -> None:
    first = exported.pages[0]
    assert norm("Example Holdings 示例控股 Ltd") in first
    assert "generated.yaml" in first
    assert "0123456789ab" in first
    assert "0123456789abc" not in first  # a short hash, 12 digits
    assert norm("Reviewed 20 Nov 2026") in first
    assert norm("Generated 26 Nov 2026") in first


def test_every_development_and_source_title_is_printed(exported: ReadPdf, dossier: Dossier) -> None:
    text = exported.text
    for dev in dossier.timeline:
        assert norm(dev.title) in text
    for source in dossier.sources:
        assert norm(source.title) in text


def test_timeline_is_in_date_order_with_dates_in_their_precision(
    exported: ReadPdf, dossier: Dossier
) -> None:
    text = exported.text
    positions = [text.index(norm(d.title)) for d in dossier.chronological()]
    assert positions == sorted(positions)
    assert norm("c. 2015 – Apr 2016") in text  # an approximate year with a span
    assert norm("3 Mar 2015") in text  # a full date


def test_citations_match_the_reference_list(exported: ReadPdf, dossier: Dossier) -> None:
    text = exported.text
    numbers = reference_numbers(text, [s.title for s in dossier.sources])
    assert sorted(numbers.values()) == list(range(1, len(dossier.sources) + 1))
    by_id = {s.id: numbers[s.title] for s in dossier.sources}
    for dev in dossier.timeline:
        expected = sorted(by_id[s] for s in dev.sources)
        assert cited_after(text, dev.title) == expected, dev.title
    # Numbered in order of first citation: the key figures come first.
    first_cited = dossier.figures[0].sources[0]
    assert by_id[first_cited] == 1


def test_urls_are_real_links_and_unsafe_ones_are_not(exported: ReadPdf, dossier: Dossier) -> None:
    uris = exported.link_uris()
    safe = {s.url for s in dossier.sources if s.url and is_safe_url(s.url)}
    assert set(uris) == safe
    assert not any(uri.lower().startswith("javascript") for uri in uris)
    # The unsafe URL is still shown, as inert text.
    assert exported.has(JS_URL)


def test_dossier_text_is_printed_literally_never_as_markup(exported: ReadPdf) -> None:
    text = exported.text
    assert norm(SCRIPT_TITLE) in text
    assert norm("<script>alert(1)</script>") in text
    assert "<i>Ex</i>" in text
    assert "&amp;" in text


def test_chinese_and_japanese_text_is_extractable(exported: ReadPdf) -> None:
    assert exported.has("示例控股")
    assert exported.has("イグザンプル")
    assert exported.has("阿里巴巴 opens a data centre in 東京")


def test_korean_text_is_extractable(exported: ReadPdf) -> None:
    # NanumGothic ships in dossier_app/resources/fonts, so Hangul never depends on the machine.
    assert exported.has(CJK_TITLE)
    assert exported.has("도쿄")


def test_metadata_and_outline(exported: ReadPdf) -> None:
    meta = exported.reader.metadata
    assert meta is not None
    assert meta.title == "Example Holdings 示例控股 Ltd — company briefing"
    assert meta.author == "Dossier"
    assert "TLP:GREEN" in (meta.subject or "")
    outline = exported.outline()
    assert [title for title, _ in outline] == ["Overview", "Key figures", "Timeline", "Sources"]
    years = dict(outline)["Timeline"]
    assert years[0] == "2015" and years == sorted(years)
    pages = exported.outline_pages()
    assert pages["Overview"] == 0
    assert pages["Sources"] > pages["Timeline"] >= pages["Key figures"]
    # A bookmark lands on the page that shows its heading.
    assert "Sources" in exported.pages[pages["Sources"]]


def test_fonts_are_embedded(exported: ReadPdf) -> None:
    for page in exported.reader.pages[:2]:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_filters_marking_and_page_size(
    qapp: QApplication, dossier: Dossier, tmp_path: Path
) -> None:
    out = tmp_path / "filtered.pdf"
    options = ExportOptions(
        marking="TLP:RED",
        page_size="Letter",
        date_from=PartialDate(2018),
        date_to=PartialDate(2019, 6),
        tag="cloud",
    )
    export_pdf(dossier, out, options, PROVENANCE)
    pdf = read_pdf(out)
    wanted = [
        d
        for d in dossier.timeline
        if "cloud" in d.tags
        and (d.end or d.date).last_day() >= _dt.date(2018, 1, 1)
        and d.date.first_day() <= _dt.date(2019, 6, 30)
    ]
    assert wanted
    for dev in dossier.timeline:
        assert pdf.has(dev.title) == (dev in wanted), dev.title
    assert pdf.has(f"Showing {len(wanted)} of 60 developments")
    for page in pdf.pages:
        assert page.count("TLP:RED") >= 2 and "TLP:GREEN" not in page
    box = pdf.reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    # The date range filters the key figures by as-of date too: none of them is in it.
    assert pdf.has("Showing 0 of 3 key figures: as of 2018 to Jun 2019")
    assert not pdf.has("USD 12.5 billion") and pdf.has("No key figures in this range.")
    # Only what the briefing cites is listed, numbered as cited.
    cited = {s for d in wanted for s in d.sources}
    titles = [s.title for s in dossier.sources if s.id in cited]
    numbers = reference_numbers(pdf.text, titles)
    assert sorted(numbers.values()) == list(range(1, len(cited) + 1))
    for source in dossier.sources:
        if source.id not in cited:
            assert norm(source.title) not in pdf.text


def test_sections_can_be_left_out(qapp: QApplication, dossier: Dossier, tmp_path: Path) -> None:
    out = tmp_path / "timeline.pdf"
    export_pdf(dossier, out, ExportOptions(sections=("timeline", "sources")), PROVENANCE)
    pdf = read_pdf(out)
    assert [t for t, _ in pdf.outline()] == ["Timeline", "Sources"]
    assert not pdf.has("Key figures")
    assert "Headquarters" not in pdf.text


def test_stepped_export_reports_progress_and_writes_only_at_the_end(
    qapp: QApplication, dossier: Dossier, tmp_path: Path
) -> None:
    out = tmp_path / "stepped.pdf"
    export = PdfExport(dossier, out, ExportOptions(), PROVENANCE)
    steps = export.steps()
    progress = [next(steps)]
    assert not out.exists()
    progress += list(steps)
    fractions = [p.fraction for p in progress]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert f"Page {export.page_count} of {export.page_count}" in [p.text for p in progress]
    assert out.exists()
    assert len(PdfReader(out).pages) == export.page_count
    assert [p.name for p in tmp_path.iterdir()] == ["stepped.pdf"]  # no temporary file left


def test_a_cancelled_export_leaves_no_file(
    qapp: QApplication, dossier: Dossier, tmp_path: Path
) -> None:
    out = tmp_path / "cancelled.pdf"
    export = PdfExport(dossier, out, ExportOptions(), PROVENANCE)
    steps = export.steps()
    next(steps)
    next(steps)
    steps.close()
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_is_a_clear_error(
    qapp: QApplication, dossier: Dossier, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_pdf(dossier, tmp_path / "missing" / "x.pdf")
    with pytest.raises(ExportError, match="it is a folder"):
        export_pdf(dossier, tmp_path)


def test_empty_dossier_exports(qapp: QApplication, tmp_path: Path) -> None:
    from dossier_app.domain.model import new_dossier

    out = tmp_path / "empty.pdf"
    export_pdf(new_dossier("Empty Co"), out)
    pdf = read_pdf(out)
    assert len(pdf.pages) == 1
    assert pdf.has("Empty Co") and pdf.has("Page 1 of 1")
    assert pdf.has("No developments to show.")


@pytest.mark.skipif(not ALIBABA.exists(), reason="the bundled dossier is not there")
def test_bundled_alibaba_dossier(qapp: QApplication, tmp_path: Path) -> None:
    result = read_dossier(ALIBABA)
    assert result.dossier is not None
    d = result.dossier
    out = tmp_path / "alibaba.pdf"
    export_pdf(
        d, out, ExportOptions(marking="TLP:AMBER"), Provenance(ALIBABA.name, result.content_hash)
    )
    pdf = read_pdf(out)
    count = len(pdf.pages)
    assert count > 1
    for number, text in enumerate(pdf.pages, start=1):
        assert norm(f"Page {number} of {count}") in text and text.count("TLP:AMBER") >= 2
    assert "阿里巴巴" in pdf.text
    assert (result.content_hash or "")[:12] in pdf.pages[0]
    numbers = reference_numbers(pdf.text, [s.title for s in d.sources])
    by_id = {s.id: numbers[s.title] for s in d.sources}
    for dev in d.timeline:
        assert norm(dev.title) in pdf.text
        assert cited_after(pdf.text, dev.title) == sorted(by_id[s] for s in dev.sources)
    for figure in d.figures:
        assert norm(figure.label) in pdf.text
    assert pdf.has("about USD 50 million")


def test_a_very_long_briefing_is_laid_out_coarser_or_refused(
    qapp: QApplication, dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt's text layout ends at a fixed height; nothing may silently fall off the end."""
    from dossier_app.export import pdf as pdf_module

    # The 60-development briefing is about 180,000 units tall at 1200 dpi, 45,000 at 300.
    monkeypatch.setattr(pdf_module, "LAYOUT_LIMIT", 100_000.0)
    out = tmp_path / "coarse.pdf"
    export_pdf(dossier, out, ExportOptions(), PROVENANCE)
    pdf = read_pdf(out)
    for dev in dossier.timeline:
        assert norm(dev.title) in pdf.text
    monkeypatch.setattr(pdf_module, "LAYOUT_LIMIT", 10_000.0)
    with pytest.raises(ExportError, match="narrow it to a date range or a tag"):
        export_pdf(dossier, tmp_path / "refused.pdf", ExportOptions(), PROVENANCE)
    assert not (tmp_path / "refused.pdf").exists()


def test_the_example_briefing_is_valid_and_opens_with_its_bottom_line(
    qapp: QApplication, tmp_path: Path
) -> None:
    from ..conftest import REPO

    example = REPO / "docs" / "examples" / "alibaba-briefing.yaml"
    result = read_dossier(example)
    assert result.problems == [] and result.dossier is not None
    assert result.dossier.bottom_line and result.dossier.judgements
    out = tmp_path / "example.pdf"
    export_pdf(result.dossier, out)
    first = read_pdf(out).pages[0]
    assert first.index(norm("Bottom line")) < first.index(norm("Key judgements"))
    assert norm("Restrictions on US clients are the likely outcome") in first
