"""The forms refuse what ``check`` refuses, with the words ``check`` uses for it."""

from __future__ import annotations

import pytest

from dossier_app.domain import rules as domain_rules
from dossier_app.domain.dates import PartialDate
from dossier_app.fileio.loader import parse_dossier_bytes
from dossier_app.ui.editing.forms import rules

HEAD = "format: dossier/1\ncompany:\n  name: Acme\nsources:\n  - id: s1\n    title: S\n"


def _check(body: str) -> list[tuple[str, str]]:
    result = parse_dossier_bytes((HEAD + body).encode(), "x.yaml")
    return [(p.code, p.message) for p in result.problems if p.is_error]


def _form(call: object) -> str:
    assert callable(call)
    with pytest.raises(rules.FieldError) as caught:
        call()
    return str(caught.value)


def _dev(date: str, extra: str = "", ident: str = "d1") -> str:
    return (
        f"timeline:\n  - id: {ident}\n    date: {date}\n{extra}"
        "    title: T\n    sources: [s1]\n"
    )


@pytest.mark.parametrize(
    ("value", "full", "key_line"),
    [
        ("2021-02-30", False, ""),
        ("2021-13", False, ""),
        ("yesterday", False, ""),
        ("2021", True, "accessed"),
    ],
)
def test_a_bad_date_reads_the_same_in_check_and_in_a_form(
    value: str, full: bool, key_line: str
) -> None:
    if key_line:
        body = f"    accessed: '{value}'\n" + _dev("2021")
        checked = _check(body)
        form = _form(lambda: rules.optional_full_date(value))
        where = "bad date 'accessed' in source 's1': "
    else:
        checked = _check(_dev(f"'{value}'"))
        form = _form(lambda: rules.partial_date(value))
        where = "bad date 'date' in development 'd1': "
    assert len(checked) == 1 and checked[0][0] == "bad-date"
    assert checked[0][1] == where + form[0].lower() + form[1:]


def test_end_before_date_reads_the_same() -> None:
    checked = _check(_dev("2021-05", "    end: 2020\n"))
    form = _form(lambda: rules.end_date("2020", PartialDate.parse("2021-05")))
    assert checked == [("end-before-date", "the end 2020 is before the date 2021-05 in "
                        "development 'd1'")]
    assert form == "The end 2020 is before the date 2021-05"
    assert rules.end_date("2021", PartialDate.parse("2021-05")) == PartialDate.parse("2021")


def test_a_duplicate_id_reads_the_same() -> None:
    checked = _check(_dev("2021") + _dev("2022", ident="d1").replace("timeline:\n", ""))
    form = _form(lambda: rules.item_id("d1", {"d1"}, "development"))
    assert [code for code, _m in checked] == ["duplicate-id"]
    assert checked[0][1].startswith(form[0].lower() + form[1:] + " at line ")


def test_a_bad_id_reads_the_same() -> None:
    checked = _check(_dev("2021", ident="'Bad Id'"))
    form = _form(lambda: rules.item_id("Bad Id", set(), "development"))
    assert [code for code, _m in checked] == ["bad-id"]
    assert checked[0][1].endswith(domain_rules.ID_RULE)
    assert form == f"Id 'Bad Id' {domain_rules.ID_RULE}"


@pytest.mark.parametrize(("text", "shown"), [(".inf", "inf"), ("-.inf", "-inf"), (".nan", "nan")])
def test_a_non_finite_value_reads_the_same(text: str, shown: str) -> None:
    body = (
        f"figures:\n  - id: f1\n    label: L\n    value: {text}\n    unit: USD\n"
        "    sources: [s1]\n"
    )
    checked = _check(body)
    form = _form(lambda: rules.number(shown))
    tail = f"must be a finite number, got {shown}"
    assert checked == [("non-finite-number", f"'value' in figure 'f1' {tail}")]
    assert form == f"The value {tail}"
