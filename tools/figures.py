"""Export every static figure and static twin of the course to files, with a manifest.

    python3 course.py figures [NN ...] [--format svg|pdf|png] [--lecture] [--out DIR]

Each chapter is rendered from its source (``tools/chapters.py``) and run in a fresh kernel in which
pyplot draws off-screen: after every cell the figures it made are saved, and every static twin a
cell shows is saved instead of displayed. Names are stable: ``figures/NN/<section>-<k>.<ext>``,
the k-th figure of that section. ``figures/NN/manifest.json`` lists chapter, section, caption and
file for each; ``figures/manifest.json`` lists them all. Nothing in the caller's matplotlib
state changes (the chapters run in their own kernel; ``--lecture`` switches lecture mode there).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chapters as book  # noqa: E402

ROOT = book.ROOT
FORMATS = ("svg", "pdf", "png")

KERNEL_SETUP = r"""
import json as _json, pathlib as _pathlib, re as _re
import matplotlib as _mpl
import matplotlib.pyplot as _plt
from matplotlib.figure import Figure as _Figure

class _FigureExport:
    def __init__(self, out, chapter, fmt):
        self.out, self.chapter, self.fmt = _pathlib.Path(out), chapter, fmt
        self.section, self.slug, self.caption, self.count, self.saved = "", "intro", "", {}, []
        self.done = set()  # figures saved in this cell: one file per figure, not one per mimetype
        self.out.mkdir(parents=True, exist_ok=True)

    def at(self, section, slug, caption):
        self.section, self.slug, self.caption = section, slug, caption

    def save(self, fig):
        k = self.count[self.slug] = self.count.get(self.slug, 0) + 1
        name = f"{self.slug}-{k}.{self.fmt}"
        meta = {"Creator": None} if self.fmt == "pdf" else None
        if self.fmt == "svg":
            meta = {"Date": None}
        fig.savefig(self.out / name, format=self.fmt, dpi=150, bbox_inches="tight",
                    metadata=meta)
        self.saved.append({"chapter": self.chapter, "section": self.section,
                           "caption": self.caption, "file": f"{self.chapter}/{name}"})
        print(f"[figures] saved {self.chapter}/{name}", flush=True)

    def flush(self, result=None):
        for num in _plt.get_fignums():
            self.save(_plt.figure(num))
        _plt.close("all")
        self.done.clear()

    def shown(self, fig):
        if not _plt.fignum_exists(getattr(fig, "number", -1)) and id(fig) not in self.done:
            self.done.add(id(fig))
            self.save(fig)
        return None

_lv_export = _FigureExport(__OUT__, __CHAPTER__, __FORMAT__)
_plt.switch_backend("agg")
get_ipython().events.register("post_run_cell", _lv_export.flush)
for _mime in ("image/png", "image/svg+xml", "application/pdf", "image/jpeg"):
    get_ipython().display_formatter.formatters[_mime].for_type(_Figure, _lv_export.shown)
if __LECTURE__:
    import lossviz as _lv
    _lv.set_lecture_mode(True)
"""


def slugify(text: str) -> str:
    text = re.sub(r"^#+\s*", "", text).strip().lower()
    text = re.sub(r"^\d+(\.\d+)*\.?\s*", "", text)  # "2. The worked examples" -> "the worked …"
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:40].rstrip("-") or "section"


def caption_of(markdown: str) -> str:
    """The last paragraph of the prose before a figure, as its caption (one line, ≤ 240 chars)."""
    paras = [p.strip() for p in re.split(r"\n\s*\n", markdown) if p.strip()]
    paras = [p for p in paras if not p.startswith(("#", "|", "```", "$$"))]
    text = " ".join(paras[-1].split()) if paras else ""
    return text if len(text) <= 240 else text[:237].rsplit(" ", 1)[0] + "…"


def export_notebook(chapter, chapters, fmt: str, lecture: bool, out: Path, lang: str = "en"):
    """The chapter's notebook with the export cells woven in (one before each code cell).

    The Chinese edition (``lang="zh"``) names its files after the English sections (the
    editions have the same cells), so ``figures/zh/03/…`` mirrors ``figures/03/…``; captions
    and section titles come from the Chinese prose.
    """
    nb = book.render(chapter, chapters, lang)
    english = book.render(chapter, chapters) if lang != "en" else nb
    slugs = {}
    for k, cell in enumerate(english.cells):
        if cell.cell_type == "markdown":
            found = [slugify(li) for li in cell.source.splitlines() if re.match(r"^#{2,3} ", li)]
            if found:
                slugs[k] = found[-1]
    cells, section, slug, prose = [], "", "intro", ""
    setup = (
        KERNEL_SETUP.replace("__OUT__", repr(str(out / chapter.number)))
        .replace("__CHAPTER__", repr(chapter.number))
        .replace("__FORMAT__", repr(fmt))
        .replace("__LECTURE__", repr(lecture))
    )
    first_code = True
    for k, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if re.match(r"^#{2,3} ", line):
                    section, slug, prose = line.lstrip("#").strip(), slugify(line), ""
            slug = slugs.get(k, slug)
            prose += "\n\n" + cell.source
            cells.append(cell)
            continue
        if not first_code:
            at = f"_lv_export.at({section!r}, {slug!r}, {caption_of(prose)!r})"
            cells.append(nbformat.v4.new_code_cell(at))
        cells.append(cell)
        if first_code:
            cells.append(nbformat.v4.new_code_cell(setup))
            first_code = False
    cells.append(
        nbformat.v4.new_code_cell(
            '_lv_export.flush(); print("[figures-manifest]" + _json.dumps(_lv_export.saved))'
        )
    )
    nb.cells = cells
    return nb


def export(args: list[str]) -> list[dict]:
    parser = argparse.ArgumentParser(prog="course.py figures", description=__doc__.split("\n")[0])
    parser.add_argument("chapters", nargs="*", help="chapter numbers (default: all)")
    parser.add_argument("--format", choices=FORMATS, default="svg")
    parser.add_argument("--lecture", action="store_true", help="lecture style (larger text)")
    parser.add_argument("--out", type=Path, default=None, help="default figures/ (zh: figures/zh/)")
    parser.add_argument("--zh", action="store_true", help="the Chinese edition's figures")
    opts = parser.parse_args(args)
    lang = "zh" if opts.zh else "en"
    if opts.out is None:
        opts.out = ROOT / "figures" / ("zh" if opts.zh else "")
    chapters = book.load_toc()
    chosen = book.select(opts.chapters, chapters)
    everything = []
    start = time.perf_counter()
    for k, chapter in enumerate(chosen, 1):
        bar = "█" * k + "░" * (len(chosen) - k)
        print(f"[figures] {bar} chapter {chapter.number} ({k}/{len(chosen)})", flush=True)
        target = opts.out / chapter.number
        for old in target.glob(f"*.{opts.format}"):
            old.unlink()
        nb = export_notebook(chapter, chapters, opts.format, opts.lecture, opts.out, lang)
        book.execute(nb, book.EDITION_DIRS[lang], timeout=300)
        printed = "".join(o.get("text", "") for o in nb.cells[-1].get("outputs", []))
        saved = json.loads(printed.split("[figures-manifest]", 1)[1])
        (target / "manifest.json").write_text(json.dumps(saved, indent=1, ensure_ascii=False))
        everything += saved
        print(f"[figures]   {len(saved)} figure(s) in {target}", flush=True)
    opts.out.mkdir(parents=True, exist_ok=True)
    index = opts.out / "manifest.json"
    if not opts.chapters:
        index.write_text(json.dumps(everything, indent=1, ensure_ascii=False))
    took = time.perf_counter() - start
    print(f"[figures] {len(everything)} figure(s) written in {took:.0f} s", flush=True)
    return everything


def main(argv: list[str]) -> int:
    export(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
