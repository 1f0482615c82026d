"""The Word briefing, read back with python-docx: outline, marking on every page, links, tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from dossier_app.cli import main
from dossier_app.domain.model import Dossier, Judgement, is_safe_url
from dossier_app.export.compose import compose_briefing
from dossier_app.export.formats import render_bytes
from dossier_app.export.options import ExportOptions
from dossier_app.fileio.writer import save_dossier

from .sample import CJK_TITLE, JS_URL, SCRIPT_TITLE, make_dossier
from .test_pages import unique_dossier


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    d = make_dossier(30, sources=8)
    d.bottom_line = "The bottom line."
    d.judgements = [Judgement("j", "Judged.", "high", "likely", ["dev-4"])]
    return d


def _open(data: bytes, tmp_path: Path) -> object:
    import docx

    path = tmp_path / "brief.docx"
    path.write_bytes(data)
    return docx.Document(str(path))


def test_word_briefing(qapp: QApplication, dossier: Dossier, tmp_path: Path) -> None:
    from docx.oxml.ns import qn

    b = compose_briefing(dossier, ExportOptions(marking="TLP:RED"))
    doc = _open(render_bytes("docx", b), tmp_path)
    paragraphs = doc.paragraphs  # type: ignore[attr-defined]
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Bottom line", "Key judgements", "Overview", "Key figures", "Timeline",
                        "Sources"]  # fmt: skip
    assert any(p.style.name == "Heading 2" and p.text == "2015" for p in paragraphs)
    section = doc.sections[0]  # type: ignore[attr-defined]
    for part in (section.header, section.footer):
        xml = part._element.xml
        assert "TLP:RED" in xml and 'w:fill="000000"' in xml and "FF2B2B" in xml
    footer = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    normal = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    assert normal.get(qn("w:eastAsia"))
    text = "\n".join(p.text for p in paragraphs)
    assert SCRIPT_TITLE in text and CJK_TITLE in text and JS_URL in text
    numbers = {r.id: r.number for r in b.references}
    for dev in dossier.timeline:
        cite = "".join(f"[{n}]" for n in sorted(numbers[s] for s in set(dev.sources)))
        title = next(p.text for p in paragraphs if p.text.startswith(dev.title))
        assert title == dev.title + ("\u00a0" + cite if cite else "")
    for ref in b.references:
        assert any(p.text.startswith(f"[{ref.number}]\t{ref.title}") for p in paragraphs)
    links = {r.target_ref for r in doc.part.rels.values() if r.is_external}  # type: ignore[attr-defined]
    assert links == {s.url.strip() for s in dossier.sources if s.url and is_safe_url(s.url)}
    figures = doc.tables[2]  # type: ignore[attr-defined]
    assert [c.text for c in figures.rows[0].cells] == ["Figure", "Value", "Period", "As of",
                                                       "Sources"]  # fmt: skip
    assert figures.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_charts_are_pictures(qapp: QApplication, tmp_path: Path) -> None:
    b = compose_briefing(unique_dossier(), ExportOptions())
    assert len(b.charts) == 1
    doc = _open(render_bytes("docx", b), tmp_path)
    assert len(doc.inline_shapes) == 1  # type: ignore[attr-defined]


def test_cli_writes_word(qapp: QApplication, tmp_path: Path) -> None:
    import docx

    path = tmp_path / "example.yaml"
    save_dossier(make_dossier(10, sources=4), path)
    assert main(["export", str(path), "--format", "docx", "--tag", "cloud"]) == 0
    doc = docx.Document(str(tmp_path / "example.docx"))
    assert any("tag cloud" in p.text for p in doc.paragraphs)


def test_tables_have_fixed_widths_and_figure_notes_sit_under_the_label(
    qapp: QApplication, dossier: Dossier, tmp_path: Path
) -> None:
    import copy

    from docx.shared import Mm

    dossier = copy.deepcopy(dossier)  # the fixture is shared by the module
    dossier.figures[0].note = "Dated to the year of the review."
    b = compose_briefing(dossier, ExportOptions())
    doc = _open(render_bytes("docx", b), tmp_path)
    title_block, _profile, figures = doc.tables[:3]  # type: ignore[attr-defined]
    for table in (title_block, figures):
        widths = [c.width for c in table.columns]
        assert round(sum(widths) / Mm(1)) == 170  # the text column, every column fixed
        assert widths[0] < widths[1] if table is title_block else widths[0] > widths[1]
    label_cell = figures.rows[1].cells[0]
    assert [p.text for p in label_cell.paragraphs] == [
        dossier.figures[0].label, "Dated to the year of the review."
    ]
    assert label_cell.paragraphs[1].runs[0].italic
