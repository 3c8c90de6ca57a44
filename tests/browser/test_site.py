"""The static site in headless Chromium, from ``file://`` (``python3 course.py site``).

``LOSSVIZ_SITE_DIR=/path/to/built/site`` runs every check below on that site instead (for
example a full build, ``python tools/site.py --out /tmp/site``); the folder is used as it is.

The subset built by ``tests/test_site_build.py`` (English chapters 01-10, the fewest chapters that
hold every explorer class at least once -- see ``CHAPTERS`` there for why not the full site --
and the Chinese chapters ``ZH_CHAPTERS``, cached in ``.cache/site-test``) is opened page by page:

* every page loads with no console error, no failed request and no request outside the site
  (only ``file:`` and ``data:`` URLs);
* each edition's index links its chapters and every chapter links back to its index;
* the Chinese pages: ``lang="zh-CN"``, their explorers become ready and move, their labels and
  readouts are Chinese, the language switch goes to the English page, the Chinese text is drawn
  with a CJK font (no tofu: Chromium's own record of the fonts it used, and the glyphs' widths),
  and a full-page screenshot of each goes to the artifacts folder;
* every control of every explorer is moved (range inputs from the keyboard: Home, End, arrows,
  and by dragging the thumb to both ends; selects through every option and back; checkboxes)
  and the picture or the readout changes, or, where the kernel draws the same picture (focal γ
  with the focal curve off), the page says the move changes nothing;
* the pixel comparison: for a sample of settings of every explorer, a screenshot of the page's
  canvas against the kernel's ``render_png()`` of a fresh explorer at the same setting (in
  Chinese, ``lossviz.i18n.language("zh")``, for a Chinese page).
  Tolerance: mean |difference| < 2 (of 255) over pixels and channels, and fewer than 1 % of the
  pixels differ by more than 64 in any channel (alpha blending rounds differently in Chromium).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import math
import os
import re
import sys
from pathlib import Path

import _harness as H
import numpy as np
import pytest
from PIL import Image

pytestmark = pytest.mark.browser

sys.path.insert(0, str(H.REPO / "tests"))
spec = importlib.util.spec_from_file_location(
    "lossviz_site_build", H.REPO / "tests/test_site_build.py"
)
site_build = importlib.util.module_from_spec(spec)
spec.loader.exec_module(site_build)

_CJK = re.compile(r"[\u3400-\u9fff]")
ZH_CHROME = ("课程目录", "代码")

MEAN_TOL = 2.0
FRACTION_TOL = 0.01
SAMPLES = 4


@pytest.fixture(scope="module")
def site():
    given = os.environ.get("LOSSVIZ_SITE_DIR")
    if given:
        out = Path(given).resolve()
        if not (out / "index.html").is_file():
            raise FileNotFoundError(
                f"LOSSVIZ_SITE_DIR={given!r}: no index.html there; build a site first "
                f"(python tools/site.py --out {given}) or unset LOSSVIZ_SITE_DIR"
            )
        return out
    out, _ = site_build.build_test_site()
    return out


def _open(browser_context, url):
    page = browser_context.new_page()
    page.set_viewport_size({"width": 1700, "height": 1000})
    log = {"requests": [], "failed": [], "console": []}
    page.on("request", lambda r: log["requests"].append(r.url))
    page.on("requestfailed", lambda r: log["failed"].append(f"{r.url}: {r.failure}"))
    page.on("console", lambda m: log["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["console"].append(str(e)))
    page.goto(url, wait_until="load", timeout=60_000)
    try:
        page.wait_for_function(
            "() => [...document.querySelectorAll('.lv-explorer')].every(e => e.dataset.ready)",
            timeout=60_000,
        )
    except Exception as e:  # say why: a missing data file or image shows in the log
        page.close()
        raise AssertionError(
            f"{url}: an explorer never became ready ({type(e).__name__}); failed requests: "
            f"{log['failed']}; console errors: {log['console']}"
        ) from e
    return page, log


def _check_log(log, name):
    outside = [u for u in log["requests"] if not u.startswith(("file:", "data:"))]
    assert not outside, f"{name}: requests outside the site:\n" + "\n".join(outside)
    assert not log["failed"], f"{name}: failed requests:\n" + "\n".join(log["failed"])
    assert not log["console"], f"{name}: console errors:\n" + "\n".join(log["console"])


def _state(page, i):
    return page.evaluate(
        # the picture as what it is drawn from (background, patches and sprites): a canvas
        # drawn from file:// images cannot be read back (toDataURL), the screenshots test pixels
        """i => { const e = window.lvExplorers[i];
                  return [e.k, JSON.stringify(e.d.frames[e.k].slice(0, 2)),
                          e.readout.textContent, e.snapNote ? e.snapNote.textContent : ""]; }""",
        i,
    )


def _responded(before, after):
    """The picture or the readout changed, or the page said the move changes nothing here
    (a control the kernel ignores in this state, e.g. focal γ while the focal curve is off)."""
    said = "no visible change" in after[3] or "画面没有变化" in after[3]
    return after[1] != before[1] or after[2] != before[2] or (after[0] != before[0] and said)


def _pixels(png):
    with Image.open(io.BytesIO(png)) as im:
        return np.asarray(im.convert("RGB")).astype(np.int16)


def _canvas_shot(page, canvas, d, name):
    """What the page shows of the canvas, pixel for pixel.

    The canvas must be drawn 1:1 (CSS size = bitmap size = the kernel's figure size, device
    pixel ratio 1).  Its layout box may start at a fractional CSS pixel (the text above it has
    fractional line heights); Chromium paints it snapped to the nearest device pixel, while an
    element screenshot clips the enclosing integer rectangle (one row or column too many), so the
    screenshot is clipped at the snapped position with the bitmap's exact size.
    """
    canvas.evaluate("c => c.scrollIntoView({block: 'center'})")
    geo = canvas.evaluate(
        """c => { const r = c.getBoundingClientRect();
                  return {x: r.x, y: r.y, w: r.width, h: r.height, bw: c.width, bh: c.height,
                          dpr: window.devicePixelRatio}; }"""
    )
    assert geo["dpr"] == 1, f"{name}: devicePixelRatio {geo['dpr']}, the comparison needs 1"
    assert (geo["bw"], geo["bh"]) == (d["width"], d["height"]), (
        f"{name}: canvas bitmap {geo['bw']}x{geo['bh']} is not the figure's "
        f"{d['width']}x{d['height']}"
    )
    assert (geo["w"], geo["h"]) == (geo["bw"], geo["bh"]), (
        f"{name}: canvas shown at {geo['w']}x{geo['h']} CSS px, not 1:1 with its "
        f"{geo['bw']}x{geo['bh']} bitmap (scaled by CSS or a border)"
    )
    clip = {
        "x": math.floor(geo["x"] + 0.5),
        "y": math.floor(geo["y"] + 0.5),
        "width": geo["bw"],
        "height": geo["bh"],
    }
    return _pixels(page.screenshot(clip=clip, animations="disabled", caret="hide"))


def _zh_pages(site):
    return sorted(site.glob("[0-9][0-9]-*.zh.html"))


def _edition(p):
    return "zh" if p.name.endswith(".zh.html") else "en"


def test_pages_load_offline_and_link(site, browser_context):
    hrefs = {}
    for lang, name in (("en", "index.html"), ("zh", "index.zh.html")):
        if lang == "zh" and not (site / name).exists():
            continue
        page, log = _open(browser_context, (site / name).as_uri())
        hrefs[lang] = page.eval_on_selector_all("a", "els => els.map(a => a.getAttribute('href'))")
        page.close()
        _check_log(log, name)
    chapters = [p for p in sorted(site.glob("[0-9][0-9]-*.html"))]
    assert chapters
    for p in chapters:
        lang = _edition(p)
        index = "index.html" if lang == "en" else "index.zh.html"
        assert p.name in hrefs[lang], f"{index} does not link {p.name}"
        page, log = _open(browser_context, p.as_uri())
        try:
            back = page.eval_on_selector_all(f"a[href='{index}']", "els => els.length")
            assert back >= 1, f"{p.name} does not link back to {index}"
            page.wait_for_function(
                "() => document.querySelectorAll('mjx-container').length > 0", timeout=60_000
            )
            assert page.evaluate("document.querySelectorAll('details.lv-code:not([open])').length")
        finally:
            page.close()
        _check_log(log, p.name)


def _move_every_control(page, i, name):
    controls = page.evaluate("i => window.lvExplorers[i].d.controls.map(c => c.kind)", i)
    root = f"#{page.evaluate('i => window.lvExplorers[i].root.id', i)}"
    for c, kind in enumerate(controls):
        sel = f"{root} [data-control='{c}']"
        el = page.locator(sel)
        el.scroll_into_view_if_needed()
        if kind == "range":
            n = int(el.get_attribute("max"))
            for key, want in (("End", n), ("Home", 0), ("ArrowRight", 1)):
                before = _state(page, i)
                el.focus()
                page.keyboard.press(key)
                after = _state(page, i)
                assert int(el.input_value()) == want, f"{name} control {c}: {key} -> {want}"
                assert _responded(before, after), (
                    f"{name} control {c}: {key} changed nothing on the page"
                )
            box = el.bounding_box()
            y = box["y"] + box["height"] / 2
            for x_to, want in ((box["x"] + box["width"] + 20, n), (box["x"] - 20, 0)):
                before = _state(page, i)
                page.mouse.move(box["x"] + box["width"] / 2, y)
                page.mouse.down()
                page.mouse.move(x_to, y, steps=5)
                page.mouse.up()
                assert int(el.input_value()) == want, f"{name} control {c}: drag to {want}"
                assert _responded(before, _state(page, i)), f"{name} control {c}: drag"
        elif kind == "bool":
            for _ in range(2):
                before = _state(page, i)
                el.focus()
                page.keyboard.press("Space")
                after = _state(page, i)
                assert _responded(before, after), f"{name} checkbox {c}"
        else:
            # every option once, each different from the one before, ending where it started
            # (selecting the option already selected fires no change: nothing to see)
            n, cur = page.evaluate(
                f'(s => [s.options.length, s.selectedIndex])(document.querySelector("{sel}"))'
            )
            assert n >= 2, f"{name} select {c}: {n} option(s), nothing to choose"
            for v in [(cur + j) % n for j in range(1, n + 1)]:
                before = _state(page, i)
                el.select_option(index=v)
                after = _state(page, i)
                assert _responded(before, after), f"{name} select {c}={v}"


def test_every_control_moves_the_picture(site, browser_context):
    for p in sorted(site.glob("[0-9][0-9]-*.html")):
        page, log = _open(browser_context, p.as_uri())
        try:
            n = page.evaluate("window.lvExplorers.length")
            for i in range(n):
                name = f"{p.name} explorer {i}"
                _move_every_control(page, i, name)
        finally:
            page.close()
        _check_log(log, p.name)


def test_pixels_match_the_kernel(site, browser_context, artifacts_dir):
    import lossviz as lv
    from lossviz import i18n

    rng = np.random.default_rng(12)
    report = []
    for p in sorted(site.glob("[0-9][0-9]-*.html")):
        page, log = _open(browser_context, p.as_uri())
        try:
            n = page.evaluate("window.lvExplorers.length")
            for i in range(n):
                d = page.evaluate(
                    """i => { const d = window.lvExplorers[i].d;
                       return {cls: d.cls, controls: d.controls.map(c => [c.name, c.values]),
                               n: d.settings.length, settings: d.settings,
                               width: d.width, height: d.height}; }""",
                    i,
                )
                picks = {0, d["n"] - 1, *rng.choice(d["n"], size=SAMPLES - 2, replace=False)}
                for k in sorted(int(x) for x in picks):
                    page.evaluate("([i, k]) => window.lvExplorers[i].show(k, false)", [i, k])
                    canvas = page.locator(
                        f"#{page.evaluate('i => lvExplorers[i].root.id', i)} canvas"
                    )
                    shot = _canvas_shot(page, canvas, d, name=f"{p.name} {d['cls']}")
                    setting = {
                        name: values[j]
                        for (name, values), j in zip(d["controls"], d["settings"][k], strict=True)
                    }
                    with i18n.language(_edition(p)):  # a Chinese page: the Chinese kernel
                        ex = getattr(lv, d["cls"])(image_format="png", **setting)
                        kernel = _pixels(ex.render_png())
                    # the readout (rebuilt in the page from its deduplicated lines) is the kernel's
                    shown = page.evaluate("i => lvExplorers[i].readout.textContent", i)
                    if ex.readout_text:
                        assert shown.replace("\xa0", "") == ex.readout_text.replace("\n", ""), (
                            f"{d['cls']} at {setting}: readout {shown!r} vs {ex.readout_text!r}"
                        )
                    assert shot.shape == kernel.shape, (
                        f"{d['cls']} at {setting}: page {shot.shape} vs kernel {kernel.shape}"
                    )
                    diff = np.abs(shot - kernel)
                    mean, frac = float(diff.mean()), float((diff.max(-1) > 64).mean())
                    report.append(f"{d['cls']} #{k}: mean {mean:.3f}, >64: {frac:.4%}")
                    if mean >= MEAN_TOL or frac >= FRACTION_TOL:
                        Image.fromarray(shot.astype(np.uint8)).save(artifacts_dir / "site-page.png")
                        Image.fromarray(kernel.astype(np.uint8)).save(
                            artifacts_dir / "site-kernel.png"
                        )
                    assert mean < MEAN_TOL and frac < FRACTION_TOL, (
                        f"{p.name} {d['cls']} at {setting}: page differs from the kernel: "
                        f"mean |diff| {mean:.2f}, {frac:.2%} of pixels off by > 64"
                    )
        finally:
            with contextlib.suppress(Exception):
                page.close()
        _check_log(log, p.name)
    print("\n".join(report))


def _fonts_used(page, selector):
    """The fonts Chromium drew the text of the first ``selector`` element with (its own record,
    through the DevTools protocol): ``{family: glyph count}``."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, f"no {selector} on the page"
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()
    return {f["familyName"]: f["glyphCount"] for f in fonts}


def _check_cjk_font(page, name):
    """Chinese text is drawn with a CJK font: no tofu (boxes of a font without the glyphs)."""
    # the font is installed (the page's stylesheet asks for it by name) ...
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"')"), name
    # ... and really there: a family that is missing falls back to the generic one, so a Latin
    # string measures the same with and without it
    widths = page.evaluate(
        """() => { const c = document.createElement('canvas').getContext('2d');
                   const w = f => { c.font = f; return c.measureText('mmmmmmmmmmlli').width; };
                   return [w('32px "Noto Sans CJK SC", monospace'), w('32px monospace'),
                           w('32px "Noto Sans CJK SC", serif'), w('32px serif')]; }"""
    )
    assert widths[0] != widths[1] or widths[2] != widths[3], (
        f"{name}: the font Noto Sans CJK SC is not available (Debian: fonts-noto-cjk): {widths}"
    )
    # Chromium's own record: the heading's and a readout's Chinese glyphs came from a CJK font
    for selector in ("h1", ".lv-readout div"):
        text = page.evaluate(f"(document.querySelector('{selector}') || {{}}).textContent || ''")
        cjk = len(_CJK.findall(text))
        if not cjk:
            continue
        fonts = _fonts_used(page, selector)
        in_cjk = sum(n for fam, n in fonts.items() if "CJK" in fam or "Han" in fam)
        assert in_cjk >= cjk, f"{name} {selector} {text[:40]!r}: drawn with {fonts} (tofu?)"
    # the glyphs are full-width in the page's own font (a missing glyph's box is narrower)
    w = page.evaluate(
        """() => { const h = document.querySelector('h1'); const c = document.createElement(
                     'canvas').getContext('2d');
                   c.font = '16px ' + getComputedStyle(h).fontFamily;
                   return c.measureText('汉字汉字').width; }"""
    )
    assert abs(w - 64) < 2, f"{name}: four CJK characters measure {w:.1f} px at 16 px, not 64"


def test_chinese_pages(site, browser_context, artifacts_dir):
    """Every Chinese page: lang, Chinese chrome, explorers ready and moving with Chinese labels
    and readouts, CJK font (no tofu), a full-page screenshot, the switch to the English page."""
    zh = _zh_pages(site)
    assert zh, f"{site}: no Chinese page (NN-*.zh.html); build both editions"
    report = []
    for p in [site / "index.zh.html", *zh]:
        page, log = _open(browser_context, p.as_uri())
        try:
            assert page.evaluate("document.documentElement.lang") == "zh-CN", p.name
            nav = page.inner_text("nav.lv-nav")
            assert ZH_CHROME[0] in nav, f"{p.name}: navigation {nav!r}"
            if not p.name.startswith("index"):  # the mathematics typeset, for the screenshot
                page.wait_for_function(
                    "() => document.querySelectorAll('mjx-container').length > 0", timeout=60_000
                )
            _check_cjk_font(page, p.name)
            n = page.evaluate("(window.lvExplorers || []).length")
            assert n or p.name.startswith("index"), f"{p.name}: no explorer"
            for i in range(n):
                labels = page.evaluate(
                    """i => [...window.lvExplorers[i].root.querySelectorAll(
                              '.lv-controls label')].map(l => l.textContent)""",
                    i,
                )
                note = page.evaluate(
                    "i => window.lvExplorers[i].root.querySelector('.lv-note').textContent", i
                )
                readout = _state(page, i)[2]
                where = f"{p.name} explorer {i}"
                assert any(_CJK.search(t) for t in labels), f"{where}: labels {labels}"
                assert _CJK.search(note), f"{where}: note {note!r}"
                assert _CJK.search(readout), f"{where}: readout {readout!r}"
                # a move: the first slider one step (every control of every explorer, in both
                # editions, is moved by test_every_control_moves_the_picture)
                root = page.evaluate("i => lvExplorers[i].root.id", i)
                el = page.locator(f"#{root} input[type=range][data-control]").first
                if el.count():
                    before = _state(page, i)
                    el.focus()
                    page.keyboard.press("ArrowRight")
                    after = _state(page, i)
                    assert _responded(before, after), f"{where}: the move changed nothing"
                    assert not after[3] or _CJK.search(after[3]), f"{where}: {after[3]!r}"
                report.append(f"{where}: labels {labels[:3]}, readout {readout[:30]!r}")
            shot = artifacts_dir / f"site-{p.stem.replace('.', '-')}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000, f"{shot}: empty screenshot?"
            # the language switch goes to the English counterpart
            english = p.name.replace(".zh.html", ".html")
            switch = page.locator("nav.lv-nav a.lv-lang").first
            assert switch.inner_text() == "English", p.name
            with page.expect_navigation(wait_until="load"):
                switch.click()
            assert page.url.endswith("/" + english), f"{p.name}: switch went to {page.url}"
            assert page.evaluate("document.documentElement.lang") == "en"
            page.wait_for_function(
                "() => [...document.querySelectorAll('.lv-explorer')].every(e => e.dataset.ready)",
                timeout=60_000,
            )
            back = page.locator("nav.lv-nav a.lv-lang").first
            assert back.get_attribute("href") == p.name and back.inner_text() == "中文"
        finally:
            with contextlib.suppress(Exception):
                page.close()
        _check_log(log, p.name)
    print("\n".join(report))
