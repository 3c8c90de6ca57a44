"""Offline slides (``python3 course.py slides NN``, tools/slides.py), without a browser.

The deck of a chapter must load nothing from the network: no ``http(s)`` URL anywhere a
browser would fetch it (``src``, ``<link href>``, scripts, styles, ``url(...)``); a URL may only
appear as text or as a link the reader can follow. No code: no cell input, no widget output.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("lossviz_tools_slides", ROOT / "tools/slides.py")
slides = importlib.util.module_from_spec(spec)
spec.loader.exec_module(slides)

URL = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.I)


class _Loads(HTMLParser):
    """Everything in a page that a browser would fetch or run, and the section count."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fetched: list[str] = []  # attribute values that load something
        self.code: list[str] = []  # script and style text
        self.sections = 0
        self.classes: list[str] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            self.sections += 1
        self.classes += (a.get("class") or "").split()
        for key in ("src", "srcset", "data", "poster", "background"):
            if a.get(key):
                self.fetched.append(f"<{tag} {key}={a[key][:120]}>")
        if tag in ("link", "base", "object", "embed", "iframe") and a.get("href"):
            self.fetched.append(f"<{tag} href={a['href'][:120]}>")
        if a.get("style"):
            self.code.append(a["style"])
        self._in = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in:
            self.code.append(data)


def _external(parser: _Loads) -> list[str]:
    bad = [f for f in parser.fetched if URL.search(f.split("=", 1)[1])]
    for text in parser.code:
        bad += [
            f"script/style: ...{text[max(0, m.start() - 60) : m.end() + 40]}..."
            for m in URL.finditer(text)
        ]
    return bad


def _have_npm_or_cache():
    cached = all(
        (slides.NPM_CACHE / "node_modules" / n / "package.json").is_file()
        for n in slides.NPM_PACKAGES
    )
    return cached or shutil.which("npm")


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    if not _have_npm_or_cache():
        pytest.fail("npm is needed once to fetch reveal.js and mathjax (apt-get install -y npm)")
    out = tmp_path_factory.mktemp("slides")
    return slides.build_slides("02", out)


def test_deck_loads_nothing_from_the_network(deck):
    p = _Loads()
    p.feed(deck.read_text(encoding="utf-8"))
    assert not _external(p), "the deck would fetch from the network:\n" + "\n".join(_external(p))
    assert any("_assets/reveal.js/reveal.js" in f for f in p.fetched)
    assert any("_assets/mathjax/tex-svg-full.js" in f for f in p.fetched)
    for f in p.fetched:  # every local file the deck loads is there
        target = f.split("=", 1)[1].rstrip(">")
        if not target.startswith("data:"):
            assert (deck.parent / target).is_file(), f"{target} missing beside the deck"


def test_checker_sees_an_outside_url():
    """The check above can fail: a CDN script, a stylesheet and a CSS url() are each caught."""
    for html in (
        '<script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-svg.js"></script>',
        '<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Lato">',
        "<style>@font-face { src: url(https://fonts.gstatic.com/x.woff2); }</style>",
    ):
        p = _Loads()
        p.feed(html)
        assert _external(p), html
    p = _Loads()
    p.feed('<p>See <a href="https://example.org/paper">the paper</a>, https://example.org.</p>')
    assert not _external(p)  # a link to follow and a URL in text load nothing


def test_deck_has_sections_maths_figures_and_no_code(deck):
    nb_path = slides.resolve_chapter("02")
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    text = deck.read_text(encoding="utf-8")
    p = _Loads()
    p.feed(text)
    headings = [
        c
        for c in nb["cells"]
        if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("## ")
    ]
    assert p.sections >= len(headings) + 1
    assert "jp-InputArea-editor" not in p.classes and "jp-CodeCell" in p.classes
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    longest = max((line.strip() for src in code for line in src.splitlines()), key=len)
    assert longest not in text, f"code is in the deck: {longest!r}"
    assert slides.WIDGET_MIME not in text and "Error displaying widget" not in text
    assert "data:image/png;base64," in text or "<svg" in text  # figures, embedded
    assert "\\frac" in text or "\\log" in text or "$" in text  # the mathematics, for MathJax


def test_layout_of_cells():
    md = lambda s: {"cell_type": "markdown", "source": s, "metadata": {}}  # noqa: E731
    fig = {
        "cell_type": "code",
        "source": "plot()",
        "metadata": {},
        "outputs": [{"output_type": "display_data", "data": {"image/png": "AAAA"}, "metadata": {}}],
    }
    widget = {
        "cell_type": "code",
        "source": "Explorer()",
        "metadata": {},
        "outputs": [
            {"output_type": "display_data", "data": {slides.WIDGET_MIME: {}, "text/plain": "x"}},
            {"output_type": "stream", "name": "stderr", "text": "warning"},
        ],
    }
    code = {"cell_type": "code", "source": "# a comment first", "metadata": {}, "outputs": []}
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "0.5\n"}]
    figs = [json.loads(json.dumps(fig)) for _ in range(3)]
    cells = [md("# Title"), md("## One"), widget, *figs, md("## Two"), md("text"), code]
    out = slides.prepare_notebook({"metadata": {"widgets": {"state": {}}}, "cells": cells})
    kinds = [c["metadata"]["slideshow"]["slide_type"] for c in out["cells"]]
    assert kinds == ["slide", "slide", "skip", "-", "subslide", "subslide", "slide", "-", "-"]
    assert out["cells"][2]["outputs"] == [] and "widgets" not in out["metadata"]
    assert cells[2]["outputs"], "the original notebook is not modified"


def test_missing_chapter_says_which_exist():
    with pytest.raises(ValueError, match="exactly one notebook"):
        slides.build_slides("99")


def test_chinese_deck(tmp_path):
    """``python3 course.py slides 02 --zh``: the Chinese chapter's deck, offline too."""
    if not _have_npm_or_cache():
        pytest.fail("npm is needed once to fetch reveal.js and mathjax (apt-get install -y npm)")
    assert slides.main(["02", "--zh", "--out", str(tmp_path)]) == 0
    deck = tmp_path / "02-entropy-cross-entropy-kl.slides.html"
    text = deck.read_text(encoding="utf-8")
    p = _Loads()
    p.feed(text)
    assert not _external(p)
    assert "交叉熵" in text and p.sections >= 3
