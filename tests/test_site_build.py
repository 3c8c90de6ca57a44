"""The static site (``python3 course.py site``) without a browser: pages, weights, no CDN.

Builds the English chapters :data:`CHAPTERS` and the Chinese chapters :data:`ZH_CHAPTERS` into
``.cache/site-test`` (explorer data is cached there and reused while lossviz's sources and
catalogues are unchanged; the browser test shares it) and checks: every chapter page of each
edition exists and is linked from its edition's index, every page links back to that index,
each page (HTML + explorer data) is within the 3 MB budget and each edition within 40 MB, no
``src``/``href`` in any HTML or JS file of the site is an ``http(s)://`` URL, and every explorer
cell became a live explorer with its data.  The Chinese pages: ``lang="zh-CN"``, the language
switch resolves both ways, chapter links go to ``.zh.html`` pages, the explorers have their own
Chinese data (Chinese labels), hints and solutions are in Chinese, and none of the English page
chrome is left.  When a full build exists in ``site/``, the same checks run on it.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
# The fewest chapters holding every explorer class at least once (the 15 classes of chapters
# 00-11: each of 01-10 holds one found in no other chapter; 00's LossExplorer is in 03 and 11's
# NeuronTrainingExplorer in 04).  Not the full site: a full build (~285 s on 2 cores) plus the
# browser checks (~125 s) exceeds the ~6 minutes the test session may spend here; this subset
# costs nearly as much to build from nothing, and the cache in .cache/site-test makes a rerun
# with unchanged sources take seconds.
CHAPTERS = ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10")
# The Chinese edition on a small subset (each zh explorer is a second export of its class, so the
# whole zh edition would double the build): a page with two explorers and exercises (03), one
# whose explorers have discrete controls and a choice (05).
ZH_CHAPTERS = ("03", "05")
OUT = ROOT / ".cache" / "site-test"
_CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
#: English words of the page chrome (navigation, folded code, exercises, explorer notes) that a
#: Chinese page must not show.
ENGLISH_CHROME = (
    "Course index",
    "<summary>code</summary>",
    "<summary>Hint",
    "<summary>Solution</summary>",
    "Precomputed:",
    "(loading)",
    'aria-label="chapters"',
    "nearest precomputed",
    "There is no hint",
)
_URL_ATTR = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(https?:)?//""", re.I)
_CSS_URL = re.compile(r"""url\(\s*["']?\s*https?://""", re.I)


def load_site_tool():
    spec = importlib.util.spec_from_file_location("lossviz_tools_site", ROOT / "tools/site.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # the build's worker processes find its functions by name
    spec.loader.exec_module(mod)
    return mod


def build_test_site():
    """Build (or refresh) the test subset; returns (site folder, build report)."""
    tool = load_site_tool()
    return OUT, tool.build_site(out=OUT, editions={"en": CHAPTERS, "zh": ZH_CHAPTERS})


def _wanted(tool, site, lang):
    """The chapters edition ``lang`` of ``site`` must have (None: the edition is not built)."""
    if site == ROOT / "site":
        if not (site / tool.page_name("index", lang)).exists():
            return None
        return tool.chapters(None, lang)
    return tool.chapters(CHAPTERS if lang == "en" else ZH_CHAPTERS, lang)


def _explorer_data(site, key):
    """The JSON of an explorer's data file."""
    text = (site / "data" / f"{key}.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"\] = (\{.*\});\s*$", text, re.S).group(1))


@pytest.fixture(scope="module")
def built():
    return build_test_site()


def _sites(built):
    out = [built[0]]
    if (ROOT / "site" / "index.html").exists():
        out.append(ROOT / "site")
    return out


def test_every_chapter_page_exists_and_links_back(built):
    tool = load_site_tool()
    for site in _sites(built):
        for lang in tool.LANGS:
            wanted = _wanted(tool, site, lang)
            if wanted is None:
                continue
            index_name = tool.page_name("index", lang)
            index = (site / index_name).read_text(encoding="utf-8")
            # and no other chapter page (one left by an earlier build of other chapters, unlinked)
            extra = {p.name for p in tool._edition_pages(site, lang)} - {
                tool.page_name(nb.stem, lang) for _, nb in wanted
            }
            assert not extra, f"{site}: pages {index_name} does not describe: {sorted(extra)}"
            for _num, nb in wanted:
                name = tool.page_name(nb.stem, lang)
                page = site / name
                assert page.exists(), f"{page} missing"
                assert f'href="{name}"' in index, f"{index_name} does not link {name}"
                text = page.read_text(encoding="utf-8")
                assert f'href="{index_name}"' in text, f"{name} does not link {index_name}"
                assert '.ipynb"' not in text, f"{name} still links a notebook (.ipynb)"


def test_no_url_outside_the_site(built):
    for site in _sites(built):
        for f in [*site.rglob("*.html"), *site.rglob("*.js"), *site.rglob("*.css")]:
            if "mathjax" in f.parts:  # MathJax's own code names its URLs in strings it never uses
                continue
            text = f.read_text(encoding="utf-8", errors="replace")
            bad = _URL_ATTR.findall(text) or _CSS_URL.findall(text)
            m = _URL_ATTR.search(text) or _CSS_URL.search(text)
            assert not bad, (
                f"{f}: a src/href/url() outside the site: {text[m.start() : m.end() + 60]}"
            )


def test_page_weights_within_budget(built):
    tool = load_site_tool()
    for site in _sites(built):
        for page in site.glob("[0-9][0-9]-*.html"):
            text = page.read_text(encoding="utf-8")
            data = set(re.findall(r'<script src="(data/[^"]+\.js)"', text))
            figures = set(re.findall(r'src="(img/[0-9a-f]+\.png)"', text))
            weight = sum((site / f).stat().st_size for f in figures)
            weight += page.stat().st_size + sum(
                (site / d).stat().st_size
                + sum(p.stat().st_size for p in (site / d).with_suffix("").glob("*.png"))
                for d in data
            )
            assert weight <= tool.CHAPTER_BUDGET, f"{page.name}: {weight / 1e6:.2f} MB > 3 MB"
        # each edition: its pages, the files they load and the shared assets
        for lang in tool.LANGS:
            if not (site / tool.page_name("index", lang)).exists():
                continue
            total = tool.edition_weight(site, lang)
            assert 1e6 < total <= tool.SITE_BUDGET, f"{site} {lang}: {total / 1e6:.1f} MB > 40 MB"


def test_every_explorer_cell_is_live(built):
    tool = load_site_tool()
    site = built[0]
    for lang, nb_path in [
        *[("en", p) for _, p in tool.chapters(CHAPTERS)],
        *[("zh", p) for _, p in tool.chapters(ZH_CHAPTERS, "zh")],
    ]:
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        calls = [
            c
            for cell in nb["cells"]
            if cell["cell_type"] == "code"
            and any(tool.WIDGET_MIME in o.get("data", {}) for o in cell.get("outputs", []))
            for c in tool.explorer_calls("".join(cell["source"]))
        ]
        text = (site / tool.page_name(nb_path.stem, lang)).read_text(encoding="utf-8")
        figures = re.findall(r'<figure class="lv-explorer"[^>]*data-key="([^"]+)"', text)
        assert [k.split("-")[0] for k in figures] == [c for c, _ in calls], nb_path.name
        assert all(("-zh-" in k) == (lang == "zh") for k in figures), (lang, figures)
        for key in figures:
            data = site / "data" / f"{key}.js"
            assert data.exists(), f"{data} missing"
            assert f'<script src="data/{key}.js">' in text
        assert "application/vnd.jupyter.widget" not in text
        assert "<details" in text  # code folded, exercises' hints


def test_exercises_show_hint_and_solution(built):
    import html

    import lossviz as lv
    from lossviz import i18n

    tool = load_site_tool()
    for name, lang in [
        ("09-from-scratch.html", "en"),
        *[(tool.page_name(p.stem, "zh"), "zh") for _, p in tool.chapters(ZH_CHAPTERS, "zh")],
    ]:
        text = (built[0] / name).read_text(encoding="utf-8")
        with i18n.language(lang):
            q = lv.questions(name[:2])
            assert f"<summary>{tool.UI[lang]['solution']}</summary>" in text, name
            for question in q:
                hints, solution = tool.exercise_texts(question)
                first = hints[0] if hints else tool.UI[lang]["no_hint"]
                assert html.escape(first, quote=False) in text, f"{name}: hint of {question.name}"
                assert html.escape(solution, quote=False) in text, f"{name}: {question.name}"
        if lang == "zh":
            assert "提示" in text and "解答" in text, name


def test_chinese_edition(built):
    """The Chinese pages: lang, language switch both ways, chapter links, their own explorer
    data in Chinese, no English page chrome; the English pages link their Chinese twins."""
    tool = load_site_tool()
    site = built[0]
    zh_notebooks = {p.stem for _, p in tool.chapters(None, "zh")}
    for page_ in [site / "index.zh.html", *tool._edition_pages(site, "zh")]:
        name, text = page_.name, page_.read_text(encoding="utf-8")
        assert '<html lang="zh-CN">' in text, f'{name}: not <html lang="zh-CN">'
        english = name.replace(".zh.html", ".html")
        switch = re.findall(r'<a class="lv-lang" href="([^"]+)"[^>]*>([^<]*)</a>', text)
        assert switch and {s for s in switch} == {(english, "English")}, f"{name}: {switch}"
        assert (site / english).exists(), f"{name}: the switch links {english}, not built"
        back = (site / english).read_text(encoding="utf-8")
        assert f'<a class="lv-lang" href="{name}"' in back, f"{english} does not link {name}"
        assert '<html lang="en">' in back
        assert ">课程目录</a>" in text, name
        for word in ENGLISH_CHROME:
            assert word not in text, f"{name}: English page chrome left: {word!r}"
        # chapter links: to the Chinese page of a translated chapter, else to the English page
        for target in set(re.findall(r'href="(\d\d-[\w.-]+?\.html)(?:#[^"]*)?"', text)):
            stem = target.removesuffix(".html").removesuffix(".zh")
            if target == english:
                continue
            want = tool.page_name(stem, "zh" if stem in zh_notebooks else "en")
            assert target == want, f"{name}: links {target}, want {want}"
        if name.startswith("index"):
            for num, p in tool.chapters(ZH_CHAPTERS, "zh"):
                assert f'href="{p.stem}.zh.html"' in text, f"index.zh.html misses {num}"
            continue
        # the explorers: Chinese data of their own, drawn and labelled in Chinese
        en_keys = re.findall(r'<figure class="lv-explorer"[^>]*data-key="([^"]+)"', back)
        zh_keys = re.findall(r'<figure class="lv-explorer"[^>]*data-key="([^"]+)"', text)
        assert zh_keys and len(zh_keys) == len(en_keys), (name, zh_keys, en_keys)
        for zk, ek in zip(zh_keys, en_keys, strict=True):
            assert zk != ek and zk.split("-")[0] == ek.split("-")[0], (zk, ek)
            zd, ed = _explorer_data(site, zk), _explorer_data(site, ek)
            assert zd["cls"] == ed["cls"] and zd["kwargs"] == ed["kwargs"]
            assert zd["settings"] == ed["settings"], f"{zk}: not the English grid"
            labels = [c["label"] for c in zd["controls"]]
            assert any(_CJK.search(str(lab)) for lab in labels), f"{zk}: labels {labels}"
            assert labels != [c["label"] for c in ed["controls"]], zk
            assert _CJK.search(zd["note"]), f"{zk}: note {zd['note']!r}"
            readouts = json.dumps(zd["readouts"] + zd["readout_lines"], ensure_ascii=False)
            assert _CJK.search(readouts), f"{zk}: no Chinese in the readouts"
            assert (site / "data" / zk).is_dir()


def test_grid_keeps_every_control():
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import site_export as se

    import lossviz as lv

    for cls_name in ("LossExplorer", "ImbalanceExplorer", "SoftmaxExplorer"):
        ex = getattr(lv, cls_name)(_live=False)
        grid = [se.control_grid(n, s, ex.params[n]) for n, s in ex.param_spec().items()]
        scheme, settings = se.settings_grid(grid, 250)
        for c, g in enumerate(grid):
            if g["kind"] == "range" and g["full"] >= se.MIN_POSITIONS:
                assert len(g["values"]) >= se.MIN_POSITIONS, (cls_name, g["name"])
            reached = {s[c] for s in settings}
            assert reached == set(range(len(g["values"]))), f"{cls_name}.{g['name']}: {reached}"
        if scheme != "full":
            assert "nearest precomputed" in se.grid_note(grid, scheme, len(settings))


def _site_export():
    sys.path.insert(0, str(ROOT / "tools"))
    import site_export

    return site_export


def test_patches_rebuild_the_background_exactly():
    """A background stored as another one plus opaque patches is that background, pixel for
    pixel: a changed tick label, a changed curve crossing many tiles, a changed lone pixel."""
    import numpy as np

    se = _site_export()
    rng = np.random.default_rng(3)
    base = rng.integers(0, 256, (203, 317, 3), dtype=np.uint8)
    new = base.copy()
    new[190:199, 40:61] = 0  # a tick label
    for x in range(100, 300):  # a curve across many tiles
        new[int(20 + 0.6 * (x - 100)), x] = (255, 0, 0)
    new[202, 316] ^= 1  # the last pixel, off by one
    patches = se._patches(base, new)
    assert patches is not None and len(patches) < 20, patches and len(patches)
    rebuilt = base.copy()
    for x, y, crop in patches:
        assert (crop[..., 3] == 255).all(), "a patch must be opaque"
        rebuilt[y : y + crop.shape[0], x : x + crop.shape[1]] = crop[..., :3]
    assert (rebuilt == new).all(), f"{int((rebuilt != new).any(-1).sum())} pixels differ"
    assert se._patches(base, rng.integers(0, 256, base.shape, dtype=np.uint8)) is None


def test_atlas_rectangles_cut_out_every_image():
    import numpy as np

    se = _site_export()
    rng = np.random.default_rng(4)
    arrays = [
        rng.integers(0, 256, (int(h), int(w), int(c)), dtype=np.uint8)
        for h, w, c in zip(
            rng.integers(1, 700, 60), rng.integers(1, 900, 60), rng.choice([3, 4], 60), strict=True
        )
    ]
    arrays.append(np.zeros((5, 2500, 4), np.uint8))  # wider than a page
    for k in range(40):  # few colours: palette pages
        a = np.zeros((int(rng.integers(1, 200)), int(rng.integers(1, 300)), 4), np.uint8)
        a[..., k % 3] = rng.integers(0, 9, a.shape[:2]) * 30
        a[..., 3] = 255
        arrays.append(a)
    for pages, rects in (
        se.pack_atlases(arrays, width=1024, max_height=2048),
        se.palette_atlases(arrays),
    ):
        assert len(pages) > 1
        for a, (p, x, y, w, h) in zip(arrays, rects, strict=True):
            cut = pages[p][y : y + h, x : x + w]
            assert cut.shape[:2] == a.shape[:2]
            assert (cut[..., : a.shape[2]] == a).all()
            assert a.shape[2] == 4 or (cut[..., 3] == 255).all()
    for page in se.palette_atlases(arrays[-40:])[0]:  # the PNG of a page is lossless
        assert (np.asarray(Image.open(io.BytesIO(se._png(page))).convert("RGBA")) == page).all()


def test_language_switch_follows_the_folder(tmp_path):
    """A page of an edition not rebuilt keeps a switch only to a page that exists, and gets one
    to a page added since; the editions' pages are told apart by their names."""
    tool = load_site_tool()

    def page(name, lang, twin=None):
        nav = tool._nav([], None, lang, twin)
        body = f'<nav aria-label="x" class="lv-nav">{nav}</nav><p>text</p>'
        body += f'<nav aria-label="x" class="lv-nav lv-nav-bottom">{nav}</nav>'
        (tmp_path / name).write_text(body, encoding="utf-8")

    page("03-x.html", "en", "03-x.zh.html")  # its twin was removed
    page("04-y.html", "en")  # its twin was added
    page("04-y.zh.html", "zh")
    page("index.html", "en")
    assert [p.name for p in tool._edition_pages(tmp_path, "en")] == ["03-x.html", "04-y.html"]
    assert [p.name for p in tool._edition_pages(tmp_path, "zh")] == ["04-y.zh.html"]
    tool._refresh_switches(tmp_path)
    switches = {
        p.name: re.findall(r'class="lv-lang" href="([^"]+)"[^>]*>([^<]*)<', p.read_text())
        for p in tmp_path.glob("*.html")
    }
    assert switches == {
        "03-x.html": [],
        "04-y.html": [("04-y.zh.html", "中文")] * 2,
        "04-y.zh.html": [("04-y.html", "English")] * 2,
        "index.html": [],
    }
