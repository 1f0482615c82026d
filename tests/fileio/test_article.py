"""Extracting a saved article: real-shaped pages made here, plain text and a PDF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier_app.domain.dates import PartialDate
from dossier_app.fileio.article import ArticleError, extract_article

ARTICLE_TEXT = [
    "The Biden administration is assessing whether Alibaba's cloud business poses a threat "
    "to U.S. national security, according to three people briefed on the matter.",
    "The review will look into how the company stores U.S. clients' data and whether the "
    "Chinese government could have access to it, the people said.",
    "Alibaba's U.S. cloud business has annual revenue of about $50 million, a fraction of "
    "the company's revenue worldwide. Tags such as &lt;b&gt;bold&lt;/b&gt; stay text.",
]


def news_page() -> str:
    """A saved news article: OpenGraph tags, schema.org JSON-LD, navigation and a footer."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "US reviews Alibaba cloud &lt;unit&gt;",
        "datePublished": "2021-01-18T09:30:00Z",
        "author": {"@type": "Person", "name": "Echo Wang"},
        "publisher": {"@type": "Organization", "name": "Reuters"},
    }
    paragraphs = "\n".join(f"<p>{p}</p>" for p in ARTICLE_TEXT)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>US reviews Alibaba cloud | Reuters</title>
<meta property="og:title" content="US reviews Alibaba cloud &lt;unit&gt;">
<meta property="og:site_name" content="Reuters">
<meta property="og:type" content="article">
<meta property="og:url" content="https://www.reuters.com/technology/alibaba-cloud-review-2021-01-18/">
<meta property="article:published_time" content="2021-01-18T09:30:00Z">
<meta name="author" content="Echo Wang">
<link rel="canonical" href="https://www.reuters.com/technology/alibaba-cloud-review-2021-01-18/">
<script type="application/ld+json">{json.dumps(ld)}</script>
<script>window.analytics = {{"page": "article"}};</script>
<style>body {{ font-family: sans-serif; }}</style>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a>
</nav></header>
<main><article>
<h1>US reviews Alibaba cloud &lt;unit&gt;</h1>
<p class="byline">By Echo Wang</p>
{paragraphs}
</article></main>
<footer><p>All quotes delayed a minimum of 15 minutes.</p></footer>
</body></html>"""


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_news_article_gives_every_field(tmp_path: Path) -> None:
    article = extract_article(write(tmp_path, "reuters.html", news_page()))
    assert article.kind == "html"
    assert article.ext == "html"
    assert article.title == "US reviews Alibaba cloud <unit>"  # an entity is text, not markup
    assert article.author == "Echo Wang"
    assert article.publisher == "Reuters"
    assert article.published == PartialDate(2021, 1, 18)
    assert article.url == "https://www.reuters.com/technology/alibaba-cloud-review-2021-01-18/"
    assert article.text is not None
    assert "stores U.S. clients' data" in article.text
    assert "<b>bold</b>" in article.text
    assert "All quotes delayed" not in article.text and "window.analytics" not in article.text
    assert article.missing == ()
    assert article.data == (tmp_path / "reuters.html").read_bytes()


def test_url_given_wins_over_the_page(tmp_path: Path) -> None:
    url = "https://example.org/copy"
    article = extract_article(write(tmp_path, "r.htm", news_page()), url=url)
    assert article.url == url
    assert article.ext == "htm"


def test_page_with_only_a_title(tmp_path: Path) -> None:
    page = "<html><head><title>Alibaba statement</title></head><body></body></html>"
    article = extract_article(write(tmp_path, "statement.html", page))
    assert article.title == "Alibaba statement"
    assert article.missing == ("author", "publisher", "published", "url", "text")
    assert article.missing_text() == (
        "author, publisher (site name), published date, canonical URL, main text"
    )


@pytest.mark.parametrize("data", [b"", b"<html><body>\n</body></html>", b"<html></html>  "])
def test_page_with_no_text_imports_with_nothing(tmp_path: Path, data: bytes) -> None:
    article = extract_article(write(tmp_path, "empty.html", data))
    assert article.kind == "html"
    assert article.missing == ("title", "author", "publisher", "published", "url", "text")


def test_non_utf8_page_is_decoded_by_its_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Zürich café “Grüezi”</title></head><body><article>"
        + "<p>Die Gründer trafen sich im Café in Zürich und sprachen über Geschäfte.</p>" * 8
        + "</article></body></html>"
    )
    data = page.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    article = extract_article(write(tmp_path, "zh.html", data))
    assert article.title == "Zürich café “Grüezi”"
    assert article.text is not None and "Gründer trafen sich im Café in Zürich" in article.text


def test_control_characters_and_long_titles_are_tamed(tmp_path: Path) -> None:
    page = f"<html><head><title>A\x1b]0;x\x07 \n title{'x' * 900}</title></head></html>"
    article = extract_article(write(tmp_path, "ctl.html", page))
    assert article.title is not None
    assert "\x1b" not in article.title and "\n" not in article.title
    assert len(article.title) <= 500


def test_plain_text_takes_its_first_line_as_title(tmp_path: Path) -> None:
    text = "\n\nAlibaba Under US National Security Investigation\n\nThe review would look...\n"
    article = extract_article(write(tmp_path, "hill.txt", text.encode("cp1252")))
    assert article.kind == "text" and article.ext == "txt"
    assert article.title == "Alibaba Under US National Security Investigation"
    assert article.text is not None and article.text.startswith("Alibaba Under")
    assert article.missing == ("author", "publisher", "published", "url")


def make_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Annual report 2021")
    pdf.set_author("Alibaba Group")
    pdf.set_creation_date(__import__("datetime").datetime(2021, 7, 27, 8, 0))
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, "American clients may be prohibited from continuing to do business "
                   "with us, including performing their obligations under agreements.")
    pdf.add_page()
    pdf.multi_cell(0, 8, "Second page of the risk factors.")
    pdf.output(str(path))


def test_pdf_gives_its_metadata_and_page_text(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    make_pdf(path)
    article = extract_article(path)
    assert article.kind == "pdf" and article.ext == "pdf"
    assert article.title == "Annual report 2021"
    assert article.author == "Alibaba Group"
    assert article.published == PartialDate(2021, 7, 27)
    assert article.text is not None
    assert "prohibited from continuing" in article.text and "Second page" in article.text
    assert article.missing == ("publisher", "url")


def test_damaged_pdf_still_imports_with_nothing_found(tmp_path: Path) -> None:
    article = extract_article(write(tmp_path, "broken.pdf", b"%PDF-1.7\n garbage \x00\xff"))
    assert article.kind == "pdf"
    assert "text" in article.missing and "title" in article.missing


def test_files_that_are_no_article(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file"):
        extract_article(tmp_path / "missing.html")
    with pytest.raises(ArticleError, match="folder"):
        extract_article(tmp_path)
    with pytest.raises(ArticleError, match="not a saved web page"):
        extract_article(write(tmp_path, "photo.jpg", b"\xff\xd8\xff\x00JFIF\x00\x00"))


def test_archived_copy_is_named_for_what_the_file_is(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    make_pdf(pdf)
    assert extract_article(write(tmp_path, "report.html", pdf.read_bytes())).ext == "pdf"
    assert extract_article(write(tmp_path, "page", "<!DOCTYPE html><title>T</title>")).ext == (
        "html"
    )
    assert extract_article(write(tmp_path, "notes.md", "# Notes\n")).ext == "md"
    assert extract_article(write(tmp_path, "notes.log", "Notes\n")).ext == "txt"
