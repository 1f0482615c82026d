"""Seeded generator of valid, realistic dossiers of any size, for the benchmark.

The same ``(n, seed)`` always gives the same bytes. The text is written
directly (not through a YAML dumper) so that 100,000 developments take a few
seconds. Titles and summaries draw their words from a Zipf vocabulary of about
59,000 distinct words, as a large timeline of real news prose holds (a search
index over a few hundred stock words would be unrealistically small and fast);
every scalar needs no quoting, except a few quoted titles, and there is
non-ASCII text and multi-line summaries, as analysts write them.

Run as a script to write a file: ``python bench/generate.py 10000 out.yaml``.
"""

from __future__ import annotations

import argparse
import calendar
import functools
import itertools
import operator
import random
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

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

T = TypeVar("T")


@functools.cache
def _slug(text: str) -> str:
    out = []
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")[:40].strip("-")


class _Draw:
    """Quick random picks from one ``random.Random`` (``choice``/``randint`` cost ~1 µs each)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.random = rng.random

    def pick(self, seq: Sequence[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def between(self, low: int, high: int) -> int:
        """An int in low..high, both included."""
        return low + int(self.random() * (high - low + 1))

    def distinct(self, seq: Sequence[T], k: int) -> list[T]:
        """``k`` different items of ``seq`` (which holds at least ``k``)."""
        out: list[T] = []
        while len(out) < k:
            x = seq[int(self.random() * len(seq))]
            if x not in out:
                out.append(x)
        return out


def _partial_date(draw: _Draw, year: int) -> tuple[int, int | None, int | None]:
    roll = draw.random()
    if roll < 0.15:
        return (year, None, None)
    month = draw.between(1, 12)
    if roll < 0.5:
        return (year, month, None)
    return (year, month, draw.between(1, calendar.monthrange(year, month)[1]))


def _iso(d: tuple[int, int | None, int | None]) -> str:
    year, month, day = d
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _key(d: tuple[int, int | None, int | None]) -> tuple[int, int, int]:
    return (d[0], d[1] or 0, d[2] or 0)


# -- a Zipf vocabulary -------------------------------------------------------------------
#: Distinct words of the vocabulary: what a large real timeline holds (about 59,000 in
#: 100,000 developments of news prose), not the few hundred of a phrase book.
VOCABULARY_SIZE = 59_000
#: Zipf–Mandelbrot law: the word of rank r has weight 1 / (r + ZIPF_SHIFT) ** ZIPF_EXPONENT.
ZIPF_EXPONENT = 1.0
ZIPF_SHIFT = 2.7
#: The most frequent words, in about the order a corpus of business news ranks them.
_COMMON_TEXT = """
the of to and a in that for is on said its with as by it was at from has be are an have
which will not company its but this more than had were been also would after year million
new or about their market other up over its percent billion into two first last could
people group business government one us they some china chinese cloud data official shares
since report sales state while between deal said officials three investors unit services
revenue analysts quarter plan week under made before chief executive including second board
may trade tech technology growth according foreign companies months both because firm
security national back where only most during capital statement public through against
expected industry bank month financial price investment global biggest largest held years
four such time move president officials like well out any being early later earlier now
regulators regulatory rules review approval commerce department ministry agency law court
customers users platform network centre centres machine machines machinery learning chips
chip semiconductor export exports imports controls sanctions supply chain stake venture joint
lab research research-and-development engineers employees workers jobs staff hiring cuts
profit profits loss losses margin margins cost costs spending income debt bond bonds loan
equity fund funds acquisition acquisitions merger listing shareholders stock exchange
filing filings disclosure audit compliance privacy cybersecurity breach data-centre storage
computing software hardware server servers network networks infrastructure license licence
beijing shanghai hangzhou shenzhen hong kong taiwan singapore japan tokyo europe brussels
washington american european asian domestic overseas abroad region regional local city
agreed announced confirmed declined denied reported told added noted expects plans sought
however although despite amid following ahead within without across toward among per
"""
COMMON_WORDS = tuple(dict.fromkeys(_COMMON_TEXT.split()))
#: Sounds the rarer words are made of (a pronounceable made-up language).
_ONSETS = (
    "b", "br", "c", "ch", "cl", "d", "dr", "f", "g", "gr", "h", "j", "k", "l", "m", "n",
    "p", "pr", "qu", "r", "s", "sh", "st", "t", "th", "tr", "v", "w", "z", "", "", "",
)
_NUCLEI = ("a", "a", "e", "e", "e", "i", "i", "o", "o", "u", "ai", "ea", "ou", "io", "y")
_CODAS = ("", "", "", "", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ng", "x")
_SYLLABLES = tuple(o + n + c for o in _ONSETS for n in _NUCLEI for c in _CODAS)
_SUFFIXES = ("", "", "", "", "", "s", "s", "ed", "ing", "er", "ion", "al", "ly", "ity")
#: Draws index an urn of 2**URN_BITS slots (the top bits of a 32-bit random number);
#: the rarest of 59,000 words still gets about six slots, so none is rounded away.
URN_BITS = 22


@functools.cache
def vocabulary(size: int = VOCABULARY_SIZE) -> tuple[str, ...]:
    """``size`` distinct words, most frequent first (the same for every seed and run).

    The common words come first; the rest are made-up words that lengthen with
    their rank, as rarer words do, and about one in ten is a name (capitalised).
    Distinct means distinct once case-folded, as a search sees them.
    """
    rng = random.Random(59_000)
    words = list(COMMON_WORDS[:size])
    seen = set(words)
    draw = _Draw(rng)
    while len(words) < size:
        rank = len(words)
        syllables = (1 if rank < 2_000 else 2) + (draw.random() < 0.25)
        word = "".join([draw.pick(_SYLLABLES) for _ in range(syllables)]) + draw.pick(_SUFFIXES)
        if len(word) < 3 or word in seen:
            continue
        seen.add(word)
        words.append(word.capitalize() if draw.random() < 0.1 else word)
    return tuple(words)


@functools.cache
def _urn(size: int) -> list[str]:
    """The vocabulary with each word repeated in proportion to its Zipf weight."""
    words = vocabulary(size)
    weights = [1.0 / (rank + ZIPF_SHIFT) ** ZIPF_EXPONENT for rank in range(1, size + 1)]
    scale = (1 << URN_BITS) / sum(weights)
    urn: list[str] = []
    done = 0.0
    for word, weight in zip(words, weights, strict=True):
        done += weight
        urn += [word] * (round(done * scale) - len(urn))
    return urn


class Prose:
    """Sentences of words drawn from the Zipf vocabulary, for titles and summaries."""

    def __init__(self, draw: _Draw, size: int = VOCABULARY_SIZE) -> None:
        self._draw = draw
        self._randbytes = draw.rng.randbytes
        self._urn = _urn(size)

    def words(self, k: int) -> list[str]:
        """``k`` words drawn by their frequency (one C pass: random bytes to urn slots)."""
        numbers = memoryview(self._randbytes(4 * k)).cast("I")
        shifts = itertools.repeat(32 - URN_BITS, k)
        return list(map(self._urn.__getitem__, map(operator.rshift, numbers, shifts)))

    def sentence(self, words: list[str]) -> str:
        """A sentence of ``words``: capitalised, maybe a comma, a full stop."""
        draw = self._draw
        if len(words) > 6 and draw.random() < 0.4:
            words[draw.between(3, len(words) - 3)] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."


def _summary(draw: _Draw, prose: Prose, indent: str) -> list[str]:
    """A block literal of two to four lines of prose, now and then a stock sentence."""
    lines = [f"{indent}summary: |"]
    lengths = [draw.between(6, 16) for _ in range(draw.between(2, 4))]
    words = prose.words(sum(lengths))
    at = 0
    for n in lengths:
        if draw.random() < 0.1:
            lines.append(f"{indent}  {draw.pick(SENTENCES)}")
        else:
            lines.append(f"{indent}  {prose.sentence(words[at : at + n])}")
        at += n
    return lines


def generate(n: int, seed: int = 7, company: tuple[str, str, str, str] | None = None) -> str:
    """The YAML text of a valid dossier with ``n`` developments."""
    rng = random.Random(seed * 1_000_003 + n)
    draw = _Draw(rng)
    pick, between, chance = draw.pick, draw.between, draw.random
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
        publisher = pick(PUBLISHERS)
        topic = pick(OBJECTS)
        sid = f"{_slug(publisher)}-{i:05d}"
        source_ids.append(sid)
        year = between(first_year, last_year)
        out += [
            f"  - id: {sid}",
            f"    title: {publisher} {pick(SOURCE_KINDS)} {topic} ({year})",
            f"    publisher: {publisher}",
        ]
        if chance() < 0.6:
            out.append(f"    url: https://news.example.com/{year}/{sid}")
        if chance() < 0.2:
            out.append(f"    archive_url: https://archive.example.org/web/{year}/{sid}")
        out.append(f"    published: {_iso(_partial_date(draw, year))}")
        if chance() < 0.7:
            out.append(f"    accessed: 2025-{between(1, 12):02d}-{between(1, 28):02d}")
        out.append(f"    reliability: {pick(RELIABILITY)}")
        if chance() < 0.3:
            out.append("    notes: |")
            out += [f"      {pick(SENTENCES)}" for _ in range(2)]

    # Developments: mostly in date order, as files are kept, with a few out of place.
    dates = [_partial_date(draw, between(first_year, last_year)) for _ in range(n)]
    dates.sort(key=_key)
    for _ in range(n // 50):
        i, j = int(chance() * n), int(chance() * n)
        dates[i], dates[j] = dates[j], dates[i]

    out.append("timeline:")
    prose = Prose(draw)
    for i, date in enumerate(dates):
        actor, verb, place = pick(ACTORS), pick(VERBS), pick(PLACES)
        # An actor and an action, then a stock object or words of the prose.
        obj = pick(OBJECTS) if chance() < 0.4 else " ".join(prose.words(between(2, 5)))
        out.append(f"  - id: {_slug(f'{verb} {place}')}-{i:06d}")
        out.append(f"    date: {_iso(date)}")
        end_year = date[0] + between(1, 4)
        if chance() < 0.1 and end_year <= last_year:
            out.append(f"    end: {_iso(_partial_date(draw, end_year))}")
        if chance() < 0.15:
            out.append("    approximate: true")
        if chance() < 0.03:
            # Titles with a colon need quotes, as a hand-written file would have them.
            out.append(f"    title: '{actor}: {verb} {obj} – {place}'")
        elif chance() < 0.5:
            out.append(f"    title: {actor} {verb} {obj} in {place}")
        else:
            out.append(f"    title: {actor} {verb} {obj}")
        out += _summary(draw, prose, "    ")
        out.append(f"    tags: [{', '.join(draw.distinct(TAGS, between(1, 4)))}]")
        refs = draw.distinct(source_ids, min(len(source_ids), between(2, 3)))
        out.append(f"    sources: [{', '.join(refs)}]")
        if chance() < 0.8:
            out.append(f"    credibility: {between(1, 6)}")

    out.append("figures:")
    for i in range(n_figures):
        label, unit, period = pick(FIGURE_LABELS)
        year = between(2005, last_year)
        out += [
            f"  - id: {_slug(label)}-{i:04d}",
            f"    label: {label} {year}",
        ]
        if unit == "%":
            out.append(f"    value: {between(1, 900) / 10}")
        else:
            out.append(f"    value: {between(1, 10_000) * 1_000_000}")
        out.append(f"    unit: '{unit}'" if unit == "%" else f"    unit: {unit}")
        if period:
            out.append(f"    period: {period.format(year=year)}")
        out.append(f"    as_of: {_iso(_partial_date(draw, year))}")
        if chance() < 0.4:
            out.append(f"    qualifier: {pick(('about', 'at-least', 'more-than'))}")
        refs = draw.distinct(source_ids, min(len(source_ids), between(1, 2)))
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
