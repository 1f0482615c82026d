"""``python -m dossier_app`` is the same as ``dossier-app``."""

import sys

from .cli import main

sys.exit(main())
