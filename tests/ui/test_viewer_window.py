"""The viewer as a user sees it: library, tabs, filters, cross-links, plain text, settings."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from dossier_app import __version__
from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Development
from dossier_app.ui.dossier.view import DossierView
from dossier_app.ui.settings import Settings
from dossier_app.ui.widgets.text import LinkLabel
from dossier_app.ui.window.main_window import MainWindow

from ..conftest import ALIBABA
from .viewer_sample import MARKUP, markup_dossier, sample_dossier, write

pytestmark = pytest.mark.usefixtures("fresh_settings")


class Opened:
    """A window with the library loaded and URLs recorded instead of opened."""

    def __init__(self, qtbot: QtBot, folder: Path) -> None:
        self.opened_urls: list[QUrl] = []
        self.window = MainWindow(library_folder=folder, open_url=self._record)
        qtbot.addWidget(self.window)
        self.window.resize(1280, 800)
        self.window.show()
        qtbot.waitUntil(lambda: not self.window.library.model.is_loading(), timeout=5000)

    def _record(self, url: QUrl) -> bool:
        self.opened_urls.append(url)
        return True

    def open(self, path: Path) -> DossierView:
        document = self.window.open_path(path)
        assert document is not None
        view = self.window.current_view()
        assert view is not None
        return view


@pytest.fixture
def app(qtbot: QtBot, library: Path) -> Opened:
    return Opened(qtbot, library)


def open_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def close_boxes() -> None:
    for box in open_boxes():
        box.done(0)


# -- tabs, rows, order -----------------------------------------------------------------


def test_alibaba_opens_with_its_tabs_and_rows(app: Opened) -> None:
    view = app.open(ALIBABA)
    assert view.tab_names() == ["Overview", "Timeline", "Key figures", "Sources"]
    dossier = view.document.dossier
    assert view.timeline_tab.model.rowCount() == len(dossier.timeline)
    assert view.figures_tab.model.rowCount() == len(dossier.figures)
    assert view.sources_tab.model.rowCount() == len(dossier.sources)
    assert app.window.windowTitle() == "Alibaba — Dossier"
    tab_text = app.window.dossier_tabs.tabText(0)
    assert tab_text == "Alibaba"
    # The overview names the company and its Chinese alias.
    names = {w.objectName(): w.text() for w in view.overview_tab.findChildren(QLabel)}
    assert names["companyName"] == "Alibaba Group Holding Limited"
    assert "阿里巴巴" in names["companyAliases"]
    assert names["markingBadge"] == "TLP:CLEAR"


def test_timeline_table_shows_chronological_order(app: Opened, library: Path) -> None:
    view = app.open(library / "acme.yaml")
    table = view.timeline_tab.table
    dates = [table.model().index(r, 0).data() for r in range(table.model().rowCount())]
    assert dates == ["c. 2015", "c. Aug 2019 – Feb 2020", "2021", "2021", "Jan 2021", "5 Jan 2021"]
    titles = [d.title for d in view.timeline_tab.visible_developments()]
    assert titles[2:4] == ["Year only", "Second year-only"]  # file order between equals


def test_filters_and_the_count(app: Opened, qtbot: QtBot, library: Path) -> None:
    view = app.open(library / "acme.yaml")
    tab = view.timeline_tab
    assert tab.count_label.text() == "6 of 6 shown"
    tab.filter_edit.clear()
    qtbot.keyClicks(tab.filter_edit, "year")
    assert tab.count_label.text() == "2 of 6 shown"
    assert [d.id for d in tab.visible_developments()] == ["year", "year-b"]
    assert tab.table.verticalHeader().count() == 2  # the view follows the filter
    tab.tag_combo.setCurrentIndex(tab.tag_combo.findData("strategy"))
    assert tab.count_label.text() == "1 of 6 shown"
    tab.clear_filters()
    assert tab.count_label.text() == "6 of 6 shown"
    tab.source_combo.setCurrentIndex(tab.source_combo.findData("blog"))
    assert tab.count_label.text() == "3 of 6 shown"
    tab.clear_filters()
    qtbot.keyClicks(tab.from_edit, "2021-01")
    qtbot.keyClicks(tab.to_edit, "2021-01-04")
    # "2021" overlaps January, "Jan 2021" is inside it, 5 Jan is after the 4th.
    assert [d.id for d in tab.visible_developments()] == ["year", "year-b", "month"]
    tab.clear_filters()
    qtbot.keyClicks(tab.filter_edit, "no such words")
    assert tab.count_label.text() == "0 of 6 shown"
    assert tab.table.empty_text == "No developments match the filters."
    qtbot.waitUntil(lambda: tab.strip.developments() == [])


def test_a_bad_date_in_the_range_filters_nothing_and_says_so(
    app: Opened, qtbot: QtBot, library: Path
) -> None:
    view = app.open(library / "acme.yaml")
    tab = view.timeline_tab
    qtbot.keyClicks(tab.from_edit, "yesterday")
    assert not tab.from_edit.is_valid()
    assert "Not a date" in tab.from_edit.toolTip()
    assert tab.count_label.text() == "6 of 6 shown"


def test_ctrl_f_focuses_the_current_tabs_filter(app: Opened, qtbot: QtBot, library: Path) -> None:
    view = app.open(library / "acme.yaml")
    app.window.activateWindow()
    view.tabs.setCurrentWidget(view.sources_tab)
    app.window.find_action.trigger()
    qtbot.waitUntil(lambda: view.sources_tab.filter_edit.hasFocus(), timeout=2000)
    view.tabs.setCurrentWidget(view.overview_tab)
    app.window.find_action.trigger()
    assert view.tabs.currentWidget() is view.timeline_tab
    qtbot.waitUntil(lambda: view.timeline_tab.filter_edit.hasFocus(), timeout=2000)


# -- cross-links -------------------------------------------------------------------------


def test_a_source_link_lands_on_that_source(app: Opened, qtbot: QtBot, library: Path) -> None:
    view = app.open(library / "acme.yaml")
    assert view.select_development("span")
    link = view.timeline_tab.detail.findChild(LinkLabel, "sourceLink:blog")
    assert link is not None
    assert link.text() == "A blog post"
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert view.tabs.currentWidget() is view.sources_tab
    selected = view.sources_tab.selected_source()
    assert selected is not None and selected.id == "blog"
    rows = view.sources_tab.table.selectionModel().selectedRows()
    assert [r.data() for r in rows] == ["A blog post"]


def test_source_detail_links_back_to_developments_and_figures(
    app: Opened, qtbot: QtBot, library: Path
) -> None:
    view = app.open(library / "acme.yaml")
    view.select_source("ft")
    link = view.sources_tab.detail.findChild(LinkLabel, "developmentLink:month")
    assert link is not None
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert view.tabs.currentWidget() is view.timeline_tab
    dev = view.timeline_tab.selected_development()
    assert dev is not None and dev.id == "month"
    view.select_source("ft")
    fig_link = view.sources_tab.detail.findChild(LinkLabel, "figureLink:staff")
    assert fig_link is not None
    qtbot.mouseClick(fig_link, Qt.MouseButton.LeftButton)
    assert view.tabs.currentWidget() is view.figures_tab
    figure = view.figures_tab.selected_figure()
    assert figure is not None and figure.id == "staff"


def test_selecting_a_hidden_development_clears_the_filter(
    app: Opened, qtbot: QtBot, library: Path
) -> None:
    view = app.open(library / "acme.yaml")
    qtbot.keyClicks(view.timeline_tab.filter_edit, "year")
    assert view.select_development("old")
    assert view.timeline_tab.filter_edit.text() == ""
    assert view.timeline_tab.selected_development().id == "old"  # type: ignore[union-attr]


def test_only_http_links_open_and_only_on_click(app: Opened, qtbot: QtBot, library: Path) -> None:
    view = app.open(library / "acme.yaml")
    from PySide6.QtWidgets import QPushButton

    view.select_source("blog")  # javascript: URL
    button = view.sources_tab.detail.findChild(QPushButton, "openLinkButton")
    assert button is not None and not button.isEnabled()
    labels = [w.text() for w in view.sources_tab.detail.findChildren(QLabel)]
    assert "javascript:alert(1)" in labels  # shown as inert text
    view.select_source("ft")
    assert app.opened_urls == []
    button = view.sources_tab.detail.findChild(QPushButton, "openLinkButton")
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [u.toString() for u in app.opened_urls] == ["https://example.com/ft"]


# -- timeline strip ------------------------------------------------------------------------


def test_strip_and_table_select_each_other(app: Opened, qtbot: QtBot, library: Path) -> None:
    view = app.open(library / "acme.yaml")
    view.tabs.setCurrentWidget(view.timeline_tab)
    tab = view.timeline_tab
    strip = tab.strip
    qtbot.waitUntil(lambda: len(strip.developments()) == 6, timeout=2000)
    tab.select_development("span")
    assert strip.selected() == "span"
    rect = strip.item_rect("old")
    assert rect is not None
    point = strip.mapFromScene(QPointF(rect.center().x(), rect.center().y()))
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=point)
    dev = tab.selected_development()
    assert dev is not None and dev.id == "old"
    assert strip.selected() == "old"


def test_strip_zoom_buttons_and_wheel(app: Opened, qtbot: QtBot, library: Path) -> None:
    view = app.open(library / "acme.yaml")
    view.tabs.setCurrentWidget(view.timeline_tab)
    tab = view.timeline_tab
    strip = tab.strip
    qtbot.waitUntil(lambda: len(strip.developments()) == 6, timeout=2000)
    fit = strip.px_per_day
    assert not tab.zoom_out_button.isEnabled()
    qtbot.mouseClick(tab.zoom_in_button, Qt.MouseButton.LeftButton)
    assert strip.px_per_day > fit
    assert tab.zoom_out_button.isEnabled()
    qtbot.mouseClick(tab.fit_button, Qt.MouseButton.LeftButton)
    assert strip.px_per_day == pytest.approx(fit)


def test_strip_follows_the_filter(app: Opened, qtbot: QtBot, library: Path) -> None:
    view = app.open(library / "acme.yaml")
    view.tabs.setCurrentWidget(view.timeline_tab)
    tab = view.timeline_tab
    qtbot.keyClicks(tab.filter_edit, "year")
    qtbot.waitUntil(lambda: [d.id for d in tab.strip.developments()] == ["year", "year-b"])


# -- plain text ------------------------------------------------------------------------------


def _texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_markup_is_shown_literally_everywhere(app: Opened, qtbot: QtBot, tmp_path: Path) -> None:
    path = write(tmp_path, "markup.yaml", markup_dossier())
    view = app.open(path)
    # Labels: every label that shows dossier text is plain text.
    for label in app.window.findChildren(QLabel):
        if MARKUP in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    overview = _texts(view.overview_tab)
    assert f"Co {MARKUP}" in overview
    assert f"Summary {MARKUP}" in overview
    # Table cells and the detail pane.
    view.select_development("day")
    tab = view.timeline_tab
    row = tab.model.row_of("day")
    assert row is not None
    assert tab.model.index(row, 1).data() == f"Title {MARKUP}"
    assert f"Title {MARKUP}" in _texts(tab.detail)
    assert f"Dev summary {MARKUP}" in _texts(tab.detail)
    source_link = tab.detail.findChild(LinkLabel, "sourceLink:ft")
    assert source_link is not None and source_link.text() == f"Source {MARKUP}"
    # Tooltips are converted from plain text, so the markup is escaped, never rendered.
    tip = tab.model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;x&lt;/i&gt;" in tip
    assert "<b>" not in tip
    # The tab title and the window title are plain.
    assert MARKUP in app.window.windowTitle()
    assert "&lt;" in app.window.dossier_tabs.tabToolTip(0)
    # The library lists it by its short name, literally.
    app.window.library.set_folder(tmp_path)
    qtbot.waitUntil(lambda: not app.window.library.model.is_loading(), timeout=5000)
    names = [app.window.library.model.index(r, 0).data() for r in range(1)]
    assert names == [f"Short {MARKUP}"]


def test_a_broken_file_is_listed_with_its_error(app: Opened, qtbot: QtBot, library: Path) -> None:
    (library / "broken.yaml").write_text(
        "format: dossier/1\ncompany:\n  name: X\ntimeline:\n  - id: a\n    date: 2021-13\n"
        "    title: t\n",
        encoding="utf-8",
    )
    panel = app.window.library
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2 and not panel.model.is_loading())
    row = next(r for r in range(2) if panel.model.item(r).path.name == "broken.yaml")
    error = panel.model.index(row, 1).data()
    assert error.startswith("Line 6")
    assert panel.view.columnSpan(row, 1) == 3  # the error text spans the row
    assert panel.count_label.text() == "2 dossiers, 1 with errors"
    # Opening it says why, without blocking and without a crash.
    assert app.window.open_path(library / "broken.yaml") is None
    boxes = open_boxes()
    assert boxes and "cannot be opened" in boxes[0].text()
    assert boxes[0].textFormat() == Qt.TextFormat.PlainText
    assert "Cannot open broken.yaml" in app.window.statusBar().currentMessage()
    close_boxes()


def test_the_library_notices_new_and_removed_files(
    app: Opened, qtbot: QtBot, library: Path
) -> None:
    panel = app.window.library
    assert panel.model.rowCount() == 1
    write(library, "other.yaml", sample_dossier("Other Co"))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    (library / "other.yaml").unlink()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)


def test_library_filter(app: Opened, qtbot: QtBot, library: Path) -> None:
    write(library, "other.yaml", sample_dossier("Other Co"))
    panel = app.window.library
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2 and not panel.model.is_loading())
    panel.filter_edit.setText("アクメ")  # aliases count (keyClicks types ASCII only)
    assert panel.model.rowCount() == 2
    panel.filter_edit.clear()
    qtbot.keyClicks(panel.filter_edit, "other")
    assert panel.model.rowCount() == 1


# -- the window ----------------------------------------------------------------------------


def test_several_dossiers_open_and_cycle(app: Opened, library: Path) -> None:
    app.open(library / "acme.yaml")
    app.open(ALIBABA)
    assert [d.display_name for d in app.window.documents()] == ["Acme", "Alibaba"]
    assert app.window.current_document().display_name == "Alibaba"  # type: ignore[union-attr]
    app.window.next_action.trigger()
    assert app.window.current_document().display_name == "Acme"  # type: ignore[union-attr]
    app.window.prev_action.trigger()
    assert app.window.current_document().display_name == "Alibaba"  # type: ignore[union-attr]
    # Opening an open file shows it instead of opening it twice.
    app.window.open_path(library / "acme.yaml")
    assert len(app.window.documents()) == 2
    assert app.window.current_document().display_name == "Acme"  # type: ignore[union-attr]
    app.window.close_current()
    assert [d.display_name for d in app.window.documents()] == ["Alibaba"]


def test_close_guard_can_keep_a_dossier_open(app: Opened, library: Path) -> None:
    app.open(library / "acme.yaml")
    asked: list[str] = []

    def refuse(document: object) -> bool:
        asked.append(getattr(document, "display_name", ""))
        return False

    app.window.close_guard = refuse  # type: ignore[assignment]
    app.window.close_current()
    assert len(app.window.documents()) == 1
    assert not app.window.close()
    assert asked == ["Acme", "Acme"]
    app.window.close_guard = lambda _d: True


def test_menus_and_shortcuts(app: Opened) -> None:
    w = app.window
    assert [a.text() for a in w.menuBar().actions()] == ["&File", "&Edit", "&View", "&Help"]
    shortcuts = {
        a.text(): [s.toString() for s in a.shortcuts()]
        for a in (w.open_action, w.close_action, w.quit_action, w.find_action, w.next_action)
    }
    assert shortcuts["&Open…"] == ["Ctrl+O"]
    assert shortcuts["&Close"] == ["Ctrl+W"]
    assert shortcuts["&Quit"] == ["Ctrl+Q"]
    assert shortcuts["&Find…"] == ["Ctrl+F"]
    assert "Ctrl+Tab" in shortcuts["&Next Dossier"]
    assert not w.windowIcon().isNull()


def test_about_names_the_version(app: Opened) -> None:
    box = app.window.about()
    assert f"Dossier {__version__}" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.done(0)


def test_settings_are_remembered_across_windows(
    qtbot: QtBot, library: Path, tmp_path: Path
) -> None:
    first = Opened(qtbot, library)
    first.open(library / "acme.yaml")
    first.window.close_current()  # a small window must fit the offscreen screen
    first.window.resize(700, 500)  # within the offscreen screen (restoreGeometry clamps)
    size = (first.window.width(), first.window.height())
    first.window.library_dock.hide()
    first.window.close()
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.library.folder == library.resolve()
    assert (second.width(), second.height()) == size
    assert second.library_dock.isHidden()
    assert Settings().recent_files() == [(library / "acme.yaml").resolve()]
    second.recent_menu.aboutToShow.emit()
    texts = [a.text() for a in second.recent_menu.actions()]
    assert texts[0] == "&1 acme.yaml"


def test_open_recent_and_drop(app: Opened, qtbot: QtBot, library: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(library / "acme.yaml"))])
    enter = QDragEnterEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    app.window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    app.window.dropEvent(drop)
    assert [d.display_name for d in app.window.documents()] == ["Acme"]


def test_a_changed_file_is_reloaded(app: Opened, qtbot: QtBot, library: Path) -> None:
    path = library / "acme.yaml"
    view = app.open(path)
    dossier = sample_dossier()
    dossier.timeline.append(Development(id="later", date=PartialDate(2023), title="Added outside"))
    write(library, "acme.yaml", dossier)
    qtbot.waitUntil(lambda: view.timeline_tab.model.total_count() == 7, timeout=5000)
    assert "Reloaded acme.yaml" in app.window.statusBar().currentMessage()
    # A broken new version keeps the last good content on screen and says so.
    path.write_text("format: dossier/1\ncompany: [\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "now has errors" in view.message_bar.text(), timeout=5000)
    assert view.timeline_tab.model.total_count() == 7


def test_a_changed_file_with_unsaved_edits_goes_to_the_conflict_handler(
    app: Opened, qtbot: QtBot, library: Path
) -> None:
    from PySide6.QtGui import QUndoCommand

    view = app.open(library / "acme.yaml")
    document = view.document
    document.undo_stack.push(QUndoCommand("pretend edit"))
    assert document.is_modified
    seen: list[object] = []
    app.window.conflict_handler = seen.append
    write(library, "acme.yaml", sample_dossier("Changed Co"))
    qtbot.waitUntil(lambda: seen == [document], timeout=5000)
    assert document.dossier.company.name == "Acme Holdings plc"  # nothing reloaded


def test_key_figures_chart_draws_figures_sharing_a_unit(app: Opened, library: Path) -> None:
    view = app.open(library / "acme.yaml")
    view.tabs.setCurrentWidget(view.figures_tab)
    chart = view.figures_tab.chart
    assert chart.unit() == "USD"  # the unit with the most dated figures
    assert chart.series_names() == ["Revenue"]  # one line, two as-of dates
    assert chart.note.text() == "2 figures charted"
    assert not chart.unit_combo.isEnabled()  # "employees" has no as-of date: nothing to pick
    values = [view.figures_tab.model.index(r, 1).data() for r in range(3)]
    assert values == ["about USD 50 million", "USD 65 million", "1,200 employees"]


def test_chart_and_window_title_show_markup_literally(app: Opened, tmp_path: Path) -> None:
    dossier = markup_dossier()
    dossier.company.short_name = "R&D [*] <b>x</b>"
    dossier.figures[0].unit = "<b>U</b>"
    dossier.figures[1].unit = "<b>U</b>"
    view = app.open(write(tmp_path, "m.yaml", dossier))
    assert app.window.windowTitle() == "R&D [*][*] <b>x</b> — Dossier"  # "[*]" shown as is
    assert app.window.dossier_tabs.tabText(0) == "R&&D [*] <b>x</b>"  # "&" is not a mnemonic
    view.tabs.setCurrentWidget(view.figures_tab)
    chart = view.figures_tab.chart.chart
    titles = [axis.titleText() for axis in chart.axes()]
    assert "&lt;b&gt;U&lt;/b&gt; million" in titles  # QtCharts reads titles as HTML
    legend = [m.label() for m in chart.legend().markers()]
    assert html.escape(f"Figure {MARKUP}", quote=False) in legend
