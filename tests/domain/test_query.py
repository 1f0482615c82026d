"""The library search query language: parts, errors, folding, snippets."""

from __future__ import annotations

import pytest

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.matching import make_snippet, match_ranges, matches
from dossier_app.domain.query import QueryError, Term, fold, parse_query, term_tokens


def test_words_phrases_prefixes_and_exclusions() -> None:
    q = parse_query('china  "national security" export* -ecommerce -"trade war"')
    assert q.terms == [
        Term("china"), Term("national security", phrase=True), Term("export", prefix=True)
    ]
    assert q.excluded == [Term("ecommerce"), Term("trade war", phrase=True)]
    assert not q.has_filters


def test_filters() -> None:
    q = parse_query('tag:Cloud company:"Arm China" kind:sources from:2021 to:2021-06 marking:amber')
    assert q.tags == ["cloud"]
    assert q.companies == ["arm china"]
    assert q.kinds == ["source"]
    assert q.date_from == PartialDate(2021)
    assert q.date_to == PartialDate(2021, 6)
    assert q.markings == ["TLP:AMBER"]
    assert parse_query("marking:TLP:AMBER+STRICT").markings == ["TLP:AMBER+STRICT"]
    assert parse_query("x tlp:red").terms == [Term("x"), Term("tlp:red")]  # not a filter


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ('"open phrase', "never closed"),
        ("-", "must be followed"),
        ("ab*cd", "may only end"),
        ("*", "needs the start of a word"),
        ("-cloud", "not only words to leave out"),
        ("kind:planet", "not a kind"),
        ("marking:purple", "not a marking"),
        ("from:2021-13", "month 13"),
        ("to:yesterday", "expected a date"),
        ("from:2022 to:2021", "before"),
        ("tag:", "needs a value"),
        ("-tag:cloud", "cannot be negated"),
        ('"!!!"', "no letters or digits"),
        ('a"b', "quote must start a phrase"),
    ],
)
def test_malformed_queries_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as info:
        parse_query(text)
    assert "sqlite" not in str(info.value).lower()


def test_folding_ignores_case_and_diacritics() -> None:
    assert fold("Zürich") == "zurich"
    assert fold("SÃO PAULO") == "sao paulo"
    assert term_tokens("Zürich's São-Paulo") == ["zurich", "s", "sao", "paulo"]


def test_cjk_runs_become_bigrams() -> None:
    assert term_tokens("阿里巴巴") == ["阿里", "里巴", "巴巴"]
    assert term_tokens("阿里") == ["阿里"]
    assert term_tokens("Alibaba 阿里巴巴 cloud") == ["alibaba", "阿里", "里巴", "巴巴", "cloud"]


def test_match_ranges_words_prefix_phrase_cjk_and_diacritics() -> None:
    text = "Offices in Zürich and 阿里巴巴 export controls; exporting"
    assert match_ranges(text, [Term("zurich")]) == [(11, 17)]
    assert match_ranges(text, [Term("export", prefix=True)]) == [(27, 33), (44, 53)]
    assert match_ranges(text, [Term("export controls", phrase=True)]) == [(27, 42)]
    assert match_ranges(text, [Term("阿里")]) == [(22, 24)]
    assert match_ranges(text, [Term("里巴巴")]) == [(23, 26)]


def test_snippet_is_plain_text_around_the_match_with_ranges() -> None:
    body = ("word " * 60) + "the <b>Zürich</b> office\nopened"
    snippet = make_snippet(body, [Term("zurich")])
    assert snippet.text.startswith("…")
    assert "<b>Zürich</b>" in snippet.text  # kept literally, never read as markup
    assert "\n" not in snippet.text
    (start, end), = snippet.ranges
    assert snippet.text[start:end] == "Zürich"


def test_scan_matching_agrees_with_the_language() -> None:
    q = parse_query('"export controls" chip* -drone')
    assert matches("New export controls on chips", "", q) > 0
    assert matches("New export controls", "on chipmakers", q) > 0
    assert matches("Controls on export of chips", "", q) == 0  # not the phrase
    assert matches("New export controls on chips", "and drones, drone", q) == 0
    assert matches("Title", "export", parse_query("export")) < matches(
        "export", "", parse_query("export")
    )  # a title match weighs more
