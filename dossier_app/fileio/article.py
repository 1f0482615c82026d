"""What a saved article says about itself: title, author, publisher, date, URL, main text.

Web pages go through trafilatura (metadata from OpenGraph, schema.org JSON-LD
and the page's own tags; the main text without navigation and boilerplate)
with htmldate for the publication date; PDFs through pypdf (document
information and page text); plain text is decoded and its first line taken
as the title. Nothing is interpreted as markup afterwards: ``&lt;b&gt;`` in a
page becomes the text ``<b>``.

``extract_article`` never writes anything and raises ``ArticleError`` only
when the file itself cannot be used (missing, a folder, too big, an unknown
binary format); a page with no usable text or metadata gives an ``Article``
whose ``missing`` names what was not found.
"""

from __future__ import annotations

import datetime as _dt
import io
import logging
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..domain.dates import PartialDate
from ..domain.model import is_safe_url

Kind = Literal["html", "text", "pdf"]

#: Larger files are refused: a saved page with its pictures inlined is a few MB.
MAX_ARTICLE_BYTES = 128 * 1024 * 1024
#: Longest title, author or publisher kept (a page can put anything in a tag).
MAX_FIELD_CHARS = 500
#: Pages of a PDF whose text is read.
MAX_PDF_PAGES = 2000

HTML_SUFFIXES = frozenset({"html", "htm", "xhtml", "shtml"})
TEXT_SUFFIXES = frozenset({"txt", "text", "md"})
#: The fields an import looks for, in the order ``missing`` names them.
FIELDS = ("title", "author", "publisher", "published", "url", "text")
FIELD_NAMES = {
    "title": "title",
    "author": "author",
    "publisher": "publisher (site name)",
    "published": "published date",
    "url": "canonical URL",
    "text": "main text",
}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class ArticleError(Exception):
    """A file that cannot be imported at all (the message says why, without a path)."""


@dataclass(frozen=True, slots=True)
class Article:
    """The fields found in a saved article; None where a field was not found."""

    kind: Kind
    #: The file's bytes, exactly as read (what the archive keeps).
    data: bytes
    #: File extension for the archived copy, without the dot: ``html``, ``pdf``, ``txt``.
    ext: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    text: str | None = None

    @property
    def missing(self) -> tuple[str, ...]:
        """The fields (``FIELDS`` names) that were not found."""
        return tuple(f for f in FIELDS if getattr(self, f) is None)

    def missing_text(self) -> str:
        """``author, published date`` — the missing fields in words, or an empty string."""
        return ", ".join(FIELD_NAMES[f] for f in self.missing)


def extract_article(path: str | os.PathLike[str], url: str | None = None) -> Article:
    """Read a saved web page, plain-text or PDF file and extract what it says about itself.

    ``url`` is where the article came from, when known; it is used as the
    canonical URL and helps the extraction. Thread-safe; no Qt.
    """
    data, suffix = _read(Path(path))
    kind = _kind(data, suffix)
    ext = suffix if suffix in _SUFFIXES[kind] else _DEFAULT_EXT[kind]
    given = url if is_safe_url(url) else None
    if kind == "html":
        fields = _from_html(data, given)
    elif kind == "pdf":
        fields = _from_pdf(data)
    else:
        fields = _from_text(data)
    if given is not None:
        fields["url"] = given
    elif not is_safe_url(fields.get("url")):
        fields["url"] = None
    for key in ("title", "author", "publisher"):
        fields[key] = _one_line(fields.get(key))
    text = fields.get("text")
    fields["text"] = _clean_text(text) if isinstance(text, str) else None
    return Article(kind=kind, data=data, ext=ext, **fields)


_DEFAULT_EXT: dict[Kind, str] = {"html": "html", "text": "txt", "pdf": "pdf"}
#: The suffixes a copy keeps; any other (a PDF saved as .html) gets its kind's own.
_SUFFIXES: dict[Kind, frozenset[str]] = {
    "html": HTML_SUFFIXES, "text": TEXT_SUFFIXES, "pdf": frozenset({"pdf"}),
}


def _read(path: Path) -> tuple[bytes, str]:
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError("this is a folder, not a saved article")
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError("not a regular file (a named pipe, device or socket)")
        if info.st_size > MAX_ARTICLE_BYTES:
            raise ArticleError(
                f"the file is too large to import ({info.st_size // 2**20} MB; "
                f"the limit is {MAX_ARTICLE_BYTES // 2**20} MB)"
            )
        with open(path, "rb") as fh:
            data = fh.read(MAX_ARTICLE_BYTES + 1)
    except FileNotFoundError as exc:
        raise ArticleError("no such file") from exc
    except PermissionError as exc:
        raise ArticleError("permission denied: the file cannot be read") from exc
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ArticleError(f"the file cannot be read: {reason}") from exc
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError("the file is too large to import")
    return data, path.suffix[1:].lower()


def _kind(data: bytes, suffix: str) -> Kind:
    if data.startswith(b"%PDF-") or suffix == "pdf":
        return "pdf"
    if suffix in HTML_SUFFIXES:
        return "html"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix not in TEXT_SUFFIXES and head.startswith((b"<!doctype html", b"<html", b"<?xml")):
        return "html"
    if suffix in TEXT_SUFFIXES or b"\x00" not in data[:8192]:
        return "text"
    raise ArticleError(
        "not a saved web page, plain-text or PDF file (.html, .htm, .txt, .pdf)"
    )


# -- web pages --------------------------------------------------------------------

def _from_html(data: bytes, url: str | None) -> dict[str, Any]:
    # trafilatura logs what it skips at WARNING; the caller reports what was missing.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    from trafilatura import bare_extraction, extract_metadata, load_html

    tree = load_html(data)
    if tree is None:
        return {}
    # Only the page's own date markup counts: a date written in the text is not the
    # publication date (and searching the whole text of a big page is slow).
    meta = extract_metadata(
        tree, default_url=url, date_config={"extensive_search": False, "original_date": True}
    )
    fields: dict[str, Any] = {
        "title": meta.title,
        "author": meta.author,
        "publisher": meta.sitename,
        "published": _iso_date(meta.date),
        "url": meta.url,
    }
    # After the metadata: the extraction prunes the tree in place.
    doc = bare_extraction(tree, url=url, include_comments=False, with_metadata=False)
    text = getattr(doc, "text", None) if doc is not None else None
    fields["text"] = text if isinstance(text, str) and text.strip() else None
    return fields


def _iso_date(value: Any) -> PartialDate | None:
    if not isinstance(value, str):
        return None
    try:
        return PartialDate.from_date(_dt.date.fromisoformat(value[:10]))
    except ValueError:
        return None


# -- PDF ----------------------------------------------------------------------------

def _from_pdf(data: bytes) -> dict[str, Any]:
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    fields: dict[str, Any] = {}
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        info = reader.metadata
        if info is not None:
            fields["title"] = _pdf_text(info.title)
            fields["author"] = _pdf_text(info.author)
            try:
                created = info.creation_date
            except (ValueError, TypeError, PyPdfError):
                created = None
            if isinstance(created, _dt.datetime):
                fields["published"] = PartialDate.from_date(created.date())
        pages = []
        for index, page in enumerate(reader.pages):
            if index >= MAX_PDF_PAGES:
                break
            pages.append(page.extract_text() or "")
        text = "\n\n".join(p.strip() for p in pages if p.strip())
        fields["text"] = text or None
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, OSError,
            RecursionError, NotImplementedError, AssertionError, ZeroDivisionError):
        # A damaged PDF still imports: its copy is kept, with whatever was read.
        pass
    return fields


def _pdf_text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


# -- plain text ---------------------------------------------------------------------

def decode_text(data: bytes) -> str:
    """Text of unknown encoding: UTF-8 (with or without BOM), else the best guess."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("cp1252", errors="replace")


def _from_text(data: bytes) -> dict[str, Any]:
    text = decode_text(data)
    first = next((line.strip() for line in text.splitlines() if line.strip()), None)
    title = first if first is not None and len(first) <= 200 else None
    return {"title": title, "text": text if text.strip() else None}


# -- cleaning -----------------------------------------------------------------------

def _one_line(value: Any) -> str | None:
    """One line of plain text: controls dropped, whitespace collapsed, length bounded."""
    if not isinstance(value, str):
        return None
    text = " ".join(_CONTROL.sub(" ", unicodedata.normalize("NFC", value)).split())
    if len(text) > MAX_FIELD_CHARS:
        text = text[: MAX_FIELD_CHARS - 1].rstrip() + "…"
    return text or None


def _clean_text(value: str) -> str | None:
    text = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.strip()
    return text + "\n" if text else None
