"""``python3 course.py figures``: every static figure of a chapter, stable names, a manifest."""

import json
import sys
from pathlib import Path

import matplotlib

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import figures  # noqa: E402


def test_slugs_and_captions():
    assert (
        figures.slugify("## 2. The worked examples of the sources")
        == "the-worked-examples-of-the-sources"
    )
    assert (
        figures.caption_of("# T\n\nFirst.\n\nThe last   paragraph\nhere.")
        == "The last paragraph here."
    )


def test_export_writes_every_figure_with_a_manifest(tmp_path):
    before = dict(matplotlib.rcParams)
    saved = figures.export(["02", "--format", "png", "--lecture", "--out", str(tmp_path)])
    assert dict(matplotlib.rcParams) == before, "exporting changed this process's matplotlib state"
    manifest = json.loads((tmp_path / "02" / "manifest.json").read_text())
    assert manifest == saved and len(saved) >= 3
    for entry in manifest:
        assert set(entry) == {"chapter", "section", "caption", "file"}
        path = tmp_path / entry["file"]
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", entry
        assert entry["chapter"] == "02" and entry["section"]
    names = [e["file"] for e in manifest]
    assert len(set(names)) == len(names)
    # a twin shown once is one file, not one per display mimetype (png, svg, pdf, jpeg)
    contents = [(tmp_path / name).read_bytes() for name in names]
    assert len(set(contents)) == len(contents), "a figure was saved more than once"
    again = figures.export(["02", "--format", "png", "--lecture", "--out", str(tmp_path)])
    assert [e["file"] for e in again] == names, "figure names must be stable from run to run"


def test_chinese_figures_keep_the_english_names(tmp_path):
    """``figures 03 --zh``: the Chinese edition's figures, named after the English sections
    (figures/zh/03/x.png is the Chinese twin of figures/03/x.png), captioned in Chinese."""
    saved = figures.export(["03", "--zh", "--format", "png", "--out", str(tmp_path)])
    english = figures.book.render(figures.book.load_toc()[3], figures.book.load_toc())
    slugs = {
        figures.slugify(line)
        for cell in english.cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.startswith(("## ", "### "))
    }
    assert len(saved) >= 3
    for entry in saved:
        stem = Path(entry["file"]).stem.rsplit("-", 1)[0]
        assert stem in slugs or stem == "intro", entry
        assert any("\u4e00" <= ch <= "\u9fff" for ch in entry["section"] + entry["caption"])
