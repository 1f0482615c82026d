"""Render the app's views of the bundled Alibaba dossier into PNG files (for the README).

Usage: python tools/screenshots.py [OUTDIR]   (default: docs)

Runs offscreen with a throwaway settings folder, so neither a display nor the
user's own window layout is needed or touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZE = (1280, 800)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else REPO / "docs"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="dossier-shots-")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[var] = os.path.join(home, var.lower())
    sys.path.insert(0, str(REPO))

    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from dossier_app.ui.window.app import create_window, make_application

    app = make_application(["screenshots"])
    out.mkdir(parents=True, exist_ok=True)
    library = REPO / "dossiers"
    alibaba = library / "alibaba.yaml"

    def settle(ms: int = 150) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        QCoreApplication.processEvents()

    def save(widget: object, name: str) -> None:
        settle()
        path = out / name
        QApplication.processEvents()
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        print(path)

    window = create_window([str(library)])  # the window as `dossier-app dossiers` opens it
    window.resize(*SIZE)
    window.show()
    settle(300)
    save(window, "library.png")

    document = window.open_path(alibaba)
    if document is None:
        print(f"cannot open {alibaba}", file=sys.stderr)
        return 1
    view = window.current_view()
    assert view is not None
    library_panel = window.library
    library_panel.select_path(alibaba)

    view.tabs.setCurrentWidget(view.overview_tab)
    save(window, "overview.png")

    view.tabs.setCurrentWidget(view.timeline_tab)
    chronological = document.dossier.chronological()
    if chronological:
        view.timeline_tab.select_development(chronological[3 if len(chronological) > 3 else 0].id)
    save(window, "timeline.png")

    view.tabs.setCurrentWidget(view.figures_tab)
    if document.dossier.figures:
        view.select_figure(document.dossier.figures[0].id)
    save(window, "figures.png")

    if document.dossier.sources:
        view.select_source(document.dossier.sources[0].id)
    else:
        view.tabs.setCurrentWidget(view.sources_tab)
    save(window, "sources.png")

    example = REPO / "docs" / "examples" / "alibaba-briefing.yaml"
    if window.open_path(example) is not None:  # the bundled dossier with key judgements
        view = window.current_view()
        assert view is not None
        view.tabs.setCurrentWidget(view.overview_tab)
        save(window, "judgements.png")
        from dossier_app.ui.export.dialog import ExportDialog

        dialog = ExportDialog(view.document, parent=window)
        dialog.format_combo.setCurrentIndex(dialog._formats.index("docx"))
        dialog.path_edit.setText("/home/analyst/briefings/alibaba-briefing.docx")
        dialog.show()
        save(dialog, "export-dialog.png")
        dialog.close()

    window.close()
    app.processEvents()
    status = _pdf_pages(example, out)
    return status or _word_page(example, out)


def _pdf_pages(dossier_path: Path, out: Path) -> int:
    """The example briefing (the bundled dossier with key judgements): page 1 and a timeline
    page, rendered by QtPdf."""
    import datetime as _dt

    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    from dossier_app.export.options import ExportOptions, Provenance
    from dossier_app.export.pdf import export_pdf
    from dossier_app.fileio.loader import read_dossier

    result = read_dossier(dossier_path)
    if result.dossier is None:
        print(f"cannot read {dossier_path}", file=sys.stderr)
        return 1
    pdf = Path(tempfile.mkdtemp(prefix="dossier-shots-pdf-")) / "briefing.pdf"
    # A fixed generation date keeps the picture the same from one run to the next.
    provenance = Provenance(dossier_path.name, result.content_hash, _dt.date(2026, 11, 26))
    export_pdf(result.dossier, pdf, ExportOptions(), provenance)
    document = QPdfDocument()
    document.load(str(pdf))
    width = 620
    timeline_page = min(2, document.pageCount() - 1)
    for index, name in ((0, "pdf-page1.png"), (timeline_page, "pdf-timeline.png")):
        size = document.pagePointSize(index)
        height = round(width * size.height() / size.width())
        image = document.render(index, QSize(width, height))
        path = out / name
        image.save(str(path))
        print(path)
    document.close()
    return 0


def _word_page(dossier_path: Path, out: Path) -> int:
    """Page 1 of the Word briefing, as LibreOffice prints it (skipped without LibreOffice:
    `sh tools/sysdeps.sh --office` installs it)."""
    import shutil
    import subprocess

    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice not found: no picture of the Word briefing", file=sys.stderr)
        return 0
    work = Path(tempfile.mkdtemp(prefix="dossier-shots-docx-"))
    docx = work / "alibaba-briefing.docx"
    export = [sys.executable, "-m", "dossier_app", "export", str(dossier_path), "-o", str(docx)]
    subprocess.run(export, check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    # No CJK font on a bare machine: LibreOffice is shown the one the app ships.
    fonts = work / "fonts.conf"
    fonts.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{REPO / 'dossier_app' / 'resources' / 'fonts'}</dir></fontconfig>",
        "utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts), "HOME": str(work)}
    convert = [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work), str(docx)]
    subprocess.run(convert, check=True, env=env, timeout=180, capture_output=True)
    document = QPdfDocument()
    document.load(str(work / "alibaba-briefing.pdf"))
    size = document.pagePointSize(0)
    width = 620
    image = document.render(0, QSize(width, round(width * size.height() / size.width())))
    path = out / "word-page1.png"
    image.save(str(path))
    print(path)
    document.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
