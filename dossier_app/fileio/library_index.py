"""The library search index: full-text search over every dossier of a folder.

An SQLite database (standard library ``sqlite3``) with an FTS5 table, kept in
the user cache folder (``…/dossier-app/search/``), one per set of library
paths, never beside the dossiers. Each file is recorded under its path with
its size, modification time and content hash: ``refresh`` re-reads only files
whose bytes changed, and files that vanished leave the index.

Text is indexed with FTS5's ``unicode61`` tokenizer, which ignores case and
diacritics; runs of Chinese, Japanese or Korean characters are written into
the index as overlapping two-character pieces (``阿里巴巴`` -> ``阿里 里巴 巴巴``),
and queries are cut the same way, so a two-character query matches inside a
longer word. Ranking is FTS5's bm25, titles weighing four times the rest.
The FTS table keeps neither a copy of the text (``content=''``: the text is in
``texts``) nor each item's length (``columnsize=0``), which makes ranking five
times faster; bm25 then leaves out its length normalisation, which matters
little for items of a few sentences. Filters read a narrow ``entries`` table
(kind, dates, tags), the hits shown read ``texts``.

Where the index cannot be used, search still works and says so in
``SearchResult.notice`` (one sentence for a status bar): a damaged index file
is deleted and rebuilt; a cache folder that cannot be written gets an index in
memory, rebuilt each time; an SQLite without FTS5 gets a plain scan of the
files.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from ..domain.dates import PartialDate
from ..domain.matching import Range, make_snippet, match_ranges, matches
from ..domain.query import CJK_RUN, Query, Term, cjk_bigrams, is_cjk, parse_query, term_tokens
from .hashing import content_hash
from .library_text import Entry, FileText, file_text

#: Bump when the tables or what goes into them change: an older index is rebuilt.
INDEX_FORMAT = 2
DOSSIER_SUFFIXES = (".yaml", ".yml")
#: Files larger than this are not indexed (the loader refuses them too).
MAX_FILE_BYTES = 256 * 1024 * 1024
_TITLE_WEIGHT = 4.0


def index_dir() -> Path:
    """The folder holding search indexes (it may not exist yet)."""
    return Path(platformdirs.user_cache_dir("dossier-app", "Dossier")) / "search"


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching item, with what a result list shows of it."""

    path: str
    line: int
    kind: str  # development, source, figure, profile
    id: str
    date: PartialDate | None
    end: PartialDate | None
    title: str
    #: Matched words in ``title``, as (start, end) offsets.
    title_ranges: tuple[Range, ...]
    #: One line of plain text around the first match of the item's other text.
    snippet: str
    #: Matched words in ``snippet``, as (start, end) offsets.
    snippet_ranges: tuple[Range, ...]
    company: str
    score: float

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.path,
            "line": self.line,
            "kind": self.kind,
            "id": self.id,
            "date": self.date.iso() if self.date else None,
            "title": self.title,
            "snippet": self.snippet,
        }


@dataclass(slots=True)
class SearchResult:
    hits: list[Hit] = field(default_factory=list)
    #: True when more items matched than the limit let through.
    more: bool = False
    #: Set when the index could not be used as it should: one sentence for the user.
    notice: str | None = None

    @property
    def dossier_count(self) -> int:
        return len({h.path for h in self.hits})


def library_files(paths: Iterable[str]) -> list[str]:
    """The dossier files of ``paths``: files as given, a folder's ``*.yaml``/``*.yml`` sorted."""
    files: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            files.append(path)
            continue
        try:
            with os.scandir(path) as entries:
                names = sorted(
                    e.name for e in entries
                    if e.name.lower().endswith(DOSSIER_SUFFIXES) and not e.name.startswith(".")
                )
        except OSError:
            continue
        files.extend(os.path.join(path, n) for n in names)
    return files


def fts5_available() -> bool:
    """Whether this Python's SQLite can make FTS5 tables."""
    try:
        with contextlib.closing(sqlite3.connect(":memory:")) as db:
            db.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
        return True
    except sqlite3.Error:
        return False


def indexed_text(text: str) -> str:
    """``text`` as the FTS table holds it: CJK runs written out as two-character pieces."""
    if text.isascii():
        return text
    return CJK_RUN.sub(lambda m: " " + " ".join(cjk_bigrams(m.group())) + " ", text)


def fts_expression(query: Query) -> str | None:
    """The FTS5 MATCH expression of a query's words; None when it has none to match."""
    if not query.terms:
        return None
    positive = " AND ".join(_fts_term(t) for t in query.terms)
    if not query.excluded:
        return positive
    return f"({positive}) NOT ({' OR '.join(_fts_term(t) for t in query.excluded)})"


def _fts_term(term: Term) -> str:
    tokens = term_tokens(term.text)
    quoted = '"' + " ".join(tokens).replace('"', '""') + '"'
    last = tokens[-1]
    if term.prefix or (len(last) == 1 and is_cjk(last)):
        quoted += "*"
    return quoted


_SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files(
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, size INTEGER, mtime_ns INTEGER,
    hash TEXT, company TEXT, company_key TEXT, marking TEXT, reviewed TEXT
);
CREATE TABLE entries(
    id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, kind TEXT,
    first_day INTEGER, last_day INTEGER, tags TEXT
);
CREATE INDEX entries_file ON entries(file_id);
CREATE TABLE texts(
    id INTEGER PRIMARY KEY, item_id TEXT, line INTEGER, date TEXT, approximate INTEGER,
    end_date TEXT, title TEXT, body TEXT
);
CREATE VIRTUAL TABLE fts USING fts5(
    title, body, content = '', columnsize = 0,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO meta VALUES ('format', '{INDEX_FORMAT}');
"""


def _day_number(d: PartialDate, last: bool) -> int:
    day = d.last_day() if last else d.first_day()
    return day.year * 10000 + day.month * 100 + day.day


def _entry_row(rowid: int, file_id: int, e: Entry) -> tuple[object, ...]:
    end = e.end or e.date
    return (
        rowid, file_id, e.kind,
        _day_number(e.date, False) if e.date else None,
        _day_number(end, True) if end else None,
        e.tags,
    )


def _text_row(rowid: int, e: Entry) -> tuple[object, ...]:
    return (
        rowid, e.item_id, e.line,
        e.date.iso() if e.date else None, 1 if e.date and e.date.approximate else 0,
        e.end.iso() if e.end else None,
        e.title, e.body,
    )


class _Damaged(Exception):
    """The index file is not a sound database."""


class LibraryIndex:
    """The search index of a set of library paths (folders and files).

    ``folder`` is where index files go (``index_dir()`` by default). Call
    ``refresh()`` to bring the index up to date with the files, then ``search``.
    An index may be used from any one thread at a time (a GUI refreshes it in a
    worker thread: the first build of a large library takes seconds).
    """

    def __init__(self, paths: Sequence[str | os.PathLike[str]], folder: Path | None = None) -> None:
        self.paths = [os.path.abspath(os.fspath(p)) for p in paths]
        self.folder = index_dir() if folder is None else folder
        self.notice: str | None = None
        self._memory = False
        self._db: sqlite3.Connection | None = None
        self._scan: dict[str, FileText] | None = None
        if not fts5_available():
            self.notice = (
                "This SQLite has no full-text search (FTS5): search reads every file instead."
            )
            self._scan = {}
        else:
            self._open()

    # -- opening ------------------------------------------------------------
    @property
    def file(self) -> Path:
        key = hashlib.blake2b("\0".join(sorted(self.paths)).encode(), digest_size=8).hexdigest()
        return self.folder / f"library-{key}.sqlite"

    @property
    def in_memory(self) -> bool:
        return self._scan is None and self._db is not None and self._memory

    def _open(self) -> None:
        self._memory = False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = self._connect(str(self.file))
            return
        except _Damaged:
            self._remove_file()
            with contextlib.suppress(OSError, sqlite3.Error, _Damaged):
                self._db = self._connect(str(self.file))
                self.notice = "The search index was damaged; it has been rebuilt."
                return
            reason = "the index file was damaged and could not be replaced"
        except (OSError, sqlite3.Error) as exc:
            reason = _reason(exc)
        self.notice = (
            f"The search index cannot be kept in {self.folder} ({reason}); "
            "it is rebuilt in memory each time."
        )
        self._memory = True
        self._db = self._connect(":memory:")

    def _connect(self, name: str) -> sqlite3.Connection:
        db = sqlite3.connect(name, timeout=10, isolation_level=None, check_same_thread=False)
        try:
            # A cache: a write torn by a crash means a rebuild, so no fsync and the
            # rollback journal in memory (writing it to disk costs a tenth of a build).
            db.execute("PRAGMA synchronous = OFF")
            db.execute("PRAGMA journal_mode = MEMORY")
            db.execute("PRAGMA cache_size = -32768")
            row = None
            with contextlib.suppress(sqlite3.OperationalError):  # no such table: a new file
                row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            if row is None or row[0] != str(INDEX_FORMAT):
                _reset(db)
        except sqlite3.DatabaseError as exc:
            db.close()
            if type(exc) is sqlite3.OperationalError:  # cannot be opened or written there
                raise
            raise _Damaged(str(exc)) from None
        return db

    def _remove_file(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                os.unlink(str(self.file) + suffix)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> LibraryIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- keeping up with the files -------------------------------------------
    def refresh(self) -> int:
        """Re-read the files that changed and drop those that vanished; how many were read."""
        files = library_files(self.paths)
        if self._scan is not None:
            return self._refresh_scan(files)
        try:
            return self._refresh_db(files)
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
            return self._refresh_db(files)

    def _recover(self, exc: sqlite3.DatabaseError) -> None:
        """After a database error mid-way: start again on a fresh index (in memory if need be)."""
        self.close()
        if self._memory:
            raise exc
        if type(exc) is sqlite3.OperationalError:  # locked, read-only, disk full...
            self.notice = (
                f"The search index in {self.folder} cannot be used ({exc}); "
                "it is rebuilt in memory each time."
            )
            self._memory = True
            self._db = self._connect(":memory:")
            return
        self._remove_file()
        self._open()
        if self.notice is None:
            self.notice = "The search index was damaged; it has been rebuilt."

    def _refresh_scan(self, files: list[str]) -> int:
        assert self._scan is not None
        read = 0
        fresh: dict[str, FileText] = {}
        for path in files:
            data = _read(path)
            text = file_text(data, path) if data is not None else None
            if text is not None:
                fresh[path] = text
                read += 1
        self._scan = fresh
        return read

    def _refresh_db(self, files: list[str]) -> int:
        db = self._db
        assert db is not None
        known = {
            path: (fid, size, mtime, digest)
            for fid, path, size, mtime, digest in db.execute(
                "SELECT id, path, size, mtime_ns, hash FROM files"
            )
        }
        read = 0
        self._next_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM entries").fetchone()[0]
        db.execute("BEGIN IMMEDIATE")  # another process refreshing: wait for it (timeout)
        try:
            present = set()
            for path in files:
                present.add(path)
                try:
                    st = os.stat(path)
                except (OSError, ValueError):
                    continue
                old = known.get(path)
                if old is not None and old[1] == st.st_size and old[2] == st.st_mtime_ns:
                    continue
                data = _read(path)
                if data is None:
                    present.discard(path)
                    continue
                digest = content_hash(data)
                if old is not None and old[3] == digest:
                    db.execute(
                        "UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?",
                        (st.st_size, st.st_mtime_ns, old[0]),
                    )
                    continue
                if old is not None:
                    _delete_file(db, old[0])
                self._insert(db, path, st, digest, file_text(data, path))
                read += 1
            for path, (fid, *_rest) in known.items():
                if path not in present:
                    _delete_file(db, fid)
            db.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise
        return read

    def _insert(
        self,
        db: sqlite3.Connection,
        path: str,
        st: os.stat_result,
        digest: str,
        text: FileText | None,
    ) -> None:
        cur = db.execute(
            "INSERT INTO files(path, size, mtime_ns, hash, company, company_key, marking, reviewed)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                path, st.st_size, st.st_mtime_ns, digest,
                text.company if text else None, text.company_key if text else None,
                text.marking if text else None,
                text.reviewed.iso() if text and text.reviewed else None,
            ),
        )
        if text is None:
            return
        fid = cur.lastrowid
        assert fid is not None
        first = self._next_id
        self._next_id += len(text.entries)
        db.executemany(
            "INSERT INTO entries(id, file_id, kind, first_day, last_day, tags)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (_entry_row(first + i, fid, e) for i, e in enumerate(text.entries)),
        )
        db.executemany(
            "INSERT INTO texts(id, item_id, line, date, approximate, end_date, title, body)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (_text_row(first + i, e) for i, e in enumerate(text.entries)),
        )
        db.executemany(
            "INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)",
            (
                (first + i, indexed_text(e.title), indexed_text(e.body))
                for i, e in enumerate(text.entries)
            ),
        )

    # -- searching -------------------------------------------------------------
    def search(self, query: str | Query, limit: int | None = 50) -> SearchResult:
        """The items matching ``query``, best first; raises ``QueryError`` on a bad query."""
        q = parse_query(query) if isinstance(query, str) else query
        if self._scan is not None:
            result = self._search_scan(q, limit)
        else:
            try:
                result = self._search_db(q, limit)
            except sqlite3.DatabaseError as exc:
                self._recover(exc)
                self.refresh()
                result = self._search_db(q, limit)
        result.notice = self.notice
        return result

    def _file_filter(self, q: Query) -> tuple[str, list[object]]:
        """SQL (on ``e.``) and parameters for the filters of a query."""
        sql: list[str] = []
        params: list[object] = []
        if q.kinds:
            sql.append(f"e.kind IN ({', '.join('?' * len(q.kinds))})")
            params += q.kinds
        for tag in q.tags:
            sql.append("instr(e.tags, ?) > 0")
            params.append(f"|{tag}|")
        if q.companies or q.markings:
            ids = self._file_ids(q)
            sql.append(f"e.file_id IN ({', '.join('?' * len(ids))})" if ids else "0")
            params += ids
        if q.date_from is not None:
            sql.append("e.last_day >= ?")
            params.append(_day_number(q.date_from, False))
        if q.date_to is not None:
            sql.append("e.first_day <= ?")
            params.append(_day_number(q.date_to, True))
        return " AND ".join(sql), params

    def _file_ids(self, q: Query) -> list[int]:
        """The files that pass a query's company: and marking: filters."""
        assert self._db is not None
        return [
            fid
            for fid, key, marking in self._db.execute(
                "SELECT id, company_key, marking FROM files WHERE company_key IS NOT NULL"
            )
            if (not q.markings or marking in q.markings) and all(c in key for c in q.companies)
        ]

    def _search_db(self, q: Query, limit: int | None) -> SearchResult:
        db = self._db
        assert db is not None
        where, params = self._file_filter(q)
        expression = fts_expression(q)
        # First the ids and scores alone (ranking reads no text), then the text of the
        # few hits shown: reading every match's text before the sort would cost more
        # than the ranking itself.
        join = " JOIN entries e ON e.id = fts.rowid" if where else ""
        if expression is not None:
            sql = (
                f"SELECT fts.rowid, bm25(fts, {_TITLE_WEIGHT}, 1.0) AS score FROM fts{join}"
                " WHERE fts MATCH ?" + (f" AND {where}" if where else "") + " ORDER BY score"
            )
            params = [expression, *params]
        else:
            excluded = ""
            if q.excluded:
                excluded = " AND e.id NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)"
                params.append(" OR ".join(_fts_term(t) for t in q.excluded))
            sql = (
                "SELECT e.id, 0.0 FROM entries e JOIN files f ON f.id = e.file_id"
                " JOIN texts t ON t.id = e.id"
                f" WHERE {where}{excluded} ORDER BY f.path, t.line"
            )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit + 1)
        ranked = db.execute(sql, params).fetchall()
        more = limit is not None and len(ranked) > limit
        ranked = ranked[:limit] if limit is not None else ranked
        hits: list[Hit] = []
        for start in range(0, len(ranked), 500):
            chunk = ranked[start : start + 500]
            rows = {
                row[0]: row[1:]
                for row in db.execute(
                    "SELECT e.id, f.path, t.line, e.kind, t.item_id, t.date, t.approximate,"
                    " t.end_date, t.title, t.body, f.company FROM entries e"
                    " JOIN texts t ON t.id = e.id JOIN files f ON f.id = e.file_id"
                    f" WHERE e.id IN ({', '.join('?' * len(chunk))})",
                    [rowid for rowid, _score in chunk],
                )
            }
            hits += [
                _hit(q, *rows[rowid], score)  # type: ignore[call-arg]
                for rowid, score in chunk
                if rowid in rows
            ]
        return SearchResult(hits, more)

    def _search_scan(self, q: Query, limit: int | None) -> SearchResult:
        assert self._scan is not None
        scored: list[tuple[float, str, int, Entry, FileText]] = []
        for path, text in self._scan.items():
            if not _file_ok(q, text):
                continue
            for e in text.entries:
                if not _entry_ok(q, e):
                    continue
                score = matches(e.title, e.body, q)
                if score > 0:
                    scored.append((-score, path, e.line, e, text))
        scored.sort(key=lambda s: (s[0], s[1], s[2]) if q.terms else (0, s[1], s[2]))
        more = limit is not None and len(scored) > limit
        chosen = scored[:limit] if limit is not None else scored
        hits = [
            _hit(
                q, path, e.line, e.kind, e.item_id, e.date.iso() if e.date else None,
                1 if e.date and e.date.approximate else 0, e.end.iso() if e.end else None,
                e.title, e.body, text.company, score,
            )
            for score, path, _line, e, text in chosen
        ]
        return SearchResult(hits, more)

    # -- for tests and the bench ------------------------------------------------
    def indexed_paths(self) -> list[str]:
        if self._scan is not None:
            return sorted(self._scan)
        assert self._db is not None
        return [p for (p,) in self._db.execute("SELECT path FROM files ORDER BY path")]


def _file_ok(q: Query, text: FileText) -> bool:
    if q.markings and text.marking not in q.markings:
        return False
    return all(c in text.company_key for c in q.companies)


def _entry_ok(q: Query, e: Entry) -> bool:
    if q.kinds and e.kind not in q.kinds:
        return False
    if any(f"|{t}|" not in e.tags for t in q.tags):
        return False
    if q.date_from is not None or q.date_to is not None:
        if e.date is None:
            return False
        last = (e.end or e.date).last_day()
        if q.date_from is not None and last < q.date_from.first_day():
            return False
        if q.date_to is not None and e.date.first_day() > q.date_to.last_day():
            return False
    return True


def _hit(
    q: Query, path: str, line: int, kind: str, item_id: str, date: str | None, approx: int,
    end: str | None, title: str, body: str, company: str, score: float,
) -> Hit:
    snippet = make_snippet(body, q.terms)
    return Hit(
        path=path,
        line=line,
        kind=kind,
        id=item_id,
        date=PartialDate.parse(date, bool(approx)) if date else None,
        end=PartialDate.parse(end) if end else None,
        title=title,
        title_ranges=tuple(match_ranges(title, q.terms)),
        snippet=snippet.text,
        snippet_ranges=snippet.ranges,
        company=company or "",
        score=float(score),
    )


def _delete_file(db: sqlite3.Connection, file_id: int) -> None:
    # The FTS table keeps no copy of the text (content=''): deleting a row means
    # handing it the text that was indexed, which ``indexed_text`` makes again.
    rows = db.execute(
        "SELECT t.id, t.title, t.body FROM texts t"
        " WHERE t.id IN (SELECT id FROM entries WHERE file_id = ?)",
        (file_id,),
    )
    db.executemany(
        "INSERT INTO fts(fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
        [(rowid, indexed_text(title), indexed_text(body)) for rowid, title, body in rows],
    )
    db.execute("DELETE FROM texts WHERE id IN (SELECT id FROM entries WHERE file_id = ?)",
               (file_id,))
    db.execute("DELETE FROM entries WHERE file_id = ?", (file_id,))
    db.execute("DELETE FROM files WHERE id = ?", (file_id,))


def _reset(db: sqlite3.Connection) -> None:
    for (name,) in list(db.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table') AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE 'fts_%'"
    )):
        db.execute(f'DROP TABLE IF EXISTS "{name}"')
    db.executescript(_SCHEMA)


def _read(path: str) -> bytes | None:
    """A regular file's bytes, or None (pipes, devices, huge or unreadable files)."""
    import stat

    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES:
            return None
        with open(path, "rb") as fh:
            return fh.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError):
        return None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def search_library(
    paths: Sequence[str | os.PathLike[str]], query: str | Query, limit: int | None = 50,
    folder: Path | None = None,
) -> SearchResult:
    """Bring the index of ``paths`` up to date and search it (raises ``QueryError``)."""
    q = parse_query(query) if isinstance(query, str) else query
    with LibraryIndex(paths, folder) as index:
        index.refresh()
        return index.search(q, limit)

