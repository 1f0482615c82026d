"""Qt table models over the dossier's lists (and the library)."""

from .base import IdRole, ItemRole
from .figures import FiguresModel
from .sources import SourcesModel
from .timeline import TimelineFilter, TimelineModel

__all__ = ["FiguresModel", "IdRole", "ItemRole", "SourcesModel", "TimelineFilter", "TimelineModel"]
