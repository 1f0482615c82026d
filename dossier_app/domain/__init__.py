"""Qt-free domain layer: the dossier, its parts and partial dates."""

from .dates import DateError, PartialDate, display_span
from .model import (
    CONFIDENCE,
    CREDIBILITY,
    DEFAULT_MARKING,
    FORMAT_V1,
    LIKELIHOOD,
    MARKINGS,
    QUALIFIERS,
    RELIABILITY,
    Company,
    Development,
    Dossier,
    Figure,
    Judgement,
    Source,
    is_safe_url,
    new_dossier,
)

__all__ = [
    "CONFIDENCE",
    "CREDIBILITY",
    "DEFAULT_MARKING",
    "FORMAT_V1",
    "LIKELIHOOD",
    "MARKINGS",
    "QUALIFIERS",
    "RELIABILITY",
    "Company",
    "DateError",
    "Development",
    "Dossier",
    "Figure",
    "Judgement",
    "PartialDate",
    "Source",
    "display_span",
    "is_safe_url",
    "new_dossier",
]
