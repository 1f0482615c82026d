"""Merge results on disk: canonical text when clean, markers around the smallest item otherwise."""

from __future__ import annotations

import copy
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.merge import merge_dossiers
from dossier_app.domain.model import Company, Development, Dossier, Figure, Source
from dossier_app.fileio.loader import parse_dossier_bytes, read_dossier
from dossier_app.fileio.mergefile import render_merge, whole_file_conflict, write_merge
from dossier_app.fileio.writer import dump_dossier

from ..domain.dossier_strategies import PROPERTIES, dossiers, edits


def _base() -> Dossier:
    return Dossier(
        company=Company(name="Acme", sector="Cloud"),
        marking="TLP:CLEAR",
        sources=[Source(id="s1", title="One")],
        timeline=[
            Development(id="d1", date=PartialDate(2021, 1), title="First", sources=["s1"]),
            Development(id="d2", date=PartialDate(2021, 5), title="Second", sources=["s1"],
                        summary="Two lines\nof text\n"),
        ],
        figures=[Figure(id="f1", label="Revenue", value=5, unit="USD", sources=["s1"])],
        header_comments=["# a comment kept at the top"],
    )


def test_a_clean_result_is_the_canonical_text_and_loads_back(tmp_path: Path) -> None:
    base = _base()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.timeline.append(Development(id="d3", date=PartialDate(2022), title="Third",
                                     sources=["s1"]))
    theirs.figures[0].value = 6
    result = merge_dossiers(base, ours, theirs)
    path = tmp_path / "acme.yaml"
    data, marked = write_merge(result, path)
    assert marked == []
    assert data == dump_dossier(result.dossier).encode() == path.read_bytes()
    loaded = read_dossier(path)
    assert loaded.problems == [] and loaded.dossier == result.dossier


def test_conflict_markers_wrap_the_item_with_both_sides(tmp_path: Path) -> None:
    base = _base()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.timeline[1].title = "Second, ours"
    theirs.timeline[1].title = "Second, theirs"
    theirs.timeline[1].tags = ["cloud"]  # a clean change: on both sides of the markers
    theirs.figures.append(Figure(id="f2", label="Staff", value=9, unit="employees"))
    text, marked = render_merge(merge_dossiers(base, ours, theirs))
    lines = text.splitlines()
    [m] = marked
    start = lines.index("<<<<<<< ours")
    assert m.line == start + 1
    middle, end = lines.index("======="), lines.index(">>>>>>> theirs")
    ours_part, theirs_part = lines[start + 1 : middle], lines[middle + 1 : end]
    assert ours_part[0] == theirs_part[0] == "- id: d2"
    assert "  title: Second, ours" in ours_part and "  title: Second, theirs" in theirs_part
    assert "  tags: [cloud]" in ours_part and "  tags: [cloud]" in theirs_part
    assert lines[end + 1] == "figures:"  # the item alone is inside the markers
    assert lines[start - 1] == "  sources: [s1]"  # the end of d1
    # The loader refuses the file at the marker; taking one side gives a valid dossier.
    problems = parse_dossier_bytes(text.encode(), "acme.yaml").problems
    assert [(p.line, p.code) for p in problems] == [(m.line, "merge-conflict")]
    resolved = "\n".join(lines[: start] + ours_part + lines[end + 1 :]) + "\n"
    again = parse_dossier_bytes(resolved.encode(), "acme.yaml")
    assert again.errors == [] and again.dossier is not None
    assert again.dossier.timeline[1].title == "Second, ours"
    assert [f.id for f in again.dossier.figures] == ["f1", "f2"]


def test_a_deletion_against_an_edit_leaves_one_side_empty() -> None:
    base = _base()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del ours.timeline[0]
    theirs.timeline[0].title = "First, edited"
    text, [m] = render_merge(merge_dossiers(base, ours, theirs))
    lines = text.splitlines()
    start = m.line - 1
    assert lines[start : start + 2] == ["<<<<<<< ours", "======="]
    assert lines[start + 2] == "- id: d1"


def test_profile_and_top_level_conflicts_wrap_their_blocks() -> None:
    base = _base()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.company.name, theirs.company.name = "Acme Ours", "Acme Theirs"
    ours.marking, theirs.marking = "TLP:AMBER", None
    ours.extra, theirs.extra = {"x-team": "a"}, {"x-team": "b"}
    text, marked = render_merge(merge_dossiers(base, ours, theirs))
    assert len(marked) == 3
    lines = text.splitlines()
    assert lines[0] == "# a comment kept at the top"
    blocks = []
    for m in marked:
        start = m.line - 1
        end = lines.index(">>>>>>> theirs", start)
        blocks.append(lines[start : end + 1])
    # In file order: the company block, then the top-level keys.
    assert blocks[0][1:3] == ["company:", "  name: Acme Ours"]
    assert "  name: Acme Theirs" in blocks[0]
    assert blocks[1] == ["<<<<<<< ours", "marking: TLP:AMBER", "=======", ">>>>>>> theirs"]
    assert blocks[2] == ["<<<<<<< ours", "x-team: a", "=======", "x-team: b", ">>>>>>> theirs"]


def test_whole_file_conflict_keeps_both_versions() -> None:
    data = whole_file_conflict(b"a: 1", b"b: 2\n")
    assert data == b"<<<<<<< ours\na: 1\n=======\nb: 2\n>>>>>>> theirs\n"


@PROPERTIES
@given(st.data())
def test_property_written_merges_load_back_or_mark_every_conflict(data: st.DataObject) -> None:
    base = data.draw(dossiers())
    x = data.draw(edits(base, tag="x")).dossier
    y = data.draw(edits(base, tag="y")).dossier
    result = merge_dossiers(base, x, y)
    text, marked = render_merge(result)
    loaded = parse_dossier_bytes(text.encode(), "merged.yaml")
    if result.clean:
        assert loaded.errors == [] and loaded.dossier == result.dossier
        return
    assert [(p.line, p.code) for p in loaded.errors] == [(m.line, "merge-conflict")
                                                        for m in marked]
    # Keeping our side of every conflict gives a dossier that loads.
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    side = None
    for line in lines:
        if line.startswith("<<<<<<< "):
            side = "ours"
        elif line == "=======\n" and side == "ours":
            side = "theirs"
        elif line.startswith(">>>>>>> ") and side == "theirs":
            side = None
        elif side != "theirs":
            kept.append(line)
    resolved = parse_dossier_bytes("".join(kept).encode(), "resolved.yaml")
    assert resolved.errors == [], resolved.errors


def test_header_comment_conflict_wraps_the_comment_block() -> None:
    base = _base()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.header_comments = ["# ours"]
    theirs.header_comments = ["# theirs"]
    result = merge_dossiers(base, ours, theirs)
    [conflict] = result.conflicts
    assert conflict.describe() == "the comment lines at the top changed differently on both sides"
    text, [m] = render_merge(result)
    assert m.line == 1
    assert text.splitlines()[:6] == [
        "<<<<<<< ours", "# ours", "=======", "# theirs", ">>>>>>> theirs", "format: dossier/1",
    ]
