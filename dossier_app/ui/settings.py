"""What the app remembers between runs, through QSettings (organisation "Dossier").

One place for the keys and their types. On Linux QSettings writes an INI file
that hands a one-item list back as a ``str`` and an empty one as ``None`` in a
new process, so lists are always read with ``type=list``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSplitter

ORGANIZATION = "Dossier"
APPLICATION = "dossier-app"
MAX_RECENT = 10
#: The range the "stale" threshold may take, in years.
STALE_YEARS_RANGE = (1, 20)


class SettingsSignals(QObject):
    """Settings that views follow live (one instance: ``settings_signals()``)."""

    #: The "stale" threshold of key figures changed (years).
    staleYearsChanged = Signal(int)


_SIGNALS: list[SettingsSignals] = []


def settings_signals() -> SettingsSignals:
    """The app's one ``SettingsSignals`` (made on first use, after the QApplication)."""
    if not _SIGNALS:
        _SIGNALS.append(SettingsSignals())
    return _SIGNALS[0]


class Settings:
    """Typed access to the app's settings."""

    def __init__(self) -> None:
        self._s = QSettings(ORGANIZATION, APPLICATION)

    # -- generic ----------------------------------------------------------
    def _str_list(self, key: str) -> list[str]:
        value = self._s.value(key, [], type=list)
        return [str(v) for v in value] if isinstance(value, list) else []

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def sync(self) -> None:
        self._s.sync()

    # -- library ------------------------------------------------------------
    def library_folder(self) -> Path | None:
        value = self._s.value("library/folder", "", type=str)
        return Path(str(value)) if value else None

    def set_library_folder(self, folder: Path) -> None:
        self._s.setValue("library/folder", str(folder))

    # -- recent files ---------------------------------------------------------
    def recent_files(self) -> list[Path]:
        return [Path(p) for p in self._str_list("recentFiles")]

    def add_recent_file(self, path: Path) -> list[Path]:
        text = str(path)
        recent = [p for p in self._str_list("recentFiles") if p != text]
        recent.insert(0, text)
        del recent[MAX_RECENT:]
        self._s.setValue("recentFiles", recent)
        return [Path(p) for p in recent]

    def clear_recent_files(self) -> None:
        self._s.setValue("recentFiles", [])

    # -- window ---------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def set_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)

    # -- dossier tabs -----------------------------------------------------------
    def last_dossier_tab(self) -> str:
        """The tab of a dossier the user looked at last ("Timeline"…); "" at first."""
        return str(self._s.value("dossier/lastTab", "", type=str) or "")

    def set_last_dossier_tab(self, name: str) -> None:
        self._s.setValue("dossier/lastTab", name)

    # -- evidence -------------------------------------------------------------
    def stale_years(self) -> int:
        """How old a key figure may get before it is flagged stale (default 2 years)."""
        # Not at the top: the window's first paint imports no domain module.
        from ..domain.corroboration import DEFAULT_STALE_YEARS

        value = self._s.value("evidence/staleYears", DEFAULT_STALE_YEARS)
        try:
            years = int(str(value))
        except ValueError:
            return DEFAULT_STALE_YEARS
        low, high = STALE_YEARS_RANGE
        return years if low <= years <= high else DEFAULT_STALE_YEARS

    def set_stale_years(self, years: int) -> None:
        """Remember the threshold and tell the open views (``staleYearsChanged``)."""
        changed = int(years) != self.stale_years()
        self._s.setValue("evidence/staleYears", int(years))
        if changed:
            settings_signals().staleYearsChanged.emit(int(years))

    # -- splitters ------------------------------------------------------------
    def restore_splitter(self, splitter: QSplitter, name: str) -> None:
        state = self._bytes(f"splitters/{name}")
        if state is not None:
            splitter.restoreState(state)

    def save_splitter(self, splitter: QSplitter, name: str) -> None:
        self._s.setValue(f"splitters/{name}", splitter.saveState())


def remember_splitter(splitter: QSplitter, name: str) -> None:
    """Restore a splitter's sizes now, and save them whenever the user moves it."""
    settings = Settings()
    settings.restore_splitter(splitter, name)
    splitter.splitterMoved.connect(lambda _pos, _index: Settings().save_splitter(splitter, name))
