"""Partial dates: a year, a year and month, or a full date, maybe approximate."""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_PARTIAL_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateError(ValueError):
    """A value that is not a valid partial date; the message says why."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day.

    Ordering follows the format: a partial date sorts before the full dates
    inside it (``2021`` < ``2021-01`` < ``2021-01-01``). Chronological sorting uses
    ``sort_key``, which ignores the approximate flag ("circa"); equality and the
    comparison operators include it, so that they agree (``2021`` < ``c. 2021``).
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year} is out of range 1..9999")
        if self.month is None:
            if self.day is not None:
                raise DateError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise DateError(f"month {self.month:02d} does not exist")
        if self.day is not None and not 1 <= self.day <= 28:  # 1..28 exist in every month
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateError(
                    f"day {self.day:02d} does not exist in {MONTH_ABBR[self.month - 1]} {self.year}"
                )

    # -- construction -------------------------------------------------
    @classmethod
    def parse(cls, value: object, approximate: bool = False) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as an int, str or date."""
        if isinstance(value, bool):
            raise DateError(f"expected a date like 2021, 2021-09 or 2021-09-21, got {value!r}")
        if isinstance(value, int):
            return cls(value, approximate=approximate)
        if isinstance(value, _dt.datetime):
            raise DateError("expected a date without a time of day")
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day, approximate)
        if isinstance(value, str):
            m = _PARTIAL_RE.match(value.strip())
            if m is None:
                raise DateError(
                    f"expected a date like 2021, 2021-09 or 2021-09-21, got {value!r}"
                )
            y, mo, d = m.groups()
            return cls(int(y), int(mo) if mo else None, int(d) if d else None, approximate)
        raise DateError(f"expected a date like 2021, 2021-09 or 2021-09-21, got {value!r}")

    @classmethod
    def from_date(cls, value: _dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    # -- properties ---------------------------------------------------
    @property
    def precision(self) -> str:
        """'year', 'month' or 'day'."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    @property
    def is_full(self) -> bool:
        return self.day is not None

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def first_day(self) -> _dt.date:
        """The earliest calendar day the date may mean."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> _dt.date:
        """The latest calendar day the date may mean."""
        if self.month is None:
            return _dt.date(self.year, 12, 31)
        if self.day is None:
            return _dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return _dt.date(self.year, self.month, self.day)

    def with_approximate(self, approximate: bool) -> PartialDate:
        return PartialDate(self.year, self.month, self.day, approximate)

    def contains(self, other: PartialDate) -> bool:
        """True when ``other`` lies inside this date's span."""
        return self.first_day() <= other.first_day() and other.last_day() <= self.last_day()

    # -- text ---------------------------------------------------------
    def iso(self) -> str:
        """The file form: ``2021``, ``2021-09`` or ``2021-09-21``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def display(self) -> str:
        """Human form keeping the precision: ``2021``, ``Jan 2021``, ``20 Jan 2021``."""
        if self.month is None:
            text = f"{self.year}"
        elif self.day is None:
            text = f"{MONTH_ABBR[self.month - 1]} {self.year}"
        else:
            text = f"{self.day} {MONTH_ABBR[self.month - 1]} {self.year}"
        return f"c. {text}" if self.approximate else text

    def __str__(self) -> str:
        return self.display()

    # Ordering agrees with equality: by the day first (``sort_key``, which alone gives
    # the format's chronological order), then an exact date before its "circa" twin.
    # ``2021`` and ``c. 2021`` are unequal, so neither is <= the other both ways.
    @property
    def order_key(self) -> tuple[int, int, int, bool]:
        return (self.year, self.month or 0, self.day or 0, self.approximate)

    def __lt__(self, other: PartialDate) -> bool:
        return self.order_key < other.order_key

    def __le__(self, other: PartialDate) -> bool:
        return self.order_key <= other.order_key

    def __gt__(self, other: PartialDate) -> bool:
        return self.order_key > other.order_key

    def __ge__(self, other: PartialDate) -> bool:
        return self.order_key >= other.order_key


def display_span(start: PartialDate, end: PartialDate | None) -> str:
    """``Aug 2020`` or ``c. 2017 – Jan 2021`` for a span."""
    if end is None:
        return start.display()
    return f"{start.display()} – {end.display()}"
