"""Faithful saving over hostile originals: never a crash, never anything but the dossier.

The bytes a save writes over are whatever the file held when it was read; a
file that does not load cleanly is no layout to keep, and the save falls back
to the canonical form. Each corpus file is tried as the original under a
valid dossier, in this process (every one of them parses in milliseconds; the
generated giants of the corpus conftest are exercised by ``check``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Company, Development, Dossier, Source
from dossier_app.fileio.faithful import canonical_text, faithful_text
from dossier_app.fileio.loader import parse_dossier_bytes
from dossier_app.fileio.writer import dump_dossier

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.yaml"))


def _dossier() -> Dossier:
    return Dossier(
        company=Company(name="Safe Inc"),
        sources=[Source(id="s", title="S")],
        timeline=[Development(id="d", date=PartialDate(2021, 9), title="T", sources=["s"])],
    )


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_a_hostile_original_gives_the_dossier_and_nothing_else(path: Path) -> None:
    original = path.read_bytes()
    d = _dossier()
    out = faithful_text(original, d)
    again = parse_dossier_bytes(out.text.encode("utf-8"), "x.yaml")
    assert again.dossier == d, again.problems
    loads = parse_dossier_bytes(original, str(path))
    if loads.errors:
        assert not out.faithful and out.text == dump_dossier(d)


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_format_of_a_hostile_file_is_refused_or_keeps_the_data(path: Path) -> None:
    original = path.read_bytes()
    out = canonical_text(original)
    loads = parse_dossier_bytes(original, str(path))
    if out is None:
        assert loads.errors
        return
    assert not loads.errors
    again = parse_dossier_bytes(out.text.encode("utf-8"), "x.yaml")
    before = parse_dossier_bytes(original, "x.yaml")
    if before.dossier is not None:
        assert again.dossier == before.dossier
