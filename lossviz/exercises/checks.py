"""Comparing a given answer with the expected one: pure functions that return a :class:`Verdict`.

A wrong number is first matched against the misconceptions the question names (a specific
:class:`Trap`, or a standard one: a flipped sign, a factor 2 from the ½ convention, a factor
ln 2 between nats and bits, a factor 100 between percent and fraction), then against the asked
precision (too few decimals, or close but badly rounded), and only then given a direction.

Examples
--------
>>> p = Precision(decimals=3)
>>> v = compare_number(2.3, 2.302585, precision=p, traps=standard_traps(2.302585, ["sign"]))
>>> v.kind, print(v)
Not quite. You gave 2.3. It is right to one decimal, but the question asks for three decimals.
Try q.hint(), or q.solution() to see the answer.
('precision', None)
>>> bool(compare_number("2.303", 2.302585, precision=p))
True
>>> print(compare_number(-2.303, 2.302585, precision=p, traps=standard_traps(2.302585, ["sign"])))
Not quite. You gave -2.303. The size is right, but the sign is flipped.
Try q.hint(), or q.solution() to see the answer.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from .feedback import correct, fmt, is_number, sentence, wrong

__all__ = [
    "Precision",
    "Trap",
    "Choice",
    "STANDARD_MISCONCEPTIONS",
    "standard_traps",
    "compare_number",
    "compare_array",
    "compare_text",
    "compare_bool",
    "compare_choice",
    "read_letter",
]

_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
LN2 = math.log(2)


def _count(n, noun):
    word = _WORDS[n] if 0 <= n < len(_WORDS) else str(n)
    return f"{word} {noun}{'' if n == 1 else 's'}"


# --------------------------------------------------------------------------- precision
@dataclass(frozen=True)
class Precision:
    """How precise an answer must be: ``decimals``, or ``sig`` figures, or ``rtol``/``atol``.

    With ``decimals=d`` a number is right when it rounds like the answer: within half a unit
    of the d-th decimal. With ``sig=s``, within half a unit of the s-th significant figure.
    Otherwise ``|given - expected| <= atol + rtol * |expected|``.

    Examples
    --------
    >>> Precision(decimals=3).tol(2.0), Precision(sig=3).tol(4.76), Precision().tol(100.0)
    (0.0005, 0.005, 1.00000001)
    >>> Precision(decimals=3).asked, Precision(sig=2).show(9.5367e-07)
    ('three decimals', '9.5e-07')
    """

    decimals: int | None = None
    sig: int | None = None
    rtol: float = 1e-2
    atol: float = 1e-8

    def __post_init__(self):
        if self.decimals is not None and self.sig is not None:
            raise ValueError("give decimals or sig, not both; found both.")
        for name in ("decimals", "sig"):
            v = getattr(self, name)
            if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
                raise ValueError(f"{name} must be an int >= 0; found {v!r}.")
        for name in ("rtol", "atol"):
            v = getattr(self, name)
            if not is_number(v) or not 0 <= v < math.inf:
                raise ValueError(f"{name} must be a finite number >= 0; found {v!r}.")

    def tol(self, x):
        """The absolute tolerance around the value ``x``."""
        slack = 1e-12 * max(1.0, abs(x))
        if self.decimals is not None:
            return 0.5 * 10.0 ** (-self.decimals) + slack
        if self.sig is not None:
            if x == 0:
                return slack
            return 0.5 * 10.0 ** (math.floor(math.log10(abs(x))) - self.sig + 1) + slack
        return self.atol + self.rtol * abs(x)

    @property
    def asked(self):
        """The precision in words, or ``None`` when the question names none."""
        if self.decimals is not None:
            return _count(self.decimals, "decimal")
        if self.sig is not None:
            return _count(self.sig, "significant figure")
        return None

    def show(self, x):
        """``x`` written to the asked precision."""
        if self.decimals is not None:
            return f"{x:.{self.decimals}f}"
        if self.sig is not None:
            return f"{x:.{self.sig}g}"
        return f"{x:.6g}"


# --------------------------------------------------------------------------- misconceptions
@dataclass(frozen=True)
class Trap:
    """A typical wrong answer (a number or an array) and the sentence that explains it.

    Examples
    --------
    >>> t = Trap(0.105, "That is -ln 0.9, the loss of a positive example.")
    >>> t.matches(0.1054, Precision(decimals=3))
    True
    """

    value: object
    message: str
    kind: str = "trap"

    def matches(self, given, precision):
        target = np.asarray(self.value, dtype=np.float64)
        given = np.asarray(given, dtype=np.float64)
        if given.shape != target.shape or not np.all(np.isfinite(target)):
            return False
        tol = np.vectorize(precision.tol)(target) * 2
        return bool(np.all(np.abs(given - target) <= tol))


_HALF = (
    "check the ½ convention (the cost ½(p − y)² against (p − y)²) "
    "and the factor 2 from differentiating a square"
)
STANDARD_MISCONCEPTIONS = ("sign", "half", "bits", "nats", "percent", "fraction")


def standard_traps(expected, names):
    """The traps for the standard misconceptions ``names`` of an ``expected`` answer.

    "sign": the sign flipped; "half": a factor 2 either way (the ½ convention); "bits": a
    question in nats answered in bits; "nats": a question in bits answered in nats;
    "percent": a fraction asked, a percentage given; "fraction": the reverse.

    Examples
    --------
    >>> [t.kind for t in standard_traps(0.5, ["sign", "half", "percent"])]
    ['sign', 'half', 'half', 'percent']
    """
    e = np.asarray(expected, dtype=np.float64)
    out = []
    for name in names:
        if name == "sign":
            if np.any(e != 0):
                out.append(Trap(-e, "The size is right, but the sign is flipped.", "sign"))
        elif name == "half":
            out += [
                Trap(2 * e, f"It is exactly twice the answer: {_HALF}.", "half"),
                Trap(e / 2, f"It is exactly half the answer: {_HALF}.", "half"),
            ]
        elif name == "bits":
            msg = (
                "That is the value in bits (a factor 1/ln 2 ≈ 1.443 too large); the question "
                "asks for nats, with the natural logarithm."
            )
            out.append(Trap(e / LN2, msg, "bits"))
        elif name == "nats":
            msg = (
                "That is the value in nats (a factor ln 2 ≈ 0.693 too small); the question "
                "asks for bits, with the logarithm to base 2."
            )
            out.append(Trap(e * LN2, msg, "nats"))
        elif name == "percent":
            msg = "It is 100 times too large: give a fraction (such as 0.25), not a percent (25)."
            out.append(Trap(100 * e, msg, "percent"))
        elif name == "fraction":
            msg = "It is 100 times too small: give a percent (such as 25), not a fraction (0.25)."
            out.append(Trap(e / 100, msg, "fraction"))
        else:
            raise ValueError(
                f"misconceptions must be among {STANDARD_MISCONCEPTIONS}; found {name!r}. "
                "For a question-specific wrong answer pass traps=[Trap(value, message)]."
            )
    return out


# --------------------------------------------------------------------------- reading answers
def _read_number(x):
    """(value, typed text, None) or (None, None, reason) for something that should be a number."""
    if is_number(x):
        return float(x), repr(float(x)), None
    if isinstance(x, (bool, np.bool_)):
        return None, None, f"The answer is a number, and you gave the truth value {x}."
    if isinstance(x, str):
        text = x.strip()
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            return float(text), text, None
        except ValueError:
            return None, None, f"The answer is a number, and you gave the text {fmt(x)}."
    if isinstance(x, complex):
        return None, None, f"The answer is a real number, and you gave the complex number {x}."
    try:
        arr = np.asarray(x)
    except Exception:
        arr = None
    if arr is not None and arr.dtype.kind in "iuf":
        if arr.size == 1:
            value = float(arr.reshape(()))
            return value, repr(value), None
        return None, None, f"The answer is one number, and you gave an array of shape {arr.shape}."
    return None, None, f"The answer is a number, and you gave {fmt(x)} of type {type(x).__name__}."


def _decimals_typed(text):
    """Decimals written in ``text`` ('2.30' -> 2), or None in exponent form."""
    if text is None or "e" in text.lower() or not re.fullmatch(r"[+-]?\d*\.?\d*", text):
        return None
    return len(text.split(".")[1]) if "." in text else 0


def _sig_typed(text):
    if text is None or "e" in text.lower() or not re.fullmatch(r"[+-]?\d*\.?\d*", text):
        return None
    digits = text.lstrip("+-").replace(".", "").lstrip("0")
    return len(digits) if "." in text else len(digits.rstrip("0")) or 1


def _precision_reason(value, text, expected, precision):
    """A sentence when ``value`` is right to fewer digits than asked, or close but misrounded."""
    asked = precision.asked
    if asked is None:
        return None, None
    if precision.decimals is not None:
        k = _decimals_typed(text)
        if (
            k is not None
            and k < precision.decimals
            and abs(value - expected) <= 0.5 * 10.0**-k + 1e-12
        ):
            return (
                f"It is right to {_count(k, 'decimal')}, but the question asks for {asked}.",
                "precision",
            )
    else:
        k = _sig_typed(text)
        if k is not None and k < precision.sig and expected != 0:
            unit = 10.0 ** (math.floor(math.log10(abs(expected))) - k + 1)
            if abs(value - expected) <= 0.5 * unit * (1 + 1e-9):
                return (
                    f"It is right to {_count(k, 'significant figure')}, but the question asks "
                    f"for {asked}.",
                    "precision",
                )
    if abs(value - expected) <= 4 * precision.tol(expected):
        return (
            f"It is close, but not right to {asked}: round the exact value (do not truncate it), "
            "and keep every digit in the intermediate steps.",
            "close",
        )
    return None, None


def _direction(value, expected, precision):
    near = abs(value - expected) <= max(5 * precision.rtol, 0.02) * abs(expected)
    if precision.asked is None and expected != 0 and near:
        return (
            f"It is close, but not within the tolerance ({precision.rtol:.2g} of the answer's "
            "size): give more digits, or check the rounding.",
            "close",
        )
    side = "too large" if value > expected else "too small"
    if expected != 0 and value != 0 and (expected > 0) != (value > 0):
        return "The sign is wrong.", "sign"
    if expected != 0 and value != 0 and max(abs(value / expected), abs(expected / value)) >= 10:
        return f"It is {side}, by more than a factor of 10.", "direction"
    return f"It is {side}.", "direction"


# --------------------------------------------------------------------------- comparisons
def compare_number(given, expected, *, precision=Precision(), traps=(), name="q", note=None):
    """The :class:`Verdict` for a number ``given`` against ``expected``."""
    value, text, reason = _read_number(given)
    if reason:
        return wrong(reason, name=name, kind="type")
    if math.isnan(value):
        return wrong(
            "That is not a number (NaN): look for 0/0 or the logarithm of a negative number.",
            given=value,
            name=name,
            kind="nan",
        )
    if math.isinf(expected) or math.isinf(value):
        if value == expected:
            return correct(fmt(value), note)
        if math.isinf(expected) and math.isinf(value):
            return wrong("The sign is wrong.", given=value, name=name, kind="sign")
        if math.isinf(expected):
            return wrong("It is finite, and the answer is not.", given=value, name=name, kind="inf")
        return wrong(
            "It is infinite, and the answer is finite: look for a logarithm of 0.",
            given=value,
            name=name,
            kind="inf",
        )
    if abs(value - expected) <= precision.tol(expected):
        return correct(given.strip() if isinstance(given, str) else fmt(value), note)
    for trap in traps:
        if trap.matches(value, precision):
            return wrong(trap.message, given=value, name=name, kind=trap.kind)
    why, kind = _precision_reason(value, text, expected, precision)
    if why is None:
        why, kind = _direction(value, expected, precision)
    return wrong(why, given=value, name=name, kind=kind)


def _read_array(x, shape):
    if isinstance(x, str):
        return None, f"The answer is a list of numbers, and you gave the text {fmt(x)}."
    try:
        arr = np.asarray(x)
        ok = arr.dtype.kind in "iufb"
    except Exception:
        ok = False
    if not ok:
        return None, f"The answer is a list of numbers of shape {shape}, and you gave {fmt(x)}."
    arr = arr.astype(np.float64)
    if arr.shape != shape:
        return None, f"The answer has shape {shape}, and you gave shape {arr.shape}."
    return arr, None


def compare_array(given, expected, *, precision=Precision(), traps=(), name="q", note=None):
    """The :class:`Verdict` for an array ``given`` against ``expected`` (entry by entry)."""
    exp = np.asarray(expected, dtype=np.float64)
    arr, reason = _read_array(given, exp.shape)
    if reason:
        return wrong(
            reason, name=name, kind="shape" if arr is None and "shape" in reason else "type"
        )
    tol = np.vectorize(precision.tol, otypes=[float])(exp)
    close = np.abs(arr - exp) <= tol
    if close.all():
        return correct(fmt(arr), note)
    for trap in traps:
        if trap.matches(arr, precision):
            return wrong(trap.message, given=arr, name=name, kind=trap.kind)
    bad = np.argwhere(~close)
    first = tuple(int(i) for i in bad[0])
    where = first[0] if len(first) == 1 else first
    if np.all(np.abs(arr - exp) <= 4 * tol) and precision.asked:
        why = (
            f"Every entry is close, but {len(bad)} of {arr.size} are not right to "
            f"{precision.asked}: round the exact values (do not truncate them)."
        )
        return wrong(why, given=arr, name=name, kind="close")
    why = (
        f"{len(bad)} of {arr.size} entries are not right; the first wrong one is at index {where}."
    )
    return wrong(why, given=arr, name=name, kind="entries")


def _norm_text(s):
    s = " ".join(str(s).casefold().split())
    return s[:-1].rstrip() if s.endswith(".") else s


def compare_text(given, expected, *, name="q", note=None):
    """The :class:`Verdict` for a word or phrase (``expected``: a str or a set of str)."""
    accepted = [expected] if isinstance(expected, str) else list(expected)
    if not isinstance(given, str):
        why = f"The answer is a word or phrase (text in quotes), and you gave {fmt(given)}."
        return wrong(why, name=name, kind="type")
    if _norm_text(given) in {_norm_text(a) for a in accepted}:
        return correct(given.strip(), note)
    return wrong("Check the term and its spelling.", given=given.strip(), name=name, kind="text")


def compare_bool(given, expected, *, name="q", note=None):
    """The :class:`Verdict` for True/False (``"yes"``/``"no"`` accepted)."""
    if isinstance(given, (bool, np.bool_)):
        value = bool(given)
    elif isinstance(given, str) and _norm_text(given) in {"true", "yes", "false", "no"}:
        value = _norm_text(given) in {"true", "yes"}
    else:
        why = f"Answer True or False; you gave {fmt(given)}."
        return wrong(why, name=name, kind="type")
    if value == bool(expected):
        return correct(str(value), note)
    return wrong(f"{value} is not right.", name=name, kind="bool")


# --------------------------------------------------------------------------- multiple choice
@dataclass(frozen=True)
class Choice:
    """One choice of a multiple-choice question, with ``why`` it is right or wrong.

    Examples
    --------
    >>> Choice("A sigmoid output with BCE.", why="A sigmoid cannot output -0.7.").why
    'A sigmoid cannot output -0.7.'
    """

    text: str
    why: str = ""


def read_letter(given, choices):
    """The one letter of ``choices`` that ``given`` names ("b", "(B)", ["b"], the text), or None.

    Returns the string of all letters named when there are several (e.g. "ab").

    Examples
    --------
    >>> cs = {"a": Choice("MSE"), "b": Choice("BCE")}
    >>> read_letter("(B)", cs), read_letter("bce", cs), read_letter("band", cs)
    ('b', 'b', None)
    """
    if isinstance(given, (list, tuple)) and len(given) == 1:
        given = given[0]
    if not isinstance(given, str):
        return None
    text = _norm_text(given)
    for letter, choice in choices.items():
        if text == _norm_text(choice.text):
            return letter
    stripped = re.sub(r"[\s,;()\[\]./&]|\band\b", "", text)
    if stripped and all(ch in choices for ch in stripped):
        return "".join(sorted(set(stripped)))
    return None


def compare_choice(given, choices, right, *, name="q"):
    """The :class:`Verdict` for a multiple-choice answer: each wrong choice says why."""
    letter = read_letter(given, choices)
    if letter is None:
        letters = ", ".join(choices)
        why = f'Answer with one of the letters {letters} (for example "{next(iter(choices))}").'
        return wrong(why, given=given, name=name, kind="type")
    if len(letter) > 1:
        return wrong(
            f"Choose exactly one letter; you chose {', '.join(letter)}.", name=name, kind="type"
        )
    choice = choices[letter]
    if letter == right:
        return correct(f"({letter}) {choice.text}", choice.why or None)
    why = choice.why or "That statement does not hold here."
    return wrong(f"You chose ({letter}). {sentence(why)}", name=name, kind="choice")
