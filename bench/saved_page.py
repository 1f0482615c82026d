"""A seeded saved news page of a given size, as a browser's "Save page as" keeps it.

Most of a saved page is not the article: inline scripts, style sheets and
icons, navigation, related links and a comments section. The article itself
is about forty paragraphs with OpenGraph and schema.org metadata, as news
sites publish it. The same ``(size, seed)`` always gives the same bytes.
"""

from __future__ import annotations

import json
import random

WORDS = (
    "company", "cloud", "revenue", "regulator", "review", "national", "security", "data",
    "clients", "government", "access", "report", "quarter", "growth", "market", "analysts",
    "said", "according", "annual", "filing", "board", "shares", "investors", "officials",
    "commerce", "department", "administration", "people", "briefed", "matter",
)
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_$"


def saved_page(size: int = 2_000_000, seed: int = 7) -> bytes:
    """About ``size`` bytes of HTML (UTF-8) holding one news article."""
    rng = random.Random(seed)

    def sentence(n: int) -> str:
        s = " ".join(rng.choice(WORDS) for _ in range(n))
        return s[0].upper() + s[1:] + "."

    def paragraph() -> str:
        return " ".join(sentence(rng.randint(8, 25)) for _ in range(rng.randint(3, 6)))

    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle",
        "headline": "Alibaba cloud under review", "datePublished": "2021-09-21",
        "author": {"@type": "Person", "name": "Jane Doe"},
        "publisher": {"@type": "Organization", "name": "Example News"},
    }
    head = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        "<title>Alibaba cloud under review | Example News</title>",
        '<meta property="og:title" content="Alibaba cloud under review">',
        '<meta property="og:site_name" content="Example News">',
        '<link rel="canonical" href="https://news.example.com/2021/09/alibaba-cloud-review">',
        '<meta name="author" content="Jane Doe">',
        '<meta property="article:published_time" content="2021-09-21T10:00:00Z">',
        f'<script type="application/ld+json">{json.dumps(ld)}</script>',
    ]
    body = ["<body><header><nav><ul>"]
    body += [f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(150)]
    body += ["</ul></nav></header>", "<main><article><h1>Alibaba cloud under review</h1>",
             '<p class="byline">By Jane Doe</p>']
    body += [f"<p>{paragraph()}</p>" for _ in range(40)]
    body.append("</article><aside><h2>Related</h2><ul>")
    body += [f'<li><a href="/story/{i}">{sentence(8)}</a></li>' for i in range(200)]
    body.append('</ul></aside><section id="comments">')
    body += [
        f'<div class="comment"><span class="user">user{i}</span>'
        f"<p>{sentence(rng.randint(5, 30))}</p></div>"
        for i in range(300)
    ]
    body.append("</section></main><footer>")
    body += [f'<a href="/f/{i}">Footer link {i}</a>' for i in range(150)]
    body.append("</footer></body></html>")

    budget = size - sum(len(x) for x in head + body)
    filler: list[str] = []
    while budget > 0:
        n = min(budget, rng.randint(20_000, 120_000))
        kind = rng.random()
        if kind < 0.6:
            js = ";".join(
                f"var {''.join(rng.choice(_ALPHABET) for _ in range(6))}="
                f"function(a,b){{return a+b*{rng.randint(0, 999)}}}"
                for _ in range(n // 40)
            )
            block = f"<script>{js}</script>"
        elif kind < 0.85:
            css = "".join(
                f".c{rng.randint(0, 99999)}{{margin:{rng.randint(0, 40)}px;"
                f"color:#{rng.randint(0, 0xFFFFFF):06x}}}"
                for _ in range(n // 40)
            )
            block = f"<style>{css}</style>"
        else:
            path = " ".join(f"L{rng.randint(0, 999)} {rng.randint(0, 999)}" for _ in range(n // 10))
            block = f'<svg style="display:none"><path d="M0 0 {path}"/></svg>'
        filler.append(block)
        budget -= len(block)
    half = len(filler) // 2
    page = head + filler[:half] + ["</head>"] + body[:-1] + filler[half:] + body[-1:]
    return "".join(page).encode("utf-8")
