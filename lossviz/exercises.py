"""Self-check exercises: ``q.check(answer)``, ``q.hint()``, ``q.solution()``.

In a notebook
-------------
::

    q = lv.exercises.chapter("03")      # all questions of chapter 03
    q.q1                                 # shows the question
    q.q1.check(...)                      # "Replace ... with your answer ..."
    q.q1.check(0.223)                    # "Correct: ..."  -> True
    q.q1.hint()                          # the next hint
    q.q1.solution()                      # the answer and its explanation

``lv.exercises.get("03", 1)`` returns the same :class:`Exercise` as ``chapter("03").q1``.

Feedback is plain text (printed), and in Jupyter a coloured box (rich HTML through
``IPython.display``, with the same text as its plain form); it works without IPython.
:meth:`Exercise.check` returns ``True`` or ``False`` and **never raises**: a missing,
wrong or ill-typed answer, or even a failing custom checker, gives a message, so a
"Run all" of a notebook never stops at an exercise.

How an answer is compared
-------------------------
=====================  ======================================================================
expected answer        a given answer is right when
=====================  ======================================================================
number                 ``|given - expected| <= atol + rtol * |expected|`` (defaults: 1 % and
                       1e-8; ``inf`` matches ``inf``); a numeric string or a one-element
                       array is accepted
array / list of        same shape, and every entry within the tolerance above
numbers
str                    equal after case folding, trimming, collapsing spaces and dropping a
                       final full stop; a ``set`` of strings accepts any of them
bool                   equal (``"yes"``/``"no"``, ``"true"``/``"false"`` are accepted)
multiple choice        ``choices`` given: the letter (``"b"``, ``"B"``, ``"(b)"``), the text
                       of the choice, or for several right choices all their letters
                       (``"a, c"``, ``"AC"``, ``["a", "c"]``)
``checker=f``          ``f(given)`` returns ``True``/``False`` or ``(ok, message)``
=====================  ======================================================================

A wrong answer never reveals the expected value: the feedback gives a direction (too
large, too small, wrong sign, wrong shape, which entries are off) and points to
``q.hint()`` and ``q.solution()``. ``...`` (Ellipsis) or ``None`` means "not yet
attempted".

Where the questions live (for chapter writers)
----------------------------------------------
The question bank is ``lossviz/questions/chNN.py``: one module per chapter, each
defining ``QUESTIONS = [Exercise(...), Exercise(...), ...]``, numbered ``q1, q2, ...``
in list order. :func:`chapter` and :func:`get` read those modules. Questions can also
be added in code with :func:`register` (for example in tests or a notebook); their
numbers must not clash with the bank's. This module itself holds no chapter-specific
question.

Examples
--------
>>> q = Exercise("What is -ln(0.8), to 3 decimals?", answer=0.2231,
...              hint="BCE with y = 1 is -ln p.", solution="-ln 0.8 = 0.223")
>>> q.check(...)
Replace ... with your answer and run the cell again.
False
>>> q.check(0.5)
Not quite: you gave 0.5, which is too large. Try q.hint(), or q.solution() to see the answer.
False
>>> q.check(0.223)
Correct: 0.223.
True
>>> q.hint()
Hint: BCE with y = 1 is -ln p.
>>> q.solution()
Solution: 0.2231 — -ln 0.8 = 0.223
"""

from __future__ import annotations

import html
import importlib
import math
import numbers
import re

import numpy as np

__all__ = [
    "Exercise",
    "Feedback",
    "Verdict",
    "ChapterExercises",
    "register",
    "unregister",
    "get",
    "chapter",
    "chapters",
]

_NOT_ATTEMPTED = "Replace ... with your answer and run the cell again."
_MORE = "Try q.hint(), or q.solution() to see the answer."

# Okabe–Ito colours for the feedback boxes
_COLOURS = {
    "correct": "#009E73",
    "wrong": "#D55E00",
    "not_attempted": "#0072B2",
    "hint": "#56B4E9",
    "solution": "#000000",
    "question": "#0072B2",
}
_TITLES = {
    "correct": "Correct",
    "wrong": "Not quite",
    "not_attempted": "Not yet attempted",
    "hint": "Hint",
    "solution": "Solution",
    "question": "Question",
}


# --------------------------------------------------------------------------- feedback
class Feedback:
    """A message shown to the learner: plain text, and a coloured box in Jupyter.

    Parameters
    ----------
    status : {"correct", "wrong", "not_attempted", "hint", "solution", "question"}
    text : str
        The full plain-text message.

    Examples
    --------
    >>> fb = Feedback("correct", "Correct: 0.223.")
    >>> print(fb)
    Correct: 0.223.
    >>> "#009E73" in fb._repr_html_()
    True
    """

    def __init__(self, status, text):
        self.status = status
        self.text = str(text)

    @property
    def ok(self):
        """``True`` only for a correct answer."""
        return self.status == "correct"

    def __str__(self):
        return self.text

    def __repr__(self):
        return self.text

    def _repr_html_(self):
        colour = _COLOURS.get(self.status, "#000000")
        body = html.escape(self.text).replace("\n", "<br>")
        return (
            f'<div class="lossviz-feedback lossviz-{self.status}" style="border-left: 4px solid '
            f'{colour}; padding: 0.3em 0.8em; margin: 0.3em 0; color: {colour};">{body}</div>'
        )


class Verdict:
    """What :meth:`Exercise.check` returns: true for a right answer, false otherwise.

    It behaves as a bool (``if q.check(x):``, ``q.check(x) == True``) but shows nothing when it
    is the last value of a notebook cell, so the feedback box is the cell's only output.

    Examples
    --------
    >>> v = Verdict(True)
    >>> bool(v), v == True, v == False, repr(v)
    (True, True, False, 'True')
    """

    __slots__ = ("ok",)

    def __init__(self, ok):
        self.ok = bool(ok)

    def __bool__(self):
        return self.ok

    def __eq__(self, other):
        return self.ok == other

    def __hash__(self):
        return hash(self.ok)

    def __repr__(self):
        return repr(self.ok)

    def _ipython_display_(self):
        """The feedback has been displayed already; the verdict itself shows nothing."""


def _show(obj):
    """Display ``obj`` richly under IPython, else print its text. Never raises."""
    try:
        from IPython import get_ipython

        if get_ipython() is not None:
            from IPython.display import display

            display(obj)
            return
    except Exception:  # IPython missing or broken: fall back to print
        pass
    print(str(obj))


# --------------------------------------------------------------------------- helpers
class _Missing:
    def __repr__(self):
        return "<no answer>"


_MISSING = _Missing()


def _is_not_attempted(x):
    return x is Ellipsis or x is None


def _is_number(x):
    return isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_))


def _fmt(x):
    """Short readable form of a given answer."""
    if isinstance(x, str):
        return repr(x if len(x) <= 60 else x[:57] + "...")
    if _is_number(x):
        return f"{float(x):.6g}"
    if isinstance(x, np.ndarray):
        with np.printoptions(precision=4, threshold=12, edgeitems=3):
            return np.array2string(x, separator=", ")
    text = repr(x)
    return text if len(text) <= 80 else text[:77] + "..."


def _sentence(text):
    """``text`` ending with exactly one full stop (or its own ! or ?)."""
    text = str(text).rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _norm_text(s):
    s = " ".join(str(s).casefold().split())
    return s[:-1].rstrip() if s.endswith(".") else s


def _as_float(x):
    """(value, None) or (None, reason) for something that should be one number."""
    if _is_number(x):
        return float(x), None
    if isinstance(x, (bool, np.bool_)):
        return None, f"expected a number, you gave the truth value {x}"
    if isinstance(x, str):
        try:
            return float(
                x.strip().replace(",", ".") if x.count(",") == 1 and "." not in x else x
            ), None
        except ValueError:
            return None, f"expected a number, you gave the text {_fmt(x)}"
    if isinstance(x, complex):
        return None, f"expected a real number, you gave the complex number {x}"
    try:
        arr = np.asarray(x)
    except Exception:
        arr = None
    if (
        arr is not None
        and arr.dtype != object
        and np.issubdtype(arr.dtype, np.number)
        and not np.issubdtype(arr.dtype, np.complexfloating)
    ):
        if arr.size == 1:
            return float(arr.reshape(())), None
        return None, f"expected a single number, you gave an array of shape {arr.shape}"
    return None, f"expected a number, you gave {_fmt(x)} of type {type(x).__name__}"


def _direction(given, expected, rtol):
    """A hint of the direction of the error, without revealing ``expected``."""
    if math.isnan(given):
        return "your answer is NaN (not a number); check for 0/0 or log of a negative number"
    if math.isinf(expected) or math.isinf(given):
        if math.isinf(expected) and not math.isinf(given):
            return "the answer is not a finite number"
        if math.isinf(given) and not math.isinf(expected):
            return "you gave an infinite value, but the answer is finite"
        return "the sign is wrong"
    if expected != 0 and given != 0 and (expected > 0) != (given > 0):
        return "the sign is wrong"
    if expected != 0 and abs(given - expected) <= max(5 * rtol, 0.02) * abs(expected):
        return (
            f"close, but not within the tolerance ({rtol:.3g} relative); "
            "give more digits or check the rounding"
        )
    side = "too large" if given > expected else "too small"
    if expected != 0 and given != 0 and max(abs(given / expected), abs(expected / given)) >= 10:
        return f"{side}, by more than a factor of 10"
    return side


# --------------------------------------------------------------------------- Exercise
class Exercise:
    """One self-check question.

    Parameters
    ----------
    prompt : str
        The question as shown to the learner.
    answer : object, optional
        The expected answer: a number, an array or list of numbers, a str, a set of
        acceptable strings, a bool, or (with ``choices``) the letter(s) of the right
        choice(s). Needed unless ``checker`` is given.
    checker : callable, optional
        ``checker(given) -> bool`` or ``-> (bool, message)``, for answers that need more
        than the comparisons above. Exceptions it raises are reported, not raised.
    hint : str or list of str, optional
        One hint, or several shown one after the other by successive ``hint()`` calls.
    solution : str, optional
        Explanation shown by :meth:`solution` (after the expected answer, if any).
    choices : dict or list of str, optional
        Multiple choice: ``{"a": "text", "b": "text"}`` or a list (lettered a, b, c, ...).
    rtol, atol : float, default 1e-2 and 1e-8
        Tolerance for numbers: right when ``|given - expected| <= atol + rtol * |expected|``.
    explanation : str, optional
        A sentence added to the "Correct:" message.

    Examples
    --------
    >>> q = Exercise("Which loss gives dL/dz = p - y for a sigmoid output?",
    ...              answer="b", choices=["MSE", "binary cross-entropy", "MAE"])
    >>> q.check("B")
    Correct: (b) binary cross-entropy.
    True
    >>> q.check("d")
    Not quite: answer with one of the letters a, b, c (e.g. "a"); you gave 'd'.
    False
    >>> Exercise("Shape?", answer=[1.0, 2.0]).check([1.0, 2.0, 3.0])
    Not quite: expected an array of shape (2,), you gave shape (3,). Try q.hint(), or q.solution() to see the answer.
    False
    """

    def __init__(
        self,
        prompt,
        answer=_MISSING,
        *,
        checker=None,
        hint=None,
        solution=None,
        choices=None,
        rtol=1e-2,
        atol=1e-8,
        explanation=None,
    ):
        if not isinstance(prompt, str) or not prompt.strip():
            raise TypeError(f"prompt must be a non-empty str; found {prompt!r}.")
        if answer is _MISSING and checker is None:
            raise ValueError(
                "an Exercise needs an answer or a checker; found neither. "
                "Pass answer=... (the expected value) or checker=callable."
            )
        if checker is not None and not callable(checker):
            raise TypeError(f"checker must be callable; found {type(checker).__name__}.")
        for name, tol in (("rtol", rtol), ("atol", atol)):
            if not _is_number(tol) or not 0 <= tol < math.inf:
                raise ValueError(f"{name} must be a finite number >= 0; found {tol!r}.")
        if isinstance(hint, str) or hint is None:
            hints = [] if hint is None else [hint]
        else:
            hints = [str(h) for h in hint]
        self.prompt = prompt
        self.answer = None if answer is _MISSING else answer
        self._has_answer = answer is not _MISSING
        self.checker = checker
        self.hints = hints
        self.solution_text = solution
        self.rtol = float(rtol)
        self.atol = float(atol)
        self.explanation = explanation
        self.choices = self._parse_choices(choices)
        if self.choices is not None:
            if not self._has_answer and checker is None:
                raise ValueError("a multiple-choice Exercise needs answer='a' (the right letter).")
            if self._has_answer:
                letters = self._letters_of(answer)
                if letters is None:
                    raise ValueError(
                        f"answer must be the letter(s) of the right choice among "
                        f"{', '.join(self.choices)}; found {answer!r}."
                    )
                self._right_letters = letters
        self._hint_index = 0
        self.attempts = 0

    # ----------------------------------------------------------------- choices
    @staticmethod
    def _parse_choices(choices):
        if choices is None:
            return None
        if isinstance(choices, dict):
            out = {str(k).strip().casefold(): str(v) for k, v in choices.items()}
            if not all(re.fullmatch(r"[a-z]", k) for k in out):
                raise ValueError(f"choices keys must be single letters a-z; found {list(choices)}.")
            return out
        if isinstance(choices, (list, tuple)) and 0 < len(choices) <= 26:
            return {chr(ord("a") + i): str(c) for i, c in enumerate(choices)}
        raise TypeError(
            f"choices must be a dict letter -> text or a list of texts; found {choices!r}."
        )

    def _letters_of(self, given):
        """frozenset of valid letters, or None when ``given`` names no valid choice."""
        if isinstance(given, (list, tuple, set, frozenset)):
            parts = [self._letters_of(g) for g in given]
            if not parts or any(p is None for p in parts):
                return None
            return frozenset().union(*parts)
        if not isinstance(given, str):
            return None
        text = _norm_text(given)
        for letter, choice in self.choices.items():  # the text of a choice
            if text == _norm_text(choice):
                return frozenset(letter)
        stripped = re.sub(r"[\s,;()\[\]./&]|\band\b", "", text)
        if stripped and all(ch in self.choices for ch in stripped):
            return frozenset(stripped)
        return None

    # ----------------------------------------------------------------- checking
    def _evaluate(self, given):
        """Return a Feedback for ``given``; may raise (``check`` catches)."""
        if _is_not_attempted(given):
            return Feedback("not_attempted", _NOT_ATTEMPTED)
        if self.checker is not None:
            result = self.checker(given)
            ok, message = result if isinstance(result, tuple) else (result, None)
            if bool(ok):
                return Feedback("correct", self._correct_text(given, message))
            text = f"Not quite: {message}" if message else f"Not quite: you gave {_fmt(given)}."
            return Feedback("wrong", f"{text} {_MORE}")
        if self.choices is not None:
            return self._check_choice(given)
        expected = self.answer
        if isinstance(expected, (bool, np.bool_)):
            return self._check_bool(given, bool(expected))
        if isinstance(expected, (set, frozenset)) or isinstance(expected, str):
            return self._check_text(given, expected)
        if _is_number(expected):
            return self._check_number(given, float(expected))
        return self._check_array(given, expected)

    def _correct_text(self, given, message=None):
        extra = message or self.explanation
        shown = _fmt(given) if not isinstance(given, str) else given.strip()
        return _sentence(f"Correct: {shown}") + (f" {extra}" if extra else "")

    def _check_number(self, given, expected):
        value, reason = _as_float(given)
        if reason:
            return Feedback("wrong", f"Not quite: {reason}. {_MORE}")
        if math.isinf(expected):
            right = value == expected
        else:
            right = not math.isnan(value) and abs(value - expected) <= self.atol + self.rtol * abs(
                expected
            )
        if right:
            return Feedback("correct", self._correct_text(value))
        return Feedback(
            "wrong",
            f"Not quite: you gave {_fmt(value)}, which is {_direction(value, expected, self.rtol)}. {_MORE}"
            if not math.isnan(value)
            else f"Not quite: {_direction(value, expected, self.rtol)}. {_MORE}",
        )

    def _check_array(self, given, expected):
        exp = np.asarray(expected, dtype=np.float64)
        if isinstance(given, str):
            return Feedback(
                "wrong",
                f"Not quite: expected an array of numbers, you gave the text {_fmt(given)}. {_MORE}",
            )
        try:
            arr = np.asarray(given)
            ok_dtype = (
                arr.dtype != object
                and (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool)
                and not np.issubdtype(arr.dtype, np.complexfloating)
            )
        except Exception:
            ok_dtype = False
        if not ok_dtype:
            return Feedback(
                "wrong",
                f"Not quite: expected an array of numbers of shape {exp.shape}, "
                f"you gave {_fmt(given)}. {_MORE}",
            )
        arr = arr.astype(np.float64)
        if arr.shape != exp.shape:
            return Feedback(
                "wrong",
                f"Not quite: expected an array of shape {exp.shape}, "
                f"you gave shape {arr.shape}. {_MORE}",
            )
        close = np.isclose(arr, exp, rtol=self.rtol, atol=self.atol)
        if close.all():
            return Feedback("correct", self._correct_text(arr))
        bad = np.argwhere(~close)
        first = tuple(int(i) for i in bad[0])
        where = first[0] if len(first) == 1 else first
        return Feedback(
            "wrong",
            f"Not quite: {len(bad)} of {arr.size} entries are not right "
            f"(the first at index {where}). {_MORE}",
        )

    def _check_text(self, given, expected):
        accepted = [expected] if isinstance(expected, str) else list(expected)
        if not isinstance(given, str):
            return Feedback(
                "wrong",
                f"Not quite: expected a word or phrase (text in quotes), "
                f"you gave {_fmt(given)}. {_MORE}",
            )
        if _norm_text(given) in {_norm_text(a) for a in accepted}:
            return Feedback("correct", self._correct_text(given))
        return Feedback(
            "wrong",
            f"Not quite: you gave {_fmt(given.strip())}; check the term and its spelling. {_MORE}",
        )

    def _check_bool(self, given, expected):
        if isinstance(given, (bool, np.bool_)):
            value = bool(given)
        elif isinstance(given, str) and _norm_text(given) in {"true", "yes", "false", "no"}:
            value = _norm_text(given) in {"true", "yes"}
        else:
            return Feedback(
                "wrong", f"Not quite: answer True or False; you gave {_fmt(given)}. {_MORE}"
            )
        if value == expected:
            return Feedback("correct", self._correct_text(value))
        return Feedback("wrong", f"Not quite: {value} is not right. {_MORE}")

    def _check_choice(self, given):
        letters = self._letters_of(given)
        valid = ", ".join(self.choices)
        if letters is None:
            return Feedback(
                "wrong",
                f"Not quite: answer with one of the letters {valid} "
                f'(e.g. "{next(iter(self.choices))}"); you gave {_fmt(given)}.',
            )
        right = self._right_letters
        if letters == right:
            shown = "; ".join(f"({k}) {self.choices[k]}" for k in sorted(letters))
            return Feedback(
                "correct",
                _sentence(f"Correct: {shown}")
                + (f" {self.explanation}" if self.explanation else ""),
            )
        chosen = ", ".join(sorted(letters))
        if len(right) == 1 and len(letters) > 1:
            return Feedback("wrong", f"Not quite: choose exactly one letter; you chose {chosen}.")
        if len(right) > 1:
            if letters < right:
                note = "all your choices are right, but at least one is missing"
            elif letters > right:
                note = "you included at least one wrong choice"
            else:
                note = "some of your choices are wrong"
            return Feedback("wrong", f"Not quite: you chose {chosen}; {note}. {_MORE}")
        return Feedback("wrong", f"Not quite: ({chosen}) is not the answer. {_MORE}")

    def feedback(self, answer=Ellipsis):
        """The :class:`Feedback` for ``answer``, without displaying it. Never raises."""
        try:
            return self._evaluate(answer)
        except Exception as exc:  # never break a notebook run
            return Feedback(
                "wrong",
                f"Could not check your answer {_fmt(answer)}: {type(exc).__name__}: {exc}. "
                "Check its type (a number, an array, a word?).",
            )

    def check(self, answer=Ellipsis):
        """Check ``answer``, show the feedback, and return a :class:`Verdict`: true if it is right.

        Never raises: any problem is reported in the feedback and gives ``False``.
        ``...`` or ``None`` (or no argument) means "not yet attempted".
        """
        try:
            fb = self.feedback(answer)
            if fb.status != "not_attempted":
                self.attempts += 1
            _show(self._named(fb))
            return Verdict(fb.ok)
        except Exception:  # pragma: no cover - display itself failed
            return Verdict(False)

    def _named(self, fb):
        # the feedback says "q.hint()"; in a chapter the question is reached as e.g. q.q2 (see ref)
        ref = getattr(self, "ref", "q")
        if ref == "q":
            return fb
        return Feedback(
            fb.status,
            fb.text.replace("q.hint()", f"{ref}.hint()").replace(
                "q.solution()", f"{ref}.solution()"
            ),
        )

    def hint(self):
        """Show the next hint (the last one again once all have been shown)."""
        try:
            if not self.hints:
                _show(
                    self._named(
                        Feedback(
                            "hint", "Hint: there is no hint for this question; try q.solution()."
                        )
                    )
                )
                return
            text = self.hints[min(self._hint_index, len(self.hints) - 1)]
            self._hint_index += 1
            label = (
                "Hint"
                if len(self.hints) == 1
                else f"Hint {min(self._hint_index, len(self.hints))}/{len(self.hints)}"
            )
            _show(Feedback("hint", f"{label}: {text}"))
        except Exception:  # pragma: no cover
            pass

    def solution(self):
        """Show the expected answer and its explanation."""
        try:
            parts = []
            if self.choices is not None and self._has_answer:
                parts.append(
                    "; ".join(f"({k}) {self.choices[k]}" for k in sorted(self._right_letters))
                )
            elif self._has_answer:
                ans = self.answer
                if isinstance(ans, (set, frozenset)):
                    parts.append(" or ".join(repr(a) for a in sorted(ans)))
                elif isinstance(ans, str):
                    parts.append(ans)
                elif isinstance(ans, (bool, np.bool_)):
                    parts.append(str(bool(ans)))
                elif _is_number(ans):
                    parts.append(f"{float(ans):.6g}")
                else:
                    parts.append(_fmt(np.asarray(ans)))
            if self.solution_text:
                parts.append(str(self.solution_text))
            if not parts:
                parts.append("no written solution for this question.")
            _show(Feedback("solution", "Solution: " + " — ".join(parts)))
        except Exception:  # pragma: no cover
            pass

    # ----------------------------------------------------------------- display
    def _question_text(self):
        lines = [self.prompt]
        if self.choices:
            lines += [f"  ({k}) {v}" for k, v in self.choices.items()]
        return "\n".join(lines)

    def __repr__(self):
        return self._question_text()

    def _repr_html_(self):
        prompt = html.escape(self.prompt).replace("\n", "<br>")
        items = ""
        if self.choices:
            items = (
                "<ul style='list-style: none; margin: 0.2em 0;'>"
                + "".join(
                    f"<li>({html.escape(k)}) {html.escape(v)}</li>" for k, v in self.choices.items()
                )
                + "</ul>"
            )
        return (
            f'<div class="lossviz-question" style="border-left: 4px solid {_COLOURS["question"]}; '
            f'padding: 0.3em 0.8em;">{prompt}{items}</div>'
        )


# --------------------------------------------------------------------------- registry
_REGISTRY: dict[str, dict[int, Exercise]] = {}


def _chapter_key(ch):
    if isinstance(ch, bool) or not isinstance(ch, (str, int, np.integer)):
        raise TypeError(f"chapter must be a chapter number such as '03' or 3; found {ch!r}.")
    text = str(ch).strip()
    if not text.isdigit():
        raise ValueError(f"chapter must be a chapter number such as '03' or 3; found {ch!r}.")
    return f"{int(text):02d}"


def _number(n):
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"number must be an int >= 1 (q1 is number 1); found {n!r}.")
    return int(n)


def _bank(key):
    """Questions of chapter ``key`` from lossviz/questions/chNN.py, numbered from 1."""
    try:
        mod = importlib.import_module(f"{__package__}.questions.ch{key}")
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name.endswith(f"ch{key}") or exc.name.endswith("questions")):
            return {}
        raise
    return {i: q for i, q in enumerate(getattr(mod, "QUESTIONS", []), start=1)}


def register(chapter, number, exercise, *, replace=False):
    """Add ``exercise`` as question ``number`` of ``chapter``; return it.

    Parameters
    ----------
    chapter : str or int
        ``"03"``, ``"3"`` and ``3`` are the same chapter.
    number : int
        1 for ``q1``, 2 for ``q2``, ...
    exercise : Exercise
    replace : bool, default False
        Allow replacing an already registered question.

    Examples
    --------
    >>> q = register("99", 1, Exercise("2 + 2?", answer=4))
    >>> get(99, 1) is q
    True
    >>> unregister("99", 1)
    """
    key, number = _chapter_key(chapter), _number(number)
    if not isinstance(exercise, Exercise):
        raise TypeError(f"exercise must be an Exercise; found {type(exercise).__name__}.")
    slot = _REGISTRY.setdefault(key, {})
    if number in slot and not replace:
        raise ValueError(
            f"chapter {key} already has a registered question {number}; pass replace=True "
            "or use another number."
        )
    slot[number] = exercise
    return exercise


def unregister(chapter, number):
    """Remove a question added with :func:`register` (no error if it is absent).

    Examples
    --------
    >>> _ = register("97", 1, Exercise("3 * 3?", answer=9))
    >>> unregister("97", 1)
    >>> "97" in chapters()
    False
    """
    key, number = _chapter_key(chapter), _number(number)
    slot = _REGISTRY.get(key, {})
    slot.pop(number, None)
    if not slot:
        _REGISTRY.pop(key, None)


def _all(key):
    bank, extra = _bank(key), _REGISTRY.get(key, {})
    clash = sorted(set(bank) & set(extra))
    if clash:
        raise ValueError(
            f"chapter {key}: question numbers {clash} are both in lossviz/questions/ch{key}.py "
            "and registered with register(); use other numbers for registered questions."
        )
    return dict(sorted({**bank, **extra}.items()))


def chapters():
    """Chapters that have questions (bank modules and registered), e.g. ``['03', '07']``.

    Examples
    --------
    >>> all(len(key) == 2 and key.isdigit() for key in chapters())
    True
    """
    keys = set(_REGISTRY)
    try:
        from .questions import available_chapters

        keys |= set(available_chapters())
    except Exception:
        pass
    return sorted(k for k in keys if _all(k))


class ChapterExercises:
    """The questions of one chapter as attributes ``q1``, ``q2``, ...

    Also indexable by number (``ex[1]``), iterable and sized. Displaying it lists the
    questions.
    """

    def __init__(self, key, questions):
        self.chapter = key
        self._questions = dict(questions)
        for n, q in self._questions.items():
            setattr(self, f"q{n}", q)

    def __getitem__(self, number):
        return self._questions[number]

    def __iter__(self):
        return iter(self._questions.values())

    def __len__(self):
        return len(self._questions)

    def __repr__(self):
        lines = [f"Chapter {self.chapter}: {len(self)} question(s)"]
        lines += [f"q{n}: {q.prompt}" for n, q in self._questions.items()]
        return "\n".join(lines)

    def _repr_html_(self):
        items = "".join(
            f"<li><b>q{n}</b>: {html.escape(q.prompt)}</li>" for n, q in self._questions.items()
        )
        return f"<div><b>Chapter {html.escape(self.chapter)}</b><ul>{items}</ul></div>"


def chapter(chapter):
    """All questions of ``chapter`` as a :class:`ChapterExercises` (``.q1``, ``.q2``, ...).

    Raises
    ------
    ValueError
        If the chapter has no questions (the message lists the chapters that do).

    Examples
    --------
    >>> _ = register("98", 1, Exercise("1 + 1?", answer=2))
    >>> ex = chapter(98)
    >>> ex.q1.check(2)
    Correct: 2.
    True
    >>> unregister(98, 1)
    """
    key = _chapter_key(chapter)
    questions = _all(key)
    if not questions:
        raise ValueError(
            f"chapter {key} has no exercises; chapters with exercises: {chapters()}. "
            f"Add them to lossviz/questions/ch{key}.py (QUESTIONS = [...])."
        )
    return ChapterExercises(key, questions)


def get(chapter, number):
    """Question ``number`` of ``chapter`` (``get("03", 1)`` is ``chapter("03").q1``).

    Examples
    --------
    >>> q = register("96", 2, Exercise("Entropy of a fair coin in bits?", answer=1.0))
    >>> get("96", 2).check("1")
    Correct: 1.
    True
    >>> unregister(96, 2)
    """
    key, n = _chapter_key(chapter), _number(number)
    questions = _all(key)
    if n not in questions:
        have = [f"q{i}" for i in questions] or "none"
        raise ValueError(f"chapter {key} has no question {n}; it has {have}.")
    return questions[n]
