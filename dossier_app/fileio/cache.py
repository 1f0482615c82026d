"""The parse cache: a file read before opens again without parsing it.

Parsing and validating a big dossier takes most of the time of opening it.
The result only depends on the file's bytes and on this code, so it is kept
in the user cache folder (``…/dossier-app/parse/``) under a key made of a
quick checksum of the bytes and a fingerprint of the code that made it. An
entry holds the content hash of the bytes it was made from and a checksum of
itself, and is used only when both hold (they are worked out on another core
while the entry loads, straight from the mapped file); anything wrong with an
entry (unreadable, truncated, flipped bits, made by other code or other
bytes) makes it a miss and it is removed. The folder is safe to delete at any
time; it is kept under a size bound by dropping the least recently used
entries.

Entries are pickles of the ``LoadResult`` in which every domain object is
reduced to its constructor arguments, the timeline is kept column by column
(one list per field, dates as indexes into a table of the distinct dates) and
equal partial dates are shared: that loads about as fast as Python can build
the objects, and the unpickler accepts only the app's own classes.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import gc
import hashlib
import io
import mmap
import operator
import os
import pickle
import stat
import struct
import sys
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import platformdirs

from .. import __version__
from ..domain.dates import PartialDate
from ..domain.model import Company, Development, Dossier, Figure, Judgement, Source
from .hashing import content_hash
from .problems import LoadResult, Problem
from .yamltypes import Timestamp

#: Bump when the layout of an entry changes.
CACHE_FORMAT = 3
#: Entries beyond this total size are evicted, least recently used first.
MAX_CACHE_BYTES = 200 * 1024 * 1024
#: Files larger than this are read without the cache (the loader sets its own limit).
MAX_ENTRY_SOURCE_BYTES = 96 * 1024 * 1024

_MAGIC = b"DOSSIERCACHE\x00"
_HEADER = struct.Struct("<QI")  # payload length, CRC-32 of the payload
_SUFFIX = ".pickle"

_DOMAIN_CLASSES: tuple[type, ...] = (Dossier, Company, Source, Development, Figure, Judgement)
#: Below this size the checks are worked out inline (a thread costs more).
_CHECK_IN_THREAD = 256 * 1024


def cache_dir() -> Path:
    """The folder holding parse-cache entries (it may not exist yet)."""
    return Path(platformdirs.user_cache_dir("dossier-app", "Dossier")) / "parse"


def read_dossier_cached(path: str | os.PathLike[str], directory: Path | None = None) -> LoadResult:
    """``read_dossier(path)``, answered from the parse cache when the bytes are unchanged.

    Never raises, like ``read_dossier``. A miss parses the bytes once and
    stores the result for next time; a cache that cannot be written is ignored.
    """
    name = os.fspath(path)
    try:
        # Regular files only: opening a named pipe waits forever and /dev/zero never
        # ends (the loader says what such a path is); the read is bounded all the same.
        if not stat.S_ISREG(os.stat(name).st_mode):
            raise OSError(name)
        with open(name, "rb") as fh:
            too_big = os.fstat(fh.fileno()).st_size > MAX_ENTRY_SOURCE_BYTES
            data = b"" if too_big else fh.read(MAX_ENTRY_SOURCE_BYTES + 1)
            too_big = too_big or len(data) > MAX_ENTRY_SOURCE_BYTES
    except (OSError, ValueError):
        too_big = True
    if too_big:
        from .loader import read_dossier

        return read_dossier(path)  # unreadable or huge: the loader words the problem
    folder = cache_dir() if directory is None else directory
    entry = folder / f"{_code_fingerprint()}-{_quick_key(data)}{_SUFFIX}"
    cached, digest = _load_entry(entry, data)
    if cached is not None and cached.content_hash == digest:
        with suppress(OSError):
            os.utime(entry)  # recently used: evicted last
        return _repath(cached, name)
    if cached is not None:
        _unlink(entry)  # made from other bytes with the same checksum
    from .loader import parse_dossier_bytes  # a hit needs neither YAML nor the schema

    result = parse_dossier_bytes(data, name)
    if result.content_hash is None:
        result.content_hash = digest
    _write_entry(folder, entry, result)
    return result


def clear_cache(directory: Path | None = None) -> None:
    """Remove every entry (the folder itself stays)."""
    folder = cache_dir() if directory is None else directory
    for p in _entries(folder):
        _unlink(p)


def _quick_key(data: bytes) -> str:
    """Names the entry: size and CRC-32 (a millisecond for megabytes; verified by the hash)."""
    return f"{len(data):x}-{zlib.crc32(data):08x}"


class _Checks:
    """What an entry is trusted on, worked out beside the caller (hashlib and zlib let go
    of the GIL): the content hash of the bytes read, and whether the entry's payload
    has the checksum its header gives. Loading the entry costs its unpickling alone."""

    def __init__(self, data: bytes, payload: memoryview, crc: int) -> None:
        self._data: bytes | None = data
        self._payload: memoryview | None = payload
        self._crc = crc
        self._digest = ""
        self._sound = False
        self._thread: threading.Thread | None = None
        if len(data) + len(payload) >= _CHECK_IN_THREAD:
            thread = threading.Thread(target=self._run, name="cache-checks", daemon=True)
            with suppress(RuntimeError):  # no thread to be had: the caller works it out
                thread.start()
                self._thread = thread
        if self._thread is None:
            self._run()

    def _run(self) -> None:
        assert self._data is not None and self._payload is not None
        self._digest = content_hash(self._data)
        self._sound = zlib.crc32(self._payload) == self._crc
        self._data = self._payload = None  # the mapping can close

    def result(self) -> tuple[str, bool]:
        """The content hash, and whether the payload is sound (waits for the thread)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        return self._digest, self._sound


# -- entries ----------------------------------------------------------------
def _load_entry(entry: Path, data: bytes) -> tuple[LoadResult | None, str]:
    """The result kept in ``entry`` if it is sound (else None, and the entry goes), and
    the content hash of ``data``.

    The entry is mapped, not read: it is unpickled straight from the file while
    another thread checks it and hashes ``data``. Unpickling what turns out to
    be damaged is safe (only the app's own types are built, and a bad length
    stops at the end of the data); the result is used only once both checks hold.
    Entries are only ever replaced whole (never rewritten in place), so the
    mapping always sees one complete file.
    """
    try:
        fh = open(entry, "rb")  # noqa: SIM115 (closed below, after the mapping)
    except OSError:
        return None, content_hash(data)
    with fh:
        try:
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # an empty file cannot be mapped
            mapped = None
        if mapped is None:
            result, digest = None, content_hash(data)
        else:
            with mapped:
                result, digest = _load_mapped(mapped, data)
    if result is None:
        _unlink(entry)
    return result, digest


def _load_mapped(mapped: mmap.mmap, data: bytes) -> tuple[LoadResult | None, str]:
    head = len(_MAGIC) + _HEADER.size
    whole = memoryview(mapped)
    try:
        ours = len(whole) >= head and whole[: len(_MAGIC)] == _MAGIC
        length, crc = _HEADER.unpack_from(whole, len(_MAGIC)) if ours else (-1, 0)
        if not ours or length != len(whole) - head:
            return None, content_hash(data)
        payload = whole[head:]
        checks = _Checks(data, payload, crc)
        try:
            mapped.seek(head)
            result = _unpickle(mapped)
        finally:
            digest, sound = checks.result()  # the thread is done with the mapping
            payload.release()
    finally:
        whole.release()
    return (result if sound else None), digest


def _unpickle(source: Any) -> LoadResult | None:
    try:
        with _gc_paused():
            result = _Unpickler(source).load()
    except Exception:  # any damage: a miss, never a crash
        return None
    return result if isinstance(result, LoadResult) else None


def _write_entry(folder: Path, entry: Path, result: LoadResult) -> None:
    try:
        blob = _encode(result)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=_SUFFIX, dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, entry)
        except BaseException:
            _unlink(Path(tmp))
            raise
        _evict(folder, keep=entry)
    except (OSError, pickle.PicklingError, RecursionError, TypeError, ValueError):
        pass  # a cache that cannot be written costs speed, never correctness


def _evict(folder: Path, keep: Path, limit: int | None = None) -> None:
    bound = MAX_CACHE_BYTES if limit is None else limit
    sized: list[tuple[float, int, Path]] = []
    total = 0
    for p in _entries(folder):
        try:
            st = p.stat()
        except OSError:
            continue
        sized.append((st.st_mtime, st.st_size, p))
        total += st.st_size
    for _mtime, size, p in sorted(sized, key=lambda t: t[0]):
        if total <= bound:
            break
        if p != keep:
            _unlink(p)
            total -= size


def _entries(folder: Path) -> Iterator[Path]:
    try:
        with os.scandir(folder) as it:
            for e in it:
                if e.name.endswith(_SUFFIX) and e.is_file(follow_symlinks=False):
                    yield Path(e.path)
    except OSError:
        return


def _unlink(p: Path) -> None:
    with suppress(OSError):
        p.unlink()


def _repath(result: LoadResult, path: str) -> LoadResult:
    """The same content read under another name reports that name."""
    if result.path != path:
        result.path = path
        result.problems = [dataclasses.replace(p, path=path) for p in result.problems]
    return result


# -- encoding -----------------------------------------------------------------
def _encode(result: LoadResult) -> bytes:
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(result)
    payload = buf.getvalue()
    return _MAGIC + _HEADER.pack(len(payload), zlib.crc32(payload)) + payload


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Build tens of thousands of objects without the cycle collector rescanning them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_DATES: dict[tuple[int, int | None, int | None, bool], PartialDate] = {}


_new = object.__new__
_set = object.__setattr__  # PartialDate is frozen


def _date(year: int, month: int | None, day: int | None, approximate: bool) -> PartialDate:
    """Equal dates come back as one shared (immutable) object, validated once.

    A date plainly valid on its face (any day up to the 28th) is made without
    the calendar lookups of the full check, which would cost more than the
    rest of loading a big timeline; anything else gets the full check.
    """
    key = (year, month, day, approximate)
    value = _DATES.get(key)
    if value is None:
        if len(_DATES) > 200_000:
            _DATES.clear()
        if (
            type(year) is int
            and 1 <= year <= 9999
            and type(approximate) is bool
            and (
                (month is None and day is None)
                or (
                    type(month) is int
                    and 1 <= month <= 12
                    and (day is None or (type(day) is int and 1 <= day <= 28))
                )
            )
        ):
            value = _new(PartialDate)
            _set(value, "year", year)
            _set(value, "month", month)
            _set(value, "day", day)
            _set(value, "approximate", approximate)
        else:
            value = PartialDate(year, month, day, approximate)
        _DATES[key] = value
    return value


def _reduce_date(d: PartialDate) -> tuple[Callable[..., PartialDate], tuple[Any, ...]]:
    return _date, (d.year, d.month, d.day, d.approximate)


def _constructor_reducer(cls: type) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    """Reduce a dataclass to a call of its constructor with every field, in order."""
    names = [f.name for f in dataclasses.fields(cls)]
    fields_of = operator.attrgetter(*names)
    # Tags and source references repeat across thousands of items: written once
    # each (the pickle memo shares identical objects), they load as shared strings.
    shared = [i for i, n in enumerate(names) if n in _SHARED_STRING_LISTS]

    def reduce(obj: Any) -> tuple[type, tuple[Any, ...]]:
        args = fields_of(obj) if len(names) > 1 else (fields_of(obj),)
        if not shared:
            return cls, args
        out = list(args)
        for i in shared:
            value = out[i]
            if type(value) is list:
                out[i] = [sys.intern(v) if type(v) is str else v for v in value]
        return cls, tuple(out)

    return reduce


_SHARED_STRING_LISTS = frozenset({"tags", "sources", "aliases"})

# -- the timeline, column by column -------------------------------------------
# Ten thousand developments as ten thousand constructor calls in the pickle
# cost a third more to load than one call that builds them from columns.
_DEVELOPMENT_FIELDS = tuple(f.name for f in dataclasses.fields(Development))
_DATES_COLUMN, _SPARSE_COLUMN, _PLAIN_COLUMN = 0, 1, 2


class _Timeline:
    """A dossier's developments on their way into an entry (see ``_reduce_timeline``)."""

    __slots__ = ("developments",)

    def __init__(self, developments: Any) -> None:
        self.developments = developments


def _reduce_timeline(box: _Timeline) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    devs = box.developments
    if type(devs) is not list or any(type(d) is not Development for d in devs):
        return _as_list, (list(devs),)  # not what the loader makes: kept as it is
    index: dict[tuple[int, int | None, int | None, bool], int] = {}
    table: tuple[list[Any], ...] = ([], [], [], [])  # years, months, days, approximate

    def date_index(d: PartialDate | None) -> int:
        if d is None:
            return -1
        key = (d.year, d.month, d.day, d.approximate)
        i = index.get(key)
        if i is None:
            i = index[key] = len(table[0])
            for column, value in zip(table, key, strict=True):
                column.append(value)
        return i

    kinds: list[int] = []
    columns: list[Any] = []
    for name in _DEVELOPMENT_FIELDS:
        values = [getattr(d, name) for d in devs]
        if all(v is None or type(v) is PartialDate for v in values):
            kinds.append(_DATES_COLUMN)
            columns.append([date_index(v) for v in values])
        elif all(type(v) is dict for v in values):
            kinds.append(_SPARSE_COLUMN)  # mostly empty: only the others are written
            columns.append({i: v for i, v in enumerate(values) if v})
        else:
            if name in _SHARED_STRING_LISTS:
                values = [
                    [sys.intern(x) if type(x) is str else x for x in v] if type(v) is list else v
                    for v in values
                ]
            kinds.append(_PLAIN_COLUMN)
            columns.append(values)
    return _timeline, (len(devs), table, tuple(kinds), tuple(columns))


def _timeline(
    count: int, table: tuple[list[Any], ...], kinds: tuple[int, ...], columns: tuple[Any, ...]
) -> list[Development]:
    """The developments again, from ``_reduce_timeline``'s columns."""
    dates = list(map(_date, *table))
    fields: list[list[Any]] = []
    for kind, column in zip(kinds, columns, strict=True):
        if kind == _DATES_COLUMN:
            column = [dates[i] if i >= 0 else None for i in column]
        elif kind == _SPARSE_COLUMN:
            column = [column.get(i) or {} for i in range(count)]
        if len(column) != count:
            raise ValueError("a timeline column of the wrong length")
        fields.append(column)
    if len(fields) != len(_DEVELOPMENT_FIELDS):
        raise ValueError("timeline columns of another layout")
    return list(map(Development, *fields))


def _as_list(items: list[Any]) -> list[Any]:
    return items


def _dossier_reducer() -> Callable[[Dossier], tuple[type, tuple[Any, ...]]]:
    fields = _constructor_reducer(Dossier)
    at = [f.name for f in dataclasses.fields(Dossier)].index("timeline")

    def reduce(dossier: Dossier) -> tuple[type, tuple[Any, ...]]:
        cls, args = fields(dossier)
        out = list(args)
        out[at] = _Timeline(out[at])
        return cls, tuple(out)

    return reduce


_DISPATCH: dict[type, Callable[[Any], Any]] = {
    PartialDate: _reduce_date,
    _Timeline: _reduce_timeline,
}
for _cls in _DOMAIN_CLASSES:
    if all(f.init for f in dataclasses.fields(_cls)):
        _DISPATCH[_cls] = _constructor_reducer(_cls)
_DISPATCH[Dossier] = _dossier_reducer()

_ALLOWED: dict[tuple[str, str], Any] = {
    (c.__module__, c.__qualname__): c
    for c in (*_DOMAIN_CLASSES, PartialDate, LoadResult, Problem, Timestamp)
}
_ALLOWED[(__name__, "_date")] = _date
_ALLOWED[(__name__, "_timeline")] = _timeline
_ALLOWED[(__name__, "_as_list")] = _as_list
for _cls in (_dt.date, _dt.datetime, _dt.time, _dt.timedelta, _dt.timezone):
    _ALLOWED[(_cls.__module__, _cls.__qualname__)] = _cls
_ALLOWED[("builtins", "set")] = set
_ALLOWED[("builtins", "frozenset")] = frozenset
_ALLOWED[("builtins", "bytearray")] = bytearray


class _Unpickler(pickle.Unpickler):
    """Builds only the app's own types: a planted entry cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed here") from None


# -- key -----------------------------------------------------------------------
_FINGERPRINT: str | None = None


def _code_fingerprint() -> str:
    """Changes whenever the code that reads files or shapes the objects may have changed."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        h = hashlib.blake2b(digest_size=6)
        h.update(f"{CACHE_FORMAT}|{__version__}|{sys.version_info[:2]}".encode())
        for cls in (*_DOMAIN_CLASSES, PartialDate, LoadResult, Problem):
            h.update(repr([f.name for f in dataclasses.fields(cls)]).encode())
        package = Path(__file__).resolve().parent.parent
        for folder, pattern in (
            (package / "domain", "*.py"),
            (package / "fileio", "*.py"),
            (package / "schema", "*.json"),
        ):
            for src in sorted(folder.glob(pattern)):
                try:
                    st = src.stat()
                except OSError:
                    continue
                h.update(f"{src.name}:{st.st_size}:{st.st_mtime_ns}".encode())
        _FINGERPRINT = f"v{CACHE_FORMAT}-{h.hexdigest()}"
    return _FINGERPRINT
