"""The benchmark's generated dossiers are valid, realistic and reproducible."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from bench.generate import generate, vocabulary, write
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


def _words(text: str) -> list[str]:
    """The words of the titles and summaries, case-folded as the filter sees them."""
    timeline = text[text.index("\ntimeline:") : text.index("\nfigures:")]
    prose = [
        line.split(":", 1)[1] if line.lstrip().startswith("title:") else line
        for line in timeline.splitlines()
        if line.lstrip().startswith("title:") or line.startswith("      ")
    ]
    return re.findall(r"[^\W\d_][\w-]*", " ".join(prose).casefold())


def test_the_vocabulary_is_large_distinct_and_fixed() -> None:
    words = vocabulary()
    assert len(words) == 59_000
    assert len({w.casefold() for w in words}) == len(words)
    assert words == vocabulary(59_000)
    assert all(w.isalpha() or "-" in w for w in words)  # nothing that needs YAML quoting
    assert words[0] == "the"


def test_text_is_zipf_distributed_over_a_large_vocabulary() -> None:
    counts = Counter(_words(generate(5_000)))
    # The old word lists gave about 200 distinct words however long the timeline.
    assert len(counts) > 15_000
    ranked = [c for _, c in counts.most_common()]
    # Zipf: frequency falls about as 1/rank (with a shift of a few ranks at the top).
    assert 2.5 < ranked[0] / ranked[9] < 12
    assert 4 < ranked[9] / ranked[99] < 16
    # A long tail: many words occur only once or twice in 5,000 developments.
    assert sum(1 for c in ranked if c <= 2) > 5_000
    assert counts.most_common(1)[0][0] == "the"

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
