#!/usr/bin/env python3
"""Offline reveal.js slides of a chapter: ``python3 course.py slides NN``.

    python3 course.py slides 03              # -> slides/03-bce-vs-mse.slides.html
    python3 tools/slides.py 02 03 --out /tmp/decks

Each ``## `` section of the chapter notebook (``notebooks/NN-*.ipynb``, with its stored outputs)
becomes a slide, a long section is split into vertical sub-slides; the text and mathematics,
the figures and the static twins stay, the code does not (inputs hidden, error and stderr
output dropped, and the live widget output of an explorer removed: it needs a kernel, and
the static twin that follows it is kept).

The deck opens from disk with no network. reveal.js and MathJax 3 (SVG output, no web fonts)
come from the npm packages ``reveal.js`` and ``mathjax`` at the versions pinned below,
installed once into ``.cache/npm`` (``npm`` must be on PATH the first time) and copied into
``slides/_assets/`` beside the decks; images are embedded as ``data:`` URLs. The template
drops nbconvert's require.js, jQuery, mermaid and widget-manager scripts (all from CDNs).

From Python: ``build_slides("03")`` returns the path of the deck.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SLIDES = ROOT / "slides"
NPM_CACHE = ROOT / ".cache" / "npm"
ASSETS = "_assets"

#: npm packages (name -> exact version) the decks are built with.
NPM_PACKAGES = {"reveal.js": "6.0.2", "mathjax": "3.2.2"}

#: files copied from the npm packages into ``slides/_assets/`` (source -> destination).
ASSET_FILES = {
    "reveal.js/dist/reveal.js": "reveal.js/reveal.js",
    "reveal.js/dist/reveal.css": "reveal.js/reveal.css",
    "reveal.js/dist/theme/white.css": "reveal.js/theme/white.css",
    "reveal.js/LICENSE": "reveal.js/LICENSE",
    "mathjax/es5/tex-svg-full.js": "mathjax/tex-svg-full.js",
    "mathjax/LICENSE": "mathjax/LICENSE",
}

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
_STYLE = re.compile(r"<style[^>]*>.*?</style>", re.S | re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)

#: a (sub)slide holds about this many lines of text; a figure counts as FIGURE_LINES.
SLIDE_LINES = 16
FIGURE_LINES = 12

__all__ = [
    "build_slides",
    "prepare_notebook",
    "ensure_assets",
    "resolve_chapter",
    "NPM_PACKAGES",
]

TEMPLATE = r"""
{%- extends 'index.html.j2' -%}
{% set reveal_url_prefix = resources.reveal.url_prefix %}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}
<script>
window.MathJax = {
  tex: {inlineMath: [['$', '$'], ['\\(', '\\)']], displayMath: [['$$', '$$'], ['\\[', '\\]']],
        processEscapes: true, processEnvironments: true},
  svg: {fontCache: 'global'},
  options: {enableMenu: false, enableAssistiveMml: false},
  startup: {typeset: true}
};
</script>
<script src="{{ resources.lossviz_assets }}/mathjax/tex-svg-full.js"></script>
<style>
.reveal .slides section { text-align: left; font-size: 0.62em; }
.reveal .jp-OutputArea-output img { max-height: 520px; width: auto; }
.reveal h1, .reveal h2 { text-transform: none; }
.jp-InputPrompt, .jp-OutputPrompt { display: none !important; }
</style>
{%- endblock html_head_js_mathjax -%}
{% block footer_js %}
<script src="{{ resources.lossviz_assets }}/reveal.js/reveal.js"></script>
<script>
Reveal.initialize({
  controls: true, progress: true, hash: true, slideNumber: 'c/t',
  transition: 'none', width: 1100, height: 760, margin: 0.04
});
</script>
{% endblock footer_js %}
"""


def resolve_chapter(chapter: str | int | Path, root: Path = NOTEBOOKS) -> Path:
    """Chapter ``3``, ``"03"``, a name or a path -> the notebook (as ``present`` resolves it)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_lossviz_present", ROOT / "tools/present.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.resolve_chapter(chapter, root)


# --------------------------------------------------------------------------- assets
def ensure_assets(cache: Path = NPM_CACHE) -> Path:
    """The npm packages of :data:`NPM_PACKAGES` in ``cache/node_modules`` (installed if missing).

    Raises RuntimeError (saying how to fix it) when npm is missing or the install fails.
    """
    modules = cache / "node_modules"

    def have(name, version):
        f = modules / name / "package.json"
        return f.is_file() and json.loads(f.read_text()).get("version") == version

    missing = {n: v for n, v in NPM_PACKAGES.items() if not have(n, v)}
    if missing:
        npm = shutil.which("npm")
        if not npm:
            raise RuntimeError(
                "the slides need the npm packages "
                + ", ".join(f"{n}@{v}" for n, v in missing.items())
                + f" in {cache}; npm was not found on PATH. Install Node.js and npm (e.g. "
                "`apt-get install -y npm`), then run `python3 course.py slides NN` again."
            )
        cache.mkdir(parents=True, exist_ok=True)
        cmd = [npm, "install", "--prefix", str(cache), "--no-audit", "--no-fund", "--silent"]
        cmd += [f"{n}@{v}" for n, v in missing.items()]
        print("[slides] " + " ".join(cmd), flush=True)
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode or any(not have(n, v) for n, v in missing.items()):
            raise RuntimeError(
                f"`npm install` of {', '.join(missing)} into {cache} failed "
                f"(exit {done.returncode}): {done.stderr.strip()[-800:]}"
            )
    return modules


def copy_assets(out_dir: Path, modules: Path) -> Path:
    """Copy reveal.js and MathJax into ``out_dir/_assets`` (only what the decks load)."""
    dest = out_dir / ASSETS
    for src, rel in ASSET_FILES.items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(modules / src, target)
    return dest


# --------------------------------------------------------------------------- cells
def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else str(source or "")


def _keep_output(out: dict) -> bool:
    kind = out.get("output_type")
    if kind == "error":
        return False
    if kind == "stream":
        return out.get("name") == "stdout" and bool(_text(out.get("text")).strip())
    data = out.get("data", {})
    if WIDGET_MIME in data:
        return False  # a live widget needs a kernel; its static twin follows
    html = _text(data.get("text/html"))
    if "lossviz-not_attempted" in html:
        return False  # "Replace ... with your answer": an exercise not answered
    return bool(data)


def _lines(text: str, width: int = 100) -> int:
    return sum(max(1, -(-len(line) // width)) for line in text.splitlines() if line.strip())


def _weight(cell: dict) -> int:
    if cell["cell_type"] == "markdown":
        return _lines(_text(cell["source"]))
    w = 0
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if any(k.startswith("image/") for k in data):
            w += FIGURE_LINES
        elif "text/html" in data:
            html = re.sub(r"<[^>]+>", " ", _text(data["text/html"]))
            w += min(FIGURE_LINES, max(2, _lines(html)))
        elif "text/plain" in data or out.get("output_type") == "stream":
            w += _lines(_text(data.get("text/plain") or out.get("text")))
    return w


def prepare_notebook(nb: dict) -> dict:
    """A copy of ``nb`` laid out as slides: ``## `` headings start slides, long sections split
    into sub-slides, code inputs and widget/error/stderr outputs removed, empty cells skipped.

    Examples
    --------
    >>> nb = {"metadata": {"widgets": {}}, "cells": [
    ...     {"cell_type": "markdown", "source": "# T", "metadata": {}},
    ...     {"cell_type": "code", "source": "x", "metadata": {}, "outputs": [
    ...         {"output_type": "display_data", "data": {WIDGET_MIME: {}}, "metadata": {}}]},
    ...     {"cell_type": "markdown", "source": "## A", "metadata": {}}]}
    >>> [c["metadata"]["slideshow"]["slide_type"] for c in prepare_notebook(nb)["cells"]]
    ['slide', 'skip', 'slide']
    """
    nb = copy.deepcopy(nb)
    nb.setdefault("metadata", {}).pop("widgets", None)
    used = 0
    for i, cell in enumerate(nb.get("cells", [])):
        meta = cell.setdefault("metadata", {})
        if cell["cell_type"] == "code":
            cell["outputs"] = [o for o in cell.get("outputs", []) if _keep_output(o)]
            if not cell["outputs"]:
                meta["slideshow"] = {"slide_type": "skip"}
                continue
        elif cell["cell_type"] != "markdown":
            meta["slideshow"] = {"slide_type": "skip"}
            continue
        src = _text(cell["source"]).lstrip()
        weight = _weight(cell)
        heading = cell["cell_type"] == "markdown" and src.startswith(("# ", "## "))
        if i == 0 or heading:
            kind, used = "slide", weight
        elif used and used + weight > SLIDE_LINES:
            kind, used = "subslide", weight
        else:
            kind, used = "-", used + weight
        meta["slideshow"] = {"slide_type": kind}
    return nb


# --------------------------------------------------------------------------- deck
def build_slides(chapter, out_dir: Path = SLIDES, cache: Path = NPM_CACHE) -> Path:
    """Write ``out_dir/NN-name.slides.html`` (and ``out_dir/_assets``); returns the deck's path."""
    import nbformat
    from jinja2 import DictLoader
    from nbconvert.exporters import SlidesExporter

    nb_path = resolve_chapter(chapter)
    raw = json.loads(nb_path.read_text(encoding="utf-8"))
    if not any(c.get("outputs") for c in raw.get("cells", []) if c["cell_type"] == "code"):
        raise ValueError(
            f"{nb_path.name} has no stored outputs, so its deck would have no figures; build "
            f"the chapter first: python3 course.py build {nb_path.name[:2]}"
        )
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    copy_assets(out_dir, ensure_assets(cache))
    nb = nbformat.reads(json.dumps(prepare_notebook(raw)), as_version=4)
    exporter = SlidesExporter(
        extra_loaders=[DictLoader({"lossviz_slides.html.j2": TEMPLATE})],
        template_file="lossviz_slides.html.j2",
        reveal_url_prefix=f"{ASSETS}/reveal.js",
        reveal_theme="white",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    # reveal's index template links {prefix}/dist/...; our copy has no dist/ level
    resources = {"lossviz_assets": ASSETS, "metadata": {"name": nb_path.stem}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    body = body.replace(f"{ASSETS}/reveal.js/dist/", f"{ASSETS}/reveal.js/")
    body = _STYLE.sub(lambda m: _CSS_COMMENT.sub("", m.group(0)), body)  # URLs in CSS comments
    deck = out_dir / f"{nb_path.stem}.slides.html"
    deck.write_text(body, encoding="utf-8")
    return deck


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Offline reveal.js slides of chapters.")
    ap.add_argument("chapters", nargs="+", help="chapter numbers or names, e.g. 03")
    ap.add_argument("--out", type=Path, default=None, help=f"folder (default {SLIDES})")
    ap.add_argument("--zh", action="store_true", help="the Chinese edition (into slides/zh/)")
    args = ap.parse_args(argv)
    out = args.out or (SLIDES / "zh" if args.zh else SLIDES)
    for ch in args.chapters:
        try:
            chapter = resolve_chapter(ch, NOTEBOOKS / "zh") if args.zh else ch
            deck = build_slides(chapter, out)
        except (ValueError, RuntimeError) as exc:
            print(f"[slides] {exc}", file=sys.stderr)
            return 2
        print(f"[slides] {deck} (open it in a browser; no network needed)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
