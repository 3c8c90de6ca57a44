"""Chinese chapters (notebooks/zh/) in a real JupyterLab in headless Chromium.

The same checks as tests/browser/test_lab.py — run all cells, no error output, no "Error
displaying widget" or "Loading widget…", every control of every widget moved and the figure
changing — on three chapters of the Chinese edition with explorers, and three more:

* the widgets speak Chinese: the controls' labels and the explorers' readouts hold CJK text;
* no tofu in the figures: the kernel printed no matplotlib "Glyph … missing from font" warning
  (the explorers' pictures are drawn by matplotlib with Noto Sans CJK SC);
* no tofu in the page: every CJK character visible in the notebook is drawn by Chromium with a
  real glyph — compared on a canvas, in the font of the element that shows it, with the
  ".notdef" box drawn for a code point no font has.

A full-notebook screenshot of each goes to test-artifacts/browser-<timestamp>/zh-<chapter>.png.
"""

from __future__ import annotations

import _harness as H
import pytest

from .test_lab import run_notebook_checks

pytestmark = pytest.mark.browser

#: Chinese chapters with explorers: the loss explorer, softmax/temperature, class imbalance.
ZH_CHAPTERS = ["03-bce-vs-mse", "05-softmax-many-classes", "07-class-imbalance"]

JS_TOFU = r"""
(extra) => {
  const seen = new Map();   // char -> font of the first element showing it
  const bodyFont = `normal 400 32px ${getComputedStyle(document.body).fontFamily}`;
  for (const ch of (extra || '')) seen.set(ch, bodyFont);
  const walker = document.createTreeWalker(document.querySelector('.jp-Notebook') || document.body,
                                           NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || !el.getClientRects().length) continue;
    for (const ch of node.textContent) {
      if (/[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/.test(ch) && !seen.has(ch)) {
        const cs = getComputedStyle(el);
        seen.set(ch, `${cs.fontStyle} ${cs.fontWeight} 32px ${cs.fontFamily}`);
      }
    }
  }
  const c = document.createElement('canvas'); c.width = 48; c.height = 48;
  const ctx = c.getContext('2d', {willReadFrequently: true});
  const draw = (ch, font) => {
    ctx.clearRect(0, 0, 48, 48); ctx.font = font; ctx.fillStyle = '#000';
    ctx.textBaseline = 'top'; ctx.fillText(ch, 4, 4);
    return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(',');
  };
  const tofu = [];
  for (const [ch, font] of seen) {
    // U+10FFFD (private use, plane 16) has a glyph in no font: its drawing is the .notdef box
    if (draw(ch, font) === draw('\u{10FFFD}', font)) tofu.push(ch);
  }
  return {chars: seen.size, tofu: tofu.join('')};
}
"""

JS_LABELS = r"""
() => Array.from(document.querySelectorAll(
        '.jp-OutputArea-output .widget-label, .jp-OutputArea-output .widget-html-content, '
        + '.jp-OutputArea-output .widget-toggle-button, .jp-OutputArea-output option, '
        + '.jp-OutputArea-output .widget-dropdown select'))
      .map(e => (e.textContent || '').trim()).filter(t => t)
"""


def test_the_chinese_chapters_exist():
    have = {p.stem for p in H.chapters(H.NOTEBOOKS / "zh")}
    assert set(ZH_CHAPTERS) <= have, f"missing Chinese chapters: {sorted(set(ZH_CHAPTERS) - have)}"


@pytest.mark.parametrize("stem", ZH_CHAPTERS)
def test_chinese_chapter_in_jupyterlab(stem, lab_notebook, artifacts_dir):
    nb = lab_notebook(f"notebooks/zh/{stem}.ipynb")
    shot = artifacts_dir / f"zh-{stem}.png"
    failures, rep, notes = run_notebook_checks(nb, shot)
    print(f"zh/{stem}: screenshot {shot}")
    if rep is not None:
        print(f"{rep.n_sliders} slider(s) moved; " + "; ".join(rep.actions))
    glyphs = [t for t in nb.driver.stderr_texts() if "missing from font" in t]
    failures += [f"matplotlib drew tofu: {t[:300]}" for t in glyphs]
    labels = nb.page.evaluate(JS_LABELS)
    cjk = [t for t in labels if any("\u4e00" <= ch <= "\u9fff" for ch in t)]
    if labels and not cjk:
        failures.append(f"no widget label is Chinese: {labels[:12]}")
    tofu = nb.page.evaluate(JS_TOFU, "")
    print(f"zh/{stem}: {tofu['chars']} distinct CJK characters drawn, tofu: {tofu['tofu']!r}")
    if tofu["chars"] < 50:
        failures.append(f"only {tofu['chars']} distinct CJK characters visible: not Chinese?")
    if tofu["tofu"]:
        failures.append(
            f"characters drawn as tofu boxes by Chromium: {tofu['tofu'][:40]!r} (install a CJK "
            "font: `sudo apt-get install -y fonts-noto-cjk`; `python3 course.py test` does as root)"
        )
    assert not failures, f"zh/{stem} in JupyterLab:\n- " + "\n- ".join(failures)


def test_tofu_check_can_fail(browser_context):
    """A character no font has (plane-16 private use) is reported; Chinese text is not."""
    page = browser_context.new_page()
    try:
        page.set_content('<div class="jp-Notebook"><p>交叉熵</p></div>')
        got = page.evaluate(JS_TOFU, "\U0010fffc")
        assert got["chars"] == 4 and got["tofu"] == "\U0010fffc", got
    finally:
        page.close()
