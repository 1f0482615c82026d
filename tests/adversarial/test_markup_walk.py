"""A dossier full of markup, opened in the main window: every text the app shows is literal.

Each text field holds a payload around a unique marker (``MK07``). The test
opens every tab, selects every row, hovers the chart and the timeline strip,
then walks every label, tooltip, button, tab, table cell (display and tooltip
roles, headers), graphics text item, the window title, the status bar and any
message box. Wherever a marker shows, the whole payload around it must show
literally: ``<b>MK07</b>`` rendered as a bold "MK07" fails. Every label that
holds dossier text must be ``Qt.PlainText`` (never AutoText or RichText).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPointF,
    Qt,
)
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Company, Development, Dossier, Figure, Source
from dossier_app.fileio.writer import save_dossier
from tests.adversarial.gui_helpers import (
    close_message_boxes,
    fresh_window,
    message_boxes,
)

#: Payload shapes; ``{m}`` is the field's marker.
SHAPES = (
    "<b>{m}</b>",
    "<img src=x>{m}",
    "&lt;{m}&gt;",
    '<script>alert("{m}")</script>',
    '<a href="javascript:x">{m}</a>',
    "<i>{m} &amp; &#60;",
    "<h1>{m}</h1>",
    "<font color=red>{m}</font>",
    "<br>{m}<hr>",
    "<qt>{m}</qt>",
    "<table><tr><td>{m}",
    "<p style='color:red'>{m}",
)
MARKER = re.compile(r"MK\d\d")


class Payloads:
    """Hands out one payload per field and remembers it by marker."""

    def __init__(self) -> None:
        self.by_marker: dict[str, str] = {}
        self.by_field: dict[str, str] = {}

    def __call__(self, field: str, shape: str | None = None) -> str:
        n = len(self.by_marker) + 1
        marker = f"MK{n:02d}"
        core = (shape or SHAPES[n % len(SHAPES)]).format(m=marker)
        self.by_marker[marker] = core
        self.by_field[field] = core
        return core


def markup_dossier(p: Payloads) -> Dossier:
    sources = [
        Source(
            id=f"src-{i}",
            title=f"Source {p(f'source{i}.title')}",
            publisher=p(f"source{i}.publisher"),
            author=p(f"source{i}.author"),
            url=f"https://example.com/{p(f'source{i}.url')}" if i == 0
            else f"javascript:{p(f'source{i}.url')}",
            published=PartialDate(2021, 3),
            reliability="B",
            notes=f"Notes line one\n{p(f'source{i}.notes')}\nline three",
        )
        for i in range(2)
    ]
    timeline = [
        Development(
            id=f"dev-{i}",
            date=PartialDate(2020 + i, 5),
            end=PartialDate(2022, 1) if i == 0 else None,
            title=f"Development {p(f'dev{i}.title')}",
            summary=f"Summary {p(f'dev{i}.summary')}\nsecond line",
            tags=[p(f"dev{i}.tag")],
            sources=["src-0", "src-1"] if i < 2 else [],
            credibility=2,
        )
        for i in range(3)
    ]
    figures = [
        Figure(
            id=f"fig-{i}",
            label=f"Figure {p(f'fig{i}.label')}",
            value=50_000_000 * (i + 1),
            unit=p("fig0.unit", "<b>{m}</b>") if i == 0 else p("fig1.unit", "<i>{m}"),
            period=p(f"fig{i}.period"),
            as_of=PartialDate(2021, 9),
            qualifier="about",
            sources=["src-0"],
            note=p(f"fig{i}.note"),
        )
        for i in range(2)
    ]
    company = Company(
        name=f"Company {p('company.name')}",
        # "[*]" is the window title's modified placeholder; "&" a mnemonic marker.
        short_name=p("company.short_name", "R&D [*] <b>{m}</b>"),
        aliases=[p("company.alias0"), p("company.alias1")],
        headquarters=p("company.headquarters"),
        sector=p("company.sector"),
        identifiers={"NYSE": p("company.identifier")},
        summary=f"First line {p('company.summary')}\n  indented second line & more",
    )
    return Dossier(
        company=company,
        marking="TLP:AMBER",
        reviewed=PartialDate(2021, 9, 22),
        tags=[p("dossier.tag0"), p("dossier.tag1")],
        sources=sources,
        timeline=timeline,
        figures=figures,
    )


#: Fields the viewer must show somewhere (the walk must not be vacuous).
MUST_SHOW = (
    "company.name", "company.short_name", "company.summary", "source0.title", "source1.title",
    "source0.publisher", "dev0.title", "dev1.title", "dev0.summary", "fig0.label", "fig0.unit",
    "source0.notes", "dev0.tag",
)


# -- what the user sees ------------------------------------------------------------


def rendered_html(text: str) -> str:
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def as_tooltip(text: str) -> str:
    """What a tooltip shows: Qt reads it as rich text when it looks like it."""
    return rendered_html(text) if GuiQt.mightBeRichText(text) else text


def as_label(label: QLabel) -> str:
    fmt = label.textFormat()
    text = label.text()
    if fmt == Qt.TextFormat.PlainText:
        return text
    if fmt == Qt.TextFormat.RichText or GuiQt.mightBeRichText(text):
        return rendered_html(text)
    return text


def as_mnemonic(text: str) -> str:
    """Buttons, tabs and actions: '&&' shows '&', a lone '&' marks a shortcut and vanishes."""
    return re.sub(r"&(.)", r"\1", text)


@dataclass
class Shown:
    where: str
    text: str


def _model_texts(view: QAbstractItemView, where: str) -> Iterator[Shown]:
    model = view.model()
    if model is None:
        return
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        count = model.columnCount() if orientation == Qt.Orientation.Horizontal \
            else model.rowCount()
        if count > 200:
            continue
        for section in range(count):
            for role, show in ((Qt.ItemDataRole.DisplayRole, str),
                               (Qt.ItemDataRole.ToolTipRole, as_tooltip)):
                value = model.headerData(section, orientation, role)
                if isinstance(value, str) and value:
                    yield Shown(f"{where} header {section}", show(value))
    flat = isinstance(model, QAbstractTableModel | QAbstractListModel)
    stack = [(QModelIndex(), 0)]
    while stack:
        parent, depth = stack.pop()
        for row in range(model.rowCount(parent)):
            for col in range(model.columnCount(parent)):
                index = model.index(row, col, parent)
                for role, show in ((Qt.ItemDataRole.DisplayRole, str),
                                   (Qt.ItemDataRole.ToolTipRole, as_tooltip)):
                    value = index.data(role)
                    if isinstance(value, str) and value:
                        yield Shown(f"{where} cell {row},{col} role {role}", show(value))
                if col == 0 and not flat and depth < 5 and model.rowCount(index) > 0:
                    stack.append((index, depth + 1))


def _chart_texts(chart: QChart, where: str) -> Iterator[Shown]:
    """QtCharts draws titles, axis titles and legend labels as rich text (its items are
    opaque to Python, so their strings are read from the chart and rendered as Qt would)."""
    if chart.title():
        yield Shown(f"{where} chart title", rendered_html(chart.title()))
    for axis in chart.axes():
        if axis.isTitleVisible() and axis.titleText():
            yield Shown(f"{where} axis title", rendered_html(axis.titleText()))
    for marker in chart.legend().markers():
        if chart.legend().isVisible() and marker.isVisible() and marker.label():
            yield Shown(f"{where} legend", rendered_html(marker.label()))


def walk(roots: list[QWidget]) -> Iterator[Shown]:
    seen: set[int] = set()
    for root in roots:
        for w in [root, *root.findChildren(QWidget)]:
            if id(w) in seen:
                continue
            seen.add(id(w))
            name = f"{type(w).__name__}({w.objectName()})"
            if w.toolTip():
                yield Shown(f"{name} tooltip", as_tooltip(w.toolTip()))
            if isinstance(w, QLabel) and w.text():
                yield Shown(f"{name} text", as_label(w))
            if isinstance(w, QAbstractButton) and w.text():
                yield Shown(f"{name} text", as_mnemonic(w.text()))
            if isinstance(w, QLineEdit):
                yield Shown(f"{name} text", w.text())
            if isinstance(w, QTextEdit | QPlainTextEdit):
                yield Shown(f"{name} text", w.toPlainText())
            if isinstance(w, QTabBar):
                for i in range(w.count()):
                    yield Shown(f"{name} tab {i}", as_mnemonic(w.tabText(i)))
                    if w.tabToolTip(i):
                        yield Shown(f"{name} tab {i} tooltip", as_tooltip(w.tabToolTip(i)))
            if isinstance(w, QAbstractItemView):
                yield from _model_texts(w, name)
            if isinstance(w, QGraphicsView) and w.scene() is not None:
                for item in w.scene().items():
                    if isinstance(item, QGraphicsTextItem):
                        yield Shown(f"{name} text item", item.toPlainText())
                    elif isinstance(item, QGraphicsSimpleTextItem):
                        yield Shown(f"{name} simple text item", item.text())
                    if item.toolTip():
                        yield Shown(f"{name} item tooltip", as_tooltip(item.toolTip()))
            if isinstance(w, QChartView):
                yield from _chart_texts(w.chart(), name)
            for action in w.actions():
                if action.text():
                    yield Shown(f"{name} action", as_mnemonic(action.text()))
                if action.toolTip():
                    yield Shown(f"{name} action tooltip", as_tooltip(action.toolTip()))


class Walk:
    """Everything shown so far, and the problems found in it."""

    def __init__(self, payloads: Payloads) -> None:
        self.payloads = payloads
        self.shown: list[Shown] = []
        self.problems: list[str] = []

    def check(self, shown: Shown) -> None:
        self.shown.append(shown)
        for marker in set(MARKER.findall(shown.text)):
            core = self.payloads.by_marker.get(marker)
            if core is not None and core not in shown.text:
                self.problems.append(
                    f"{shown.where}: shows {shown.text[:160]!r}, not the literal {core!r}"
                )

    def check_labels(self, roots: list[QWidget]) -> None:
        for root in roots:
            for label in [root, *root.findChildren(QLabel)]:
                if isinstance(label, QLabel) and MARKER.search(label.text()) \
                        and label.textFormat() != Qt.TextFormat.PlainText:
                    self.problems.append(
                        f"QLabel({label.objectName()}) holds dossier text in "
                        f"{label.textFormat().name}: {label.text()[:120]!r}"
                    )

    def everything(self, window: QWidget) -> None:
        roots = [window, *message_boxes()]
        for shown in walk(roots):
            self.check(shown)
        self.check_labels(roots)
        handle = window.windowHandle()
        title = handle.title() if handle is not None else window.windowTitle()
        self.check(Shown("window title (as the window system gets it)", title))
        self.check(Shown("status bar", window.statusBar().currentMessage()))  # type: ignore[attr-defined]

    def showing(self, field: str) -> bool:
        core = self.payloads.by_field[field]
        return any(core in s.text for s in self.shown)


@pytest.fixture
def tooltips(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Texts handed to QToolTip.showText (hover tooltips of the chart and the strip)."""
    shown: list[str] = []

    def show_text(_pos: Any, text: str, *_args: Any, **_kwargs: Any) -> None:
        shown.append(text)

    monkeypatch.setattr(QToolTip, "showText", staticmethod(show_text))
    monkeypatch.setattr(QToolTip, "hideText", staticmethod(lambda: None))
    return shown


def _select_every_row(table: QAbstractItemView, after: Callable[[], None]) -> None:
    model = table.model()
    for row in range(model.rowCount()):
        table.setCurrentIndex(model.index(row, 0))
        after()


def _hover_chart(figures_tab: Any) -> None:
    from PySide6.QtCharts import QLineSeries

    for series in figures_tab.chart.chart.series():
        if isinstance(series, QLineSeries) and series.isVisible():
            for point in series.points():
                series.hovered.emit(QPointF(point), True)


def _hover_strip(timeline_tab: Any) -> None:
    from dossier_app.ui.dossier.strip import TimelineStrip

    for strip in timeline_tab.findChildren(TimelineStrip):
        for dev in strip.developments():
            rect = strip.item_rect(dev.id)
            if rect is None:
                continue
            pos = strip.mapFromScene(rect.center())
            event = QHelpEvent(QEvent.Type.ToolTip, pos, strip.viewport().mapToGlobal(pos))
            QApplication.sendEvent(strip.viewport(), event)


def test_every_text_the_window_shows_is_literal(
    qtbot: QtBot, tmp_path: Path, tooltips: list[str]
) -> None:
    payloads = Payloads()
    library = tmp_path / "library"
    library.mkdir()
    # The file name is shown too (status bar, tab tooltips): markup in it, '/' aside.
    path = library / f"{payloads('file.name', '<i>{m} &amp;')}.yaml"
    save_dossier(markup_dossier(payloads), path)
    window = fresh_window(qtbot, library)
    document = window.open_path(path)
    assert document is not None, [b.text() for b in message_boxes()]
    view = window.current_view()
    assert view is not None
    walker = Walk(payloads)

    def look() -> None:
        qtbot.wait(1)  # let queued layout and chart updates land
        walker.everything(window)

    for i in range(view.tabs.count()):
        view.tabs.setCurrentIndex(i)
        look()
    view.tabs.setCurrentWidget(view.timeline_tab)
    _select_every_row(view.timeline_tab.table, look)
    _hover_strip(view.timeline_tab)
    view.tabs.setCurrentWidget(view.figures_tab)
    _select_every_row(view.figures_tab.table, look)
    _hover_chart(view.figures_tab)
    view.tabs.setCurrentWidget(view.sources_tab)
    _select_every_row(view.sources_tab.table, look)
    # The library row's tooltip, the message bar after a change on disk.
    view.show_message(f"{document.dossier.company.name} changed on disk", "warning")
    look()
    for text in tooltips:
        walker.check(Shown("hover tooltip", as_tooltip(text)))
    assert tooltips, "no hover tooltip was triggered: the hover part proves nothing"

    print(f"{len(walker.shown)} texts looked at, {len(payloads.by_marker)} payloads")
    not_shown = [f for f in payloads.by_field if not walker.showing(f)]
    print("fields not shown anywhere:", not_shown)
    assert not walker.problems, "\n".join(dict.fromkeys(walker.problems))
    missing = [f for f in MUST_SHOW if not walker.showing(f)]
    assert not missing, f"never shown literally: {missing}"
    close_message_boxes()


def test_errors_about_markup_are_shown_literally(qtbot: QtBot, tmp_path: Path) -> None:
    """A broken file whose error quotes markup: the message box shows it as typed."""
    payloads = Payloads()
    library = tmp_path / "library"
    library.mkdir()
    core = payloads("bad.date", "<b>{m}</b>")
    path = library / "broken.yaml"
    path.write_text(
        "format: dossier/1\ncompany:\n  name: Broken\ntimeline:\n"
        f"  - id: d\n    date: '{core}'\n    title: x\n", encoding="utf-8"
    )
    window = fresh_window(qtbot, library)
    assert window.open_path(path) is None
    boxes = message_boxes()
    assert len(boxes) == 1
    walker = Walk(payloads)
    walker.everything(window)
    assert not walker.problems, "\n".join(walker.problems)
    assert walker.showing("bad.date"), "the error does not quote the bad value"
    close_message_boxes()


def test_walk_catches_rich_text(qtbot: QtBot) -> None:
    """The walk itself can fail: a label left in AutoText with markup is caught."""
    payloads = Payloads()
    core = payloads("x", "<b>{m}</b>")
    holder = QWidget()
    qtbot.addWidget(holder)
    QLabel(core, holder)  # AutoText: Qt renders it bold
    plain = QLabel(holder)
    plain.setTextFormat(Qt.TextFormat.PlainText)
    plain.setText(core)
    walker = Walk(payloads)
    for shown in walk([holder]):
        walker.check(shown)
    walker.check_labels([holder])
    assert len(walker.problems) == 2  # shown as "MK01", and in AutoText
