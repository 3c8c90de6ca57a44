"""Text sources and notebooks: every chapter's notebook is what ``python3 course.py build`` makes
of its source beside it (``notebooks/NN-name.md``, MyST Markdown), and navigation comes from
``notebooks/toc.yml``."""

import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import chapters as build  # noqa: E402

TOC = build.load_toc()


def test_every_notebook_has_a_source_and_every_source_a_notebook():
    sources = {p.stem for p in build.SOURCES.glob("[0-9][0-9]-*.md")}
    notebooks = {p.stem for p in build.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")}
    listed = {c.file for c in TOC}
    assert sources == listed, f"notebooks/*.md and toc.yml differ: {sorted(sources ^ listed)}"
    assert notebooks == listed, (
        f"notebooks/*.ipynb and toc.yml differ: {sorted(notebooks ^ listed)}"
    )


@pytest.mark.parametrize("chapter", TOC, ids=lambda c: c.file)
def test_notebook_is_built_from_its_source(chapter):
    problems = build.cell_differences(chapter, TOC)
    assert not problems, (
        f"notebooks/{chapter.file}.ipynb differs from notebooks/{chapter.file}.md "
        f"(edit the source, then run `python3 course.py build {chapter.number}`):\n"
        + "\n".join(problems[:5])
    )


def test_sync_check_names_the_chapter_and_cell(tmp_path, monkeypatch):
    """The check can fail: a notebook edited by hand is caught, with the cell's position."""
    chapter = TOC[3]
    nb = nbformat.read(build.notebook_path(chapter), as_version=4)
    nb.cells[5].source += "\nedited in the notebook only"
    monkeypatch.setattr(build, "NOTEBOOKS", tmp_path)
    nbformat.write(nb, tmp_path / f"{chapter.file}.ipynb")
    problems = build.cell_differences(chapter, TOC)
    assert len(problems) == 1 and problems[0].startswith("cell 5 ")
    assert "edited in the notebook only" in problems[0]


def test_navigation_is_generated_from_the_toc():
    lines = [build.navigation_line(c, TOC) for c in TOC]
    assert lines[0] == "[01 · Why loss functions →](01-why-loss-functions.ipynb)"
    assert lines[3].startswith("[← 02 · Entropy, cross-entropy and KL](02-entropy-cross-entropy-kl")
    assert "[Index](00-start-here.ipynb)" in lines[11] and "→" not in lines[11]
    for c in TOC:
        assert f"]({c.file}.ipynb)" in build.chapter_map(TOC)


@pytest.mark.parametrize("chapter", TOC, ids=lambda c: c.file)
def test_sources_type_no_navigation(chapter):
    """Navigation and the chapter map are generated, never typed in a source."""
    text = build.source_path(chapter).read_text(encoding="utf-8")
    assert "[Index](00-start-here.ipynb)" not in text
    assert "| chapter | what it shows |" not in text


@pytest.mark.parametrize("chapter", TOC, ids=lambda c: c.file)
def test_code_lines_fit_in_100_columns(chapter):
    nb = build.render(chapter, TOC)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            for line in cell.source.splitlines():
                assert len(line) <= 100, f"{chapter.file} cell {i}: {len(line)} columns: {line}"


@pytest.mark.parametrize("chapter", TOC, ids=lambda c: c.file)
def test_chinese_notebook_is_built_from_its_source(chapter):
    source = build.source_path(chapter, "zh")
    assert source.exists(), f"{source.relative_to(ROOT)} is missing (the Chinese edition)"
    problems = build.cell_differences(chapter, TOC, "zh")
    assert not problems, (
        f"notebooks/zh/{chapter.file}.ipynb differs from its source notebooks/zh/{chapter.file}.md "
        f"(run `python3 course.py build {chapter.number} --zh`):\n" + "\n".join(problems[:5])
    )


def test_chinese_navigation_and_map_come_from_the_toc():
    lines = [build.navigation_line(c, TOC, "zh") for c in TOC]
    assert lines[0] == f"[01 · {TOC[1].title_zh} →](01-why-loss-functions.ipynb)"
    assert "[目录](00-start-here.ipynb)" in lines[11] and "→" not in lines[11]
    table = build.chapter_map(TOC, "zh")
    for c in TOC:
        assert c.title_zh and c.shows_zh and c.follows_zh, f"toc.yml: {c.file} lacks a *_zh field"
        assert f"| [{c.number} · {c.title_zh}]({c.file}.ipynb) | {c.shows_zh} |" in table
