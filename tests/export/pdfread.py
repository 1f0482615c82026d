"""Reading exported PDFs back the way a reader would: text per page, links, bookmarks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject

_SPACE = re.compile(r"[\s\x00]+")  # NUL: what pypdf gives for a glyph no font had
# Qt draws synthetic bold (the CJK font has no bold face) twice and marks the
# second copy as having no text (an empty /ActualText); pypdf does not honour
# that, so the copies are taken out before extracting, as a PDF viewer would.
_NO_TEXT_SPAN = re.compile(rb"/Span\s*<<\s*/ActualText\s*<\s*>\s*>>\s*BDC.*?EMC", re.DOTALL)


def norm(text: str) -> str:
    """Text as compared in these tests: without whitespace.

    pypdf's extraction puts tabs, line breaks and stray spaces where the PDF
    positions glyphs ("< i>"), so whitespace is left out of every comparison.
    """
    return _SPACE.sub("", text)


def _page_text(page: PageObject) -> str:
    _strip_no_text(page)
    return norm(page.extract_text())


def _strip_no_text(page: PageObject) -> None:
    contents = page.get_contents()
    if contents is not None:
        data = contents.get_data()
        cleaned = _NO_TEXT_SPAN.sub(b"", data)
        if cleaned != data:
            stream = DecodedStreamObject()
            stream.set_data(cleaned)
            page.replace_contents(stream)


def _margins(page: PageObject, depth: float) -> tuple[str, str]:
    height = float(page.mediabox.height)
    top: list[str] = []
    bottom: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        # Where the text starts on the page, in points from the bottom edge.
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if y > height - depth:
            top.append(text)
        elif y < depth:
            bottom.append(text)

    page.extract_text(visitor_text=visit)
    return norm("".join(top)), norm("".join(bottom))


@dataclass
class ReadPdf:
    reader: PdfReader
    pages: list[str]

    @property
    def text(self) -> str:
        return "".join(self.pages)

    def has(self, text: str) -> bool:
        return norm(text) in self.text

    def link_uris(self) -> list[str]:
        uris = []
        for page in self.reader.pages:
            annots = page.get("/Annots")
            for ref in annots.get_object() if annots is not None else []:
                annot = ref.get_object()
                if annot.get("/Subtype") == "/Link" and "/A" in annot:
                    uris.append(str(annot["/A"].get_object().get("/URI")))
        return uris

    def margins(self, depth_mm: float = 15) -> list[tuple[str, str]]:
        """Each page's (header, footer): the text drawn within ``depth_mm`` of its top or bottom."""
        return [_margins(page, depth_mm / 25.4 * 72) for page in self.reader.pages]

    def outline(self) -> list[tuple[str, list[str]]]:
        """Top-level bookmarks with the titles of their children."""
        result: list[tuple[str, list[str]]] = []
        for item in self.reader.outline:
            if isinstance(item, list):
                result[-1][1].extend(x.title for x in item if not isinstance(x, list))
            else:
                result.append((item.title, []))
        return result

    def outline_pages(self) -> dict[str, int]:
        pages: dict[str, int] = {}
        for item in self.reader.outline:
            if not isinstance(item, list):
                pages[item.title] = self.reader.get_destination_page_number(item)
        return pages


def read_pdf(path: Path) -> ReadPdf:
    reader = PdfReader(path)
    editable = PdfWriter(clone_from=path)  # a copy whose pages may be edited before extracting
    return ReadPdf(reader, [_page_text(page) for page in editable.pages])


def reference_numbers(text: str, titles: list[str]) -> dict[str, int]:
    """The number each source title carries in the reference list ("[3] Title")."""
    refs = text[text.rfind("Sources") :]
    numbers = {}
    for title in titles:
        match = re.search(r"\[(\d+)\]" + re.escape(norm(title)), refs)
        assert match, f"source {title!r} is not in the reference list"
        numbers[title] = int(match.group(1))
    return numbers


def cited_after(text: str, title: str) -> list[int]:
    """The citation numbers printed right after a title ("Title [1][3]")."""
    match = re.search(re.escape(norm(title)) + r"((?:\[\d+\])+)", text)
    if match is None:
        return []
    return [int(n) for n in re.findall(r"\d+", match.group(1))]


@dataclass(frozen=True)
class Line:
    """One line of a page as a reader's tool sees it: its baseline (points from the top)."""

    y: float
    text: str
    #: (x, text) of each run, left to right, in points.
    runs: tuple[tuple[float, str], ...] = ()


def _lines_of(page: PageObject, height: float) -> list[Line]:
    runs: dict[float, list[tuple[float, str]]] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        runs.setdefault(round(height - y, 0), []).append((x, text))

    page.extract_text(visitor_text=visit)
    lines = [
        Line(y, norm("".join(t for _, t in sorted(parts))), tuple(sorted(parts)))
        for y, parts in sorted(runs.items())
    ]
    return [line for line in lines if line.text]


def page_lines(path: Path) -> tuple[float, list[list[Line]]]:
    """The page height and, per page, its lines top to bottom (runs joined by baseline)."""
    editable = PdfWriter(clone_from=path)
    pages: list[list[Line]] = []
    height = 0.0
    for page in editable.pages:
        _strip_no_text(page)  # takes out the no-text copies of synthetic bold
        height = float(page.mediabox.height)
        pages.append(_lines_of(page, height))
    return height, pages
