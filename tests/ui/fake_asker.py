"""A scripted stand-in for the app's Asker: answers from lists, records every question."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dossier_app.domain.model import Development, Figure, Source
from dossier_app.ui.editing.asker import ConflictChoice, RecoveryOffer, RemoveChoice, SaveChoice


class FakeAsker:
    """Each ``ask_*`` pops its next scripted answer, else its default; else the test fails."""

    def __init__(self, defaults: dict[str, Any] | None = None, **answers: Sequence[Any]) -> None:
        self.answers: dict[str, list[Any]] = {k: list(v) for k, v in answers.items()}
        self.defaults = defaults or {}
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.errors: list[tuple[str, str]] = []

    def _next(self, name: str, *args: Any) -> Any:
        self.calls.append((name, args))
        queue = self.answers.get(name)
        if not queue:
            if name in self.defaults:
                return self.defaults[name]
            raise AssertionError(f"unexpected question {name}{args!r}")
        return queue.pop(0)

    def asked(self, name: str) -> list[tuple[Any, ...]]:
        return [args for n, args in self.calls if n == name]

    def ask_save_discard_cancel(self, doc_name: str) -> SaveChoice:
        answer: SaveChoice = self._next("ask_save_discard_cancel", doc_name)
        return answer

    def ask_conflict(self, doc_name: str) -> ConflictChoice:
        answer: ConflictChoice = self._next("ask_conflict", doc_name)
        return answer

    def ask_revert(self, doc_name: str) -> bool:
        return bool(self._next("ask_revert", doc_name))

    def ask_save_path(self, suggested: Path) -> Path | None:
        answer: Path | None = self._next("ask_save_path", suggested)
        return answer

    def ask_new_dossier(self, folder: Path) -> tuple[str, Path] | None:
        answer: tuple[str, Path] | None = self._next("ask_new_dossier", folder)
        return answer

    def ask_restore_recovery(self, offers: Sequence[RecoveryOffer]) -> bool:
        return bool(self._next("ask_restore_recovery", list(offers)))

    def ask_remove_references(
        self, source: Source, developments: Sequence[Development], figures: Sequence[Figure]
    ) -> RemoveChoice:
        answer: RemoveChoice = self._next(
            "ask_remove_references", source, list(developments), list(figures)
        )
        return answer

    def show_error(self, title: str, text: str) -> None:
        self.calls.append(("show_error", (title, text)))
        self.errors.append((title, text))
