"""Generated dossiers for the export tests and the export measurement (seeded, no files)."""

from __future__ import annotations

import random

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Company, Development, Dossier, Figure, Source

SCRIPT_TITLE = "<script>alert(1)</script> and <b>bold</b> &amp; friends"
SOURCE_MARKUP_TITLE = "Quarterly <em>filing</em> & <a href='x'>annex</a>"
CJK_TITLE = "阿里巴巴 opens a data centre in 東京 (도쿄)"
JS_URL = "javascript:alert(document.cookie)"

_WORDS = [
    "regulator",
    "review",
    "cloud",
    "contract",
    "subsidiary",
    "filing",
    "revenue",
    "partner",
    "export",
    "licence",
    "investigation",
    "acquisition",
    "merger",
    "board",
    "statement",
    "data",
    "centre",
    "security",
    "sanctions",
    "market",
    "share",
    "investment",
    "report",
    "supplier",
    "lawsuit",
    "settlement",
]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def make_dossier(developments: int = 60, sources: int = 12, seed: int = 7) -> Dossier:
    """A dossier with everything the export must get right.

    Two hostile titles (markup, CJK), an unsafe URL, spans, approximate and
    partial dates, multi-paragraph summaries, figures sharing a unit, and a
    development that cites nothing.
    """
    rng = random.Random(seed)
    srcs = []
    for i in range(sources):
        url: str | None = f"https://news.example.com/{2019 + i % 4}/story-{i}?ref=dossier&id={i}"
        if i == 1:
            url = JS_URL
        elif i == 2:
            url = None
        elif i == 3:
            url = "http://archive.example.org/" + "very-long-path-segment-" * 8
        srcs.append(
            Source(
                id=f"src-{i}",
                title=f"Source {i}: {_sentence(rng, 5)}" if i else SOURCE_MARKUP_TITLE,
                publisher=rng.choice(["Reuters", "The Hill", "Nikkei", "Caixin", None]),
                url=url,
                published=PartialDate(2019 + i % 4, 1 + i % 12),
                accessed=PartialDate(2026, 11, 1 + i % 28),
                reliability="ABCDEF"[i % 6],
                notes=_sentence(rng, 12) if i % 3 == 0 else None,
            )
        )
    devs = []
    for i in range(developments):
        year = 2015 + i * 8 // max(developments, 1)
        precision = i % 3
        date = PartialDate(
            year,
            None if precision == 0 else 1 + i % 12,
            None if precision < 2 else 1 + i % 28,
            approximate=i % 5 == 0,
        )
        end = PartialDate(year + 1, 1 + (i + 3) % 12) if i % 7 == 0 else None
        summary = "\n".join(
            [_sentence(rng, rng.randint(15, 40)), "", _sentence(rng, rng.randint(10, 60))]
            if i % 4 == 0
            else [_sentence(rng, rng.randint(10, 50))]
        )
        title = f"Development {i}: {_sentence(rng, rng.randint(4, 12))}"
        if i == 3:
            title = SCRIPT_TITLE
        elif i == 5:
            title = CJK_TITLE
        cited = (
            []
            if i == 8
            else sorted(rng.sample([s.id for s in srcs], k=min(len(srcs), rng.randint(1, 3))))
        )
        devs.append(
            Development(
                id=f"dev-{i}",
                date=date,
                end=end,
                title=title,
                summary=summary,
                tags=rng.sample(["cloud", "regulation", "us-china", "m-and-a", "security"], 2),
                sources=cited,
                credibility=1 + i % 6,
            )
        )
    figures = [
        Figure(
            "rev",
            "Revenue",
            12_500_000_000,
            "USD",
            "FY2021",
            PartialDate(2021),
            "about",
            [srcs[0].id],
        ),
        Figure(
            "cloud-rev",
            "Cloud revenue",
            1_800_000_000,
            "USD",
            "FY2021",
            PartialDate(2021),
            None,
            [srcs[4 % sources].id],
        ),
        Figure(
            "staff",
            "Employees",
            245_700,
            "employees",
            None,
            PartialDate(2022, 3),
            "at-least",
            [srcs[5 % sources].id],
        ),
    ]
    return Dossier(
        company=Company(
            name="Example Holdings 示例控股 Ltd",
            short_name="Example",
            aliases=["示例控股", "イグザンプル", "<i>Ex</i>"],
            headquarters="Hangzhou, China",
            sector="Cloud computing",
            identifiers={"NYSE": "EXM"},
            summary="A generated dossier.\nIts lines are wrapped by hand\nlike YAML blocks.",
        ),
        marking="TLP:GREEN",
        reviewed=PartialDate(2026, 11, 20),
        tags=["cloud", "generated"],
        sources=srcs,
        timeline=devs,
        figures=figures,
    )
