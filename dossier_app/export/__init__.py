"""PDF briefing export (QtGui only; runs headless with the offscreen platform)."""
