"""The measured scenarios, each run by ``bench/run.py`` in a fresh process.

``python bench/scenarios.py NAME JSON-ARGS`` runs one scenario and prints one
line ``RESULT {json}``. A fresh process per sample keeps the state cold where
it matters (imports done, but no compiled schema, no warm caches), as for a
user who has just started the app or the command.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

Result = dict[str, Any]
SCENARIOS: dict[str, Callable[..., Result]] = {}


def scenario(fn: Callable[..., Result]) -> Callable[..., Result]:
    SCENARIOS[fn.__name__] = fn
    return fn


def peak_rss_mb() -> float:
    """This process's resident-set high-water mark, in MB.

    ``/proc/self/status`` VmHWM belongs to this program alone; ``getrusage``
    also counts the parent's peak, inherited through fork and exec on Linux.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- files, no Qt ---------------------------------------------------------------
@scenario
def yaml_load(path: str) -> Result:
    """The baseline: libyaml's C loader building plain Python data."""
    import yaml

    t0 = time.perf_counter()
    with open(path, "rb") as fh:
        yaml.load(fh.read(), Loader=yaml.CSafeLoader)
    return {"t": time.perf_counter() - t0}


@scenario
def check(path: str) -> Result:
    """``dossier-app check FILE`` in-process: the first run, as the CLI does it."""
    from dossier_app.commands.check import run_check

    out = io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        rc = run_check([path])
    return {"t": time.perf_counter() - t0, "rc": rc, "tail": out.getvalue()[-300:]}


@scenario
def save(path: str, out_dir: str, repeat: int) -> Result:
    """``save_dossier`` against ``yaml.dump(plain data, CSafeDumper)`` of the same file."""
    import yaml

    from dossier_app.fileio.loader import load_dossier
    from dossier_app.fileio.writer import dump_dossier, save_dossier

    with open(path, "rb") as fh:
        plain = yaml.load(fh.read(), Loader=yaml.CSafeLoader)
    dossier = load_dossier(path)
    target = Path(out_dir) / "saved.yaml"
    times: dict[str, list[float]] = {"save": [], "dump": [], "yaml_dump": []}
    for _ in range(repeat):
        t0 = time.perf_counter()
        yaml.dump(plain, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        times["yaml_dump"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        save_dossier(dossier, target)
        times["save"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        dump_dossier(dossier)
        times["dump"].append(time.perf_counter() - t0)
    return {k: statistics.median(v) for k, v in times.items()}


@scenario
def cached_read(path: str) -> Result:
    """The parse cache alone: a miss (parse and store), then a hit."""
    from dossier_app.fileio.cache import read_dossier_cached

    t0 = time.perf_counter()
    read_dossier_cached(path)
    miss = time.perf_counter() - t0
    t0 = time.perf_counter()
    read_dossier_cached(path)
    return {"miss": miss, "hit": time.perf_counter() - t0}


# -- the library (issue 14), no Qt ---------------------------------------------------
#: Twenty queries of every kind the language has, over the generated library's words.
LIBRARY_QUERIES = (
    "frankfurt", "cloud", "submarine cable", '"data centre"', '"export controls"',
    "export*", "machin*", "网星", "中文", "芯机", "zurich", "sao paulo",
    "tag:sanctions chips", "company:aurora cloud", "kind:source reuters",
    "from:2020 to:2021 audit", "marking:amber licence", '"joint venture" -singapore',
    "kuala lumpur tag:finance", "satellite ground",
)
#: The word timed against grep.
GREP_WORD = "frankfurt"


def _library_files(folder: str) -> list[str]:
    return sorted(str(p) for p in Path(folder).glob("*.yaml"))


@scenario
def library_load(folder: str) -> Result:
    """The baseline: a bare ``yaml.load(..., CSafeLoader)`` loop over the library's files."""
    import yaml

    files = _library_files(folder)
    t0 = time.perf_counter()
    for path in files:
        with open(path, "rb") as fh:
            yaml.load(fh.read(), Loader=yaml.CSafeLoader)
    return {"t": time.perf_counter() - t0, "files": len(files)}


@scenario
def library_check(folder: str) -> Result:
    """``dossier-app check FOLDER`` in-process."""
    from dossier_app.commands.check import run_check

    out = io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        rc = run_check([folder])
    return {"t": time.perf_counter() - t0, "rc": rc, "tail": out.getvalue()[-300:]}


@scenario
def library_search(folder: str, changed: str) -> Result:
    """First index build, re-index after one file changed, 20 queries, grep, memory."""
    import subprocess

    from dossier_app.fileio.library_index import LibraryIndex

    t0 = time.perf_counter()
    index = LibraryIndex([folder])
    read = index.refresh()
    build = time.perf_counter() - t0

    original = Path(changed).read_bytes()
    Path(changed).write_bytes(original.replace(b"Frankfurt", b"Francfort", 1))
    try:
        t0 = time.perf_counter()
        again = index.refresh()
        reindex = time.perf_counter() - t0
    finally:
        Path(changed).write_bytes(original)
    index.refresh()

    per_query: list[float] = []
    hits: list[int] = []
    for query in LIBRARY_QUERIES:
        t0 = time.perf_counter()
        result = index.search(query, limit=50)
        per_query.append(time.perf_counter() - t0)
        hits.append(len(result.hits))
    word = []
    grep = []
    for _ in range(5):  # interleaved with grep: drift hits both alike
        t0 = time.perf_counter()
        index.search(GREP_WORD, limit=50)
        word.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        subprocess.run(["grep", "-r", "-i", "-F", "-l", GREP_WORD, folder],
                       stdout=subprocess.DEVNULL, check=False)
        grep.append(time.perf_counter() - t0)
    index.close()
    return {
        "build": build, "read": read, "reindex": reindex, "reread": again,
        "queries": per_query, "hits": hits, "word": statistics.median(word),
        "grep": statistics.median(grep), "peak_rss_mb": peak_rss_mb(),
    }


# -- the GUI ---------------------------------------------------------------------
def _qapp() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["dossier-bench"])
    return app


def _settle(app: Any, rounds: int = 3) -> None:
    for _ in range(rounds):
        app.processEvents()


def _idle(app: Any, seconds: float) -> None:
    """Run the event loop for a while, as when the user pauses."""
    from PySide6.QtCore import QEventLoop

    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.002)


def _main_window(app: Any) -> Any:
    """The main window, shown and idle, as when the user goes for File ▸ Open.

    The window does its start-up work (reading the library, importing what
    opening a dossier needs) in the event-loop turns after its first paint;
    half a second of idling lets it finish, so that a measured open starts on
    a ready window and does not include the tail of the start-up.
    """
    from PySide6.QtCore import QEvent, QObject

    from dossier_app.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    _idle(app, 0.5)

    # ``_paint`` watches the whole application for a moment. The first time such a
    # filter sees events, PySide wraps objects of every kind and creates the Python
    # classes it had left for later (some milliseconds, once per process): that is
    # the instrument's cost, paid here rather than inside a measurement.
    class Instrument(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            return False

    instrument = Instrument()
    app.installEventFilter(instrument)
    window.update()
    _idle(app, 0.05)
    app.removeEventFilter(instrument)
    return window


def _timeline_tab(window: Any) -> Any:
    """The timeline tab of the dossier just opened, made current as a click on it does.

    A dossier's tabs are built when first shown, so the tab is chosen by its
    name, then looked up (it may have been built just now).
    """
    view = window.current_view()
    view.tabs.setCurrentIndex(view.tab_names().index("Timeline"))
    return view.timeline_tab


def _table_view(tab: Any) -> Any:
    from PySide6.QtWidgets import QTableView

    return tab.findChildren(QTableView)[0]


def _paint(app: Any, view: Any) -> float:
    """Run events until the view's viewport has painted (as the screen shows it).

    Returns the time (``perf_counter``) when the paint pass that drew the
    viewport was over: the first event after that viewport's paint that is
    not part of painting (the pass paints the other widgets that need it
    too). Work the app queued for after its paint may run within the same
    ``processEvents`` call; it is not part of the paint.
    """
    from PySide6.QtCore import QEvent, QObject

    painting = (QEvent.Type.Paint, QEvent.Type.DynamicPropertyChange)
    painted: list[float] = []
    seen: list[bool] = []

    class PassEnd(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if not painted and event.type() not in painting:
                painted.append(time.perf_counter())
            return False

    class PaintFlag(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not seen:
                seen.append(True)
                app.installEventFilter(pass_end)  # only until the pass is over
            return False

    pass_end = PassEnd()
    flag = PaintFlag()
    viewport = view.viewport()
    viewport.installEventFilter(flag)
    viewport.update()
    deadline = time.perf_counter() + 10
    while not painted and time.perf_counter() < deadline:
        app.processEvents()
    viewport.removeEventFilter(flag)
    app.removeEventFilter(pass_end)
    if not painted:
        viewport.repaint()
        painted.append(time.perf_counter())
    return painted[0]


@scenario
def gui_open(path: str, show_timeline: bool = True) -> Result:
    """From ``MainWindow.open_path`` to the timeline table painted and filled."""
    app = _qapp()
    window = _main_window(app)
    before = peak_rss_mb()
    t0 = time.perf_counter()
    window.open_path(Path(path))
    tab = _timeline_tab(window)
    view = _table_view(tab)
    elapsed = _paint(app, view) - t0
    rows = view.model().rowCount()
    # Work queued for after the first paint (the graphical strip of a big timeline).
    _settle(app, 5)
    settled = time.perf_counter() - t0
    return {"t": elapsed, "settled": settled, "rows": rows, "rss_before_mb": before,
            "peak_rss_mb": peak_rss_mb()}


@scenario
def gui_memory(path: str) -> Result:
    """Peak memory with the dossier open and each tab looked at once."""
    from PySide6.QtWidgets import QTabWidget

    app = _qapp()
    window = _main_window(app)
    window.open_path(Path(path))
    tab = _timeline_tab(window)
    _paint(app, _table_view(tab))
    for tabs in window.findChildren(QTabWidget):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            _settle(app)
            tabs.currentWidget().repaint()
    window.grab()
    return {"peak_rss_mb": peak_rss_mb()}


def _filter_edit(tab: Any) -> Any:
    from PySide6.QtWidgets import QLineEdit

    edits = [e for e in tab.findChildren(QLineEdit) if e.isVisible()]
    for e in edits:
        if "filter" in (e.placeholderText() + e.objectName()).casefold():
            return e
    return edits[0]


def _pending_timers(widget: Any) -> list[Any]:
    from PySide6.QtCore import QTimer

    return [t for t in widget.findChildren(QTimer) if t.isActive() and t.isSingleShot()]


def _fire(timers: list[Any]) -> None:
    for timer in timers:
        timer.stop()
        timer.timeout.emit()


def _filter_applied(tab: Any, edit: Any) -> bool:
    """Whether the model already filters by the typed text (False: a debounce is pending)."""
    flt = getattr(getattr(tab, "model", None), "filter", None)
    return flt is None or getattr(flt, "text", edit.text()) == edit.text()


@scenario
def gui_filter(path: str, text: str) -> Result:
    """Keystrokes in the timeline filter, each timed through the model update and repaint.

    A debounced filter is run at once (its wait is not counted, its work is).
    Work deferred until typing pauses (the graphical strip) is timed apart:
    it runs whenever the user stops for a moment.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app = _qapp()
    window = _main_window(app)
    t0 = time.perf_counter()
    window.open_path(Path(path))
    tab = _timeline_tab(window)
    view = _table_view(tab)
    _paint(app, view)
    opened = time.perf_counter() - t0
    # The user moves to the filter box: a second in which idle-time work may run.
    _fire(_pending_timers(tab))
    _idle(app, 1.0)
    edit = _filter_edit(tab)
    edit.setFocus()
    model = view.model()
    total = model.rowCount()
    per_key: list[float] = []
    after_pause: list[float] = []
    shown: list[int] = []
    keys = [*text, *(["\b"] * len(text))]  # type it, then erase it
    gc.collect()
    for ch in keys:
        t0 = time.perf_counter()
        if ch == "\b":
            QTest.keyClick(edit, Qt.Key.Key_Backspace)
        else:
            QTest.keyClick(edit, ch)
        if not _filter_applied(tab, edit):
            _fire(_pending_timers(tab))
        _paint(app, view)
        per_key.append(time.perf_counter() - t0)
        shown.append(model.rowCount())
        # What runs once typing pauses (debounced redraws), timed on its own.
        t0 = time.perf_counter()
        _fire(_pending_timers(tab))
        _settle(app)
        after_pause.append(time.perf_counter() - t0)
    return {
        "per_key": per_key,
        "after_pause": after_pause,
        "shown": shown,
        "total": total,
        "open": opened,
        "text": edit.text(),
    }


@scenario
def export_pdf(path: str, out: str) -> Result:
    """``dossier-app export FILE -o OUT`` in this process: the whole command, imports included."""
    t0 = time.perf_counter()
    from dossier_app.cli import main

    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        rc = main(["export", path, "-o", out])
    return {
        "t": time.perf_counter() - t0,
        "rc": rc,
        "peak_rss_mb": peak_rss_mb(),
        "output": sink.getvalue()[-500:],
    }


@scenario
def cold_start(mode: str, library: str) -> Result:
    """Process start to the first painted main window: the app on a library, or a bare window.

    The parent gives its launch time; this returns the wall-clock time of the
    first paint (both on ``time.time()``), and quits. The watch sits on the
    main window alone: a filter on the whole application would run Python for
    every event of every widget, which costs a window of many widgets tens of
    milliseconds that no user's start-up pays. A window paints itself before
    its children in one pass, so its first paint event starts that pass.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    painted: list[float] = []

    class PaintWatch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if not painted and event.type() == QEvent.Type.Paint:
                painted.append(0.0)
                # After this event: the whole window is painted in the same pass.
                QTimer.singleShot(0, done)
            return False

    def done() -> None:
        painted[0] = time.time()
        app = QApplication.instance()
        assert app is not None
        app.exit(0)

    original_exec = QApplication.exec
    watch = PaintWatch()

    def exec_watched(*_args: Any) -> int:
        app = QApplication.instance()
        assert app is not None
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMainWindow):
                widget.installEventFilter(watch)
        return original_exec()

    QApplication.exec = exec_watched  # type: ignore[method-assign]
    if mode == "app":
        from dossier_app.cli import main

        main([library])
    else:
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1280, 800)
        window.setWindowTitle("Bare")
        window.show()
        app.exec()
    return {"painted_at": painted[0] if painted else None}


def main() -> None:
    name, args = sys.argv[1], json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    result = SCENARIOS[name](**args)
    sys.stdout.flush()
    print("RESULT " + json.dumps(result), flush=True)
    # Skip interpreter teardown: Qt objects torn down late can print noise or crash.
    os._exit(0)


if __name__ == "__main__":
    main()
