"""``dossier-app search QUERY [PATH...]``: full-text search across a library of dossiers.

Output on stdout, best match first, one line per hit:
``FILE:LINE: KIND ID: TITLE`` (FILE as found under the paths given; a profile
hit has no ID). With ``--json``, one JSON array of objects with ``file``,
``line``, ``kind``, ``id``, ``date``, ``title`` and ``snippet``. When the
search index could not be used as it should, a note says so on stderr (the
search still runs). The query language is the library search's
(``dossier_app.domain.query``).

Exit status, as grep's: 0 with hits, 1 with none, 2 on a bad query or bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

HELP = "search every dossier of a library"
DESCRIPTION = (
    "Print FILE:LINE: KIND ID: TITLE for each matching item, best first. Words must all "
    'match; "a phrase", prefix*, -word; filters tag:, company:, kind:, from:, to:, marking:. '
    "Exit 0 with hits, 1 with none, 2 on a bad query."
)


def bundled_library() -> str:
    """The ``dossiers/`` folder shipped beside the package (the app's default library)."""
    here = Path(__file__).resolve().parent.parent.parent / "dossiers"
    return str(here) if here.is_dir() else "dossiers"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", help="what to look for (quote it in the shell)")
    parser.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="library folders or dossier files (default: the bundled dossiers/ folder)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array of the hits")
    parser.add_argument(
        "--limit", type=_positive, default=50, metavar="N",
        help="print at most N hits (default 50)",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def run(args: argparse.Namespace) -> int:
    import json

    from ..domain.query import QueryError, parse_query
    from ..fileio.library_index import search_library

    try:
        query = parse_query(args.query)
    except QueryError as exc:
        _write(sys.stderr, f"dossier-app search: bad query: {exc}")
        return 2
    paths = args.paths or [bundled_library()]
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        _write(sys.stderr, f"dossier-app search: no such file or folder: {missing[0]}")
        return 2
    shown = {os.path.abspath(p): p for p in paths}
    result = search_library(paths, query, limit=args.limit)
    if result.notice:
        _write(sys.stderr, f"dossier-app search: note: {result.notice}")
    if args.json:
        hits = [dict(h.as_json(), file=_as_given(h.path, shown)) for h in result.hits]
        _write(sys.stdout, json.dumps(hits, ensure_ascii=False, indent=2))
    else:
        for hit in result.hits:
            ident = f" {hit.id}" if hit.id else ""
            title = " ".join(hit.title.split())
            where = f"{_as_given(hit.path, shown)}:{hit.line}"
            _write(sys.stdout, f"{where}: {hit.kind}{ident}: {title}")
    return 0 if result.hits else 1


def _as_given(path: str, shown: dict[str, str]) -> str:
    """The hit's file named as the user named its folder or file on the command line."""
    if path in shown:
        return shown[path]
    folder = os.path.dirname(path)
    if folder in shown:
        return os.path.join(shown[folder], os.path.basename(path))
    return path


def _write(stream: TextIO, line: str) -> None:
    """Print a line even to a terminal that cannot show every character of it."""
    try:
        print(line, file=stream)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(line.encode(encoding, "backslashreplace").decode(encoding), file=stream)
