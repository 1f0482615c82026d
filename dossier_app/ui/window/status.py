"""Status-bar messages that stay readable.

A message stays a few seconds (longer ones longer); a routine message (the
library looked at again) never replaces one the user should read ("Saved …"),
and a message is shown again when a menu's or button's status tip, passing
over the bar, clears it before its time.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QStatusBar

#: The shortest time a message stays, and the time added per character read.
MIN_MS = 5000
MS_PER_CHAR = 60
MAX_MS = 15000


def reading_ms(text: str) -> int:
    """How long a message stays: long enough to read it."""
    return max(MIN_MS, min(MAX_MS, len(text) * MS_PER_CHAR))


class StatusMessages(QObject):
    """Shows the window's messages in its status bar."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.bar = bar
        self._text = ""
        self._until = 0.0  # time.monotonic() when the current message may go
        self._routine = True
        self._restoring = False
        bar.messageChanged.connect(self._changed)

    def show(self, text: str, *, routine: bool = False, ms: int | None = None) -> bool:
        """Show ``text``; a routine one only when no other message is being read. True if shown."""
        now = time.monotonic()
        if routine and not self._routine and now < self._until:
            return False
        duration = ms if ms is not None else reading_ms(text)
        self._text, self._routine = text, routine
        self._until = now + duration / 1000
        self.bar.showMessage(text, duration)
        return True

    def current(self) -> str:
        """The message being shown ("" when none)."""
        return self._text if time.monotonic() < self._until else ""

    def _changed(self, text: str) -> None:
        if text or self._restoring or not self._text:
            return
        left = self._until - time.monotonic()
        if left > 0.1:
            # Cleared before its time (a status tip came and went): show it again.
            QTimer.singleShot(0, self, self._restore)
        else:
            self._text = ""

    def _restore(self) -> None:
        left_ms = int((self._until - time.monotonic()) * 1000)
        if self._text and left_ms > 100 and not self.bar.currentMessage():
            self._restoring = True
            try:
                self.bar.showMessage(self._text, left_ms)
            finally:
                self._restoring = False
