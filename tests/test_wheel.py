"""An installed wheel carries everything the app reads at run time: fonts, icons, the schema.

The wheel is built from this checkout and installed, without dependencies, into a
fresh virtual environment that borrows the dependencies of the one running the
tests; everything then runs from a folder outside the checkout, so nothing can
be found through the source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import ALIBABA, REPO

_PROBE = """
import json, sys
import dossier_app
from dossier_app.fileio.schema import dossier_schema
from dossier_app.resources import FONTS, ICONS
from dossier_app.ui.widgets.icons import ICON_NAMES
missing = [n for n in ICON_NAMES if not (ICONS / f"{n}.svg").is_file()]
print(json.dumps({
    "file": dossier_app.__file__,
    "missing_icons": missing,
    "fonts": sorted(p.name for p in FONTS.glob("*.ttf")),
    "schema": dossier_schema()["$id"] if "$id" in dossier_schema() else "ok",
}))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a fresh venv holding the built wheel (dependencies borrowed)."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(work), str(REPO)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    wheel = next(work.glob("dossier_app-*.whl"))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # Dependencies from the test environment; its editable install of the app is not
    # activated (a path line in a .pth file does not run that folder's .pth files).
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
         str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return python


def _run(python: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [str(python), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow
def test_the_wheel_ships_icons_fonts_and_schema(installed: Path, tmp_path: Path) -> None:
    import json

    done = _run(installed, ["-c", _PROBE], tmp_path)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert str(REPO) not in found["file"]
    assert found["missing_icons"] == []
    assert "NotoSans-Regular.ttf" in found["fonts"]
    assert "DroidSansFallbackFull.ttf" in found["fonts"]


@pytest.mark.slow
def test_the_installed_app_checks_and_exports_outside_the_checkout(
    installed: Path, tmp_path: Path
) -> None:
    dossier = tmp_path / "alibaba.yaml"
    shutil.copy(ALIBABA, dossier)
    check = _run(installed, ["-m", "dossier_app", "check", str(dossier)], tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    export = _run(
        installed, ["-m", "dossier_app", "export", str(dossier), "-o", "out.pdf"], tmp_path
    )
    assert export.returncode == 0, export.stdout + export.stderr
    from pypdf import PdfReader

    reader = PdfReader(tmp_path / "out.pdf")
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("NotoSans" in f for f in fonts), fonts
    assert "阿里巴巴" in reader.pages[0].extract_text()
