#!/usr/bin/env python3
"""The course as a static website: ``python3 course.py site`` builds ``site/``.

    python3 course.py site                 # every chapter -> site/index.html, site/NN-*.html
    python3 tools/site.py 00 03 --out /tmp/s --budget 300   # a subset, elsewhere

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
``<details>`` (revealed on demand), from :mod:`lossviz.question_bank`.

The build prints its progress (chapter, explorer, k/N settings), the weight of every page
(HTML + explorer data), the two explorer designs' sizes and the build time.
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
SITE = ROOT / "site"
ASSET_DIR = HERE / "site"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

#: Per chapter: HTML + explorer data (shared assets aside), and the whole site.
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

__all__ = ["build_site", "explorer_calls", "main"]

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


def _key(cls_name, kwargs, budget):
    blob = json.dumps([cls_name, sorted(kwargs.items()), budget], default=str)
    return f"{cls_name}-{hashlib.sha1(blob.encode()).hexdigest()[:10]}"


def _source_hash():
    h = hashlib.sha1()
    for p in sorted((ROOT / "lossviz").rglob("*.py")) + [HERE / "site_export.py"]:
        h.update(p.read_bytes())
    return h.hexdigest()


def chapters(selected=None):
    """``[(number, path)]`` of the chapter notebooks (all, or the ``selected`` numbers)."""
    found = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    if selected:
        want = {f"{int(s):02d}" for s in selected}
        missing = want - {p.name[:2] for p in found}
        if missing:
            raise SystemExit(
                f"[site] no chapter {', '.join(sorted(missing))} in {NOTEBOOKS}; "
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
    cls_name, kwargs, budget, key, out_file, label, stamp = args
    import lossviz

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


def _grid(cls_name, kwargs, budget):
    import lossviz

    ex = getattr(lossviz, cls_name)(_live=False, **kwargs)
    grid = [
        site_export.control_grid(name, s, ex.params[name]) for name, s in ex.param_spec().items()
    ]
    scheme, settings = site_export.settings_grid(grid, budget)
    return grid, site_export.grid_note(grid, scheme, len(settings))


def _explorer_html(key, cls_name, grid, note, uid):
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
        '<div class="lv-picture"><canvas role="img" aria-label="(loading)"></canvas>'
        '<div class="lv-readout" aria-live="polite"></div></div>',
        "</figure>",
    ]
    return "".join(parts)


# --------------------------------------------------------------------------- exercises
def _exercise_html(question):
    esc = html.escape
    hints = question.hints or ["There is no hint for this question."]
    hint_items = "".join(f"<p>{esc(h)}</p>" for h in hints)
    label = "Hint" if len(hints) == 1 else f"Hints ({len(hints)})"
    return (
        '<div class="lv-exercise">'
        f"<details><summary>{label}</summary>{hint_items}</details>"
        f"<details><summary>Solution</summary><p>{esc(question.solution_message())}</p></details>"
        "</div>"
    )


def _html_output(markup):
    return {"output_type": "display_data", "metadata": {}, "data": {"text/html": markup}}


# --------------------------------------------------------------------------- pages
def _nav(entries, i):
    """The navigation bar of page ``i`` (None: the index)."""
    links = ['<a href="index.html">Course index</a>']
    if i is not None:
        if i > 0:
            num, stem, title = entries[i - 1]
            links.append(f'<a href="{stem}.html" rel="prev">← {html.escape(title)}</a>')
        if i + 1 < len(entries):
            num, stem, title = entries[i + 1]
            links.append(f'<a href="{stem}.html" rel="next">{html.escape(title)} →</a>')
    return " ".join(links)


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


def _render(exporter, nb_dict, name, nav, data_srcs, out):
    import nbformat

    nb = nbformat.reads(json.dumps(nb_dict), as_version=4)
    resources = {
        "metadata": {"name": name},
        "lossviz_nav": nav,
        "lossviz_data": data_srcs,
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    body = _IPYNB_LINK.sub(lambda m: f'href="{m.group(2)}.html{m.group(3) or ""}"', body)
    body = _DATA_PNG.sub(lambda m: f'src="{_image_file(m.group(1), out)}"', body)
    body = _STYLE.sub(lambda m: _CSS_COMMENT.sub("", m.group(0)), body)
    # JupyterLab's stylesheets (about 220 kB, the same on every page) go to one shared file
    big = [m for m in _STYLE.finditer(body) if len(m.group(0)) > 5000]
    css = "\n".join(re.sub(r"^<style[^>]*>|</style>$", "", m.group(0)) for m in big)
    for m in reversed(big):
        body = body[: m.start()] + body[m.end() :]
    if big:
        at = big[0].start()
        body = body[:at] + '<link rel="stylesheet" href="assets/lab.css">' + body[at:]
    return body, css


def _page_notebook(nb_path, num, explorers, questions):
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
                key, markup = explorers[(num, idx, n)]
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
            cell["outputs"] = [_html_output(_exercise_html(questions[int(m.group(1))]))]
        elif m := _SHOW.search(src):  # q.qK shown: hint and solution follow the question
            outs = [o for o in cell.get("outputs", []) if "lv-exercise" not in str(o)]
            cell["outputs"] = [*outs, _html_output(_exercise_html(questions[int(m.group(1))]))]
    return nb, srcs


def _index_notebook(entries):
    lines = [
        "# lossviz: why classifiers use cross-entropy, not MSE",
        "",
        "Every chapter of the course, with every explorer live in the page: no kernel, no "
        "server, no network. Move a slider and the picture is the one the Python kernel draws "
        "at that setting (precomputed when the site was built).",
        "",
    ]
    lines += [f"{i + 1}. [{title}]({stem}.html)" for i, (num, stem, title) in enumerate(entries)]
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


def build_site(selected=None, out=SITE, budget=DEFAULT_BUDGET, jobs=2, quiet=False):
    """Build the site into ``out``; return a report dict (pages, weights, stats, seconds)."""
    import lossviz

    t0 = time.perf_counter()
    out = Path(out)
    (out / "data").mkdir(parents=True, exist_ok=True)
    (out / ".gitignore").write_text("*\n")
    _copy_assets(out)
    chs = chapters(selected)
    entries = [(num, p.stem, _title(p)) for num, p in chs]
    stamp = f"lossviz-site {_source_hash()} budget={budget}"

    # explorers: every call of every explorer cell, deduplicated by (class, kwargs)
    jobs_by_key, explorers = {}, {}
    for num, path in chs:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for idx, cell in enumerate(nb["cells"]):
            src = _text(cell["source"])
            if cell["cell_type"] != "code" or not _EXPLORER_CALL.search(src):
                continue
            if not any(WIDGET_MIME in o.get("data", {}) for o in cell.get("outputs", [])):
                continue
            for n, (cls_name, kwargs) in enumerate(explorer_calls(src)):
                key = _key(cls_name, kwargs, budget)
                grid, note = _grid(cls_name, kwargs, budget)
                uid = f"lvx-{num}-{idx}-{n}"
                explorers[(num, idx, n)] = (key, _explorer_html(key, cls_name, grid, note, uid))
                if key in jobs_by_key:
                    jobs_by_key[key][5] += f", {num}"
                    continue
                target = out / "data" / f"{key}.js"
                cached = (
                    target.exists()
                    and target.with_suffix("").is_dir()
                    and target.open().readline().strip() == f"/* {stamp} */"
                )
                if cached:
                    say(f"{num} {cls_name}: data unchanged, reused ({target.name})")
                jobs_by_key[key] = [cls_name, kwargs, budget, key, str(target), f"{num}", stamp]
                jobs_by_key[key].append(cached)
    todo = [tuple(j[:7]) for j in jobs_by_key.values() if not j[7]]
    for j in todo:
        say(f"explorer {j[5]} {j[0]}{j[1]}: queued")
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    pool = ctx.Pool(max(1, jobs)) if todo else None
    pending = (
        pool.map_async(_export_job, [(*j[:5], f"{j[5]} {j[0]}", j[6]) for j in todo])
        if (pool)
        else None
    )

    # pages, while the explorers render
    exporter = _exporter()
    pages = {}
    for i, (num, path) in enumerate(chs):
        try:
            questions = lossviz.questions(num)
        except Exception:  # a chapter without questions
            questions = None
        say(f"page {num}: {path.name}")
        nb, srcs = _page_notebook(path, num, explorers, questions)
        page, css = _render(exporter, nb, path.stem, _nav(entries, i), srcs, out)
        (out / "assets" / "lab.css").write_text(css, encoding="utf-8")
        pages[num] = (out / f"{path.stem}.html", srcs)
        pages[num][0].write_text(page, encoding="utf-8")
    index, _ = _render(
        exporter, _index_notebook(entries), "lossviz course", _nav(entries, None), [], out
    )
    (out / "index.html").write_text(index.replace("<main>", '<main class="lv-index">', 1))
    # a chapter page left by an earlier build of other chapters is not linked by this index:
    # removed, so the folder is exactly the site the index describes (explorer data stays: cache)
    built = {pp.name for pp, _ in pages.values()}
    for stale in sorted(out.glob("[0-9][0-9]-*.html")):
        if stale.name not in built:
            say(f"removed {stale.name} (a chapter page of an earlier build, not in this one)")
            stale.unlink()

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
    for num, (page_path, srcs) in pages.items():
        figures = set(re.findall(r'src="(img/[0-9a-f]+\.png)"', page_path.read_text("utf-8")))
        weight = (
            _size(page_path)
            + sum(_data_size(out, s) for s in srcs)
            + sum(_size(out / f) for f in figures)
        )
        rows.append((num, page_path.name, _size(page_path), weight))
        flag = "" if weight <= CHAPTER_BUDGET else "  OVER the 3 MB budget"
        if flag:
            over.append(num)
        say(
            f"weight {page_path.name}: {weight / 1e6:.2f} MB (HTML {_size(page_path) / 1e6:.2f} "
            f"MB + explorer data and figures {(weight - _size(page_path)) / 1e6:.2f} MB){flag}"
        )
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    seconds = time.perf_counter() - t0
    say(
        f"site {out}: {len(pages)} chapter pages + index, {total / 1e6:.1f} MB in all "
        f"(budget 40 MB), built in {seconds:.0f} s"
    )
    say(f"open {out / 'index.html'} in a browser, or publish the folder on any static host")
    return {
        "pages": rows,
        "total": total,
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
    args = ap.parse_args(argv)
    report = build_site(args.chapters or None, args.out, args.budget, args.jobs)
    if report["total"] > SITE_BUDGET or report["over"]:
        say("the site is over its weight budget (see above)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
