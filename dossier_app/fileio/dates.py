"""Partial dates as the loader reads them: parsed once per distinct value."""

from __future__ import annotations

from ..domain.rules import parse_date

__all__ = ["parse_date"]
