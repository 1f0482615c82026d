"""What Qt's PDF writer cannot add, added with pypdf: bookmarks, language, info and XMP."""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast
from xml.sax.saxutils import escape

from .. import __version__
from .briefing import Briefing
from .document import BuiltDocument
from .pagination import PageSlice, page_of
from .painting import PageGeometry


def xmp_packet(briefing: Briefing, keywords: list[str]) -> bytes:
    """An XMP packet with the title, author, subject, keywords and language of the briefing."""

    def text(value: str) -> str:
        return escape(value, {'"': "&quot;"})

    tags = "".join(f"<rdf:li>{text(k)}</rdf:li>" for k in keywords)
    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/">\n'
        "<dc:format>application/pdf</dc:format>\n"
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(briefing.title)}'
        "</rdf:li></rdf:Alt></dc:title>\n"
        f"<dc:creator><rdf:Seq><rdf:li>{text(briefing.author)}</rdf:li></rdf:Seq></dc:creator>\n"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text(briefing.subject)}'
        "</rdf:li></rdf:Alt></dc:description>\n"
        f"<dc:subject><rdf:Bag>{tags}</rdf:Bag></dc:subject>\n"
        f"<dc:language><rdf:Bag><rdf:li>{text(briefing.language)}</rdf:li></rdf:Bag>"
        "</dc:language>\n"
        f"<pdf:Keywords>{text(', '.join(keywords))}</pdf:Keywords>\n"
        f"<pdf:Producer>dossier-app {__version__}</pdf:Producer>\n"
        f"<xmp:CreatorTool>dossier-app {__version__}</xmp:CreatorTool>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return xml.encode("utf-8")


def finish_pdf(
    source: Path,
    target: Path,
    briefing: Briefing,
    keywords: list[str],
    built: BuiltDocument,
    slices: list[PageSlice],
    geometry: PageGeometry,
) -> None:
    """Write ``source`` (Qt's PDF) to ``target`` (a temporary file of the atomic writer)
    with the outline and the metadata."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, Fit, NameObject, TextStringObject

    g = geometry
    to_points = 72.0 / g.dpi
    page_height_pt = g.height * to_points
    layout = built.doc.documentLayout()

    reader = PdfReader(source)
    writer = PdfWriter(clone_from=reader)
    writer.add_metadata(
        {
            "/Title": briefing.title,
            "/Author": briefing.author,
            "/Subject": briefing.subject,
            "/Keywords": ", ".join(keywords),
            "/Creator": f"dossier-app {__version__}",
        }
    )
    writer.root_object[NameObject("/Lang")] = TextStringObject(briefing.language)
    writer.xmp_metadata = xmp_packet(briefing, keywords)
    stream = cast(DictionaryObject, writer.root_object["/Metadata"].get_object())
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")

    parent = None
    years = sum(1 for h in built.headings if h.level == 1)
    for heading in built.headings:
        y = layout.blockBoundingRect(built.doc.findBlockByNumber(heading.block)).top()
        index = page_of(slices, y)
        page = slices[index]
        top = page_height_pt - (g.top + page.repeat_height + y - page.top) * to_points + 6
        fit = Fit.xyz(left=0, top=top)
        if heading.level == 0:
            parent = writer.add_outline_item(
                title=heading.title, page_number=index, fit=fit, is_open=years <= 12
            )
        else:
            writer.add_outline_item(title=heading.title, page_number=index, parent=parent, fit=fit)
    writer.page_mode = "/UseOutlines"
    with open(target, "wb") as fh:
        writer.write(fh)
        fh.flush()
        os.fsync(fh.fileno())
