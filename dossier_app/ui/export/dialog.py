"""File ▸ Export PDF…: the options for a briefing, and an export that keeps the window alive.

The export runs in the GUI thread one short step per event-loop turn (a
QTimer drives ``PdfExport.steps()``): Qt's text layout and PDF writer are not
thread-safe, and each step — a slice of entries, or one page — is a few
milliseconds, so the window repaints and Cancel works throughout.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.model import MARKINGS, Development
from ...export.options import PAGE_SIZES, SECTIONS, ExportOptions, PageSizeName, Provenance
from ...export.pdf import ExportError, PdfExport, Progress
from ..document import DossierDocument
from ..widgets.text import plain_label

if TYPE_CHECKING:  # (this module is imported when the dialog first opens: export_action.py)
    from .host import ExportHost

#: Asks where to save, given a suggestion; None when the user cancels.
PathChooser = Callable[[QWidget, Path], Path | None]

_SETTINGS_FOLDER = "export/folder"
_SETTINGS_PAGE_SIZE = "export/pageSize"
_LETTER_COUNTRIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
}


def choose_pdf_path(parent: QWidget, suggested: Path) -> Path | None:
    """The system save dialog (it asks before replacing a file)."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, "Export PDF Briefing", str(suggested), "PDF documents (*.pdf)"
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


class ExportRunner(QObject):
    """Runs an export's steps from a zero-interval timer; reports progress and the end."""

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


class ExportDialog(QDialog):
    """Options for one dossier's PDF briefing; Export runs it with progress in the dialog."""

    exported = Signal(object)  # the Path written

    def __init__(
        self,
        document: DossierDocument,
        visible: Sequence[Development] | None = None,
        parent: QWidget | None = None,
        choose_path: PathChooser = choose_pdf_path,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(f"Export PDF Briefing — {document.display_name}")
        self.document = document
        self.visible_ids = frozenset(d.id for d in visible) if visible is not None else None
        self._choose_path = choose_path
        self._settings = QSettings()
        self.runner: ExportRunner | None = None
        dossier = document.dossier
        total = len(dossier.timeline)

        self.marking_combo = QComboBox(self)
        self.marking_combo.addItems(list(MARKINGS))
        self.marking_combo.setCurrentText(dossier.effective_marking)

        self.whole_radio = QRadioButton(f"Whole timeline ({_count(total, 'development')})", self)
        shown = len(self.visible_ids) if self.visible_ids is not None else total
        self.filtered_radio = QRadioButton(f"Only what the filters show ({shown} of {total})", self)
        self.filtered_radio.setEnabled(self.visible_ids is not None and shown < total)
        self.whole_radio.setChecked(True)
        timeline_group = QButtonGroup(self)
        timeline_group.addButton(self.whole_radio)
        timeline_group.addButton(self.filtered_radio)
        timeline_box = QVBoxLayout()
        timeline_box.addWidget(self.whole_radio)
        timeline_box.addWidget(self.filtered_radio)

        self.section_boxes: dict[str, QCheckBox] = {}
        sections_box = QHBoxLayout()
        for name, title in SECTIONS.items():
            box = QCheckBox(title, self)
            box.setChecked(True)
            box.toggled.connect(self._update_buttons)
            self.section_boxes[name] = box
            sections_box.addWidget(box)
        sections_box.addStretch(1)

        self.page_size_combo = QComboBox(self)
        self.page_size_combo.addItems(list(PAGE_SIZES))
        self.page_size_combo.setCurrentText(self._default_page_size())

        self.path_edit = QLineEdit(str(self._suggested_path()), self)
        self.path_edit.setMinimumWidth(360)
        self.path_edit.textChanged.connect(self._update_buttons)
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        form = QFormLayout()
        form.addRow("Marking:", self.marking_combo)
        form.addRow("Timeline:", timeline_box)
        form.addRow("Sections:", sections_box)
        form.addRow("Page size:", self.page_size_combo)
        form.addRow("Save as:", path_row)
        self.form_widgets: list[QWidget] = [
            self.marking_combo,
            self.whole_radio,
            self.filtered_radio,
            *self.section_boxes.values(),
            self.page_size_combo,
            self.path_edit,
            browse,
        ]

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status_label = plain_label("", self, wrap=True, object_name="exportStatus")

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self._update_buttons()

    # -- choices ------------------------------------------------------------------------
    def _default_page_size(self) -> str:
        saved = self._settings.value(_SETTINGS_PAGE_SIZE, "", type=str)
        if saved in PAGE_SIZES:
            return str(saved)
        return "Letter" if QLocale().territory() in _LETTER_COUNTRIES else "A4"

    def _suggested_path(self) -> Path:
        doc = self.document
        stem = doc.path.stem if doc.path is not None else _safe_stem(doc.display_name)
        folder_text = str(self._settings.value(_SETTINGS_FOLDER, "", type=str) or "")
        if folder_text and Path(folder_text).is_dir():
            folder = Path(folder_text)
        elif doc.path is not None:
            folder = doc.path.parent
        else:
            folder = Path.home()
        return folder / f"{stem}.pdf"

    def _browse(self) -> None:
        chosen = self._choose_path(self, Path(self.path_edit.text().strip()))
        if chosen is not None:
            self.path_edit.setText(str(chosen))

    def options(self) -> ExportOptions:
        page_size: PageSizeName = (
            "Letter" if self.page_size_combo.currentText() == "Letter" else "A4"
        )
        return ExportOptions(
            marking=self.marking_combo.currentText(),
            page_size=page_size,
            sections=tuple(n for n, box in self.section_boxes.items() if box.isChecked()),
            development_ids=self.visible_ids if self.filtered_radio.isChecked() else None,
        )

    def provenance(self) -> Provenance:
        doc = self.document
        if doc.path is None:
            return Provenance()
        if doc.is_modified:
            # The hash would name the file on disk, not what is printed.
            return Provenance(file_name=f"{doc.path.name} (with unsaved changes)")
        return Provenance(file_name=doc.path.name, content_hash=doc.disk_hash)

    def _update_buttons(self) -> None:
        running = self.runner is not None and self.runner.running
        any_section = any(box.isChecked() for box in self.section_boxes.values())
        has_path = bool(self.path_edit.text().strip())
        self.export_button.setEnabled(not running and any_section and has_path)
        if not running:
            if not any_section:
                self._status("Choose at least one section.")
            elif has_path and Path(self.path_edit.text().strip()).exists():
                self._status("The file exists and will be replaced.")
            else:
                self._status("")

    def _status(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #B00020;" if error else "")

    # -- running ------------------------------------------------------------------------
    def accept(self) -> None:
        """Start the export; the dialog closes when it is done."""
        if self.runner is not None and self.runner.running:
            return
        text = self.path_edit.text().strip()
        if not text:
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        export = PdfExport(self.document.dossier, path, self.options(), self.provenance())
        self.runner = ExportRunner(export, self)
        self.runner.progressed.connect(self._progressed)
        self.runner.succeeded.connect(self._succeeded)
        self.runner.failed.connect(self._failed)
        for widget in self.form_widgets:
            widget.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self._status("Starting…")
        self.runner.start()
        self._update_buttons()

    def reject(self) -> None:
        """Cancel a running export (leaving no file), or close the dialog."""
        if self.runner is not None and self.runner.running:
            self.runner.cancel()
            self._finish_run()
            self._status("Export cancelled; no file was written.")
            return
        super().reject()

    def _progressed(self, fraction: float, text: str) -> None:
        self.progress.setValue(round(fraction * 1000))
        self._status(text)

    def _succeeded(self, path: Path) -> None:
        self._settings.setValue(_SETTINGS_FOLDER, str(path.parent))
        self._settings.setValue(_SETTINGS_PAGE_SIZE, self.page_size_combo.currentText())
        self._finish_run()
        self.exported.emit(path)
        super().accept()

    def _failed(self, message: str) -> None:
        self._finish_run()
        self._status(message, error=True)

    def _finish_run(self) -> None:
        self.progress.hide()
        for widget in self.form_widgets:
            widget.setEnabled(True)
        self.filtered_radio.setEnabled(
            self.visible_ids is not None
            and len(self.visible_ids) < len(self.document.dossier.timeline)
        )
        if self.runner is not None:
            self.runner.deleteLater()
        self.runner = None
        self._update_buttons()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the window mid-export cancels it: no half-written file stays behind.
        if self.runner is not None and self.runner.running:
            self.runner.cancel()
            self.runner = None
        super().closeEvent(event)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _safe_stem(name: str) -> str:
    """A file name from a company name: no path separators or control characters."""
    cleaned = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in name).strip(" .")
    return cleaned[:80] or "briefing"


# -- opened from the menu entry (see export_action.py) -----------------------------------
def open_export_dialog(
    window: ExportHost, choose_path: PathChooser = choose_pdf_path
) -> ExportDialog | None:
    """Open the export dialog for the current dossier (window-modal, not blocking)."""
    view = window.current_view()
    if view is None:
        return None
    visible = view.timeline_tab.visible_developments()
    dialog = ExportDialog(view.document, visible, window.window(), choose_path)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.exported.connect(lambda path: _exported(window, view.document, path))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog


def _exported(window: ExportHost, document: DossierDocument, path: Path) -> None:
    """Say where the PDF went, and offer to open it or its folder."""
    window.status(f"Exported the briefing to {path}")
    view = window.current_view()
    if view is None or view.document is not document:
        return
    view.show_message(
        f"Exported the briefing to {path.name}.",
        "info",
        str(path),
        actions=[
            ("Open", lambda: window.open_local(path)),
            ("Show in Folder", lambda: window.open_local(path.parent)),
        ],
    )
