"""The offline deck of a chapter (``python3 course.py slides NN``) in headless Chromium.

Opens the deck from ``file://``, records every request, advances with the arrow keys and
checks that Reveal's slide index moves, the mathematics is typeset by the local MathJax, and
that nothing was requested outside ``file://``/``data:``, nothing failed and nothing was logged
as an error.
"""

from __future__ import annotations

import contextlib
import importlib.util

import _harness as H
import pytest

pytestmark = pytest.mark.browser

spec = importlib.util.spec_from_file_location("lossviz_tools_slides", H.REPO / "tools/slides.py")
slides = importlib.util.module_from_spec(spec)
spec.loader.exec_module(slides)


def test_deck_offline(browser_context, artifacts_dir, tmp_path):
    deck = slides.build_slides("03", tmp_path / "slides")
    page = browser_context.new_page()
    requests, failed, console = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failed.append(f"{r.url}: {r.failure}"))
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    try:
        page.goto(deck.as_uri(), wait_until="load", timeout=60_000)
        page.wait_for_function(
            "() => window.Reveal && Reveal.isReady && Reveal.isReady()", timeout=30_000
        )
        page.wait_for_function(
            "() => document.querySelectorAll('mjx-container').length > 0", timeout=60_000
        )
        seen = [page.evaluate("() => Reveal.getIndices()")]
        for _ in range(4):
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(300)
            seen.append(page.evaluate("() => Reveal.getIndices()"))
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(300)
        total = page.evaluate("() => Reveal.getTotalSlides()")
        H.full_screenshot(page, artifacts_dir / f"slides-{deck.stem}.png")
        print(f"{deck.name}: {total} slides; indices {seen}; {len(requests)} requests")
        assert seen[0]["h"] == 0
        assert [s["h"] for s in seen[1:]] == [1, 2, 3, 4], f"arrow keys did not advance: {seen}"
        assert total >= 8
        outside = [u for u in requests if not u.startswith(("file://", "data:"))]
        assert not outside, "requests outside file:// and data::\n" + "\n".join(outside)
        assert not failed, "failed requests:\n" + "\n".join(failed)
        assert not console, "console errors:\n" + "\n".join(console)
        assert any(u.endswith("/_assets/reveal.js/reveal.js") for u in requests)
        assert any(u.endswith("/_assets/mathjax/tex-svg-full.js") for u in requests)
    finally:
        with contextlib.suppress(Exception):
            page.close()
