"""One open dossier: a message bar and the Overview, Timeline, Key figures and Sources tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QStyle,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .document import DossierDocument
from .icons import standard_icon
from .tabs.figures import FiguresTab
from .tabs.overview import OverviewTab
from .tabs.sources import SourcesTab, UrlOpener
from .tabs.timeline import TimelineTab
from .text import plain_label, set_tooltip

TAB_NAMES = ("Overview", "Timeline", "Key figures", "Sources")


class MessageBar(QFrame):
    """A dismissable line above the tabs for news about the file (reloaded, broken, removed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.label = plain_label("", self, wrap=True, selectable=True)
        self.label.setObjectName("messageText")
        self.icon = plain_label("", self)
        close = QToolButton(self)
        close.setAutoRaise(True)
        close.setIcon(standard_icon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setToolTip("Dismiss")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, kind: str = "info", details: str | None = None) -> None:
        colours = {
            "info": ("#E8F1FB", "#9FB7D9"),
            "warning": ("#FFF4D6", "#E0B040"),
            "error": ("#FDE7E7", "#D98080"),
        }
        bg, border = colours.get(kind, colours["info"])
        self.setStyleSheet(
            f"#messageBar {{ background: {bg}; border: 1px solid {border}; border-radius: 4px; }}"
        )
        pixmap = {
            "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
            "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
            "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        }.get(kind, QStyle.StandardPixmap.SP_MessageBoxInformation)
        self.icon.setPixmap(standard_icon(pixmap).pixmap(18, 18))
        self.label.setText(text)
        set_tooltip(self.label, details or text)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


class DossierView(QWidget):
    """The tabs of one dossier, cross-linked: a source link lands on the source, and so on."""

    def __init__(
        self,
        document: DossierDocument,
        parent: QWidget | None = None,
        open_url: UrlOpener = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.message_bar = MessageBar(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("dossierTabs")
        self.tabs.setDocumentMode(True)
        self.overview_tab = OverviewTab(document, self)
        self.timeline_tab = TimelineTab(document, self)
        self.figures_tab = FiguresTab(document, self)
        self.sources_tab = SourcesTab(document, self, open_url=open_url)
        for tab, name in zip(
            (self.overview_tab, self.timeline_tab, self.figures_tab, self.sources_tab),
            TAB_NAMES,
            strict=True,
        ):
            self.tabs.addTab(tab, name)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.tabs, 1)

        self.timeline_tab.sourceActivated.connect(self.select_source)
        self.figures_tab.sourceActivated.connect(self.select_source)
        self.sources_tab.developmentActivated.connect(self.select_development)
        self.sources_tab.figureActivated.connect(self.select_figure)
        self.overview_tab.developmentActivated.connect(self.select_development)
        self.overview_tab.figureActivated.connect(self.select_figure)
        self.overview_tab.sourceActivated.connect(self.select_source)

    # -- cross-links ----------------------------------------------------------------
    def select_development(self, dev_id: str) -> bool:
        self.tabs.setCurrentWidget(self.timeline_tab)
        found = self.timeline_tab.select_development(dev_id)
        if found:
            self.timeline_tab.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return found

    def select_source(self, source_id: str) -> bool:
        self.tabs.setCurrentWidget(self.sources_tab)
        found = self.sources_tab.select_source(source_id)
        if found:
            self.sources_tab.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return found

    def select_figure(self, figure_id: str) -> bool:
        self.tabs.setCurrentWidget(self.figures_tab)
        found = self.figures_tab.select_figure(figure_id)
        if found:
            self.figures_tab.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return found

    # -- for the window -----------------------------------------------------------
    def focus_filter(self) -> None:
        """Ctrl+F: the current tab's filter (the timeline's from the overview)."""
        current = self.tabs.currentWidget()
        if current is self.overview_tab:
            self.tabs.setCurrentWidget(self.timeline_tab)
            current = self.timeline_tab
        if isinstance(current, TimelineTab | FiguresTab | SourcesTab):
            current.focus_filter()

    def tab_names(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def show_message(self, text: str, kind: str = "info", details: str | None = None) -> None:
        self.message_bar.show_message(text, kind, details)

    def hide_message(self) -> None:
        self.message_bar.hide()
