"""How problems name values and places: short, one line, never raw file content."""

from __future__ import annotations

import pytest

from dossier_app.fileio.wording import describe, item_name, place, shown, subject


def test_shown_quotes_escapes_and_shortens() -> None:
    assert shown("plain") == "'plain'"
    assert shown("bell\x07 and\nbreak") == "'bell\\x07 and\\nbreak'"
    assert shown("x" * 60) == repr("x" * 60)  # at the limit: whole
    long = shown("y" * 61)
    assert long == "'" + "y" * 57 + "...'"
    assert len(long) == 62


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "nothing (null)"),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (1.5, "1.5"),
        ("", "an empty string"),
        ("abc", "'abc'"),
        ({}, "a mapping"),
        ([], "a list"),
        (object(), "an unreadable value"),
    ],
)
def test_describe(value: object, text: str) -> None:
    assert describe(value) == text


def test_item_name_uses_a_usable_id_or_the_position() -> None:
    items = [{"id": "biden-review"}, {"id": ""}, {"id": 7}, "not a mapping"]
    assert item_name("timeline", items, 0) == "development 'biden-review'"
    assert item_name("sources", items, 1) == "source #2"
    assert item_name("figures", items, 2) == "figure #3"
    assert item_name("timeline", items, 3) == "development #4"
    assert item_name("timeline", items, 9) == "development #10"
    assert item_name("other", {"id": "x"}, 0) == "entry #1"


ROOT = {"timeline": [{"id": "x"}, {"title": "no id"}], "company": {"identifiers": {}}}


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ([], "the dossier"),
        (["timeline"], "the timeline list"),
        (["timeline", 0], "development 'x'"),
        (["timeline", 1, "tags", 2], "item 3 of development #2 tags"),
        (["timeline", "oops"], "timeline"),
        (["company"], "company"),
        (["company", "identifiers"], "company identifiers"),
        (["tags", 0], "item 1 of 'tags'"),
    ],
)
def test_place(path: list[object], text: str) -> None:
    assert place(ROOT, path) == text


def test_place_of_a_list_in_a_root_that_is_no_mapping() -> None:
    assert place(["not", "a", "mapping"], ["timeline", 0]) == "item 1 of 'timeline'"


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ([], "the top level"),
        (["marking"], "'marking'"),
        (["timeline", 0, "credibility"], "'credibility' in development 'x'"),
        (["timeline", 1], "timeline entry #2"),
        (["timeline", 0, "tags", 1], "item 2 of 'tags' in development 'x'"),
        (["company", "identifiers", "LEI"], "'LEI' in company identifiers"),
    ],
)
def test_subject(path: list[object], text: str) -> None:
    assert subject(ROOT, path) == text
