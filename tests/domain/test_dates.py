"""Partial dates: equality and ordering agree, as diff and merge rely on."""

from __future__ import annotations

import datetime as _dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier_app.domain.dates import DateError, PartialDate, display_span


def test_circa_and_exact_year_are_unequal_and_strictly_ordered() -> None:
    exact, circa = PartialDate(2021), PartialDate(2021, approximate=True)
    assert exact != circa
    assert exact < circa and not circa < exact
    assert not (exact <= circa and exact >= circa)


def test_chronological_key_still_ignores_circa() -> None:
    assert PartialDate(2021).sort_key == PartialDate(2021, approximate=True).sort_key
    assert PartialDate(2021) < PartialDate(2021, 1) < PartialDate(2021, 1, 1)


dates = st.builds(
    PartialDate,
    st.integers(2000, 2002),
    st.one_of(st.none(), st.integers(1, 2)),
    st.none(),
    st.booleans(),
) | st.builds(
    PartialDate, st.integers(2000, 2002), st.integers(1, 2), st.integers(1, 28), st.booleans()
)


@given(st.lists(dates, min_size=2, max_size=6))
def test_order_is_total_and_consistent_with_equality(values: list[PartialDate]) -> None:
    for a, b in itertools.product(values, repeat=2):
        assert (a <= b and b <= a) == (a == b)
        assert (a < b) == (not a >= b)
        assert sum((a < b, a == b, a > b)) == 1


# -- reading and the days a date may mean ----------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021", PartialDate(2021)),
        (" 2021-09 ", PartialDate(2021, 9)),
        ("2021-09-21", PartialDate(2021, 9, 21)),
        (2021, PartialDate(2021)),
        (_dt.date(2020, 2, 29), PartialDate(2020, 2, 29)),
        ("0001", PartialDate(1)),
        ("9999-12-31", PartialDate(9999, 12, 31)),
    ],
)
def test_parse_reads_every_form(value: object, expected: PartialDate) -> None:
    assert PartialDate.parse(value) == expected
    assert PartialDate.parse(value, approximate=True) == expected.with_approximate(True)
    assert PartialDate.parse(expected.iso()) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "expected a date like 2021, 2021-09 or 2021-09-21, got True"),
        ("21-09", "expected a date like 2021, 2021-09 or 2021-09-21, got '21-09'"),
        ("2021-9", "expected a date like 2021, 2021-09 or 2021-09-21, got '2021-9'"),
        (2021.0, "expected a date like 2021, 2021-09 or 2021-09-21, got 2021.0"),
        (None, "expected a date like 2021, 2021-09 or 2021-09-21, got None"),
        (_dt.datetime(2021, 1, 1, 12), "expected a date without a time of day"),
        ("0000", "year 0 is out of range 1..9999"),
        (10000, "year 10000 is out of range 1..9999"),
        ("2021-00", "month 00 does not exist"),
        ("2021-13", "month 13 does not exist"),
        ("2021-02-29", "day 29 does not exist in Feb 2021"),
        ("2021-04-31", "day 31 does not exist in Apr 2021"),
        ("2021-01-00", "day 00 does not exist in Jan 2021"),
    ],
)
def test_bad_dates_say_why(value: object, message: str) -> None:
    with pytest.raises(DateError) as caught:
        PartialDate.parse(value)
    assert str(caught.value) == message


def test_a_day_needs_a_month() -> None:
    with pytest.raises(DateError, match=r"^a day needs a month$"):
        PartialDate(2021, None, 5)


def test_from_date_keeps_the_day() -> None:
    d = PartialDate.from_date(_dt.date(2021, 9, 21))
    assert (d.year, d.month, d.day, d.approximate) == (2021, 9, 21, False)


@pytest.mark.parametrize(
    ("date", "first", "last", "precision"),
    [
        (PartialDate(2021), _dt.date(2021, 1, 1), _dt.date(2021, 12, 31), "year"),
        (PartialDate(2020, 2), _dt.date(2020, 2, 1), _dt.date(2020, 2, 29), "month"),
        (PartialDate(2021, 2), _dt.date(2021, 2, 1), _dt.date(2021, 2, 28), "month"),
        (PartialDate(2021, 9, 21), _dt.date(2021, 9, 21), _dt.date(2021, 9, 21), "day"),
    ],
)
def test_the_days_a_date_may_mean(
    date: PartialDate, first: _dt.date, last: _dt.date, precision: str
) -> None:
    assert date.first_day() == first
    assert date.last_day() == last
    assert date.precision == precision
    assert date.is_full == (precision == "day")


def test_contains_is_about_days() -> None:
    year = PartialDate(2021)
    assert year.contains(PartialDate(2021, 1)) and year.contains(PartialDate(2021, 12, 31))
    assert year.contains(year) and not PartialDate(2021, 3).contains(year)
    assert not year.contains(PartialDate(2022, 1, 1)) and not year.contains(PartialDate(2020))
    assert PartialDate(2021, 3).contains(PartialDate(2021, 3, 31))
    assert not PartialDate(2021, 3).contains(PartialDate(2021, 4, 1))


def test_with_approximate_keeps_the_date() -> None:
    d = PartialDate(2021, 9, 21).with_approximate(True)
    assert (d.year, d.month, d.day, d.approximate) == (2021, 9, 21, True)
    assert d.with_approximate(False) == PartialDate(2021, 9, 21)


@pytest.mark.parametrize(
    ("date", "iso", "shown"),
    [
        (PartialDate(2021), "2021", "2021"),
        (PartialDate(987, 1), "0987-01", "Jan 987"),
        (PartialDate(2021, 12, 5), "2021-12-05", "5 Dec 2021"),
        (PartialDate(2021, 8, approximate=True), "2021-08", "c. Aug 2021"),
        (PartialDate(2021, 1, 20, approximate=True), "2021-01-20", "c. 20 Jan 2021"),
    ],
)
def test_file_and_display_forms(date: PartialDate, iso: str, shown: str) -> None:
    assert date.iso() == iso
    assert date.display() == shown == str(date)


def test_spans_read_start_to_end() -> None:
    start = PartialDate(2017, approximate=True)
    assert display_span(start, PartialDate(2021, 1)) == "c. 2017 – Jan 2021"
    assert display_span(PartialDate(2020, 8), None) == "Aug 2020"


def test_each_comparison_operator() -> None:
    a, b = PartialDate(2021, 1), PartialDate(2021, 2)
    assert a < b and a <= b and b > a and b >= a and a <= a and a >= a
    assert not (b < a or b <= a or a > b or a >= b or a < a or a > a)
