"""Self-check questions of the chapters, one module per chapter (``ch03.py`` for chapter 03).

Each module defines ``QUESTIONS``, a list of :class:`lossviz.exercises.Exercise`.  A notebook does::

    q = lv.questions("03")
    q.q1.check(0.223)
    q.q1.hint()
    q.q1.solution()
"""

from __future__ import annotations

import importlib
import re
from types import SimpleNamespace

__all__ = ["questions", "available_chapters"]


def available_chapters():
    """Return the chapter numbers that have questions, e.g. ``['00', '01', ...]``."""
    from importlib import resources

    names = [r.name for r in resources.files(__name__).iterdir()]
    return sorted(m.group(1) for n in names if (m := re.fullmatch(r"ch(\d\d)\.py", n)))


def questions(chapter):
    """Return the questions of ``chapter`` as a namespace with attributes ``q1``, ``q2``, …

    Parameters
    ----------
    chapter : str or int
        The chapter number, e.g. ``"03"`` or ``3``.
    """
    if isinstance(chapter, bool) or not isinstance(chapter, (str, int)):
        raise TypeError(
            f"chapter must be a chapter number such as '03' or 3; found {type(chapter).__name__}."
        )
    key = f"{int(chapter):02d}" if str(chapter).isdigit() else str(chapter)
    if key not in available_chapters():
        raise ValueError(
            f"chapter must be one of {available_chapters()}; found {chapter!r}. Use the number in the notebook's name."
        )
    mod = importlib.import_module(f"{__name__}.ch{key}")
    for i, q in enumerate(mod.QUESTIONS, start=1):
        q.ref = f"q.q{i}"  # the feedback then says "try q.q2.hint()", as the notebooks name it
    return SimpleNamespace(**{f"q{i}": q for i, q in enumerate(mod.QUESTIONS, start=1)})


class _CallableModule(type(importlib)):
    """Lets ``lv.questions("03")`` work although ``lossviz.questions`` is also a package."""

    def __call__(self, chapter):
        return questions(chapter)


import sys as _sys  # noqa: E402

_sys.modules[__name__].__class__ = _CallableModule
