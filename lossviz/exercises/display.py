"""Showing exercises and feedback: plain text, and a coloured box in Jupyter.

This is the only module of :mod:`lossviz.exercises` that knows about IPython (imported on
use, so everything works without it). A widget front end (issue 14) can replace it: it
needs an exercise's data and the :class:`~lossviz.exercises.feedback.Verdict` of
``evaluate``, nothing else.

Examples
--------
>>> fb = Feedback("correct", "Correct: 0.223.")
>>> print(fb)
Correct: 0.223.
>>> "#009E73" in fb._repr_html_()
True
"""

from __future__ import annotations

import html

__all__ = ["Feedback", "show", "question_text", "question_html"]

# Okabe–Ito colours for the feedback boxes
COLOURS = {
    "correct": "#009E73",
    "wrong": "#D55E00",
    "not_attempted": "#0072B2",
    "hint": "#56B4E9",
    "solution": "#000000",
    "question": "#0072B2",
}


class Feedback:
    """A message shown to the learner: plain text, and a coloured box in Jupyter.

    Parameters
    ----------
    status : {"correct", "wrong", "not_attempted", "hint", "solution", "question"}
    text : str
        The full plain-text message.
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
        colour = COLOURS.get(self.status, "#000000")
        body = html.escape(self.text).replace("\n", "<br>")
        return (
            f'<div class="lossviz-feedback lossviz-{self.status}" style="border-left: 4px solid '
            f'{colour}; padding: 0.3em 0.8em; margin: 0.3em 0; color: {colour};">{body}</div>'
        )


def show(obj):
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


def question_text(prompt, choices=None):
    """The question as plain text, one line per choice.

    Examples
    --------
    >>> print(question_text("Which?", {"a": "MSE", "b": "BCE"}))
    Which?
      (a) MSE
      (b) BCE
    """
    lines = [prompt]
    if choices:
        lines += [f"  ({k}) {v}" for k, v in choices.items()]
    return "\n".join(lines)


def question_html(prompt, choices=None):
    """The question as an HTML box."""
    body = html.escape(prompt).replace("\n", "<br>")
    items = ""
    if choices:
        items = (
            "<ul style='list-style: none; margin: 0.2em 0;'>"
            + "".join(f"<li>({html.escape(k)}) {html.escape(v)}</li>" for k, v in choices.items())
            + "</ul>"
        )
    return (
        f'<div class="lossviz-question" style="border-left: 4px solid {COLOURS["question"]}; '
        f'padding: 0.3em 0.8em;">{body}{items}</div>'
    )
