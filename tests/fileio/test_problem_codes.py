"""Every problem the loader and the checks report has a stable, documented code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dossier_app.fileio.loader import parse_dossier_bytes, read_dossier
from dossier_app.fileio.problems import MORE_NOT_SHOWN

REPO = Path(__file__).resolve().parent.parent.parent
FILEIO = REPO / "dossier_app" / "fileio"
BAD = Path(__file__).resolve().parent / "bad"
CODES_DOC = REPO / "docs" / "problem-codes.md"
KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def documented_codes() -> set[str]:
    text = CODES_DOC.read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([a-z0-9-]+)` \|", text, re.MULTILINE))


def _reports(tree: ast.AST) -> list[ast.Call]:
    """Calls of ``sink.error(...)`` and ``sink.warning(...)``."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("error", "warning", "add")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "sink"
    ]


def codes_in_source() -> dict[str, set[str]]:
    """Each code the file layer can give, with the modules that give it."""
    found: dict[str, set[str]] = {}
    for module in sorted(FILEIO.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for call in _reports(tree):
            code = next((k.value for k in call.keywords if k.arg == "code"), None)
            where = f"{module.name}:{call.lineno}"
            assert code is not None, f"{where}: a problem without code="
            if isinstance(code, ast.Constant):
                found.setdefault(code.value, set()).add(module.name)
            else:  # a variable (every string assigned to it is a code) or a problem's .code
                assert isinstance(code, ast.Name | ast.Attribute), where
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "code" for t in node.targets)
            ):
                for value in _values(node.value):
                    found.setdefault(value, set()).add(module.name)
            elif (  # a problem found by a helper, reported with its code: ArchiveProblem(code, ...)
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id.endswith("Problem")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.setdefault(node.args[0].value, set()).add(module.name)
    return found


def _values(node: ast.expr) -> list[str]:
    """The strings an expression can give: a constant, or either side of ``a if c else b``."""
    if isinstance(node, ast.IfExp):
        return _values(node.body) + _values(node.orelse)
    assert isinstance(node, ast.Constant) and isinstance(node.value, str), ast.dump(node)
    return [node.value]


def test_every_report_in_the_file_layer_passes_a_documented_kebab_case_code() -> None:
    found = codes_in_source()
    assert len(found) >= 20
    for code, modules in found.items():
        assert KEBAB.match(code), f"{code!r} in {modules} is not kebab-case"
    undocumented = set(found) - documented_codes()
    assert not undocumented, f"not in docs/problem-codes.md: {sorted(undocumented)}"


def test_the_documented_codes_are_all_given_somewhere() -> None:
    assert documented_codes() - set(codes_in_source()) == {MORE_NOT_SHOWN}


@pytest.mark.parametrize("path", sorted(BAD.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_problem_of_the_corpus_has_a_documented_code(path: Path) -> None:
    codes = documented_codes()
    problems = read_dossier(path).problems
    assert problems
    for problem in problems:
        assert problem.code in codes, f"{problem} has code {problem.code!r}"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"format: dossier/1\ncompany: {name: X}\ncompany: {name: Y}\n", "duplicate-key"),
        (b"format: dossier/1\ncompany: [\n", "yaml-syntax"),
        (b"format: dossier/1\ncompany: 5\n", "wrong-type"),
        (b"format: dossier/1\n", "missing-key"),
        (b"format: dossier/1\ncompany: {name: X}\nreviewed: 2021-02-30\n", "bad-date"),
        (b"format: dossier/1\ncompany: {name: X}\nowner: me\n", "unknown-key"),
        (
            b"format: dossier/1\ncompany: {name: X}\nsources:\n  - {id: a, title: A}\n"
            b"  - {id: a, title: B}\ntimeline:\n  - {id: d, date: 2021, title: T, sources: [a]}\n",
            "duplicate-id",
        ),
        (
            b"format: dossier/1\ncompany: {name: X}\n"
            b"timeline:\n  - {id: d, date: 2021, title: T, sources: [nope]}\n",
            "unknown-source",
        ),
        (
            b"format: dossier/1\ncompany: {name: X}\nsources:\n  - {id: a, title: A}\n",
            "uncited-source",
        ),
        (
            b"format: dossier/1\ncompany: {name: X}\n"
            b"timeline:\n  - {id: d, date: 2021, title: T}\n",
            "unsourced",
        ),
        (
            b"format: dossier/1\ncompany: {name: X}\nsources:\n"
            b"  - {id: a, title: A, url: 'javascript:x'}\n"
            b"timeline:\n  - {id: d, date: 2021, title: T, sources: [a]}\n",
            "unsafe-link",
        ),
    ],
)
def test_codes_of_common_problems(data: bytes, code: str) -> None:
    [problem] = parse_dossier_bytes(data, "x.yaml").problems
    assert problem.code == code, problem


def test_the_unsafe_link_warning_is_a_whole_sentence() -> None:
    data = (
        b"format: dossier/1\ncompany: {name: X}\nsources:\n"
        b"  - {id: a, title: A, url: 'ftp://example.com/x'}\n"
        b"timeline:\n  - {id: d, date: 2021, title: T, sources: [a]}\n"
    )
    [problem] = parse_dossier_bytes(data, "x.yaml").problems
    assert problem.message == (
        "link 'ftp://example.com/x' in source 'a' will not be opened: "
        "only http:// and https:// links are opened"
    )


def test_a_broken_link_is_reported_with_its_target(tmp_path: Path) -> None:
    link = tmp_path / "gone.yaml"
    link.symlink_to("elsewhere/moved.yaml")
    [problem] = read_dossier(link).problems
    assert (problem.line, problem.column, problem.code) == (1, 1, "broken-link")
    assert problem.message == "broken link → elsewhere/moved.yaml"
    [missing] = read_dossier(tmp_path / "never.yaml").problems
    assert (missing.message, missing.code) == ("no such file", "file-not-found")
