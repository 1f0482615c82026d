"""Today's date, from one place: checks that depend on the day (``stale``) ask here.

Tests replace ``today`` to make such checks deterministic.
"""

from __future__ import annotations

import datetime as _dt


def today() -> _dt.date:
    """The local calendar date."""
    return _dt.date.today()
