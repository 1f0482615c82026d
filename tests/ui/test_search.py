"""The filter-box search gives exactly what a plain substring test gives, in display order.

The token index answers a word from the texts' distinct tokens; these tests
hold it (built fully, partly, or not at all) against a plain case-folded
substring scan: random texts with non-ASCII letters, letters whose case
folding changes their length and several kinds of whitespace; 1-, 2- and
longer needles; typing on and erasing, with the index growing in between.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Company, Development, Dossier, Source
from dossier_app.ui.document import DossierDocument
from dossier_app.ui.dossier.timeline_tab import TimelineTab
from dossier_app.ui.models import TimelineFilter, TimelineModel
from dossier_app.ui.models.base import INDEX_AHEAD_MIN
from dossier_app.ui.models.search import (
    RowOrder,
    TextSearch,
    TokenIndex,
    bits_of,
    flags_of,
    rows_in,
)

# "ß" folds to "ss", "İ" to "i̇", "ﬁ" to "fi"; "\u3000" and "\x85" are whitespace too.
LETTERS = "abcsABSßéİﬁ中-\x00"
SPACES = " \n\t\u3000\x85"
TEXTS = st.lists(st.text(alphabet=LETTERS + SPACES, max_size=16), max_size=40)
QUERY = st.text(alphabet=LETTERS + " ", max_size=5)


def naive(texts: list[str], order: list[int], query: str) -> list[int]:
    words = query.casefold().split()
    return [i for i in order if all(w in texts[i].casefold() for w in words)]


def shown(search: TextSearch, order: list[int], query: str) -> list[int]:
    words = query.casefold().split()
    if not words:
        return list(order)
    return RowOrder(order).rows(search.bits(words))


def make_search(texts: list[str], index: bool = True) -> TextSearch:
    return TextSearch(len(texts), lambda start, stop: texts[start:stop], index=index)


@contextmanager
def tiny_steps(scan_ratio: int = 2) -> Iterator[None]:
    """Steps, blocks and the "common token" line small enough for a few dozen texts,
    so that both kinds of postings (row lists, bit sets) and partial indexes occur;
    ``scan_ratio`` 0 scans for every one-letter word with rare tokens, 1000 never."""
    saved = (TextSearch.FOLD_STEP, TextSearch.TOKEN_STEP, TextSearch.SCAN_RATIO,
             TokenIndex.BLOCK, TokenIndex.COMMON_MIN, TokenIndex.COMMON_SHARE)
    TextSearch.FOLD_STEP, TextSearch.TOKEN_STEP, TextSearch.SCAN_RATIO = 3, 2, scan_ratio
    TokenIndex.BLOCK, TokenIndex.COMMON_MIN, TokenIndex.COMMON_SHARE = 5, 2, 8
    try:
        yield
    finally:
        (TextSearch.FOLD_STEP, TextSearch.TOKEN_STEP, TextSearch.SCAN_RATIO,
         TokenIndex.BLOCK, TokenIndex.COMMON_MIN, TokenIndex.COMMON_SHARE) = saved


SCAN_RATIOS = st.sampled_from([0, 1, 1000])


def orders(n: int, seed: int) -> list[list[int]]:
    shuffled = list(range(n))
    random.Random(seed).shuffle(shuffled)
    return [list(range(n)), list(range(n - 1, -1, -1)), shuffled]


@settings(max_examples=200, deadline=None)
@given(flags=st.lists(st.booleans(), max_size=300))
def test_bit_sets_and_flags_round_trip(flags: list[bool]) -> None:
    raw = bytes(flags)
    bits = bits_of(raw)
    assert bits == sum(1 << i for i, f in enumerate(flags) if f)
    assert flags_of(bits, len(flags)) == raw


@settings(max_examples=100, deadline=None)
@given(n=st.integers(0, 60), bits=st.integers(min_value=0), seed=st.integers(0, 1000))
def test_rows_come_out_in_display_order(n: int, bits: int, seed: int) -> None:
    bits &= (1 << n) - 1
    for order in orders(n, seed):
        expected = [i for i in order if bits >> i & 1]
        assert RowOrder(order).rows(bits) == expected
        assert rows_in(order[: n // 2], bits, n) == [i for i in expected if i in order[: n // 2]]


@settings(max_examples=300, deadline=None)
@given(texts=TEXTS, queries=st.lists(QUERY, max_size=6), steps=st.integers(0, 40),
       seed=st.integers(0, 1000), ratio=SCAN_RATIOS)
def test_matches_a_plain_substring_test(
    texts: list[str], queries: list[str], steps: int, seed: int, ratio: int
) -> None:
    with tiny_steps(ratio):
        scanned = make_search(texts, index=False)
        partial = make_search(texts)
        for _ in range(steps):
            partial.step()
        full = make_search(texts)
        assert full.prepare(60.0)
        assert full.is_ready() and full.indexed == len(texts)
        for order in orders(len(texts), seed):
            for query in queries:
                expected = naive(texts, order, query)
                for search in (scanned, partial, full):
                    assert shown(search, order, query) == expected, query


@settings(max_examples=200, deadline=None)
@given(texts=TEXTS, typed=st.text(alphabet=LETTERS + " ", min_size=1, max_size=6),
       pauses=st.lists(st.integers(0, 4), min_size=12, max_size=12), seed=st.integers(0, 1000),
       ratio=SCAN_RATIOS)
def test_typing_on_and_erasing_while_the_index_grows(
    texts: list[str], typed: str, pauses: list[int], seed: int, ratio: int
) -> None:
    """Every keystroke narrows or widens from recent results; idle steps come in between."""
    with tiny_steps(ratio):
        search = make_search(texts)
        order = orders(len(texts), seed)[2]
        sequence = [typed[:i] for i in range(1, len(typed) + 1)]
        sequence += [typed[:i] for i in range(len(typed) - 1, -1, -1)]
        sequence += sequence  # and again: now from the recent results
        for query, pause in zip(sequence, pauses * 3, strict=False):
            for _ in range(pause):
                search.step()
            assert shown(search, order, query) == naive(texts, order, query), query


def test_searching_while_the_index_is_being_built() -> None:
    """Each search scans what the index lacks; the index then grows past those rows."""
    rng = random.Random(11)
    words = ["Alpha", "beta", "GAMMA", "straße", "ﬁsh", "中文", "δέλτα"]
    texts = [" ".join(rng.choices(words, k=rng.randint(0, 4))) for _ in range(300)]
    order = orders(len(texts), 4)[2]
    queries = ["a", "al", "alp", "ss", "fi", "中", "gamma", "Δ", "ta", "e", "be", "zz"]
    with tiny_steps():
        search = make_search(texts)
        seen = set()
        for query in queries * 2:
            assert shown(search, order, query) == naive(texts, order, query), query
            seen.add(search.indexed)
            for _ in range(rng.randint(5, 20)):
                search.step()
        assert len(seen) > 10  # the searches met the index at many sizes
        assert search.prepare(60.0)
        for query in queries:
            assert shown(search, order, query) == naive(texts, order, query), query


def test_sparse_and_dense_words_over_thousands_of_texts() -> None:
    """At real size: common tokens become bit sets, rare ones stay row lists."""
    rng = random.Random(7)
    vocab = ["cloud", "review", "merger", "data", "china", "ÄRGER", "straße", "x", "中文报道"]
    rare = [f"rare{i}word" for i in range(300)]
    texts = [
        " ".join(rng.choices(vocab, k=rng.randint(0, 6)) + rng.choices(rare, k=1))
        for _ in range(6000)
    ]
    search = make_search(texts)
    slices = 1
    while not search.prepare(0.0):  # no time at all: still a step per call
        slices += 1
    assert 10 < slices < 100
    order = orders(len(texts), 3)[2]
    queries = ("cloud", "c", "x", "zzz", "ärger", "STRASSE", "cl re", "re cl", "e", "",
               "rare1", "rare17word", "word", "中文", "ud da", "d")
    for query in queries:
        assert shown(search, order, query) == naive(texts, order, query), query


def test_many_rare_words_and_one_letter() -> None:
    """Varied text: most tokens are rare; a single common letter is scanned for instead
    of gathering the row lists of thousands of rare tokens."""
    rng = random.Random(8)
    letters = "etaoinsqéß"
    vocab = ["".join(rng.choices(letters, k=rng.randint(2, 9))) for _ in range(20000)]
    texts = [" ".join(rng.choices(vocab, k=rng.randint(4, 14))) for _ in range(4000)]
    search = make_search(texts)
    assert search.prepare(60.0)
    order = orders(len(texts), 5)[1]
    for query in ("e", "t", "q", "ß", "SS", "et", "tea", "zq", "a e", "ine", "É", ""):
        assert shown(search, order, query) == naive(texts, order, query), query


# -- the model and the tab -------------------------------------------------------------
WORDS = ["cloud", "China", "review", "chip", "Straße", "données", "中文", "export", "audit"]
TAGS = ["cloud", "china", "chips", "finance"]


def big_dossier(n: int = INDEX_AHEAD_MIN + 500, seed: int = 5) -> Dossier:
    """Enough developments for the model to build its index ahead; dates not in file order."""
    rng = random.Random(seed)
    timeline = []
    for i in range(n):
        year = rng.randint(2000, 2024)
        date = PartialDate(year, rng.randint(1, 12)) if i % 3 else PartialDate(year)
        timeline.append(
            Development(
                id=f"d{i}",
                date=date,
                title=" ".join(rng.choices(WORDS, k=3)),
                summary=" ".join(rng.choices(WORDS, k=rng.randint(0, 8))) or None,
                tags=rng.sample(TAGS, rng.randint(0, 2)),
                sources=["a"] if i % 2 else ["b"],
                credibility=rng.choice([None, 1, 2, 3]),
            )
        )
    return Dossier(
        company=Company(name="Big Co"),
        sources=[Source(id="a", title="A"), Source(id="b", title="B")],
        timeline=timeline,
    )


def expected_ids(model: TimelineModel, flt: TimelineFilter) -> list[str]:
    """What the filter should show: a plain test of every row, in the model's order."""
    everything = model.filter
    model.set_filter(TimelineFilter())
    rows = [model.item(r) for r in range(model.rowCount())]
    model.set_filter(everything)
    words = flt.text.casefold().split()

    def keep(d: Development) -> bool:
        text = "\n".join((d.title, d.summary or "", " ".join(d.tags))).casefold()
        if not all(w in text for w in words):
            return False
        if flt.tag and flt.tag not in d.tags:
            return False
        if flt.source and flt.source not in d.sources:
            return False
        if flt.date_from and (d.end or d.date).last_day() < flt.date_from.first_day():
            return False
        return not (flt.date_to and d.date.first_day() > flt.date_to.last_day())

    return [d.id for d in rows if keep(d)]


def visible_ids(model: TimelineModel) -> list[str]:
    return [d.id for d in model.visible_items()]


FILTERS = [
    TimelineFilter(text="c"),
    TimelineFilter(text="ch"),
    TimelineFilter(text="chi"),
    TimelineFilter(text="china"),
    TimelineFilter(text="STRASSE"),
    TimelineFilter(text="中"),
    TimelineFilter(text="chip audit"),
    TimelineFilter(text="nothing-like-this"),
    TimelineFilter(text="c", tag="china"),
    TimelineFilter(text="ex", source="a", date_from=PartialDate(2010)),
    TimelineFilter(tag="cloud", date_to=PartialDate(2012, 6)),
    TimelineFilter(text="cloud", date_from=PartialDate(2005, 3), date_to=PartialDate(2015)),
]


def test_timeline_filters_match_a_plain_test_before_and_after_the_index(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    model = TimelineModel()
    model.set_dossier(big_dossier())
    assert not model.search_ready()  # being built in idle time: the filter scans meanwhile
    for flt in FILTERS[:4]:
        model.set_filter(flt)
        assert visible_ids(model) == expected_ids(model, flt), flt
    qtbot.waitUntil(model.search_ready)
    down = Qt.SortOrder.DescendingOrder
    for column, order in ((0, down), (1, down), (4, Qt.SortOrder.AscendingOrder)):
        model.sort(column, order)
        for flt in FILTERS:
            model.set_filter(flt)
            assert visible_ids(model) == expected_ids(model, flt), (column, flt)
            assert model.visible_count() == len(visible_ids(model))
    model.set_filter(TimelineFilter(text="china"))
    with qtbot.assertNotEmitted(model.layoutChanged):
        model.set_filter(TimelineFilter(text="china "))  # the same rows: nothing to redo
        model.set_filter(TimelineFilter(text=" CHINA"))
    assert visible_ids(model) == expected_ids(model, TimelineFilter(text="china"))
    # The tester watches the signals from here on (checking twice would watch twice).
    qtmodeltester.check(model, force_py=True)
    for text in ("c", "ch", "chi", "chin", "chi", "ch", "c", ""):
        model.set_filter(TimelineFilter(text=text))


def test_typing_in_the_filter_box_shows_the_count(qtbot: QtBot) -> None:
    dossier = big_dossier()
    document = DossierDocument(dossier)
    tab = TimelineTab(document)
    qtbot.addWidget(tab)
    tab.show()
    total = len(dossier.timeline)
    qtbot.waitUntil(tab.model.search_ready)

    def expect(text: str) -> None:
        ids = expected_ids(tab.model, TimelineFilter(text=text))
        assert [d.id for d in tab.visible_developments()] == ids, text
        assert tab.count_label.text() == f"{len(ids)} of {total} shown", text
        assert tab.table.verticalHeader().count() == len(ids)

    for key in "chin":
        qtbot.keyClicks(tab.filter_edit, key)
        expect(tab.filter_edit.text())
    for _ in range(4):
        qtbot.keyClick(tab.filter_edit, Qt.Key.Key_Backspace)
        expect(tab.filter_edit.text())
    assert tab.count_label.text() == f"{total} of {total} shown"
    tab.tag_combo.setCurrentIndex(tab.tag_combo.findData("china"))
    qtbot.keyClicks(tab.filter_edit, "cl")
    flt = tab.current_filter()
    assert [d.id for d in tab.visible_developments()] == expected_ids(tab.model, flt)
    assert tab.count_label.text() == f"{len(expected_ids(tab.model, flt))} of {total} shown"
