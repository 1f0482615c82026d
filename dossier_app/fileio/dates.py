"""Partial dates as the loader reads them: parsed once per distinct value."""

from __future__ import annotations

import functools

from ..domain.dates import PartialDate

#: ``PartialDate.parse`` remembered per (value, approximate): a file repeats its dates
#: ("2021-09") many times, and a ``PartialDate`` is immutable, so sharing is safe.
#: ``typed`` keeps ``2021`` and ``True`` (equal in Python) apart.
parse_date = functools.lru_cache(maxsize=4096, typed=True)(PartialDate.parse)
