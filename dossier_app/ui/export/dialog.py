"""File ▸ Export Briefing…: the options for a briefing, and an export that keeps the window alive.

One dialog for every format (PDF, Word, Markdown, xlsx, CSV) with the same
options; the file's suffix follows the format chosen. The export runs without
blocking the window (see ``runner``): the PDF in short steps in the GUI
thread, the other formats in a worker thread. Cancel works throughout.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
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
from ...export.formats import FORMATS, infer_format
from ...export.options import PAGE_SIZES, SECTIONS, ExportOptions, PageSizeName, Provenance
from ...export.pdf import PdfExport
from ..document import DossierDocument
from ..settings import Settings
from ..widgets.text import plain_label
from .choices import (
    CSV_TABLES,
    FORMAT_CHOICES,
    NAMED_RECIPIENTS,
    DowngradeConfirmer,
    PathChooser,
    choose_export_path,
    confirm_downgrade,
    with_suffix,
)
from .runner import ExportRunner, FileExport, WorkerRunner

if TYPE_CHECKING:  # (this module is imported when the dialog first opens: export_action.py)
    from .host import ExportHost

_SETTINGS_FOLDER = "export/folder"
_SETTINGS_PAGE_SIZE = "export/pageSize"
_SETTINGS_FORMAT = "export/format"
_LETTER_COUNTRIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
}


class ExportDialog(QDialog):
    """Options for one dossier's briefing in any format; Export runs it with progress in the
    dialog."""

    exported = Signal(object)  # the Path written

    def __init__(
        self,
        document: DossierDocument,
        visible: Sequence[Development] | None = None,
        parent: QWidget | None = None,
        choose_path: PathChooser = choose_export_path,
        confirm: DowngradeConfirmer = confirm_downgrade,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(f"Export Briefing — {document.display_name}")
        self.document = document
        self.visible_ids = frozenset(d.id for d in visible) if visible is not None else None
        self._choose_path = choose_path
        self._confirm = confirm
        self._settings = QSettings()
        self.runner: ExportRunner | WorkerRunner | None = None
        dossier = document.dossier
        total = len(dossier.timeline)

        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("exportFormat")
        self._formats = list(FORMAT_CHOICES)
        self.format_combo.addItems([label for label, _filter in FORMAT_CHOICES.values()])
        saved_format = str(self._settings.value(_SETTINGS_FORMAT, "", type=str) or "")
        if saved_format in FORMAT_CHOICES:
            self.format_combo.setCurrentIndex(self._formats.index(saved_format))
        self.table_combo = QComboBox(self)
        self.table_combo.setObjectName("csvTable")
        self._tables = list(CSV_TABLES)
        self.table_combo.addItems(list(CSV_TABLES.values()))
        self.table_combo.setToolTip("A CSV file holds one table")
        format_row = QHBoxLayout()
        format_row.addWidget(self.format_combo, 1)
        format_row.addWidget(self.table_combo)

        self.marking_combo = QComboBox(self)
        self.marking_combo.addItems(list(MARKINGS))
        self.marking_combo.setCurrentText(dossier.effective_marking)
        self.marking_combo.currentTextChanged.connect(self._update_buttons)
        self.recipients_edit = QLineEdit(self)
        self.recipients_edit.setObjectName("exportRecipients")
        self.recipients_edit.setPlaceholderText(
            "Named recipients, separated by semicolons (printed under the title)"
        )
        self.recipients_edit.textChanged.connect(self._update_buttons)

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

        self.path_edit = QLineEdit(str(self._suggested_path(self.format)), self)
        self.path_edit.setMinimumWidth(360)
        self.path_edit.textChanged.connect(self._update_buttons)
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        form = QFormLayout()
        form.addRow("Format:", format_row)
        form.addRow("Marking:", self.marking_combo)
        form.addRow("Recipients:", self.recipients_edit)
        form.addRow("Timeline:", timeline_box)
        form.addRow("Sections:", sections_box)
        form.addRow("Page size:", self.page_size_combo)
        form.addRow("Save as:", path_row)
        self.form_widgets: list[QWidget] = [
            self.format_combo,
            self.table_combo,
            self.marking_combo,
            self.recipients_edit,
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
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    # -- choices ------------------------------------------------------------------------
    @property
    def format(self) -> str:
        """The chosen format's name ("pdf", "docx", "md", "xlsx", "csv")."""
        return self._formats[max(self.format_combo.currentIndex(), 0)]

    @property
    def table(self) -> str:
        return self._tables[max(self.table_combo.currentIndex(), 0)]

    def _format_changed(self, *_args: object) -> None:
        fmt = self.format
        self.table_combo.setVisible(fmt == "csv")
        self.page_size_combo.setEnabled(fmt == "pdf" and not self._running)
        self.page_size_combo.setToolTip("" if fmt == "pdf" else "Only the PDF has a page size")
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(with_suffix(Path(text), fmt)))
        self._update_buttons()

    def recipients(self) -> tuple[str, ...]:
        parts = (p.strip() for p in self.recipients_edit.text().split(";"))
        return tuple(p for p in parts if p)

    def _default_page_size(self) -> str:
        saved = self._settings.value(_SETTINGS_PAGE_SIZE, "", type=str)
        if saved in PAGE_SIZES:
            return str(saved)
        return "Letter" if QLocale().territory() in _LETTER_COUNTRIES else "A4"

    def _suggested_path(self, fmt: str = "pdf") -> Path:
        doc = self.document
        stem = doc.path.stem if doc.path is not None else _safe_stem(doc.display_name)
        folder_text = str(self._settings.value(_SETTINGS_FOLDER, "", type=str) or "")
        if folder_text and Path(folder_text).is_dir():
            folder = Path(folder_text)
        elif doc.path is not None:
            folder = doc.path.parent
        else:
            folder = Path.home()
        return folder / f"{stem}{FORMATS[fmt]}"

    def _browse(self) -> None:
        chosen = self._choose_path(self, Path(self.path_edit.text().strip()))
        if chosen is not None:
            fmt = infer_format(chosen)
            if fmt is not None and fmt != self.format:
                self.format_combo.setCurrentIndex(self._formats.index(fmt))
            self.path_edit.setText(str(with_suffix(chosen, self.format)))

    def options(self, downgrade: bool = False) -> ExportOptions:
        page_size: PageSizeName = (
            "Letter" if self.page_size_combo.currentText() == "Letter" else "A4"
        )
        return ExportOptions(
            marking=self.marking_combo.currentText(),
            page_size=page_size,
            sections=tuple(n for n, box in self.section_boxes.items() if box.isChecked()),
            development_ids=self.visible_ids if self.filtered_radio.isChecked() else None,
            downgrade_marking=downgrade,
            recipients=self.recipients(),
            stale_years=Settings().stale_years(),  # the flags the tables show (Preferences)
        )

    def provenance(self) -> Provenance:
        doc = self.document
        if doc.path is None:
            return Provenance()
        if doc.is_modified:
            # The hash would name the file on disk, not what is printed.
            return Provenance(file_name=f"{doc.path.name} (with unsaved changes)")
        return Provenance(file_name=doc.path.name, content_hash=doc.disk_hash)

    @property
    def _running(self) -> bool:
        return self.runner is not None and self.runner.running

    def _update_buttons(self, *_args: object) -> None:
        running = self._running
        any_section = any(box.isChecked() for box in self.section_boxes.values())
        has_path = bool(self.path_edit.text().strip())
        self.export_button.setEnabled(not running and any_section and has_path)
        if not running:
            if not any_section:
                self._status("Choose at least one section.")
            else:
                self._status(" ".join(self._notes(has_path)))

    def _notes(self, has_path: bool) -> list[str]:
        """What to know before exporting: a lowered marking, missing recipients, a replaced file."""
        notes = []
        marking = self.marking_combo.currentText()
        own = self.options().lowered_from(self.document.dossier)
        if own is not None:
            notes.append(f"Lower than the dossier's marking ({own}): you will be asked to confirm.")
        if marking in NAMED_RECIPIENTS and not self.recipients():
            notes.append(f"A {marking} briefing is for named recipients: name them above.")
        if has_path and Path(self.path_edit.text().strip()).exists():
            notes.append("The file exists and will be replaced.")
        return notes

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
        path = with_suffix(Path(text).expanduser(), self.format)
        dossier = self.document.dossier
        own = self.options().lowered_from(dossier)
        if own is not None and not self._confirm(self, self.marking_combo.currentText(), own):
            self._status("Not exported: the marking was left as it is.")
            return
        options = self.options(downgrade=own is not None)
        if self.format == "pdf":
            export = PdfExport(dossier, path, options, self.provenance())
            self.runner = ExportRunner(export, self)
        else:
            file_export = FileExport(
                dossier, path, self.format, options, self.provenance(), self.table
            )
            self.runner = WorkerRunner(file_export, self)
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
        if fraction < 0:  # busy in a worker, with no measure of how far it got
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 1000)
            self.progress.setValue(round(fraction * 1000))
        self._status(text)

    def _succeeded(self, path: Path) -> None:
        self._settings.setValue(_SETTINGS_FOLDER, str(path.parent))
        self._settings.setValue(_SETTINGS_PAGE_SIZE, self.page_size_combo.currentText())
        self._settings.setValue(_SETTINGS_FORMAT, self.format)
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
        self.page_size_combo.setEnabled(self.format == "pdf")
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
    window: ExportHost, choose_path: PathChooser = choose_export_path
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
    """Say where the briefing went, and offer to open it or its folder."""
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
