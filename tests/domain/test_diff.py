"""Semantic diff: keyed by ids, field by field, order that follows from the fields is no change."""

from __future__ import annotations

import copy
import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.diff import diff_dossiers
from dossier_app.domain.model import Company, Development, Dossier, Figure, Source
from dossier_app.fileio.loader import load_dossier

from ..conftest import ALIBABA
from .dossier_strategies import PROPERTIES, dossiers, edits


def _sample() -> Dossier:
    return Dossier(
        company=Company(name="Acme", sector="Cloud"),
        marking="TLP:CLEAR",
        sources=[Source(id="s1", title="One"), Source(id="s2", title="Two")],
        timeline=[
            Development(id="d1", date=PartialDate(2021, 1), title="First", sources=["s1"]),
            Development(id="d2", date=PartialDate(2021, 5), title="Second", tags=["cloud"]),
        ],
        figures=[Figure(id="f1", label="Revenue", value=5, unit="USD")],
    )


def test_a_version_against_itself_is_empty() -> None:
    d = load_dossier(ALIBABA)
    assert not diff_dossiers(d, load_dossier(ALIBABA))
    assert diff_dossiers(d, d).summary() == ""


def test_added_removed_and_changed_items_field_by_field() -> None:
    old = _sample()
    new = copy.deepcopy(old)
    new.timeline[1].title = "Second, retitled"
    new.timeline[1].tags = ["cloud", "china"]
    new.timeline.append(Development(id="d3", date=PartialDate(2022), title="Third"))
    del new.sources[1]
    new.figures[0].value = 7
    diff = diff_dossiers(old, new)
    got = [(c.op, c.kind, c.id, c.field, c.before, c.after) for c in diff if c.op == "changed"]
    assert got == [
        ("changed", "development", "d2", "title", "Second", "Second, retitled"),
        ("changed", "development", "d2", "tags", ["cloud"], ["cloud", "china"]),
        ("changed", "figure", "f1", "value", 5, 7),
    ]
    assert diff.ids("development", "added") == {"d3"}
    assert diff.ids("source", "removed") == {"s2"}
    assert diff.summary() == (
        "1 development added, 1 development changed, 1 figure changed, 1 source removed"
    )
    added = diff.of("added")[0]
    assert (added.date, added.title) == (PartialDate(2022), "Third")
    assert added.as_json() == {
        "op": "added", "kind": "development", "id": "d3", "field": None, "before": None,
        "after": {"id": "d3", "date": "2022", "title": "Third"},
    }


def test_reordering_is_not_a_change_but_the_date_and_its_flag_are() -> None:
    old = _sample()
    new = copy.deepcopy(old)
    new.timeline.reverse()
    new.sources.reverse()
    assert not diff_dossiers(old, new)
    new.timeline[0].date = PartialDate(2021, 5, approximate=True)
    changes = [(c.field, c.before, c.after) for c in diff_dossiers(old, new)]
    assert changes == [("approximate", None, True)]


def test_unknown_keys_take_part_like_known_ones() -> None:
    old = _sample()
    old.timeline[0].extra = {"owner": "ann"}
    old.extra = {"x-team": "asia"}
    new = copy.deepcopy(old)
    new.timeline[0].extra = {"owner": "bob", "x-null": None}
    new.company.extra = {"lei": "123"}
    new.extra = {}
    got = {(c.kind, c.id, c.field, c.before, c.after) for c in diff_dossiers(old, new)}
    assert got == {
        ("development", "d1", "owner", "ann", "bob"),
        ("development", "d1", "x-null", None, None),
        ("profile", None, "lei", None, "123"),
        ("dossier", None, "x-team", "asia", None),
    }


def test_absent_and_empty_are_alike_for_known_keys() -> None:
    old = _sample()
    new = copy.deepcopy(old)
    new.timeline[0] = dataclasses.replace(new.timeline[0], tags=[], summary=None)
    assert not diff_dossiers(old, new)


def test_ignored_top_level_keys() -> None:
    old = _sample()
    new = dataclasses.replace(old, reviewed=PartialDate(2021, 9, 22))
    assert diff_dossiers(old, new).summary() == "reviewed changed"
    assert not diff_dossiers(old, new, ignore=["reviewed"])


@PROPERTIES
@given(dossiers())
def test_property_diff_with_itself_is_empty(d: Dossier) -> None:
    assert not diff_dossiers(d, copy.deepcopy(d))


@PROPERTIES
@given(st.data())
def test_property_diff_names_exactly_the_edited_items(data: st.DataObject) -> None:
    base = data.draw(dossiers())
    edited = data.draw(edits(base))
    diff = diff_dossiers(base, edited.dossier)
    assert set(diff.changed_items()) == edited.touched


def test_grouped_report_items_as_the_cli_and_the_pdf_list_them() -> None:
    old = _sample()
    new = copy.deepcopy(old)
    new.timeline[0].title = "First, revised"
    new.timeline[0].summary = "Two\nlines"
    new.figures.clear()
    [(op1, removed), (op2, changed)] = diff_dossiers(old, new).grouped()
    assert (op1, op2) == ("removed", "changed")
    assert [i.heading() for i in removed] == ["figure f1  Revenue"]
    assert removed[0].field_lines() == []
    assert changed[0].heading() == "development d1  Jan 2021  First, revised"
    assert changed[0].field_lines() == [
        "title: First → First, revised",
        'summary: (none) → "Two\\nlines"',
    ]
