"""Importing a saved article as a source: the proposed source, its archived copy, the save.

The GUI and ``dossier-app import-source`` share the steps:

1. ``extract_article(file, url)`` (``article.py``) reads the file; nothing is written;
2. ``propose_source(dossier, dossier_path, article, source_id)`` makes the
   source the fields suggest, with a free id (for a form to prefill);
3. ``write_archive`` (``archive.py``) writes the copy and its text once the
   source is confirmed, and ``attach_archive`` records them on the source;
4. the dossier is saved; ``import_source`` does 2–4 for the command line and
   removes the archived files again when the save fails.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..domain.model import Dossier, Source
from .archive import ArchivedCopy, is_archive_free, write_archive
from .article import Article
from .writer import save_dossier

#: What an id must look like (the format's pattern).
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*")
MAX_ID_CHARS = 64


class SourceIdError(Exception):
    """An import that cannot go ahead (a bad or taken id); nothing was written."""


#: Words left out of an id made from a title.
_STOPWORDS = frozenset({
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "it", "of", "on",
    "or", "over", "the", "to", "under", "with",
})
#: Words of the title kept in a suggested id.
_TITLE_WORDS = 4


def slug(text: str, limit: int = MAX_ID_CHARS, words: int | None = None) -> str:
    """``The Hill: Alibaba's cloud`` → ``the-hill-alibaba-s-cloud``, within ``limit`` characters
    (and at most ``words`` words, leaving out little words such as "the", "of")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    found = re.findall(r"[a-z0-9]+", ascii_text.lower())
    if words is not None:
        found = [w for w in found if w not in _STOPWORDS][:words]
    out = ""
    for word in found:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or (found[0][:limit] if found else "")


def suggest_id(
    dossier: Dossier, dossier_path: str | os.PathLike[str], article: Article, file_name: str
) -> str:
    """A free source id from the publisher (or the URL's host) and the title's first words,
    else from the file name: ``the-hill-alibaba-us-national-security``."""
    host = ""
    if article.url:
        host = re.sub(r"^www\.", "", article.url.split("//", 1)[-1].split("/", 1)[0])
        host = host.split(":")[0].rsplit(".", 1)[0]
    lead = slug(article.publisher or host, 20)
    rest = slug(article.title or "", MAX_ID_CHARS - len(lead) - 1, words=_TITLE_WORDS)
    base = "-".join(p for p in (lead, rest) if p) or slug(Path(file_name).stem) or "source"
    taken = {s.id for s in dossier.sources}
    candidate, n = base, 1
    while candidate in taken or not is_archive_free(dossier_path, candidate, article.ext):
        n += 1
        candidate = f"{base[: MAX_ID_CHARS - len(str(n)) - 1]}-{n}"
    return candidate


def check_id(dossier: Dossier, dossier_path: str | os.PathLike[str], source_id: str,
             ext: str) -> None:
    """Raise ``SourceIdError`` when ``source_id`` cannot name a new source."""
    if not ID_PATTERN.fullmatch(source_id):
        raise SourceIdError(
            f"{source_id!r} is not a source id: use lowercase letters, digits, '.', '_' "
            "and '-', starting with a letter or digit"
        )
    if dossier.source(source_id) is not None:
        raise SourceIdError(f"the dossier already has a source {source_id!r}")
    if not is_archive_free(dossier_path, source_id, ext):
        raise SourceIdError(f"an archived copy for {source_id!r} already exists")


def propose_source(
    dossier: Dossier,
    dossier_path: str | os.PathLike[str],
    article: Article,
    file_name: str,
    source_id: str | None = None,
) -> Source:
    """The source an article suggests (no archive yet): what a form prefills.

    The title falls back to the file name (a source needs one); every other
    field the article lacks stays empty.
    """
    if source_id is None:
        source_id = suggest_id(dossier, dossier_path, article, file_name)
    else:
        check_id(dossier, dossier_path, source_id, article.ext)
    return Source(
        id=source_id,
        title=article.title or Path(file_name).stem or source_id,
        publisher=article.publisher,
        author=article.author,
        url=article.url,
        published=article.published,
    )


def attach_archive(source: Source, copy: ArchivedCopy) -> None:
    """Record an archived copy on its source (``archived``, ``sha256``)."""
    source.archived = copy.archived
    source.sha256 = copy.sha256


@dataclass(slots=True)
class Imported:
    """What ``import_source`` did."""

    source: Source
    archive: ArchivedCopy


def import_source(
    dossier: Dossier,
    dossier_path: str | os.PathLike[str],
    article: Article,
    file_name: str,
    source_id: str | None = None,
) -> Imported:
    """Add the article as a source, archive it and save the dossier atomically.

    Raises ``SourceIdError`` (bad id), ``ArchiveError`` or ``SaveError``; in
    every case the dossier object, the file and the archive folder are left
    as they were.
    """
    source = propose_source(dossier, dossier_path, article, file_name, source_id)
    copy = write_archive(dossier_path, source.id, article.ext, article.data, article.text)
    attach_archive(source, copy)
    dossier.sources.append(source)
    try:
        save_dossier(dossier, dossier_path)
    except BaseException:
        dossier.sources.remove(source)
        copy.remove()
        raise
    return Imported(source, copy)
