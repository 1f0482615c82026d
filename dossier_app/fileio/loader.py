"""The one door through which dossier files are read.

``read_dossier`` never raises: whatever the file holds (or whatever stops it
being read), the answer is a ``LoadResult`` listing every problem at its line
and column, with a ``Dossier`` only when there is no error.
"""

from __future__ import annotations

import codecs
import gc
import os
import stat
from typing import BinaryIO

from ..domain.model import Dossier
from .build import build_dossier
from .collector import ProblemCollector
from .conflicts import conflict_marker_lines
from .dates import parse_date
from .events import INVALID, build_tree, offset_mark
from .evidence import check_sourcing
from .hashing import content_hash
from .problems import DossierError, LoadResult
from .schema import check_schema
from .validate import check_semantics
from .wording import describe, escaped

#: The version of what reading a file gives. Bump it with any change to the
#: loader, the checks or the domain objects that can change the result of
#: reading the same bytes: parse-cache entries of another version are not used.
READER_VERSION = 3

#: Larger files are refused before reading: a dossier of 10,000 developments is ~6 MB.
MAX_FILE_BYTES = 256 * 1024 * 1024

_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 20


def read_dossier(
    path: str | os.PathLike[str], evidence: bool = False, build: bool = True
) -> LoadResult:
    """Read and check a dossier file. Never raises.

    With ``build=False`` only the problems (and the ``reviewed`` date) are wanted
    (``check`` on a folder): every check runs as always, but no ``Dossier`` is
    made, so ``dossier`` stays None.

    With ``evidence`` the corroboration warnings (single origin, weak sourcing,
    stale figures as of today) and the archived copies beside the file are
    checked too: ``check`` asks for them; the parse cache, which keeps what
    depends on the bytes alone, and the GUI, which shows the flags live, do not.
    """
    name = os.fspath(path)
    sink = ProblemCollector(name)
    try:
        data = _read_bytes(name, sink)
    except FileNotFoundError:
        target = _link_target(name)
        if target is None:
            sink.error(1, 1, "no such file", code="file-not-found")
        else:
            sink.error(1, 1, f"broken link → {escaped(target)}", code="broken-link")
    except PermissionError:
        sink.error(1, 1, "permission denied: the file cannot be read", code="unreadable")
    except IsADirectoryError:
        sink.error(1, 1, "this is a folder, not a dossier file", code="not-a-file")
    except OSError as exc:
        sink.error(1, 1, f"the file cannot be read: {exc.strerror or exc}", code="unreadable")
    except (ValueError, MemoryError) as exc:  # e.g. a NUL in the path; a file too big for memory
        sink.error(1, 1, f"the file cannot be read: {exc}", code="unreadable")
    else:
        if data is not None:
            return parse_dossier_bytes(data, name, evidence=evidence, build=build)
    return LoadResult(path=name, dossier=None, problems=sink.finish())


def read_dossier_stream(stream: BinaryIO, name: str) -> LoadResult:
    """Read and check a dossier from an open binary stream (standard input); ``name`` names it
    in problems. Never raises."""
    sink = ProblemCollector(name)
    try:
        data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        sink.error(1, 1, f"the input cannot be read: {exc.strerror or exc}", code="unreadable")
    except (ValueError, MemoryError) as exc:  # a closed stream; more than memory holds
        sink.error(1, 1, f"the input cannot be read: {exc}", code="unreadable")
    else:
        if len(data) <= MAX_FILE_BYTES:
            return parse_dossier_bytes(data, name)
        _too_large(sink, len(data))
    return LoadResult(path=name, dossier=None, problems=sink.finish())


def _link_target(name: str) -> str | None:
    """Where ``name`` points when it is a symbolic link (one whose target is missing)."""
    try:
        return os.readlink(name) if os.path.islink(name) else None
    except (OSError, ValueError):
        return None


def _read_bytes(name: str, sink: ProblemCollector) -> bytes | None:
    """The file's bytes, or None with the reason in ``sink``; OSError passes through.

    Only regular files are read: a named pipe would block forever and a device
    such as /dev/zero never ends. The check happens before opening (opening a
    pipe is already a wait) and again on the open file, in case it was swapped.
    """
    if _not_a_file(os.stat(name).st_mode, sink):
        return None
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if _not_a_file(info.st_mode, sink):
            return None
        data = f.read(MAX_FILE_BYTES + 1) if info.st_size <= MAX_FILE_BYTES else b""
    if info.st_size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:
        _too_large(sink, max(info.st_size, len(data)))
        return None
    return data


def _too_large(sink: ProblemCollector, size: int) -> None:
    sink.error(
        1,
        1,
        f"the file is too large to be a dossier ({size // (1024 * 1024)} MB; "
        f"the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB)",
        code="too-large",
    )


def _not_a_file(mode: int, sink: ProblemCollector) -> bool:
    if stat.S_ISREG(mode):
        return False
    if stat.S_ISDIR(mode):
        sink.error(1, 1, "this is a folder, not a dossier file", code="not-a-file")
    else:
        sink.error(
            1,
            1,
            "not a regular file (a named pipe, device or socket); it was not read",
            code="not-a-file",
        )
    return True


def load_dossier(path: str | os.PathLike[str]) -> Dossier:
    """The dossier at ``path``; raises ``DossierError`` with every problem when one is an error."""
    result = read_dossier(path)
    if result.dossier is None or result.errors:
        raise DossierError(result.problems)
    return result.dossier


def parse_dossier_bytes(
    data: bytes, path: str, evidence: bool = False, build: bool = True
) -> LoadResult:
    """Check the bytes of a dossier file; ``path`` names it in problems. Never raises.

    Only with ``evidence`` does ``path`` locate the file (for its archived
    copies) and today's date count (see ``read_dossier``).
    """
    sink = ProblemCollector(path)
    result = LoadResult(path=path, dossier=None, content_hash=content_hash(data), data=data)
    # The loader makes many small containers and no reference cycles: the cyclic
    # collector would only walk them again and again (5-10 % of a big load).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        dossier = _parse(data, sink, evidence, build, result)
    except Exception as exc:  # a bug here must still not become a traceback for the user
        reason = f"{type(exc).__name__}: {exc!s:.200}"
        sink.error(1, 1, f"internal error while reading the file: {reason}", code="internal-error")
        dossier = None
    finally:
        if gc_was_enabled:
            gc.enable()
    result.problems = sink.finish()
    result.hidden_errors = sink.hidden_errors
    result.hidden_warnings = sink.hidden_warnings
    result.dossier = None if sink.has_errors else dossier
    return result


def _parse(
    data: bytes, sink: ProblemCollector, evidence: bool, build: bool, result: LoadResult
) -> Dossier | None:
    if not data or data.isspace():
        sink.error(
            1, 1, "the file is empty; a dossier starts with 'format: dossier/1'", code="empty-file"
        )
        return None
    if _merge_conflicts(data, sink):
        return None
    bad_byte = _first_non_utf8(data)
    if bad_byte is not None:
        line, col = offset_mark(data, bad_byte)
        sink.error(
            line,
            col,
            f"the file is not UTF-8 text: byte 0x{data[bad_byte]:02X} cannot be read "
            "(save the file as UTF-8)",
            code="not-utf8",
        )
        return None

    tree = build_tree(data, sink)
    if tree is None:
        return None  # YAML syntax error: what follows it was never read
    root = tree.root
    if tree.documents == 0:
        sink.error(
            1,
            1,
            "the file is empty (only comments); a dossier starts with 'format: dossier/1'",
            code="empty-file",
        )
        return None
    if root is INVALID:
        return None
    if not isinstance(root, dict):
        # An empty document's null has no place of its own: libyaml puts it at the next token.
        line, col = tree.root_mark if root is not None else (1, 1)
        sink.error(
            line,
            col,
            "the top level must be a mapping of keys (format:, company:, ...), "
            f"got {describe(root)}",
            code="wrong-type",
        )
        return None
    check_schema(tree, sink)
    check_semantics(tree, sink)
    if evidence and not sink.has_errors:  # flags and copies of a dossier that loads
        check_sourcing(tree, sink, sink.path)
    if sink.has_errors:
        return None
    reviewed = root.get("reviewed")
    result.reviewed = None if reviewed is None else parse_date(reviewed)
    if not build:
        return None
    return build_dossier(root, header_comments(data))


def _merge_conflicts(data: bytes, sink: ProblemCollector) -> bool:
    """Report git's conflict markers, which make the YAML meaningless; True when there are any."""
    lines = conflict_marker_lines(data)
    for line in lines:
        sink.error(
            line,
            1,
            "unresolved merge conflict: keep one side, remove the lines "
            "<<<<<<<, ======= and >>>>>>>, then save",
            code="merge-conflict",
        )
    return bool(lines)


def _first_non_utf8(data: bytes) -> int | None:
    """Offset of the first byte that is not UTF-8, or None; without a decoded copy of the file."""
    if data.isascii():
        return None
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    view = memoryview(data)
    try:
        for start in range(0, len(data), _CHUNK):
            decoder.decode(view[start : start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        try:  # the error path only: decode it all to get the exact offset
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return exc.start
    return None


def header_comments(data: bytes) -> list[str]:
    """The comment lines at the very top of the file, before any content (blank lines skipped)."""
    comments: list[str] = []
    pos = len(_BOM) if data.startswith(_BOM) else 0
    size = len(data)
    while pos < size:
        end = data.find(b"\n", pos)
        if end < 0:
            end = size
        line = data[pos:end].strip()
        pos = end + 1
        if line.startswith(b"#"):
            comments.append(line.decode("utf-8"))
        elif line:
            break
    return comments
