"""Partial dates: equality and ordering agree, as diff and merge rely on."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from dossier_app.domain.dates import PartialDate


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
