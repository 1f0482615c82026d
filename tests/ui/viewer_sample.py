"""Dossiers built in code for the viewer tests: partial, approximate and equal dates, spans."""

from __future__ import annotations

from pathlib import Path

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Company, Development, Dossier, Figure, Source
from dossier_app.fileio.writer import save_dossier

MARKUP = "<b>bold</b> & <i>x</i>"


def d(text: str, approximate: bool = False) -> PartialDate:
    return PartialDate.parse(text, approximate)


def sample_dossier(name: str = "Acme Holdings plc") -> Dossier:
    """Developments in file order that is *not* chronological, with ties and partial dates."""
    sources = [
        Source(
            id="ft",
            title="Acme cuts jobs",
            publisher="Financial Times",
            url="https://example.com/ft",
            published=d("2021-01-05"),
            reliability="B",
        ),
        Source(
            id="blog",
            title="A blog post",
            publisher="Some Blog",
            url="javascript:alert(1)",
            reliability="E",
        ),
        Source(id="uncited", title="Nobody cites this", publisher="Nobody"),
    ]
    timeline = [
        Development(
            id="day", date=d("2021-01-05"), title="Full day", sources=["ft"], tags=["jobs"]
        ),
        Development(
            id="month", date=d("2021-01"), title="Month only", sources=["ft"], tags=["jobs"]
        ),
        Development(
            id="year", date=d("2021"), title="Year only", sources=["blog"], tags=["strategy"]
        ),
        Development(
            id="span",
            date=d("2019-08", approximate=True),
            end=d("2020-02"),
            title="A long restructuring",
            summary="Layoffs across Europe\nand the US.",
            sources=["ft", "blog"],
            tags=["jobs", "europe"],
            credibility=2,
        ),
        Development(id="year-b", date=d("2021"), title="Second year-only", sources=["ft"]),
        Development(id="old", date=d("2015", approximate=True), title="Founded", sources=["blog"]),
    ]
    figures = [
        Figure(
            id="revenue-2020",
            label="Revenue",
            value=50_000_000,
            unit="USD",
            as_of=d("2020"),
            qualifier="about",
            sources=["ft"],
        ),
        Figure(
            id="revenue-2021",
            label="Revenue",
            value=65_000_000,
            unit="USD",
            as_of=d("2021"),
            sources=["ft"],
        ),
        Figure(id="staff", label="Employees", value=1200, unit="employees", sources=["ft"]),
    ]
    return Dossier(
        company=Company(name=name, short_name="Acme", aliases=["アクメ"], headquarters="London"),
        marking="TLP:AMBER",
        reviewed=d("2024-03-01"),
        sources=sources,
        timeline=timeline,
        figures=figures,
    )


def markup_dossier() -> Dossier:
    """Every text field holds markup that must be shown literally."""
    dossier = sample_dossier(name=f"Co {MARKUP}")
    dossier.company.short_name = f"Short {MARKUP}"
    dossier.company.summary = f"Summary {MARKUP}"
    dossier.timeline[0].title = f"Title {MARKUP}"
    dossier.timeline[0].summary = f"Dev summary {MARKUP}"
    dossier.sources[0].title = f"Source {MARKUP}"
    dossier.figures[0].label = f"Figure {MARKUP}"
    return dossier


def write(folder: Path, name: str, dossier: Dossier) -> Path:
    path = folder / name
    save_dossier(dossier, path)
    return path
