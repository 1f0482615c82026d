"""The parse cache gives back what the loader gave, and only for the same bytes."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from dossier_app.fileio import cache
from dossier_app.fileio.cache import clear_cache, read_dossier_cached
from dossier_app.fileio.loader import read_dossier

from ..conftest import ALIBABA


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "parse"


@pytest.fixture
def dossier_file(tmp_path: Path) -> Path:
    target = tmp_path / "alibaba.yaml"
    shutil.copyfile(ALIBABA, target)
    return target


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.exists() else []


def test_miss_then_hit_gives_the_loaders_result(dossier_file: Path, folder: Path) -> None:
    expected = read_dossier(dossier_file)
    first = read_dossier_cached(dossier_file, folder)
    assert len(_entries(folder)) == 1
    second = read_dossier_cached(dossier_file, folder)
    for got in (first, second):
        assert got.dossier == expected.dossier
        assert got.problems == expected.problems
        assert got.content_hash == expected.content_hash
        assert got.path == expected.path
    assert second.dossier is not None
    assert second.dossier.timeline[0].id == "silicon-valley-cloud-hub"


def test_hit_is_used_rather_than_parsing(
    dossier_file: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_dossier_cached(dossier_file, folder)

    def no_parsing(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("parsed although the cache holds the file")

    monkeypatch.setattr("dossier_app.fileio.loader.parse_dossier_bytes", no_parsing)
    assert read_dossier_cached(dossier_file, folder).ok


def test_changed_file_misses_and_shows_the_change(dossier_file: Path, folder: Path) -> None:
    read_dossier_cached(dossier_file, folder)
    text = dossier_file.read_text(encoding="utf-8")
    dossier_file.write_text(text.replace("Hangzhou, China", "Hangzhou, Zhejiang"), "utf-8")
    result = read_dossier_cached(dossier_file, folder)
    assert result.dossier is not None
    assert result.dossier.company.headquarters == "Hangzhou, Zhejiang"
    assert result.content_hash == read_dossier(dossier_file).content_hash
    assert len(_entries(folder)) == 2


def test_entry_of_other_bytes_under_the_same_name_is_not_trusted(
    dossier_file: Path, tmp_path: Path, folder: Path
) -> None:
    # Entries are named by a quick checksum; the content hash inside decides.
    read_dossier_cached(dossier_file, folder)
    (entry,) = _entries(folder)
    other = tmp_path / "other.yaml"
    text = dossier_file.read_text(encoding="utf-8")
    other.write_text(text.replace("Hangzhou, China", "Hangzhou, Zhejiang"), "utf-8")
    key = cache._quick_key(other.read_bytes())
    collided = folder / f"{cache._code_fingerprint()}-{key}.pickle"
    collided.write_bytes(entry.read_bytes())  # as if both files had the same checksum
    result = read_dossier_cached(other, folder)
    assert result.dossier is not None
    assert result.dossier.company.headquarters == "Hangzhou, Zhejiang"
    assert result.content_hash == read_dossier(other).content_hash
    assert read_dossier_cached(other, folder).dossier == result.dossier


def test_problems_of_a_broken_file_are_cached_with_its_name(tmp_path: Path, folder: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: dossier/1\ncompany: {name: X}\nmarking: TLP:PURPLE\n", "utf-8")
    expected = read_dossier(bad)
    assert expected.errors
    read_dossier_cached(bad, folder)
    assert read_dossier_cached(bad, folder).problems == expected.problems
    # The same bytes under another name report that name.
    other = tmp_path / "other.yaml"
    shutil.copyfile(bad, other)
    problems = read_dossier_cached(other, folder).problems
    assert [p.path for p in problems] == [str(other)] * len(problems)
    assert [p.message for p in problems] == [p.message for p in expected.problems]


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:-40] + bytes(40),  # zeroed tail
        lambda b: b[:-100] + bytes([b[-100] ^ 0xFF]) + b[-99:],  # one flipped byte
        lambda b: b"not a cache entry at all",
        lambda b: b"",
    ],
)
def test_corrupt_entry_is_ignored_and_removed(
    dossier_file: Path, folder: Path, damage: object
) -> None:
    read_dossier_cached(dossier_file, folder)
    (entry,) = _entries(folder)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    result = read_dossier_cached(dossier_file, folder)
    assert result.dossier == read_dossier(dossier_file).dossier
    # The damaged entry went; the fresh parse wrote a good one in its place.
    assert len(_entries(folder)) == 1
    assert read_dossier_cached(dossier_file, folder).dossier == result.dossier


def test_planted_pickle_cannot_run_code(dossier_file: Path, folder: Path) -> None:
    import pickle
    import zlib

    read_dossier_cached(dossier_file, folder)
    (entry,) = _entries(folder)
    payload = pickle.dumps(print)  # any global outside the app's own types
    head = cache._MAGIC + cache._HEADER.pack(len(payload), zlib.crc32(payload))
    entry.write_bytes(head + payload)
    assert read_dossier_cached(dossier_file, folder).ok


def test_cache_folder_can_be_deleted_any_time(dossier_file: Path, folder: Path) -> None:
    read_dossier_cached(dossier_file, folder)
    shutil.rmtree(folder.parent)
    assert read_dossier_cached(dossier_file, folder).ok
    assert len(_entries(folder)) == 1
    clear_cache(folder)
    assert _entries(folder) == []
    assert read_dossier_cached(dossier_file, folder).ok


def test_unwritable_cache_still_loads(dossier_file: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    assert read_dossier_cached(dossier_file, blocker / "parse").ok


def test_missing_file_reports_like_the_loader(tmp_path: Path, folder: Path) -> None:
    missing = tmp_path / "gone.yaml"
    result = read_dossier_cached(missing, folder)
    assert result.dossier is None
    assert result.problems == read_dossier(missing).problems


def test_default_folder_is_in_the_user_cache(dossier_file: Path) -> None:
    import os

    # conftest points XDG_CACHE_HOME at a throwaway folder.
    assert str(cache.cache_dir()).startswith(os.environ["XDG_CACHE_HOME"])
    assert cache.cache_dir().parts[-2:] == ("dossier-app", "parse")
    assert read_dossier_cached(dossier_file).ok
    assert _entries(cache.cache_dir())


def test_oldest_entries_are_evicted_beyond_the_bound(tmp_path: Path, folder: Path) -> None:
    import os

    paths = []
    for i in range(3):
        p = tmp_path / f"d{i}.yaml"
        p.write_text(ALIBABA.read_text("utf-8") + f"# copy {i}\n", "utf-8")
        paths.append(p)
    for i, p in enumerate(paths[:2]):
        read_dossier_cached(p, folder)
        for e in _entries(folder):
            if e.stat().st_mtime_ns == max(x.stat().st_mtime_ns for x in _entries(folder)):
                os.utime(e, (1000 + i, 1000 + i))  # deterministic ages
    size = _entries(folder)[0].stat().st_size
    oldest = min(_entries(folder), key=lambda e: e.stat().st_mtime)
    cache._evict(folder, keep=folder / "none", limit=size + size // 2)
    assert oldest not in _entries(folder)
    assert len(_entries(folder)) == 1


def test_key_holds_the_reader_version(
    dossier_file: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new reader must never be served what an older one made of the same bytes."""
    from dossier_app.fileio import loader

    read_dossier_cached(dossier_file, folder)
    parsed: list[str] = []
    real_parse = loader.parse_dossier_bytes

    def counting_parse(data: bytes, path: str) -> object:
        parsed.append(path)
        return real_parse(data, path)

    monkeypatch.setattr(loader, "parse_dossier_bytes", counting_parse)
    assert read_dossier_cached(dossier_file, folder).ok
    assert parsed == []  # same reader: a hit
    monkeypatch.setattr(loader, "READER_VERSION", loader.READER_VERSION + 1)
    assert read_dossier_cached(dossier_file, folder).ok
    assert parsed == [str(dossier_file)]  # another reader: parsed again
    assert len(_entries(folder)) == 2
    assert all(f"-r{loader.READER_VERSION}-" in e.name or f"-r{loader.READER_VERSION - 1}-"
               in e.name for e in _entries(folder))


def test_key_is_the_content_hash(dossier_file: Path, folder: Path) -> None:
    from dossier_app.fileio.hashing import content_hash

    read_dossier_cached(dossier_file, folder)
    (entry,) = _entries(folder)
    assert entry.name.endswith(f"-{content_hash(dossier_file.read_bytes())}.pickle")


def test_a_hit_carries_the_bytes_it_was_checked_against(dossier_file: Path,
                                                        folder: Path) -> None:
    read_dossier_cached(dossier_file, folder)
    (entry,) = _entries(folder)
    assert dossier_file.read_bytes() not in entry.read_bytes()  # not stored twice
    assert read_dossier_cached(dossier_file, folder).data == dossier_file.read_bytes()


class _Feb30:
    """Pickles as the cache's own call for a partial date, with an impossible day."""

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return cache._date, (2021, 2, 30, False)


def test_dates_from_an_entry_pass_partial_date_checks(dossier_file: Path, folder: Path) -> None:
    """An entry holding 30 February (CRC and all) is a miss, never a date the checks refuse."""
    import dataclasses
    import pickle
    import zlib

    expected = read_dossier(dossier_file)
    read_dossier_cached(dossier_file, folder)
    (entry,) = _entries(folder)
    assert expected.dossier is not None
    bad: Any = _Feb30()
    forged = dataclasses.replace(
        expected, data=None, dossier=dataclasses.replace(expected.dossier, reviewed=bad)
    )
    payload = pickle.dumps(forged, protocol=pickle.HIGHEST_PROTOCOL)
    entry.write_bytes(cache._MAGIC + cache._HEADER.pack(len(payload), zlib.crc32(payload))
                      + payload)
    got = read_dossier_cached(dossier_file, folder)
    assert got.dossier == expected.dossier
