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

from ..domain.model import Dossier
from .build import build_dossier
from .collector import ProblemCollector
from .dates import parse_date
from .events import INVALID, build_tree, offset_mark
from .hashing import content_hash
from .problems import DossierError, LoadResult
from .schema import check_schema
from .validate import check_semantics
from .wording import describe

#: Larger files are refused before reading: a dossier of 10,000 developments is ~6 MB.
MAX_FILE_BYTES = 256 * 1024 * 1024

_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 20


def read_dossier(path: str | os.PathLike[str], build: bool = True) -> LoadResult:
    """Read and check a dossier file. Never raises.

    With ``build=False`` only the problems are wanted (``check``): every check runs
    as always, but no ``Dossier`` is made, so ``dossier`` stays None.
    """
    name = os.fspath(path)
    sink = ProblemCollector(name)
    try:
        data = _read_bytes(name, sink)
    except FileNotFoundError:
        sink.error(1, 1, "no such file")
    except PermissionError:
        sink.error(1, 1, "permission denied: the file cannot be read")
    except IsADirectoryError:
        sink.error(1, 1, "this is a folder, not a dossier file")
    except OSError as exc:
        sink.error(1, 1, f"the file cannot be read: {exc.strerror or exc}")
    except (ValueError, MemoryError) as exc:  # e.g. a NUL in the path; a file too big for memory
        sink.error(1, 1, f"the file cannot be read: {exc}")
    else:
        if data is not None:
            return parse_dossier_bytes(data, name, build)
    return LoadResult(path=name, dossier=None, problems=sink.finish())


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
        size = max(info.st_size, len(data)) // (1024 * 1024)
        sink.error(
            1,
            1,
            f"the file is too large to be a dossier ({size} MB; "
            f"the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB)",
        )
        return None
    return data


def _not_a_file(mode: int, sink: ProblemCollector) -> bool:
    if stat.S_ISREG(mode):
        return False
    if stat.S_ISDIR(mode):
        sink.error(1, 1, "this is a folder, not a dossier file")
    else:
        sink.error(1, 1, "not a regular file (a named pipe, device or socket); it was not read")
    return True


def load_dossier(path: str | os.PathLike[str]) -> Dossier:
    """The dossier at ``path``; raises ``DossierError`` with every problem when one is an error."""
    result = read_dossier(path)
    if result.dossier is None or result.errors:
        raise DossierError(result.problems)
    return result.dossier


def parse_dossier_bytes(data: bytes, path: str, build: bool = True) -> LoadResult:
    """Check the bytes of a dossier file; ``path`` only names it in problems. Never raises.

    ``build=False``: the problems alone, as for ``read_dossier``.
    """
    sink = ProblemCollector(path)
    result = LoadResult(path=path, dossier=None, content_hash=content_hash(data))
    # The loader makes many small containers and no reference cycles: the cyclic
    # collector would only walk them again and again (5-10 % of a big load).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        dossier = _parse(data, sink, build, result)
    except Exception as exc:  # a bug here must still not become a traceback for the user
        reason = f"{type(exc).__name__}: {exc!s:.200}"
        sink.error(1, 1, f"internal error while reading the file: {reason}")
        dossier = None
    finally:
        if gc_was_enabled:
            gc.enable()
    result.problems = sink.finish()
    result.dossier = None if sink.has_errors else dossier
    return result


def _parse(
    data: bytes, sink: ProblemCollector, build: bool, result: LoadResult
) -> Dossier | None:
    if not data or data.isspace():
        sink.error(1, 1, "the file is empty; a dossier starts with 'format: dossier/1'")
        return None
    bad_byte = _first_non_utf8(data)
    if bad_byte is not None:
        line, col = offset_mark(data, bad_byte)
        sink.error(
            line,
            col,
            f"the file is not UTF-8 text: byte 0x{data[bad_byte]:02X} cannot be read "
            "(save the file as UTF-8)",
        )
        return None

    tree = build_tree(data, sink)
    if tree is None:
        return None  # YAML syntax error: what follows it was never read
    root = tree.root
    if tree.documents == 0:
        sink.error(
            1, 1, "the file is empty (only comments); a dossier starts with 'format: dossier/1'"
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
        )
        return None
    check_schema(tree, sink)
    check_semantics(tree, sink)
    if sink.has_errors:
        return None
    reviewed = root.get("reviewed")
    result.reviewed = None if reviewed is None else parse_date(reviewed)
    if not build:
        return None
    return build_dossier(root, header_comments(data))


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
