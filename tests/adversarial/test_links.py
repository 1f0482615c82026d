"""Links from a dossier: only http and https are ever opened, everything else is inert text.

The system browser is replaced by a plain function that records what it was
asked to open. ``check`` warns about every link that will not be opened.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from dossier_app.domain.dates import PartialDate
from dossier_app.domain.model import Company, Development, Dossier, Source, is_safe_url
from tests.adversarial.conftest import PROBLEM_RE

SAFE = (
    "https://example.com/a?b=c&d=<e>",
    "http://example.com",
    "HTTPS://EXAMPLE.COM/UPPER",
    "  https://example.com/leading-space",
)
UNSAFE = (
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "  javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript://%0aalert(1)",
    "file:///etc/passwd",
    "FILE:///C:/Windows/System32/calc.exe",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "example.com/path",
    "www.example.com",
    "//example.com/protocol-relative",
    "/etc/passwd",
    "../../secret.yaml",
    "mailto:someone@example.com",
    "ftp://example.com/file",
    "smb://server/share",
    "https:example.com",
    "http:/example.com",
    "https://",
    "\u202ehttps://example.com",
    "ms-settings:privacy",
)


class Browser:
    """Stands in for the system browser: records every URL it is asked to open."""

    def __init__(self) -> None:
        self.opened: list[QUrl] = []

    def __call__(self, url: QUrl) -> bool:
        self.opened.append(QUrl(url))
        return True


@pytest.mark.parametrize("url", SAFE)
def test_http_and_https_are_safe(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize("url", UNSAFE)
def test_other_schemes_are_not(url: str) -> None:
    assert not is_safe_url(url)


@settings(max_examples=150, deadline=None)
@given(
    prefix=st.sampled_from(("", " ", "\t", "\n", "\x00", "\u202e", "\ufeff", "h", "https")),
    scheme=st.sampled_from(("http", "https", "HTTPS", "javascript", "file", "data", "")),
    sep=st.sampled_from(("://", ":", ":/", "//", ":\\\\", ": //", ":\n//", "")),
    rest=st.text(max_size=20),
)
def test_what_passes_the_check_is_what_qt_opens(prefix: str, scheme: str, sep: str,
                                                 rest: str) -> None:
    """The string check and QUrl agree: a URL judged safe never reaches Qt as another scheme."""
    url = prefix + scheme + sep + rest
    if is_safe_url(url):
        qurl = QUrl(url.strip())
        assert not qurl.isValid() or qurl.scheme().lower() in ("http", "https"), url


def _dossier(urls: list[str]) -> Dossier:
    sources = [
        Source(id=f"s{i}", title=f"Source {i}", url=u, archive_url=u) for i, u in enumerate(urls)
    ]
    return Dossier(
        company=Company(name="Links Ltd"),
        sources=sources,
        timeline=[Development(id="d", date=PartialDate(2021), title="Cites all",
                              sources=[s.id for s in sources])],
    )


def test_sources_tab_opens_only_http_links(qtbot: QtBot) -> None:
    from dossier_app.ui.document import DossierDocument
    from dossier_app.ui.dossier.sources_tab import SourcesTab

    urls = [*SAFE, *UNSAFE]
    doc = DossierDocument(_dossier(urls))
    browser = Browser()
    tab = SourcesTab(doc, open_url=browser)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    for i, url in enumerate(urls):
        assert tab.select_source(f"s{i}")
        qtbot.wait(1)  # widgets added to a shown layout are shown by a queued call
        buttons = [b for b in tab.detail.findChildren(QPushButton) if b.isVisible()]
        names = sorted(b.objectName() for b in buttons)
        assert names == ["openArchiveButton", "openLinkButton"], names
        for button in buttons:
            assert button.isEnabled() == is_safe_url(url), (url, button.objectName())
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            button.click()  # a disabled button ignores this too
        # The link itself is shown as plain, literal text, whatever it holds.
        shown = [lb for lb in tab.detail.findChildren(QLabel) if lb.text() == url]
        assert len(shown) == 2, (url, [lb.text() for lb in tab.detail.findChildren(QLabel)])
        assert all(lb.textFormat() == Qt.TextFormat.PlainText for lb in shown)
        assert all(not lb.openExternalLinks() for lb in shown)
    opened = [u.toString() for u in browser.opened]
    assert all(u.scheme() in ("http", "https") for u in browser.opened), opened
    # Each safe link opened by its own click on each of its two buttons, exactly.
    expected = sorted(QUrl(u.strip()).toString() for u in SAFE for _ in range(2))
    assert sorted(set(opened)) == sorted(set(expected))
    assert len(opened) == 2 * 2 * len(SAFE)  # mouse click and click(), two buttons each
    doc.close()


def test_main_window_links_go_only_to_http(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the real window: the system browser (patched) only ever sees http(s)."""
    from tests.adversarial.gui_helpers import open_in_main_window

    browser = Browser()
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(browser))
    from dossier_app.fileio.writer import save_dossier

    path = tmp_path / "links.yaml"
    urls = [*SAFE, *UNSAFE]
    save_dossier(_dossier(urls), path)
    _window, tab = open_in_main_window(qtbot, tmp_path, path, monkeypatch)
    tab.tabs.setCurrentWidget(tab.sources_tab)
    sources = tab.sources_tab
    for i in range(len(urls)):
        assert sources.select_source(f"s{i}")
        qtbot.wait(1)
        for button in sources.detail.findChildren(QPushButton):
            if button.isVisible() and button.isEnabled():
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    opened = [u.toString() for u in browser.opened]
    assert len(opened) == 2 * len(SAFE), opened
    assert all(u.scheme() in ("http", "https") for u in browser.opened), opened


def test_check_warns_about_links_it_will_not_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dossier_app.commands.check import run_check

    urls = [*SAFE, *UNSAFE]
    lines = ["format: dossier/1", "company:", "  name: Links Ltd", "sources:"]
    url_lines: dict[int, str] = {}
    for i, url in enumerate(urls):
        lines += [f"  - id: s{i}", f"    title: Source {i}", f"    url: {json.dumps(url)}"]
        url_lines[len(lines)] = url
    lines += ["timeline:", "  - id: d", "    date: 2021", "    title: Cites all",
              "    sources: [" + ", ".join(f"s{i}" for i in range(len(urls))) + "]", ""]
    path = tmp_path / "links.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")

    code = run_check([str(path)])
    out = capsys.readouterr()
    text = out.out + out.err
    assert code == 0, text  # warnings only
    warned = {int(m["line"]) for m in map(PROBLEM_RE.match, text.splitlines())
              if m and m["severity"] == "warning"}
    for line, url in url_lines.items():
        assert (line in warned) == (not is_safe_url(url)), (line, url, text)
    assert re.search(r"http", text)
