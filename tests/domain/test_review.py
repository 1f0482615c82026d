"""Review due: the review date's age against a threshold, with "today" given."""

from __future__ import annotations

import datetime as dt

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.review import DEFAULT_REVIEW_DAYS, review_status

TODAY = dt.date(2026, 12, 3)


def test_default_threshold_is_90_days() -> None:
    assert DEFAULT_REVIEW_DAYS == 90
    fresh = review_status(PartialDate(2026, 9, 4), TODAY)  # 90 days ago
    assert (fresh.age_days, fresh.due) == (90, False)
    old = review_status(PartialDate(2026, 9, 3), TODAY)  # 91 days ago
    assert (old.age_days, old.due) == (91, True)
    assert old.text == "reviewed 3 Sep 2026, 91 days ago: review due"


def test_missing_review_is_due() -> None:
    status = review_status(None, TODAY)
    assert status.due and status.age_days is None
    assert status.text == "never reviewed: review due"


def test_threshold_is_a_parameter() -> None:
    reviewed = PartialDate(2026, 11, 1)
    assert review_status(reviewed, TODAY, threshold_days=30).due
    assert not review_status(reviewed, TODAY, threshold_days=40).due


def test_today_and_future_reviews() -> None:
    assert review_status(PartialDate(2026, 12, 3), TODAY).text == "reviewed 3 Dec 2026, today"
    ahead = review_status(PartialDate(2026, 12, 5), TODAY)
    assert ahead.age_days == -2 and not ahead.due
