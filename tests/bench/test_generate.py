"""The benchmark's generated dossiers are valid, realistic and reproducible."""

from __future__ import annotations

from pathlib import Path

from bench.generate import generate, write
from dossier_app.fileio.loader import read_dossier


def test_generated_dossier_passes_check(tmp_path: Path) -> None:
    from dossier_app.commands.check import run_check

    path = write(tmp_path / "d.yaml", 300, seed=3)
    assert run_check([str(path)]) == 0


def test_generated_dossier_has_the_shape_of_a_real_one(tmp_path: Path) -> None:
    result = read_dossier(write(tmp_path / "d.yaml", 500))
    assert result.errors == []
    assert result.warnings == []
    d = result.dossier
    assert d is not None
    assert len(d.timeline) == 500
    assert len(d.sources) == 50
    assert d.figures
    assert {x.date.precision for x in d.timeline} == {"year", "month", "day"}
    assert any(x.approximate for x in d.timeline)
    assert any(x.end is not None for x in d.timeline)
    assert all(2 <= len(x.sources) <= 3 for x in d.timeline)
    assert all(x.summary and x.summary.count("\n") >= 2 for x in d.timeline)
    assert len({x.id for x in d.timeline}) == 500


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    assert generate(200, seed=1) == generate(200, seed=1)
    assert generate(200, seed=1) != generate(200, seed=2)


def test_generated_library_has_distinct_companies_and_passes_check(tmp_path: Path) -> None:
    from bench.generate import write_library

    paths = write_library(tmp_path / "lib", files=30, developments=300)
    assert len(paths) == 30 and len(set(paths)) == 30
    names = set()
    for path in paths:
        result = read_dossier(path)
        assert result.dossier is not None and not result.errors, result.problems
        assert len(result.dossier.timeline) == 10
        names.add(result.dossier.company.name)
    assert len(names) == 30
