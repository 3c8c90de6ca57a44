"""Build the chapter notebooks from their text sources (one source of truth).

A chapter is written in ``notebooks/NN-name.md`` (MyST Markdown, read by jupytext). This module
turns it into ``notebooks/NN-name.ipynb``:

1. :func:`render` reads the source and adds what is generated from ``notebooks/toc.yml``: the
   navigation line at the top of the first cell and in a last cell of its own, and the chapter map
   of 00-start-here (the line ``<!-- chapter-map -->`` in its source);
2. :func:`execute` runs the notebook top to bottom in a fresh kernel and stores the outputs.

``python3 course.py build [NN ...]`` does both (all chapters by default); ``--zh`` builds the
Chinese edition (``notebooks/zh/NN-name.md`` → ``notebooks/zh/NN-name.ipynb``), whose headings,
navigation and chapter map take the ``*_zh`` fields of the same ``toc.yml``;
``tests/test_chapters.py`` renders every source and fails, naming the chapter and the cell, when
the committed notebook differs from it.
"""

from __future__ import annotations

import difflib
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "notebooks"  # each source sits beside its notebook (jupytext pairing)
NOTEBOOKS = ROOT / "notebooks"
TOC = SOURCES / "toc.yml"
MAP_MARKER = "<!-- chapter-map -->"
LANGUAGES = ("en", "zh")
#: where each edition's sources and notebooks live
EDITION_DIRS = {"en": SOURCES, "zh": SOURCES / "zh"}
SOURCE_FORMAT = "md:myst"

__all__ = [
    "Chapter",
    "load_toc",
    "navigation_line",
    "chapter_map",
    "render",
    "execute",
    "build",
    "source_path",
    "notebook_path",
    "select",
    "cell_differences",
]


@dataclass(frozen=True)
class Chapter:
    """One row of the table of contents."""

    file: str
    title: str
    term: str
    shows: str
    follows: str
    title_zh: str = ""
    shows_zh: str = ""
    follows_zh: str = ""

    @property
    def number(self) -> str:
        return self.file[:2]

    @property
    def heading(self) -> str:
        """The chapter's first heading: number, English title, the Chinese term of the source."""
        return f"# {self.number} · {self.title} · {self.term}"

    def heading_in(self, lang: str = "en") -> str:
        """The first heading of the chapter in one edition (the Chinese one: number and title)."""
        return self.heading if lang == "en" else f"# {self.number} · {self.title_zh}"

    def title_in(self, lang: str = "en") -> str:
        return self.title if lang == "en" else self.title_zh

    def link(self, text: str | None = None, lang: str = "en") -> str:
        return f"[{text or f'{self.number} · {self.title_in(lang)}'}]({self.file}.ipynb)"


def load_toc(path: Path = TOC) -> list[Chapter]:
    """The chapters in order, from ``notebooks/toc.yml``."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))["chapters"]
    chapters = [Chapter(**row) for row in rows]
    numbers = [c.number for c in chapters]
    if numbers != [f"{i:02d}" for i in range(len(chapters))]:
        raise ValueError(
            f"{path.name}: chapters must be numbered 00, 01, … in order; found {numbers}"
        )
    return chapters


def navigation_line(chapter: Chapter, chapters: list[Chapter], lang: str = "en") -> str:
    """``[← previous] | [Index] | [next →]``, each part present where it exists."""
    i = chapters.index(chapter)
    parts = []
    if i > 0:
        prev = chapters[i - 1]
        parts.append(prev.link(f"← {prev.number} · {prev.title_in(lang)}"))
    if i > 0:
        parts.append(chapters[0].link("Index" if lang == "en" else "目录"))
    if i + 1 < len(chapters):
        nxt = chapters[i + 1]
        parts.append(nxt.link(f"{nxt.number} · {nxt.title_in(lang)} →"))
    return " | ".join(parts)


def chapter_map(chapters: list[Chapter], lang: str = "en") -> str:
    """The table of chapter 00: chapter, what it shows, which sections of the sources it follows."""
    if lang == "en":
        lines = [
            "| chapter | what it shows | follows (seed · § · section title) |",
            "|---|---|---|",
        ]
        lines += [f"| {c.link()} | {c.shows} | {c.follows} |" for c in chapters]
    else:
        lines = ["| 章 | 内容 | 对应源文（源文 · § · 小节标题） |", "|---|---|---|"]
        lines += [
            f"| {c.link(lang='zh')} | {c.shows_zh or c.shows} | {c.follows_zh or c.follows} |"
            for c in chapters
        ]
    return "\n".join(lines)


def source_path(chapter: Chapter, lang: str = "en") -> Path:
    base = SOURCES if lang == "en" else EDITION_DIRS[lang]
    return base / f"{chapter.file}.md"


def notebook_path(chapter: Chapter, lang: str = "en") -> Path:
    base = NOTEBOOKS if lang == "en" else EDITION_DIRS[lang]
    return base / f"{chapter.file}.ipynb"


def render(
    chapter: Chapter, chapters: list[Chapter] | None = None, lang: str = "en"
) -> nbformat.NotebookNode:
    """The chapter's notebook, unexecuted: its source plus the generated navigation and map."""
    chapters = chapters or load_toc()
    nb = jupytext.read(source_path(chapter, lang), fmt=SOURCE_FORMAT)
    nb.metadata.pop("jupytext", None)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    first = nb.cells[0]
    heading = chapter.heading_in(lang)
    if first.cell_type != "markdown" or not first.source.startswith(heading):
        raise ValueError(
            f"{source_path(chapter, lang)}: the first cell must start with the heading "
            f"{heading!r} (from toc.yml); found {first.source.splitlines()[:1]}"
        )
    nav = navigation_line(chapter, chapters, lang)
    first.source = f"{nav}\n\n{first.source}"
    for cell in nb.cells:
        if cell.cell_type == "markdown" and MAP_MARKER in cell.source:
            cell.source = cell.source.replace(MAP_MARKER, chapter_map(chapters, lang))
        cell.metadata = {k: v for k, v in cell.metadata.items() if k not in ("lines_to_next_cell",)}
    nb.cells.append(nbformat.v4.new_markdown_cell(nav))
    for cell in nb.cells:
        cell.pop("id", None)
    return nb


def execute(nb: nbformat.NotebookNode, where: Path, timeout: int = 120) -> float:
    """Run ``nb`` top to bottom in a fresh kernel (working directory ``where``); return seconds."""
    from nbclient import NotebookClient

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(where)}},
        record_timing=False,
        env={"MPLBACKEND": "module://matplotlib_inline.backend_inline", "PYTHONHASHSEED": "0"},
    )
    start = time.perf_counter()
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return time.perf_counter() - start


def _normalise_ids(nb: nbformat.NotebookNode) -> None:
    """Stable cell ids (the position), so rebuilding an unchanged chapter changes nothing."""
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"


def select(args: list[str], chapters: list[Chapter]) -> list[Chapter]:
    """Chapters named by number (``03``) or file name; all of them when ``args`` is empty."""
    if not args:
        return chapters
    chosen = []
    for arg in args:
        key = Path(arg).stem[:2]
        found = [c for c in chapters if c.number == key]
        if not found:
            numbers = ", ".join(c.number for c in chapters)
            raise SystemExit(f"[build] no chapter {arg!r}: choose among {numbers}")
        chosen.extend(found)
    return chosen


def build(args: list[str], *, run: bool = True, lang: str = "en") -> None:
    chapters = load_toc()
    chosen = select(args, chapters)
    for k, chapter in enumerate(chosen, 1):
        nb = render(chapter, chapters, lang)
        _normalise_ids(nb)
        out = notebook_path(chapter, lang)
        print(f"[build] {k}/{len(chosen)} {chapter.file}: rendering", flush=True)
        if run:
            seconds = execute(nb, out.parent)
            print(
                f"[build] {k}/{len(chosen)} {chapter.file}: executed in {seconds:.1f} s", flush=True
            )
        nbformat.validate(nb)
        nbformat.write(nb, out)


def cell_differences(
    chapter: Chapter, chapters: list[Chapter] | None = None, lang: str = "en"
) -> list[str]:
    """Where the committed notebook differs from its source: one message per differing cell."""
    want = render(chapter, chapters, lang).cells
    have = nbformat.read(notebook_path(chapter, lang), as_version=4).cells
    problems = []
    for i in range(max(len(want), len(have))):
        w = want[i] if i < len(want) else None
        h = have[i] if i < len(have) else None
        if w is None or h is None:
            side = "notebook" if w is None else "source"
            cell = h if w is None else w
            problems.append(
                f"cell {i}: only in the {side}: {cell.cell_type} {cell.source.splitlines()[:1]}"
            )
            continue
        if (w.cell_type, w.source) != (h.cell_type, h.source):
            diff = "\n".join(
                difflib.unified_diff(
                    h.source.splitlines(),
                    w.source.splitlines(),
                    "notebook",
                    "source",
                    lineterm="",
                    n=1,
                )
            )
            problems.append(
                f"cell {i} ({w.cell_type} in the source, {h.cell_type} in the notebook):\n{diff}"
            )
    return problems


def main(argv: list[str]) -> int:
    if {"-h", "--help"} & set(argv):
        print(__doc__)
        return 0
    unknown = [a for a in argv if a.startswith("-") and a not in ("--no-execute", "--zh", "--both")]
    if unknown:
        raise SystemExit(f"[build] unknown option {unknown[0]!r}: use --zh, --both or --no-execute")
    run = "--no-execute" not in argv
    langs = ["en", "zh"] if "--both" in argv else ["zh"] if "--zh" in argv else ["en"]
    for lang in langs:
        build([a for a in argv if not a.startswith("--")], run=run, lang=lang)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
