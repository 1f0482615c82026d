"""The adversarial corpus: hostile and broken dossier files, and how to run the CLI on them.

Small files are written by hand in ``corpus/``. The big and strange ones (a
50 MB string, 20,000-deep nesting, binary garbage, non-UTF-8 bytes, code
execution payloads pointing at a marker file, a folder, a FIFO, symlinks) are
generated into a temporary folder at test time, never committed.

Every case is a file ``check`` must reject with at least one
``FILE:LINE:COLUMN: error: ...`` line and exit 1.
"""

from __future__ import annotations

import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import REPO

HAND_WRITTEN = Path(__file__).resolve().parent / "corpus"

#: Address-space cap for a CLI run on a corpus file (the issue's 500 MB).
MEMORY_LIMIT = 500 * 1024 * 1024
#: The hard guard against a hang; the issue's target is 5 s (printed, never asserted).
CLI_TIMEOUT = 30.0
BIG = 50 * 1024 * 1024
DEPTH = 20_000

IS_ROOT = os.geteuid() == 0

#: ``FILE:LINE:COLUMN: error|warning: message``
PROBLEM_RE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<message>.+)$"
)


@dataclass(frozen=True)
class Case:
    """One corpus file and what ``check`` must say about it."""

    name: str
    #: At least one error on one of these lines (empty: any line).
    any_lines: frozenset[int] = frozenset()
    #: An error on each of these lines: all problems come in one run.
    all_lines: frozenset[int] = frozenset()
    #: At least one error message mentions one of these (lower-case); empty: anything.
    words: tuple[str, ...] = ()
    #: Safe to read inside the test process (the GUI test): /dev/zero is not.
    in_process: bool = True
    #: Why the file is hostile, for the test ids and the report.
    about: str = ""


def _c(
    name: str,
    about: str,
    any_lines: tuple[int, ...] = (),
    all_lines: tuple[int, ...] = (),
    words: tuple[str, ...] = (),
    in_process: bool = True,
) -> Case:
    return Case(name, frozenset(any_lines), frozenset(all_lines), words, in_process, about)


HAND_CASES: tuple[Case, ...] = (
    _c("syntax-unclosed-flow.yaml", "flow sequence never closed", any_lines=(4, 5)),
    _c("syntax-bad-indent.yaml", "key indented one column too far", any_lines=(4,)),
    _c("syntax-tab-indent.yaml", "tab used for indentation", any_lines=(3,)),
    _c("syntax-unterminated-quote.yaml", "double quote never closed", any_lines=(3, 4, 5)),
    _c("two-documents.yaml", "two YAML documents in one file", any_lines=(4,)),
    _c("duplicate-keys.yaml", "company.sector given twice", any_lines=(5,),
       words=("duplicate",)),
    _c("duplicate-top-keys.yaml", "top-level sources given twice", any_lines=(6,),
       words=("duplicate",)),
    _c("wrong-types.yaml", "a wrong type on every other line",
       all_lines=(4, 5, 6, 9, 14, 15, 16, 20)),
    _c("company-not-mapping.yaml", "company is a string", any_lines=(2,)),
    _c("missing-required.yaml", "no format, no name, no id/title/date/value",
       all_lines=(4, 6, 8, 11)),
    _c("wrong-format-version.yaml", "format: dossier/2", any_lines=(1,), words=("format",)),
    _c("bad-date-2021-13-45.yaml", "month 13, day 45", any_lines=(6,)),
    _c("bad-date-2021-02-30.yaml", "30 February", any_lines=(6,)),
    _c("bad-date-yesterday.yaml", "the word 'yesterday' as a date", any_lines=(6,)),
    _c("bad-dates-misc.yaml", "partial where full needed, 2021-1, year 0, a time, `no`",
       all_lines=(4, 8, 9, 12, 16, 20)),
    _c("duplicate-ids.yaml", "the same id twice in each list", all_lines=(7, 14, 24)),
    _c("missing-source-ref.yaml", "sources that do not exist", all_lines=(11, 17)),
    _c("bad-id-syntax.yaml", "ids with spaces, capitals, a leading dash", all_lines=(5, 8)),
    _c("out-of-set.yaml", "marking, reliability, credibility, qualifier out of set",
       all_lines=(4, 8, 13, 20)),
    _c("yaml11-traps.yaml", "`no`, `yes`, `true` where strings and grades belong",
       all_lines=(8, 12, 13)),
    _c("non-string-keys.yaml", "int, null, date and list as mapping keys",
       any_lines=(4, 5, 6, 7)),
    _c("top-level-list.yaml", "a list instead of a mapping", any_lines=(1,)),
    _c("top-level-scalar.yaml", "a string instead of a mapping", any_lines=(1,)),
    _c("empty.yaml", "zero bytes", any_lines=(1,)),
    _c("comments-only.yaml", "comments and blank lines only"),
    _c("explicit-null-document.yaml", "--- ... (an empty document)"),
    _c("python-tags.yaml", "!!python/name, object/new, tuple, object tags",
       all_lines=(3, 4, 5, 8), words=("tag",)),
    _c("custom-tags.yaml", "local and foreign tags", all_lines=(3, 5), words=("tag",)),
    _c("billion-laughs.yaml", "9^9 'lol' through nested aliases"),
    _c("recursive-alias.yaml", "a mapping that contains itself"),
)


@dataclass
class Corpus:
    folder: Path
    #: Where the code-execution payloads would create their files.
    marker_dir: Path
    cases: list[Case] = field(default_factory=list)

    def path(self, case: Case) -> Path:
        return self.folder / case.name


# -- generators -------------------------------------------------------------

_MINI = "format: dossier/1\ncompany:\n  name: Generated Ltd\n"


def _big_format_value(path: Path) -> None:
    """A 50 MB plain scalar as the format string: an error whose value must not be echoed."""
    with path.open("wb") as f:
        f.write(b"format: ")
        f.write(b"A" * BIG)
        f.write(b"\ncompany:\n  name: Big Format Ltd\n")


def _big_quoted_date(path: Path) -> None:
    """A 50 MB double-quoted string where a date belongs."""
    with path.open("wb") as f:
        f.write(b"format: dossier/1\ncompany:\n  name: Big Date Ltd\ntimeline:\n")
        f.write(b'  - id: big\n    date: "')
        f.write(b"2021-" * (BIG // 5))
        f.write(b'"\n    title: A date of 50 MB\n')


def _big_summary_then_error(path: Path) -> None:
    """A 50 MB block-literal summary, then a wrong format version after it."""
    line = b"    " + b"lorem ipsum dolor sit amet " * 3 + b"\n"
    with path.open("wb") as f:
        f.write(b"company:\n  name: Big Summary Ltd\n  summary: |\n")
        f.write(line * (BIG // len(line)))
        f.write(b"format: dossier/9\n")


def _deep_flow_seq(path: Path) -> None:
    path.write_text(_MINI + "tags: " + "[" * DEPTH + "]" * DEPTH + "\n", encoding="utf-8")


def _deep_flow_map(path: Path) -> None:
    path.write_text("{a: " * DEPTH + "x" + "}" * DEPTH + "\n", encoding="utf-8")


def _deep_block_seq(path: Path) -> None:
    # Compact nested block sequences ("- - - x") reach the depth without a 400 MB indent.
    path.write_text(_MINI + "timeline:\n  " + "- " * DEPTH + "x\n", encoding="utf-8")


def _deep_aliases(path: Path) -> None:
    """A wide alias fan-out: small file, 10^8 nodes when expanded."""
    lols = ", ".join(['"lol"'] * 10)
    lines = [_MINI, f"l0: &l0 [{lols}]\n"]
    for i in range(1, 9):
        refs = ", ".join([f"*l{i - 1}"] * 10)
        lines.append(f"l{i}: &l{i} [{refs}]\n")
    lines.append("sources: *l8\n")
    path.write_text("".join(lines), encoding="utf-8")


def _binary_random(path: Path) -> None:
    path.write_bytes(random.Random(6).randbytes(256 * 1024))


def _binary_header(path: Path) -> None:
    # A PNG signature, NULs and bytes that are not UTF-8, like a picture renamed .yaml.
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64)


def _latin1(path: Path) -> None:
    path.write_bytes(b"format: dossier/1\ncompany:\n  name: Z\xfcrich Versicherung AG\n")


def _truncated_utf8(path: Path) -> None:
    # A valid dossier cut in the middle of a three-byte character.
    path.write_bytes(_MINI.encode() + "summary: 阿里巴巴".encode()[:-1])


def _utf8_surrogate(path: Path) -> None:
    # CESU-8 style encoded surrogate: not valid UTF-8.
    path.write_bytes(_MINI.encode() + b"  short_name: \xed\xa0\x80\n")


def _nul_byte(path: Path) -> None:
    path.write_bytes(b"format: dossier/1\ncompany:\n  name: Nul\x00Byte Ltd\n")


def _folder(path: Path) -> None:
    path.mkdir()


def _dangling_symlink(path: Path) -> None:
    path.symlink_to(path.parent / "does-not-exist" / "gone.yaml")


def _symlink_loop(path: Path) -> None:
    path.symlink_to(path)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _unreadable(path: Path) -> None:
    path.write_text(_MINI + "tags: [", encoding="utf-8")
    path.chmod(0)


def _payloads(marker_dir: Path) -> dict[str, str]:
    """Files that run code if anything constructs Python objects from tags."""
    m = marker_dir
    return {
        "apply-os-system.yaml": (
            "format: dossier/1\ncompany:\n"
            f'  name: !!python/object/apply:os.system ["touch {m}/os-system"]\n'
        ),
        "apply-top-level.yaml": f'!!python/object/apply:os.system ["touch {m}/top-level"]\n',
        "apply-exec.yaml": (
            "format: dossier/1\ncompany:\n  name: Exec Ltd\n"
            "summary: !!python/object/apply:builtins.exec\n"
            f"  - \"open('{m}/exec', 'w').write('ran')\"\n"
        ),
        "apply-subprocess.yaml": (
            "format: dossier/1\ncompany:\n  name: Popen Ltd\ntags:\n"
            "  - !!python/object/apply:subprocess.call\n"
            f"    args: [[touch, {m}/subprocess]]\n"
        ),
        "apply-in-key.yaml": (
            "format: dossier/1\ncompany:\n  name: Key Ltd\n"
            f'? !!python/object/apply:os.system ["touch {m}/in-key"]\n: value\n'
        ),
        "apply-new-with-state.yaml": (
            "format: dossier/1\ncompany:\n  name: State Ltd\n"
            "extra: !!python/object/new:type\n"
            "  args: [z, !!python/tuple [], {}]\n"
            "  state: !!python/object/apply:os.system\n"
            f'    ["touch {m}/new-state"]\n'
        ),
    }


GENERATED: tuple[tuple[Case, Callable[[Path], None]], ...] = (
    (_c("big-format-value.yaml", "a 50 MB plain scalar as the format", any_lines=(1,)),
     _big_format_value),
    (_c("big-quoted-date.yaml", "a 50 MB quoted string as a date", any_lines=(6,)),
     _big_quoted_date),
    (_c("big-summary.yaml", "a 50 MB block literal, then an error"), _big_summary_then_error),
    (_c("deep-flow-seq.yaml", "20,000 nested [ ]"), _deep_flow_seq),
    (_c("deep-flow-map.yaml", "20,000 nested { }"), _deep_flow_map),
    (_c("deep-block-seq.yaml", "20,000 nested block sequences"), _deep_block_seq),
    (_c("alias-fanout.yaml", "10^8 nodes through aliases"), _deep_aliases),
    (_c("binary-random.yaml", "256 KiB of random bytes", any_lines=(1,)), _binary_random),
    (_c("binary-png.yaml", "a PNG renamed .yaml"), _binary_header),
    (_c("latin1.yaml", "Latin-1 bytes, not UTF-8"), _latin1),
    (_c("truncated-utf8.yaml", "cut inside a multi-byte character"), _truncated_utf8),
    (_c("utf8-surrogate.yaml", "an encoded surrogate"), _utf8_surrogate),
    (_c("nul-byte.yaml", "a NUL byte inside a name"), _nul_byte),
    (_c("folder.yaml", "a folder named like a dossier", any_lines=(1,)), _folder),
    (_c("dangling-symlink.yaml", "a symlink to nothing", any_lines=(1,)), _dangling_symlink),
    (_c("symlink-loop.yaml", "a symlink to itself", any_lines=(1,)), _symlink_loop),
    (_c("fifo.yaml", "a named pipe: reading it would block forever", any_lines=(1,)), _fifo),
    (_c("dev-zero.yaml", "a symlink to /dev/zero: endless bytes", any_lines=(1,),
        in_process=False), _dev_zero),
)


def build_corpus(folder: Path, marker_dir: Path) -> Corpus:
    folder.mkdir(parents=True, exist_ok=True)
    marker_dir.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(folder, marker_dir)
    for case in HAND_CASES:
        shutil.copyfile(HAND_WRITTEN / case.name, folder / case.name)
        corpus.cases.append(case)
    for name, text in _payloads(marker_dir).items():
        (folder / name).write_text(text, encoding="utf-8")
        corpus.cases.append(_c(name, "code-execution payload", words=("tag",)))
    for case, make in GENERATED:
        make(folder / case.name)
        corpus.cases.append(case)
    if not IS_ROOT:  # root reads a mode-000 file anyway
        _unreadable(folder / "unreadable.yaml")
        corpus.cases.append(_c("unreadable.yaml", "mode 000", any_lines=(1,)))
    return corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("adversarial")
    return build_corpus(root / "library", root / "markers")


def all_case_names() -> list[str]:
    """Every case name, known before the corpus is built (for parametrize)."""
    names = [c.name for c in HAND_CASES]
    names += list(_payloads(Path("/x")))
    names += [c.name for c, _ in GENERATED]
    if not IS_ROOT:
        names.append("unreadable.yaml")
    return names


def case_named(corpus: Corpus, name: str) -> Case:
    return next(c for c in corpus.cases if c.name == name)


def snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Name -> (mode, size, mtime_ns) of every entry, without following symlinks."""
    out = {}
    for entry in os.scandir(folder):
        st = entry.stat(follow_symlinks=False)
        out[entry.name] = (st.st_mode, st.st_size, st.st_mtime_ns)
    return out


# -- running the CLI under limits -----------------------------------------------


@dataclass
class CliRun:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


#: ``python -m dossier_app ARGS``, plus the peak resident memory of this very process
#: written at exit. (``wait4``'s ``ru_maxrss`` is no good: a forked child inherits the
#: test process's high-water mark. ``VmHWM`` belongs to the program after ``exec``.)
_RUNNER = """
import atexit, os, runpy, sys

def _peak():
    with open("/proc/self/status") as f, open(os.environ["DOSSIER_PEAK_FILE"], "w") as out:
        out.write(next(line for line in f if line.startswith("VmHWM:")).split()[1])

atexit.register(_peak)
sys.argv = ["dossier-app", *sys.argv[1:]]
runpy.run_module("dossier_app", run_name="__main__", alter_sys=True)
"""


def peak_kb(path: Path) -> float:
    try:
        return float(path.read_text() or 0)
    except (OSError, ValueError):
        return 0.0


def run_cli(args: list[str], cwd: Path, timeout: float = CLI_TIMEOUT) -> CliRun:
    """``python -m dossier_app ARGS`` with a 500 MB address-space cap and a hard timeout.

    Output goes to files (a pipe could fill and stall the child).
    """
    with tempfile.TemporaryDirectory() as tmp:
        peak_file = Path(tmp) / "peak"
        env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONFAULTHANDLER="1",
                   DOSSIER_PEAK_FILE=str(peak_file))
        with (Path(tmp) / "out").open("w+b") as out, (Path(tmp) / "err").open("w+b") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-c", _RUNNER, *args],
                cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                preexec_fn=_limit_memory,
            )
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                raise AssertionError(
                    f"{args} still running after {timeout:.0f} s: killed"
                ) from None
            seconds = time.perf_counter() - start
            out.seek(0)
            err.seek(0)
            return CliRun(
                proc.returncode,
                out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"),
                seconds,
                peak_kb(peak_file) / 1024,
            )


# -- a FIFO must never be opened --------------------------------------------------


class FifoWatch:
    """Notices anyone opening a FIFO for reading, and unblocks them with an EOF.

    Opening a FIFO's write end without blocking only succeeds while a reader
    has it open: then we know someone tried to read it, and closing our end
    hands them end-of-file so the test cannot hang.
    """

    def __init__(self, fifos: list[Path]) -> None:
        self.fifos = fifos
        self.opened: list[Path] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            for fifo in self.fifos:
                try:
                    fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
                except OSError:
                    continue
                self.opened.append(fifo)
                os.close(fd)

    def __enter__(self) -> FifoWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@pytest.fixture
def fifo_watch(corpus: Corpus) -> Iterator[FifoWatch]:
    fifos = [corpus.path(c) for c in corpus.cases if corpus.path(c).is_fifo()]
    with FifoWatch(fifos) as watch:
        yield watch
