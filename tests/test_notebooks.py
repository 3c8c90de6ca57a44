"""Structure of the chapter notebooks: index, navigation, execution state, thin cells.

nbval (run on ``notebooks/`` by the same pytest command) re-executes every notebook and compares
its outputs; these tests check what nbval does not.
"""

import json
import re
import statistics
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NB_DIR = ROOT / "notebooks"
CHAPTERS = sorted(NB_DIR.glob("[0-9][0-9]-*.ipynb"))
INDEX = NB_DIR / "00-start-here.ipynb"
NAV = re.compile(r"\[([^\]]*)\]\(([^)]+\.ipynb)\)")
CJK = re.compile(r"[\u4e00-\u9fff]")
FIRST_CELL = "%matplotlib inline\nimport numpy as np\nimport lossviz as lv"
PLOTTING = re.compile(
    r"\bplt\.|\.plot\(|\.subplots\(|\.scatter\(|\.bar\(|\.imshow\(|\.fill_between\("
)


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell):
    return "".join(cell["source"])


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def expected_nav(path, chapters):
    i = chapters.index(path)
    links = []
    if i > 0:
        links.append(chapters[i - 1].name)
    if path != chapters[0]:
        links.append(INDEX.name)
    if i + 1 < len(chapters):
        links.append(chapters[i + 1].name)
    return links


def nav_links(cell):
    return (
        [target for _, target in NAV.findall(source(cell).splitlines()[0])]
        if source(cell).strip()
        else []
    )


def test_there_are_twelve_chapters():
    assert [p.name[:2] for p in CHAPTERS] == [f"{i:02d}" for i in range(12)], [
        p.name for p in CHAPTERS
    ]


def test_index_links_every_chapter():
    text = "".join(source(c) for c in load(INDEX)["cells"] if c["cell_type"] == "markdown")
    linked = {target for _, target in NAV.findall(text)}
    missing = [p.name for p in CHAPTERS[1:] if p.name not in linked]
    assert not missing, (
        f"00-start-here.ipynb has no entry for {missing}: add them to the chapter map"
    )
    dangling = [t for t in linked if not (NB_DIR / t).exists()]
    assert not dangling, f"00-start-here.ipynb links to notebooks that do not exist: {dangling}"


def test_navigation_helper_detects_a_stale_line():
    """The navigation check can fail: a line that skips a chapter is not the expected one."""
    cell = {
        "source": [
            "[← 01](01-why-loss-functions.ipynb) | [Index](00-start-here.ipynb) | "
            "[04](04-saturation.ipynb)\n"
        ]
    }
    fake = [NB_DIR / n for n in ("00-start-here.ipynb", "01-a.ipynb", "02-b.ipynb", "03-c.ipynb")]
    assert nav_links(cell) != expected_nav(fake[2], fake)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_navigation_lines_are_current(path):
    nb = load(path)
    want = expected_nav(path, CHAPTERS)
    first, last = nb["cells"][0], nb["cells"][-1]
    assert first["cell_type"] == "markdown" and last["cell_type"] == "markdown"
    assert nav_links(first) == want, (
        f"{path.name}: first line should link {want}, found {nav_links(first)}"
    )
    assert nav_links(last) == want, (
        f"{path.name}: last cell should link {want}, found {nav_links(last)}"
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_heading_gives_the_chinese_term(path):
    nb = load(path)
    headings = [ln for ln in source(nb["cells"][0]).splitlines() if ln.startswith("# ")]
    assert headings, f"{path.name}: the first cell needs a '# NN · Title · 中文' heading"
    assert path.name[:2] in headings[0] and CJK.search(headings[0]), headings[0]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_executed_top_to_bottom_without_errors(path):
    cells = code_cells(load(path))
    counts = [c["execution_count"] for c in cells]
    assert counts == list(range(1, len(cells) + 1)), f"{path.name}: execution counts {counts}"
    for c in cells:
        for out in c["outputs"]:
            assert out["output_type"] != "error", f"{path.name}: stored error {out.get('ename')}"
            if out.get("name") == "stderr":
                pytest.fail(f"{path.name}: a cell wrote to stderr: {''.join(out['text'])[:200]}")
            blob = json.dumps(out)
            assert not re.search(r"(?<![\w.])/(root|home|Users|tmp|work)/", blob), (
                f"{path.name}: machine path"
            )


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_cells_are_thin_and_plot_free(path):
    cells = code_cells(load(path))
    assert source(cells[0]).strip() == FIRST_CELL, (
        f"{path.name}: first code cell must be\n{FIRST_CELL}"
    )
    lines = [
        len([ln for ln in source(c).splitlines() if ln.strip() and not ln.lstrip().startswith("#")])
        for c in cells
    ]
    assert statistics.median(lines) <= 4, (
        f"{path.name}: median code cell has {statistics.median(lines)} lines"
    )
    for c in cells:
        assert not PLOTTING.search(source(c)), (
            f"{path.name}: plotting code in a notebook:\n{source(c)}"
        )


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_explorers_have_static_twins_and_ignored_outputs(path):
    cells = code_cells(load(path))
    for i, c in enumerate(cells):
        src = source(c)
        if (
            re.search(r"lv\.\w+Explorer\(", src)
            and "small_multiples" not in src
            and ".static(" not in src
        ):
            assert src.startswith("# NBVAL_IGNORE_OUTPUT"), (
                f"{path.name}: widget cell without # NBVAL_IGNORE_OUTPUT"
            )
            rest = "".join(source(d) for d in cells[i + 1 : i + 4])
            assert ".static(" in rest or "small_multiples(" in rest, (
                f"{path.name}: explorer without a static twin"
            )


@pytest.mark.parametrize("path", CHAPTERS[1:], ids=lambda p: p.stem)
def test_summary_and_exercises(path):
    nb = load(path)
    md = "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    code = "".join(source(c) for c in code_cells(nb))
    assert re.search(r"^#+ .*Summary", md, re.M), f"{path.name}: no Summary section"
    assert f'lv.questions("{path.name[:2]}")' in code, f"{path.name}: no self-check exercises"
