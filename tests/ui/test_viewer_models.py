"""The viewer's table models: Qt's model tester, chronological order, sorting, filtering."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Development, Dossier
from dossier_app.fileio.loader import read_dossier
from dossier_app.fileio.problems import LoadResult
from dossier_app.ui.document import DossierDocument
from dossier_app.ui.library.model import LibraryModel
from dossier_app.ui.models import (
    FiguresModel,
    IdRole,
    ItemRole,
    SourcesModel,
    TimelineFilter,
    TimelineModel,
)

from .viewer_sample import MARKUP, markup_dossier, sample_dossier, write


def column(model: TimelineModel | SourcesModel | FiguresModel | LibraryModel, col: int) -> list:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def ids(model: TimelineModel | SourcesModel | FiguresModel) -> list[str]:
    return [model.index(r, 0).data(IdRole) for r in range(model.rowCount())]


def test_source_filter_choices_pass_qt_model_tester(qtmodeltester: ModelTester) -> None:
    from dossier_app.ui.dossier.timeline_tab import SourceChoices

    choices = SourceChoices()
    qtmodeltester.check(choices)
    sources = sample_dossier().sources
    choices.set_sources(sources)
    qtmodeltester.check(choices)
    first = choices.index(1, 0)
    assert choices.index(0, 0).data() == "All sources"
    assert first.data(Qt.ItemDataRole.UserRole) == sources[0].id
    assert sources[0].title in first.data()


def test_timeline_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = TimelineModel()
    model.set_dossier(sample_dossier())
    qtmodeltester.check(model)
    model.set_filter(TimelineFilter(text="year"))
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_sources_and_figures_models_pass_qt_model_tester(qtmodeltester: ModelTester) -> None:
    dossier = sample_dossier()
    sources = SourcesModel()
    sources.set_dossier(dossier)
    qtmodeltester.check(sources)
    sources.set_text_filter("blog")
    qtmodeltester.check(sources)
    figures = FiguresModel()
    figures.set_dossier(dossier)
    qtmodeltester.check(figures)
    figures.sort(3, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(figures)


def test_library_model_passes_qt_model_tester(
    qtmodeltester: ModelTester, qtbot: QtBot, tmp_path: Path
) -> None:
    write(tmp_path, "acme.yaml", sample_dossier())
    (tmp_path / "broken.yaml").write_text("format: dossier/1\ncompany: [\n", encoding="utf-8")
    model = LibraryModel()
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_folder(tmp_path)
    qtmodeltester.check(model)


def test_model_tester_follows_filtering_live(qtmodeltester: ModelTester) -> None:
    """The tester watches signals while the filter narrows and widens."""
    model = TimelineModel()
    model.set_dossier(sample_dossier())
    qtmodeltester.check(model, force_py=True)
    for text in ("y", "year", "yearx", "", "jobs"):
        model.set_text_filter(text)
    model.set_filter(TimelineFilter(tag="jobs", date_from=PartialDate(2021)))


def test_timeline_is_chronological_with_partial_dates_first_and_file_order_for_ties() -> None:
    model = TimelineModel()
    model.set_dossier(sample_dossier())
    # 2021 before 2021-01 before 2021-01-05; the two "2021" items keep their file order.
    assert ids(model) == ["old", "span", "year", "year-b", "month", "day"]
    assert column(model, 0) == [
        "c. 2015",
        "c. Aug 2019 – Feb 2020",
        "2021",
        "2021",
        "Jan 2021",
        "5 Jan 2021",
    ]


def test_sorting_by_a_column_and_back_to_chronological() -> None:
    model = TimelineModel()
    model.set_dossier(sample_dossier())
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert column(model, 1)[:2] == ["A long restructuring", "Founded"]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    # Descending keeps file order between equal dates too.
    assert ids(model) == ["day", "month", "year", "year-b", "span", "old"]
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert ids(model)[0] == "old"


def test_timeline_filters() -> None:
    model = TimelineModel()
    model.set_dossier(sample_dossier())
    model.set_filter(TimelineFilter(text="EUROPE"))  # summary and tags, any case
    assert ids(model) == ["span"]
    model.set_filter(TimelineFilter(text="only year"))  # every word, any order
    assert ids(model) == ["year", "year-b"]
    model.set_filter(TimelineFilter(tag="jobs"))
    assert ids(model) == ["span", "month", "day"]
    model.set_filter(TimelineFilter(source="blog"))
    assert ids(model) == ["old", "span", "year"]
    # A span counts when it overlaps the range; a year counts when it overlaps it.
    model.set_filter(TimelineFilter(date_from=PartialDate(2020, 1), date_to=PartialDate(2020)))
    assert ids(model) == ["span"]
    model.set_filter(TimelineFilter(date_from=PartialDate(2021, 1, 10)))
    assert ids(model) == ["year", "year-b", "month"]
    model.set_filter(TimelineFilter())
    assert model.visible_count() == model.total_count() == 6


def test_roles_give_the_domain_object_and_plain_cells() -> None:
    dossier = markup_dossier()
    model = TimelineModel()
    model.set_dossier(dossier)
    row = model.row_of("day")
    assert row is not None
    assert isinstance(model.index(row, 0).data(ItemRole), Development)
    assert model.index(row, 1).data() == f"Title {MARKUP}"
    tip = model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;bold&lt;/b&gt;" in tip  # the tooltip shows the markup as text


def test_figures_value_text_and_sources() -> None:
    model = FiguresModel()
    model.set_dossier(sample_dossier())
    assert column(model, 1) == ["about USD 50 million", "USD 65 million", "1,200 employees"]
    assert column(model, 4)[0] == "Financial Times"


def test_sources_cited_by_counts() -> None:
    model = SourcesModel()
    model.set_dossier(sample_dossier())
    assert column(model, 0) == ["Acme cuts jobs", "A blog post", "Nobody cites this"]
    # ft: 4 developments + 3 figures; blog: 3 developments.
    assert column(model, 5) == ["7", "3", "0"]


def test_models_follow_document_edits_and_reloads(qtbot: QtBot) -> None:
    document = DossierDocument(sample_dossier())
    timeline = TimelineModel()
    timeline.follow(document, ["timeline"])
    sources = SourcesModel()
    sources.follow(document, ["sources", "timeline", "figures"])
    new = Development(id="new", date=PartialDate(2022), title="New one", sources=["uncited"])
    with qtbot.waitSignal(timeline.modelReset):
        document.insert_item("timeline", 0, new)
    assert ids(timeline)[-1] == "new"
    assert column(sources, 5)[2] == "1"  # the citation count followed the timeline edit
    replacement: Dossier = sample_dossier()
    replacement.timeline = replacement.timeline[:2]
    with qtbot.waitSignal(timeline.modelReset):
        document.replace_dossier(replacement, None)
    assert timeline.total_count() == 2


def test_library_lists_good_and_broken_files(qtbot: QtBot, tmp_path: Path) -> None:
    write(tmp_path, "acme.yaml", sample_dossier())
    (tmp_path / "broken.yaml").write_text("format: dossier/1\ncompany: [\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a dossier", encoding="utf-8")
    model = LibraryModel()
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_folder(tmp_path)
    assert model.rowCount() == 2
    assert column(model, 0) == ["Acme", "broken.yaml"]
    assert column(model, 1)[0] == "TLP:AMBER"
    assert column(model, 2)[0] == "6"
    assert column(model, 3)[0] == "1 Mar 2024"
    error = column(model, 1)[1]
    assert error.startswith("Line ")
    tip = model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "broken.yaml cannot be opened" in tip


def test_library_survives_a_reader_that_raises(qtbot: QtBot, tmp_path: Path) -> None:
    write(tmp_path, "acme.yaml", sample_dossier())

    def exploding(path: Path) -> LoadResult:
        raise RuntimeError("boom")

    model = LibraryModel(reader=exploding)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_folder(tmp_path)
    assert model.item(0).has_error
    assert "boom" in model.index(0, 1).data()


def test_library_reads_only_changed_files_again(qtbot: QtBot, tmp_path: Path) -> None:
    path = write(tmp_path, "acme.yaml", sample_dossier())
    reads: list[Path] = []

    def counting(p: Path) -> LoadResult:
        reads.append(p)
        return read_dossier(p)

    model = LibraryModel(reader=counting)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_folder(tmp_path)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.rescan()
    assert len(reads) == 1
    write(tmp_path, "other.yaml", sample_dossier("Other Co"))
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.rescan()
    assert [p.name for p in reads] == ["acme.yaml", "other.yaml"]
    assert path.exists()
