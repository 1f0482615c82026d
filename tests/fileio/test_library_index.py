"""The library search index: coverage, query features, re-indexing, and what it does when
it cannot be used (damaged file, unwritable folder, no FTS5)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from dossier_app.domain.query import QueryError
from dossier_app.fileio import library_index
from dossier_app.fileio.library_index import LibraryIndex, index_dir, search_library

from ..conftest import ALIBABA

ACME = """\
format: dossier/1
company:
  name: Acme Drones Zürich AG
  short_name: Acme
  aliases: [阿克米无人机]
  summary: Maker of survey drones.
marking: TLP:AMBER
reviewed: 2026-01-10
tags: [drones, europe]
sources:
  - id: nzz-2021
    title: Acme expands in Zürich
    publisher: Neue Zürcher Zeitung
    author: Anna Muster
    published: 2021-03
    notes: Reports the <b>new</b> plant.
timeline:
  - id: plant-opened
    date: 2021-03-15
    title: Acme opens a <b>drone</b> plant in Zürich
    summary: |
      The plant builds survey drones for export controls research.
    tags: [expansion]
    sources: [nzz-2021]
  - id: export-licence
    date: 2022
    approximate: true
    title: Export licence for thermal cameras refused
    summary: A national security review refused the licence.
    tags: [export-controls, regulation]
    sources: [nzz-2021]
figures:
  - id: staff
    label: Employees at the plant
    value: 120
    unit: employees
    period: FY2021
    as_of: 2021-12
    note: Counted by the company
    sources: [nzz-2021]
"""


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copyfile(ALIBABA, folder / "alibaba.yaml")
    (folder / "acme.yaml").write_text(ACME, encoding="utf-8")
    return folder


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "search"


def ids(library: Path, query: str, cache: Path, **kw: object) -> list[str]:
    result = search_library([library], query, folder=cache, **kw)  # type: ignore[arg-type]
    return [f"{Path(h.path).stem}/{h.kind}/{h.id}" for h in result.hits]


def test_index_lives_in_the_user_cache_folder_not_beside_the_dossiers(
    library: Path, tmp_path: Path
) -> None:
    before = sorted(os.listdir(library))
    search_library([library], "cloud")
    assert sorted(os.listdir(library)) == before
    assert str(index_dir()).startswith(os.environ["XDG_CACHE_HOME"])
    assert list(index_dir().glob("library-*.sqlite"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("acme", "acme/profile/"),  # short name
        ("aktiengesellschaft OR drones", None),  # words all must match: OR is a word
        ("survey", "acme/profile/"),  # company summary
        ("europe", "acme/profile/"),  # dossier tags
        ("muster", "acme/source/nzz-2021"),  # source author
        ("zurcher", "acme/source/nzz-2021"),  # source publisher, without diacritics
        ("plant kind:source", "acme/source/nzz-2021"),  # source notes
        ("thermal", "acme/development/export-licence"),
        ("regulation kind:development company:acme", "acme/development/export-licence"),
        ("employees", "acme/figure/staff"),  # figure label and unit
        ("fy2021", "acme/figure/staff"),  # figure period
        ("counted", "acme/figure/staff"),  # figure note
    ],
)
def test_coverage(library: Path, cache: Path, query: str, expected: str | None) -> None:
    found = ids(library, query, cache)
    if expected is None:
        assert found == []
    else:
        assert expected in found


def test_words_must_all_match(library: Path, cache: Path) -> None:
    assert ids(library, "drone plant zurich", cache) == ["acme/development/plant-opened"]
    assert ids(library, "drone plant alibaba", cache) == []


def test_phrase(library: Path, cache: Path) -> None:
    assert ids(library, '"national security review" company:acme', cache) == [
        "acme/development/export-licence"
    ]
    assert "alibaba/development/review-reported" in ids(library, '"national security"', cache)
    assert ids(library, '"review security national"', cache) == []


def test_prefix(library: Path, cache: Path) -> None:
    assert "acme/development/export-licence" in ids(library, "licen*", cache)
    assert ids(library, "licen", cache) == []


def test_exclusion(library: Path, cache: Path) -> None:
    with_both = ids(library, "plant", cache)
    without = ids(library, "plant -survey", cache)
    assert "acme/development/plant-opened" in with_both
    assert "acme/development/plant-opened" not in without
    assert "acme/source/nzz-2021" in without


def test_tag_filter(library: Path, cache: Path) -> None:
    assert ids(library, "tag:export-controls", cache) == ["acme/development/export-licence"]
    # the dossier's tags count for its items
    assert "acme/development/plant-opened" in ids(library, "tag:DRONES", cache)
    assert "alibaba/development/biden-formal-review" in ids(library, "tag:regulation", cache)


def test_company_filter(library: Path, cache: Path) -> None:
    found = ids(library, "review company:alibaba", cache)
    assert found and all(f.startswith("alibaba/") for f in found)
    assert ids(library, "review company:acme", cache) == ["acme/development/export-licence"]
    assert ids(library, "company:阿克米 kind:figure", cache) == ["acme/figure/staff"]


def test_kind_filter(library: Path, cache: Path) -> None:
    assert ids(library, "zurich kind:profile", cache) == ["acme/profile/"]
    assert {f.split("/")[1] for f in ids(library, "kind:figure", cache, limit=None)} == {"figure"}


def test_date_filters(library: Path, cache: Path) -> None:
    in_2021 = ids(library, "company:acme from:2021 to:2021", cache, limit=None)
    assert set(in_2021) == {
        "acme/source/nzz-2021", "acme/development/plant-opened", "acme/figure/staff"
    }
    assert ids(library, "company:acme from:2022-06", cache) == ["acme/development/export-licence"]
    assert ids(library, "acme to:2021-02", cache) == []


def test_marking_filter(library: Path, cache: Path) -> None:
    assert ids(library, "review marking:amber", cache) == ["acme/development/export-licence"]
    clear = ids(library, "review marking:clear", cache)
    assert clear and all(f.startswith("alibaba/") for f in clear)


def test_diacritics_and_case(library: Path, cache: Path) -> None:
    assert "acme/development/plant-opened" in ids(library, "ZURICH", cache)
    assert "acme/development/plant-opened" in ids(library, "Zürich", cache)


def test_cjk_two_characters_match_inside_a_longer_word(library: Path, cache: Path) -> None:
    assert ids(library, "阿里", cache) == ["alibaba/profile/"]
    assert ids(library, "巴巴", cache) == ["alibaba/profile/"]
    assert ids(library, "无人", cache) == ["acme/profile/"]
    assert ids(library, '"阿里巴巴"', cache) == ["alibaba/profile/"]
    assert ids(library, "阿里 -巴巴", cache) == []


def test_hit_fields_line_date_snippet_and_ranges(library: Path, cache: Path) -> None:
    result = search_library([library], "survey drones", folder=cache)
    hit = next(h for h in result.hits if h.id == "plant-opened")
    lines = (library / "acme.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[hit.line - 1].strip() == "- id: plant-opened"
    assert hit.kind == "development"
    assert hit.date is not None and hit.date.display() == "15 Mar 2021"
    assert hit.title == "Acme opens a <b>drone</b> plant in Zürich"  # markup kept literal
    assert hit.snippet.startswith("The plant builds survey drones")
    assert [hit.snippet[s:e] for s, e in hit.snippet_ranges] == ["survey", "drones"]
    assert hit.company == "Acme"
    approx = search_library([library], "thermal", folder=cache).hits[0]
    assert approx.date is not None and approx.date.display() == "c. 2022"
    assert approx.as_json()["date"] == "2022"


def test_markup_in_results_stays_literal(library: Path, cache: Path) -> None:
    hit = search_library([library], "new kind:source", folder=cache).hits[0]
    assert "<b>new</b>" in hit.snippet
    (start, end), = hit.snippet_ranges
    assert hit.snippet[start:end] == "new"


def test_ranked_best_first(library: Path, cache: Path) -> None:
    result = search_library([library], "zurich", folder=cache)
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores)  # bm25: lower is better
    # a match in the title weighs more than one in the text
    assert result.hits[0].title_ranges


def test_limit_and_more(library: Path, cache: Path) -> None:
    result = search_library([library], "review", limit=2, folder=cache)
    assert len(result.hits) == 2 and result.more
    assert not search_library([library], "review", limit=None, folder=cache).more


def test_bad_query_raises_query_error(library: Path, cache: Path) -> None:
    with pytest.raises(QueryError):
        search_library([library], '"unclosed', folder=cache)


def test_changed_file_is_reindexed_and_only_it(library: Path, cache: Path) -> None:
    with LibraryIndex([library], cache) as index:
        assert index.refresh() == 2
        assert index.refresh() == 0  # nothing changed: nothing read
        acme = library / "acme.yaml"
        acme.write_text(ACME.replace("thermal cameras", "infrared sensors"), encoding="utf-8")
        assert index.refresh() == 1
        assert index.search("thermal").hits == []
        assert [h.id for h in index.search("infrared").hits] == ["export-licence"]
        # touched but the same bytes: not read again
        os.utime(acme, ns=(1, 1))
        assert index.refresh() == 0
    # a new process sees the stored index
    with LibraryIndex([library], cache) as again:
        assert again.refresh() == 0
        assert again.search("infrared").hits


def test_deleted_file_leaves_the_index(library: Path, cache: Path) -> None:
    with LibraryIndex([library], cache) as index:
        index.refresh()
        assert index.search("zurich").hits
        (library / "acme.yaml").unlink()
        index.refresh()
        assert index.search("zurich").hits == []
        assert [Path(p).name for p in index.indexed_paths()] == ["alibaba.yaml"]


def test_a_file_that_is_not_yaml_is_skipped(library: Path, cache: Path) -> None:
    (library / "broken.yaml").write_text("company: [unclosed\n", encoding="utf-8")
    (library / "binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    assert ids(library, "thermal", cache) == ["acme/development/export-licence"]


def test_damaged_index_file_is_rebuilt(library: Path, cache: Path) -> None:
    with LibraryIndex([library], cache) as index:
        index.refresh()
        path = index.file
    path.write_bytes(b"this is not an sqlite database" * 100)
    result = search_library([library], "thermal", folder=cache)
    assert [h.id for h in result.hits] == ["export-licence"]
    assert result.notice is not None and "damaged" in result.notice
    # and the next search finds a sound index again
    assert search_library([library], "thermal", folder=cache).notice is None


def test_unwritable_cache_folder_searches_in_memory(library: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = search_library([library], "thermal", folder=blocker / "search")
    assert [h.id for h in result.hits] == ["export-licence"]
    assert result.notice is not None and "cannot be kept" in result.notice
    assert "sqlite" not in result.notice.lower()


def test_without_fts5_search_scans_the_files(
    library: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_index, "fts5_available", lambda: False)
    result = search_library([library], "zurich kind:development", folder=cache)
    assert result.notice is not None and "FTS5" in result.notice
    assert [h.id for h in result.hits] == ["plant-opened"]
    assert ids(library, "zurich -survey kind:development", cache) == []  # its summary has it
    assert ids(library, "drone plant zurich", cache) == ["acme/development/plant-opened"]
    assert ids(library, '"national security review" company:acme', cache) == [
        "acme/development/export-licence"
    ]
    assert ids(library, "阿里", cache) == ["alibaba/profile/"]
    assert ids(library, "tag:export-controls", cache) == ["acme/development/export-licence"]
    assert ids(library, "company:acme from:2022-06", cache) == [
        "acme/development/export-licence"
    ]
    assert not cache.exists()


def test_locked_or_readonly_database_falls_back_to_memory(
    library: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with LibraryIndex([library], cache) as index:
        index.refresh()

        def fail(*_args: object) -> int:
            raise sqlite3.OperationalError("attempt to write a readonly database")

        monkeypatch.setattr(LibraryIndex, "_refresh_db", fail)
        with pytest.raises(sqlite3.OperationalError):
            index.refresh()  # the fallback in memory fails the same way here
        assert index.notice is not None and "in memory" in index.notice


@pytest.mark.parametrize("query", ["AND", "OR NOT", "NEAR(", "{title}", "title:x", "^x", "a+b"])
def test_fts5_syntax_in_a_query_is_only_text(library: Path, cache: Path, query: str) -> None:
    result = search_library([library], query, folder=cache)  # no SQLite error escapes
    assert result.notice is None
    # AND is a word that must match too, not an operator
    assert ids(library, "thermal", cache) == ["acme/development/export-licence"]
    assert ids(library, "thermal AND", cache) == []
