"""The format contract (docs/dossier-format.md), the JSON Schema and the code stay in step."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from dossier_app.domain import model
from dossier_app.fileio.schema import dossier_schema

REPO = Path(__file__).resolve().parent.parent
CONTRACT = REPO / "docs" / "dossier-format.md"


def contract_example() -> dict[str, Any]:
    """The annotated example at the top of the contract, loaded: it names every key."""
    text = CONTRACT.read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert block is not None, "the contract has no YAML example"
    loaded: dict[str, Any] = yaml.safe_load(block.group(1))
    return loaded


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return _resolve(schema, schema["$defs"][ref.removeprefix("#/$defs/")])
    return node


def schema_keys() -> dict[str, set[str]]:
    """Each place of a dossier ('' for the top, 'company', 'sources', ...) and its keys."""
    schema = dossier_schema()
    places = {"": set(schema["properties"])}
    for name, node in schema["properties"].items():
        node = _resolve(schema, node)
        if node.get("type") == "array" and "$ref" in node.get("items", {}):
            node = _resolve(schema, node["items"])
        if "properties" in node:
            places[name] = set(node["properties"])
    return places


def documented_keys() -> dict[str, set[str]]:
    example = contract_example()
    places = {"": set(example)}
    for name, value in example.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = value[0]
        if isinstance(value, dict):
            places[name] = set(value)
    return places


def test_the_schema_describes_every_place_of_the_contract() -> None:
    assert set(schema_keys()) == {"", "company", "sources", "timeline", "figures", "judgements"}


@pytest.mark.parametrize(
    "place", ["", "company", "sources", "timeline", "figures", "judgements"]
)
def test_every_key_of_the_schema_is_documented_in_the_contract(place: str) -> None:
    undocumented = schema_keys()[place] - documented_keys().get(place, set())
    where = f"'{place}'" if place else "the top level"
    assert not undocumented, f"keys of {where} in the schema, not in the contract: {undocumented}"


@pytest.mark.parametrize(
    ("place", "known"),
    [
        ("", model.DOSSIER_KEYS),
        ("company", model.COMPANY_KEYS),
        ("sources", model.SOURCE_KEYS),
        ("timeline", model.DEVELOPMENT_KEYS),
        ("figures", model.FIGURE_KEYS),
        ("judgements", model.JUDGEMENT_KEYS),
    ],
)
def test_the_code_knows_every_key_of_the_schema(place: str, known: tuple[str, ...]) -> None:
    assert schema_keys()[place] == set(known)


def test_the_readme_points_to_the_contract() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "](docs/dossier-format.md)" in readme
    assert CONTRACT.is_file()
