"""Faithful saving: only what changed is rewritten; comments and layout stay byte for byte."""

from __future__ import annotations

import copy
import dataclasses
import difflib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Development, Dossier, Figure, Source
from dossier_app.fileio.faithful import FaithfulBase, canonical_text, faithful_text
from dossier_app.fileio.loader import parse_dossier_bytes, read_dossier
from dossier_app.fileio.writer import dump_dossier, save_dossier

HERE = Path(__file__).parent / "commented"
FILES = sorted(HERE.glob("*.yaml"))
IDS = [p.stem for p in FILES]


def original(path: Path, crlf: bool = False) -> bytes:
    data = path.read_bytes()
    return data.replace(b"\n", b"\r\n") if crlf else data


def loaded(data: bytes) -> Dossier:
    result = parse_dossier_bytes(data, "x.yaml")
    assert result.dossier is not None, result.problems
    return result.dossier


def saved(data: bytes, d: Dossier) -> str:
    out = faithful_text(data, d)
    assert out.faithful
    assert loaded(out.text.encode()) == d  # whatever the layout, the data is the edit's
    return out.text


def opcodes(before: str, after: str) -> list[tuple[str, list[str], list[str]]]:
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [(tag, a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]


def comment_texts(text: str) -> list[str]:
    """Every comment (full-line or trailing) of the hand-written files, by its text."""
    found = []
    for line in text.splitlines():
        if "#" in line and "not a comment" not in line:
            found.append(line[line.index("#"):].strip())
    return found


@pytest.fixture(params=[False, True], ids=["lf", "crlf"])
def crlf(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_unchanged_dossier_saves_identical_bytes(path: Path, crlf: bool) -> None:
    data = original(path, crlf)
    assert faithful_text(data, loaded(data)).text.encode() == data


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_changing_one_title_changes_exactly_one_line(path: Path, crlf: bool) -> None:
    data = original(path, crlf)
    d = loaded(data)
    d.timeline[1].title = "A new title"
    text = saved(data, d)
    changes = opcodes(data.decode(), text)
    assert len(changes) == 1
    tag, old, new = changes[0]
    assert tag == "replace" and len(old) == len(new) == 1
    assert "title:" in old[0] and new[0].strip().startswith("title: A new title")
    assert new[0].endswith("\r\n" if crlf else "\n")
    if "#" in old[0]:  # the comment trailing the old line stays on it
        assert old[0][old[0].index("#"):] == new[0][new[0].index("#"):]


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_adding_a_development_only_adds_its_lines(path: Path) -> None:
    data = original(path)
    d = loaded(data)
    new = Development(id="added", date=PartialDate(2021, 3), title="Added", sources=["s1"]
                      if d.source("s1") else [d.sources[0].id], summary="One\nTwo\n")
    d.timeline.insert(d.chronological_insert_index(new.date), new)
    text = saved(data, d)
    changes = opcodes(data.decode(), text)
    assert [tag for tag, _, _ in changes] == ["insert"]
    added = changes[0][2]
    assert added[0].lstrip().startswith("- id: added")
    # in the file's own indentation: the dash where the other items have theirs
    dashes = {line.index("-") for line in data.decode().splitlines()
              if line.lstrip().startswith("- id: ")}
    assert added[0].index("-") in dashes
    assert len(added) == 7


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_deleting_a_development_removes_its_lines_and_its_leading_comment(path: Path) -> None:
    data = original(path)
    d = loaded(data)
    del d.timeline[1]
    text = saved(data, d)
    changes = opcodes(data.decode(), text)
    assert [tag for tag, _, _ in changes] == ["delete"]
    removed = "".join(changes[0][1])
    assert "# between" in removed.split("\n")[0] or removed.lstrip().startswith("- id:")
    assert "- id: d2" in removed or "- id: dev-2" in removed
    kept = comment_texts(text)
    assert all(c in kept for c in comment_texts(data.decode()) if c not in removed)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_other_edits_touch_only_their_lines(path: Path) -> None:
    data = original(path)
    d = loaded(data)
    d.company.sector = "Machinery"
    d.timeline[0].date = PartialDate(d.timeline[0].date.year, approximate=True)
    d.extra["x_added"] = [1, 2]
    d.sources.append(Source(id="s-new", title="New source"))
    d.figures.append(Figure(id="f-new", label="Staff", value=120, unit="employees",
                            sources=[d.sources[0].id]))
    text = saved(data, d)
    changes = opcodes(data.decode(), text)
    old = [line for _, a, _ in changes for line in a]
    assert all("approximate" in line or "date:" in line for line in old), old
    for c in comment_texts(data.decode()):
        assert c in comment_texts(text)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_moving_a_development_moves_its_text(path: Path) -> None:
    data = original(path)
    d = loaded(data)
    d.timeline.append(d.timeline.pop(0))
    text = saved(data, d)
    assert sorted(text.splitlines()) == sorted(data.decode().splitlines())


def test_a_base_prepared_once_serves_every_save(tmp_path: Path) -> None:
    data = original(HERE / "flush-lists.yaml")
    base = FaithfulBase.prepare(data)
    assert base is not None
    d = loaded(data)
    d.timeline[0].title = "Once"
    first = base.render(d).text
    d.timeline[0].title = "Twice"
    second = base.render(d).text
    assert len(opcodes(first, second)) == 1
    path = tmp_path / "x.yaml"
    save_dossier(d, path, original=base)
    assert path.read_text(encoding="utf-8") == second
    assert read_dossier(path).dossier == d


def test_original_that_does_not_load_gives_the_canonical_form() -> None:
    d = loaded(original(HERE / "flush-lists.yaml"))
    for broken in (b"format: [\n", b"\xff\xfe", b"a: 1\na: 2\n", b"- just a list\n"):
        out = faithful_text(broken, d)
        assert not out.faithful and out.text == dump_dossier(d)


def test_byte_order_mark_kept() -> None:
    data = b"\xef\xbb\xbf" + original(HERE / "flush-lists.yaml")
    d = loaded(data)
    d.timeline[0].title = "With a mark"
    text = saved(data, d)
    assert text.startswith("\ufeff# Hand-kept")


# -- format ---------------------------------------------------------------------

@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_format_keeps_every_comment_and_the_data(path: Path) -> None:
    data = original(path)
    out = canonical_text(data)
    assert out is not None and out.dropped == []
    assert comment_texts(out.text) == comment_texts(data.decode())
    assert loaded(out.text.encode()) == loaded(data)
    again = canonical_text(out.text.encode())
    assert again is not None and again.text == out.text  # formatting is stable


def test_format_without_comments_is_the_canonical_writer() -> None:
    data = original(HERE / "flush-lists.yaml")
    d = loaded(data)
    d.header_comments = []
    d.timeline[0].extra = {}
    plain = dump_dossier(d).encode()
    out = canonical_text(plain)
    assert out is not None and out.text == plain.decode()
    messy = b"".join(  # lists indented, four more spaces everywhere
        b"    " + line if line.startswith((b"- ", b"  ")) else line
        for line in plain.splitlines(keepends=True)
    )
    assert loaded(messy) == d
    out = canonical_text(messy)
    assert out is not None and out.text == plain.decode()


def test_format_puts_unknown_keys_where_they_were() -> None:
    data = b"format: dossier/1\nx_first: 1\ncompany:\n  x_note: n\n  name: X\nx_last: 2\n"
    out = canonical_text(data)
    assert out is not None
    assert out.text == (
        "format: dossier/1\nx_first: 1\ncompany:\n  name: X\n  x_note: n\nx_last: 2\n"
    )


def test_format_names_the_comments_it_cannot_keep() -> None:
    data = (b"format: dossier/1\ncompany:\n  name: X\ntimeline:\n- id: d\n  date: 2021\n"
            b"  title: T\n  approximate: false  # checked\n  tags: [a,  # first\n    # inner\n"
            b"    b]\n")
    out = canonical_text(data)
    assert out is not None
    assert out.dropped == [8, 10]  # on a default left out; inside a list written on one line
    assert "# checked" not in out.text and "# inner" not in out.text
    assert "  tags: [a, b]  # first\n" in out.text


# -- random edits -----------------------------------------------------------------

_words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
_titles = st.one_of(_words, st.sampled_from(["no", "1e3", "- x", "a: b", "#x", "x #y", "'"]))
_edits = st.lists(
    st.tuples(
        st.sampled_from(["title", "summary", "add", "delete", "move", "tags", "marking",
                         "sector", "approx", "extra", "figure"]),
        st.integers(0, 50),
        _titles,
    ),
    min_size=1,
    max_size=6,
)


def _apply(d: Dossier, edits: list[tuple[str, int, str]]) -> None:
    for step, (kind, n, word) in enumerate(edits):
        tl = d.timeline
        i = n % len(tl) if tl else 0
        if kind == "title" and tl:
            tl[i].title = word
        elif kind == "summary" and tl:
            tl[i].summary = word + "\n" + word if n % 2 else None
        elif kind == "add":
            tl.insert(i, Development(id=f"new-{step}-{n}", date=PartialDate(2000 + n % 30),
                                     title=word or "t"))
        elif kind == "delete" and len(tl) > 1:
            del tl[i]
        elif kind == "move" and tl:
            tl.append(tl.pop(i))
        elif kind == "tags" and tl:
            tl[i].tags = [word] if word else []
        elif kind == "marking":
            d.marking = None if n % 2 else "TLP:RED"
        elif kind == "sector":
            d.company.sector = word or None
        elif kind == "approx" and tl:
            tl[i].date = PartialDate(tl[i].date.year, approximate=not tl[i].date.approximate)
        elif kind == "extra":
            d.extra[f"x_{n % 3}"] = word
        elif kind == "figure" and d.figures:
            d.figures[0].value = n * 1.5


@pytest.mark.parametrize("path", FILES, ids=IDS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=_edits)
def test_random_edits_save_the_same_data_as_the_canonical_writer(
    path: Path, edits: list[tuple[str, int, str]]
) -> None:
    data = original(path)
    d = loaded(data)
    _apply(d, edits)
    edited = copy.deepcopy(d)
    text = faithful_text(data, d).text
    assert d == edited  # saving leaves the dossier alone
    assert loaded(text.encode()) == loaded(dump_dossier(d).encode())


def test_bottom_line_and_judgement_edits_are_saved() -> None:
    """Editing the briefing keys rewrites only them; adding and removing them works too."""
    example = Path(__file__).parents[2] / "docs" / "examples" / "alibaba-briefing.yaml"
    data = example.read_bytes()
    d = loaded(data)
    before = data.decode()
    first = d.judgements[0]
    d.judgements[0] = dataclasses.replace(
        first, text="Changed judgement.", based_on=first.based_on[:1]
    )
    d.bottom_line = "A shorter bottom line."
    after = saved(data, d)
    changed = [line for _tag, _old, new in opcodes(before, after) for line in new]
    assert "bottom_line: A shorter bottom line.\n" in changed
    assert "  text: Changed judgement.\n" in changed
    assert len(changed) == 3  # bottom line, text, based_on: the rest of the file is kept
    d.judgements.clear()
    d.bottom_line = None
    emptied = saved(data, d)
    assert "\njudgements:" not in emptied and "\nbottom_line:" not in emptied
    plain = dump_dossier(loaded(emptied.encode()))
    d.bottom_line = "Added."
    assert "bottom_line: Added.\n" in saved(plain.encode(), d)
