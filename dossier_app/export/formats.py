"""The formats a briefing exports to, by name and suffix, and how to tell a file of each."""

from __future__ import annotations

from pathlib import Path

from .briefing import Briefing

#: Format name -> file suffix; the first is the default.
FORMATS: dict[str, str] = {
    "pdf": ".pdf",
    "docx": ".docx",
    "md": ".md",
    "xlsx": ".xlsx",
    "csv": ".csv",
}
_MAGIC = {"pdf": b"%PDF-", "docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04"}


def infer_format(path: Path) -> str | None:
    """The format an output path's suffix names, or None."""
    suffix = path.suffix.lower()
    if suffix == ".markdown":
        return "md"
    return next((name for name, s in FORMATS.items() if s == suffix), None)


def is_of_format(path: Path, fmt: str) -> bool:
    """True when the existing file ``path`` already holds a file of ``fmt``: safe to replace."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    magic = _MAGIC.get(fmt)
    if magic is not None:
        return head.startswith(magic)
    # Text formats: a file with the format's suffix holding text (no NUL, valid UTF-8).
    if infer_format(path) != fmt or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(head) - 4  # a character cut at the end of the sample
    return True


def render_bytes(fmt: str, briefing: Briefing, table: str = "timeline") -> bytes:
    """The bytes of a non-PDF export; text formats are UTF-8 without a byte-order mark."""
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(briefing).encode("utf-8")
    if fmt == "csv":
        from .tables import render_csv

        return render_csv(briefing, table).encode("utf-8")
    if fmt == "docx":
        from .docx import render_docx

        pictures: list[bytes] = []
        if briefing.charts:
            from .chartimage import chart_png
            from .headless import ensure_gui_app

            ensure_gui_app()
            pictures = [chart_png(c) for c in briefing.charts]
        return render_docx(briefing, pictures)
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx(briefing)
    raise ValueError(f"{fmt} is not rendered here")
