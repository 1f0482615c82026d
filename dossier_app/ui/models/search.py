"""Substring search for filter boxes, fast enough to run on every keystroke over 100k rows.

The texts are case-folded once. A search for a word runs ``str.find`` over all
of them joined into one string (C speed, skipping straight to the next text
after each hit) while hits are sparse, and falls back to testing text by text
when most of them match. Typing on narrows the previous result instead of
starting again, and erasing finds the earlier results again. Qt-free: it only
deals in indices.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import accumulate

_SEP = "\x00"  # never typed into a filter box, so a hit never spans two texts
_CHECK_EVERY = 1024  # hits between checks of how dense the hits are
_RECENT = 8  # results kept for Backspace and for narrowing (one list of indices each)


class TextIndex:
    """Which texts contain every word of a query, as indices in a given display order."""

    def __init__(self, texts: Sequence[str], folded: bool = False) -> None:
        """``folded``: the texts are already case-folded (built ahead, see the models)."""
        self._texts = list(texts) if folded else [t.casefold() for t in texts]
        self._blob: str | None = None
        self._offsets: list[int] = []
        self._rank_of: tuple[list[int], list[int]] | None = None  # (order, rank)
        # Recent results, newest last: typing narrows one, Backspace finds one again.
        self._recent: dict[tuple[str, ...], list[int]] = {}

    def __len__(self) -> int:
        return len(self._texts)

    def filter(self, order: list[int], text: str) -> list[int]:
        """The entries of ``order`` whose text holds every word of ``text``, in that order."""
        words = text.casefold().split()
        if not words:
            return order
        return self._in_order(order, self.matching(words))

    def matching(self, words: list[str]) -> list[int]:
        """Indices (ascending) of the texts holding every word (already case-folded)."""
        key = tuple(words)
        recent = self._recent
        if key in recent:
            hits_again = recent.pop(key)
            recent[key] = hits_again
            return hits_again
        hits: list[int] | None = None
        todo = words
        for old_words, old_hits in recent.items():
            # Each old word inside a new one: the new result lies within the old one.
            if (hits is None or len(old_hits) < len(hits)) and all(
                any(old in new for new in words) for old in old_words
            ):
                hits = old_hits
                todo = [w for w in words if w not in old_words]
        texts = self._texts
        # The longest word first: it is usually the most selective. Narrowing walks
        # the texts in memory order, which is markedly faster than display order.
        ordered = sorted(todo, key=len, reverse=True)
        if hits is None:
            hits = self.containing(ordered.pop(0))
        for word in ordered:
            hits = [i for i in hits if word in texts[i]]
        recent[key] = hits
        if len(recent) > _RECENT:
            del recent[next(iter(recent))]
        return hits

    def prepare(self) -> None:
        """Do now, ahead of the first search, the work a sparse search needs."""
        self._joined()

    def containing(self, word: str) -> list[int]:
        """Indices (ascending) of the texts that contain ``word``."""
        texts = self._texts
        if _SEP in word:
            return [i for i, t in enumerate(texts) if word in t]
        blob, offsets = self._joined()
        n = len(texts)
        hits: list[int] = []
        find = blob.find
        pos = find(word)
        while pos >= 0:
            i = bisect.bisect_right(offsets, pos) - 1
            hits.append(i)
            nxt = i + 1
            if nxt >= n:
                break
            if len(hits) % _CHECK_EVERY == 0 and len(hits) * 4 > nxt:
                # Most texts match: testing each remaining one is cheaper than jumping.
                hits.extend(j for j in range(nxt, n) if word in texts[j])
                break
            pos = find(word, offsets[nxt])
        return hits

    def _joined(self) -> tuple[str, list[int]]:
        if self._blob is None:
            self._blob = _SEP.join(self._texts)
            lengths = [len(t) + 1 for t in self._texts]
            self._offsets = [0, *accumulate(lengths)][: len(self._texts)]
        return self._blob, self._offsets

    def _in_order(self, order: list[int], hits: list[int]) -> list[int]:
        """``hits`` (ascending indices) as they come in ``order``, leaving out what it lacks."""
        if not hits:
            return []
        if len(hits) * 8 >= len(order):
            mask = bytearray(len(self._texts))
            for i in hits:
                mask[i] = 1
            return [i for i in order if mask[i]]
        rank = self._rank(order)
        return sorted((i for i in hits if rank[i] >= 0), key=rank.__getitem__)

    def _rank(self, order: list[int]) -> list[int]:
        cached = self._rank_of
        if cached is not None and cached[0] is order:
            return cached[1]
        rank = [-1] * len(self._texts)
        for position, i in enumerate(order):
            rank[i] = position
        self._rank_of = (order, rank)
        return rank
