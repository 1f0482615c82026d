"""From a dossier, the export options and the provenance to the ``Briefing`` (no Qt)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..domain.corroboration import FLAGS, Corroboration, legend
from ..domain.dates import PartialDate, display_span
from ..domain.formatting import format_credibility, format_figure_value, format_reliability
from ..domain.model import (
    CREDIBILITY,
    LIKELIHOOD,
    RELIABILITY,
    Development,
    Dossier,
    Figure,
    Source,
    is_safe_url,
)
from .briefing import (
    GRADING_INTRO,
    GRADING_SYSTEM,
    MARKING_MEANINGS,
    SECOND_HAND_NOTE,
    Briefing,
    Chart,
    ChartBar,
    Counts,
    FigureEntry,
    Grade,
    GradeKey,
    KeyJudgement,
    Link,
    ReferenceEntry,
    TimelineEntry,
)
from .options import ExportOptions, Provenance, select_developments, select_figures
from .references import References, number_sources, paragraphs

APP_NAME = "Dossier"


def compose_briefing(
    dossier: Dossier, options: ExportOptions, provenance: Provenance | None = None
) -> Briefing:
    """What the briefing of ``dossier`` says under ``options``.

    Raises ``MarkingDowngradeError`` for a lowered marking that was not confirmed.
    """
    options.check_marking(dossier)
    prov = provenance or Provenance()
    d = dossier
    sections = tuple(options.ordered_sections())
    developments = select_developments(d, options) if "timeline" in sections else []
    figures = select_figures(d, options) if "figures" in sections else []
    judgements = d.judgements if "summary" in sections else []
    grounds = [d.grounds(j) for j in judgements]
    # Numbered in reading order: the judgements' grounds first, then figures, then timeline.
    citing: list[Sequence[str]] = [
        [sid for item in items for sid in item.sources] for items in grounds
    ]
    citing += [f.sources for f in figures] + [dev.sources for dev in developments]
    refs = number_sources(d, citing, include_uncited=not options.filters_timeline)
    listed = refs.sources if "sources" in sections else []
    marking = options.marking_for(d)
    c = d.company
    corroboration = Corroboration(d, today=prov.generated, stale_years=options.stale_years)

    def flags(claim: Development | Figure) -> tuple[str, ...]:
        return tuple(FLAGS[code].name for code in corroboration.flags(claim))

    flagged = sum(1 for dev in developments if corroboration.flags(dev))
    flagged += sum(1 for f in figures if corroboration.flags(f))
    return Briefing(
        company=c.name,
        also_known_as=tuple(x for x in (c.short_name, *c.aliases) if x and x != c.name),
        marking=marking,
        marking_meaning=MARKING_MEANINGS.get(marking, ""),
        marking_lowered_from=options.lowered_from(d),
        recipients=tuple(r.strip() for r in options.recipients if r.strip()),
        reviewed=d.reviewed,
        generated=prov.generated,
        file_name=prov.file_name,
        short_hash=prov.short_hash,
        cut_off=_cut_off(developments, figures, listed),
        counts=Counts(
            developments=len(developments),
            developments_total=len(d.timeline),
            figures=len(figures),
            figures_total=len(d.figures),
            sources=len(listed),
            sources_total=len(d.sources),
            judgements=len(judgements),
        ),
        filter_text=options.filter_description() if options.filters_timeline else "",
        sections=sections,
        language=options.language_for(d),
        author=options.author or APP_NAME,
        bottom_line=tuple(paragraphs(d.bottom_line)) if "summary" in sections else (),
        judgements=tuple(
            _judgement(n, j.id, j.text, j.confidence, j.likelihood, items, refs)
            for n, (j, items) in enumerate(zip(judgements, grounds, strict=True), start=1)
        ),
        profile=_profile(d) if "overview" in sections else (),
        summary=tuple(paragraphs(c.summary)) if "overview" in sections else (),
        figures=tuple(_figure(f, refs, flags(f)) for f in figures),
        figures_note=_figures_note(options, len(figures), len(d.figures)),
        charts=tuple(series_charts(figures)),
        timeline=tuple(_development(dev, refs, flags(dev)) for dev in developments),
        timeline_note=(
            f"Showing {len(developments)} of {len(d.timeline)} developments: "
            f"{options.filter_description()}."
            if options.filters_timeline
            else ""
        ),
        grade_key=_grade_key(developments, listed) if "sources" in sections else None,
        references=tuple(_references(listed, refs, _cited_ids(citing))),
        source_titles=tuple((s.id, s.title) for s in refs.sources),
        flag_key=_flag_key(sections) if developments or figures else (),
        flagged=flagged,
    )


def _flag_key(sections: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """The flags explained; the A–F / 1–6 grades too unless the grading key is printed."""
    lines = legend()
    return tuple(lines if "sources" not in sections else lines[: len(FLAGS)])


def _judgement(
    number: int,
    ident: str,
    text: str,
    confidence: str,
    likelihood: str | None,
    items: list[Development | Figure],
    refs: References,
) -> KeyJudgement:
    return KeyJudgement(
        number=number,
        id=ident,
        text=" ".join(paragraphs(text)),
        confidence=confidence,
        likelihood=likelihood,
        likelihood_range=LIKELIHOOD.get(likelihood) if likelihood else None,
        citations=tuple(refs.numbers_for(s for item in items for s in item.sources)),
        grounds=tuple(x.title if isinstance(x, Development) else x.label for x in items),
    )


def _profile(d: Dossier) -> tuple[tuple[str, str], ...]:
    """The profile facts the title block does not already give (names are there)."""
    c = d.company
    facts: list[tuple[str, str]] = []
    if c.headquarters:
        facts.append(("Headquarters", c.headquarters))
    if c.sector:
        facts.append(("Sector", c.sector))
    if c.identifiers:
        facts.append(("Identifiers", ", ".join(f"{k}: {v}" for k, v in c.identifiers.items())))
    if d.tags:
        facts.append(("Tags", ", ".join(d.tags)))
    return tuple(facts)


def _figure(f: Figure, refs: References, flags: tuple[str, ...] = ()) -> FigureEntry:
    return FigureEntry(
        id=f.id,
        label=f.label,
        notes=tuple(paragraphs(f.note)),
        value=format_figure_value(f),
        period=f.period or "",
        as_of=f.as_of.display() if f.as_of else "",
        citations=tuple(refs.numbers_for(f.sources)),
        number=f.value,
        unit=f.unit,
        qualifier=f.effective_qualifier,
        sort_date=f.as_of.first_day().isoformat() if f.as_of else "",
        sources=tuple(f.sources),
        flags=flags,
    )


def _figures_note(options: ExportOptions, shown: int, total: int) -> str:
    if not options.has_date_range:
        return ""
    return (
        f"Showing {shown} of {total} key figures: as of {options.range_description()} "
        "(figures with no as-of date are kept)."
    )


def series_charts(figures: Sequence[Figure]) -> list[Chart]:
    """One chart per measure (label and unit) with two or more dated values.

    Only values of the same measure are comparable: a chart never mixes
    labels, and a measure with a single value gets no chart.
    """
    groups: dict[tuple[str, str], list[Figure]] = {}
    for f in figures:
        if f.as_of is not None:
            groups.setdefault((f.label.strip(), f.unit.strip()), []).append(f)
    charts = []
    for (label, unit), members in groups.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda f: f.as_of.sort_key if f.as_of else (0, 0, 0))
        bars = tuple(
            ChartBar(
                label=f.as_of.display() if f.as_of else "",
                detail=f.period or "",
                value=float(f.value),
                text=format_figure_value(f),
                exact=f.effective_qualifier == "exact",
            )
            for f in members
        )
        charts.append(Chart(label, unit, bars))
    return charts


def _development(
    dev: Development, refs: References, flags: tuple[str, ...] = ()
) -> TimelineEntry:
    return TimelineEntry(
        id=dev.id,
        year=dev.date.year,
        date=display_span(dev.date, dev.end),
        title=dev.title,
        citations=tuple(refs.numbers_for(dev.sources)),
        paragraphs=tuple(paragraphs(dev.summary)),
        tags=tuple(dev.tags),
        credibility=format_credibility(dev.credibility),
        sort_date=dev.date.first_day().isoformat(),
        date_iso=dev.date.iso(),
        end_iso=dev.end.iso() if dev.end else "",
        approximate=dev.approximate,
        end=dev.end.display() if dev.end else "",
        sources=tuple(dev.sources),
        credibility_grade=dev.credibility,
        summary="\n\n".join(paragraphs(dev.summary)),
        flags=flags,
    )


def _cited_ids(citing: Sequence[Sequence[str]]) -> set[str]:
    return {sid for ids in citing for sid in ids}


def via(source: Source) -> str | None:
    """The id of the source this one reports from, where the dossier records it."""
    value = getattr(source, "via", None) or source.extra.get("via")
    return value if isinstance(value, str) and value else None


def _references(
    sources: Sequence[Source], refs: References, cited: set[str]
) -> list[ReferenceEntry]:
    entries = []
    for number, s in enumerate(sources, start=1):
        byline = [x for x in (s.publisher, s.author) if x]
        if s.published:
            byline.append(s.published.display())
        grading = []
        if s.reliability:
            grading.append("Reliability: " + format_reliability(s.reliability))
        if s.accessed:
            grading.append("Accessed " + s.accessed.display())
        if s.id not in cited:
            grading.append("Not cited in this briefing")
        origin = via(s)
        second_hand = ""
        if origin is not None:
            n = refs.numbers.get(origin)
            second_hand = f"Second-hand: reports from {f'[{n}]' if n else origin}"
        entries.append(
            ReferenceEntry(
                number=number,
                id=s.id,
                title=s.title,
                byline=" · ".join(byline),
                url=Link(s.url, is_safe_url(s.url)) if s.url else None,
                archive_url=Link(s.archive_url, is_safe_url(s.archive_url))
                if s.archive_url
                else None,
                grading="  ·  ".join(grading),
                notes=tuple(paragraphs(s.notes)),
                cited=s.id in cited,
                second_hand=second_hand,
                publisher=s.publisher or "",
                author=s.author or "",
                published=s.published.display() if s.published else "",
                accessed=s.accessed.display() if s.accessed else "",
                reliability=s.reliability or "",
            )
        )
    return entries


def _grade_key(developments: Sequence[Development], sources: Sequence[Source]) -> GradeKey:
    reliability = Counter(s.reliability for s in sources if s.reliability)
    credibility = Counter(d.credibility for d in developments if d.credibility is not None)
    second_hand = sum(1 for s in sources if via(s))
    return GradeKey(
        system=GRADING_SYSTEM,
        intro=GRADING_INTRO,
        reliability=tuple(Grade(k, v, reliability[k]) for k, v in RELIABILITY.items()),
        credibility=tuple(Grade(str(k), v, credibility[k]) for k, v in CREDIBILITY.items()),
        second_hand=second_hand,
        second_hand_note=SECOND_HAND_NOTE if second_hand else "",
    )


def _cut_off(
    developments: Sequence[Development], figures: Sequence[Figure], sources: Sequence[Source]
) -> PartialDate | None:
    """The latest dated item: a development's date or end, a figure's as-of, a publication."""
    dates: list[PartialDate] = []
    for dev in developments:
        dates.append(dev.end or dev.date)
    dates += [f.as_of for f in figures if f.as_of is not None]
    dates += [s.published for s in sources if s.published is not None]
    if not dates:
        return None
    # "2021" may mean any day up to 31 Dec 2021: it is shown as it is, in its precision.
    latest = max(dates, key=lambda p: (p.last_day(), p.sort_key))
    return PartialDate(latest.year, latest.month, latest.day)
