"""Exercises as widgets (``q.q1.widget()``): the buttons give the same feedback as ``check``."""

from __future__ import annotations

import math

import ipywidgets as w
import pytest

import lossviz as lv
from lossviz.exercises import Choice, Exercise, ExerciseWidget, Trap
from lossviz.exercises.widget import read_answer


@pytest.fixture
def q():
    return lv.questions("03")


def _text(widget):
    return widget.feedback.value


def test_widget_parts(q):
    box = q.q1.widget()
    assert isinstance(box, w.VBox)
    assert isinstance(box.answer, w.Text)
    assert [b.description for b in (box.check_button, box.hint_button, box.solution_button)] == [
        "Check",
        "Hint",
        "Solution",
    ]
    assert isinstance(box.feedback, w.HTML) and box.feedback.value == ""
    assert box.verdict is None
    assert "NEGATIVE example" in box.children[0].value  # the question is shown


def test_wrong_then_right(q):
    box = q.q1.widget()
    ex = box.exercise
    # the trap of this question: -ln 0.9, the loss of a positive example
    box.answer.value = f"{-math.log(0.9):.3f}"
    box.check_button.click()
    assert box.verdict.ok is False and box.verdict.kind == "trap"
    assert "Not quite" in _text(box) and "loss of a positive example" in _text(box)
    assert "Press Hint, or Solution" in _text(box)
    assert "q.q1.hint()" not in _text(box)  # code pointers become button names
    assert "2.303" not in _text(box)  # a wrong answer never reveals the value
    # the standard misconception: the value in bits
    box.answer.value = f"{math.log2(10):.3f}"
    box.check_button.click()
    assert box.verdict.kind == "bits" and "bits" in _text(box)
    box.answer.value = "2.303"
    box.check_button.click()
    assert box.verdict.ok is True and "Correct: 2.303" in _text(box)
    assert "lossviz-correct" in _text(box)
    assert ex.attempts == 3


def test_precision_and_empty(q):
    box = q.q1.widget()
    box.check_button.click()
    assert box.verdict.status == "not_attempted"
    assert "Type your answer in the box" in _text(box)
    assert box.exercise.attempts == 0
    box.answer.value = "2.3"
    box.check_button.click()
    assert not box.verdict.ok and box.verdict.kind == "precision"


def test_hints_then_solution(q):
    box = q.q1.widget()
    box.hint_button.click()
    assert "Hint 1/2" in _text(box) and "lossviz-hint" in _text(box)
    box.hint_button.click()
    assert "Hint 2/2" in _text(box)
    box.hint_button.click()
    assert "Hint 2/2" in _text(box)  # the last hint again
    box.solution_button.click()
    assert "Solution: 2.303" in _text(box) and "lossviz-solution" in _text(box)


def test_choices_as_radio_buttons(q):
    box = q.q3.widget()
    assert isinstance(box.answer, w.RadioButtons)
    assert box.answer.value is None
    assert [v for _, v in box.answer.options] == list(box.exercise.choices)
    box.check_button.click()
    assert "Choose one answer" in _text(box)
    box.answer.value = "a"
    box.check_button.click()
    assert not box.verdict.ok and "You chose (a)" in _text(box)
    assert box.exercise.choices["a"].why.split(":")[0] in _text(box)
    box.answer.value = box.exercise.answer
    box.check_button.click()
    assert box.verdict.ok


def test_true_false_and_arrays():
    tf = ExerciseWidget(Exercise("Is BCE convex in the logit?", answer=True, name="q.q9"))
    assert isinstance(tf.answer, w.RadioButtons)
    tf.answer.value = "False"
    tf.check_button.click()
    assert not tf.verdict.ok
    tf.answer.value = "True"
    tf.check_button.click()
    assert tf.verdict.ok
    arr = Exercise("Gradients?", answer=[0.5, -0.25], traps=[Trap([-0.5, 0.25], "Flipped.")])
    box = ExerciseWidget(arr)
    box.answer.value = "[-0.5, 0.25]"
    box.check_button.click()
    assert not box.verdict.ok and "Flipped." in _text(box)
    box.answer.value = "0.5, -0.25"
    box.check_button.click()
    assert box.verdict.ok
    assert read_answer(arr, "0.5; -0.25") == [0.5, -0.25]


def test_check_form_still_works_and_shares_state(q, capsys):
    ex = q.q2
    assert not ex.check(0.9)
    box = ex.widget()
    box.answer.value = "0.81"
    box.check_button.click()
    assert box.verdict.ok and ex.attempts == 2
    assert ex.check(0.81)


def test_not_an_exercise():
    with pytest.raises(TypeError, match="must be a lossviz Exercise"):
        ExerciseWidget("q.q1")


def test_every_question_of_every_chapter_renders():
    """Every exercise of the question bank builds a widget, and Solution never fails."""
    n = 0
    for chapter in [f"{i:02d}" for i in range(12)]:
        try:
            ch = lv.questions(chapter)
        except Exception:
            continue
        for ex in ch:
            box = ex.widget()
            box.solution_button.click()
            assert "Solution:" in box.feedback.value
            box.check_button.click()
            assert box.verdict.status == "not_attempted"
            n += 1
    assert n >= 10


def test_choice_why_shown_for_custom_exercise():
    ex = Exercise(
        "Which output can produce -0.7?",
        answer="b",
        choices=[Choice("A sigmoid.", why="A sigmoid's outputs lie in (0, 1)."), Choice("Linear.")],
    )
    box = ex.widget()
    box.answer.value = "a"
    box.check_button.click()
    assert "lie in (0, 1)" in _text(box)
