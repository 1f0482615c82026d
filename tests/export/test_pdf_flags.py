"""Corroboration flags in the exported PDF: a marker beside each flagged claim, and a key."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from dossier_app.domain.corroboration import legend
from dossier_app.domain.model import Dossier
from dossier_app.export.options import ExportOptions, Provenance
from dossier_app.export.pdf import export_pdf
from dossier_app.fileio.loader import load_dossier

from .pdfread import norm, read_pdf

DOSSIER = """\
format: dossier/1
company:
  name: Flagged Example
sources:
  - id: reuters
    title: Reuters report
    reliability: B
  - id: hill
    title: Hill article relaying Reuters
    via: reuters
    reliability: B
  - id: rumour-a
    title: Forum post
    reliability: E
  - id: rumour-b
    title: Another forum post
    reliability: F
timeline:
  - id: relayed
    date: 2021-01
    title: Relayed claim rests on Reuters
    sources: [reuters, hill]
  - id: weak
    date: 2021-02
    title: Rumoured claim from forums
    sources: [rumour-a, rumour-b]
  - id: solid
    date: 2021-03
    title: Well corroborated claim
    sources: [reuters, rumour-a]
    credibility: 2
  - id: bare
    date: 2021-04
    title: Claim nobody sourced
figures:
  - id: old-revenue
    label: Old revenue
    value: 10
    unit: USD
    as_of: 2015
    sources: [reuters, rumour-a]
"""

PROVENANCE = Provenance("flagged.yaml", "0" * 32, _dt.date(2026, 11, 26))


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Dossier:
    path = tmp_path_factory.mktemp("flags") / "flagged.yaml"
    path.write_text(DOSSIER, "utf-8")
    return load_dossier(path)


def export(dossier: Dossier, path: Path, **options: object) -> str:
    export_pdf(dossier, path, ExportOptions(**options), PROVENANCE)  # type: ignore[arg-type]
    return "".join(read_pdf(path).pages)


def test_flagged_claims_carry_a_marker_and_their_flags(
    qapp: QApplication, dossier: Dossier, tmp_path: Path
) -> None:
    text = export(dossier, tmp_path / "flags.pdf")
    assert re.search(norm("Relayed claim rests on Reuters") + r"(\[\d+\])+⚑", text)
    assert norm("Rumoured claim from forums") in text
    assert "⚑SingleOrigin" not in text and norm("⚑ Single origin") in text
    assert norm("⚑ Weak sourcing") in text
    assert norm("Claim nobody sourced") + "⚑" in text and norm("⚑ Uncited") in text
    # The well-corroborated claim has no marker: its title runs straight into its date line.
    solid = text.index(norm("Well corroborated claim"))
    assert "⚑" not in text[solid : text.index(norm("Claim nobody sourced"))]
    assert norm("Old revenue") + "⚑" in text and norm("⚑ Stale") in text


def test_the_key_explains_the_flags_and_leaves_the_grades_to_the_grading_key(
    qapp: QApplication, dossier: Dossier, tmp_path: Path
) -> None:
    text = export(dossier, tmp_path / "key.pdf")
    key = text.index(norm("Key to flags and grades"))
    for term, meaning in legend()[:4]:
        assert norm(term) + norm(meaning) in text[key:]
    grading = text.index(norm("Grading key"))
    assert key < grading
    assert norm("Completely reliable") not in text[key:grading]  # the grading key says it
    assert norm("Completely reliable") in text[grading:]


def test_without_the_sources_section_the_key_explains_the_grades_too(
    qapp: QApplication, dossier: Dossier, tmp_path: Path
) -> None:
    text = export(dossier, tmp_path / "nosources.pdf", sections=("overview", "timeline"))
    key = text.index(norm("Key to flags and grades"))
    for term, meaning in legend():
        assert norm(term) + norm(meaning) in text[key:], term
    assert norm("Grading key") not in text
