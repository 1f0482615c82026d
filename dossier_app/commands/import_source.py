"""``dossier-app import-source DOSSIER FILE [--url URL] [--id ID]``: add a saved article.

Reads a saved web page (``.html``, ``.htm``), plain-text or PDF file, adds it
to the dossier as a source with the title, author, publisher, published date
and URL found in it, keeps a copy in ``<dossier stem>.sources/<id>.<ext>``
beside the dossier (with its main text as ``<id>.txt``) and saves the dossier
atomically in canonical form.

Output: the new source's id on stdout (one line, for scripts); on stderr, the
fields the file did not give ("not found in FILE: author, published date").
Exit status: 0 imported (even with fields missing); 1 the dossier has errors,
or the archive or the dossier could not be written (then nothing was
written); 2 bad usage or input: FILE or DOSSIER cannot be read, a FILE that is
no article, an ``--id`` that is malformed or taken, a ``--url`` that is not
http(s).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

HELP = "add a saved article (web page, text or PDF) to a dossier as an archived source"
DESCRIPTION = (
    "Extract the title, author, publisher, published date, URL and main text of a saved "
    "article, add it to DOSSIER as a source, keep a copy beside the dossier in "
    "<dossier stem>.sources/ and save. Prints the new source's id."
)

PROG = "dossier-app import-source"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dossier", metavar="DOSSIER", help="the dossier file to add the source to")
    parser.add_argument("file", metavar="FILE", help="saved web page, plain-text or PDF file")
    parser.add_argument("--url", help="where the article came from (overrides the page's own)")
    parser.add_argument("--id", dest="source_id", metavar="ID",
                        help="id for the new source (default: made from publisher and title)")


def _say(line: str, stream: TextIO | None = None) -> None:
    """Print a line (to stderr by default) even where the terminal cannot show all of it."""
    out = stream or sys.stderr
    try:
        print(line, file=out)
    except UnicodeEncodeError:
        encoding = getattr(out, "encoding", None) or "ascii"
        print(line.encode(encoding, "backslashreplace").decode(encoding), file=out)


def run(args: argparse.Namespace) -> int:
    from ..domain.model import is_safe_url
    from ..fileio.archive import ArchiveError
    from ..fileio.article import ArticleError, extract_article
    from ..fileio.hashing import content_hash
    from ..fileio.loader import read_dossier
    from ..fileio.problems import SaveError
    from ..fileio.source_import import SourceIdError, import_source

    if args.url is not None and not is_safe_url(args.url):
        _say(f"{PROG}: --url must be an http:// or https:// link, got {args.url!r}")
        return 2
    if not os.path.isfile(args.dossier):
        _say(f"{PROG}: {args.dossier}: no such dossier file")
        return 2
    try:
        article = extract_article(args.file, url=args.url)
    except ArticleError as exc:
        _say(f"{PROG}: {args.file}: {exc}")
        return 2

    result = read_dossier(args.dossier)
    if result.dossier is None or result.errors:
        for problem in result.errors or result.problems:
            _say(str(problem))
        _say(f"{PROG}: {args.dossier} has errors; nothing was imported")
        return 1
    try:
        with open(args.dossier, "rb") as fh:
            unchanged = content_hash(fh.read()) == result.content_hash
    except OSError:
        unchanged = False
    if not unchanged:
        _say(f"{PROG}: {args.dossier} changed while it was read; nothing was imported")
        return 1
    try:
        imported = import_source(
            result.dossier, args.dossier, article, os.path.basename(args.file), args.source_id
        )
    except SourceIdError as exc:
        _say(f"{PROG}: {exc}")
        return 2
    except (ArchiveError, SaveError) as exc:
        _say(f"{PROG}: {exc}; nothing was imported")
        return 1
    _say(imported.source.id, sys.stdout)
    if article.missing:
        _say(f"{PROG}: not found in {args.file}: {article.missing_text()}")
    return 0
