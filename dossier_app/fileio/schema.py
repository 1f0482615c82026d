"""Validation against the JSON Schema shipped in ``dossier_app/schema/``.

fastjsonschema's compiled validator answers "valid or not" in a fraction of
the time jsonschema needs, but stops at the first error; so it runs first and
jsonschema (imported only then) lists every error when the fast one fails.
"""

from __future__ import annotations

import functools
import importlib
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

from ..domain.rules import ID_RULE
from .collector import ProblemCollector
from .events import INVALID, Tree
from .wording import LIST_ITEMS, describe, place, subject

#: Paths (list indexes left out) of the date fields: their problems are worded by
#: the date checks in ``validate``, which also catch impossible calendar days.
DATE_FIELDS = frozenset(
    {
        ("reviewed",),
        ("sources", "published"),
        ("sources", "accessed"),
        ("timeline", "date"),
        ("timeline", "end"),
        ("figures", "as_of"),
    }
)

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "nothing",
}


@functools.cache
def dossier_schema() -> dict[str, Any]:
    """The JSON Schema of the dossier format (draft 2020-12)."""
    text = resources.files("dossier_app").joinpath("schema/dossier.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def _fast_validator() -> Callable[[Any], Any]:
    import fastjsonschema

    # use_default=False: the validator must never write defaults into the data.
    validate: Callable[[Any], Any] = fastjsonschema.compile(
        dossier_schema(), use_default=False, use_formats=False
    )
    return validate


@functools.cache
def _full_validator() -> Any:
    # Imported here: 60 ms that only a file with a schema error pays. Through
    # importlib because jsonschema ships no type hints (the result is Any anyway).
    jsonschema = importlib.import_module("jsonschema")
    return jsonschema.Draft202012Validator(dossier_schema())


def is_valid(data: Any) -> bool:
    """The fast yes/no answer."""
    import fastjsonschema

    try:
        _fast_validator()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def check_schema(tree: Tree, sink: ProblemCollector) -> None:
    """Report every schema error in ``tree``, each at its line and column."""
    root = tree.root
    if is_valid(root):
        return
    reported: set[tuple[Any, ...]] = set()
    for error in _full_validator().iter_errors(root):
        if sink.full and sink.hidden > 10 * sink.limit:
            break  # a file this broken has said enough
        _report(error, tree, sink, reported)


def _report(error: Any, tree: Tree, sink: ProblemCollector, reported: set[tuple[Any, ...]]) -> None:
    path = list(error.absolute_path)
    instance = error.instance
    if instance is INVALID:
        return  # the loader already said why the value was rejected
    field_path = tuple(step for step in path if not isinstance(step, int))
    if field_path in DATE_FIELDS:
        return
    root = tree.root
    validator = error.validator

    if validator == "required":
        for key in error.validator_value:
            if isinstance(instance, dict) and key not in instance:
                if (id(instance), key) in reported:
                    continue
                reported.add((id(instance), key))
                line, col = tree.path_mark(path, at_key=True)
                sink.error(line, col, _missing(root, path, key), code="missing-key")
        return

    line, col = tree.path_mark(path)
    what = subject(root, path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    got = describe(instance)
    if validator in ("type", "minimum", "maximum") and "minimum" in schema and "maximum" in schema:
        message = f"{what} must be an integer {schema['minimum']}..{schema['maximum']}, got {got}"
        code = "wrong-type" if validator == "type" else "out-of-range"
    elif validator == "type":
        message = f"{what} must be {_expected(error.validator_value)}, got {got}{_hint(error)}"
        code = "wrong-type"
    elif validator == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        message = f"{what} must be one of {choices}, got {got}"
        code = "not-in-set"
    elif validator == "const":
        message = f"{what} must be exactly {error.validator_value!r}, got {got}"
        code = "wrong-value"
        if path == ["format"]:
            message += " (this app reads dossier/1 files)"
            code = "wrong-format"
    elif validator == "pattern" and path and path[-1] == "id":
        # Not "development 'Bad Id'": the bad id cannot name its own entry.
        owner = place(root, path[:-1])
        if len(path) == 3 and isinstance(path[1], int):
            owner = f"{LIST_ITEMS.get(path[0], 'entry')} #{path[1] + 1}"
        message = f"id {got} in {owner} {ID_RULE}"
        code = "bad-id"
    elif validator in ("minLength", "pattern") and schema.get("minLength") == 1:
        message = f"{what} must not be empty"
        code = "empty-value"
    else:
        message = f"{what} is not valid here ({validator} rule of the schema)"
        code = "schema"
    if (line, col, message) not in reported:  # e.g. minLength and pattern both failing
        reported.add((line, col, message))
        sink.error(line, col, message, code=code)


def _missing(root: Any, path: list[Any], key: str) -> str:
    if not path:
        if key == "format":
            return "missing required key 'format' (the file should start with 'format: dossier/1')"
        return f"missing required key {key!r}"
    return f"missing required key {key!r} in {place(root, path)}"


def _expected(types: Any) -> str:
    names = [types] if isinstance(types, str) else list(types)
    return " or ".join(_TYPE_WORDS.get(t, t) for t in names)


def _hint(error: Any) -> str:
    types = error.validator_value
    names = {types} if isinstance(types, str) else set(types)
    value = error.instance
    if "string" in names and isinstance(value, (int, float)):
        return "; put it in quotes to make it text"
    return ""
