"""Faithful-save bases (``fileio.faithful.FaithfulBase``), prepared when the GUI is idle.

A faithful save over the bare bytes first parses them with positions, which
costs about one load of the file; over a prepared base it costs only what
changed. Once a document has bytes (after opening, a reload or a save) its base
is wanted, and the editing controller builds it at the next idle moment, so
that Save does not pay for it. It is built on the GUI thread on purpose: a
worker thread's garbage collection would destroy the Qt objects of closed
documents from the wrong thread (Qt aborts). Qt-free itself.
"""

from __future__ import annotations

import weakref
from typing import Protocol

from ...fileio.faithful import FaithfulBase


class HasOriginal(Protocol):
    """A document: the bytes it was loaded from or last saved as (None when new)."""

    original: bytes | None


class FaithfulBases:
    """One prepared base per document, for the bytes the document holds now."""

    def __init__(self) -> None:
        # The document -> (the bytes the base is for, the base; None when they do not load).
        self._bases: weakref.WeakKeyDictionary[
            HasOriginal, tuple[bytes, FaithfulBase | None]
        ] = weakref.WeakKeyDictionary()
        self._wanted: weakref.WeakSet[HasOriginal] = weakref.WeakSet()

    def want(self, doc: HasOriginal) -> None:
        """Ask for ``doc``'s base to be built (nothing when it is built for its bytes)."""
        if doc.original is not None and not self.is_ready(doc):
            self._wanted.add(doc)

    def pending(self) -> bool:
        """True when a wanted base is still to be built."""
        return any(doc.original is not None and not self.is_ready(doc) for doc in self._wanted)

    def build_next(self) -> bool:
        """Build one wanted base (about one load of its file); True when more are wanted."""
        for doc in list(self._wanted):
            self._wanted.discard(doc)
            original = doc.original
            if original is None or self.is_ready(doc):
                continue
            try:
                base = FaithfulBase.prepare(original)
            except Exception:  # a bug in preparing must cost the speed, never the save
                base = None
            self._bases[doc] = (original, base)
            break
        return self.pending()

    def is_ready(self, doc: HasOriginal) -> bool:
        """True when the base for ``doc``'s current bytes is built."""
        entry = self._bases.get(doc)
        return entry is not None and entry[0] is doc.original

    def original_for(self, doc: HasOriginal) -> FaithfulBase | bytes | None:
        """What a save of ``doc`` is written over: its prepared base, else its bytes (the
        save then parses them itself)."""
        original = doc.original
        entry = self._bases.get(doc)
        if original is None or entry is None or entry[0] is not original or entry[1] is None:
            return original
        return entry[1]
