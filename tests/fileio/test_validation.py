"""One bad file per validation rule, and hostile input: every problem at its line and column.

Each file in ``tests/fileio/bad/`` ends with the problems it must give, one per
line: ``# expect: error|warning LINE:COLUMN message fragment``. A file must
give exactly those problems, no more and no fewer.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier_app.fileio import events
from dossier_app.fileio.collector import MAX_PROBLEMS
from dossier_app.fileio.events import MAX_DEPTH
from dossier_app.fileio.loader import parse_dossier_bytes, read_dossier
from dossier_app.fileio.problems import Problem

from ..conftest import MINIMAL_DOSSIER

BAD = Path(__file__).parent / "bad"
_EXPECT = re.compile(r"^# expect: (error|warning) (\d+):(\d+) (.+)$", re.MULTILINE)

VALID = MINIMAL_DOSSIER.encode()


def expectations(path: Path) -> list[tuple[str, int, int, str]]:
    text = path.read_bytes().decode("utf-8", "replace")
    return [(s, int(line), int(col), frag) for s, line, col, frag in _EXPECT.findall(text)]


def test_corpus_covers_the_rules() -> None:
    names = {p.stem for p in BAD.glob("*.yaml")}
    for rule in (
        "syntax-unclosed-flow", "duplicate-key", "alias", "tag-python-object", "tag-custom",
        "two-documents", "top-level-list", "not-utf8", "too-deep", "missing-title",
        "wrong-type-title", "marking", "reliability", "credibility-word", "qualifier",
        "date-feb-30", "date-month-13", "date-word", "reviewed-not-full", "accessed-not-full",
        "end-before-date", "duplicate-development-id", "duplicate-source-id",
        "duplicate-figure-id", "id-pattern", "unknown-source", "wrong-format", "unknown-keys",
        "unsourced", "uncited-source", "unsafe-links",
    ):  # fmt: skip
        assert rule in names
    for path in BAD.glob("*.yaml"):
        assert expectations(path), f"{path.name} says nothing about what it must give"


@pytest.mark.parametrize("path", sorted(BAD.glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_file_gives_exactly_its_problems(path: Path) -> None:
    expected = expectations(path)
    result = read_dossier(path)
    got = [(p.severity, p.line, p.column, p.message) for p in result.problems]
    unmatched = list(got)
    for severity, line, col, fragment in expected:
        match = next(
            (g for g in unmatched if g[:3] == (severity, line, col) and fragment in g[3]), None
        )
        wanted = f"{severity} at {line}:{col} ~ {fragment!r}"
        assert match is not None, f"{path.name}: no {wanted}; got {got}"
        unmatched.remove(match)
    assert not unmatched, f"{path.name}: unexpected problems {unmatched}"
    has_error = any(e[0] == "error" for e in expected)
    assert (result.dossier is None) == has_error
    assert all(p.path == str(path) for p in result.problems)


@pytest.mark.parametrize("path", sorted(BAD.glob("*.yaml")), ids=lambda p: p.stem)
def test_pure_python_parser_gives_the_same_places(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where PyYAML has no libyaml, the fallback parser must find the same problems."""
    monkeypatch.setattr(events, "_Loader", yaml.SafeLoader)
    got = [(p.severity, p.line, p.column) for p in read_dossier(path).problems]
    assert got == [e[:3] for e in expectations(path)]


def test_problem_string_is_file_line_column_severity_message() -> None:
    result = read_dossier(BAD / "date-feb-30.yaml")
    (problem,) = result.problems
    assert str(problem) == (
        f"{BAD / 'date-feb-30.yaml'}:9:11: error: "
        "bad date 'date' in development 'd1': day 30 does not exist in Feb 2021"
    )
    assert str(Problem("a.yaml", 3, 4, "warning", "w")) == "a.yaml:3:4: warning: w"


def test_all_problems_come_in_one_pass() -> None:
    data = (
        VALID.replace(b"date: 2021-01", b"date: 2021-02-30\n    credibility: 9").replace(
            b"sources: [s1]", b"sources: [s1, nope]\n    colour: red"
        )
        + b"marking: TLP:PINK\n"
    )
    result = parse_dossier_bytes(data, "x.yaml")
    found = {(p.line, p.column, p.severity) for p in result.problems}
    assert found == {
        (9, 11, "error"),  # date
        (10, 18, "error"),  # credibility
        (12, 19, "error"),  # unknown source
        (13, 5, "warning"),  # unknown key
        (14, 10, "error"),  # marking
    }


def test_syntax_error_keeps_structure_problems_found_before_it() -> None:
    data = b"format: dossier/1\nformat: again\ncompany: *c\ntags: [a\n"
    messages = [p.message for p in parse_dossier_bytes(data, "x.yaml").problems]
    assert "duplicate key 'format'" in messages[0]
    assert "YAML aliases (*c)" in messages[1]
    assert messages[2].startswith("YAML syntax error")


# -- hostile input ----------------------------------------------------------
def only_error(data: bytes) -> Problem:
    result = parse_dossier_bytes(data, "hostile.yaml")
    assert result.dossier is None
    errors = result.errors
    assert len(errors) == 1, errors
    return errors[0]


@pytest.mark.parametrize("data", [b"", b"   \n\n  \t\n"], ids=["zero-bytes", "blank"])
def test_empty_file(data: bytes) -> None:
    p = only_error(data)
    assert (p.line, p.column) == (1, 1)
    assert "the file is empty" in p.message


def test_non_utf8_names_line_and_column_of_first_bad_byte() -> None:
    p = only_error(b"format: dossier/1\ncompany:\n  name: \xe6\x97\xa5\xff\xfe\n")
    assert (p.line, p.column) == (3, 10)  # the CJK character before it is one column
    assert "byte 0xFF" in p.message and "UTF-8" in p.message


def test_utf16_file_is_not_utf8() -> None:
    p = only_error("format: dossier/1\n".encode("utf-16"))
    assert (p.line, p.column) == (1, 1)
    assert "not UTF-8" in p.message


def test_utf8_bom_is_fine() -> None:
    result = parse_dossier_bytes(b"\xef\xbb\xbf" + VALID, "bom.yaml")
    assert result.ok, result.problems


def test_binary_garbage() -> None:
    import random

    data = random.Random(7).randbytes(200_000)
    p = only_error(data)
    assert p.line >= 1 and p.column >= 1


def test_billion_laughs_is_rejected_without_expanding() -> None:
    lines = [b"format: dossier/1", b"company: {name: X}", b'a: &a ["lol","lol","lol"]']
    for i in range(1, 20):
        prev, cur = chr(96 + i).encode(), chr(97 + i).encode()
        lines.append(cur + b": &" + cur + b" [" + b",".join([b"*" + prev] * 9) + b"]")
    result = parse_dossier_bytes(b"\n".join(lines) + b"\n", "bomb.yaml")
    assert result.dossier is None
    first = result.errors[0]
    assert (first.line, first.column) == (4, 8)
    assert first.message == "YAML aliases (*a) are not allowed; write the value out"


def test_problems_are_capped_with_a_count_of_the_rest() -> None:
    data = b"format: dossier/1\ncompany: {name: X}\nx: &a 1\ny: [" + b", ".join([b"*a"] * 5000)
    result = parse_dossier_bytes(data + b"]\n", "many.yaml")
    assert len(result.problems) == MAX_PROBLEMS + 1
    last = result.problems[-1]
    assert last.is_error
    # 5000 alias errors and two unknown-key warnings (x, y), of which MAX_PROBLEMS are shown
    hidden = 5002 - MAX_PROBLEMS
    assert last.message == f"{hidden} more problems not shown ({hidden - 2} of them errors)"


def test_a_50_mb_string_loads() -> None:
    data = VALID.replace(b"name: Example", b'name: "' + b"x" * 50_000_000 + b'"')
    result = parse_dossier_bytes(data, "big.yaml")
    assert result.ok
    assert result.dossier is not None and len(result.dossier.company.name) == 50_000_000


@pytest.mark.parametrize(
    ("data", "column"),
    [
        (b"a: " + b"[" * 20_000 + b"]" * 20_000 + b"\n", 4 + MAX_DEPTH - 1),
        (b"- " * 20_000 + b"x\n", 1 + 2 * MAX_DEPTH),
        (b"a: " + b"{b: " * 20_000 + b"1" + b"}" * 20_000 + b"\n", 4 + 4 * (MAX_DEPTH - 1)),
    ],
    ids=["flow-lists", "block-lists", "flow-mappings"],
)
def test_20000_deep_nesting_is_one_error(data: bytes, column: int) -> None:
    p = only_error(data)
    assert "nesting deeper than 64 levels" in p.message
    assert p.line == 1
    # libyaml itself gives up at depth 1000; either way no RecursionError, one error.
    assert p.column in (column, 1003) or "maximum nesting depth" in p.message


def test_deep_block_mappings() -> None:
    data = b"".join(b" " * i + b"k:\n" for i in range(2_000))
    p = only_error(data)
    assert (p.line, p.column) == (MAX_DEPTH + 1, MAX_DEPTH + 1)


def test_python_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payloads = [
        f"!!python/object/apply:os.system ['touch {marker}']",
        f"!!python/object/apply:subprocess.check_call [['touch', '{marker}']]",
        "!!python/object/new:type ['X', [], {}]",
        "!!python/name:os.system",
    ]
    for payload in payloads:
        data = VALID + f"extra: {payload}\n".encode()
        p = only_error(data)
        assert (p.line, p.column) == (12, 8)
        assert "is not allowed" in p.message
    assert not marker.exists()


def test_a_tagged_key_is_rejected() -> None:
    p = only_error(VALID + b"!!python/name:os.system : 1\n")
    assert (p.line, p.column) == (12, 1)


def test_explicit_standard_tags_are_fine() -> None:
    data = VALID + b"extra: {a: !!str 12, b: !!int '12', c: !!float '1.5', d: !!bool 'yes'}\n"
    result = parse_dossier_bytes(data, "x.yaml")
    assert result.dossier is not None
    assert result.dossier.extra["extra"] == {"a": "12", "b": 12, "c": 1.5, "d": True}


def test_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes((BAD / "tag-python-object.yaml").read_bytes())
    before = sorted(tmp_path.iterdir())
    read_dossier(path)
    assert sorted(tmp_path.iterdir()) == before


# -- random damage: never a traceback, always a position ---------------------
_PIECES = [
    "[", "]", "{", "}", ":", "- ", "\n", "  ", "&a ", "*a", "!!int ", "!x ", '"', "'", "#",
    "? ", ",", "|", ">", "~", "\t", "2021-02-30", "null", "yes", "0x1F", "<<: ", "---\n",
    "\x00", "\u2028", "!!float ", "!!timestamp ", "!!map ", "[s1, s1]", "{1: 2}", ".nan",
]  # fmt: skip


def _assert_well_formed(data: bytes) -> None:
    result = parse_dossier_bytes(data, "fuzz.yaml")
    for p in result.problems:
        assert "internal error" not in p.message, (data, p)
        assert p.line >= 1 and p.column >= 1
        assert "\n" not in p.message and "\r" not in p.message
    assert (result.dossier is None) == bool(result.errors)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(VALID)), st.sampled_from(_PIECES)), max_size=6))
def test_damaged_files_give_positioned_problems(edits: list[tuple[int, str]]) -> None:
    data = VALID
    for pos, piece in edits:
        data = data[:pos] + piece.encode() + data[pos:]
    _assert_well_formed(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_give_positioned_problems(data: bytes) -> None:
    _assert_well_formed(data)
