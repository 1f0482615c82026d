"""Problems of one file: positioned, one line each, in file order, capped with a count."""

from __future__ import annotations

from dossier_app.fileio.collector import MAX_PROBLEMS, ProblemCollector
from dossier_app.fileio.problems import Problem


def test_problems_come_back_in_file_order_with_their_codes() -> None:
    c = ProblemCollector("d.yaml")
    c.warning(9, 2, "late", code="late-one")
    c.error(3, 7, "early", code="early-one")
    c.error(3, 1, "same line, first column")
    assert c.has_errors and c.error_count == 2 and not c.full
    assert c.finish() == [
        Problem("d.yaml", 3, 1, "error", "same line, first column", ""),
        Problem("d.yaml", 3, 7, "error", "early", "early-one"),
        Problem("d.yaml", 9, 2, "warning", "late", "late-one"),
    ]


def test_warnings_alone_are_not_errors() -> None:
    c = ProblemCollector("d.yaml")
    c.warning(1, 1, "w")
    assert not c.has_errors and c.error_count == 0
    assert c.finish()[0].severity == "warning"


def test_positions_are_at_least_line_and_column_one() -> None:
    c = ProblemCollector("d.yaml")
    c.error(0, -5, "before the start")
    problem = c.finish()[0]
    assert (problem.line, problem.column) == (1, 1)


def test_a_message_is_one_line() -> None:
    c = ProblemCollector("d.yaml")
    c.error(1, 1, "two\nlines\r\nand  more")
    c.error(2, 1, "one line  with  double spaces")
    first, second = c.finish()
    assert first.message == "two lines and more"
    assert second.message == "one line  with  double spaces"  # left alone


def test_past_the_limit_problems_are_counted_in_one_last_error() -> None:
    c = ProblemCollector("d.yaml", limit=3)
    assert c.limit == 3 and c.path == "d.yaml"
    for line in (5, 1, 3):
        c.warning(line, 4, f"w{line}")
    assert c.full
    c.error(9, 9, "hidden error")
    c.warning(2, 2, "hidden warning")
    assert c.error_count == 1 and c.hidden == 2 and c.hidden_errors == 1
    result = c.finish()
    assert [p.message for p in result[:3]] == ["w1", "w3", "w5"]
    # The count has no position of its own (line 0: "FILE: error: ..."), and its own code.
    assert result[3] == Problem(
        "d.yaml", 0, 0, "error", "2 more problems not shown (1 of them errors)", "more-not-shown"
    )


def test_one_hidden_warning_is_a_warning_in_the_singular() -> None:
    c = ProblemCollector("d.yaml", limit=1)
    c.warning(1, 2, "shown")
    c.warning(7, 3, "hidden")
    assert c.finish()[-1] == Problem(
        "d.yaml", 0, 0, "warning", "1 more problem not shown", "more-not-shown"
    )


def test_nothing_hidden_adds_nothing() -> None:
    c = ProblemCollector("d.yaml", limit=1)
    c.error(1, 1, "only")
    assert len(c.finish()) == 1
    assert ProblemCollector("d.yaml").limit == MAX_PROBLEMS
