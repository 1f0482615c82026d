"""The main window's actions, menus, toolbar and keyboard navigation.

Extension points for the editor and the exports: ``file_menu``, ``edit_menu``,
``view_menu``, ``help_menu``, ``toolbar``, and the actions ``open_action``,
``open_folder_action``, ``recent_menu``, ``close_action``, ``quit_action`` and
``back_action``, ``forward_action`` (View ▸ Back/Forward, Alt+Left/Right, after
following a link), ``find_action`` (Edit ▸ Find, Ctrl+F; put Undo/Redo above it with
``edit_menu.insertAction(find_action, ...)``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QToolBar

from ..widgets.icons import named_icon
from ..widgets.text import escape_mnemonic
from .documents import DocumentsMixin

if TYPE_CHECKING:
    from ..library.panel import LibraryPanel


class MenusMixin(DocumentsMixin):
    """Builds the window's actions and menus; the window supplies the slots."""

    library: LibraryPanel
    library_dock: QDockWidget

    if TYPE_CHECKING:  # slots the window provides (no stubs at run time: they would shadow)

        def choose_files(self) -> None: ...

        def choose_folder(self) -> None: ...

        def about(self) -> object: ...

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcuts: list[str] | None = None,
        tip: str = "",
        icon_name: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if icon_name is not None:
            action.setIcon(named_icon(icon_name))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work with the menu bar hidden too
        return action

    def _make_actions(self) -> None:
        self.open_action = self._action(
            "&Open…", self.choose_files, ["Ctrl+O"], "Open dossier files", "document-open"
        )
        self.open_folder_action = self._action(
            "Open &Folder…",
            self.choose_folder,
            ["Ctrl+Shift+O"],
            "Open a folder of dossiers as the library",
            "folder",
        )
        self.close_action = self._action(
            "&Close", self.close_current, ["Ctrl+W"], "Close the current dossier"
        )
        self.quit_action = self._action("&Quit", self.close, ["Ctrl+Q"], "Quit Dossier")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.find_action = self._action(
            "&Find…", self.focus_filter, ["Ctrl+F"], "Filter the current list"
        )
        self.next_action = self._action(
            "&Next Dossier",
            lambda: self._cycle(1),
            ["Ctrl+Tab", "Ctrl+PgDown"],
            "Show the next open dossier",
        )
        self.prev_action = self._action(
            "&Previous Dossier",
            lambda: self._cycle(-1),
            ["Ctrl+Shift+Tab", "Ctrl+Shift+Backtab", "Ctrl+PgUp"],
            "Show the previous open dossier",
        )
        self.back_action = self._action(
            "&Back",
            lambda: self._navigate(back=True),
            ["Alt+Left"],
            "Go back to where you were before following a link",
        )
        self.forward_action = self._action(
            "&Forward",
            lambda: self._navigate(back=False),
            ["Alt+Right"],
            "Go forward again",
        )
        self.tab_actions: list[QAction] = []
        for i, name in enumerate(("&Overview", "&Timeline", "&Key Figures", "&Sources")):
            self.tab_actions.append(
                self._action(name, partial(self._show_tab, i), [f"Ctrl+{i + 1}"])
            )
        self.refresh_library_action = self._action(
            "&Refresh Library", self.library.refresh, ["F5"], "Look at the library folder again"
        )
        self.about_action = self._action("&About Dossier", self.about, tip="About this app")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.library_action = self.library_dock.toggleViewAction()
        self.library_action.setText("Show &Library")
        self.library_action.setShortcut(QKeySequence("F9"))
        self.library_action.setStatusTip("Show or hide the library panel")

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.setObjectName("fileMenu")
        self.file_menu.addAction(self.open_action)
        self.file_menu.addAction(self.open_folder_action)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.file_menu.addMenu(self.recent_menu)
        self._fill_recent()
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.setObjectName("editMenu")
        self.edit_menu.addAction(self.find_action)

        self.view_menu = bar.addMenu("&View")
        self.view_menu.setObjectName("viewMenu")
        self.view_menu.addAction(self.library_action)
        self.view_menu.addAction(self.refresh_library_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.next_action)
        self.view_menu.addAction(self.prev_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.back_action)
        self.view_menu.addAction(self.forward_action)
        self.view_menu.addSeparator()
        for action in self.tab_actions:
            self.view_menu.addAction(action)

        self.help_menu = bar.addMenu("&Help")
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.about_action)

    def _make_toolbar(self) -> None:
        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setIconSize(QSize(18, 18))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addAction(self.open_action)
        self.toolbar.addAction(self.open_folder_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self.settings.recent_files()
        if not recent:
            empty = menu.addAction("No recent files")
            empty.setEnabled(False)
            return
        for i, path in enumerate(recent):
            name = escape_mnemonic(path.name)
            label = f"&{i + 1} {name}" if i < 9 else name
            action = menu.addAction(label)
            action.setStatusTip(str(path))
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        menu.addSeparator()
        clear = menu.addAction("Clear Menu")
        clear.triggered.connect(self.settings.clear_recent_files)

    def focus_filter(self) -> None:
        view = self.current_view()
        if view is not None:
            view.focus_filter()
        else:
            if not self.library_dock.isVisible():
                self.library_dock.show()
            self.library.focus_filter()

    def _cycle(self, step: int) -> None:
        count = self.dossier_tabs.count()
        if count > 1:
            self.dossier_tabs.setCurrentIndex((self.dossier_tabs.currentIndex() + step) % count)

    def _navigate(self, back: bool) -> None:
        view = self.current_view()
        if view is not None:
            if back:
                view.go_back()
            else:
                view.go_forward()

    def _show_tab(self, index: int) -> None:
        view = self.current_view()
        if view is not None and 0 <= index < view.tabs.count():
            view.tabs.setCurrentIndex(index)
