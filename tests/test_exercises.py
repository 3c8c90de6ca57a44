"""Tests for lossviz.exercises: every feedback path, display paths, the registry."""

import sys
import types

import numpy as np
import pytest

import lossviz.exercises as exmod
from lossviz.exercises import (
    ChapterExercises,
    Exercise,
    Feedback,
    Verdict,
    chapter,
    chapters,
    get,
    register,
    unregister,
)

MORE = "Try q.hint(), or q.solution() to see the answer."


def run(q, given, capsys):
    ok = q.check(given)
    out = capsys.readouterr().out.strip()
    assert isinstance(ok, Verdict)
    return ok, out


# ----------------------------------------------------------------------------- not attempted
@pytest.mark.parametrize("given", [..., None])
def test_not_attempted(given, capsys):
    q = Exercise("x?", answer=1.0)
    ok, out = run(q, given, capsys)
    assert not ok and out == "Replace ... with your answer and run the cell again."
    assert q.attempts == 0


def test_not_attempted_without_argument(capsys):
    q = Exercise("x?", answer="kl")
    assert q.check() == False  # noqa: E712
    assert "Replace ... with your answer" in capsys.readouterr().out


# ----------------------------------------------------------------------------- numbers
@pytest.mark.parametrize(
    "given",
    [
        0.2231,
        0.223,
        0.2245,
        np.float32(0.2231),
        "0.223",
        "0,223",
        np.array([0.2231]),
        np.array(0.2231),
    ],
)
def test_number_correct(given, capsys):
    q = Exercise("-ln 0.8?", answer=0.22314)
    ok, out = run(q, given, capsys)
    assert ok and out.startswith("Correct: ")


def test_number_correct_message_and_explanation(capsys):
    q = Exercise("-ln 0.8?", answer=0.22314, explanation="A confident right answer costs little.")
    ok, out = run(q, 0.2231, capsys)
    assert out == "Correct: 0.2231. A confident right answer costs little."


def test_int_answer_and_zero_answer(capsys):
    assert run(Exercise("n?", answer=4), 4, capsys)[0]
    assert run(Exercise("KL(p||p)?", answer=0.0), 1e-17, capsys)[0]
    ok, out = run(Exercise("KL(p||p)?", answer=0.0), 0.1, capsys)
    assert not ok and "too large" in out


def test_tolerance_rel_and_abs(capsys):
    q = Exercise("x?", answer=100.0, rtol=1e-3, atol=0.0)
    assert run(q, 100.09, capsys)[0]
    assert not run(q, 100.2, capsys)[0]
    q = Exercise("x?", answer=0.0, rtol=0.0, atol=0.05)
    assert run(q, 0.04, capsys)[0]
    assert not run(q, -0.06, capsys)[0]


@pytest.mark.parametrize(
    "given, words",
    [
        (0.5, ["you gave 0.5", "too large"]),
        (0.15, ["you gave 0.15", "too small"]),
        (5.0, ["too large, by more than a factor of 10"]),
        (0.01, ["too small, by more than a factor of 10"]),
        (-0.223, ["the sign is wrong"]),
        (0.215, ["close, but not within the tolerance", "more digits"]),
        (0.245, ["too large"]),
        (float("nan"), ["NaN"]),
        (float("inf"), ["infinite value", "finite"]),
    ],
)
def test_number_wrong_gives_direction_not_answer(given, words, capsys):
    q = Exercise("-ln 0.8?", answer=0.22314)
    ok, out = run(q, given, capsys)
    assert not ok and out.startswith("Not quite: ")
    for w in words:
        assert w in out
    assert "0.223" not in out.replace("-0.223", "")  # expected value not revealed
    assert out.endswith(MORE)
    assert q.attempts == 1


def test_infinite_expected(capsys):
    q = Exercise("BCE of y=1, p=0?", answer=float("inf"))
    assert run(q, np.inf, capsys)[0]
    ok, out = run(q, 1e6, capsys)
    assert not ok and "not a finite number" in out
    ok, out = run(q, -np.inf, capsys)
    assert not ok and "sign" in out


@pytest.mark.parametrize(
    "given, words",
    [
        ("abc", ["expected a number, you gave the text 'abc'"]),
        (True, ["expected a number, you gave the truth value True"]),
        ([1.0, 2.0], ["expected a single number", "shape (2,)"]),
        (1 + 2j, ["complex"]),
        ({"a": 1}, ["expected a number", "dict"]),
        (object(), ["expected a number", "object"]),
    ],
)
def test_number_wrong_type_is_a_message(given, words, capsys):
    ok, out = run(Exercise("x?", answer=1.0), given, capsys)
    assert not ok
    for w in words:
        assert w in out


# ----------------------------------------------------------------------------- arrays
def test_array_correct_and_list(capsys):
    q = Exercise("softmax?", answer=np.array([0.09, 0.2447, 0.6652]), rtol=1e-2)
    assert run(q, [0.0900, 0.2447, 0.6652], capsys)[0]
    assert run(q, (0.09, 0.245, 0.665), capsys)[0]


def test_array_shape_mismatch(capsys):
    q = Exercise("x?", answer=[[1, 2], [3, 4]])
    ok, out = run(q, [1, 2, 3, 4], capsys)
    assert not ok and "expected an array of shape (2, 2), you gave shape (4,)" in out


def test_array_entries_off(capsys):
    q = Exercise("x?", answer=[1.0, 2.0, 3.0])
    ok, out = run(q, [1.0, 2.5, 4.0], capsys)
    assert not ok and "2 of 3 entries are not right (the first at index 1)" in out
    q2 = Exercise("x?", answer=[[1.0, 2.0], [3.0, 4.0]])
    ok, out = run(q2, [[1.0, 2.0], [3.0, 5.0]], capsys)
    assert "1 of 4 entries" in out and "(1, 1)" in out


@pytest.mark.parametrize("given", ["1, 2", [1, "a"], [[1, 2], [3]], {"x": 1}, [1 + 1j, 2]])
def test_array_wrong_types_are_messages(given, capsys):
    ok, out = run(Exercise("x?", answer=[1.0, 2.0]), given, capsys)
    assert not ok and out.startswith("Not quite: expected an array")


# ----------------------------------------------------------------------------- strings
@pytest.mark.parametrize(
    "given", ["KL divergence", "kl divergence", "  KL   Divergence. ", "Kl Divergence"]
)
def test_string_case_insensitive(given, capsys):
    assert run(Exercise("name?", answer="KL divergence"), given, capsys)[0]


def test_string_alternatives_and_wrong(capsys):
    q = Exercise("name?", answer={"cross-entropy", "cross entropy"})
    assert run(q, "Cross Entropy", capsys)[0]
    assert run(q, "cross-entropy", capsys)[0]
    ok, out = run(q, "entropy", capsys)
    assert not ok and "you gave 'entropy'" in out and "spelling" in out
    ok, out = run(q, 3, capsys)
    assert not ok and "expected a word or phrase" in out


# ----------------------------------------------------------------------------- bool
def test_bool(capsys):
    q = Exercise("Is MSE on a sigmoid convex in w?", answer=False)
    assert run(q, False, capsys)[0]
    assert run(q, np.bool_(False), capsys)[0]
    assert run(q, "no", capsys)[0]
    ok, out = run(q, True, capsys)
    assert not ok and "True is not right" in out
    ok, out = run(q, 0, capsys)
    assert not ok and "answer True or False" in out


# ----------------------------------------------------------------------------- multiple choice
MC = dict(prompt="Which is p - y?", answer="b", choices=["MSE", "BCE", "MAE"])


@pytest.mark.parametrize("given", ["b", "B", "(b)", "b)", " b. ", "bce", ["b"]])
def test_choice_correct(given, capsys):
    ok, out = run(Exercise(**MC), given, capsys)
    assert ok and out == "Correct: (b) BCE."


def test_choice_wrong_paths(capsys):
    q = Exercise(**MC)
    ok, out = run(q, "a", capsys)
    assert not ok and "(a) is not the answer" in out and "(b)" not in out
    ok, out = run(q, "z", capsys)
    assert not ok and 'one of the letters a, b, c (e.g. "a")' in out
    ok, out = run(q, "a, b", capsys)
    assert not ok and "choose exactly one letter" in out
    ok, out = run(q, 2, capsys)
    assert not ok and "letters" in out
    ok, out = run(q, "band", capsys)  # not silently read as "b"
    assert not ok


def test_choice_text_with_full_stop_not_doubled(capsys):
    q = Exercise("?", answer="a", choices=["It is bounded by 1.", "It is not."])
    ok, out = run(q, "a", capsys)
    assert out == "Correct: (a) It is bounded by 1."
    ok, out = run(Exercise("?", answer="Yes!"), "yes!", capsys)
    assert out == "Correct: yes!"


def test_choice_dict_and_multi_answer(capsys):
    q = Exercise(
        "Which are proper losses for probabilities?",
        answer="a, c",
        choices={"a": "BCE", "b": "accuracy", "c": "Brier score"},
    )
    for given in ["ac", "a, c", "C and A", ["a", "c"], ("A", "C")]:
        assert run(q, given, capsys)[0], given
    ok, out = run(q, "a", capsys)
    assert "at least one is missing" in out
    ok, out = run(q, "abc", capsys)
    assert "at least one wrong choice" in out
    ok, out = run(q, "ab", capsys)
    assert "some of your choices are wrong" in out


# ----------------------------------------------------------------------------- checker
def test_checker_bool_and_tuple(capsys):
    q = Exercise("Give a probability vector", checker=lambda a: abs(sum(a) - 1) < 1e-9)
    assert run(q, [0.5, 0.5], capsys)[0]
    ok, out = run(q, [0.5, 0.6], capsys)
    assert not ok and out.startswith("Not quite: you gave [0.5, 0.6].")
    q2 = Exercise("even?", checker=lambda a: (a % 2 == 0, "an even number is divisible by 2"))
    ok, out = run(q2, 3, capsys)
    assert not ok and "Not quite: an even number is divisible by 2" in out
    ok, out = run(q2, 4, capsys)
    assert ok and out == "Correct: 4. an even number is divisible by 2"


def test_checker_exception_is_reported(capsys):
    def broken(a):
        raise ZeroDivisionError("division by zero")

    q = Exercise("x?", checker=broken)
    ok, out = run(q, 1, capsys)
    assert not ok and "Could not check your answer 1: ZeroDivisionError" in out


def test_never_raises_on_hostile_objects(capsys):
    class Hostile:
        def __array__(self, *a, **k):
            raise RuntimeError("no")

        def __float__(self):
            raise RuntimeError("no")

        def __repr__(self):
            return "Hostile()"

    for q in [
        Exercise("x?", answer=1.0),
        Exercise("x?", answer=[1.0]),
        Exercise("x?", answer="a"),
        Exercise(**MC),
        Exercise("x?", answer=True),
    ]:
        ok, out = run(q, Hostile(), capsys)
        assert not ok and out


# ----------------------------------------------------------------------------- hint / solution
def test_hints(capsys):
    q = Exercise("x?", answer=1, hint=["first", "second"])
    q.hint()
    q.hint()
    q.hint()
    out = capsys.readouterr().out.splitlines()
    assert out == ["Hint 1/2: first", "Hint 2/2: second", "Hint 2/2: second"]
    assert Exercise("x?", answer=1, hint="only").hint() is None
    assert capsys.readouterr().out.strip() == "Hint: only"
    Exercise("x?", answer=1).hint()
    assert "no hint" in capsys.readouterr().out


@pytest.mark.parametrize(
    "q, text",
    [
        (Exercise("x?", answer=0.22314, solution="-ln 0.8"), "Solution: 0.22314 — -ln 0.8"),
        (Exercise("x?", answer=[1.0, 2.0]), "Solution: [1., 2.]"),
        (Exercise("x?", answer="KL"), "Solution: KL"),
        (Exercise("x?", answer={"b", "a"}), "Solution: 'a' or 'b'"),
        (Exercise("x?", answer=True), "Solution: True"),
        (Exercise(**MC), "Solution: (b) BCE"),
        (Exercise("x?", checker=bool, solution="any truthy value"), "Solution: any truthy value"),
        (Exercise("x?", checker=bool), "Solution: no written solution for this question."),
    ],
)
def test_solution(q, text, capsys):
    assert q.solution() is None
    assert capsys.readouterr().out.strip() == text


# ----------------------------------------------------------------------------- display
def test_feedback_html_and_text():
    fb = Feedback("wrong", "Not quite: <b> & more")
    assert str(fb) == repr(fb) == "Not quite: <b> & more"
    html = fb._repr_html_()
    assert "&lt;b&gt; &amp; more" in html and "#D55E00" in html
    assert not fb.ok and Feedback("correct", "x").ok


def test_exercise_repr_shows_prompt_and_choices():
    q = Exercise(**MC)
    assert repr(q) == "Which is p - y?\n  (a) MSE\n  (b) BCE\n  (c) MAE"
    assert "(b) BCE" in q._repr_html_()
    assert "lossviz-question" in Exercise("a < b?", answer=True)._repr_html_()


def test_display_under_ipython(monkeypatch):
    IPython = pytest.importorskip("IPython")
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    q = Exercise("x?", answer=1.0, hint="h")
    assert q.check(1.0) == True  # noqa: E712
    q.hint()
    assert [type(s) for s in shown] == [Feedback, Feedback]
    assert shown[0].ok and "#009E73" in shown[0]._repr_html_()


def test_works_without_ipython(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "IPython", None)  # import fails
    q = Exercise("x?", answer=2)
    assert q.check(2) == True  # noqa: E712
    assert capsys.readouterr().out.strip() == "Correct: 2."


# ----------------------------------------------------------------------------- construction errors
@pytest.mark.parametrize(
    "kwargs, exc, words",
    [
        (dict(prompt="x?"), ValueError, ["needs an answer or a checker"]),
        (dict(prompt="", answer=1), TypeError, ["prompt"]),
        (dict(prompt="x?", answer=1, rtol=-1), ValueError, ["rtol"]),
        (dict(prompt="x?", answer=1, atol=float("inf")), ValueError, ["atol"]),
        (dict(prompt="x?", checker=3), TypeError, ["checker must be callable"]),
        (
            dict(prompt="x?", answer="z", choices=["A", "B"]),
            ValueError,
            ["letter(s) of the right choice"],
        ),
        (dict(prompt="x?", answer="a", choices={"aa": "A"}), ValueError, ["single letters"]),
        (dict(prompt="x?", answer="a", choices="ab"), TypeError, ["choices must be"]),
    ],
)
def test_construction_errors(kwargs, exc, words):
    with pytest.raises(exc) as info:
        Exercise(**kwargs)
    for w in words:
        assert w in str(info.value)


# ----------------------------------------------------------------------------- registry
@pytest.fixture
def clean_registry():
    saved = {k: dict(v) for k, v in exmod._REGISTRY.items()}
    exmod._REGISTRY.clear()
    yield
    exmod._REGISTRY.clear()
    exmod._REGISTRY.update(saved)


def test_register_get_chapter(clean_registry, capsys):
    q1 = register("91", 1, Exercise("a?", answer=1))
    q2 = register(91, 2, Exercise("b?", answer="x"))
    assert get("91", 1) is q1 and get(91, 2) is q2 and get("091", 2) is q2
    ch = chapter("91")
    assert isinstance(ch, ChapterExercises)
    assert ch.q1 is q1 and ch.q2 is q2 and ch[2] is q2
    assert len(ch) == 2 and list(ch) == [q1, q2]
    assert repr(ch) == "Chapter 91: 2 question(s)\nq1: a?\nq2: b?"
    assert "<b>q2</b>" in ch._repr_html_()
    assert "91" in chapters()
    assert ch.q2.check("X") == True  # noqa: E712


def test_register_duplicate_and_replace(clean_registry):
    register("92", 1, Exercise("a?", answer=1))
    with pytest.raises(ValueError, match="already has a registered question 1"):
        register("92", 1, Exercise("b?", answer=2))
    new = register("92", 1, Exercise("b?", answer=2), replace=True)
    assert get(92, 1) is new
    unregister(92, 1)
    unregister(92, 1)  # absent: no error
    assert "92" not in chapters()


@pytest.mark.parametrize(
    "call, exc, words",
    [
        (lambda: chapter("93"), ValueError, ["chapter 93 has no exercises", "ch93.py"]),
        (lambda: chapter("three"), ValueError, ["chapter number"]),
        (lambda: chapter(3.0), TypeError, ["chapter number"]),
        (lambda: chapter(True), TypeError, ["chapter number"]),
        (lambda: get("93", 0), ValueError, ["number must be an int >= 1"]),
        (lambda: register("93", 1, "not an exercise"), TypeError, ["must be an Exercise"]),
    ],
)
def test_registry_errors(clean_registry, call, exc, words):
    with pytest.raises(exc) as info:
        call()
    for w in words:
        assert w in str(info.value)


def test_get_missing_number(clean_registry):
    register("94", 1, Exercise("a?", answer=1))
    with pytest.raises(ValueError, match=r"no question 5; it has \['q1'\]"):
        get("94", 5)


def test_bank_module_is_read(clean_registry, monkeypatch):
    bank = types.ModuleType("lossviz.questions.ch95")
    qa, qb = Exercise("bank 1?", answer=1), Exercise("bank 2?", answer=2)
    bank.QUESTIONS = [qa, qb]
    monkeypatch.setitem(sys.modules, "lossviz.questions.ch95", bank)
    ch = chapter("95")
    assert ch.q1 is qa and ch.q2 is qb and get(95, 2) is qb
    extra = register("95", 3, Exercise("extra?", answer=3))
    assert chapter(95).q3 is extra
    register("95", 2, Exercise("clash?", answer=0))
    with pytest.raises(ValueError, match=r"numbers \[2\] are both in lossviz/questions/ch95.py"):
        chapter("95")


# ----------------------------------------------------------------------------- the chapters' bank
def _bank_questions():
    try:
        from lossviz.questions import available_chapters
    except Exception:  # pragma: no cover - no bank yet
        return []
    out = []
    for key in available_chapters():
        for n, q in enumerate(chapter(key), start=1):
            out.append(pytest.param(q, id=f"ch{key}-q{n}"))
    return out


@pytest.mark.parametrize("q", _bank_questions())
def test_every_bank_question_accepts_its_own_answer(q, capsys):
    """Each chapter question: its answer checks as right, ... as not attempted, hints work."""
    assert isinstance(q, Exercise)
    assert q.check(...) == False  # noqa: E712
    assert "Replace ... with your answer" in capsys.readouterr().out
    if q._has_answer:
        assert (
            q.check(q.answer if not isinstance(q.answer, (set, frozenset)) else sorted(q.answer)[0])
            == True
        )  # noqa: E712
        assert capsys.readouterr().out.startswith("Correct: ")
    q.hint()
    q.solution()
    out = capsys.readouterr().out
    assert "Hint" in out and out.count("Solution: ") == 1
    q._hint_index = 0


def test_chapter_feedback_names_the_question_as_the_notebook_does(capsys):
    import lossviz as lv

    q = lv.questions("03")
    q.q2.check(0.5)
    out = capsys.readouterr().out
    assert "Try q.q2.hint(), or q.q2.solution()" in out
    assert "Try q.hint()" not in out


def test_check_returns_a_verdict_that_shows_nothing_in_a_cell():
    """check()'s value behaves as a bool but adds no 'Out: False' under the feedback box."""
    from lossviz.exercises import Exercise, Verdict

    q = Exercise("2 + 2?", answer=4)
    right, wrong, missing = q.check(4), q.check(5), q.check(...)
    assert isinstance(right, Verdict) and right and not wrong and not missing
    assert right == True and wrong == False  # noqa: E712
    assert right._ipython_display_() is None
