"""Running an export while the window stays alive: the PDF in steps, the other formats in a worker.

The PDF is drawn by Qt's text layout and PDF writer, which are not
thread-safe: it runs in the GUI thread one short step per event-loop turn
(a QTimer drives ``PdfExport.steps()``), each step a few milliseconds.

Word, Markdown, xlsx and CSV render a ``Briefing`` that is composed in the
GUI thread (a snapshot: later edits cannot reach it), together with the chart
pictures Word embeds (painted with Qt); the rendering itself, the slow part,
runs in a worker thread from the global QThreadPool, and the bytes are
written to the file atomically back in the GUI thread, so a cancelled export
leaves no file.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from ...domain.model import Dossier
from ...export.briefing import Briefing
from ...export.options import ExportOptions, MarkingDowngradeError, Provenance
from ...export.pdf import ExportError, PdfExport, Progress

#: What the dialog shows while a format renders in the worker.
_WRITING = {
    "docx": "Writing the Word document…",
    "md": "Writing the Markdown…",
    "xlsx": "Writing the workbook…",
    "csv": "Writing the CSV table…",
}


class ExportRunner(QObject):
    """Runs a PDF export's steps from a zero-interval timer; reports progress and the end."""

    progressed = Signal(float, str)
    succeeded = Signal(object)  # the Path written
    failed = Signal(str)

    def __init__(self, export: PdfExport, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.export = export
        self._steps: Generator[Progress, None, None] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._steps = self.export.steps()
        self._timer.start()

    def cancel(self) -> None:
        """Stop now; the partial file is removed."""
        self._timer.stop()
        if self._steps is not None:
            self._steps.close()
            self._steps = None

    def _step(self) -> None:
        assert self._steps is not None
        try:
            progress = next(self._steps)
        except StopIteration:
            self._timer.stop()
            self._steps = None
            self.succeeded.emit(self.export.out_path)
            return
        except ExportError as exc:
            self._stop_with(str(exc))
            return
        except Exception as exc:  # a bug must not take the window down with it
            self._stop_with(f"The export failed: {type(exc).__name__}: {exc}")
            return
        self.progressed.emit(progress.fraction, progress.text)

    def _stop_with(self, message: str) -> None:
        self._timer.stop()
        self._steps = None
        self.failed.emit(message)


class _Rendered(QObject):
    """Carries the worker's result to the GUI thread (a queued signal)."""

    done = Signal(object, str)  # bytes (or None), error text


class _RenderJob(QRunnable):
    def __init__(self, render: Callable[[], bytes], rendered: _Rendered) -> None:
        super().__init__()
        self.render = render
        self.rendered = rendered

    def run(self) -> None:
        try:
            data = self.render()
        except Exception as exc:  # reported in the dialog, never lost in the thread
            self.rendered.done.emit(None, f"The export failed: {type(exc).__name__}: {exc}")
            return
        self.rendered.done.emit(data, "")


class FileExport:
    """A Word, Markdown, xlsx or CSV export of one dossier: what ``WorkerRunner`` runs."""

    def __init__(
        self,
        dossier: Dossier,
        out_path: Path,
        fmt: str,
        options: ExportOptions,
        provenance: Provenance,
        table: str = "timeline",
    ) -> None:
        self.dossier = dossier
        self.out_path = out_path
        self.fmt = fmt
        self.options = options
        self.provenance = provenance
        self.table = table

    def prepare(self) -> Callable[[], bytes]:
        """Compose the briefing (and Word's chart pictures) here; the returned call renders it.

        Raises ExportError when the export cannot happen (an unconfirmed lower marking,
        no folder to write into).
        """
        from ...export.compose import compose_briefing

        out = self.out_path
        if out.is_dir():
            raise ExportError(f"cannot write {out}: it is a folder")
        if not out.parent.is_dir():
            raise ExportError(f"cannot write {out}: the folder {out.parent} does not exist")
        try:
            briefing = compose_briefing(self.dossier, self.options, self.provenance)
        except MarkingDowngradeError as exc:
            raise ExportError(f"not exported: {exc}") from None
        if self.fmt == "docx":
            from ...export.chartimage import chart_png

            pictures = [chart_png(c) for c in briefing.charts]
            return lambda: _docx(briefing, pictures)
        fmt, table = self.fmt, self.table
        return lambda: _render(fmt, briefing, table)

    def write(self, data: bytes) -> None:
        from ...fileio.atomic import write_bytes_atomic
        from ...fileio.problems import SaveError

        try:
            write_bytes_atomic(self.out_path, data)
        except SaveError as exc:
            raise ExportError(str(exc)) from None
        except OSError as exc:
            raise ExportError(f"cannot write {self.out_path}: {exc.strerror or exc}") from None


def _docx(briefing: Briefing, pictures: list[bytes]) -> bytes:
    from ...export.docx import render_docx

    return render_docx(briefing, pictures)


def _render(fmt: str, briefing: Briefing, table: str) -> bytes:
    from ...export.formats import render_bytes

    return render_bytes(fmt, briefing, table)


class WorkerRunner(QObject):
    """Runs a ``FileExport``: composed here, rendered in a worker thread, written here."""

    progressed = Signal(float, str)
    succeeded = Signal(object)  # the Path written
    failed = Signal(str)

    def __init__(self, export: FileExport, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.export = export
        self._running = False
        self._rendered: _Rendered | None = None

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        self._running = True
        self.progressed.emit(0.0, "Composing the briefing…")
        try:
            render = self.export.prepare()
        except ExportError as exc:
            self._stop_with(str(exc))
            return
        except Exception as exc:  # a bug must not take the window down with it
            self._stop_with(f"The export failed: {type(exc).__name__}: {exc}")
            return
        # No parent: the worker may still hold it after this runner is gone.
        rendered = self._rendered = _Rendered()
        rendered.done.connect(self._done)
        self.progressed.emit(-1.0, _WRITING.get(self.export.fmt, "Writing…"))
        QThreadPool.globalInstance().start(_RenderJob(render, rendered))

    def cancel(self) -> None:
        """Stop now: what the worker renders is dropped, and no file is written."""
        self._running = False
        if self._rendered is not None:
            self._rendered.done.disconnect(self._done)
            self._rendered = None

    def _done(self, data: bytes | None, error: str) -> None:
        self._rendered = None
        if not self._running:
            return
        if data is None:
            self._stop_with(error)
            return
        try:
            self.export.write(data)
        except ExportError as exc:
            self._stop_with(str(exc))
            return
        self._running = False
        self.progressed.emit(1.0, "Done")
        self.succeeded.emit(self.export.out_path)

    def _stop_with(self, message: str) -> None:
        self._running = False
        self.failed.emit(message)
