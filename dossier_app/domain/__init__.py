"""Qt-free domain layer: the dossier, its parts and partial dates."""

from .dates import DateError, PartialDate, display_span
from .model import (
    CREDIBILITY,
    DEFAULT_MARKING,
    FORMAT_V1,
    MARKINGS,
    QUALIFIERS,
    RELIABILITY,
    Company,
    Development,
    Dossier,
    Figure,
    Source,
    is_safe_url,
    new_dossier,
)

__all__ = [
    "CREDIBILITY",
    "DEFAULT_MARKING",
    "FORMAT_V1",
    "MARKINGS",
    "QUALIFIERS",
    "RELIABILITY",
    "Company",
    "DateError",
    "Development",
    "Dossier",
    "Figure",
    "PartialDate",
    "Source",
    "display_span",
    "is_safe_url",
    "new_dossier",
]
