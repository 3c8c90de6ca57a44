#!/usr/bin/env python3
"""The course as a static website: ``python3 course.py site`` builds ``site/``.

    python3 course.py site                 # both editions: site/index.html, site/NN-*.html,
                                           # site/index.zh.html, site/NN-*.zh.html
    python3 course.py site 03 --lang zh    # one edition (en or zh), some chapters
    python3 tools/site.py 00 03 --out /tmp/s --budget 300   # a subset, elsewhere

Editions: the English chapters (``notebooks/NN-*.ipynb``) give ``NN-name.html`` and
``index.html``; the Chinese ones (``notebooks/zh/NN-*.ipynb``, as many as are written) give
``NN-name.zh.html`` and ``index.zh.html`` in the same folder, sharing ``assets/``, ``data/`` and
``img/``.  Every page's navigation bar links its counterpart in the other edition ("中文" /
"English") when that page exists; a Chinese page's chapter links go to the Chinese pages (to the
English page of a chapter not translated yet).  A Chinese page is ``<html lang="zh-CN">``, with its
navigation, exercises and explorers in Chinese: the explorers are exported with lossviz's language
set to ``zh`` (:mod:`lossviz.i18n`), so their labels, readouts and pictures are the Chinese
kernel's, under their own data keys.  Building one edition leaves the other's pages in place
(every page's switch is then brought up to date with the pages in the folder).

Pages: nbconvert's HTML exporter (the ``lab`` template, extended by ``tools/site/page.html.j2``)
on the executed notebooks: prose, mathematics (MathJax 3 from the npm package ``mathjax``, the
copy ``course.py slides`` caches in ``.cache/npm``, served from ``site/assets/``), code folded in
``<details>``, outputs and figures, chapter links rewritten ``.ipynb`` -> ``.html``, a navigation
bar (index, previous, next) and an index page.  Nothing is loaded from a CDN.

Explorers: each explorer cell's widget output is replaced by the live in-page explorer.  The
cell's constructor call (``lv.XxxExplorer(...)``) gives the class and the starting setting;
:mod:`site_export` renders the explorer on a grid of settings as its own two layers (background
PNGs plus the animated artists as sprites, deduplicated) into ``site/data/<key>.js``, loaded by a
``<script src>`` (so the page works from ``file://``, where ``fetch`` is blocked), with the PNGs
packed in a few atlas PNG files in ``site/data/<key>/`` loaded by ``<img src>`` (no base64), and
``assets/explorer.js`` draws them on a canvas.  Explorers are rendered in parallel
(``--jobs``, default 2) and cached: a data file is reused while lossviz's sources, the exporter
and the grid budget are unchanged.

Exercises: the ``q.qK.check(...)`` cells show the question's hints and solution in
``<details>`` (revealed on demand), from :mod:`lossviz.question_bank` (in the page's language).

The build prints its progress (chapter, explorer, k/N settings), the weight of every page
(HTML + explorer data and figures, at most 3 MB), of every edition (at most 40 MB each, the shared
assets counted in both), the two explorer designs' sizes and the build time.
"""

from __future__ import annotations

import argparse
import ast
import copy
import hashlib
import html
import importlib.util
import json
import multiprocessing
import re
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
NOTEBOOKS = ROOT / "notebooks"
#: The editions: language -> folder of its chapter notebooks.
EDITIONS = {"en": NOTEBOOKS, "zh": NOTEBOOKS / "zh"}
LANGS = tuple(EDITIONS)
SITE = ROOT / "site"
ASSET_DIR = HERE / "site"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

#: Per chapter: HTML + explorer data (shared assets aside), and per edition.
CHAPTER_BUDGET = 3_000_000
SITE_BUDGET = 40_000_000
#: Settings rendered per explorer (at most; see site_export.settings_grid).
DEFAULT_BUDGET = 120

_EXPLORER_CALL = re.compile(r"\blv\.(\w+Explorer)\(")
_CHECK = re.compile(r"^\s*q\.q(\d+)\.check\(", re.M)
_SHOW = re.compile(r"^q\.q(\d+)\s*\Z", re.M)
_IPYNB_LINK = re.compile(r'href="(\./)?(\d\d-[\w.-]+?)\.ipynb(#[^"]*)?"')
_DATA_PNG = re.compile(r'src="data:image/png;base64,\s*([A-Za-z0-9+/=\s]+)"')
_STYLE = re.compile(r"<style[^>]*>.*?</style>", re.S | re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)

#: The page chrome of each edition (the explorers and exercises speak lossviz's language).
UI = {
    "en": {
        "html_lang": "en",
        "index": "Course index",
        "nav_label": "chapters",
        "switch": "中文",
        "code": "code",
        "loading": "(loading)",
        "hint": "Hint",
        "hints": "Hints ({n})",
        "no_hint": "There is no hint for this question.",
        "solution": "Solution",
        "index_name": "lossviz course",
        "index_title": "lossviz: why classifiers use cross-entropy, not MSE",
        "index_intro": (
            "Every chapter of the course, with every explorer live in the page: no kernel, no "
            "server, no network. Move a slider and the picture is the one the Python kernel "
            "draws at that setting (precomputed when the site was built)."
        ),
    },
    "zh": {
        "html_lang": "zh-CN",
        "index": "课程目录",
        "nav_label": "章节",
        "switch": "English",
        "code": "代码",
        "loading": "（加载中）",
        "hint": "提示",
        "hints": "提示（{n} 条）",
        "no_hint": "这道题没有提示。",
        "solution": "解答",
        "index_name": "lossviz 课程",
        "index_title": "lossviz：分类器为什么用交叉熵，而不用均方误差",
        "index_intro": (
            "课程的每一章都在这里，每个交互图都直接在网页中运行：不需要内核、服务器，也不需要"
            "网络。拖动滑块，看到的画面就是 Python 内核在该设置下画出的那一幅（构建网站时预先"
            "计算好）。"
        ),
    },
}

__all__ = ["build_site", "chapters", "edition_weight", "explorer_calls", "main", "page_name"]

sys.path.insert(0, str(HERE))
import site_export  # noqa: E402


def say(msg):
    print(f"[site] {msg}", flush=True)


def _load_tool(name):
    spec = importlib.util.spec_from_file_location(f"_lossviz_{name}", HERE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _text(source):
    return "".join(source) if isinstance(source, list) else str(source or "")


# --------------------------------------------------------------------------- notebooks
def explorer_calls(source):
    """The explorer constructor calls of a cell: ``[(class name, kwargs), ...]``.

    Keyword values must be literals (as in every chapter); positional arguments are refused.

    Examples
    --------
    >>> explorer_calls("# NBVAL_IGNORE_OUTPUT\\nex = lv.LossExplorer(p=0.8, y=1)\\nex")
    [('LossExplorer', {'p': 0.8, 'y': 1})]
    """
    out = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "lv"
            and node.func.attr.endswith("Explorer")
        ):
            if node.args:
                raise ValueError(
                    f"lv.{node.func.attr}(...) has positional arguments; the site needs keywords "
                    "(write lv.XxxExplorer(name=value, ...))."
                )
            kwargs = {kw.arg: ast.literal_eval(kw.value) for kw in node.keywords}
            out.append((node.func.attr, kwargs))
    return out


def _key(cls_name, kwargs, budget, lang="en"):
    """The data key of an explorer: class, starting setting, grid budget and language.

    >>> _key("LossExplorer", {"p": 0.8}, 120), _key("LossExplorer", {"p": 0.8}, 120, "zh")
    ('LossExplorer-38689ed94a', 'LossExplorer-zh-6d084cb393')
    """
    parts = [cls_name, sorted(kwargs.items()), budget] + ([lang] if lang != "en" else [])
    digest = hashlib.sha1(json.dumps(parts, default=str).encode()).hexdigest()[:10]
    return f"{cls_name}-{digest}" if lang == "en" else f"{cls_name}-{lang}-{digest}"


def _source_hash():
    h = hashlib.sha1()
    files = sorted((ROOT / "lossviz").rglob("*.py")) + sorted((ROOT / "lossviz").rglob("*.json"))
    for p in [*files, HERE / "site_export.py"]:
        h.update(p.read_bytes())
    return h.hexdigest()


def page_name(stem, lang="en"):
    """The file of a page: ``03-bce-vs-mse.html``, ``03-bce-vs-mse.zh.html``, ``index.zh.html``.

    >>> page_name("03-bce-vs-mse"), page_name("index", "zh")
    ('03-bce-vs-mse.html', 'index.zh.html')
    """
    return f"{stem}.html" if lang == "en" else f"{stem}.{lang}.html"


def _edition_pages(out, lang):
    """The chapter pages of edition ``lang`` present in ``out``."""
    pages = sorted(Path(out).glob("[0-9][0-9]-*.html"))
    other = tuple(f".{x}.html" for x in LANGS if x != "en")
    if lang == "en":
        return [p for p in pages if not p.name.endswith(other)]
    return [p for p in pages if p.name.endswith(f".{lang}.html")]


def chapters(selected=None, lang="en", strict=True):
    """``[(number, path)]`` of the chapter notebooks of edition ``lang`` (all, or the
    ``selected`` numbers; a selected number the edition lacks is an error when ``strict``,
    else left out)."""
    folder = EDITIONS[lang]
    found = sorted(folder.glob("[0-9][0-9]-*.ipynb"))
    if selected:
        want = {f"{int(s):02d}" for s in selected}
        missing = want - {p.name[:2] for p in found}
        if missing and strict:
            raise SystemExit(
                f"[site] no chapter {', '.join(sorted(missing))} in {folder}; "
                f"chapters: {', '.join(p.name[:2] for p in found)}"
            )
        found = [p for p in found if p.name[:2] in want]
    return [(p.name[:2], p) for p in found]


def _title(nb_path):
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in _text(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return nb_path.stem


# --------------------------------------------------------------------------- explorer export
def _export_job(args):
    """Worker: export one explorer, write its data file; return a light summary."""
    cls_name, kwargs, budget, key, out_file, label, stamp, lang = args
    import lossviz
    from lossviz import i18n

    i18n.set_language(lang)  # the explorer draws in the page's language
    cls = getattr(lossviz, cls_name)
    data = site_export.export_explorer(cls, kwargs, budget=budget, label=label, progress=say)
    # the atlas PNGs as files next to the data (no base64: a third smaller), by <img src>
    folder = Path(out_file).with_suffix("")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i, png in enumerate(data["atlases"]):
        (folder / f"{i}.png").write_bytes(png)
    data["atlases"] = len(data["atlases"])
    data["image_dir"] = f"data/{folder.name}/"
    blob = json.dumps(data, separators=(",", ":"))
    Path(out_file).write_text(
        f"/* {stamp} */\n(window.LV_EXPLORERS = window.LV_EXPLORERS || {{}})"
        f"[{json.dumps(key)}] = {blob};\n",
        encoding="utf-8",
    )
    return key, data["stats"]


def _grid(cls_name, kwargs, budget, lang="en"):
    import lossviz
    from lossviz import i18n

    with i18n.language(lang):  # the controls' labels in the page's language
        ex = getattr(lossviz, cls_name)(_live=False, **kwargs)
        grid = [
            site_export.control_grid(name, s, ex.params[name])
            for name, s in ex.param_spec().items()
        ]
        scheme, settings = site_export.settings_grid(grid, budget)
        return grid, site_export.grid_note(grid, scheme, len(settings), lang=lang)


def _explorer_html(key, cls_name, grid, note, uid, lang="en"):
    esc = html.escape
    parts = [
        f'<figure class="lv-explorer" id="{uid}" data-key="{esc(key)}" '
        f'data-class="{esc(cls_name)}">',
        '<div class="lv-controls">',
    ]
    for c, g in enumerate(grid):
        cid = f"{uid}-c{c}"
        label = esc(str(g["label"]))
        if g["kind"] == "range":
            parts.append(
                f'<span class="lv-control"><label for="{cid}">{label}</label>'
                f'<input type="range" id="{cid}" data-control="{c}" min="0" '
                f'max="{len(g["values"]) - 1}" step="1" value="{g["start"]}" disabled '
                f'aria-valuetext="{esc(g["labels"][g["start"]])}">'
                f"<output>{esc(g['labels'][g['start']])}</output></span>"
            )
        elif g["kind"] == "bool":
            checked = " checked" if g["values"][g["start"]] else ""
            parts.append(
                f'<span class="lv-control"><input type="checkbox" id="{cid}" '
                f'data-control="{c}"{checked} disabled><label for="{cid}">{label}</label></span>'
            )
        else:
            opts = "".join(
                f"<option{' selected' if i == g['start'] else ''}>{esc(str(lab))}</option>"
                for i, lab in enumerate(g["labels"])
            )
            parts.append(
                f'<span class="lv-control"><label for="{cid}">{label}</label>'
                f'<select id="{cid}" data-control="{c}" disabled>{opts}</select></span>'
            )
    parts += [
        "</div>",
        f'<p class="lv-note">{esc(note)} <span class="lv-snap" aria-live="polite"></span></p>',
        f'<div class="lv-picture"><canvas role="img" aria-label="{esc(UI[lang]["loading"])}">'
        "</canvas>"
        '<div class="lv-readout" aria-live="polite"></div></div>',
        "</figure>",
    ]
    return "".join(parts)


# --------------------------------------------------------------------------- exercises
def _shown(text):
    """A question's stored text (English, or a ``Text``) in lossviz's current language."""
    try:
        from lossviz.exercises.feedback import shown
    except ImportError:  # an older lossviz: plain strings through the catalogue
        from lossviz.i18n import tr as shown
    return str(shown(text))


def exercise_texts(question):
    """``(hints, solution)`` of a question as a page shows them, in lossviz's current language
    (call it inside ``lossviz.i18n.language(lang)``); hints is empty when it has none."""
    return [_shown(h) for h in question.hints], question.solution_message()


def _exercise_html(question, lang="en"):
    esc, ui = html.escape, UI[lang]
    hints, solution = exercise_texts(question)
    hints = hints or [ui["no_hint"]]
    hint_items = "".join(f"<p>{esc(h)}</p>" for h in hints)
    label = ui["hint"] if len(hints) == 1 else ui["hints"].format(n=len(hints))
    return (
        '<div class="lv-exercise">'
        f"<details><summary>{label}</summary>{hint_items}</details>"
        f"<details><summary>{ui['solution']}</summary><p>{esc(solution)}</p></details>"
        "</div>"
    )


def _html_output(markup):
    return {"output_type": "display_data", "metadata": {}, "data": {"text/html": markup}}


# --------------------------------------------------------------------------- pages
def _other(lang):
    return "zh" if lang == "en" else "en"


def _nav(entries, i, lang="en", counterpart=None):
    """The navigation bar of page ``i`` (None: the index) of edition ``lang``, with the language
    switch to ``counterpart`` (the other edition's page, a file name) when there is one."""
    ui = UI[lang]
    links = [f'<a href="{page_name("index", lang)}">{ui["index"]}</a>']
    if i is not None:
        if i > 0:
            num, stem, title = entries[i - 1]
            links.append(f'<a href="{page_name(stem, lang)}" rel="prev">← {html.escape(title)}</a>')
        if i + 1 < len(entries):
            num, stem, title = entries[i + 1]
            links.append(f'<a href="{page_name(stem, lang)}" rel="next">{html.escape(title)} →</a>')
    if counterpart:
        links.append(_switch(lang, counterpart))
    return " ".join(links)


def _switch(lang, counterpart):
    """The language switch of a page of edition ``lang``: a link to ``counterpart``."""
    code = UI[_other(lang)]["html_lang"]
    return (
        f'<a class="lv-lang" href="{counterpart}" hreflang="{code}" lang="{code}" '
        f'rel="alternate">{UI[lang]["switch"]}</a>'
    )


_SWITCH = re.compile(r' ?<a class="lv-lang" [^>]*>[^<]*</a>')
_NAV_END = re.compile(r'(<nav [^>]*class="lv-nav[^"]*"[^>]*>.*?)(</nav>)', re.S)


def _refresh_switches(out):
    """Every page's language switch as the folder is now: a link to the other edition's page
    when it exists, none when it does not (a page of an edition not rebuilt this time may name a
    page that was removed, or lack one that was added)."""
    for lang in LANGS:
        other = _other(lang)
        for page in [out / page_name("index", lang), *_edition_pages(out, lang)]:
            if not page.exists():
                continue
            stem = page.name.removesuffix(".html").removesuffix(f".{lang}")
            twin = page_name(stem, other)
            text = page.read_text(encoding="utf-8")
            new = _SWITCH.sub("", text)
            if (out / twin).exists():
                link = _switch(lang, twin)
                new = _NAV_END.sub(lambda m, link=link: f"{m[1]} {link}{m[2]}", new)
            if new != text:
                page.write_text(new, encoding="utf-8")


def _exporter():
    from jinja2 import DictLoader
    from nbconvert.exporters import HTMLExporter

    template = (ASSET_DIR / "page.html.j2").read_text(encoding="utf-8")
    template = template.replace("'lab/index.html.j2'", "'index.html.j2'")
    return HTMLExporter(
        extra_loaders=[DictLoader({"lossviz_site.html.j2": template})],
        template_file="lossviz_site.html.j2",
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def _image_file(b64, out):
    """A figure embedded in the page (base64) as a file ``img/<hash>.png``: a third smaller."""
    import base64

    data = base64.b64decode(b64)
    rel = f"img/{hashlib.sha1(data).hexdigest()[:16]}.png"
    (out / "img").mkdir(exist_ok=True)
    (out / rel).write_bytes(data)
    return rel


def _render(exporter, nb_dict, name, nav, data_srcs, out, lang="en", link=None):
    """The page's HTML and the shared stylesheet; ``link(stem)`` is the file a chapter link
    ``stem.ipynb`` goes to (default: the English page)."""
    import nbformat

    link = link or (lambda stem: page_name(stem))
    nb = nbformat.reads(json.dumps(nb_dict), as_version=4)
    resources = {
        "metadata": {"name": name},
        "lossviz_nav": nav,
        "lossviz_data": data_srcs,
        "lossviz_ui": UI[lang],
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    body = _IPYNB_LINK.sub(lambda m: f'href="{link(m.group(2))}{m.group(3) or ""}"', body)
    body = _DATA_PNG.sub(lambda m: f'src="{_image_file(m.group(1), out)}"', body)
    body = _STYLE.sub(lambda m: _CSS_COMMENT.sub("", m.group(0)), body)
    # nbconvert's language_code takes ISO 639-1 codes only ("zh", not "zh-CN")
    html_tag = f'<html lang="{UI[lang]["html_lang"]}">'
    body = re.sub(r'<html lang="[^"]*">', html_tag, body, count=1)
    # JupyterLab's stylesheets (about 220 kB, the same on every page) go to one shared file
    big = [m for m in _STYLE.finditer(body) if len(m.group(0)) > 5000]
    css = "\n".join(re.sub(r"^<style[^>]*>|</style>$", "", m.group(0)) for m in big)
    for m in reversed(big):
        body = body[: m.start()] + body[m.end() :]
    if big:
        at = big[0].start()
        body = body[:at] + '<link rel="stylesheet" href="assets/lab.css">' + body[at:]
    return body, css


def _page_notebook(nb_path, num, explorers, questions, lang="en"):
    """The notebook as the page shows it, and the data files its explorers need."""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    nb = copy.deepcopy(nb)
    nb.setdefault("metadata", {}).pop("widgets", None)
    srcs = []
    for idx, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        src = _text(cell["source"])
        has_widget = any(WIDGET_MIME in o.get("data", {}) for o in cell.get("outputs", []))
        if has_widget and _EXPLORER_CALL.search(src):
            markups = []
            for n in range(len(explorer_calls(src))):
                key, markup = explorers[(lang, num, idx, n)]
                markups.append(markup)
                if f"data/{key}.js" not in srcs:
                    srcs.append(f"data/{key}.js")
            cell["outputs"] = [_html_output("".join(markups))]
        elif has_widget:
            cell["outputs"] = [o for o in cell["outputs"] if WIDGET_MIME not in o.get("data", {})]
        if questions is None:
            continue
        m = _CHECK.search(src)
        if m:  # q.qK.check(...): its "not attempted" output becomes hint and solution
            cell["outputs"] = [_html_output(_exercise_html(questions[int(m.group(1))], lang))]
        elif m := _SHOW.search(src):  # q.qK shown: hint and solution follow the question
            outs = [o for o in cell.get("outputs", []) if "lv-exercise" not in str(o)]
            markup = _exercise_html(questions[int(m.group(1))], lang)
            cell["outputs"] = [*outs, _html_output(markup)]
    return nb, srcs


def _index_notebook(entries, lang="en"):
    ui = UI[lang]
    lines = [f"# {ui['index_title']}", "", ui["index_intro"], ""]
    lines += [
        f"{i + 1}. [{title}]({page_name(stem, lang)})"
        for i, (num, stem, title) in enumerate(entries)
    ]
    cell = {"cell_type": "markdown", "id": "index", "metadata": {}, "source": "\n".join(lines)}
    return {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _copy_assets(out):
    slides = _load_tool("slides")
    modules = slides.ensure_assets()
    dest = out / "assets"
    (dest / "mathjax").mkdir(parents=True, exist_ok=True)
    shutil.copy2(modules / "mathjax/es5/tex-svg-full.js", dest / "mathjax/tex-svg-full.js")
    shutil.copy2(modules / "mathjax/LICENSE", dest / "mathjax/LICENSE")
    for name in ("explorer.js", "site.css"):
        shutil.copy2(ASSET_DIR / name, dest / name)


def _size(path):
    return path.stat().st_size if path.exists() else 0


def _data_size(out, src):
    """An explorer's data file plus its folder of PNGs."""
    folder = (out / src).with_suffix("")
    return _size(out / src) + sum(p.stat().st_size for p in folder.glob("*.png"))


def _page_files(out, page):
    """The files a page loads besides the shared assets: its explorer data (with their PNGs)
    and its figures."""
    text = page.read_text(encoding="utf-8")
    files = set()
    for src in set(re.findall(r'<script src="(data/[^"]+\.js)"', text)):
        files.add(out / src)
        files.update((out / src).with_suffix("").glob("*.png"))
    files.update(out / f for f in set(re.findall(r'src="(img/[0-9a-f]+\.png)"', text)))
    return files


def edition_weight(out, lang):
    """Bytes of edition ``lang`` as published in ``out``: its pages and index, the data and
    figures they load (each file once) and the shared assets."""
    out = Path(out)
    pages = _edition_pages(out, lang) + [out / page_name("index", lang)]
    files = {p for p in (out / "assets").rglob("*") if p.is_file()}
    for page in pages:
        if page.exists():
            files.add(page)
            files |= _page_files(out, page)
    return sum(_size(f) for f in files)


def build_site(
    selected=None,
    out=SITE,
    budget=DEFAULT_BUDGET,
    jobs=2,
    quiet=False,
    langs=LANGS,
    editions=None,
):
    """Build the site into ``out``; return a report dict (pages, weights, stats, seconds).

    ``langs`` are the editions built, each with the ``selected`` chapters (a chapter the Chinese
    edition has no notebook for yet is left out of it, unless only Chinese is built); or
    ``editions`` gives each edition its own chapters, e.g. ``{"en": ["03"], "zh": ["03"]}``
    (``None``: all).  An edition not built keeps its pages in ``out`` as they are.
    """
    import lossviz
    from lossviz import i18n

    t0 = time.perf_counter()
    out = Path(out)
    if editions is None:
        editions = {lang: selected for lang in langs}
    unknown = set(editions) - set(LANGS)
    if unknown:
        raise SystemExit(f"[site] no edition {sorted(unknown)}; editions: {', '.join(LANGS)}")
    (out / "data").mkdir(parents=True, exist_ok=True)
    (out / ".gitignore").write_text("*\n")
    _copy_assets(out)
    chs, entries = {}, {}
    for lang, sel in editions.items():
        chs[lang] = chapters(sel, lang, strict=lang == "en" or len(editions) == 1)
        if sel and lang != "en" and len(chs[lang]) < len(set(sel)):
            have = {num for num, _ in chs[lang]}
            skipped = sorted({f"{int(x):02d}" for x in sel} - have)
            say(f"{lang}: no notebook yet for chapter(s) {', '.join(skipped)} (left out)")
        entries[lang] = [(num, p.stem, _title(p)) for num, p in chs[lang]]
    stamp = f"lossviz-site {_source_hash()} budget={budget}"

    # a chapter page of a built edition left by an earlier build of other chapters is not
    # linked by its index: removed, so the folder is the site the indexes describe (the other
    # edition's pages and the explorer data, a cache, stay)
    for lang in editions:
        built = {page_name(p.stem, lang) for _, p in chs[lang]}
        for stale in _edition_pages(out, lang):
            if stale.name not in built:
                say(f"removed {stale.name} (a chapter page of an earlier build, not in this one)")
                stale.unlink()

    def exists(stem, lang):
        """The page will be in the site: built now, or left by an earlier build."""
        if lang in editions:
            return stem == "index" or any(p.stem == stem for _, p in chs[lang])
        return (out / page_name(stem, lang)).exists()

    translated = {
        lang: {p.stem for p in folder.glob("[0-9][0-9]-*.ipynb")}
        for lang, folder in EDITIONS.items()
    }

    def link(lang):
        # a chapter link goes to the page of the same edition, or to the English page of a
        # chapter not translated yet
        return lambda stem: page_name(stem, lang if stem in translated[lang] else "en")

    # explorers: every call of every explorer cell, deduplicated by (class, kwargs, language)
    jobs_by_key, explorers = {}, {}
    for lang in editions:
        for num, path in chs[lang]:
            nb = json.loads(path.read_text(encoding="utf-8"))
            for idx, cell in enumerate(nb["cells"]):
                src = _text(cell["source"])
                if cell["cell_type"] != "code" or not _EXPLORER_CALL.search(src):
                    continue
                if not any(WIDGET_MIME in o.get("data", {}) for o in cell.get("outputs", [])):
                    continue
                for n, (cls_name, kwargs) in enumerate(explorer_calls(src)):
                    key = _key(cls_name, kwargs, budget, lang)
                    grid, note = _grid(cls_name, kwargs, budget, lang)
                    uid = f"lvx-{num}-{idx}-{n}"
                    markup = _explorer_html(key, cls_name, grid, note, uid, lang)
                    explorers[(lang, num, idx, n)] = (key, markup)
                    tag = num if lang == "en" else f"{num} {lang}"
                    if key in jobs_by_key:
                        jobs_by_key[key][5] += f", {tag}"
                        continue
                    target = out / "data" / f"{key}.js"
                    cached = (
                        target.exists()
                        and target.with_suffix("").is_dir()
                        and target.open().readline().strip() == f"/* {stamp} */"
                    )
                    if cached:
                        say(f"{tag} {cls_name}: data unchanged, reused ({target.name})")
                    job = [cls_name, kwargs, budget, key, str(target), tag, stamp, lang, cached]
                    jobs_by_key[key] = job
    todo = [j for j in jobs_by_key.values() if not j[8]]
    for j in todo:
        say(f"explorer {j[5]} {j[0]}{j[1]}: queued")
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    pool = ctx.Pool(max(1, jobs)) if todo else None
    pending = (
        pool.map_async(_export_job, [(*j[:5], f"{j[5]} {j[0]}", j[6], j[7]) for j in todo])
        if pool
        else None
    )

    # pages, while the explorers render
    exporter = _exporter()
    pages = {}
    for lang in editions:
        other = _other(lang)
        with i18n.language(lang):
            for i, (num, path) in enumerate(chs[lang]):
                try:
                    questions = lossviz.questions(num)
                except Exception:  # a chapter without questions
                    questions = None
                say(f"page {num} ({lang}): {path.relative_to(NOTEBOOKS.parent)}")
                nb, srcs = _page_notebook(path, num, explorers, questions, lang)
                twin = page_name(path.stem, other) if exists(path.stem, other) else None
                nav = _nav(entries[lang], i, lang, twin)
                page, css = _render(exporter, nb, path.stem, nav, srcs, out, lang, link(lang))
                (out / "assets" / "lab.css").write_text(css, encoding="utf-8")
                page_path = out / page_name(path.stem, lang)
                page_path.write_text(page, encoding="utf-8")
                pages[(lang, num)] = (page_path, srcs)
        twin = page_name("index", other) if exists("index", other) else None
        index, _ = _render(
            exporter,
            _index_notebook(entries[lang], lang),
            UI[lang]["index_name"],
            _nav(entries[lang], None, lang, twin),
            [],
            out,
            lang,
        )
        index = index.replace("<main>", '<main class="lv-index">', 1)
        (out / page_name("index", lang)).write_text(index, encoding="utf-8")

    stats = {}
    if pending is not None:
        for key, st in pending.get():
            stats[key] = st
        pool.close()
        pool.join()
    # canvas sizes: written after the data exists (the explorer's figure size)
    for page_path, srcs in pages.values():
        text = page_path.read_text(encoding="utf-8")
        for src in srcs:
            head = (out / src).read_text(encoding="utf-8")
            m = re.search(r'"width":(\d+),"height":(\d+)', head)
            key = Path(src).stem
            text = re.sub(
                rf'(<figure class="lv-explorer" [^>]*data-key="{re.escape(key)}"[^>]*>.*?)'
                r"<canvas ",
                lambda mm, m=m: mm.group(1) + f'<canvas width="{m[1]}" height="{m[2]}" ',
                text,
                flags=re.S,
            )
        page_path.write_text(text, encoding="utf-8")
    _refresh_switches(out)

    # report
    rows, total_layer, total_jpeg = [], 0, 0
    for key, st in stats.items():
        total_layer += st["layered_png_bytes"]
        total_jpeg += st["jpeg_bytes"]
        say(
            f"explorer {key}: {st['settings']} settings, {st['backgrounds']} backgrounds, "
            f"{st['images']} images; layers {st['layered_png_bytes'] / 1e6:.2f} MB vs whole "
            f"JPEG frames {st['jpeg_bytes'] / 1e6:.2f} MB; {st['seconds']:.1f} s"
        )
    if stats:
        say(
            f"explorer designs on the same grids: two layers (PNG background + sprites) "
            f"{total_layer / 1e6:.2f} MB vs whole frames as JPEG q90 {total_jpeg / 1e6:.2f} MB "
            f"-> two layers"
        )
    over = []
    for (_lang, num), (page_path, _srcs) in pages.items():
        weight = _size(page_path) + sum(_size(f) for f in _page_files(out, page_path))
        rows.append((num, page_path.name, _size(page_path), weight))
        flag = "" if weight <= CHAPTER_BUDGET else "  OVER the 3 MB budget"
        if flag:
            over.append(page_path.name)
        say(
            f"weight {page_path.name}: {weight / 1e6:.2f} MB (HTML {_size(page_path) / 1e6:.2f} "
            f"MB + explorer data and figures {(weight - _size(page_path)) / 1e6:.2f} MB){flag}"
        )
    weights = {}
    for lang in LANGS:
        if not (out / page_name("index", lang)).exists():
            continue
        weights[lang] = edition_weight(out, lang)
        flag = "" if weights[lang] <= SITE_BUDGET else "  OVER the budget"
        say(
            f"edition {lang}: {len(_edition_pages(out, lang))} chapter pages + "
            f"{page_name('index', lang)}, {weights[lang] / 1e6:.1f} MB with the shared assets "
            f"(budget {SITE_BUDGET / 1e6:.0f} MB){flag}"
        )
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    seconds = time.perf_counter() - t0
    built = ", ".join(f"{lang} {len(chs[lang])}" for lang in editions)
    say(
        f"site {out}: chapter pages built ({built}) + indexes, {total / 1e6:.1f} MB in the folder "
        f"(explorer data cache included), built in {seconds:.0f} s"
    )
    for lang in editions:
        say(f"open {out / page_name('index', lang)} in a browser, or publish the folder")
    return {
        "pages": rows,
        "total": total,
        "editions": weights,
        "seconds": seconds,
        "stats": stats,
        "over": over,
        "out": out,
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description="Build the static site of the course.")
    ap.add_argument("chapters", nargs="*", help="chapter numbers (default: all)")
    ap.add_argument("--out", type=Path, default=SITE, help=f"folder (default {SITE})")
    ap.add_argument("--budget", type=int, default=DEFAULT_BUDGET, help="settings per explorer")
    ap.add_argument("--jobs", type=int, default=2, help="processes rendering explorers")
    ap.add_argument(
        "--lang",
        choices=LANGS,
        action="append",
        help="build this edition only (repeatable; default: every edition, English and Chinese)",
    )
    args = ap.parse_args(argv)
    langs = tuple(dict.fromkeys(args.lang)) if args.lang else LANGS
    report = build_site(args.chapters or None, args.out, args.budget, args.jobs, langs=langs)
    heavy = [lang for lang, w in report["editions"].items() if w > SITE_BUDGET]
    if heavy or report["over"]:
        say("the site is over its weight budget (see above)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
