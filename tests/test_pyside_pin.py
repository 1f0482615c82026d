"""Regression guard for the PySide6 6.12.0 none_dealloc abort on Python 3.11."""

from __future__ import annotations

import os
import subprocess
import sys

# 20,000 empty values handed from Qt to Python: with the broken release each
# drops a reference to None and the interpreter aborts with none_dealloc.
SCRIPT = """
import sys
from PySide6.QtGui import QStandardItem, QAction
from PySide6.QtWidgets import QApplication
app = QApplication([])
item = QStandardItem("x")
action = QAction("a")
for _ in range(20_000):
    item.data(1234)
    action.data()
print("survived")
"""


def test_twenty_thousand_empty_values_do_not_abort() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "survived" in proc.stdout
