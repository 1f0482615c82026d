"""How values read: figures, amounts, grades, and reflowed text."""

from __future__ import annotations

import pytest

from dossier_app.domain.formatting import (
    format_amount,
    format_credibility,
    format_figure_value,
    format_number,
    format_reliability,
    reflow,
)
from dossier_app.domain.model import Figure


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "text"),
    [
        (50_000_000, "USD", "about", "about USD 50 million"),
        (10_000_000_000, "USD", "at-least", "at least USD 10 billion"),
        (1_250_000_000, "EUR", None, "EUR 1.25 billion"),
        (12_000, "employees", "more-than", "more than 12,000 employees"),
        (35, "%", "less-than", "less than 35%"),
        (3.5, "data centres", "at-most", "at most 3.5 data centres"),
        (2_000_000_000_000, "USD", "exact", "USD 2 trillion"),
        (-4_500_000, "USD", None, "USD -4.5 million"),
    ],
)
def test_figure_value_reads_as_said(
    value: float, unit: str, qualifier: str | None, text: str
) -> None:
    figure = Figure(id="f", label="x", value=value, unit=unit, qualifier=qualifier)
    assert format_figure_value(figure) == text


def test_numbers_and_amounts() -> None:
    assert format_number(999_999) == "999,999"
    assert format_number(1_000_000) == "1 million"
    assert format_number(0.1 + 0.2) == "0.3"
    assert format_number(50_000_000, scale_words=False) == "50,000,000"
    assert format_amount(5, "") == "5"


def test_grades() -> None:
    assert format_reliability("B") == "B – Usually reliable"
    assert format_reliability(None) == ""
    assert format_credibility(2) == "2 – Probably true"
    assert format_credibility(None) == ""


def test_reflow_joins_wrapped_lines_but_keeps_paragraphs_and_lists() -> None:
    text = "One line\nwrapped here.\n\nSecond paragraph.\n- item one\n- item two\n"
    assert reflow(text) == "One line wrapped here.\n\nSecond paragraph.\n- item one\n- item two"


def test_small_values_keep_their_significant_digits() -> None:
    assert format_number(0.000001) == "0.000001"
    assert format_number(0.0001234567) == "0.000123"
    assert format_number(-0.05) == "-0.05"
    assert format_number(0.5) == "0.5"
    assert format_number(2.5e-15) == "2.5e-15"
    small = Figure("f", "Yield", 0.000001, "USD", qualifier="less-than")
    assert format_figure_value(small) == "less than USD 0.000001"


def test_numbers_without_float_noise_or_a_bare_point() -> None:
    assert format_number(float("inf")) == "inf"
    assert format_number(float("nan")) == "nan"
    assert format_number(1234.56789) == "1,234.5679"
    assert format_number(1.00001) == "1"  # rounds to 1.0000: no "1." left behind
    assert format_number(-2.5) == "-2.5"
    assert format_number(2_500_000_000_000) == "2.5 trillion"
    assert format_amount(12.5, " % ") == "12.5%"
    assert format_amount(3, "EU") == "3 EU"  # not a currency code: the unit goes after


def test_an_unknown_qualifier_is_said_as_written() -> None:
    figure = Figure(id="f", label="x", value=5, unit="USD", qualifier="roughly")
    assert format_figure_value(figure) == "roughly USD 5"


def test_unknown_grades_are_shown_bare() -> None:
    assert format_reliability("Z") == "Z"
    assert format_reliability("") == ""
    assert format_credibility(9) == "9"
    assert format_credibility(6) == "6 – Truth cannot be judged"


def test_reflow_keeps_indented_lines_and_their_leading_space() -> None:
    text = "First line  \nwrapped.\n indented\nmore\n  deeper\n1. numbered\n"
    assert reflow(text) == "First line wrapped.\n indented more\n  deeper\n1. numbered"


def test_a_value_that_rounds_up_to_the_next_scale_word_uses_that_word() -> None:
    assert format_number(999_999_999) == "1 billion"
    assert format_number(-999_996_000) == "-1 billion"
    assert format_number(999_994_999) == "999.99 million"
    assert format_number(999_999_999_999) == "1 trillion"
    assert format_number(1_500_000_000_000_000) == "1,500 trillion"  # no word beyond
    assert format_number(999_999_999, scale_words=False) == "999,999,999"

