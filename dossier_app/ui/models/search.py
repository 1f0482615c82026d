"""Substring search for filter boxes, fast enough to run on every keystroke over 100k rows.

A filter word never holds whitespace, so it occurs in a text exactly when it
occurs in one of the text's whitespace-separated tokens. The index keeps, for
each distinct token of the (case-folded) texts, the rows that hold it; a word
is looked up by testing the few distinct tokens instead of scanning every
text, and its rows are the union of those tokens' rows. Sets of rows are
Python ints used as bit sets (bit ``i`` is row ``i``): union and intersection
run in C over 100,000 rows in microseconds, and turn into one byte per row
for ``itertools.compress`` in a fraction of a millisecond.

Tokens found in many rows keep a bit set, the others an array of row
numbers. A single letter in varied text can hit thousands of rare tokens:
when gathering their rows would cost more than looking at every text, the
texts (kept for that only when the index has so many rare row numbers) are
scanned instead, which for one letter is a ``memchr`` per text.

The index is built in steps (idle time in the models). Until it is complete,
the rows it does not cover yet are scanned, text by text. Qt-free: it only
deals in row numbers.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, repeat
from operator import itemgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from array import array

_TO_FLAGS = bytes.maketrans(b"01", b"\x00\x01")
_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")

#: Recent results kept (for Backspace, and words looked up again).
RECENT = 16


# -- sets of rows as bit sets ------------------------------------------------------------
def flags_of(bits: int, count: int) -> bytes:
    """One byte per row 0..count-1: 1 where the row is in ``bits``, else 0."""
    if count <= 0:
        return b""
    # The sentinel bit keeps the leading zeros; digits come most significant first.
    digits = format(bits | (1 << count), "b").encode("ascii")
    return digits[:0:-1].translate(_TO_FLAGS)


def bits_of(flags: bytes | bytearray) -> int:
    """The rows whose byte in ``flags`` is 1 (each byte 0 or 1)."""
    if not flags:
        return 0
    return int(flags[::-1].translate(_TO_DIGITS), 2)


def bits_of_rows(rows: Iterable[int], count: int) -> int:
    """The set of ``rows`` (each in 0..count-1)."""
    flags = bytearray(count)
    for r in rows:
        flags[r] = 1
    return bits_of(flags)


class RowOrder:
    """A display order of rows, and how to pick a set of rows out of it in that order."""

    def __init__(self, order: list[int]) -> None:
        self.order = order
        n = len(order)
        self._pick: Callable[[bytes], Sequence[int] | bytes] | None
        if order == list(range(n)):
            self._pick = None  # flags are already in display order
        elif order == list(range(n - 1, -1, -1)):
            self._pick = _reversed
        elif n > 1:
            # One C call maps row flags to display positions (itemgetter of one index
            # returns a scalar, hence n > 1).
            self._pick = itemgetter(*order)
        else:
            self._pick = None

    def rows(self, bits: int) -> list[int]:
        """The rows of ``bits``, in this order."""
        flags = flags_of(bits, len(self.order))
        pick = self._pick
        return list(compress(self.order, flags if pick is None else pick(flags)))


def _reversed(flags: bytes) -> bytes:
    return flags[::-1]


def rows_in(rows: Iterable[int], bits: int, count: int) -> list[int]:
    """The entries of ``rows`` that are in ``bits``, in the order of ``rows``."""
    flags = flags_of(bits, count)
    return [i for i in rows if flags[i]]


# -- the token index ---------------------------------------------------------------------
class TokenIndex:
    """For each distinct token of the texts added, the rows holding it (built in steps)."""

    #: Rows tokenized before their tokens go into the index together (fewer, bigger merges).
    BLOCK = 2048
    #: A token in at least this share of the rows (and COMMON_MIN rows) gets a bit set.
    COMMON_SHARE = 64
    COMMON_MIN = 32

    def __init__(self, count: int) -> None:
        #: Rows expected in all (sizes the choice between row lists and bit sets).
        self.count = count
        #: Rows covered so far: 0..rows-1.
        self.rows = 0
        self._ids: dict[str, int] = {}
        self._tokens: list[str] = []  # by id
        # A token's rows: an array of row numbers while it is rare, a bit set (and
        # None here) once common; a bit set costs count/8 bytes whatever it holds.
        self._postings: list[array[int] | None] = []
        self._masks: dict[int, int] = {}
        self._common = max(self.COMMON_MIN, count // self.COMMON_SHARE)
        # Rows tokenized but not yet merged: token -> offsets from self.rows.
        self._pending: defaultdict[str, list[int]] = defaultdict(list)
        self._pending_rows = 0
        # Recent vocabulary look-ups: word -> (vocabulary size then, token ids).
        self._found: dict[str, tuple[int, list[int]]] = {}

    def add(self, texts: Sequence[str]) -> None:
        """Tokenize the next rows' (case-folded) texts; merged into the index by blocks."""
        pending = self._pending
        append_to = list.append
        rows_of = pending.__getitem__
        # In C per token: find (or start) the token's list and append the row to it.
        # A row repeating a token is listed twice, which costs less than a set per row.
        for offset, text in enumerate(texts, self._pending_rows):
            deque(map(append_to, map(rows_of, text.split()), repeat(offset)), 0)
        self._pending_rows += len(texts)

    def wants_merge(self) -> bool:
        """True when the rows tokenized so far should go into the index now."""
        pending = self._pending_rows
        return pending >= self.BLOCK or (pending > 0 and self.rows + pending >= self.count)

    def merge(self) -> None:
        """Put the rows tokenized so far into the index."""
        from array import array  # only long lists get an index: not needed at start-up

        start, stop = self.rows, self.rows + self._pending_rows
        ids, tokens, postings, masks = self._ids, self._tokens, self._postings, self._masks
        common = self._common
        for token, offsets in self._pending.items():
            tid = ids.get(token)
            if tid is None:
                tid = ids[token] = len(tokens)
                tokens.append(token)
                postings.append(None)
            posting = postings[tid]
            if posting is None and tid in masks:
                flags = bytearray(stop - start)
                for r in offsets:
                    flags[r] = 1
                masks[tid] |= bits_of(flags) << start
                continue
            rows = [r + start for r in offsets] if start else offsets
            if posting is None:
                posting = postings[tid] = array("i", rows)
            else:
                posting.extend(rows)
            if len(posting) >= common:
                masks[tid] = bits_of_rows(posting, stop)
                postings[tid] = None
        self._pending = defaultdict(list)
        self._pending_rows = 0
        self.rows = stop

    def tokens_with(self, word: str) -> list[int]:
        """Ids of the tokens (merged so far) that contain ``word``."""
        size = len(self._tokens)
        found = self._found
        base: list[int] | None = None
        base_size = 0
        for old, (old_size, old_ids) in found.items():
            # A token holding the new word holds every part of it: look only among those.
            if old in word and (base is None or len(old_ids) < len(base)):
                base, base_size = old_ids, old_size
        tokens = self._tokens
        if base is None:
            ids = [t for t, token in enumerate(tokens) if word in token]
        else:
            ids = [t for t in base if word in tokens[t]]
            ids += [t for t in range(base_size, size) if word in tokens[t]]
        found.pop(word, None)
        found[word] = (size, ids)
        if len(found) > RECENT:
            del found[next(iter(found))]
        return ids

    def bits(self, word: str, rare_limit: int | None = None) -> int | None:
        """The rows (merged so far) whose text contains ``word`` (case-folded, no spaces).

        None when more than ``rare_limit`` row numbers of rare tokens would have to be
        gathered (a single common letter in varied text): scanning is quicker then.
        """
        masks, postings = self._masks, self._postings
        ids = self.tokens_with(word)
        if rare_limit is not None:
            lists = [p for p in map(postings.__getitem__, ids) if p is not None]
            if sum(map(len, lists)) > rare_limit:
                return None
        bits = 0
        flags: bytearray | None = None
        for t in ids:
            mask = masks.get(t)
            if mask is not None:
                bits |= mask
                continue
            posting = postings[t]
            if posting is not None:
                if flags is None:
                    flags = bytearray(self.rows)
                for r in posting:
                    flags[r] = 1
        if flags is not None:
            bits |= bits_of(flags)
        return bits

    def rare_total(self) -> int:
        """How many row numbers the rare tokens' lists hold together."""
        return sum(len(p) for p in self._postings if p is not None)

    def size_bytes(self) -> int:
        """Roughly what the index holds in memory (for the benchmark's notes)."""
        masks = sum((m.bit_length() + 7) // 8 + 28 for m in self._masks.values())
        postings = sum(p.itemsize * len(p) + 64 for p in self._postings if p is not None)
        tokens = sum(len(t) + 49 for t in self._tokens)
        return masks + postings + tokens + 100 * len(self._tokens)


# -- the search ---------------------------------------------------------------------------
class TextSearch:
    """Which rows' texts hold every word of a query, as a bit set of rows.

    ``texts_of(start, stop)`` gives the texts of rows start..stop-1 as they
    are (case-folded here). ``index=False`` keeps to scanning (short
    lists: a scan of a few thousand texts is quicker than building anything).

    Preparing goes in two passes: case-fold every text (quick, and from then
    on a search scans without further work), then tokenize them into the index;
    a search meanwhile scans the rows the index does not cover yet.
    """

    #: Rows case-folded per step, and rows tokenized per step (a few ms each).
    FOLD_STEP = 1024
    TOKEN_STEP = 256
    #: A one-letter word is scanned for (a fast ``memchr`` per text) rather than looked
    #: up when its rare tokens list more than this many row numbers per row; the texts
    #: are kept for that only where the index has that many rare row numbers at all.
    SCAN_RATIO = 2

    def __init__(
        self, count: int, texts_of: Callable[[int, int], list[str]], index: bool = True
    ) -> None:
        self.count = count
        self._texts_of = texts_of
        self._index = TokenIndex(count) if index and count else None
        self._texts: list[str] = []  # case-folded, rows 0..len-1 (dropped once indexed)
        self._tokenized = 0  # rows handed to the index
        self._costs: dict[str, float] = {}  # seconds the last step of each kind took
        self._recent: dict[str, int] = {}  # word -> rows holding it

    @property
    def indexed(self) -> int:
        """Rows the token index covers (the rest are scanned)."""
        return self._index.rows if self._index is not None else 0

    def is_ready(self) -> bool:
        """True when nothing is left to prepare ahead."""
        return self._index is None or self._index.rows >= self.count

    def step(self) -> bool:
        """One small piece of preparation (a few ms); True when everything is prepared."""
        index = self._index
        if index is None or index.rows >= self.count:
            return True
        if len(self._texts) < self.count:
            self._fold(self.FOLD_STEP)
        elif index.wants_merge():
            index.merge()
        else:
            stop = min(self._tokenized + self.TOKEN_STEP, self.count)
            index.add(self._texts[self._tokenized : stop])
            self._tokenized = stop
        if index.rows >= self.count:
            if index.rare_total() <= self.SCAN_RATIO * self.count:
                self._texts = []  # the index answers everything now
            return True
        return False

    def prepare(self, seconds: float) -> bool:
        """Take steps for about ``seconds`` at most; True when all is prepared.

        A step is not begun when the last step of its kind would not fit in the
        time left (the first step always runs, so that preparing moves on).
        """
        start = time.perf_counter()
        costs = self._costs
        first = True
        while True:
            kind = self._next_step()
            if kind is None:
                return True
            now = time.perf_counter()
            if not first and now - start + costs.get(kind, 0.0) > seconds:
                return False
            first = False
            done = self.step()
            costs[kind] = time.perf_counter() - now
            if done:
                return True

    def _next_step(self) -> str | None:
        index = self._index
        if index is None or index.rows >= self.count:
            return None
        if len(self._texts) < self.count:
            return "fold"
        return "merge" if index.wants_merge() else "tokens"

    def bits(self, words: Sequence[str]) -> int:
        """The rows holding every word (case-folded, without spaces)."""
        # The rarest word first would be ideal; the longest is usually close to it.
        first, *others = sorted(set(words), key=len, reverse=True)
        result = self.word_bits(first)
        for word in others:
            if not result:
                break
            result &= self.word_bits(word)
        return result

    def word_bits(self, word: str) -> int:
        """The rows holding ``word``: looked up in the index, scanned beyond it."""
        recent = self._recent
        # The texts never change under a search (a reset makes a new one): a result
        # stays right however far the index has grown since.
        bits = recent.pop(word, None)
        if bits is None:
            index, indexed = self._index, self.indexed
            if index is not None and indexed:
                scannable = len(word) == 1 and bool(self._texts)
                found = index.bits(word, self.SCAN_RATIO * self.count if scannable else None)
                if found is None:
                    bits = self._scan(word, 0)
                elif indexed < self.count:
                    bits = found | self._scan(word, indexed)
                else:
                    bits = found
            else:
                bits = self._scan(word, 0)
        recent[word] = bits
        if len(recent) > RECENT:
            del recent[next(iter(recent))]
        return bits

    def size_bytes(self) -> int:
        """Roughly what the prepared search holds in memory."""
        texts = sum(len(t) + 80 for t in self._texts)
        index = self._index.size_bytes() if self._index is not None else 0
        return texts + index

    def _scan(self, word: str, start: int) -> int:
        """The rows from ``start`` on whose text holds ``word``, tested one by one."""
        self._fold(self.count)
        texts = self._texts[start:] if start else self._texts
        return bits_of(bytes([word in text for text in texts])) << start

    def _fold(self, rows: int) -> None:
        """Case-fold the texts of up to ``rows`` more rows."""
        done = len(self._texts)
        stop = min(done + rows, self.count)
        if stop > done:
            self._texts.extend([t.casefold() for t in self._texts_of(done, stop)])
