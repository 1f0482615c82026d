"""The Sources tab: every source, and for the selected one its link and who cites it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ...domain.dates import display_span
from ...domain.formatting import format_figure_value, format_reliability, reflow
from ...domain.model import Source, is_safe_url
from ..document import DossierDocument
from ..models.sources import SourcesModel
from ..widgets.icons import named_icon
from ..widgets.text import muted, plain_label, set_tooltip
from .archived_text import add_archived, mark_words
from .common import (
    DetailPane,
    ItemTable,
    filter_edit,
    focus_filter_edit,
    list_detail_splitter,
    tab_page_layout,
)

#: Opens a URL in the system browser. Tests replace it; only http(s) ever reaches it.
UrlOpener = Callable[[QUrl], bool]


class SourcesTab(QWidget):
    """The dossier's sources with reliability grades and citation counts."""

    developmentActivated = Signal(str)
    figureActivated = Signal(str)

    def __init__(
        self,
        document: DossierDocument,
        parent: QWidget | None = None,
        open_url: UrlOpener = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.open_url = open_url
        self.model = SourcesModel(self)

        self.filter_edit = filter_edit(
            "Filter title, publisher, author, URL, notes, archived text", self
        )
        self.count_label = muted(plain_label("", self, object_name="sourcesCount"))
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addStretch(1)
        top.addWidget(self.count_label)

        self.table = ItemTable(self.model, self)
        self.table.setObjectName("sourcesTable")
        self.table.set_column_widths([None, 112, 90, 90, 76, 64])
        self.detail = DetailPane("Select a source to see its link and what cites it.", self)
        self.detail.setObjectName("sourceDetail")

        self.splitter = list_detail_splitter(
            self.table, self.detail, "sourcesSplitter", "sources", self
        )
        tab_page_layout(self, top, self.splitter)

        self.filter_edit.textChanged.connect(self.model.set_text_filter)
        self.archived_view: QPlainTextEdit | None = None
        self.filter_edit.textChanged.connect(self._mark_archived)
        self.table.currentItemChanged.connect(self._show_detail)
        self.model.modelReset.connect(self._rows_changed)
        self.model.layoutChanged.connect(self._rows_changed)
        # Citation counts change with the timeline and the figures too.
        self.model.follow(document, ["sources", "timeline", "figures"])
        self.table.enable_sorting(-1)
        self._rows_changed()
        self.detail.show_empty()

    # -- public API -------------------------------------------------------------
    def selected_source(self) -> Source | None:
        item = self.table.current_item()
        return item if isinstance(item, Source) else None

    def select_source(self, source_id: str) -> bool:
        return self.table.reveal_id(source_id, self.filter_edit.clear)

    def focus_filter(self) -> None:
        focus_filter_edit(self.filter_edit)

    def count_text(self) -> str:
        return self.table.count_text()

    # -- internals --------------------------------------------------------------
    def _mark_archived(self, text: str) -> None:
        view = self.archived_view
        if view is not None:
            try:
                mark_words(view, text)
            except RuntimeError:  # the pane was rebuilt: the old view is gone
                self.archived_view = None

    def _rows_changed(self, *_args: object) -> None:
        self.count_label.setText(self.count_text())
        self.table.empty_text = (
            "No sources yet." if self.model.total_count() == 0 else "No sources match the filter."
        )

    def _open(self, url: str) -> None:
        # Only ever http(s), and only because the user clicked.
        if is_safe_url(url):
            self.open_url(QUrl(url.strip()))

    def _url_row(self, pane: DetailPane, caption: str, url: str, button_text: str) -> None:
        pane.add_field(caption, url)
        button = QPushButton(button_text)
        button.setObjectName("openLinkButton" if caption == "URL" else "openArchiveButton")
        button.setIcon(named_icon("open-link"))
        safe = is_safe_url(url)
        button.setEnabled(safe)
        if safe:
            set_tooltip(button, f"Open in your web browser:\n{url}")
        else:
            set_tooltip(button, "Only http and https links are opened.")
        button.clicked.connect(partial(self._open, url))
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 2, 0, 0)
        box.addWidget(button)
        box.addStretch(1)
        pane.add_widget(row)

    def _show_detail(self, item: object) -> None:
        pane = self.detail
        source = item if isinstance(item, Source) else None
        if source is None:
            pane.show_empty()
            return
        pane.clear()
        pane.add_title(source.title)
        byline = " · ".join(x for x in (source.publisher, source.author) if x)
        if byline:
            pane.add_line(byline, muted_text=True)
        pane.add_field("Reliability", format_reliability(source.reliability))
        pane.add_field("Published", source.published.display() if source.published else "")
        pane.add_field("Accessed", source.accessed.display() if source.accessed else "")
        if source.url:
            self._url_row(pane, "URL", source.url, "Open link")
        else:
            pane.add_field("URL", "No link recorded")
        if source.archive_url:
            self._url_row(pane, "Archived copy", source.archive_url, "Open archived copy")
        if source.notes:
            pane.add_heading("Notes")
            pane.add_line(reflow(source.notes))
        self.archived_view = add_archived(pane, self.document, source, self.filter_edit.text())

        devs, figs = self.document.dossier.citing(source.id)
        pane.add_heading(f"Cited by ({len(devs) + len(figs)})")
        if not devs and not figs:
            pane.add_line("Nothing cites this source.", muted_text=True)
        for d in sorted(devs, key=lambda d: d.date.sort_key):
            link = pane.add_link(
                d.title,
                partial(self.developmentActivated.emit, d.id),
                f"Development · {display_span(d.date, d.end)}",
            )
            link.setObjectName(f"developmentLink:{d.id}")
        for f in figs:
            link = pane.add_link(
                f.label,
                partial(self.figureActivated.emit, f.id),
                f"Key figure · {format_figure_value(f)}",
            )
            link.setObjectName(f"figureLink:{f.id}")
        pane.add_field("ID", source.id)
        pane.finish()
