"""Feedback text from templates, and the :class:`Verdict` that carries it.

Every message is assembled from whole sentences: a template gives the frame (``Not quite.``,
the given answer, the pointer to ``hint()`` and ``solution()``), and each reason is a
complete sentence of its own. Nothing is spliced into the middle of another sentence, so
every path reads as English ("You gave 0.2. The sign is flipped ..."), and the name a notebook
uses for the question (``q.q2``) is a field filled in by the template.

Examples
--------
>>> print(wrong("The sign is flipped.", given=0.2, name="q.q2", kind="sign"))
Not quite. You gave 0.2. The sign is flipped. Try q.q2.hint(), or q.q2.solution() to see the answer.
>>> print(correct("0.223", "A confident right answer costs little."))
Correct: 0.223. A confident right answer costs little.
"""

from __future__ import annotations

import numbers

import numpy as np

from lossviz.i18n import N_, get_language, tr

__all__ = [
    "TEMPLATES",
    "Text",
    "shown",
    "Verdict",
    "correct",
    "wrong",
    "not_attempted",
    "sentence",
    "fmt",
]

#: The frames of every message, in English; each is shown through :func:`~lossviz.i18n.tr`.
TEMPLATES = {
    "not_attempted": N_("Replace ... with your answer and run the cell again."),
    "correct": N_("Correct: {shown}"),
    "wrong": N_("Not quite. {given}{reason} {more}"),
    "given": N_("You gave {given}. "),
    "more": N_("Try {name}.hint(), or {name}.solution() to see the answer."),
}


def _make_text(template, values):
    return Text(template, **values)


class Text(str):
    """A stored text with computed numbers: its English template and the values to fill in.

    The object *is* the English text (a ``str``), so it is used wherever a question's text
    is; :func:`shown` gives it in the current language by translating the template (marked
    with ``N_``) and filling in the same values, so the numbers are identical in every edition.

    Examples
    --------
    >>> from lossviz.i18n import N_
    >>> t = Text(N_("{n} steps"), n=3)
    >>> t, shown(t)
    ('3 steps', '3 steps')
    """

    def __new__(cls, template, /, **values):
        obj = super().__new__(cls, template.format(**values))
        obj.template, obj.values = template, values
        return obj

    def __reduce__(self):
        return _make_text, (self.template, dict(self.values))


def shown(text):
    """``text`` (English, stored with ``N_`` or as a :class:`Text`) in the current language.

    ``None`` and the empty string stay as they are.

    Examples
    --------
    >>> shown("Correct: {shown}"), shown(""), shown(None)
    ('Correct: {shown}', '', None)
    """
    if isinstance(text, Text):
        values = {k: shown(v) if isinstance(v, Text) else v for k, v in text.values.items()}
        return tr(text.template).format(**values)
    if isinstance(text, str) and text.strip():
        return tr(text)
    return text


def join(first, second):
    """Two sentences as one text: a space between them, none after a Chinese full stop.

    Examples
    --------
    >>> join("Correct: 2.", "Well done."), join("正确：2。", "很好。")
    ('Correct: 2. Well done.', '正确：2。很好。')
    """
    if not second:
        return first
    if not first:
        return second
    return first + ("" if first.endswith(_CJK_STOPS) else " ") + second


_CJK_STOPS = ("。", "！", "？", "：", "；", "，")


class Verdict:
    """The result of :meth:`Exercise.evaluate`: true for a right answer, with its feedback.

    It behaves as a bool (``if q.check(x):``, ``q.check(x) == True``) and shows nothing when it
    is the last value of a notebook cell (``check`` has displayed the feedback already).

    Parameters
    ----------
    ok : bool
        Whether the answer is right.
    text : str, default ""
        The feedback, in whole sentences.
    status : {"correct", "wrong", "not_attempted"}, optional
        Defaults to "correct" or "wrong" from ``ok``.
    kind : str, optional
        The misconception or problem recognised, e.g. "sign", "half", "bits", "percent",
        "precision", "trap", "choice", "type", "shape"; ``None`` for a right answer.

    Examples
    --------
    >>> v = Verdict(True)
    >>> bool(v), v == True, v == False, repr(v)
    (True, True, False, 'True')
    """

    __slots__ = ("ok", "text", "status", "kind")

    def __init__(self, ok, text="", status=None, kind=None):
        self.ok = bool(ok)
        self.text = str(text)
        self.status = status or ("correct" if self.ok else "wrong")
        self.kind = kind

    def __bool__(self):
        return self.ok

    def __eq__(self, other):
        return self.ok == other

    def __hash__(self):
        return hash(self.ok)

    def __repr__(self):
        return repr(self.ok)

    def __str__(self):
        return self.text

    def _ipython_display_(self):
        """The feedback has been displayed already; the verdict itself shows nothing."""


def sentence(text):
    """``text`` as one sentence: a capital first letter and a final full stop.

    Examples
    --------
    >>> sentence("the sign is flipped")
    'The sign is flipped.'
    >>> sentence("Is it?")
    'Is it?'
    """
    text = " ".join(str(text).split())
    if not text:
        return ""
    if get_language() == "zh":  # no capitals; a Chinese full stop
        return text if text.endswith((".", "!", "?") + _CJK_STOPS[:3]) else text + "。"
    if "a" <= text[0] <= "z":  # not symbols: "α_t = ..." stays as written
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def is_number(x):
    """A real number that is not a bool."""
    return isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_))


def fmt(x, digits=None):
    """Short readable form of an answer (``digits`` decimals for numbers, if given).

    Examples
    --------
    >>> fmt(0.5), fmt("abc"), fmt(2.302585, 3), fmt([1.0, 2.5])
    ('0.5', "'abc'", '2.303', '[1, 2.5]')
    """
    if isinstance(x, str):
        return repr(x if len(x) <= 60 else x[:57] + "...")
    if is_number(x):
        return f"{float(x):.{digits}f}" if digits is not None else f"{float(x):.6g}"
    if isinstance(x, (list, tuple, np.ndarray)):
        try:
            arr = np.asarray(x, dtype=np.float64)
        except (TypeError, ValueError):
            arr = None
        if arr is not None:
            one = (lambda v: f"{v:.4g}") if digits is None else (lambda v: f"{v:.{digits}f}")
            with np.printoptions(threshold=12, edgeitems=3, formatter={"float_kind": one}):
                return np.array2string(arr, separator=", ")
    text = repr(x)
    return text if len(text) <= 80 else text[:77] + "..."


def not_attempted():
    """The verdict for ``...`` or ``None``.

    Examples
    --------
    >>> print(not_attempted())
    Replace ... with your answer and run the cell again.
    """
    return Verdict(False, tr(TEMPLATES["not_attempted"]), status="not_attempted", kind="missing")


def correct(shown, note=None):
    """The verdict for a right answer: ``Correct: <shown>.`` and an optional sentence."""
    text = sentence(tr(TEMPLATES["correct"]).format(shown=shown))
    if note:
        text = join(text, sentence(note))
    return Verdict(True, text)


def wrong(reason, *, given=None, name="q", kind=None):
    """The verdict for a wrong answer.

    Parameters
    ----------
    reason : str
        One or more whole sentences saying what is wrong (never revealing the answer).
    given : object, optional
        The answer as given; quoted in its own sentence ("You gave 0.2.").
    name : str, default "q"
        How the notebook names the question, e.g. "q.q2".
    kind : str, optional
        The misconception recognised (see :class:`Verdict`).
    """
    said = "" if given is None else tr(TEMPLATES["given"]).format(given=fmt(given))
    text = tr(TEMPLATES["wrong"]).format(
        given=said, reason=sentence(reason), more=tr(TEMPLATES["more"]).format(name=name)
    )
    return Verdict(False, text, kind=kind)
