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
def faithful_save(path: str, out_dir: str, repeat: int) -> Result:
    """One development's title changed, saved faithfully over the original bytes, against
    ``yaml.dump(plain data, CSafeDumper)`` of the same file."""
    import yaml

    from dossier_app.fileio.faithful import FaithfulBase
    from dossier_app.fileio.loader import parse_dossier_bytes
    from dossier_app.fileio.writer import save_dossier

    with open(path, "rb") as fh:
        original = fh.read()
    t0 = time.perf_counter()
    base = FaithfulBase.prepare(original, checked=True)  # built when the document opens
    prepare = time.perf_counter() - t0
    plain = yaml.load(original, Loader=yaml.CSafeLoader)
    dossier = parse_dossier_bytes(original, path).dossier
    assert dossier is not None
    middle = dossier.timeline[len(dossier.timeline) // 2]
    target = Path(out_dir) / "saved.yaml"
    times: dict[str, list[float]] = {"save": [], "yaml_dump": [], "save_cold": []}
    for i in range(repeat):
        t0 = time.perf_counter()
        yaml.dump(plain, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        times["yaml_dump"].append(time.perf_counter() - t0)
        middle.title = f"Edited title {i}"
        t0 = time.perf_counter()
        save_dossier(dossier, target, original=base)
        times["save"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        save_dossier(dossier, target, original=original)  # the base prepared by the save
        times["save_cold"].append(time.perf_counter() - t0)
    old, new = original.splitlines(), target.read_bytes().splitlines()
    changed = sum(a != b for a, b in zip(old, new, strict=True)) if len(old) == len(new) else -1
    result: Result = {k: statistics.median(v) for k, v in times.items()}
    result["changed_lines"] = changed
    result["prepare"] = prepare
    return result


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


@scenario
def import_page(folder: str, size: int) -> Result:
    """Importing a generated saved page of ``size`` bytes into an open dossier, in-process:
    extraction, archived copy and text, atomic save. Loading the libraries and the dossier
    comes first and is timed apart (a running app does both once, ahead of the import)."""
    import shutil

    from bench.saved_page import saved_page

    work = Path(folder)
    page = work / "saved.html"
    page.write_bytes(saved_page(size))
    dossier_path = work / "alibaba.yaml"
    shutil.copyfile(REPO / "dossiers" / "alibaba.yaml", dossier_path)

    t0 = time.perf_counter()
    import lxml.html

    loaded_lxml = time.perf_counter()
    lxml.html.fromstring(page.read_bytes())
    baseline = time.perf_counter() - loaded_lxml

    t0 = time.perf_counter()
    import htmldate  # noqa: F401
    import trafilatura  # noqa: F401

    from dossier_app.fileio.article import extract_article
    from dossier_app.fileio.loader import load_dossier
    from dossier_app.fileio.source_import import import_source

    dossier = load_dossier(dossier_path)  # the open dossier the page is imported into
    imports = time.perf_counter() - t0
    t0 = time.perf_counter()
    article = extract_article(page)
    extracted = time.perf_counter() - t0
    imported = import_source(dossier, dossier_path, article, page.name)
    total = time.perf_counter() - t0
    return {
        "t": total, "imports": imports, "extract": extracted,
        "baseline": baseline, "bytes": page.stat().st_size,
        "text_chars": len(article.text or ""), "id": imported.source.id,
        "missing": list(article.missing),
    }
@scenario
def import_gui(folder: str, size: int) -> Result:
    """File ▸ Import Source… in the window, offscreen: from the start of the import to the
    prefilled form, with a 5 ms timer on the GUI thread measuring its longest stall
    (trafilatura is loaded by the worker, as in a fresh app)."""
    import os
    import shutil

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from bench.saved_page import saved_page

    work = Path(folder)
    page = work / "saved.html"
    page.write_bytes(saved_page(size))
    shutil.copyfile(REPO / "dossiers" / "alibaba.yaml", work / "alibaba.yaml")
    app = QApplication.instance() or QApplication([])
    from dossier_app.ui.editing.controller import install_edit_controller
    from dossier_app.ui.window.main_window import MainWindow

    window = MainWindow(library_folder=work, remember_folder=False)
    controller = install_edit_controller(window, None, work / "recovery")
    window.show()
    window.open_path(work / "alibaba.yaml")
    for _ in range(20):
        app.processEvents()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    t0 = time.perf_counter()
    controller.importer.start(page)  # type: ignore[attr-defined]
    while controller.form is None and time.perf_counter() - t0 < 30:
        app.processEvents()
        time.sleep(0.001)
    t_form = time.perf_counter() - t0
    timer.stop()
    gaps = [b - a for a, b in zip([t0, *ticks], ticks, strict=False)]
    return {"t": t_form, "stall": max(gaps, default=t_form), "ticks": len(ticks)}


# -- history: diff, merge, since review (no Qt) -----------------------------------
def _edited(dossier: Any, phase: int, added: int) -> Any:
    """A copy with 1 % of each list's items changed (every hundredth, from ``phase``)
    and ``added`` new developments: the edits of a working day or two."""
    import copy
    import dataclasses

    from dossier_app.domain.dates import PartialDate
    from dossier_app.domain.model import Development

    d = copy.deepcopy(dossier)
    for attr in ("timeline", "sources", "figures"):
        items = getattr(d, attr)
        step = 100 if len(items) >= 100 else max(1, len(items))
        for i in range(phase % step, len(items), step):
            item = items[i]
            if attr == "figures":
                items[i] = dataclasses.replace(item, value=item.value + 1)
            else:
                items[i] = dataclasses.replace(item, title=f"{item.title} (revised {phase})")
    for k in range(added):
        dev = Development(id=f"new-{phase}-{k}", date=PartialDate(2025, 1 + k % 12),
                          title=f"New development {k} of side {phase}",
                          sources=[d.sources[0].id])
        d.timeline.insert(d.chronological_insert_index(dev.date), dev)
    return d


@scenario
def history_prepare(path: str, out_dir: str) -> Result:
    """Versions of the big dossier: OURS and THEIRS, each with 1 % of items changed (and a
    few developments added), and a git repository whose history holds the reviewed version."""
    import datetime as _dt

    from dulwich import porcelain
    from dulwich.repo import Repo

    from dossier_app.domain.dates import PartialDate
    from dossier_app.fileio.loader import load_dossier
    from dossier_app.fileio.writer import dump_dossier

    out = Path(out_dir)
    base = load_dossier(path)
    files = {"base": base, "ours": _edited(base, 0, 10), "theirs": _edited(base, 50, 10)}
    for name, dossier in files.items():
        (out / f"{name}.yaml").write_text(dump_dossier(dossier), encoding="utf-8")

    # A team's repository: the dossier reviewed on 22 Sep 2021, then a day of edits.
    repo_dir = out / "repo"
    repo_dir.mkdir()
    reviewed = files["base"]
    reviewed.reviewed = PartialDate(2021, 9, 22)
    later = files["ours"]
    later.reviewed = reviewed.reviewed
    target = repo_dir / "dossier.yaml"
    author = b"Bench <bench@example.org>"
    with Repo.init(str(repo_dir)) as repo:
        for i, (dossier, day) in enumerate(((reviewed, "2021-09-22"), (later, "2021-10-04"))):
            target.write_text(dump_dossier(dossier), encoding="utf-8")
            for j in range(3):  # other files committed alongside, as in a team's library
                (repo_dir / f"other-{j}.yaml").write_text(f"n: {i}\n", encoding="utf-8")
            porcelain.add(repo, [str(target), *(str(repo_dir / f"other-{j}.yaml")
                                                 for j in range(3))])
            stamp = _dt.datetime.fromisoformat(day + "T12:00:00+00:00").timestamp()
            porcelain.commit(repo, f"Version {i}", author=author, committer=author,
                             author_timestamp=stamp, commit_timestamp=stamp,
                             author_timezone=0, commit_timezone=0)
    # The same later version outside git, with a copy kept at the review.
    loose = out / "loose"
    loose.mkdir()
    (loose / "dossier.yaml").write_text(dump_dossier(reviewed), encoding="utf-8")
    (out / "later.yaml").write_text(dump_dossier(later), encoding="utf-8")
    return {"repo_file": str(target), "loose_file": str(loose / "dossier.yaml"),
            "later_file": str(out / "later.yaml")}


@scenario
def history_snapshot(path: str, later: str) -> Result:
    """Mark Reviewed on a dossier outside git (the copy kept), then a later version saved."""
    import shutil

    from dossier_app.fileio.snapshots import snapshot_reviewed

    with open(path, "rb") as fh:
        data = fh.read()
    t0 = time.perf_counter()
    snapshot_reviewed(path, data)
    snap = time.perf_counter() - t0
    shutil.copyfile(later, path)
    return {"snapshot": snap}


@scenario
def history_diff(old: str, new: str) -> Result:
    """The semantic diff of two loaded versions; and ``dossier-app diff`` as a whole."""
    from dossier_app.cli import main
    from dossier_app.domain.diff import diff_dossiers
    from dossier_app.fileio.loader import load_dossier

    a, b = load_dossier(old), load_dossier(new)
    gc.collect()
    t0 = time.perf_counter()
    diff = diff_dossiers(a, b)
    t_diff = time.perf_counter() - t0
    sink = io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        rc = main(["diff", old, new])
    return {"diff": t_diff, "command": time.perf_counter() - t0, "rc": rc,
            "changes": len(diff), "summary": diff.summary()}


@scenario
def history_merge(base: str, ours: str, theirs: str, work: str) -> Result:
    """The three-way merge of loaded versions and its text; and ``dossier-app merge`` whole."""
    import shutil

    from dossier_app.commands.merge import run_merge
    from dossier_app.domain.merge import merge_dossiers
    from dossier_app.fileio.loader import load_dossier
    from dossier_app.fileio.mergefile import render_merge

    b, o, t = load_dossier(base), load_dossier(ours), load_dossier(theirs)
    gc.collect()
    t0 = time.perf_counter()
    result = merge_dossiers(b, o, t)
    t_merge = time.perf_counter() - t0
    t0 = time.perf_counter()
    render_merge(result)
    t_text = time.perf_counter() - t0
    shutil.copyfile(ours, work)
    sink = io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        rc = run_merge(base, work, theirs)
    return {"merge": t_merge, "text": t_text, "command": time.perf_counter() - t0, "rc": rc,
            "conflicts": len(result.conflicts), "output": sink.getvalue()[-300:]}


@scenario
def history_since_review(path: str, warm_imports: bool = False) -> Result:
    """Open as the GUI reads a file (parse cache), then the Overview's "since review" line.

    ``warm_imports``: dulwich already imported, as the GUI has it once a first dossier
    under git was opened (or after importing it off the first paint); its import is
    timed apart."""
    from dossier_app.fileio.cache import read_dossier_cached
    from dossier_app.fileio.review import since_review

    t_import = 0.0
    if warm_imports:
        t0 = time.perf_counter()
        import dulwich.object_store
        import dulwich.repo  # noqa: F401

        t_import = time.perf_counter() - t0

    t0 = time.perf_counter()
    loaded = read_dossier_cached(path)
    t_open = time.perf_counter() - t0
    assert loaded.dossier is not None
    t0 = time.perf_counter()
    result = since_review(path, loaded.dossier, content_hash=loaded.content_hash)
    t_summary = time.perf_counter() - t0
    return {"open": t_open, "summary_t": t_summary, "import": t_import,
            "summary": result.summary() if result is not None else None,
            "origin": result.baseline.origin if result is not None else None}

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

    from dossier_app.ui.window.main_window import MainWindow

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
    """``dossier-app export FILE -o OUT`` in this process: the whole command, imports included.

    The format follows OUT's suffix (.pdf, .docx, .md, .xlsx, .csv).
    """
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    from dossier_app.cli import main

    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        rc = main(["export", path, "-o", out])
    return {
        "t": time.perf_counter() - t0,
        "cpu": time.process_time() - cpu0,
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
