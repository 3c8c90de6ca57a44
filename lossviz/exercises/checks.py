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

from lossviz.i18n import N_, tr

from .feedback import correct, fmt, is_number, sentence, shown, wrong

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

LN2 = math.log(2)

# "three decimals", "two significant figures": whole phrases, so that each edition words them
_DECIMALS = (
    N_("zero decimals"),
    N_("one decimal"),
    N_("two decimals"),
    N_("three decimals"),
    N_("four decimals"),
    N_("five decimals"),
    N_("six decimals"),
    N_("seven decimals"),
    N_("eight decimals"),
    N_("nine decimals"),
)
_FIGURES = (
    N_("zero significant figures"),
    N_("one significant figure"),
    N_("two significant figures"),
    N_("three significant figures"),
    N_("four significant figures"),
    N_("five significant figures"),
    N_("six significant figures"),
    N_("seven significant figures"),
    N_("eight significant figures"),
    N_("nine significant figures"),
)


def _decimals(n):
    return tr(_DECIMALS[n]) if 0 <= n < len(_DECIMALS) else tr("{n} decimals").format(n=n)


def _figures(n):
    if 0 <= n < len(_FIGURES):
        return tr(_FIGURES[n])
    return tr("{n} significant figures").format(n=n)


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
            return _decimals(self.decimals)
        if self.sig is not None:
            return _figures(self.sig)
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
    message: str  # English, marked with N_ (or a feedback.Text): shown in the current language
    kind: str = "trap"

    def matches(self, given, precision):
        target = np.asarray(self.value, dtype=np.float64)
        given = np.asarray(given, dtype=np.float64)
        if given.shape != target.shape or not np.all(np.isfinite(target)):
            return False
        tol = np.vectorize(precision.tol)(target) * 2
        return bool(np.all(np.abs(given - target) <= tol))


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
                msg = N_("The size is right, but the sign is flipped.")
                out.append(Trap(-e, msg, "sign"))
        elif name == "half":
            twice = N_(
                "It is exactly twice the answer: check the ½ convention (the cost ½(p − y)² "
                "against (p − y)²) and the factor 2 from differentiating a square."
            )
            half = N_(
                "It is exactly half the answer: check the ½ convention (the cost ½(p − y)² "
                "against (p − y)²) and the factor 2 from differentiating a square."
            )
            out += [Trap(2 * e, twice, "half"), Trap(e / 2, half, "half")]
        elif name == "bits":
            msg = N_(
                "That is the value in bits (a factor 1/ln 2 ≈ 1.443 too large); the question "
                "asks for nats, with the natural logarithm."
            )
            out.append(Trap(e / LN2, msg, "bits"))
        elif name == "nats":
            msg = N_(
                "That is the value in nats (a factor ln 2 ≈ 0.693 too small); the question "
                "asks for bits, with the logarithm to base 2."
            )
            out.append(Trap(e * LN2, msg, "nats"))
        elif name == "percent":
            msg = N_(
                "It is 100 times too large: give a fraction (such as 0.25), not a percent (25)."
            )
            out.append(Trap(100 * e, msg, "percent"))
        elif name == "fraction":
            msg = N_(
                "It is 100 times too small: give a percent (such as 25), not a fraction (0.25)."
            )
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
        why = tr("The answer is a number, and you gave the truth value {given}.")
        return None, None, why.format(given=x)
    if isinstance(x, str):
        text = x.strip()
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            return float(text), text, None
        except ValueError:
            why = tr("The answer is a number, and you gave the text {given}.")
            return None, None, why.format(given=fmt(x))
    if isinstance(x, complex):
        why = tr("The answer is a real number, and you gave the complex number {given}.")
        return None, None, why.format(given=x)
    try:
        arr = np.asarray(x)
    except Exception:
        arr = None
    if arr is not None and arr.dtype.kind in "iuf":
        if arr.size == 1:
            value = float(arr.reshape(()))
            return value, repr(value), None
        why = tr("The answer is one number, and you gave an array of shape {shape}.")
        return None, None, why.format(shape=arr.shape)
    why = tr("The answer is a number, and you gave {given} of type {type}.")
    return None, None, why.format(given=fmt(x), type=type(x).__name__)


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
            why = tr("It is right to {got}, but the question asks for {asked}.")
            return why.format(got=_decimals(k), asked=asked), "precision"
    else:
        k = _sig_typed(text)
        if k is not None and k < precision.sig and expected != 0:
            unit = 10.0 ** (math.floor(math.log10(abs(expected))) - k + 1)
            if abs(value - expected) <= 0.5 * unit * (1 + 1e-9):
                why = tr("It is right to {got}, but the question asks for {asked}.")
                return why.format(got=_figures(k), asked=asked), "precision"
    if abs(value - expected) <= 4 * precision.tol(expected):
        why = tr(
            "It is close, but not right to {asked}: round the exact value (do not truncate it), "
            "and keep every digit in the intermediate steps."
        )
        return why.format(asked=asked), "close"
    return None, None


def _direction(value, expected, precision):
    near = abs(value - expected) <= max(5 * precision.rtol, 0.02) * abs(expected)
    if precision.asked is None and expected != 0 and near:
        why = tr(
            "It is close, but not within the tolerance ({rtol:.2g} of the answer's "
            "size): give more digits, or check the rounding."
        )
        return why.format(rtol=precision.rtol), "close"
    large = value > expected
    if expected != 0 and value != 0 and (expected > 0) != (value > 0):
        return tr("The sign is wrong."), "sign"
    if expected != 0 and value != 0 and max(abs(value / expected), abs(expected / value)) >= 10:
        if large:
            return tr("It is too large, by more than a factor of 10."), "direction"
        return tr("It is too small, by more than a factor of 10."), "direction"
    return (tr("It is too large.") if large else tr("It is too small.")), "direction"


# --------------------------------------------------------------------------- comparisons
def compare_number(given, expected, *, precision=Precision(), traps=(), name="q", note=None):
    """The :class:`Verdict` for a number ``given`` against ``expected``."""
    value, text, reason = _read_number(given)
    if reason:
        return wrong(reason, name=name, kind="type")
    if math.isnan(value):
        return wrong(
            tr("That is not a number (NaN): look for 0/0 or the logarithm of a negative number."),
            given=value,
            name=name,
            kind="nan",
        )
    if math.isinf(expected) or math.isinf(value):
        if value == expected:
            return correct(fmt(value), note)
        if math.isinf(expected) and math.isinf(value):
            return wrong(tr("The sign is wrong."), given=value, name=name, kind="sign")
        if math.isinf(expected):
            why = tr("It is finite, and the answer is not.")
            return wrong(why, given=value, name=name, kind="inf")
        return wrong(
            tr("It is infinite, and the answer is finite: look for a logarithm of 0."),
            given=value,
            name=name,
            kind="inf",
        )
    if abs(value - expected) <= precision.tol(expected):
        return correct(given.strip() if isinstance(given, str) else fmt(value), note)
    for trap in traps:
        if trap.matches(value, precision):
            return wrong(shown(trap.message), given=value, name=name, kind=trap.kind)
    why, kind = _precision_reason(value, text, expected, precision)
    if why is None:
        why, kind = _direction(value, expected, precision)
    return wrong(why, given=value, name=name, kind=kind)


def _read_array(x, shape):
    """(array, None, None), or (None, reason, kind) with kind "type" or "shape"."""
    if isinstance(x, str):
        why = tr("The answer is a list of numbers, and you gave the text {given}.")
        return None, why.format(given=fmt(x)), "type"
    try:
        arr = np.asarray(x)
        ok = arr.dtype.kind in "iufb"
    except Exception:
        ok = False
    if not ok:
        why = tr("The answer is a list of numbers of shape {shape}, and you gave {given}.")
        return None, why.format(shape=shape, given=fmt(x)), "shape"
    arr = arr.astype(np.float64)
    if arr.shape != shape:
        why = tr("The answer has shape {shape}, and you gave shape {given}.")
        return None, why.format(shape=shape, given=arr.shape), "shape"
    return arr, None, None


def compare_array(given, expected, *, precision=Precision(), traps=(), name="q", note=None):
    """The :class:`Verdict` for an array ``given`` against ``expected`` (entry by entry)."""
    exp = np.asarray(expected, dtype=np.float64)
    arr, reason, kind = _read_array(given, exp.shape)
    if reason:
        return wrong(reason, name=name, kind=kind)
    tol = np.vectorize(precision.tol, otypes=[float])(exp)
    close = np.abs(arr - exp) <= tol
    if close.all():
        return correct(fmt(arr), note)
    for trap in traps:
        if trap.matches(arr, precision):
            return wrong(shown(trap.message), given=arr, name=name, kind=trap.kind)
    bad = np.argwhere(~close)
    first = tuple(int(i) for i in bad[0])
    where = first[0] if len(first) == 1 else first
    if np.all(np.abs(arr - exp) <= 4 * tol) and precision.asked:
        why = tr(
            "Every entry is close, but {bad} of {size} are not right to "
            "{asked}: round the exact values (do not truncate them)."
        ).format(bad=len(bad), size=arr.size, asked=precision.asked)
        return wrong(why, given=arr, name=name, kind="close")
    why = tr(
        "{bad} of {size} entries are not right; the first wrong one is at index {where}."
    ).format(bad=len(bad), size=arr.size, where=where)
    return wrong(why, given=arr, name=name, kind="entries")


def _norm_text(s):
    s = " ".join(str(s).casefold().split())
    return s[:-1].rstrip() if s.endswith(".") else s


def compare_text(given, expected, *, name="q", note=None):
    """The :class:`Verdict` for a word or phrase (``expected``: a str or a set of str)."""
    accepted = [expected] if isinstance(expected, str) else list(expected)
    if not isinstance(given, str):
        why = tr("The answer is a word or phrase (text in quotes), and you gave {given}.")
        return wrong(why.format(given=fmt(given)), name=name, kind="type")
    if _norm_text(given) in {_norm_text(a) for a in accepted}:
        return correct(given.strip(), note)
    why = tr("Check the term and its spelling.")
    return wrong(why, given=given.strip(), name=name, kind="text")


def compare_bool(given, expected, *, name="q", note=None):
    """The :class:`Verdict` for True/False (``"yes"``/``"no"`` accepted)."""
    if isinstance(given, (bool, np.bool_)):
        value = bool(given)
    elif isinstance(given, str) and _norm_text(given) in {"true", "yes", "false", "no"}:
        value = _norm_text(given) in {"true", "yes"}
    else:
        why = tr("Answer True or False; you gave {given}.").format(given=fmt(given))
        return wrong(why, name=name, kind="type")
    if value == bool(expected):
        return correct(str(value), note)
    return wrong(tr("{value} is not right.").format(value=value), name=name, kind="bool")


# --------------------------------------------------------------------------- multiple choice
@dataclass(frozen=True)
class Choice:
    """One choice of a multiple-choice question, with ``why`` it is right or wrong.

    Examples
    --------
    >>> Choice("A sigmoid output with BCE.", why="A sigmoid cannot output -0.7.").why
    'A sigmoid cannot output -0.7.'
    """

    text: str  # English, marked with N_ (or a feedback.Text): shown in the current language
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
        why = tr('Answer with one of the letters {letters} (for example "{example}").')
        why = why.format(letters=", ".join(choices), example=next(iter(choices)))
        return wrong(why, given=given, name=name, kind="type")
    if len(letter) > 1:
        why = tr("Choose exactly one letter; you chose {letters}.")
        why = why.format(letters=", ".join(letter))
        return wrong(why, name=name, kind="type")
    choice = choices[letter]
    if letter == right:
        return correct(f"({letter}) {shown(choice.text)}", shown(choice.why) or None)
    why = shown(choice.why) or tr("That statement does not hold here.")
    text = tr("You chose ({letter}). {why}").format(letter=letter, why=sentence(why))
    return wrong(text, name=name, kind="choice")
