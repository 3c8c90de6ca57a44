"""An exercise as a small widget: answer box or choices, Check, Hint, Solution, feedback.

The same :class:`~lossviz.exercises.exercise.Exercise` objects that ``q.q1.check(x)`` uses
also render as a widget, for readers who cannot (or should not) edit code: in JupyterLab, in
Voilà (``python3 course.py present NN``) and in Jupyter Notebook 7. Only standard
``ipywidgets`` are used (``HTML``, ``Text``, ``RadioButtons``, ``Button``, ``VBox``/``HBox``),
so no front-end extension is needed. In a notebook::

    q = lv.questions("03")
    q.q1.widget()

The widget calls the exercise's pure :meth:`~lossviz.exercises.exercise.Exercise.evaluate`, so
the feedback (the misconception recognised, the "give three decimals" advice) is exactly the
text ``q.q1.check(...)`` shows, with the pointers to ``q.q1.hint()`` / ``q.q1.solution()``
replaced by the names of the buttons.

Examples
--------
>>> from lossviz.exercises import Exercise
>>> w = ExerciseWidget(Exercise("1 + 1?", answer=2, hint="Count.", name="q.q1"))
>>> w.answer.value = "3"; w.check_button.click()
>>> "Not quite" in w.feedback.value and "Press Hint, or Solution" in w.feedback.value
True
>>> w.answer.value = "2"; w.check_button.click(); w.verdict.ok
True
"""

from __future__ import annotations

import re

import numpy as np

from lossviz.i18n import N_, tr

from . import display
from .feedback import TEMPLATES, shown

__all__ = ["ExerciseWidget", "read_answer"]

_PROMPT_NOT_ATTEMPTED = N_("Type your answer in the box, then press Check.")
_CHOICE_NOT_ATTEMPTED = N_("Choose one answer, then press Check.")


def _is_array_answer(exercise):
    ans = exercise.answer
    if exercise.choices is not None or not exercise.has_answer:
        return False
    if isinstance(ans, (str, bytes, set, frozenset, bool, np.bool_)):
        return False
    try:
        arr = np.asarray(ans)
    except Exception:
        return False
    return arr.dtype.kind in "iuf" and arr.ndim >= 1


def read_answer(exercise, text):
    """What a typed answer ``text`` means for ``exercise``: ``...`` when empty, a list of
    numbers for an array question ("0.1, 0.2" or "[0.1, 0.2]"), ``True``/``False`` for a
    truth-value question, else the text itself (numbers stay text, so the decimals typed count).

    Examples
    --------
    >>> from lossviz.exercises import Exercise
    >>> read_answer(Exercise("x?", answer=[1.0, 2.0]), "[1, 2.5]")
    [1.0, 2.5]
    >>> half = Exercise("x?", answer=0.5)
    >>> read_answer(half, " 0.50 "), read_answer(half, "")
    ('0.50', Ellipsis)
    >>> read_answer(Exercise("Convex?", answer=True), "false")
    False
    """
    if text is None:
        return Ellipsis
    if not isinstance(text, str):
        return text
    s = text.strip()
    if not s:
        return Ellipsis
    if isinstance(exercise.answer, (bool, np.bool_)) and exercise.choices is None:
        low = s.casefold()
        if low in {"true", "yes", "1"}:
            return True
        if low in {"false", "no", "0"}:
            return False
        return s
    if _is_array_answer(exercise):
        parts = [p for p in re.split(r"[\s,;]+", s.strip("[]() ")) if p]
        try:
            return [float(p) for p in parts]
        except ValueError:
            return s
    return s


def _widget_text(text, name, choices):
    """The feedback with the code pointers replaced by the widget's buttons."""
    if text == tr(TEMPLATES["not_attempted"]):
        return tr(_CHOICE_NOT_ATTEMPTED if choices else _PROMPT_NOT_ATTEMPTED)
    more = tr(TEMPLATES["more"]).format(name=name)
    text = text.replace(more, tr("Press Hint, or Solution to see the answer."))
    for code, button in (
        (f"{name}.hint()", tr("the Hint button")),
        (f"{name}.solution()", tr("the Solution button")),
    ):
        if not button[:1].isascii():  # “解答”按钮: no space after Chinese text
            text = re.sub(r"(?<=[^\x00-\x7f]) " + re.escape(code), lambda _m, b=button: b, text)
        text = text.replace(code, button)
    return text


def _ipywidgets():
    try:
        import ipywidgets
    except ImportError as exc:  # pragma: no cover - ipywidgets is a dependency of lossviz
        raise ImportError(
            "Exercise.widget() needs ipywidgets (pip install 'ipywidgets>=8.1'); "
            f"importing it failed: {exc}. q.check(answer) works without it."
        ) from exc
    return ipywidgets


def ExerciseWidget(exercise):  # noqa: N802 (a widget factory named like the class it returns)
    """The widget of ``exercise``: an ``ipywidgets.VBox`` with the question, an answer box
    (``Text``; ``RadioButtons`` for multiple choice and True/False), the buttons
    ``Check``, ``Hint``, ``Solution`` and an ``HTML`` feedback area.

    Parameters
    ----------
    exercise : Exercise
        The question; its attempts and hint position are shared with ``check``/``hint``.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``exercise``, ``answer`` (the input widget), ``check_button``,
        ``hint_button``, ``solution_button``, ``feedback`` (``HTML``) and ``verdict`` (the
        last :class:`~lossviz.exercises.feedback.Verdict`, ``None`` before the first Check).
    """
    # duck-typed: importing Exercise here would make exercise <-> widget an import cycle
    if not all(hasattr(exercise, a) for a in ("evaluate", "prompt", "choices", "solution_message")):
        raise TypeError(
            f"exercise must be a lossviz Exercise (e.g. q.q1); found {type(exercise).__name__}."
        )
    w = _ipywidgets()
    ex = exercise
    full = w.Layout(width="100%", max_width="760px")
    question = w.HTML(display.question_html(shown(ex.prompt)), layout=full)
    if ex.choices is not None:
        answer = w.RadioButtons(
            options=[(f"({k}) {shown(c.text)}", k) for k, c in ex.choices.items()],
            value=None,
            layout=w.Layout(width="auto", max_width="760px"),
            style={"description_width": "0px"},
        )
    elif isinstance(ex.answer, (bool, np.bool_)):
        answer = w.RadioButtons(options=[(tr("True"), "True"), (tr("False"), "False")], value=None)
    else:
        answer = w.Text(
            value="",
            placeholder=tr("your answer, e.g. 0.1, 0.2")
            if _is_array_answer(ex)
            else tr("your answer"),
            layout=w.Layout(width="16em"),
        )
    answer.add_class("lossviz-exercise-answer")
    check_button = w.Button(description=tr("Check"), button_style="primary", tooltip=tr("Check"))
    hint_button = w.Button(description=tr("Hint"), tooltip=tr("The next hint"))
    solution_button = w.Button(description=tr("Solution"), tooltip=tr("The answer and why"))
    for b in (check_button, hint_button, solution_button):
        b.layout.width = "7em"
    feedback = w.HTML(value="", layout=full)
    feedback.add_class("lossviz-exercise-feedback")

    def show(status, text):
        feedback.value = display.Feedback(status, text)._repr_html_()

    def on_check(_button=None):
        given = read_answer(ex, answer.value)
        verdict = ex.evaluate(given)
        if verdict.status != "not_attempted":
            ex.attempts += 1
        box.verdict = verdict
        show(verdict.status, _widget_text(verdict.text, ex.name, ex.choices))

    def on_hint(_button=None):
        show("hint", _widget_text(ex.next_hint_text(), ex.name, ex.choices))

    def on_solution(_button=None):
        show("solution", ex.solution_message())

    check_button.on_click(on_check)
    hint_button.on_click(on_hint)
    solution_button.on_click(on_solution)
    row = w.HBox(
        [answer, check_button, hint_button, solution_button]
        if ex.choices is None
        else [check_button, hint_button, solution_button],
        layout=w.Layout(flex_flow="row wrap", align_items="center"),
    )
    children = [question] + ([answer] if ex.choices is not None else []) + [row, feedback]
    box = w.VBox(children, layout=w.Layout(width="100%", max_width="780px"))
    box.add_class("lossviz-exercise")
    box.exercise, box.answer, box.feedback, box.verdict = ex, answer, feedback, None
    box.check_button, box.hint_button, box.solution_button = (
        check_button,
        hint_button,
        solution_button,
    )
    return box
