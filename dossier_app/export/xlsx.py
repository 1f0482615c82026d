"""The briefing's tables as an .xlsx workbook (xlsxwriter), from the same content model (no Qt).

Sheets Timeline, Figures and Sources; each starts with the marking in a row
of its own in the TLP colours, then a frozen header row with filters on.
The marking is in every printed page's header and footer too.
"""

from __future__ import annotations

import datetime as _dt
import io
from typing import Any

from .briefing import Briefing
from .marking import marking_colours
from .tables import Table, briefing_tables

_SORT_DATE = "sort date"


def _header_text(text: str) -> str:
    """Text for a sheet header or footer: ``&`` starts a code there."""
    return text.replace("&", "&&")


def render_xlsx(b: Briefing) -> bytes:
    """The workbook's bytes."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_urls": False})
    workbook.set_properties(
        {
            "title": b.title,
            "subject": b.subject,
            "author": b.author,
            "keywords": b.marking,
            "comments": f"Generated from {b.file_name}" if b.file_name else "",
        }
    )
    foreground, background = marking_colours(b.marking)
    marking = workbook.add_format(
        {"bold": True, "font_color": foreground, "bg_color": background, "align": "center"}
    )
    head = workbook.add_format({"bold": True, "bg_color": "#E6ECF2", "bottom": 1})
    text = workbook.add_format({"text_wrap": False, "valign": "top"})
    date = workbook.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
    banner = b.marking if not b.marking_lowered_from else (
        f"{b.marking} (marking lowered from {b.marking_lowered_from})"
    )
    for table in briefing_tables(b).values():
        _sheet(workbook, table, banner, marking, head, text, date)
    workbook.close()
    return buffer.getvalue()


def _sheet(
    workbook: Any, table: Table, banner: str, marking: Any, head: Any, text: Any, date: Any
) -> None:
    sheet = workbook.add_worksheet(table.name)
    last_col = len(table.header) - 1
    sheet.merge_range(0, 0, 0, last_col, banner, marking)
    sheet.write_row(1, 0, table.header, head)
    sort_col = table.header.index(_SORT_DATE) if _SORT_DATE in table.header else -1
    for r, row in enumerate(table.rows, start=2):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if c == sort_col and isinstance(value, str):
                sheet.write_datetime(r, c, _dt.datetime.fromisoformat(value), date)
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value, text)
            else:
                sheet.write_string(r, c, str(value), text)
    for c, width in enumerate(table.widths):
        sheet.set_column(c, c, width)
    sheet.freeze_panes(2, 0)
    sheet.autofilter(1, 0, max(1, len(table.rows) + 1), last_col)
    shown = _header_text(banner)
    sheet.set_header(f"&C&B{shown}")
    sheet.set_footer(f"&L&A&C&B{shown}&RPage &P of &N")
    sheet.repeat_rows(1)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
