"""One rule set: the Overview's live findings and ``check`` give the same verdicts, in the same
words, for the same dossier."""

from __future__ import annotations

import math

from dossier_app.domain import rules
from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import (
    Company,
    Development,
    Dossier,
    Figure,
    Judgement,
    Source,
)
from dossier_app.fileio.loader import parse_dossier_bytes
from dossier_app.fileio.schema import dossier_schema
from dossier_app.fileio.writer import dump_dossier

#: The codes both doors report; the others need the file (positions, keys, types).
SHARED = {
    "duplicate-id",
    "duplicate-judgement-id",
    "unknown-source",
    "end-before-date",
    "non-finite-number",
    "unsourced",
    "uncited-source",
    "unsafe-link",
    "judgement-without-grounds",
    "unknown-judgement-ground",
}


def _date(text: str) -> PartialDate:
    return PartialDate.parse(text)


def broken_dossier() -> Dossier:
    """Every shared rule broken once; titles equal ids, so both doors name items alike."""
    return Dossier(
        company=Company(name="Acme"),
        sources=[
            Source(id="s1", title="s1", url="javascript:alert(1)"),
            Source(id="s2", title="s2"),  # cited by nothing
            Source(id="s2", title="s2"),
        ],
        timeline=[
            Development(id="d1", date=_date("2021-05"), end=_date("2020"), title="d1",
                        sources=["s1", "nope"]),
            Development(id="d2", date=_date("2022"), title="d2"),  # unsourced
        ],
        figures=[
            Figure(id="f1", label="f1", value=math.inf, unit="USD", sources=["s1"]),
            Figure(id="f1", label="f1", value=3, unit="USD", sources=["s1"]),
        ],
        judgements=[
            Judgement(id="j1", text="x", confidence="low", based_on=[]),
            Judgement(id="j1", text="y", confidence="low", based_on=["d9"]),
        ],
    )


def _check(d: Dossier) -> list[tuple[str, str, str]]:
    result = parse_dossier_bytes(dump_dossier(d).encode(), "x.yaml")
    return sorted(
        (p.severity, p.code, p.message.partition(" at line ")[0])
        for p in result.problems
        if p.code in SHARED
    )


def test_live_findings_give_the_verdicts_and_words_of_check() -> None:
    d = broken_dossier()
    live = sorted((f.severity, f.code, f.message) for f in rules.findings(d))
    checked = _check(d)
    assert {code for _s, code, _m in checked} == SHARED  # the fixture breaks every rule
    assert live == checked


def test_a_clean_dossier_has_no_findings_in_either_door() -> None:
    d = Dossier(
        company=Company(name="Acme"),
        sources=[Source(id="s1", title="s1", url="https://example.com/a")],
        timeline=[Development(id="d1", date=_date("2021"), end=_date("2021"), title="d1",
                              sources=["s1"])],
        judgements=[Judgement(id="j1", text="x", confidence="low", based_on=["d1"])],
    )
    assert rules.findings(d) == []
    assert _check(d) == []


def test_findings_name_the_item_they_are_about() -> None:
    found = {(f.code, f.kind, f.item_id) for f in rules.findings(broken_dossier())}
    assert ("end-before-date", "development", "d1") in found
    assert ("unsourced", "development", "d2") in found
    assert ("uncited-source", "source", "s2") in found
    assert ("non-finite-number", "figure", "f1") in found


def test_end_may_share_the_start_period_but_not_lie_before_it() -> None:
    assert rules.end_before_date(_date("2021-05"), _date("2021")) is None
    assert rules.end_before_date(_date("2021-05"), _date("2021-05-31")) is None
    assert rules.end_before_date(_date("2021-05"), _date("2021-04-30")) == (
        "the end 2021-04-30 is before the date 2021-05"
    )


def test_the_id_pattern_is_the_schemas() -> None:
    assert dossier_schema()["$defs"]["id"]["pattern"] == f"^{rules.ID_CHARS}$"
    assert rules.bad_id("ok-1.x_y") is None
    assert rules.bad_id("Bad Id") is not None
    assert rules.bad_id("ok\n") is not None  # ``$`` alone would let a trailing newline in


def test_date_value_says_why() -> None:
    assert rules.date_value("2021-09") == _date("2021-09")
    cases = {
        ("2021-02-30", False): "day 30 does not exist in Feb 2021",
        ("yesterday", False): "expected a date like 2021, 2021-09 or 2021-09-21, got 'yesterday'",
        ("2021", True): "expected a full date like 2021-09-21, got 2021",
        (True, False): "expected a date like 2021, 2021-09 or 2021-09-21, got true",
    }
    for (value, full), reason in cases.items():
        try:
            rules.date_value(value, full)
        except rules.RuleError as exc:
            assert (exc.code, exc.message) == ("bad-date", reason)
        else:
            raise AssertionError(f"{value!r} was accepted")
