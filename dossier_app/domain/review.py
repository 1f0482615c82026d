"""Which dossiers are due for review: the review date, its age, and whether it is too old."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .dates import PartialDate

#: A review older than this many days makes a dossier due (Preferences may change it).
DEFAULT_REVIEW_DAYS = 90


@dataclass(frozen=True, slots=True)
class ReviewStatus:
    """A dossier's review: when it was, how many days ago, and whether it is due."""

    reviewed: PartialDate | None
    #: Days from the review to ``today``; None when there is no review date.
    age_days: int | None
    due: bool

    @property
    def text(self) -> str:
        """``reviewed 12 Mar 2026, 40 days ago``, ``never reviewed``, with ``review due``."""
        if self.reviewed is None or self.age_days is None:
            return "never reviewed: review due"
        if self.age_days < 0:
            age = f"{-self.age_days} day{'' if self.age_days == -1 else 's'} from now"
        elif self.age_days == 0:
            age = "today"
        else:
            age = f"{self.age_days} day{'' if self.age_days == 1 else 's'} ago"
        return f"reviewed {self.reviewed.display()}, {age}" + (": review due" if self.due else "")


def review_status(
    reviewed: PartialDate | None, today: _dt.date, threshold_days: int = DEFAULT_REVIEW_DAYS
) -> ReviewStatus:
    """Due when there is no review date or it is more than ``threshold_days`` before ``today``.

    A partial review date counts from its last possible day (``2021-09`` from 30 Sep
    2021), so that it is never called older than it may be.
    """
    if reviewed is None:
        return ReviewStatus(None, None, True)
    age = (today - reviewed.last_day()).days
    return ReviewStatus(reviewed, age, age > threshold_days)


def due_summary(
    reviews: list[PartialDate | None], today: _dt.date, threshold_days: int = DEFAULT_REVIEW_DAYS
) -> str:
    """``2 of 5 dossiers due for review`` for the review dates of a library's dossiers."""
    due = sum(review_status(r, today, threshold_days).due for r in reviews)
    total = len(reviews)
    return f"{due} of {total} dossier{'' if total == 1 else 's'} due for review"
