"""Self-check exercises: the machinery (the questions are in :mod:`lossviz.question_bank`).

In a notebook
-------------
::

    q = lv.questions("03")      # the questions of chapter 03, as q.q1, q.q2, ...
    q.q1                         # shows the question
    q.q1.check(...)              # "Replace ... with your answer ..."
    q.q1.check(2.303)            # "Correct: 2.303."  -> a Verdict, true
    q.q1.hint()                  # the next hint
    q.q1.solution()              # the answer and its explanation
    q.q1.widget()                # the same question as a widget (answer box, Check, Hint,
                                 # Solution): for Voilà and readers who do not edit code

The parts
---------
- :mod:`~lossviz.exercises.exercise`: :class:`Exercise`, a question's data (prompt, expected
  answer, precision, choices with their explanations, misconceptions, hints, solution, the
  name the notebook uses) with a pure :meth:`Exercise.evaluate` that returns a
  :class:`Verdict`; ``check``/``hint``/``solution`` show it.
- :mod:`~lossviz.exercises.checks`: the comparisons (numbers to the asked precision, arrays,
  text, True/False, multiple choice) and the misconceptions a wrong number is matched against:
  a flipped sign, the ½ convention (a factor 2), nats against bits (a factor ln 2), percent
  against fraction (a factor 100), and question-specific :class:`Trap` values.
- :mod:`~lossviz.exercises.feedback`: the templates every message is built from, and
  :class:`Verdict` (a bool that carries the feedback text and the misconception recognised).
- :mod:`~lossviz.exercises.display`: plain text, or a coloured box in Jupyter.
- Languages: every text is written in English and shown in the current language of
  :mod:`lossviz.i18n` (``lv.set_language("zh")``): a question's texts are marked with ``N_``
  where the question bank writes them, and a text with computed numbers is a :class:`Text`
  (the English template and the values, filled into the translated template when shown);
  :func:`shown` translates either. The generic feedback is translated as it is assembled.
- :mod:`~lossviz.exercises.widget`: :func:`ExerciseWidget`, the question as an ipywidgets
  widget (``q.q1.widget()``), in JupyterLab, Voilà and Notebook 7.

``check`` never raises: a missing, ill-typed or wrong answer, or a failing custom checker,
gives a message, so a "Run all" never stops at an exercise. A wrong answer never reveals the
expected value.

Examples
--------
>>> q = Exercise("Entropy of a fair coin, in bits?", answer=1.0, misconceptions=["nats"])
>>> q.check(0.6931)
Not quite. You gave 0.6931. That is the value in nats (a factor ln 2 ≈ 0.693 too small);
the question asks for bits, with the logarithm to base 2.
Try q.hint(), or q.solution() to see the answer.
False
"""

from .checks import STANDARD_MISCONCEPTIONS, Choice, Precision, Trap
from .display import Feedback
from .exercise import ChapterExercises, Exercise
from .feedback import TEMPLATES, Text, Verdict, shown
from .widget import ExerciseWidget

__all__ = [
    "Exercise",
    "Choice",
    "Trap",
    "Precision",
    "Verdict",
    "Text",
    "shown",
    "Feedback",
    "ExerciseWidget",
    "ChapterExercises",
    "TEMPLATES",
    "STANDARD_MISCONCEPTIONS",
]
