"""The parse cache: a file read before opens again without parsing it.

Parsing and validating a big dossier takes most of the time of opening it.
The result depends only on the file's bytes and on the code that reads them,
so it is kept in the user cache folder (``…/dossier-app/parse/``) under a key
made of the content hash of the bytes and the reader's version
(``loader.READER_VERSION``, bumped whenever reading changes what a file gives;
the app's version and Python's are part of it too). An entry holds the content
hash it was made from and a CRC-32 of itself; anything wrong with an entry
(unreadable, truncated, flipped bits, made from other bytes) makes it a miss,
and it is removed. The folder is safe to delete at any time; it is kept under
a size bound by dropping the least recently used entries.

Entries are pickles of the ``LoadResult`` (without the file's bytes, which a
hit has in hand). The unpickler builds only the app's own types, and partial
dates go through ``PartialDate``'s own checks, once per distinct date.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import io
import operator
import os
import pickle
import stat
import struct
import sys
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import suppress
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
CACHE_FORMAT = 4
#: Entries beyond this total size are evicted, least recently used first.
MAX_CACHE_BYTES = 200 * 1024 * 1024
#: Files larger than this are read without the cache (the loader sets its own limit).
MAX_ENTRY_SOURCE_BYTES = 96 * 1024 * 1024

_MAGIC = b"DOSSIERCACHE\x00"
_HEADER = struct.Struct("<QI")  # payload length, CRC-32 of the payload
_SUFFIX = ".pickle"


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
    digest = content_hash(data)
    entry = folder / f"{_code_fingerprint()}-{_quick_key(data, digest)}{_SUFFIX}"
    cached = _load_entry(entry)
    if cached is not None and cached.content_hash == digest:
        with suppress(OSError):
            os.utime(entry)  # recently used: evicted last
        cached.data = data
        return _repath(cached, name)
    if cached is not None:
        _unlink(entry)  # made from other bytes
    from .loader import parse_dossier_bytes  # a hit needs neither YAML nor the schema

    result = parse_dossier_bytes(data, name)
    _write_entry(folder, entry, result)
    return result


def clear_cache(directory: Path | None = None) -> None:
    """Remove every entry (the folder itself stays)."""
    folder = cache_dir() if directory is None else directory
    for p in _entries(folder):
        _unlink(p)


def _quick_key(data: bytes, digest: str | None = None) -> str:
    """Names the entry: the content hash of the bytes."""
    return digest if digest is not None else content_hash(data)


def _code_fingerprint() -> str:
    """The part of the key that changes with the code that reads files."""
    from .loader import READER_VERSION  # looked up each time: a test may change it

    py = f"{sys.version_info[0]}{sys.version_info[1]}"
    return f"v{CACHE_FORMAT}-r{READER_VERSION}-{__version__}-py{py}"


# -- entries ----------------------------------------------------------------
def _load_entry(entry: Path) -> LoadResult | None:
    """The result kept in ``entry`` if it is sound; else None, and a bad entry goes."""
    try:
        with open(entry, "rb") as fh:
            blob = fh.read(MAX_CACHE_BYTES + 1)
    except OSError:
        return None
    head = len(_MAGIC) + _HEADER.size
    result = None
    if len(blob) >= head and blob.startswith(_MAGIC):
        length, crc = _HEADER.unpack_from(blob, len(_MAGIC))
        payload = memoryview(blob)[head:]
        if length == len(payload) and zlib.crc32(payload) == crc:
            result = _unpickle(payload)
    if result is None:
        _unlink(entry)
    return result


def _unpickle(payload: memoryview) -> LoadResult | None:
    was_enabled = gc.isenabled()
    gc.disable()  # tens of thousands of objects, no cycles: nothing for the collector
    try:
        result = _Unpickler(io.BytesIO(payload)).load()
    except Exception:  # any damage: a miss, never a crash
        return None
    finally:
        if was_enabled:
            gc.enable()
    return result if isinstance(result, LoadResult) else None


def _encode(result: LoadResult) -> bytes:
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(dataclasses.replace(result, data=None))  # a hit has the bytes in hand
    payload = buf.getvalue()
    return _MAGIC + _HEADER.pack(len(payload), zlib.crc32(payload)) + payload


def _write_entry(folder: Path, entry: Path, result: LoadResult) -> None:
    try:
        blob = _encode(result)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=_SUFFIX, dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, entry)  # entries are only ever replaced whole
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


# -- what an entry may hold ------------------------------------------------------
_new = object.__new__
_set = object.__setattr__  # PartialDate is frozen


@functools.lru_cache(maxsize=65536)
def _date(year: int, month: int | None, day: int | None, approximate: bool) -> PartialDate:
    """A partial date through PartialDate's own checks (``__post_init__``, which raises on
    anything it would refuse); equal dates come back as one shared object. Built field by
    field: the frozen constructor costs more than the rest of loading the date."""
    value = _new(PartialDate)
    _set(value, "year", year)
    _set(value, "month", month)
    _set(value, "day", day)
    _set(value, "approximate", approximate)
    value.__post_init__()
    return value


def _reduce_date(d: PartialDate) -> tuple[Any, tuple[Any, ...]]:
    return _date, (d.year, d.month, d.day, d.approximate)


def _constructor_reducer(cls: type) -> Any:
    """Reduce a dataclass to one call of its constructor with every field, in order:
    a third faster to load than the state pickle's per-field ``__setstate__``."""
    fields_of = operator.attrgetter(*(f.name for f in dataclasses.fields(cls)))

    def reduce(obj: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, fields_of(obj)

    return reduce


# Ten thousand developments as ten thousand constructor calls in the pickle cost
# a third more to load than one call that builds them from columns of fields.
_DEVELOPMENT_FIELDS = tuple(f.name for f in dataclasses.fields(Development))


class _Timeline:
    """A dossier's developments on their way into an entry, column by column."""

    __slots__ = ("items",)

    def __init__(self, items: Any) -> None:
        self.items = items


def _reduce_timeline(box: _Timeline) -> tuple[Any, tuple[Any, ...]]:
    devs = box.items
    if type(devs) is not list or any(type(d) is not Development for d in devs):
        return _as_list, (list(devs),)  # not what the loader makes: kept as it is
    return _developments, tuple([getattr(d, n) for d in devs] for n in _DEVELOPMENT_FIELDS)


def _developments(*columns: list[Any]) -> list[Development]:
    if len(columns) != len(_DEVELOPMENT_FIELDS) or len({len(c) for c in columns}) > 1:
        raise ValueError("timeline columns of another layout")
    return list(map(Development, *columns))


def _as_list(items: list[Any]) -> list[Any]:
    return items


def _reduce_dossier(d: Dossier) -> tuple[type, tuple[Any, ...]]:
    cls, args = _constructor_reducer(Dossier)(d)
    out = list(args)
    out[_TIMELINE_AT] = _Timeline(out[_TIMELINE_AT])
    return cls, tuple(out)


_TIMELINE_AT = [f.name for f in dataclasses.fields(Dossier)].index("timeline")
_DISPATCH: dict[type, Any] = {PartialDate: _reduce_date, _Timeline: _reduce_timeline}
for _cls in (Company, Source, Figure, Judgement, Problem):
    _DISPATCH[_cls] = _constructor_reducer(_cls)
_DISPATCH[Dossier] = _reduce_dossier

_ALLOWED: dict[tuple[str, str], Any] = {
    (c.__module__, c.__qualname__): c
    for c in (
        Dossier, Company, Source, Development, Figure, Judgement, LoadResult, Problem, Timestamp
    )
}
for _fn in (_date, _developments, _as_list):
    _ALLOWED[(__name__, _fn.__name__)] = _fn


class _Unpickler(pickle.Unpickler):
    """Builds only the app's own types: a planted entry cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed here") from None
