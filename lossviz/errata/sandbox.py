"""The sandbox that runs the sources' code: :func:`run_source`, :func:`repair_stages`.

The sources' code (:data:`~lossviz.errata.sources.SOURCE_CODE`) runs with numpy's random state
seeded and restored, its floating-point warnings silenced and ``torch`` replaced by a stub (PyTorch
is not a dependency of the course). Nothing here raises for the sources' own errors: an exception
comes back as the text ``"TypeName: message"``.

Examples
--------
>>> run_source("004 §4.2").error
'AxisError: axis 1 is out of bounds for array of dimension 1'
"""

from __future__ import annotations

import builtins
import contextlib
import io
import re
import warnings
from dataclasses import dataclass, field

import numpy as np

from .._text import width as display_width
from ..i18n import N_, tr
from .sources import SOURCE_CODE

__all__ = ["SourceRun", "REPAIRS", "capture", "run_source", "repair_stages", "source_function"]


def _fmt_exc(exc):
    return f"{type(exc).__name__}: {str(exc).strip()}"


def capture(func, *args, **kwargs):
    """Call ``func(*args, **kwargs)``; return ``(value, None)`` or ``(None, "TypeName: message")``.

    Floating-point warnings are silenced inside the call (the sources' code overflows and
    takes ``log 0`` on purpose here), so a notebook cell shows the result and no warning.

    Examples
    --------
    >>> capture(int, "12")
    (12, None)
    >>> capture(int, "twelve")
    (None, "ValueError: invalid literal for int() with base 10: 'twelve'")
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"):
                return func(*args, **kwargs), None
    except Exception as exc:  # noqa: BLE001 — reporting the error is the point
        return None, _fmt_exc(exc)


# ------------------------------------------------------------------ running the sources' code
class _Stub:
    """Stands in for any PyTorch object, so the sources' torch code runs up to its own error.

    Every attribute, call and arithmetic operation gives another stub; used as a base class
    it becomes :class:`_StubModule` (like ``nn.Module``: calling an instance calls ``forward``).
    """

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Stub()

    def __call__(self, *args, **kwargs):
        return _Stub()

    def __mro_entries__(self, bases):
        return (_StubModule,)

    def __iter__(self):
        return iter(())

    def __repr__(self):
        return "<torch stub>"

    def _op(self, *other):
        return _Stub()

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _op
    __truediv__ = __rtruediv__ = __matmul__ = __rmatmul__ = __pow__ = __neg__ = _op


class _StubModule:
    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        return self.forward(*args, **kwargs)

    def parameters(self):
        return iter(())


_TORCH = _Stub()


def _import(name, globals=None, locals=None, fromlist=(), level=0):
    if name == "torch" or name.startswith("torch."):
        return _TORCH
    return builtins.__import__(name, globals, locals, fromlist, level)


@dataclass(frozen=True)
class SourceRun:
    """The outcome of running a source's code: ``error`` (``None`` if it ran), what it printed.

    ``losses`` are the numbers the code printed after ``Loss:`` (rounded to 4 decimals);
    ``namespace`` holds the variables it left behind.
    """

    key: str
    code: str
    error: str | None
    stdout: str
    namespace: dict = field(repr=False, default_factory=dict)

    @property
    def losses(self):
        return [round(float(v), 4) for v in re.findall(r"Loss:\s*([-+0-9.eEinfa]+)", self.stdout)]

    @property
    def printed(self):
        """What the code printed, stripped, with long decimals rounded to 4 significant digits."""
        return _round_numbers(self.stdout.strip())

    def summary(self):
        """One line: the error, or ``runs`` with the printed losses (first, …, last).

        The error is Python's message (in English); the rest is in the current language.
        """
        if self.error:
            return self.error
        ls = self.losses
        if len(ls) > 1:
            template = (
                N_("runs; printed loss {first:g} -> {middle:g} -> {last:g} (falls)")
                if ls[-1] < ls[0]
                else N_("runs; printed loss {first:g} -> {middle:g} -> {last:g} (rises)")
            )
            return tr(template).format(first=ls[0], middle=ls[len(ls) // 2], last=ls[-1])
        last = self.last_printed()
        return tr("runs; prints {last}").format(last=last) if last else tr("runs")

    def last_printed(self):
        """The last line the code printed, rounded and quoted (``repr``); ``""`` if none."""
        out = self.stdout.strip().splitlines()
        return repr(_round_numbers(out[-1])) if out else ""


def run_source(key, *, patches=(), seed=0):
    """Run the code block ``SOURCE_CODE[key]`` of a source, after optional textual ``patches``.

    Parameters
    ----------
    key : str
        A key of :data:`SOURCE_CODE`, e.g. ``"002 §4.1"``.
    patches : sequence of (old, new) pairs
        Replacements applied in order; each ``old`` must occur in the code.
    seed : int, default 0
        ``np.random.seed(seed)`` before running (the sources never seed); numpy's global random
        state is restored afterwards.

    Returns
    -------
    SourceRun
        ``error`` is ``"TypeName: message"`` or ``None``.  ``torch`` is replaced by a stub (it is
        not a dependency of the course): code that fails before any tensor arithmetic — an
        undefined name — fails exactly as in PyTorch; code that runs computes nothing real.

    Examples
    --------
    >>> run_source("002 §4.1").error
    'ValueError: shapes (2,1) and (4,2) not aligned: 1 (dim 1) != 4 (dim 0)'
    >>> run_source("004 §4.1").stdout
    'Mean Squared Error: 0.25\\n'
    """
    if key not in SOURCE_CODE:
        raise ValueError(f"key must be one of {sorted(SOURCE_CODE)}; found {key!r}.")
    code = SOURCE_CODE[key]
    for old, new in patches:
        if old not in code:
            raise ValueError(
                f"patch {old!r} does not occur in the code of {key}; "
                f"check the text of SOURCE_CODE[{key!r}]."
            )
        code = code.replace(old, new)
    ns = {"__builtins__": {**vars(builtins), "__import__": _import}, "__name__": "__source__"}
    out = io.StringIO()
    state = np.random.get_state()
    np.random.seed(seed)
    error = None
    try:
        with contextlib.redirect_stdout(out), warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            exec(compile(code, f"<{key}>", "exec"), ns)  # noqa: S102 — the point is to run it
    except Exception as exc:  # noqa: BLE001
        error = _fmt_exc(exc)
    finally:
        np.random.set_state(state)
    ns.pop("__builtins__", None)
    return SourceRun(key, code, error, out.getvalue(), ns)


class _Label(str):
    """A stage label that pads by display width in ``f"{label:38}"`` (a Chinese character
    takes two columns), so the Chinese edition's stage tables line up as the English ones do."""

    def __format__(self, spec):
        m = re.fullmatch(r"([<>^]?)(\d+)", spec)
        if not m:
            return format(str(self), spec)
        wide = display_width(self)
        pad = max(0, int(m[2]) - wide)
        if m[1] == ">":
            return " " * pad + self
        if m[1] == "^":
            return " " * (pad // 2) + self + " " * (pad - pad // 2)
        return self + " " * pad


def _label(text):
    """``text`` in the current language; width-aware (:class:`_Label`) when it is not English."""
    shown = tr(text)
    return shown if shown == text else _Label(shown)


def repair_stages(key):
    """Run ``SOURCE_CODE[key]`` verbatim, then with each repair of ``REPAIRS[key]`` added in turn.

    Returns a list of ``(label, SourceRun)``; the first label is ``"as published"``. The labels
    are in the current language.

    Examples
    --------
    >>> for label, run in repair_stages("004 §4.2"):
    ...     print(label, "->", run.summary())
    as published -> AxisError: axis 1 is out of bounds for array of dimension 1
    + sum over axis 0 -> runs; prints 'Cross-Entropy Loss: 0.6365'
    + sigmoid per sample (binary cross-entropy) -> runs; prints 'Cross-Entropy Loss: 0.4399'
    """
    if key not in REPAIRS:
        raise ValueError(f"key must be one of {sorted(REPAIRS)}; found {key!r}.")
    stages = [(_label(N_("as published")), run_source(key))]
    patches = []
    for label, pats in REPAIRS[key]:
        patches.extend(pats)
        stages.append((_label(label), run_source(key, patches=patches)))
    return stages


def _round_numbers(text, digits=4):
    """Round every long decimal number in ``text`` (so printed output is the same everywhere)."""
    return re.sub(
        r"-?\d+\.\d{5,}(?:[eE][-+]?\d+)?", lambda m: f"{float(m.group()):.{digits}g}", text
    )


_EMPTY_LOADER = (
    N_("+ train_loader = [] (defined, but the loop runs 0 times)"),
    [
        (
            "# 训练模型",
            "train_loader = []  # e.g. DataLoader(TensorDataset(X, y), batch_size=32)"
            "\n\n# 训练模型",
        )
    ],
)

#: Minimal textual repairs of the sources' code, applied cumulatively by :func:`repair_stages`.
REPAIRS = {
    "002 §4.1": [
        (N_("+ X.dot(w) instead of w.dot(X)"), [("w.dot(X)", "X.dot(w)")]),
        (
            N_("+ weights of shape (2,), not (2, 1)"),
            [("np.random.randn(2, 1)", "np.random.randn(2)")],
        ),
        (N_("+ dw = +X.T.dot(y_hat - y) (descent)"), [("dw = -X.T.dot", "dw = X.T.dot")]),
    ],
    "002 §4.2": [
        (N_("+ X.dot(w) instead of w.dot(X)"), [("w.dot(X)", "X.dot(w)")]),
        (
            N_("+ one-hot targets np.eye(2)[y]"),
            [("y = np.array([0, 0, 1, 1])", "y = np.eye(2)[[0, 0, 1, 1]]")],
        ),
        (
            N_("+ softmax over the classes (axis=1)"),
            [("np.sum(exp_sum, axis=0)", "np.sum(exp_sum, axis=1, keepdims=True)")],
        ),
        (N_("+ dw = +X.T.dot(y_hat - y) (descent)"), [("dw = -X.T.dot", "dw = X.T.dot")]),
    ],
    "004 §4.2": [
        (N_("+ sum over axis 0"), [("sum(axis=1, keepdims=True)", "sum(axis=0, keepdims=True)")]),
        (
            N_("+ sigmoid per sample (binary cross-entropy)"),
            [
                (
                    "np.exp(y_pred) / np.exp(y_pred).sum(axis=0, keepdims=True)",
                    "1 / (1 + np.exp(-y_pred))",
                )
            ],
        ),
    ],
    "001 §4.1": [
        (N_("+ net = Net()"), [("# 定义损失函数", "net = Net()\n\n# 定义损失函数")]),
        _EMPTY_LOADER,
    ],
    "001 §4.2": [
        (N_("+ net = Net()"), [("# 定义损失函数", "net = Net()\n\n# 定义损失函数")]),
        _EMPTY_LOADER,
    ],
    "003 ch.20 §5": [
        (
            N_("+ import numpy as np"),
            [("import torch.nn as nn\n", "import torch.nn as nn\nimport numpy as np\n")],
        ),
    ],
}


def source_function(key, name):
    """The function ``name`` defined by the source code ``key`` (run verbatim).

    Examples
    --------
    >>> mean_squared_error = source_function("004 §4.1", "mean_squared_error")
    >>> float(mean_squared_error(np.array([1.0]), np.array([3.0])))
    4.0
    """
    namespace = run_source(key).namespace
    if name not in namespace:
        raise ValueError(f"name must be defined by the code of {key}; found {name!r}.")
    return namespace[name]
