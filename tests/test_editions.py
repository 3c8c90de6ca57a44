"""The English and Chinese editions cannot drift apart.

``notebooks/zh/NN-name.md`` is the Chinese edition of ``notebooks/NN-name.md``. The two share
their code cell for cell; only the prose differs. For every chapter this test fails when:

* a chapter has no Chinese edition (or the Chinese edition a chapter the English lacks);
* the cells differ in number, kind or order;
* a code cell differs — except the first, where the Chinese edition adds exactly one last line,
  ``lv.set_language("zh")``;
* the sections differ: each Markdown cell must hold the same headings at the same levels, so
  that every heading of one edition maps to one heading of the other (the mapping is printed);
* a Markdown cell of one edition has a number the other lacks (digits, as a multiset);
* the executed notebooks print different numbers (every number of every text output of a cell,
  as a multiset: a translation may put them in another order; after the substitutions of
  tests/nbval_sanitize.cfg (timings, addresses), which nbval does not compare either;
  cells marked ``NBVAL_IGNORE_OUTPUT``, which print timings, are left out);
* the Chinese prose keeps an English sentence outside code, mathematics, quotes and
  parentheses (a run of three or more English words with a function word among them).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import chapters as build  # noqa: E402

TOC = build.load_toc()
LANGUAGE_LINE = 'lv.set_language("zh")'
#: a number of the prose: digits, maybe a decimal part ("90th" counts as 90: 第 90)
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?!\d)")
#: a number printed by a cell; an English ordinal in a label is a word there ("smallest 2nd
#: difference" is 最小二阶差分 in the Chinese catalogue)
PRINTED_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?!\d)(?!(?:st|nd|rd|th)\b)")
HEADING = re.compile(r"^(#{1,6})\s+(.*)$", re.M)


def _cells(chapter, lang):
    path = build.source_path(chapter, lang)
    if not path.exists():
        pytest.fail(
            f"{path.relative_to(ROOT)} is missing: every chapter has a Chinese edition "
            f"(copy notebooks/{chapter.file}.md and translate its prose)"
        )
    return jupytext.read(path, fmt=build.SOURCE_FORMAT).cells


def _pairs(chapter):
    en, zh = _cells(chapter, "en"), _cells(chapter, "zh")
    ke, kz = [c.cell_type for c in en], [c.cell_type for c in zh]
    if ke != kz:
        at = next((i for i, (a, b) in enumerate(zip(ke, kz, strict=False)) if a != b), None)
        at = min(len(ke), len(kz)) if at is None else at
        pytest.fail(
            f"{chapter.file}: the editions' cells differ in number or kind (en {len(en)} cells, "
            f"zh {len(zh)}); first difference at cell {at}: {ke[at : at + 1]} {kz[at : at + 1]}"
        )
    return list(zip(en, zh, strict=True))


def test_every_chapter_has_both_editions():
    en = {p.stem for p in build.EDITION_DIRS["en"].glob("[0-9][0-9]-*.md")}
    zh = {p.stem for p in build.EDITION_DIRS["zh"].glob("[0-9][0-9]-*.md")}
    assert en == zh, f"chapters in one edition only: en {sorted(en - zh)}, zh {sorted(zh - en)}"
    nbs = {p.stem for p in build.EDITION_DIRS["zh"].glob("[0-9][0-9]-*.ipynb")}
    assert nbs == zh, f"zh sources without a built notebook (or back): {sorted(nbs ^ zh)}"


@pytest.mark.parametrize("chapter", TOC, ids=lambda c: c.file)
def test_same_code_cell_for_cell(chapter):
    first = True
    for i, (en, zh) in enumerate(_pairs(chapter)):
        if en.cell_type != "code":
            continue
        want = en.source.rstrip("\n") + "\n" + LANGUAGE_LINE if first else en.source
        assert zh.source.rstrip("\n") == want.rstrip("\n"), (
            f"{chapter.file} cell {i}: the Chinese edition's code differs from the English"
            + (
                f" (its first code cell must end with the one extra line {LANGUAGE_LINE})"
                if first
                else ""
            )
            + f":\nen: {en.source!r}\nzh: {zh.source!r}"
        )
        assert en.metadata == zh.metadata, f"{chapter.file} cell {i}: cell options differ"
        first = False
    assert not first, f"{chapter.file}: no code cell"


def _headings(text):
    return [(len(m.group(1)), m.group(2).strip()) for m in HEADING.finditer(_strip_fenced(text))]


def _strip_fenced(text):
    return re.sub(r"```.*?```", "", text, flags=re.S)


@pytest.mark.parametrize("chapter", TOC, ids=lambda c: c.file)
def test_same_sections(chapter):
    mapping, problems = [], []
    for i, (en, zh) in enumerate(_pairs(chapter)):
        if en.cell_type != "markdown":
            continue
        he, hz = _headings(en.source), _headings(zh.source)
        if [lvl for lvl, _ in he] != [lvl for lvl, _ in hz]:
            problems.append(f"cell {i}: en headings {he} but zh {hz}")
        mapping += [f"{'#' * a} {t}  ↔  {u}" for (a, t), (_, u) in zip(he, hz, strict=False)]
    assert not problems, f"{chapter.file}: sections differ:\n" + "\n".join(problems)
    assert mapping, f"{chapter.file}: no heading"


def numbers(text):
    return Counter(NUMBER.findall(text))


@pytest.mark.parametrize("chapter", TOC, ids=lambda c: c.file)
def test_same_numbers_in_prose(chapter):
    problems = []
    for i, (en, zh) in enumerate(_pairs(chapter)):
        if en.cell_type != "markdown":
            continue
        a, b = numbers(en.source), numbers(zh.source)
        if a != b:
            problems.append(
                f"cell {i}: only in English {sorted((a - b).elements())}, "
                f"only in Chinese {sorted((b - a).elements())}"
            )
    assert not problems, (
        f"{chapter.file}: the editions' prose has different numbers:\n" + "\n".join(problems)
    )


def _sanitizers():
    """The regexes nbval applies before comparing outputs (tests/nbval_sanitize.cfg)."""
    import configparser

    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "tests" / "nbval_sanitize.cfg", encoding="utf-8")
    return [(re.compile(cfg[s]["regex"]), cfg[s]["replace"]) for s in cfg.sections()]


SANITIZERS = _sanitizers()
_TAG = re.compile(r"<[^>]+>")
_DATA_URL = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+")


def printed_numbers(nb):
    """Every number of every text output, cell by cell (images and widget state left out)."""
    out = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "NBVAL_IGNORE_OUTPUT" in cell.source:
            continue  # not compared by nbval either: timings
        found = []
        for o in cell.get("outputs", []):
            texts = []
            if o.get("output_type") == "stream":
                texts.append(o.get("text", ""))
            data = o.get("data", {})
            if "text/html" in data:
                texts.append(_TAG.sub(" ", _DATA_URL.sub("", "".join(data["text/html"]))))
            elif "text/plain" in data and "application/vnd.jupyter.widget-view+json" not in data:
                texts.append("".join(data["text/plain"]))
            for t in texts:
                for regex, replace in SANITIZERS:  # what nbval does not compare either
                    t = regex.sub(replace, t)
                found += PRINTED_NUMBER.findall(t)
        out.append((i, found))
    return out


@pytest.mark.parametrize("chapter", TOC, ids=lambda c: c.file)
def test_same_printed_numbers(chapter):
    en = nbformat.read(build.notebook_path(chapter, "en"), as_version=4)
    path = build.notebook_path(chapter, "zh")
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run `python3 course.py build --zh`")
    zh = nbformat.read(path, as_version=4)
    first = [next(c for c in nb.cells if c.cell_type == "code") for nb in (en, zh)]
    assert len(first[1].outputs) == len(first[0].outputs), (
        f"{chapter.file}: the Chinese first cell shows output the English one does not: "
        f"{[o.get('text') or o.get('data') for o in first[1].outputs]}"
    )
    problems = [
        f"cell {i}: en prints {a[:12]}{'…' if len(a) > 12 else ''}, zh {b[:12]}"
        for (i, a), (_, b) in zip(printed_numbers(en), printed_numbers(zh), strict=False)
        if Counter(a) != Counter(b)  # the same numbers; Chinese word order may move them
    ]
    assert not problems, f"{chapter.file}: the editions print different numbers:\n" + "\n".join(
        problems[:8]
    )


# -- no English sentence in the Chinese prose -------------------------------------------------
FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "is",
        "to",
        "and",
        "a",
        "an",
        "in",
        "for",
        "with",
        "that",
        "this",
        "it",
        "on",
        "by",
        "as",
        "at",
        "be",
        "are",
        "from",
        "we",
        "you",
        "its",
        "was",
        "were",
        "has",
        "have",
        "not",
        "or",
        "but",
        "can",
        "will",
        "which",
    ]
)
_REMOVE = [
    re.compile(r"```.*?```", re.S),  # fenced code
    re.compile(r"\$\$.*?\$\$", re.S),  # display maths
    re.compile(r"\$[^$\n]+\$"),  # inline maths
    re.compile(r"`[^`\n]+`"),  # inline code
    re.compile(r"^\s*>.*$", re.M),  # block quotes (the sources, as they wrote them)
    re.compile(r"「[^」]*」|“[^”]*”|\"[^\"\n]*\""),  # quotes
    re.compile(r"<[^>\n]+>"),  # HTML tags and comments
    re.compile(r"\]\([^)\s]*\)"),  # link targets
    re.compile(r"https?://\S+"),
]
_PARENS = re.compile(r"\([^()]*\)|（[^（）]*）")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:\s+[A-Za-z][A-Za-z'’-]*){2,}")


def english_sentences(text):
    """Runs of 3+ English words holding a function word, outside code, maths, quotes, parentheses.

    >>> english_sentences("交叉熵（cross-entropy is the loss）很常用。")
    []
    >>> english_sentences("这里 the loss is large 是错的")
    ['the loss is large']
    """
    for pattern in _REMOVE:
        text = pattern.sub(" ", text)
    while _PARENS.search(text):
        text = _PARENS.sub(" ", text)
    return [
        m.group(0)
        for m in _WORDS.finditer(text)
        if any(w.lower() in FUNCTION_WORDS for w in m.group(0).split())
    ]


@pytest.mark.parametrize("chapter", TOC, ids=lambda c: c.file)
def test_no_english_sentence_in_the_chinese_prose(chapter):
    problems = []
    for i, (_, zh) in enumerate(_pairs(chapter)):
        if zh.cell_type == "markdown":
            problems += [f"cell {i}: {s!r}" for s in english_sentences(zh.source)]
    assert not problems, (
        f"notebooks/zh/{chapter.file}.md keeps English prose (translate it, or put a term in "
        "parentheses):\n" + "\n".join(problems[:10])
    )


_CJK = "[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_BROKEN = re.compile(rf"{_CJK}\n(?![\s#|>*+-]|\d+\.|\$\$|```){_CJK}")


def broken_lines(text):
    r"""Line breaks between two Chinese characters in running prose: Markdown renders each as a
    space (交叉 熵), so a Chinese paragraph is one line.

    >>> broken_lines("交叉\n熵"), broken_lines("交叉熵\n\n## 小结"), broken_lines("| 表 |\n| 格 |")
    (['叉⏎熵'], [], [])
    """
    text = re.sub(r"```.*?```|\$\$.*?\$\$", " ", text, flags=re.S)
    return [m.group(0).replace("\n", "⏎") for m in _BROKEN.finditer(text)]


@pytest.mark.parametrize("chapter", TOC, ids=lambda c: c.file)
def test_chinese_paragraphs_have_no_line_break_between_characters(chapter):
    problems = []
    for i, (_, zh) in enumerate(_pairs(chapter)):
        if zh.cell_type == "markdown":
            problems += [f"cell {i}: {b}" for b in broken_lines(zh.source)]
    assert not problems, (
        f"notebooks/zh/{chapter.file}.md breaks a line between two Chinese characters (it renders "
        "as a space; write each Chinese paragraph on one line):\n" + "\n".join(problems[:10])
    )


def test_checks_can_fail():
    """Each check catches what it is for (on a made-up pair of cells)."""
    assert english_sentences("我们 compute the loss here") == ["compute the loss here"]
    assert english_sentences("用 PyTorch 的 BCEWithLogitsLoss 计算") == []
    assert numbers("p = 0.8 and 1.609") != numbers("p = 0.8，1.61")
    assert PRINTED_NUMBER.findall("the 2nd difference, 5.00e-05") == ["5.00", "05"]
    assert numbers("the 90th percentile") == numbers("第 90 百分位数")
    assert _headings("## 1. The setting\ntext") == [(2, "1. The setting")]
    assert _headings("```\n# a comment\n```") == []


def test_printed_number_check_can_fail():
    """A changed printed number is seen; widget state, data URLs and NBVAL_IGNORE_OUTPUT are not."""
    import nbformat.v4 as v4

    def nb(text, html):
        cells = [
            v4.new_code_cell("x", outputs=[v4.new_output("stream", name="stdout", text=text)]),
            v4.new_code_cell(
                "y",
                outputs=[v4.new_output("display_data", data={"text/html": html})],
            ),
            v4.new_code_cell(
                "# NBVAL_IGNORE_OUTPUT\nt",
                outputs=[v4.new_output("stream", name="stdout", text="1.23 ms")],
            ),
        ]
        return v4.new_notebook(cells=cells)

    en = printed_numbers(nb("BCE 0.223", '<img src="data:image/png;base64,AAA9">损失 1.609'))
    same = printed_numbers(nb("二元交叉熵 0.223", '<img src="data:image/png;base64,BB7">1.609'))
    other = printed_numbers(nb("二元交叉熵 0.224", "1.609"))
    assert en == same == [(0, ["0.223"]), (1, ["1.609"])]
    assert en != other
