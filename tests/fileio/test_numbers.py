"""Numbers as YAML 1.2 reads them (``1e9``), YAML 1.1's other traps still caught."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from dossier_app.domain.model import Company, Dossier, Figure
from dossier_app.fileio.faithful import canonical_text
from dossier_app.fileio.loader import parse_dossier_bytes
from dossier_app.fileio.writer import dump_dossier

HEAD = "format: dossier/1\ncompany:\n  name: X\nsources:\n- id: s\n  title: S\n"
#: YAML 1.2 core schema: int and float.
CORE_INT = re.compile(r"^[-+]?[0-9]+$")
CORE_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.inf$")


def figure_file(value: str) -> bytes:
    return (HEAD + f"figures:\n- id: f\n  label: L\n  value: {value}\n  unit: USD\n"
            "  sources: [s]\n").encode()


@pytest.mark.parametrize(
    ("text", "number"),
    [("1e9", 1e9), ("1.0e9", 1e9), ("-2.5E-3", -2.5e-3), ("5e7", 5e7), (".5e3", 500.0),
     ("+1E+2", 100.0), ("1.0e+9", 1e9), ("50000000", 50_000_000)],
)
def test_exponent_numbers_load_as_numbers(text: str, number: float) -> None:
    result = parse_dossier_bytes(figure_file(text), "x.yaml")
    assert result.errors == [] and result.dossier is not None
    value = result.dossier.figures[0].value
    assert value == number and isinstance(value, int | float) and not isinstance(value, bool)


def test_underscored_digits_are_text_as_in_yaml_1_2() -> None:
    result = parse_dossier_bytes(figure_file("1_000"), "x.yaml")
    assert [p.message for p in result.errors] == [
        "'value' in figure 'f' must be a number, got '1_000'"
    ]
    titled = (HEAD + "timeline:\n- id: d\n  date: 2021\n  title: 1_000\n  sources: [s]\n")
    d = parse_dossier_bytes(titled.encode(), "x.yaml").dossier
    assert d is not None and d.timeline[0].title == "1_000"


@pytest.mark.parametrize(("text", "got"), [("no", "false"), ("on", "true"), ("017", "15"),
                                           ("0x1F", "31"), ("1:20", "80")])
def test_other_yaml_1_1_traps_in_text_fields_are_still_reported(text: str, got: str) -> None:
    data = HEAD + f"timeline:\n- id: d\n  date: 2021\n  title: {text}\n  sources: [s]\n"
    result = parse_dossier_bytes(data.encode(), "x.yaml")
    assert [p.message.split(";")[0] for p in result.errors] == [
        f"'title' in development 'd' must be text, got {got}"
    ]


def test_no_yaml_1_1_hint_left() -> None:
    result = parse_dossier_bytes(figure_file("'5e7'"), "x.yaml")
    assert result.errors and all("YAML 1.1" not in p.message for p in result.errors)


@pytest.mark.parametrize("text", ["1e9", "1.0e9", "-2.5E-3", "1e-7", "1e17", "12345678.9e3"])
def test_format_writes_a_number_both_yaml_versions_read_the_same(text: str) -> None:
    out = canonical_text(figure_file(text))
    assert out is not None
    written = re.search(r"\n  value: (.*)\n", out.text)
    assert written is not None
    token = written.group(1)
    assert CORE_FLOAT.match(token) or CORE_INT.match(token)  # YAML 1.2
    assert yaml.safe_load(out.text)["figures"][0]["value"] == float(text)  # YAML 1.1
    again = parse_dossier_bytes(out.text.encode(), "y.yaml").dossier
    assert again is not None and again.figures[0].value == float(text)


@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-(10**20), 10**20)))
def test_any_finite_number_round_trips_exactly(value: float) -> None:
    d = Dossier(company=Company(name="X"),
                figures=[Figure(id="f", label="F", value=value, unit="USD")])
    text = dump_dossier(d)
    again = parse_dossier_bytes(text.encode(), "x.yaml").dossier
    assert again is not None
    assert again.figures[0].value == value and type(again.figures[0].value) is type(value)
    token = re.search(r"\n  value: (.*)\n", text)
    assert token is not None and (CORE_FLOAT.match(token.group(1))
                                  or CORE_INT.match(token.group(1)))
    assert yaml.safe_load(text)["figures"][0]["value"] == value
