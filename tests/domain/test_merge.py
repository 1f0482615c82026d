"""Three-way merge keyed by ids: both sides' work kept, real conflicts reported, order canonical."""

from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.merge import merge_dossiers, merge_order
from dossier_app.domain.model import Company, Development, Dossier, Figure, Source

from .dossier_strategies import PROPERTIES, dossiers, edits


def _base() -> Dossier:
    return Dossier(
        company=Company(name="Acme", sector="Cloud"),
        marking="TLP:CLEAR",
        sources=[Source(id="s1", title="One"), Source(id="s2", title="Two")],
        timeline=[
            Development(id="d1", date=PartialDate(2021, 1), title="First", sources=["s1"]),
            Development(id="d2", date=PartialDate(2021, 5), title="Second", sources=["s1"]),
            Development(id="d3", date=PartialDate(2021, 9), title="Third", sources=["s1"]),
        ],
        figures=[Figure(id="f1", label="Revenue", value=5, unit="USD", sources=["s1"])],
    )


def _dev(ident: str, date: PartialDate) -> Development:
    return Development(id=ident, date=date, title=ident.title(), sources=["s1"])


def test_additions_on_both_sides_are_kept_in_chronological_order() -> None:
    base = _base()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.timeline.append(_dev("late", PartialDate(2022, 3)))
    theirs.timeline.append(_dev("later-in-2021", PartialDate(2021, 12)))
    theirs.timeline.insert(1, _dev("feb", PartialDate(2021, 2)))
    result = merge_dossiers(base, ours, theirs)
    assert result.clean
    assert [d.id for d in result.dossier.timeline] == [
        "d1", "feb", "d2", "d3", "later-in-2021", "late",
    ]
    again = merge_dossiers(base, theirs, ours)
    assert again.dossier == result.dossier


def test_edits_to_different_fields_of_one_item_both_apply() -> None:
    base = _base()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.timeline[1].title = "Second, retitled"
    theirs.timeline[1].tags = ["cloud"]
    theirs.timeline[1].extra = {"owner": "ann"}
    theirs.company.sector = "Chips"
    ours.company.short_name = "ACME"
    result = merge_dossiers(base, ours, theirs)
    assert result.clean
    d2 = result.dossier.timeline[1]
    assert (d2.title, d2.tags, d2.extra) == ("Second, retitled", ["cloud"], {"owner": "ann"})
    assert (result.dossier.company.sector, result.dossier.company.short_name) == ("Chips", "ACME")


def test_deletion_of_an_untouched_item_applies() -> None:
    base = _base()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del ours.timeline[0]
    theirs.timeline[2].title = "Third, edited"
    result = merge_dossiers(base, ours, theirs)
    assert result.clean
    assert [(d.id, d.title) for d in result.dossier.timeline] == [
        ("d2", "Second"), ("d3", "Third, edited"),
    ]


def test_same_field_changed_differently_is_a_conflict_with_both_sides() -> None:
    base = _base()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.timeline[0].title = "Ours"
    theirs.timeline[0].title = "Theirs"
    theirs.timeline[0].summary = "Their summary"
    ours.marking, theirs.marking = "TLP:AMBER", "TLP:RED"
    result = merge_dossiers(base, ours, theirs)
    assert [(c.kind, c.id, c.reason, c.fields) for c in result.conflicts] == [
        ("dossier", "marking", "both-changed", ("marking",)),
        ("development", "d1", "both-changed", ("title",)),
    ]
    dev = result.conflicts[1]
    # Each side is the merged item with that side's value where they clash.
    assert (dev.ours.title, dev.ours.summary) == ("Ours", "Their summary")
    assert (dev.theirs.title, dev.theirs.summary) == ("Theirs", "Their summary")
    assert result.conflicts[0].describe() == "key 'marking' changed differently on both sides"


def test_edit_against_deletion_is_a_conflict() -> None:
    base = _base()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.figures[0].value = 6
    theirs.figures.clear()
    result = merge_dossiers(base, ours, theirs)
    [conflict] = result.conflicts
    assert (conflict.kind, conflict.id, conflict.reason) == ("figure", "f1", "changed-deleted")
    assert conflict.theirs is None and conflict.ours.value == 6
    assert [f.id for f in result.dossier.figures] == ["f1"]


def test_a_deleted_source_still_cited_is_kept_as_a_conflict() -> None:
    base = _base()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del theirs.sources[1]  # s2, cited by nothing in the base
    ours.timeline[0].sources = ["s1", "s2"]
    result = merge_dossiers(base, ours, theirs)
    [conflict] = result.conflicts
    assert (conflict.kind, conflict.id, conflict.reason) == ("source", "s2", "deleted-cited")
    assert [s.id for s in result.dossier.sources] == ["s1", "s2"]


def test_identical_additions_are_kept_once_and_different_ones_conflict() -> None:
    base = _base()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.sources.append(Source(id="s3", title="Three"))
    theirs.sources.append(Source(id="s3", title="Three"))
    assert [s.id for s in merge_dossiers(base, ours, theirs).dossier.sources] == ["s1", "s2", "s3"]
    theirs.sources[-1] = Source(id="s3", title="Drei")
    [conflict] = merge_dossiers(base, ours, theirs).conflicts
    assert (conflict.id, conflict.reason, conflict.fields) == ("s3", "both-added", ("title",))


def test_no_base_merges_as_two_additions() -> None:
    ours, theirs = _base(), _base()
    theirs.timeline.append(_dev("new", PartialDate(2023)))
    result = merge_dossiers(None, ours, theirs)
    assert result.clean
    assert [d.id for d in result.dossier.timeline] == ["d1", "d2", "d3", "new"]


def test_order_of_the_one_side_that_reordered_is_kept() -> None:
    keep = {"a", "b", "c", "x", "y"}

    def key(i: str) -> tuple[str]:
        return (i,)

    assert merge_order(["a", "b", "c"], ["c", "a", "b", "x"], ["a", "y", "b", "c"], keep,
                       key) == ["c", "a", "y", "b", "x"]


# -- properties ---------------------------------------------------------------------------

@PROPERTIES
@given(st.data())
def test_property_merge_with_an_unchanged_side_is_the_other_side(data: st.DataObject) -> None:
    base = data.draw(dossiers())
    x = data.draw(edits(base)).dossier
    assert merge_dossiers(base, x, copy.deepcopy(base)).dossier == x
    assert merge_dossiers(base, copy.deepcopy(base), x).dossier == x
    same = merge_dossiers(base, x, copy.deepcopy(x))
    assert same.clean and same.dossier == x


@PROPERTIES
@given(st.data())
def test_property_clean_merge_does_not_depend_on_the_side(data: st.DataObject) -> None:
    base = data.draw(dossiers())
    x = data.draw(edits(base, tag="x")).dossier
    y = data.draw(edits(base, tag="y")).dossier
    xy, yx = merge_dossiers(base, x, y), merge_dossiers(base, y, x)
    assert xy.clean == yx.clean
    if xy.clean:
        assert xy.dossier == yx.dossier


@PROPERTIES
@given(st.data())
def test_property_two_different_additions_both_survive(data: st.DataObject) -> None:
    base = data.draw(dossiers(chronological=True))
    x, y = copy.deepcopy(base), copy.deepcopy(base)
    years = st.builds(PartialDate, st.integers(2015, 2024))
    a = _dev("add-x", data.draw(years))
    b = _dev("add-y", data.draw(years))
    x.timeline.insert(x.chronological_insert_index(a.date), a)
    y.timeline.insert(y.chronological_insert_index(b.date), b)
    result = merge_dossiers(base, x, y)
    assert result.clean
    ids = [d.id for d in result.dossier.timeline]
    assert "add-x" in ids and "add-y" in ids
    keys = [d.date.sort_key for d in result.dossier.timeline]
    assert keys == sorted(keys)  # canonical: chronological, as both sides were
