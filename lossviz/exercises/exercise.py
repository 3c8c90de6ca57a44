"""The :class:`Exercise`: a question's data, a pure ``evaluate``, and what a notebook calls.

Examples
--------
>>> q = Exercise("What is -ln(0.8), to 3 decimals?", answer=0.22314, decimals=3,
...              hint="BCE with y = 1 is -ln p.", solution="-ln 0.8 = 0.223.")
>>> q.check(...)
Replace ... with your answer and run the cell again.
False
>>> q.check(0.5)
Not quite. You gave 0.5. It is too large. Try q.hint(), or q.solution() to see the answer.
False
>>> q.check(0.223)
Correct: 0.223.
True
>>> q.hint()
Hint: BCE with y = 1 is -ln p.
>>> q.solution()
Solution: 0.223 — -ln 0.8 = 0.223.
"""

from __future__ import annotations

import copy
import html
import re

import numpy as np

from lossviz.i18n import tr

from . import display
from .checks import (
    Choice,
    Precision,
    Trap,
    compare_array,
    compare_bool,
    compare_choice,
    compare_number,
    compare_text,
    read_letter,
    standard_traps,
)
from .feedback import Text, Verdict, fmt, is_number, join, not_attempted, sentence, shown, wrong

__all__ = ["Exercise", "ChapterExercises"]

_MISSING = object()


def _as_choices(choices):
    if choices is None:
        return None
    if isinstance(choices, dict):
        items = [(str(k).strip().casefold(), c) for k, c in choices.items()]
        if not all(re.fullmatch(r"[a-z]", k) for k, _ in items):
            raise ValueError(f"choices keys must be single letters a-z; found {list(choices)}.")
    elif isinstance(choices, (list, tuple)) and 0 < len(choices) <= 26:
        items = [(chr(ord("a") + i), c) for i, c in enumerate(choices)]
    else:
        raise TypeError(
            "choices must be a list of Choice (or str), or a dict letter -> Choice; "
            f"found {choices!r}."
        )
    out = {}
    for k, c in items:
        if isinstance(c, str):
            c = Choice(c)
        elif isinstance(c, tuple) and len(c) == 2:
            c = Choice(*c)
        elif not isinstance(c, Choice):
            raise TypeError(f"choice ({k}) must be a Choice or a str; found {c!r}.")
        out[k] = c
    return out


class Exercise:
    """One self-check question: its data, and ``check``/``hint``/``solution`` for a notebook.

    Parameters
    ----------
    prompt : str
        The question as shown to the learner. Every text of a question (prompt, choices,
        hints, solution, traps, explanation) is written in English and shown in the current
        language (:mod:`lossviz.i18n`): mark it with ``N_("...")``, or, when it contains
        computed numbers, write it as ``Text(N_("... {value:.3f} ..."), value=...)``.
    answer : object, optional
        The expected answer: a number, an array or list of numbers, a str, a set of
        acceptable strings, a bool, or (with ``choices``) the letter of the right choice.
        Needed unless ``checker`` is given.
    choices : list or dict, optional
        Multiple choice: a list of :class:`Choice` (lettered a, b, c, ...) or a dict
        letter -> :class:`Choice`. Every wrong choice must say ``why`` it is wrong.
    decimals, sig : int, optional
        The precision the question asks for (3 decimals, 3 significant figures): a number
        is right when it rounds like the answer, and fewer digits get "give three decimals".
    rtol, atol : float, default 1e-2 and 1e-8
        Tolerance when no precision is asked: ``|given - expected| <= atol + rtol * |expected|``.
    misconceptions : sequence of str, default ("sign",)
        Standard misconceptions to recognise in a wrong number or array: "sign", "half"
        (the ½ convention, a factor 2), "bits" (a nats question answered in bits, a factor
        1/ln 2), "nats" (the reverse), "percent" (a fraction asked, a percentage given) and
        "fraction" (the reverse).
    traps : list of Trap, optional
        Question-specific wrong answers with the sentence that explains each; checked first.
    hint : str or list of str, optional
        One hint, or several shown one after the other by successive ``hint()`` calls.
    solution : str or callable, optional
        The explanation shown by :meth:`solution`, after the expected answer. A callable
        ``solution() -> str`` computes it when asked, for a solution whose numbers take a
        moment to compute (a trained model): never type such a number. It returns a
        :class:`~lossviz.exercises.feedback.Text` (shown translated) or text already in the
        current language.
    explanation : str, optional
        A sentence added to the "Correct:" message.
    checker : callable, optional
        ``checker(given) -> bool`` or ``(bool, message)``, for answers the comparisons above
        cannot judge. Exceptions it raises are reported, not raised.
    name : str, default "q"
        How the notebook reaches the question (e.g. "q.q2"); the feedback uses it.

    Examples
    --------
    >>> q = Exercise("Which output can produce -0.7?", answer="b", choices=[
    ...     Choice("A sigmoid.", why="A sigmoid's outputs lie in (0, 1): it cannot output -0.7."),
    ...     Choice("A linear unit.")])
    >>> q.check("a")
    Not quite. You chose (a). A sigmoid's outputs lie in (0, 1): it cannot output -0.7.
    Try q.hint(), or q.solution() to see the answer.
    False
    >>> q.evaluate("B").kind is None, q.evaluate("a").kind
    (True, 'choice')
    """

    def __init__(
        self,
        prompt,
        answer=_MISSING,
        *,
        choices=None,
        decimals=None,
        sig=None,
        rtol=1e-2,
        atol=1e-8,
        misconceptions=("sign",),
        traps=(),
        hint=None,
        solution=None,
        explanation=None,
        checker=None,
        name="q",
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
        self.prompt = prompt
        self.answer = None if answer is _MISSING else answer
        self.has_answer = answer is not _MISSING
        self.precision = Precision(decimals=decimals, sig=sig, rtol=rtol, atol=atol)
        self.choices = _as_choices(choices)
        self.checker = checker
        self.hints = [] if hint is None else [hint] if isinstance(hint, str) else list(hint)
        self.solution_text = solution
        self.explanation = explanation
        self.name = str(name)
        self.misconceptions = tuple(misconceptions)
        self.traps = list(traps)
        if not all(isinstance(t, Trap) for t in self.traps):
            raise TypeError("traps must be a list of Trap(value, message).")
        if self.choices is not None:
            self._check_choices()
        elif self.has_answer and self._numeric:
            # a question's own trap explains better than a standard one at the same value
            self.traps += [
                t
                for t in standard_traps(self.answer, self.misconceptions)
                if not any(c.matches(t.value, self.precision) for c in self.traps)
            ]
        self._hint_index = 0
        self.attempts = 0

    def _check_choices(self):
        letter = read_letter(self.answer, self.choices) if self.has_answer else None
        if letter is None or len(letter) != 1:
            raise ValueError(
                f"answer must be the letter of the right choice among {', '.join(self.choices)}; "
                f"found {self.answer!r}."
            )
        self.answer = letter
        missing = [k for k, c in self.choices.items() if k != letter and not c.why.strip()]
        if missing:
            raise ValueError(
                f"every wrong choice needs why= (why it is wrong); choices {missing} have none. "
                'Write Choice("text", why="...").'
            )

    @property
    def _numeric(self):
        ans = self.answer
        if is_number(ans):
            return True
        if isinstance(ans, (str, set, frozenset, bool, np.bool_)):
            return False
        try:
            return np.asarray(ans).dtype.kind in "iuf"
        except Exception:
            return False

    # ----------------------------------------------------------------- data for display
    @property
    def choice_texts(self):
        """``{letter: text}`` of the choices in the current language, or ``None``."""
        if self.choices is None:
            return None
        return {k: shown(c.text) for k, c in self.choices.items()}

    @property
    def prompt_text(self):
        """The question in the current language."""
        return shown(self.prompt)

    def expected_text(self):
        """The expected answer as the solution shows it (to the asked precision)."""
        ans = self.answer
        if self.choices is not None:
            return f"({ans}) {shown(self.choices[ans].text)}"
        if isinstance(ans, (set, frozenset)):
            return tr(" or ").join(repr(a) for a in sorted(ans))
        if isinstance(ans, str):
            return ans
        if isinstance(ans, (bool, np.bool_)):
            return str(bool(ans))
        if is_number(ans):
            return self.precision.show(float(ans))
        return fmt(ans, self.precision.decimals)

    def renamed(self, name):
        """A fresh copy (no hints shown, no attempts) that the notebook reaches as ``name``."""
        new = copy.copy(self)
        new.name, new._hint_index, new.attempts = str(name), 0, 0
        return new

    # ----------------------------------------------------------------- evaluation (pure)
    def evaluate(self, answer=Ellipsis):
        """The :class:`Verdict` for ``answer``, with its feedback text. Pure; never raises."""
        try:
            return self._evaluate(answer)
        except Exception as exc:  # never break a notebook run
            why = tr(
                "Your answer {given} could not be checked ({error}: {message}). "
                "Check its type: a number, a list of numbers, a letter?"
            ).format(given=fmt(answer), error=type(exc).__name__, message=exc)
            return wrong(why, name=self.name, kind="error")

    def _evaluate(self, given):
        if given is Ellipsis or given is None:
            return not_attempted()
        name, note = self.name, shown(self.explanation)
        if self.checker is not None:
            result = self.checker(given)
            ok, message = result if isinstance(result, tuple) else (result, None)
            message = shown(message)
            if ok:
                text = sentence(tr("Correct: {shown}").format(shown=fmt(given)))
                return Verdict(True, _extra(text, message or note))
            why = message or tr("It does not pass the check.")
            return wrong(why, given=given, name=name)
        if self.choices is not None:
            return compare_choice(given, self.choices, self.answer, name=name)
        expected = self.answer
        if isinstance(expected, (bool, np.bool_)):
            return compare_bool(given, expected, name=name, note=note)
        if isinstance(expected, (str, set, frozenset)):
            return compare_text(given, expected, name=name, note=note)
        kw = dict(precision=self.precision, traps=self.traps, name=name, note=note)
        if is_number(expected):
            return compare_number(given, float(expected), **kw)
        return compare_array(given, expected, **kw)

    # ----------------------------------------------------------------- notebook actions
    def check(self, answer=Ellipsis):
        """Check ``answer``, show the feedback, and return the :class:`Verdict` (a bool).

        Never raises. ``...`` or ``None`` (or no argument) means "not yet attempted".
        """
        verdict = self.evaluate(answer)
        if verdict.status != "not_attempted":
            self.attempts += 1
        display.show(display.Feedback(verdict.status, verdict.text))
        return verdict

    def next_hint_text(self):
        """The text of the next hint (the last one again once all have been shown); advances."""
        if not self.hints:
            text = tr("Hint: there is no hint for this question; try {name}.solution().")
            return text.format(name=self.name)
        n = len(self.hints)
        i = min(self._hint_index, n - 1)
        self._hint_index += 1
        if n == 1:
            return tr("Hint: {hint}").format(hint=shown(self.hints[i]))
        return tr("Hint {i}/{n}: {hint}").format(i=i + 1, n=n, hint=shown(self.hints[i]))

    def solution_message(self):
        """The text :meth:`solution` shows: the expected answer and its explanation."""
        parts = [self.expected_text()] if self.has_answer else []
        if callable(self.solution_text):
            text = self.solution_text()
            text = shown(text) if isinstance(text, Text) else text
        else:
            text = shown(self.solution_text)
        if text:
            parts.append(str(text))
        text = " — ".join(parts) or tr("no written solution for this question.")
        return tr("Solution: {text}").format(text=text)

    def hint(self):
        """Show the next hint (the last one again once all have been shown)."""
        display.show(display.Feedback("hint", self.next_hint_text()))

    def solution(self):
        """Show the expected answer and its explanation."""
        display.show(display.Feedback("solution", self.solution_message()))

    def widget(self):
        """This question as a widget: answer box (or choices), Check, Hint and Solution buttons
        and a feedback area; works in JupyterLab, Voilà and Notebook 7 (needs ipywidgets).

        See :class:`lossviz.exercises.widget.ExerciseWidget`.
        """
        from .widget import ExerciseWidget

        return ExerciseWidget(self)

    def __repr__(self):
        return display.question_text(self.prompt_text, self.choice_texts)

    def _repr_html_(self):
        return display.question_html(self.prompt_text, self.choice_texts)

    def _repr_mimebundle_(self, include=None, exclude=None):
        """In a notebook: the question as a widget where widgets run (JupyterLab, Voilà,
        Notebook 7), and as HTML where they do not (GitHub, nbviewer, the static site, print)."""
        bundle = {"text/plain": repr(self), "text/html": self._repr_html_()}
        try:
            view = self.widget()._repr_mimebundle_()
        except Exception:  # no ipywidgets or no kernel: the HTML is the question
            return bundle
        key = "application/vnd.jupyter.widget-view+json"
        if view and key in view:
            bundle[key] = view[key]
        return bundle


def _extra(text, note):
    return join(text, sentence(note)) if note else text


class ChapterExercises:
    """The questions of one chapter as attributes ``q1``, ``q2``, ... (also ``ex[1]``, iterable).

    Examples
    --------
    >>> ch = ChapterExercises("99", [Exercise("1 + 1?", answer=2, name="q.q1")])
    >>> ch.q1.check(3)
    Not quite. You gave 3. It is too large. Try q.q1.hint(), or q.q1.solution() to see the answer.
    False
    >>> len(ch), ch[1] is ch.q1
    (1, True)
    """

    def __init__(self, chapter, questions):
        self.chapter = str(chapter)
        self._questions = {i: q for i, q in enumerate(questions, start=1)}
        for n, q in self._questions.items():
            setattr(self, f"q{n}", q)

    def __getitem__(self, number):
        return self._questions[number]

    def __iter__(self):
        return iter(self._questions.values())

    def __len__(self):
        return len(self._questions)

    def __repr__(self):
        head = tr("Chapter {chapter}: {n} question(s)").format(chapter=self.chapter, n=len(self))
        lines = [head] + [f"q{n}: {q.prompt_text}" for n, q in self._questions.items()]
        return "\n".join(lines)

    def _repr_html_(self):
        items = "".join(
            f"<li><b>q{n}</b>: {html.escape(q.prompt_text)}</li>"
            for n, q in self._questions.items()
        )
        head = html.escape(tr("Chapter {chapter}").format(chapter=self.chapter))
        return f"<div><b>{head}</b><ul>{items}</ul></div>"
