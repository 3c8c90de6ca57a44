"""Tests for lossviz.exercises (the machinery) and lossviz.question_bank (every chapter)."""

import inspect
import math
import re
import sys

import numpy as np
import pytest

import lossviz as lv
from lossviz.exercises import ChapterExercises, Choice, Exercise, Feedback, Trap, Verdict
from lossviz.question_bank import available_chapters, questions

MORE = "Try q.hint(), or q.solution() to see the answer."


def run(q, given, capsys):
    ok = q.check(given)
    out = capsys.readouterr().out.strip()
    assert isinstance(ok, Verdict)
    return ok, out


def assert_grammatical(text):
    """Feedback is whole sentences: no spliced clauses, capitals after full stops, one stop."""
    assert text == text.strip() and "  " not in text, text
    assert not re.search(r"which is (you\b|the\b|an?\b|[A-Z])", text), text
    for bad in ("..", " .", ",.", ".;", ":.", ". ,"):
        if bad == ".." and text.startswith("Replace ..."):
            continue
        assert bad not in text, f"{bad!r} in {text!r}"
    assert text[-1] in ".!?)", text
    # every sentence after a full stop starts with a capital (or a quote, bracket or digit)
    for m in re.finditer(r"[.!?] (\S)", text):
        assert m.group(1)[0].isupper() or m.group(1)[0] in "('\"−-0123456789σ", (m.group(0), text)
    assert_reads_without_code(text)


def assert_reads_without_code(text):
    """No capitalised maths at a sentence start ("DBCE/dz"), no bare booleans ("(True)")."""
    assert not re.search(r"(^|[.!?] )D[A-Z]+/d", text), text
    assert not re.search(r"\((True|False)\)", text), text


# ----------------------------------------------------------------------------- not attempted
@pytest.mark.parametrize("given", [..., None])
def test_not_attempted(given, capsys):
    q = Exercise("x?", answer=1.0)
    ok, out = run(q, given, capsys)
    assert not ok and out == "Replace ... with your answer and run the cell again."
    assert q.attempts == 0
    assert q.evaluate(given).status == "not_attempted"


# ----------------------------------------------------------------------------- numbers
@pytest.mark.parametrize(
    "given", [0.2231, 0.223, np.float32(0.2231), "0.223", "0,223", np.array([0.2231])]
)
def test_number_correct_to_the_asked_decimals(given, capsys):
    q = Exercise("-ln 0.8 (3 decimals)?", answer=0.22314, decimals=3)
    ok, out = run(q, given, capsys)
    assert ok and out.startswith("Correct: ")


def test_precision_asked_is_enforced():
    q = Exercise("ln 10 (3 decimals)?", answer=math.log(10), decimals=3)
    assert q.evaluate(2.303) and q.evaluate(math.log(10))
    v = q.evaluate(2.3)
    assert not v and v.kind == "precision"
    assert "It is right to one decimal, but the question asks for three decimals." in v.text
    v = q.evaluate(2.302)  # truncated, not rounded
    assert not v and v.kind == "close" and "do not truncate" in v.text
    q = Exercise("ratio (3 significant figures)?", answer=4.7616, sig=3)
    assert q.evaluate(4.76) and not q.evaluate(4.77)
    v = q.evaluate(4.8)
    assert v.kind == "precision" and "two significant figures" in v.text


def test_correct_message_and_explanation(capsys):
    q = Exercise("-ln 0.8?", answer=0.22314, explanation="a confident right answer costs little")
    ok, out = run(q, 0.2231, capsys)
    assert out == "Correct: 0.2231. A confident right answer costs little."


def test_tolerance_without_asked_precision(capsys):
    q = Exercise("x?", answer=100.0, rtol=1e-3, atol=0.0)
    assert run(q, 100.09, capsys)[0]
    assert not run(q, 100.2, capsys)[0]
    assert run(Exercise("KL(p||p)?", answer=0.0), 1e-9, capsys)[0]


@pytest.mark.parametrize(
    "given, text, kind",
    [
        (0.5, "You gave 0.5. It is too large.", "direction"),
        (0.15, "You gave 0.15. It is too small.", "direction"),
        (5.0, "It is too large, by more than a factor of 10.", "direction"),
        (-0.223, "The size is right, but the sign is flipped.", "sign"),
        (-0.5, "The sign is wrong.", "sign"),
        (0.215, "It is close, but not within the tolerance", "close"),
        (float("nan"), "That is not a number (NaN)", "nan"),
        (float("inf"), "It is infinite, and the answer is finite", "inf"),
    ],
)
def test_number_wrong_names_the_problem_not_the_answer(given, text, kind, capsys):
    q = Exercise("-ln 0.8?", answer=0.22314)
    ok, out = run(q, given, capsys)
    v = q.evaluate(given)
    assert not ok and out.startswith("Not quite. ") and text in out and v.kind == kind
    assert "0.223" not in out.replace("-0.223", "")  # the expected value is not revealed
    assert out.endswith(MORE)
    assert_grammatical(out)
    assert q.attempts == 1


# the broken sentences must never come back
@pytest.mark.parametrize("given", [0.2, float("inf"), -1.0])
def test_no_spliced_sentences(given):
    for q in (Exercise("g?", answer=-0.2), Exercise("x?", answer=0.2, decimals=3)):
        assert_grammatical(q.evaluate(given).text)


@pytest.mark.parametrize(
    "misconception, expected, given, words",
    [
        ("sign", 0.5, -0.5, "sign is flipped"),
        ("half", 4.76, 9.52, "twice the answer: check the ½ convention"),
        ("half", 4.76, 2.38, "half the answer"),
        ("bits", math.log(2), 1.0, "value in bits"),
        ("nats", 1.0, math.log(2), "value in nats"),
        ("percent", 0.75, 75.0, "give a fraction"),
        ("fraction", 99.0, 0.99, "give a percent"),
    ],
)
def test_standard_misconceptions_are_named(misconception, expected, given, words):
    q = Exercise("x?", answer=expected, decimals=3, misconceptions=[misconception])
    v = q.evaluate(given)
    assert not v and v.kind == misconception and words in v.text
    assert_grammatical(v.text)


def test_flipped_sign_of_an_array_is_named():
    q = Exercise("grad?", answer=[-0.755, 0.665, 0.09], decimals=3)
    v = q.evaluate([0.755, -0.665, -0.09])
    assert v.kind == "sign" and "sign is flipped" in v.text


def test_trap_comes_before_the_standard_ones():
    q = Exercise("x?", answer=0.1, traps=[Trap(-0.1, "The weight multiplies the gradient too.")])
    v = q.evaluate(-0.1)
    assert v.kind == "trap" and "The weight multiplies the gradient too." in v.text


def test_infinite_expected():
    q = Exercise("BCE of y=1, p=0?", answer=float("inf"))
    assert q.evaluate(np.inf)
    assert q.evaluate(1e6).kind == "inf" and "finite, and the answer is not" in q.evaluate(1e6).text
    assert q.evaluate(-np.inf).kind == "sign"


@pytest.mark.parametrize(
    "given, words",
    [
        ("abc", "The answer is a number, and you gave the text 'abc'."),
        (True, "you gave the truth value True"),
        ([1.0, 2.0], "The answer is one number, and you gave an array of shape (2,)."),
        (1 + 2j, "complex"),
        ({"a": 1}, "of type dict"),
    ],
)
def test_number_wrong_type_is_a_message(given, words):
    v = Exercise("x?", answer=1.0).evaluate(given)
    assert not v and v.kind == "type" and words in v.text
    assert_grammatical(v.text)


# ----------------------------------------------------------------------------- arrays
def test_array_paths():
    q = Exercise("x?", answer=[1.0, 2.0, 3.0])
    assert q.evaluate((1.0, 2.0, 3.0))
    v = q.evaluate([1.0, 2.5, 4.0])
    assert v.kind == "entries" and "2 of 3 entries are not right" in v.text and "index 1" in v.text
    v = q.evaluate([1, 2, 3, 4])
    assert v.kind == "shape" and "shape (3,)" in v.text and "shape (4,)" in v.text
    for given in ["1, 2, 3", [1, "a", 2], {"x": 1}]:
        assert not q.evaluate(given) and q.evaluate(given).text.startswith("Not quite. The answer")
    q3 = Exercise("x?", answer=[0.12345, 1.0], decimals=3)
    assert q3.evaluate([0.123, 1.0]) and q3.evaluate([0.122, 1.0]).kind == "close"
    for given in ([1.0, 2.5, 4.0], [1, 2, 3, 4], "1, 2"):
        assert_grammatical(q.evaluate(given).text)


# ----------------------------------------------------------------------------- text and bool
def test_text_and_bool():
    q = Exercise("name?", answer={"cross-entropy", "cross entropy"})
    assert q.evaluate("Cross Entropy") and q.evaluate(" cross-entropy. ")
    v = q.evaluate("entropy")
    assert v.kind == "text" and "You gave 'entropy'. Check the term and its spelling." in v.text
    assert q.evaluate(3).kind == "type"
    b = Exercise("convex?", answer=False)
    assert b.evaluate(False) and b.evaluate("no") and b.evaluate(np.bool_(False))
    assert "True is not right." in b.evaluate(True).text
    assert "Answer True or False" in b.evaluate(0).text
    for v in (q.evaluate("entropy"), q.evaluate(3), b.evaluate(True), b.evaluate(0)):
        assert_grammatical(v.text)


# ----------------------------------------------------------------------------- multiple choice
def _mc():
    return Exercise(
        "Which output can produce -0.7?",
        answer="b",
        choices=[
            Choice("A sigmoid.", why="A sigmoid cannot output −0.7."),
            Choice("A linear unit.", why="It can output any real number."),
            Choice("A softmax.", why="A softmax outputs probabilities in (0, 1)."),
        ],
    )


@pytest.mark.parametrize("given", ["b", "B", "(b)", "b)", " b. ", "a linear unit", ["b"]])
def test_choice_correct(given):
    v = _mc().evaluate(given)
    assert v and v.text == "Correct: (b) A linear unit. It can output any real number."


def test_each_wrong_choice_says_why():
    q = _mc()
    v = q.evaluate("a")
    assert v.kind == "choice"
    assert v.text == f"Not quite. You chose (a). A sigmoid cannot output −0.7. {MORE}"
    assert "is not the answer" not in v.text and "(b)" not in v.text
    assert "probabilities in (0, 1)" in q.evaluate("c").text
    v = q.evaluate("z")
    assert (
        v.kind == "type" and 'Answer with one of the letters a, b, c (for example "a").' in v.text
    )
    assert "Choose exactly one letter" in q.evaluate("a, b").text
    assert not q.evaluate("band") and not q.evaluate(2)
    for given in ("a", "c", "z", "a, b", 2):
        assert_grammatical(q.evaluate(given).text)


def test_a_wrong_choice_without_why_is_refused():
    with pytest.raises(ValueError, match=r"every wrong choice needs why=.*\['a'\]"):
        Exercise("?", answer="b", choices=["MSE", Choice("BCE")])


# ----------------------------------------------------------------------------- checker
def test_checker_paths():
    q = Exercise("A probability vector?", checker=lambda a: abs(sum(a) - 1) < 1e-9)
    assert q.evaluate([0.5, 0.5])
    v = q.evaluate([0.5, 0.6])
    assert v.text.startswith("Not quite. You gave [0.5, 0.6]. It does not pass the check.")
    q2 = Exercise("even?", checker=lambda a: (a % 2 == 0, "an even number is divisible by 2"))
    assert "Not quite. You gave 3. An even number is divisible by 2." in q2.evaluate(3).text
    assert q2.evaluate(4).text == "Correct: 4. An even number is divisible by 2."

    def broken(a):
        raise ZeroDivisionError("division by zero")

    v = Exercise("x?", checker=broken).evaluate(1)
    assert not v and v.kind == "error" and "could not be checked (ZeroDivisionError" in v.text
    for v in (q.evaluate([0.5, 0.6]), q2.evaluate(3), Exercise("x?", checker=broken).evaluate(1)):
        assert_grammatical(v.text)


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
        _mc(),
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
    assert capsys.readouterr().out.splitlines() == [
        "Hint 1/2: first",
        "Hint 2/2: second",
        "Hint 2/2: second",
    ]
    Exercise("x?", answer=1, hint="only").hint()
    assert capsys.readouterr().out.strip() == "Hint: only"
    Exercise("x?", answer=1, name="q.q3").hint()
    assert "no hint for this question; try q.q3.solution()." in capsys.readouterr().out


@pytest.mark.parametrize(
    "q, text",
    [
        (
            Exercise("x?", answer=0.22314, decimals=3, solution="-ln 0.8"),
            "Solution: 0.223 — -ln 0.8",
        ),
        (Exercise("x?", answer=4.7616, sig=3), "Solution: 4.76"),
        (Exercise("x?", answer=[1.0, 2.0]), "Solution: [1, 2]"),
        (Exercise("x?", answer="KL"), "Solution: KL"),
        (Exercise("x?", answer={"b", "a"}), "Solution: 'a' or 'b'"),
        (Exercise("x?", answer=True), "Solution: True"),
        (_mc(), "Solution: (b) A linear unit."),
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
    q = _mc()
    assert repr(q) == (
        "Which output can produce -0.7?\n  (a) A sigmoid.\n  (b) A linear unit.\n  (c) A softmax."
    )
    assert "(b) A linear unit." in q._repr_html_()


def test_display_under_ipython(monkeypatch):
    pytest.importorskip("IPython")
    import IPython
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
    assert Exercise("x?", answer=2).check(2) == True  # noqa: E712
    assert capsys.readouterr().out.strip() == "Correct: 2."


def test_check_returns_a_verdict_that_shows_nothing_in_a_cell():
    q = Exercise("2 + 2?", answer=4)
    right, wrong, missing = q.check(4), q.check(5), q.check(...)
    assert isinstance(right, Verdict) and right and not wrong and not missing
    assert right == True and wrong == False  # noqa: E712
    assert repr(right) == "True" and right._ipython_display_() is None


def test_evaluate_is_pure():
    q = Exercise("2 + 2?", answer=4, hint=["a", "b"])
    q.evaluate(5)
    q.evaluate(4)
    assert q.attempts == 0 and q._hint_index == 0


# ----------------------------------------------------------------------------- construction
@pytest.mark.parametrize(
    "kwargs, exc, words",
    [
        (dict(prompt="x?"), ValueError, "needs an answer or a checker"),
        (dict(prompt="", answer=1), TypeError, "prompt"),
        (dict(prompt="x?", answer=1, rtol=-1), ValueError, "rtol"),
        (dict(prompt="x?", answer=1, decimals=3, sig=3), ValueError, "decimals or sig"),
        (dict(prompt="x?", answer=1, misconceptions=["units"]), ValueError, "Trap(value"),
        (dict(prompt="x?", checker=3), TypeError, "checker must be callable"),
        (dict(prompt="x?", answer="z", choices=["A", "B"]), ValueError, "letter of the right"),
        (dict(prompt="x?", answer="a", choices={"aa": "A"}), ValueError, "single letters"),
        (dict(prompt="x?", answer="a", choices="ab"), TypeError, "choices must be"),
    ],
)
def test_construction_errors(kwargs, exc, words):
    with pytest.raises(exc) as info:
        Exercise(**kwargs)
    assert words in str(info.value)


# ----------------------------------------------------------------------------- the loader
def test_one_loader_a_plain_function():
    assert inspect.isfunction(lv.questions) and lv.questions is questions
    ch = lv.questions("03")
    assert isinstance(ch, ChapterExercises) and ch.q2 is ch[2] and len(ch) == len(list(ch))
    assert lv.questions(3).q1.prompt == ch.q1.prompt
    with pytest.raises(ValueError, match="chapter must be one of"):
        lv.questions("99")
    with pytest.raises(TypeError, match="chapter number"):
        lv.questions(3.0)


def test_the_machinery_does_not_import_the_questions():
    import pathlib

    root = pathlib.Path(lv.__file__).parent / "exercises"
    for path in root.glob("*.py"):
        source = path.read_text()
        assert not re.search(r"^\s*(from|import) .*question", source, flags=re.M), path
        assert "import_module" not in source, path


def test_feedback_names_the_question_as_the_notebook_does():
    q = lv.questions("03")
    text = q.q2.evaluate(0.5).text
    assert "Try q.q2.hint(), or q.q2.solution() to see the answer." in text
    assert (
        lv.questions("03", var="ex")
        .q4.evaluate(0)
        .text.endswith("ex.q4.solution() to see the answer.")
    )
    fresh = lv.questions("03")
    q.q1.hint()
    assert fresh.q1._hint_index == 0  # each load is a fresh copy


# ----------------------------------------------------------------------------- every chapter
def _all_questions():
    return [
        pytest.param(key, n, q, id=f"ch{key}-q{n}")
        for key in available_chapters()
        for n, q in enumerate(questions(key), start=1)
    ]


ALL = _all_questions()


def test_every_chapter_has_an_insight_question():
    for key in available_chapters():
        if key == "00":
            continue
        assert any(q.choices for q in questions(key)), f"chapter {key} has no insight question"


@pytest.mark.parametrize("key, n, q", ALL)
def test_every_question(key, n, q, capsys):
    """Right answer passes (also as the solution prints it); every wrong path is grammatical."""
    assert q.name == f"q.q{n}"
    assert q.evaluate(...).status == "not_attempted"
    assert q.evaluate(q.answer), (key, n)
    if q.choices is None and q._numeric:
        shown = q.expected_text()
        assert q.evaluate(shown if is_scalar(q.answer) else np.asarray(q.answer)), (key, n, shown)
    q.solution()
    out = capsys.readouterr().out
    assert out.startswith("Solution: " + q.expected_text())
    assert_reads_without_code(out)
    assert_reads_without_code(q.evaluate(q.answer).text)
    q.hint()
    assert "Hint" in capsys.readouterr().out
    texts = [q.evaluate(x).text for x in ("nonsense", 1e9, -7, [1, 2, 3, 4, 5], True)]
    if q.choices:
        for letter, choice in q.choices.items():
            v = q.evaluate(letter)
            if letter == q.answer:
                assert v and v.kind is None
                continue
            assert not v and v.kind == "choice", (key, n, letter)
            assert choice.why and choice.why.split(":")[0].rstrip(".") in v.text
            assert "is not the answer" not in v.text
            texts.append(v.text)
    for trap in q.traps:  # each typical mistake gets its own sentence
        v = q.evaluate(trap.value if is_scalar(trap.value) else np.asarray(trap.value))
        assert not v and v.kind == trap.kind and trap.message in v.text, (key, n, trap)
        texts.append(v.text)
    for text in texts:
        assert_grammatical(text)
        assert f"{q.name}.hint()" in text or text.startswith("Correct")


def is_scalar(x):
    return np.ndim(x) == 0


# typical misconceptions a student brings, and the feedback each must name
@pytest.mark.parametrize(
    "key, n, given, kind",
    [
        ("00", 1, 1.0, "bits"),
        ("00", 1, 0.25, "trap"),
        ("01", 1, 75, "percent"),
        ("01", 2, 0.2, "sign"),
        ("02", 1, 1.386, "nats"),
        ("02", 2, 0.0, "trap"),
        ("02", 3, 0.144, "nats"),
        ("02", 3, 0.189, "trap"),
        ("03", 1, 0.105, "trap"),
        ("03", 1, -2.303, "sign"),
        ("03", 1, 2.3, "precision"),
        ("03", 1, 3.322, "bits"),
        ("03", 2, 0.405, "half"),
        ("03", 4, -1.9, "trap"),
        ("03", 5, "a", "choice"),
        ("04", 1, 0.881, "sign"),
        ("04", 1, 0.119, "trap"),
        ("04", 2, 9.52, "half"),
        ("04", 2, 4.8, "precision"),
        ("04", 4, "b", "choice"),
        ("05", 1, [0.755, -0.665, -0.090], "sign"),
        ("05", 1, [0.245, 0.665, 0.090], "trap"),
        ("05", 2, 2.108, "bits"),
        ("05", 2, 2.303, "trap"),
        ("05", 3, "b", "choice"),
        ("06", 1, 0.511, "trap"),
        ("06", 4, "a", "choice"),
        ("07", 2, 0.99, "fraction"),
        ("07", 1, "a", "choice"),
        ("08", 1, 1.4189, "half"),
        ("08", 2, 300, "trap"),
        ("08", 3, "a", "choice"),
        ("08", 4, 0.0, "trap"),
        ("09", 1, [0.5, 1.0], "sign"),
        ("09", 3, 0.0, "trap"),
        ("10", 1, 85, "percent"),
        ("10", 1, 0.8, "trap"),
        ("10", 2, 0.469, "bits"),
        ("11", 1, 11.111, "half"),
        ("11", 2, -0.1, "trap"),
    ],
)
def test_typical_misconceptions_get_their_named_feedback(key, n, given, kind):
    v = questions(key)[n].evaluate(given)
    assert not v and v.kind == kind, (v.kind, v.text)
    assert_grammatical(v.text)


def test_multiple_choice_names_why_the_sigmoid_fails():
    v = questions("08").q3.evaluate("a")
    assert "A sigmoid cannot output −0.7" in v.text


# every numeric answer, recomputed here with lossviz (never typed in the question modules)
def _recomputed():
    s = lv.sigmoid
    ds = lambda z: float(s(z) * (1 - s(z)))  # noqa: E731
    return {
        ("00", 1): float(lv.bce([1], [0.5])),
        ("01", 1): 0.75,
        ("01", 2): float(s(0.0)) - 0.7,
        ("02", 1): float(lv.entropy([0.25] * 4, base=2)),
        ("02", 2): float(lv.entropy([0.5, 0.5])),
        ("02", 3): float(lv.cross_entropy([0.5, 0.5], [0.25, 0.75], base=2) - 1.0),
        ("03", 1): float(lv.bce_with_logits([0], [lv.logit(0.9)])),
        ("03", 2): 0.9**2,
        ("03", 4): -1 / 0.05,
        ("04", 1): float(s(-2.0)) - 1,
        ("04", 2): 1 / (2 * ds(2.0)),
        ("05", 1): (lv.softmax([1.0, 2.0, 0.0]) - [1, 0, 0]).tolist(),
        ("05", 2): math.log(1 + 9 / math.e),
        ("06", 1): float(lv.bce([1, 0, 0], [0.6, 0.3, 0.1], reduction="sum")),
        ("06", 2): float(lv.softmax_cross_entropy([0], [np.log([0.6, 0.3, 0.1])])),
        ("07", 2): 99.0,
        ("08", 1): 0.25 + 0.5 * math.log(2 * math.pi),
        ("08", 2): float(np.median([100, 120, 130, 150, 1000])),
        ("08", 4): float(lv.mse([-0.5, 0.5, 1.5], [0.0, 0.5, 1.0])),
        ("09", 1): ((s(0.0) - 1) * np.array([1.0, 2.0])).tolist(),
        ("09", 3): float(lv.bce_with_logits([0, 0], [lv.logit(0.99)] * 2)),
        ("10", 1): 0.8 + 0.2 / 4,
        ("10", 2): float(lv.cross_entropy([0.9, 0.1], [0.9, 0.1])),
        ("11", 1): 1 / (2 * 0.1 * 0.9),
        ("11", 2): 0.3 + 0.5 * -0.4,
    }


def test_numeric_solutions_equal_lossviz_computation():
    table = _recomputed()
    numeric = {
        (key, n)
        for key in available_chapters()
        for n, q in enumerate(questions(key), start=1)
        if q.choices is None and q._numeric
    }
    assert numeric == set(table), "every numeric question is recomputed here, and only those"
    for (key, n), value in table.items():
        q = questions(key)[n]
        np.testing.assert_allclose(q.answer, value, rtol=1e-9, atol=1e-12, err_msg=f"{key} q{n}")
        assert q.evaluate(value if np.ndim(value) == 0 else np.asarray(value))


@pytest.mark.parametrize(
    "key, n, printed",
    [("04", 2, ["4.76", "9.52"]), ("05", 2, ["1.461"]), ("03", 1, ["2.303"])],
)
def test_solutions_print_the_computed_values(key, n, printed, capsys):
    questions(key)[n].solution()
    out = capsys.readouterr().out
    for p in printed:
        assert p in out
    assert "4.77" not in out and "9.53" not in out and "1.460" not in out
