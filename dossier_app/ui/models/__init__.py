"""Qt table models over the dossier's lists (and the library).

The models of a dossier's lists are imported when first asked for: the
library's model, shown at start-up, needs only ``base``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .base import IdRole, ItemRole

if TYPE_CHECKING:
    from .figures import FiguresModel
    from .sources import SourcesModel
    from .timeline import TimelineFilter, TimelineModel

__all__ = ["FiguresModel", "IdRole", "ItemRole", "SourcesModel", "TimelineFilter", "TimelineModel"]

_LAZY = {
    "FiguresModel": "figures",
    "SourcesModel": "sources",
    "TimelineFilter": "timeline",
    "TimelineModel": "timeline",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
