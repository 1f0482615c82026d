"""The filter-box search gives exactly what a plain substring test gives, in display order."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier_app.ui.models.search import TextIndex


def naive(texts: list[str], order: list[int], text: str) -> list[int]:
    words = text.casefold().split()
    return [i for i in order if all(w in texts[i].casefold() for w in words)]


def test_sparse_and_dense_hits_in_any_order() -> None:
    rng = random.Random(7)
    vocab = ["cloud", "review", "merger", "data", "china", "ÄRGER", "straße", "x"]
    texts = [" ".join(rng.choices(vocab, k=rng.randint(0, 6))) for _ in range(5000)]
    order = list(range(len(texts)))
    rng.shuffle(order)
    index = TextIndex(texts)
    for query in ("cloud", "c", "x", "zzz", "ärger", "STRASSE", "cl re", "re cl", "e", ""):
        assert index.filter(order, query) == naive(texts, order, query), query


def test_typing_on_narrows_and_backspace_widens() -> None:
    texts = ["alpha beta", "alphabet", "beta", "gamma alpha", "al"]
    order = [4, 3, 2, 1, 0]
    index = TextIndex(texts)
    typed = ""
    for char in "alpha b":
        typed += char
        assert index.filter(order, typed) == naive(texts, order, typed), typed
    for _ in range(len(typed)):
        typed = typed[:-1]
        assert index.filter(order, typed) == naive(texts, order, typed), typed


def test_a_subset_order_leaves_out_what_it_lacks() -> None:
    texts = ["a1", "b", "a2", "a3"] * 50
    index = TextIndex(texts)
    order = [3, 0]
    assert index.filter(order, "a") == [3, 0]


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(st.text(alphabet="abcAB ßé\n\x00", max_size=12), max_size=40),
    queries=st.lists(st.text(alphabet="abcAB ßé", max_size=4), max_size=6),
    seed=st.integers(0, 1000),
)
def test_matches_a_plain_substring_test(texts: list[str], queries: list[str], seed: int) -> None:
    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)
    index = TextIndex(texts)
    for query in queries:
        assert index.filter(order, query) == naive(texts, order, query)
