"""One open dossier: a message bar and the Overview, Timeline, Key figures and Sources tabs.

A tab's contents are built when it is first shown (or first asked for through
``overview_tab``, ``timeline_tab``, ``figures_tab``, ``sources_tab``): opening
a big dossier builds only the tab the user looks at. A dossier opens on the
tab the user looked at last.

Following a link (a source cited by a development, a development citing a
source, a figure on the overview…) is remembered: ``go_back()`` and
``go_forward()`` (Alt+Left, Alt+Right in the window) return to where the user
was, tab and selected row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..document import DossierDocument
from ..settings import Settings
from ..widgets.colours import MESSAGE_HUES, message_colours
from ..widgets.icons import named_icon
from ..widgets.text import escape_mnemonic, plain_label, set_tooltip

if TYPE_CHECKING:  # the tabs (and QtCharts) are imported when first built
    from collections.abc import Callable, Sequence

    from .figures_tab import FiguresTab
    from .overview_tab import OverviewTab
    from .sources_tab import SourcesTab
    from .timeline_tab import TimelineTab

TAB_NAMES = ("Overview", "Timeline", "Key figures", "Sources")
OVERVIEW, TIMELINE, FIGURES, SOURCES = TAB_NAMES
#: Where the user is in a dossier: a tab, and the id of the row selected in it.
Location = tuple[str, str | None]
#: How many places Back remembers.
HISTORY_LIMIT = 100


class MessageBar(QFrame):
    """A dismissable line above the tabs for news about the file (reloaded, broken, removed,
    exported), with buttons for what to do next when there is something to do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.label = plain_label("", self, wrap=True, selectable=True)
        self.label.setObjectName("messageText")
        self.icon = plain_label("", self)
        close = QToolButton(self)
        close.setAutoRaise(True)
        close.setIcon(named_icon("close"))
        close.setToolTip("Dismiss")
        close.clicked.connect(self.hide)
        self.buttons: list[QPushButton] = []
        self._layout = layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(
        self,
        text: str,
        kind: str = "info",
        details: str | None = None,
        actions: Sequence[tuple[str, Callable[[], object]]] = (),
    ) -> None:
        """Show ``text``; each of ``actions`` (button text, what it does) is a button."""
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        for i, (name, act) in enumerate(actions):
            button = QPushButton(escape_mnemonic(name), self)
            button.setObjectName(f"messageAction:{name}")
            button.clicked.connect(lambda _checked=False, act=act: act())
            self._layout.insertWidget(2 + i, button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.buttons.append(button)
        kind = kind if kind in MESSAGE_HUES else "info"
        bg, border = message_colours(self.palette(), kind)
        self.setStyleSheet(
            f"#messageBar {{ background: {bg.name()}; border: 1px solid {border.name()};"
            " border-radius: 4px; }"
        )
        self.icon.setPixmap(named_icon(kind).pixmap(18, 18))
        self.label.setText(text)
        set_tooltip(self.label, details or text)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


class DossierView(QWidget):
    """The tabs of one dossier, cross-linked: a source link lands on the source, and so on."""

    #: A tab's contents were just built (the tab widget: OverviewTab, TimelineTab, …).
    tabBuilt = Signal(QWidget)
    #: Back or Forward became possible or impossible.
    historyChanged = Signal()

    def __init__(
        self,
        document: DossierDocument,
        parent: QWidget | None = None,
        open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self._open_url = open_url
        self.message_bar = MessageBar(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("dossierTabs")
        self.tabs.setDocumentMode(True)
        self._built: dict[str, QWidget] = {}
        self._back: list[Location] = []
        self._forward: list[Location] = []
        first = Settings().last_dossier_tab()
        first = first if first in TAB_NAMES else OVERVIEW
        for name in TAB_NAMES:
            # Until first shown, a tab is an empty page standing in for it.
            page = self._build(name) if name == first else QWidget()
            self.tabs.addTab(page, name)
        self.tabs.setCurrentIndex(TAB_NAMES.index(first))
        self.tabs.currentChanged.connect(self._current_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.tabs, 1)

    # -- the tabs, built when first needed ------------------------------------------
    @property
    def overview_tab(self) -> OverviewTab:
        return self._tab(OVERVIEW)  # type: ignore[return-value]

    @property
    def timeline_tab(self) -> TimelineTab:
        return self._tab(TIMELINE)  # type: ignore[return-value]

    @property
    def figures_tab(self) -> FiguresTab:
        return self._tab(FIGURES)  # type: ignore[return-value]

    @property
    def sources_tab(self) -> SourcesTab:
        return self._tab(SOURCES)  # type: ignore[return-value]

    def built_tabs(self) -> list[QWidget]:
        """The tabs whose contents exist so far (the others are built when first shown)."""
        return list(self._built.values())

    def current_tab_name(self) -> str:
        return TAB_NAMES[self.tabs.currentIndex()]

    def _tab(self, name: str) -> QWidget:
        tab = self._built.get(name)
        if tab is not None:
            return tab
        tab = self._build(name)
        index = TAB_NAMES.index(name)
        stand_in = self.tabs.widget(index)
        current = self.tabs.currentIndex()
        # Swap the stand-in for the tab without telling anyone: the current tab stays.
        with QSignalBlocker(self.tabs):
            self.tabs.insertTab(index, tab, name)
            self.tabs.removeTab(index + 1)
            self.tabs.setCurrentIndex(current)
        if stand_in is not None:
            stand_in.deleteLater()
        return tab

    def _build(self, name: str) -> QWidget:
        document = self.document
        tab: QWidget
        if name == OVERVIEW:
            from .overview_tab import OverviewTab

            overview = tab = OverviewTab(document, self)
            overview.developmentActivated.connect(self.follow_development)
            overview.figureActivated.connect(self.follow_figure)
            overview.sourceActivated.connect(self.follow_source)
            overview.flagActivated.connect(self.show_flagged)
        elif name == TIMELINE:
            from .timeline_tab import TimelineTab

            timeline = tab = TimelineTab(document, self)
            timeline.sourceActivated.connect(self.follow_source)
        elif name == FIGURES:
            from .figures_tab import FiguresTab

            figures = tab = FiguresTab(document, self)
            figures.sourceActivated.connect(self.follow_source)
        else:
            from .sources_tab import SourcesTab

            sources = tab = SourcesTab(document, self, open_url=self._open_url)
            sources.developmentActivated.connect(self.follow_development)
            sources.figureActivated.connect(self.follow_figure)
        self._built[name] = tab
        self.tabBuilt.emit(tab)
        return tab

    def _current_changed(self, index: int) -> None:
        if not 0 <= index < len(TAB_NAMES):
            return
        name = TAB_NAMES[index]
        self._tab(name)
        settings = Settings()
        if settings.last_dossier_tab() != name:
            settings.set_last_dossier_tab(name)  # the next dossier opens here

    # -- cross-links ----------------------------------------------------------------
    def select_development(self, dev_id: str) -> bool:
        timeline = self.timeline_tab
        self.tabs.setCurrentWidget(timeline)
        found = timeline.select_development(dev_id)
        if found:
            timeline.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return found

    def select_source(self, source_id: str) -> bool:
        sources = self.sources_tab
        self.tabs.setCurrentWidget(sources)
        found = sources.select_source(source_id)
        if found:
            sources.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return found

    def select_figure(self, figure_id: str) -> bool:
        figures = self.figures_tab
        self.tabs.setCurrentWidget(figures)
        found = figures.select_figure(figure_id)
        if found:
            figures.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return found

    def show_flagged(self, list_name: str, flag: str) -> None:
        """The timeline (or the key figures) filtered to the claims with ``flag``."""
        tab = self.timeline_tab if list_name == "timeline" else self.figures_tab
        self.tabs.setCurrentWidget(tab)
        tab.show_flagged(flag)

    # -- following links, and back again ------------------------------------------
    def follow_development(self, dev_id: str) -> bool:
        """Follow a link to a development; Back returns to where the user was."""
        return self._follow((TIMELINE, dev_id))

    def follow_source(self, source_id: str) -> bool:
        return self._follow((SOURCES, source_id))

    def follow_figure(self, figure_id: str) -> bool:
        return self._follow((FIGURES, figure_id))

    def location(self) -> Location:
        """The current tab and the id of the row selected in it (None when none is)."""
        name = self.current_tab_name()
        tab = self._built.get(name)
        selected = getattr(tab, "table", None)
        item = selected.current_item() if selected is not None else None
        return name, getattr(item, "id", None)

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def go_back(self) -> bool:
        """Return to where the user was before the last link followed."""
        return self._step(self._back, self._forward)

    def go_forward(self) -> bool:
        """Go where Back came from."""
        return self._step(self._forward, self._back)

    def _follow(self, target: Location) -> bool:
        here = self.location()
        found = self._show(target)
        if found and self.location() != here:
            self._back.append(here)
            del self._back[:-HISTORY_LIMIT]
            self._forward.clear()
            self.historyChanged.emit()
        return found

    def _step(self, source: list[Location], other: list[Location]) -> bool:
        here = self.location()
        while source:
            target = source.pop()
            if target != here and self._show(target):
                other.append(here)
                self.historyChanged.emit()
                return True
        self.historyChanged.emit()  # what is left was gone (deleted since)
        return False

    def _show(self, where: Location) -> bool:
        name, item_id = where
        if item_id is None:
            self.tabs.setCurrentIndex(TAB_NAMES.index(name))
            return True
        select = {
            TIMELINE: self.select_development,
            SOURCES: self.select_source,
            FIGURES: self.select_figure,
        }.get(name)
        return select(item_id) if select is not None else False

    # -- for the window -----------------------------------------------------------
    def focus_filter(self) -> None:
        """Ctrl+F: the current tab's filter (the timeline's from the overview)."""
        name = self.current_tab_name()
        if name == OVERVIEW:
            self.tabs.setCurrentIndex(TAB_NAMES.index(TIMELINE))
            name = TIMELINE
        self._tab(name).focus_filter()  # type: ignore[attr-defined]

    def tab_names(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def show_message(
        self,
        text: str,
        kind: str = "info",
        details: str | None = None,
        actions: Sequence[tuple[str, Callable[[], object]]] = (),
    ) -> None:
        self.message_bar.show_message(text, kind, details, actions)

    def hide_message(self) -> None:
        self.message_bar.hide()
