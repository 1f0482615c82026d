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
