"""Every problem ``check`` reports on the hostile corpus carries a documented code."""

from __future__ import annotations

from dossier_app.fileio.loader import read_dossier
from tests.adversarial.conftest import Corpus
from tests.fileio.test_problem_codes import documented_codes


def test_every_problem_of_the_hostile_corpus_has_a_documented_code(corpus: Corpus) -> None:
    codes = documented_codes()
    seen: set[str] = set()
    for case in corpus.cases:
        if not case.in_process:
            continue
        problems = read_dossier(corpus.path(case)).problems
        assert problems, case.name
        for problem in problems:
            assert problem.code in codes, f"{case.name}: {problem} has code {problem.code!r}"
            seen.add(problem.code)
    # The corpus reaches the file-level codes too, not only the checks of the content.
    assert {"broken-link", "not-a-file", "unreadable", "not-utf8", "alias"} <= seen
