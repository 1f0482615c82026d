"""Seeded generator of valid, realistic dossiers of any size, for the benchmark.

The same ``(n, seed)`` always gives the same bytes. The text is written
directly (not through a YAML dumper) so that 100,000 developments take about a
second; every scalar is built from word lists that need no quoting, plus a few
quoted titles, non-ASCII text and multi-line summaries, as analysts write them.

Run as a script to write a file: ``python bench/generate.py 10000 out.yaml``.
"""

from __future__ import annotations

import argparse
import calendar
import random
from pathlib import Path

COMPANIES = (
    ("Northwind Cloud Holdings Limited", "Northwind", "北风云", "Hangzhou, China"),
    ("Contoso Semiconductor Corporation", "Contoso", "康拓索", "Hsinchu, Taiwan"),
    ("Fabrikam Networks Group", "Fabrikam", "法布里坎", "Shenzhen, China"),
)
ACTORS = (
    "The company", "Its cloud unit", "The Commerce Department", "Regulators in Brussels",
    "A parliamentary committee", "The board", "A state-owned investor", "The chip subsidiary",
    "Its machine-learning lab", "The data-centre arm", "Shareholders", "The finance ministry",
)
VERBS = (
    "announces", "opens", "closes", "reviews", "acquires", "sells", "launches", "delays",
    "expands", "scales back", "reports on", "investigates", "signs", "suspends", "approves",
)
OBJECTS = (
    "a data centre", "its US cloud business", "a chip design venture", "an AI research lab",
    "a logistics platform", "a payments licence", "export controls", "a machine vision unit",
    "a joint venture", "a bond issue", "the annual report", "a cybersecurity audit",
    "a submarine cable stake", "a satellite ground station", "an e-commerce marketplace",
)
PLACES = (
    "Frankfurt", "Singapore", "Silicon Valley", "Dubai", "Jakarta", "Tokyo", "São Paulo",
    "Zürich", "Shanghai", "Kuala Lumpur", "Virginia", "Mumbai", "Seoul", "Chinese markets",
)
SENTENCES = (
    "People briefed on the matter said the decision followed months of talks.",
    "The filing gives no figures for the cost of the move.",
    "Analysts expect the change to weigh on margins for at least two quarters.",
    "The company declined to comment on the report.",
    "Officials said the review would look at how customer data is stored.",
    "The date is approximate: the report places it only within the year.",
    "Local media reported the news first; the company confirmed it a day later.",
    "Machine-learning workloads drove most of the new demand, the statement said.",
    "Two former employees described the project as a priority for the chairman.",
    "中文报道称该项目已获批准。",
    "The move is seen as a response to tighter export rules on advanced chips.",
    "Revenue from the unit is small against the group's worldwide business.",
)
TAGS = (
    "cloud", "china", "us-china", "regulation", "national-security", "chips", "export-controls",
    "machine-learning", "data-security", "expansion", "finance", "governance", "litigation",
    "m-and-a", "supply-chain", "sanctions", "disclosure", "logistics",
)
PUBLISHERS = (
    "Reuters", "The Hill", "Financial Times", "Bloomberg", "Caixin", "Nikkei Asia",
    "South China Morning Post", "The Wall Street Journal", "Company filing", "Le Monde",
)
SOURCE_KINDS = (
    "report on", "analysis of", "interview about", "filing on", "briefing on", "coverage of",
)
FIGURE_LABELS = (
    ("Worldwide revenue", "USD", "annual"),
    ("Cloud revenue", "USD", "FY{year}"),
    ("Employees", "employees", None),
    ("Share of revenue from abroad", "%", "FY{year}"),
    ("Data centres operated", "data centres", None),
    ("Research spending", "CNY", "annual"),
)
MARKINGS = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER")
RELIABILITY = "ABCDEF"


def _slug(text: str) -> str:
    out = []
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")[:40].strip("-")


def _partial_date(rng: random.Random, year: int) -> tuple[int, int | None, int | None]:
    roll = rng.random()
    if roll < 0.15:
        return (year, None, None)
    month = rng.randint(1, 12)
    if roll < 0.5:
        return (year, month, None)
    return (year, month, rng.randint(1, calendar.monthrange(year, month)[1]))


def _iso(d: tuple[int, int | None, int | None]) -> str:
    year, month, day = d
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _key(d: tuple[int, int | None, int | None]) -> tuple[int, int, int]:
    return (d[0], d[1] or 0, d[2] or 0)


def _summary(rng: random.Random, indent: str) -> list[str]:
    """A block literal of two to four lines of prose."""
    lines = [f"{indent}summary: |"]
    for _ in range(rng.randint(2, 4)):
        lines.append(f"{indent}  {rng.choice(SENTENCES)}")
    return lines


def generate(n: int, seed: int = 7, company: tuple[str, str, str, str] | None = None) -> str:
    """The YAML text of a valid dossier with ``n`` developments."""
    rng = random.Random(seed * 1_000_003 + n)
    name, short, alias, hq = company or COMPANIES[seed % len(COMPANIES)]
    n_sources = max(3, n // 10)
    n_figures = max(2, min(100, n // 100))
    first_year, last_year = 1995, 2025

    out: list[str] = [
        "# Generated by bench/generate.py: synthetic data for the benchmark.",
        "format: dossier/1",
        "company:",
        f"  name: {name}",
        f"  short_name: {short}",
        f"  aliases: [{alias}]",
        f"  headquarters: {hq}",
        "  sector: Cloud computing; semiconductors; e-commerce",
        f"  identifiers: {{NYSE: {short[:4].upper()}, LEI: 5493000{seed:03d}X{n % 1000:03d}}}",
        "  summary: |",
        f"    {short} is a synthetic company made up for the Dossier benchmark.",
        "    Its timeline is generated from word lists with a fixed seed, so that",
        "    every run measures the same bytes.",
        f"marking: {MARKINGS[seed % len(MARKINGS)]}",
        "reviewed: 2025-11-26",
        "tags: [cloud, us-china, synthetic]",
        "sources:",
    ]

    source_ids: list[str] = []
    for i in range(n_sources):
        publisher = rng.choice(PUBLISHERS)
        topic = rng.choice(OBJECTS)
        sid = f"{_slug(publisher)}-{i:05d}"
        source_ids.append(sid)
        year = rng.randint(first_year, last_year)
        out += [
            f"  - id: {sid}",
            f"    title: {publisher} {rng.choice(SOURCE_KINDS)} {topic} ({year})",
            f"    publisher: {publisher}",
        ]
        if rng.random() < 0.6:
            out.append(f"    url: https://news.example.com/{year}/{sid}")
        if rng.random() < 0.2:
            out.append(f"    archive_url: https://archive.example.org/web/{year}/{sid}")
        out.append(f"    published: {_iso(_partial_date(rng, year))}")
        if rng.random() < 0.7:
            out.append(f"    accessed: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        out.append(f"    reliability: {rng.choice(RELIABILITY)}")
        if rng.random() < 0.3:
            out.append("    notes: |")
            out += [f"      {rng.choice(SENTENCES)}" for _ in range(2)]

    # Developments: mostly in date order, as files are kept, with a few out of place.
    dates = [_partial_date(rng, rng.randint(first_year, last_year)) for _ in range(n)]
    dates.sort(key=_key)
    for _ in range(n // 50):
        i, j = rng.randrange(n), rng.randrange(n)
        dates[i], dates[j] = dates[j], dates[i]

    out.append("timeline:")
    cited: set[str] = set()
    for i, date in enumerate(dates):
        actor, verb, obj, place = (
            rng.choice(ACTORS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(PLACES)
        )
        title = f"{actor} {verb} {obj} in {place}"
        dev_id = f"{_slug(f'{verb} {obj} {place}')}-{i:06d}"
        out.append(f"  - id: {dev_id}")
        out.append(f"    date: {_iso(date)}")
        end_year = date[0] + rng.randint(1, 4)
        if rng.random() < 0.1 and end_year <= last_year:
            out.append(f"    end: {_iso(_partial_date(rng, end_year))}")
        if rng.random() < 0.15:
            out.append("    approximate: true")
        if rng.random() < 0.03:
            # Titles with a colon need quotes, as a hand-written file would have them.
            out.append(f"    title: '{actor}: {verb} {obj} – {place}'")
        else:
            out.append(f"    title: {title}")
        out += _summary(rng, "    ")
        out.append(f"    tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 4)))}]")
        refs = rng.sample(source_ids, min(len(source_ids), rng.randint(2, 3)))
        cited.update(refs)
        out.append(f"    sources: [{', '.join(refs)}]")
        if rng.random() < 0.8:
            out.append(f"    credibility: {rng.randint(1, 6)}")

    out.append("figures:")
    for i in range(n_figures):
        label, unit, period = rng.choice(FIGURE_LABELS)
        year = rng.randint(2005, last_year)
        out += [
            f"  - id: {_slug(label)}-{i:04d}",
            f"    label: {label} {year}",
        ]
        if unit == "%":
            out.append(f"    value: {rng.randint(1, 900) / 10}")
        else:
            out.append(f"    value: {rng.randint(1, 10_000) * 1_000_000}")
        out.append(f"    unit: '{unit}'" if unit == "%" else f"    unit: {unit}")
        if period:
            out.append(f"    period: {period.format(year=year)}")
        out.append(f"    as_of: {_iso(_partial_date(rng, year))}")
        if rng.random() < 0.4:
            out.append(f"    qualifier: {rng.choice(('about', 'at-least', 'more-than'))}")
        refs = rng.sample(source_ids, min(len(source_ids), rng.randint(1, 2)))
        cited.update(refs)
        out.append(f"    sources: [{', '.join(refs)}]")
    return "\n".join(out) + "\n"


def write(path: Path, n: int, seed: int = 7) -> Path:
    """Write a generated dossier to ``path`` (only when its bytes differ) and return it."""
    data = generate(n, seed).encode("utf-8")
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return path


NAME_HEADS = (
    "Aurora", "Basalt", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris",
    "Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus", "Onyx", "Pioneer", "Quartz", "Radiant",
    "Sierra", "Tundra", "Umber", "Vertex", "Willow", "Xenon", "Yarrow", "Zenith",
)
NAME_TAILS = (
    "Cloud", "Semiconductor", "Networks", "Robotics", "Logistics", "Payments", "Telecom",
    "Drones", "Optics", "Systems", "Data", "Microdevices", "Energy", "Materials", "Mobility",
    "Biotech", "Satellite", "Software", "Foundry", "Devices",
)
CJK_NAMES = tuple("云芯网机达华星海通讯光能智联科信")
HEADQUARTERS = ("Hangzhou, China", "Shenzhen, China", "Hsinchu, Taiwan", "Zürich, Switzerland",
                "São Paulo, Brazil", "Seoul, South Korea", "Austin, Texas", "Munich, Germany")


def library_company(i: int) -> tuple[str, str, str, str]:
    """A distinct made-up company for file ``i`` of a generated library."""
    head = NAME_HEADS[i % len(NAME_HEADS)]
    tail = NAME_TAILS[(i // len(NAME_HEADS)) % len(NAME_TAILS)]
    short = f"{head} {tail}" + (f" {i // (len(NAME_HEADS) * len(NAME_TAILS)) + 1}"
                                if i >= len(NAME_HEADS) * len(NAME_TAILS) else "")
    alias = "".join(CJK_NAMES[(i * k + k) % len(CJK_NAMES)] for k in (1, 3, 5))
    return f"{short} Holdings Limited", short, alias, HEADQUARTERS[i % len(HEADQUARTERS)]


def write_library(folder: Path, files: int = 1000, developments: int = 100_000,
                  seed: int = 11) -> list[Path]:
    """A library of ``files`` dossiers holding ``developments`` developments in all."""
    per_file = max(1, developments // files)
    paths = []
    for i in range(files):
        company = library_company(i)
        path = folder / f"{_slug(company[1])}.yaml"
        data = generate(per_file, seed + i, company).encode("utf-8")
        if not path.exists() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of developments (in all, with --library)")
    parser.add_argument("out", type=Path, help="file to write (a folder, with --library)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--library", type=int, metavar="FILES",
                        help="write a library of FILES dossiers into the folder OUT")
    args = parser.parse_args()
    if args.library:
        write_library(args.out, args.library, args.n)
    else:
        write(args.out, args.n, args.seed)


if __name__ == "__main__":
    main()
