"""The chapters' self-check questions, one module per chapter (``ch03.py`` for chapter 03).

Each module defines ``QUESTIONS``, a list of :class:`lossviz.exercises.Exercise`, numbered
``q1, q2, ...`` in list order. Every numeric answer and every number in a solution is computed
with lossviz in the module, never typed. A notebook loads them with the plain function
:func:`questions`, which lossviz exposes as ``lv.questions``::

    q = lv.questions("03")
    q.q1.check(2.303)
    q.q1.hint()
    q.q1.solution()

Examples
--------
>>> q = questions("03")
>>> q.q1.name, q.q2.name
('q.q1', 'q.q2')
>>> "03" in available_chapters()
True
"""

from __future__ import annotations

import importlib
import re
from importlib import resources

from lossviz.exercises import ChapterExercises

__all__ = ["questions", "available_chapters"]


def available_chapters():
    """The chapter numbers that have questions, e.g. ``['00', '01', ...]``.

    Examples
    --------
    >>> available_chapters()[:2]
    ['00', '01']
    """
    names = [r.name for r in resources.files(__name__).iterdir()]
    return sorted(m.group(1) for n in names if (m := re.fullmatch(r"ch(\d\d)\.py", n)))


def questions(chapter, *, var="q"):
    """The questions of ``chapter`` as ``q1``, ``q2``, ... (a :class:`ChapterExercises`).

    Parameters
    ----------
    chapter : str or int
        The chapter number, e.g. ``"03"`` or ``3``.
    var : str, default "q"
        The notebook variable the result is assigned to; the feedback names question 2
        ``q.q2`` ("Try q.q2.hint()").

    Raises
    ------
    ValueError
        If the chapter has no questions (the message lists those that have).

    Examples
    --------
    >>> questions(3).q1.check(...)
    Replace ... with your answer and run the cell again.
    False
    """
    if isinstance(chapter, bool) or not isinstance(chapter, (str, int)):
        raise TypeError(
            f"chapter must be a chapter number such as '03' or 3; found {type(chapter).__name__}."
        )
    text = str(chapter).strip()
    key = f"{int(text):02d}" if text.isdigit() else text
    have = available_chapters()
    if key not in have:
        raise ValueError(
            f"chapter must be one of {have}; found {chapter!r}. "
            "Use the number in the notebook's name."
        )
    module = importlib.import_module(f"{__name__}.ch{key}")
    named = [q.renamed(f"{var}.q{i}") for i, q in enumerate(module.QUESTIONS, start=1)]
    return ChapterExercises(key, named)
