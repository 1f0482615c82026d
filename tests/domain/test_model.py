"""The dossier's own rules, without Qt or YAML: where a new development goes, which links open."""

from __future__ import annotations

import datetime as _dt

import pytest

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import (
    Company,
    Development,
    Dossier,
    Figure,
    Source,
    is_safe_url,
    new_dossier,
    today,
)

p = PartialDate.parse


def _timeline(*dates: str) -> Dossier:
    return Dossier(
        company=Company("ACME"),
        timeline=[Development(f"d{i}", p(d), f"Development {i}") for i, d in enumerate(dates)],
    )


# -- where a new development goes ------------------------------------------------------
@pytest.mark.parametrize(
    ("dates", "new", "index"),
    [
        ((), "2021", 0),
        (("2020", "2022"), "2021", 1),
        (("2020", "2022"), "2019", 0),
        (("2020", "2022"), "2023", 2),
        # After every development of the same date: a new entry goes last among equals.
        (("2020", "2021", "2021", "2022"), "2021", 3),
        (("2021",), "2021", 1),
        (("2021-05-01", "2021-05-01"), "2021-05-01", 2),
        # A partial date sorts before the full dates inside it.
        (("2021", "2021-01", "2021-01-01"), "2021-01", 2),
        (("2021", "2021-01", "2021-01-01"), "2021", 1),
        # Out-of-order files: after the last entry that is not later.
        (("2022", "2020", "2023"), "2021", 2),
        (("2022", "2020", "2021"), "2021", 3),
    ],
)
def test_a_new_development_goes_after_the_last_one_not_later(
    dates: tuple[str, ...], new: str, index: int
) -> None:
    assert _timeline(*dates).chronological_insert_index(p(new)) == index


def test_approximate_does_not_move_a_new_development() -> None:
    d = _timeline("2020", "2021", "2022")
    assert d.chronological_insert_index(p("2021", approximate=True)) == 2
    assert d.chronological_insert_index(p("2021")) == 2


def test_inserting_keeps_the_file_in_chronological_order() -> None:
    d = _timeline("2020", "2021", "2021-03", "2022")
    for date in ("2021", "2021-03", "2019", "2023", "2021-03-05"):
        dev = Development(f"new-{date}", p(date), "New")
        d.timeline.insert(d.chronological_insert_index(dev.date), dev)
    keys = [x.date.sort_key for x in d.timeline]
    assert keys == sorted(keys)
    assert d.chronological() == d.timeline
    # Each new one went after its equals, which were there first.
    ids = [x.id for x in d.timeline]
    assert ids.index("d1") < ids.index("new-2021")
    assert ids.index("d2") < ids.index("new-2021-03")


def test_chronological_order_is_stable_between_equal_dates() -> None:
    d = _timeline("2022", "2021", "2021", "2020-06")
    assert [x.id for x in d.chronological()] == ["d3", "d1", "d2", "d0"]
    assert [x.id for x in d.timeline] == ["d0", "d1", "d2", "d3"]  # the file is untouched


# -- reading the dossier -------------------------------------------------------------------
def _cited() -> Dossier:
    return Dossier(
        company=Company("ACME Holdings", short_name="ACME"),
        tags=["Zeta", "alpha", "Beta"],
        sources=[Source("a", "A"), Source("b", "B"), Source("c", "C")],
        timeline=[
            Development("x", p("2020"), "X", sources=["a", "a", "b"], tags=["delta"]),
            Development("y", p("2021"), "Y", tags=["gamma"]),
        ],
        figures=[Figure("f", "Revenue", 1.0, "USD", sources=["b", "gone"])],
    )


def test_lookups_by_id() -> None:
    d = _cited()
    assert d.source("b") is d.sources[1]
    assert d.development("y") is d.timeline[1]
    assert d.figure("f") is d.figures[0]
    assert d.source("y") is None and d.development("a") is None and d.figure("x") is None


def test_citations_are_counted_once_per_citing_item() -> None:
    d = _cited()
    assert d.citation_counts() == {"a": 1, "b": 2, "c": 0}
    devs, figs = d.citing("b")
    assert [x.id for x in devs] == ["x"] and [f.id for f in figs] == ["f"]
    assert [s.id for s in d.uncited_sources()] == ["c"]
    assert [x.id for x in d.unsourced()] == ["y"]


def test_removing_a_source_drops_every_reference_to_it() -> None:
    from dossier_app.domain import edits

    d = _cited()
    d.timeline = edits.drop_source(d.timeline, "b")
    d.figures = edits.drop_source(d.figures, "b")
    assert d.timeline[0].sources == ["a", "a"]
    assert d.figures[0].sources == ["gone"]
    assert d.citation_counts()["b"] == 0


def test_tags_of_dossier_and_developments_sorted_without_case() -> None:
    # Case-blind: plain sorting would put every capitalised tag first.
    assert _cited().all_tags() == ["alpha", "Beta", "delta", "gamma", "Zeta"]


def test_lists_by_name_are_the_dossiers_own() -> None:
    d = _cited()
    assert d.items("timeline") is d.timeline
    assert d.items("sources") is d.sources
    assert d.items("figures") is d.figures


def test_a_new_dossier_is_named_and_reviewed_today() -> None:
    d = new_dossier("Example Ltd")
    assert d.company.name == "Example Ltd"
    assert d.reviewed == today() == PartialDate.from_date(_dt.date.today())
    assert d.timeline == [] and d.sources == [] and d.marking is None


def test_display_name_and_default_marking() -> None:
    d = _cited()
    assert d.company.display_name == "ACME"
    assert Company("Only A Name").display_name == "Only A Name"
    assert d.effective_marking == "TLP:CLEAR"
    d.marking = "TLP:AMBER"
    assert d.effective_marking == "TLP:AMBER"


# -- which links open -----------------------------------------------------------------------
# A fixed table, so that a check that merely looks at how a URL starts (``startswith("http")``)
# fails here every time, not only when hypothesis happens to draw such a scheme.
GOOD_URLS = (
    "http://example.com",
    "https://example.com",
    "https://example.com/a?b=c&d=<e>#frag",
    "HTTPS://EXAMPLE.COM/UPPER",
    "Http://example.com/mixed-case",
    "https://example.com:8443/port",
    "https://[2001:db8::1]/ipv6",
    "https://user@example.com/",
    "https://例子.测试/unicode-host",
    "  https://example.com/leading-space",
    "https://example.com/trailing-space  ",
    "\thttps://example.com/tab",
    "https://x",
    "http://x",
)
HOSTILE_URLS = (
    "",
    " ",
    "http",
    "https",
    "http:",
    "https:",
    "https://",
    "https:example.com",
    "http:/example.com",
    "http//example.com",
    "//example.com",
    "example.com",
    "www.example.com/https://",
    "/https://example.com",
    "./http://example.com",
    # Schemes that start like http or https but are something else.
    "httpx://example.com",
    "https-evil://example.com",
    "httpshttp://example.com",
    "https.evil.com://example.com",
    "http+unix://%2Fvar%2Frun%2Fdocker.sock/",
    "httpsx://example.com",
    "hxxps://example.com",
    "ttps://example.com",
    "htt://example.com",
    # Things with http further in.
    "javascript:https://example.com",
    "javascript://https://example.com/%0aalert(1)",
    "view-source:https://example.com",
    "file:///home/user/https://example.com",
    "data:text/html,https://example.com",
    "jar:https://example.com/a.jar!/",
    "feed:https://example.com/rss",
    "\x00https://example.com",
    "\u202ehttps://example.com",
    "\ufeffhttps://example.com",
    "h ttps://example.com",
    "ht\ttp://example.com",
    "https ://example.com",
    # Other schemes outright.
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "file:///etc/passwd",
    "ftp://example.com/",
    "mailto:a@example.com",
    "smb://server/share",
    "ms-settings:privacy",
)


@pytest.mark.parametrize("url", GOOD_URLS)
def test_good_links_open(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize("url", [*HOSTILE_URLS, None])
def test_hostile_links_stay_text(url: str | None) -> None:
    assert not is_safe_url(url)


def test_the_scheme_is_compared_whole() -> None:
    for scheme in ("http", "https"):
        assert is_safe_url(f"{scheme}://example.com")
        for extra in ("x", "-", "+", ".", "1", "shttp", "ss"):
            assert not is_safe_url(f"{scheme}{extra}://example.com"), scheme + extra
            assert not is_safe_url(f"{extra}{scheme}://example.com"), extra + scheme
