r"""The errors in the course's source documents, as data, each with a runnable demonstration.

The five source documents (Chinese blog posts, seeds ``000`` … ``004``) contain wrong formulas,
false claims and code that fails or trains the wrong way.  The course corrects each one with a
computation.  This module holds them as data — :data:`ERRATA`, a tuple of :class:`Erratum` — and,
for each, a function that *demonstrates* the error and its repair:

* for the sources' code, the code itself (kept verbatim in :data:`SOURCE_CODE`) is run by
  :func:`run_source` with the exception caught, then re-run with the smallest textual repairs
  (:data:`REPAIRS`, applied one at a time by :func:`repair_stages`), so a reader sees every error
  in turn and then the loss going down;
* for wrong formulas and claims, the wrong value is computed next to the true one with the
  :mod:`lossviz` core.

Nothing here raises: an exception of the sources' code comes back as the text
``"TypeName: message"``.  :func:`table` gives the rows chapter 11 displays; :func:`run_all`
returns every demonstration's one-line result.

Examples
--------
>>> import lossviz.errata as errata
>>> e = errata.get("E38")
>>> e.seed, e.section
('004', '§4.2')
>>> run = errata.run_source("004 §4.2")
>>> run.error
'AxisError: axis 1 is out of bounds for array of dimension 1'
>>> print(errata.demo("E13").fixed)
y=0, p=0.8: correct -[y log p + (1-y) log(1-p)] = +1.609 (grows to inf as p -> 1)
"""

from __future__ import annotations

import builtins
import contextlib
import html
import io
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .activations import log_sigmoid, sigmoid, softmax
from .gradients import (
    bce_with_logits_grad,
    mse_sigmoid_grad,
    numerical_grad,
    softmax_cross_entropy_grad,
)
from .information import cross_entropy, entropy, kl_divergence
from .losses import (
    bce,
    bce_with_logits,
    categorical_cross_entropy,
    mse,
    softmax_cross_entropy,
)

__all__ = [
    "Erratum",
    "DemoResult",
    "SourceRun",
    "ErrataTable",
    "ERRATA",
    "SOURCE_CODE",
    "REPAIRS",
    "get",
    "demo",
    "run_all",
    "table",
    "capture",
    "run_source",
    "repair_stages",
]


#: The code blocks of the sources, verbatim (run by :func:`run_source`).
SOURCE_CODE = {
    "000 §5.1": """\
import torch

# 定义模型
model = torch.nn.Linear(10, 2)

# 定义损失函数
criterion = torch.nn.CrossEntropyLoss()

# 生成输入数据和标签
inputs = torch.randn(100, 10)
labels = torch.randint(0, 2, (100,))

# 前向传播
outputs = model(inputs)

# 计算损失
loss = criterion(outputs, labels)

# 反向传播
loss.backward()
""",
    "001 §4.1": """\
import torch
import torch.nn as nn
import torch.optim as optim

# 定义一个简单的神经网络
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.fc1 = nn.Linear(32 * 32 * 3, 128)
        self.fc2 = nn.Linear(128, 2)

    def forward(self, x):
        x = torch.flatten(x, 1)
        x = self.fc1(x)
        x = torch.relu(x)
        x = self.fc2(x)
        return x

# 定义损失函数
criterion = nn.CrossEntropyLoss()

# 定义优化器
optimizer = optim.SGD(net.parameters(), lr=0.01)

# 训练模型
for epoch in range(10):
    for i, data in enumerate(train_loader):
        inputs, labels = data
        optimizer.zero_grad()
        outputs = net(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
""",
    "001 §4.2": """\
import torch
import torch.nn as nn
import torch.optim as optim

# 定义一个简单的神经网络
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.fc1 = nn.Linear(10, 128)
        self.fc2 = nn.Linear(128, 1)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = self.fc2(x)
        return x

# 定义损失函数
criterion = nn.MSELoss()

# 定义优化器
optimizer = optim.SGD(net.parameters(), lr=0.01)

# 训练模型
for epoch in range(10):
    for i, data in enumerate(train_loader):
        inputs, labels = data
        optimizer.zero_grad()
        outputs = net(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
""",
    "002 §4.1": """\
import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def cross_entropy_loss(y, y_hat):
    return -np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))

# 训练数据
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([0, 0, 1, 1])

# 初始化参数
w = np.random.randn(2, 1)
b = np.random.randn()

# 学习率
learning_rate = 0.01

# 训练迭代
for epoch in range(1000):
    y_hat = sigmoid(w.dot(X) + b)
    loss = cross_entropy_loss(y, y_hat)
    if epoch % 100 == 0:
        print(f"Epoch: {epoch}, Loss: {loss}")

    # 更新参数
    dw = -X.T.dot(y_hat - y)
    db = np.sum(y_hat - y)
    w -= learning_rate * dw
    b -= learning_rate * db
""",
    "002 §4.2": """\
import numpy as np

def softmax(z):
    exp_sum = np.exp(z)
    return exp_sum / np.sum(exp_sum, axis=0)

def cross_entropy_loss(y, y_hat):
    return -np.sum(y * np.log(y_hat))

# 训练数据
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([0, 0, 1, 1])

# 初始化参数
w = np.random.randn(2, 2)
b = np.random.randn(2)

# 学习率
learning_rate = 0.01

# 训练迭代
for epoch in range(1000):
    y_hat = softmax(w.dot(X) + b)
    loss = cross_entropy_loss(y, y_hat)
    if epoch % 100 == 0:
        print(f"Epoch: {epoch}, Loss: {loss}")

    # 更新参数
    dw = -X.T.dot(y_hat - y)
    db = np.sum(y_hat - y, axis=0)
    w -= learning_rate * dw
    b -= learning_rate * db
""",
    "003 §4.1": '''\
import numpy as np

def cross_entropy_loss(y_true, y_pred):
    """
    Calculate cross entropy loss.
    
    Args:
    y_true: True labels, 1-D array.
    y_pred: Predicted probabilities, 1-D array.
    
    Returns:
    Cross entropy loss.
    """
    # Ensure y_true and y_pred are 1-D arrays
    y_true = np.array(y_true).reshape(-1)
    y_pred = np.array(y_pred).reshape(-1)
    
    # Calculate cross entropy loss
    loss = -np.sum(y_true * np.log(y_pred))
    
    return loss
''',
    "003 ch.20 §5": """\
import torch
import torch.nn as nn

class SelfAttention(nn.Module):
    def __init__(self, input_dim):
        super(SelfAttention, self).__init__()
        self.input_dim = input_dim
        self.q_linear = nn.Linear(input_dim, input_dim)
        self.k_linear = nn.Linear(input_dim, input_dim)
        self.v_linear = nn.Linear(input_dim, input_dim)
        self.out_linear = nn.Linear(input_dim, input_dim)
        self.softmax = nn.Softmax(dim=2)

    def forward(self, x):
        Q = self.q_linear(x)
        K = self.k_linear(x)
        V = self.v_linear(x)
        scores = self.softmax(Q @ K.transpose(-2, -1) / np.sqrt(self.input_dim))
        out = scores @ V
        out = self.out_linear(out)
        return out

input_dim = 10
model = SelfAttention(input_dim)
x = torch.randn(3, 5, input_dim)
output = model(x)
print(output.shape)
""",
    "003 ch.21 §5": """\
import torch
import torch.nn as nn
import torch.optim as optim

class AutoEncoder(nn.Module):
    def __init__(self):
        super(AutoEncoder, self).__init__()
        self.encoder = nn.Sequential(
            nn.Linear(784, 128),
            nn.ReLU(),
            nn.Linear(128, 64),
            nn.ReLU(),
            nn.Linear(64, 32),
            nn.ReLU()
        )
        self.decoder = nn.Sequential(
            nn.Linear(32, 64),
            nn.ReLU(),
            nn.Linear(64, 128),
            nn.ReLU(),
            nn.Linear(128, 784),
            nn.Sigmoid()
        )

    def forward(self, x):
        x = self.encoder(x)
        x = self.decoder(x)
        return x

input_dim = 784
model = AutoEncoder()
x = torch.randn(3, input_dim)
optimizer = optim.Adam(model.parameters(), lr=0.001)
criterion = nn.MSELoss()

for epoch in range(100):
    optimizer.zero_grad()
    output = model(x)
    loss = criterion(output, x)
    loss.backward()
    optimizer.step()
    print(f'Epoch: {epoch}, Loss: {loss.item()}')
""",
    "004 §4.1": """\
import numpy as np

def mean_squared_error(y_true, y_pred):
    mse = np.mean((y_true - y_pred) ** 2)
    return mse

y_true = np.array([1.0, 2.0, 3.0])
y_pred = np.array([1.5, 2.5, 3.5])

mse = mean_squared_error(y_true, y_pred)
print("Mean Squared Error:", mse)
""",
    "004 §4.2": """\
import numpy as np

def cross_entropy_loss(y_true, y_pred):
    batch_size = y_true.shape[0]
    y_pred_softmax = np.exp(y_pred) / np.exp(y_pred).sum(axis=1, keepdims=True)
    loss = -np.mean(y_true * np.log(y_pred_softmax) + (1 - y_true) * np.log(1 - y_pred_softmax))
    return loss

y_true = np.array([0, 1, 1])
y_pred = np.array([-1.0, 0.0, 1.0])

ce_loss = cross_entropy_loss(y_true, y_pred)
print("Cross-Entropy Loss:", ce_loss)
""",
}


# ----------------------------------------------------------------------------- results
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


@dataclass(frozen=True)
class DemoResult:
    """What a demonstration found: the sources' version, the correct one, and the numbers.

    ``str(result)`` is one line; ``result.values`` holds the computed numbers (rounded floats,
    lists and strings) for a notebook to print or check.
    """

    id: str
    source: str
    fixed: str
    values: dict = field(default_factory=dict)

    def __str__(self):
        return f"{self.id}: sources -> {self.source} | correct -> {self.fixed}"

    def __repr__(self):
        return str(self)


# ----------------------------------------------------------------------------- running the sources' code
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
        """One line: the error, or ``runs`` with the printed losses (first, …, last)."""
        if self.error:
            return self.error
        ls = self.losses
        if len(ls) > 1:
            return f"runs; printed loss {ls[0]:g} -> {ls[len(ls) // 2]:g} -> {ls[-1]:g} ({'falls' if ls[-1] < ls[0] else 'rises'})"
        out = self.stdout.strip().splitlines()
        return "runs" + (f"; prints {_round_numbers(out[-1])!r}" if out else "")


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
                f"patch {old!r} does not occur in the code of {key}; check the text of SOURCE_CODE[{key!r}]."
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


def repair_stages(key):
    """Run ``SOURCE_CODE[key]`` verbatim, then with each repair of ``REPAIRS[key]`` added in turn.

    Returns a list of ``(label, SourceRun)``; the first label is ``"as published"``.

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
    stages = [("as published", run_source(key))]
    patches = []
    for label, pats in REPAIRS[key]:
        patches.extend(pats)
        stages.append((label, run_source(key, patches=patches)))
    return stages


def _round_numbers(text, digits=4):
    """Round every long decimal number in ``text`` (so printed output is the same on every machine)."""
    return re.sub(
        r"-?\d+\.\d{5,}(?:[eE][-+]?\d+)?", lambda m: f"{float(m.group()):.{digits}g}", text
    )


#: Minimal textual repairs of the sources' code, applied cumulatively by :func:`repair_stages`.
REPAIRS = {
    "002 §4.1": [
        ("+ X.dot(w) instead of w.dot(X)", [("w.dot(X)", "X.dot(w)")]),
        ("+ weights of shape (2,), not (2, 1)", [("np.random.randn(2, 1)", "np.random.randn(2)")]),
        ("+ dw = +X.T.dot(y_hat - y) (descent)", [("dw = -X.T.dot", "dw = X.T.dot")]),
    ],
    "002 §4.2": [
        ("+ X.dot(w) instead of w.dot(X)", [("w.dot(X)", "X.dot(w)")]),
        (
            "+ one-hot targets np.eye(2)[y]",
            [("y = np.array([0, 0, 1, 1])", "y = np.eye(2)[[0, 0, 1, 1]]")],
        ),
        (
            "+ softmax over the classes (axis=1)",
            [("np.sum(exp_sum, axis=0)", "np.sum(exp_sum, axis=1, keepdims=True)")],
        ),
        ("+ dw = +X.T.dot(y_hat - y) (descent)", [("dw = -X.T.dot", "dw = X.T.dot")]),
    ],
    "004 §4.2": [
        ("+ sum over axis 0", [("sum(axis=1, keepdims=True)", "sum(axis=0, keepdims=True)")]),
        (
            "+ sigmoid per sample (binary cross-entropy)",
            [
                (
                    "np.exp(y_pred) / np.exp(y_pred).sum(axis=0, keepdims=True)",
                    "1 / (1 + np.exp(-y_pred))",
                )
            ],
        ),
    ],
    "001 §4.1": [
        ("+ net = Net()", [("# 定义损失函数", "net = Net()\n\n# 定义损失函数")]),
        (
            "+ a train_loader (an empty list here)",
            [
                (
                    "# 训练模型",
                    "train_loader = []  # e.g. DataLoader(TensorDataset(X, y), batch_size=32)\n\n# 训练模型",
                )
            ],
        ),
    ],
    "001 §4.2": [
        ("+ net = Net()", [("# 定义损失函数", "net = Net()\n\n# 定义损失函数")]),
        (
            "+ a train_loader (an empty list here)",
            [
                (
                    "# 训练模型",
                    "train_loader = []  # e.g. DataLoader(TensorDataset(X, y), batch_size=32)\n\n# 训练模型",
                )
            ],
        ),
    ],
    "003 ch.20 §5": [
        (
            "+ import numpy as np",
            [("import torch.nn as nn\n", "import torch.nn as nn\nimport numpy as np\n")],
        ),
    ],
}


def _r(x, d=4):
    return round(float(x), d)


def _source_fn(key, name):
    """The function ``name`` defined by the source code ``key`` (run verbatim)."""
    return run_source(key).namespace[name]


# ----------------------------------------------------------------------------- demonstrations
def _e01():
    z = np.linspace(-10, 10, 200001)
    s = sigmoid(z)
    top = float(np.max(s * (1 - s)))
    bound = top**10
    return DemoResult(
        "E01",
        "choosing a loss is said to solve non-convexity, vanishing gradients and overfitting",
        f"sigma'(z) <= {top:g} at every hidden layer whatever the loss: 10 sigmoid layers (w = 1) scale the gradient by <= {bound:.3g}",
        {"max_sigmoid_derivative": top, "bound_10_layers": bound},
    )


def _poly_fits():
    rng = np.random.default_rng(2)
    x = np.linspace(0, 1, 10)
    y = np.sin(2 * np.pi * x) + 0.3 * rng.standard_normal(10)
    xt = np.linspace(0, 1, 200)
    yt = np.sin(2 * np.pi * xt)
    out = {}
    P = np.polynomial.polynomial
    for deg in (1, 3, 9):
        c = P.polyfit(x, y, deg)
        out[deg] = (_r(mse(y, P.polyval(x, c)), 3), _r(mse(yt, P.polyval(xt, c)), 3))
    return out


def _e02():
    fits = _poly_fits()
    return DemoResult(
        "E02",
        "the choice of loss should avoid over- and under-fitting",
        "same loss (MSE), train/test MSE: degree 1 {} / {}, degree 3 {} / {}, degree 9 {} / {} — capacity decides".format(
            *fits[1], *fits[3], *fits[9]
        ),
        {f"degree_{d}": v for d, v in fits.items()},
    )


def _e03():
    y = np.ones(4)
    pa = np.array([0.55, 0.55, 0.55, 0.01])
    pb = np.array([0.45, 0.45, 0.45, 0.90])
    la, lb = _r(bce(y, pa), 3), _r(bce(y, pb), 3)
    aa, ab = float(np.mean(pa > 0.5)), float(np.mean(pb > 0.5))
    return DemoResult(
        "E03",
        "the smaller the loss, the better the model",
        f"model A: BCE {la}, accuracy {aa}; model B: BCE {lb}, accuracy {ab} — lower loss, worse accuracy",
        {"A": (la, aa), "B": (lb, ab)},
    )


def _e04():
    sigma = 0.1
    nll = 0.5 * np.log(2 * np.pi * sigma**2)
    return DemoResult(
        "E04",
        "a loss maps the input space to a non-negative number",
        f"a loss compares a prediction with a target; a Gaussian NLL (sigma = 0.1) at zero error is {nll:.4f} < 0",
        {"gaussian_nll_zero_error": _r(nll)},
    )


_P = np.array([0.7, 0.2, 0.1])
_Q = np.array([0.2, 0.3, 0.5])


def _e05():
    hpp, hp, kl = _r(cross_entropy(_P, _P)), _r(entropy(_P)), _r(kl_divergence(_P, _P))
    return DemoResult(
        "E05",
        "if P = Q then H(P||Q) = 0",
        f"p = [0.7, 0.2, 0.1]: H(p, p) = {hpp} = H(p) = {hp}; it is KL(p||p) that is {kl}",
        {"H(p,p)": hpp, "H(p)": hp, "KL(p||p)": kl},
    )


def _e06():
    ce, kl, h = _r(cross_entropy(_P, _Q)), _r(kl_divergence(_P, _Q)), _r(entropy(_P))
    return DemoResult(
        "E06",
        "cross-entropy written H(P||Q), the notation of KL divergence",
        f"H(p, q) = {ce} but KL(p||q) = {kl}; they differ by H(p) = {h}",
        {"H(p,q)": ce, "KL(p||q)": kl, "H(p)": h},
    )


def _e07():
    rng = np.random.default_rng(0)
    P = rng.dirichlet(np.ones(5), size=2000)
    Q = rng.dirichlet(np.ones(5), size=2000)
    ce = cross_entropy(P, Q)
    gap = ce - entropy(P)
    inf = float(cross_entropy([0.5, 0.5], [1.0, 0.0]))
    return DemoResult(
        "E07",
        "if P is a subset of Q then H(P||Q) >= 0",
        f"over 2000 random pairs min H(p, q) = {ce.min():.3f} >= 0 and min H(p, q) - H(p) = {gap.min():.4f} >= 0 (always); "
        f"q = 0 where p > 0 gives H = {inf}",
        {"min_ce": _r(ce.min()), "min_gap": _r(gap.min()), "support_mismatch": inf},
    )


def _e08():
    ce, hsum = _r(cross_entropy(_P, _Q)), _r(entropy(_P) + entropy(_Q))
    joint = _r(entropy(np.outer(_P, _Q).ravel()))
    return DemoResult(
        "E08",
        "if P and Q are independent then H(P||Q) = H(P) + H(Q)",
        f"H(p, q) = {ce} != H(p) + H(q) = {hsum}; what holds is H(X, Y) = {joint} = H(X) + H(Y) for independent X, Y",
        {"H(p,q)": ce, "H(p)+H(q)": hsum, "H(X,Y)": joint},
    )


def _cond_entropy(J):
    return float(entropy(J.ravel()) - entropy(J.sum(axis=0)))


def _e09():
    px, py = np.array([0.7, 0.3]), np.array([0.4, 0.6])
    ind = _r(_cond_entropy(np.outer(px, py)))
    dep = _r(_cond_entropy(np.array([[0.40, 0.30], [0.00, 0.30]])))
    hx = _r(entropy(px))
    return DemoResult(
        "E09",
        "if P and Q are independent then H(P||Q|Y) = H(P||Q)",
        f"undefined for distributions; for random variables H(X|Y) = {ind} = H(X) = {hx} if independent, {dep} < H(X) if not",
        {"H(X|Y)_independent": ind, "H(X|Y)_dependent": dep, "H(X)": hx},
    )


def _e10():
    p, q = np.array([0.5, 0.25, 0.25]), np.array([0.25, 0.25, 0.5])
    h, kl, ce = (
        _r(entropy(p, base=2)),
        _r(kl_divergence(p, q, base=2)),
        _r(cross_entropy(p, q, base=2)),
    )
    return DemoResult(
        "E10",
        "cross-entropy is based on entropy and conditional entropy",
        f"it is entropy plus relative entropy: in bits H(p) = {h} + KL(p||q) = {kl} = H(p, q) = {ce}",
        {"H(p)": h, "KL": kl, "H(p,q)": ce},
    )


def _e11():
    a, b = _r(cross_entropy(_P, _Q)), _r(cross_entropy(_Q, _P))
    perfect = _r(cross_entropy([0.5, 0.5], [0.5, 0.5]))
    imperfect = _r(cross_entropy([0.99, 0.01], [0.9, 0.1]))
    return DemoResult(
        "E11",
        "cross-entropy is a measure of the distance between two distributions",
        f"H(p, q) = {a} but H(q, p) = {b}; a perfect fit of [0.5, 0.5] costs {perfect}, an imperfect fit of [0.99, 0.01] only {imperfect}",
        {"H(p,q)": a, "H(q,p)": b, "perfect": perfect, "imperfect": imperfect},
    )


def _e12():
    rng = np.random.default_rng(1)
    k = 4
    hs = entropy(rng.dirichlet(np.ones(k), 10000))
    det = float(entropy([1.0, 0.0, 0.0, 0.0]))
    return DemoResult(
        "E12",
        "'X is a set of random variables', 'if X takes the value k then H(X) <= log k'",
        f"X is one variable with k values: H(one-hot) = {det}, max H over 10000 random p = {hs.max():.4f} <= log 4 = {np.log(k):.4f} (uniform)",
        {"deterministic": det, "max_random": _r(hs.max()), "log_k": _r(np.log(k))},
    )


def _e13():
    p = np.array([0.2, 0.8, 0.99])
    with np.errstate(all="ignore"):
        printed = np.log1p(-p)  # -0*log p + (1-0) log(1-p)
    right = bce(np.zeros(3), p, reduction="none")
    return DemoResult(
        "E13",
        f"y=0, p=0.8: as printed -y log p + (1-y) log(1-p) = {printed[1]:+.3f} (negative, falls as p -> 1)",
        f"y=0, p=0.8: correct -[y log p + (1-y) log(1-p)] = {right[1]:+.3f} (grows to inf as p -> 1)",
        {
            "p": p.tolist(),
            "as_printed": [_r(v, 3) for v in printed],
            "correct": [_r(v, 3) for v in right],
        },
    )


def _e14():
    err = np.array([0.5, 1.0, 2.0, 10.0])
    sq = mse(np.zeros(4), err, reduction="none")
    return DemoResult(
        "E14",
        "MSE penalises all errors equally, however large",
        f"errors {err.tolist()} cost {sq.tolist()}: doubling an error quadruples its penalty (gradient 2e grows linearly)",
        {"errors": err.tolist(), "squared": sq.tolist()},
    )


def _e15():
    rng = np.random.default_rng(0)
    X = np.c_[np.ones(50), rng.normal(size=(50, 2))]
    y = X @ [1.0, 2.0, -3.0] + 0.1 * rng.normal(size=50)
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    g = float(np.abs(2 / len(y) * X.T @ (X @ w - y)).max())
    return DemoResult(
        "E15",
        "最小二乘 (least squares) used as the name of MSE",
        f"least squares is the method, MSE the loss: the least-squares fit w = {np.round(w, 3).tolist()} has MSE gradient < 1e-12: {g < 1e-12}",
        {"w": np.round(w, 3).tolist(), "gradient_zero": g < 1e-12},
    )


def _e16():
    y = np.array([1.0, 0.0, 1.0])
    hard = np.array([1.0, 0.0, 0.0])
    with np.errstate(all="ignore"):
        naive = float(-np.sum(y * np.log(hard) + (1 - y) * np.log(1 - hard)))
    exact = float(bce(y, hard, reduction="sum"))
    soft = _r(bce(y, [0.9, 0.2, 0.3], reduction="sum"))
    return DemoResult(
        "E16",
        f"predictions 'take the value 0 or 1': the formula gives {naive} ({exact} computed exactly), and no gradient",
        f"predictions are probabilities in (0, 1): [0.9, 0.2, 0.3] give {soft}",
        {"hard_naive": naive, "hard_exact": exact, "soft": soft},
    )


def _e17():
    e = np.array([0.5, -0.5, 0.5])
    rows = {}
    for rep in (1, 100):
        ee = np.tile(e, rep)
        rows[ee.size] = (
            _r(mse(np.zeros_like(ee), ee)),
            _r(mse(np.zeros_like(ee), ee, reduction="sum")),
        )
    return DemoResult(
        "E17",
        "MSE is 'the sum of squared differences'",
        "MSE is their mean: n=3 MSE {} SSE {}; n=300 MSE {} SSE {}".format(*rows[3], *rows[300]),
        {f"n={n}": v for n, v in rows.items()},
    )


def _e18():
    b = _r(bce([1.0], [0.8]))
    lik = _r(-np.log(0.8))
    y, yhat = np.array([1.0, 2.0, 3.0]), np.array([1.5, 2.5, 2.0])
    nll = 0.5 * (y - yhat) ** 2 + 0.5 * np.log(2 * np.pi)
    const = np.unique(np.round(nll - 0.5 * mse(y, yhat, reduction="none"), 12))
    return DemoResult(
        "E18",
        "the link: MSE can be used when the model outputs probabilities",
        f"both are negative log-likelihoods: BCE {b} = -log Bernoulli {lik}; Gaussian NLL - (y - yhat)^2/2 = {const[0]:.4f} (constant, sigma = 1)",
        {"bce": b, "-log bernoulli": lik, "constant": _r(const[0])},
    )


def _logreg_loss(w, x, y):
    return float(bce_with_logits(np.array([y]), np.array([w @ x])))


def _e19():
    x, y = np.array([1.0, 2.0]), 1.0
    rows = []
    for w in (np.array([0.3, -0.2]), np.array([-2.0, -2.0])):
        z = float(w @ x)
        s = float(sigmoid(z))
        source = (-y * s * (1 - s) + (1 - y) * s * (1 - s)) * x
        truth = (s - y) * x
        num = numerical_grad(lambda t: _logreg_loss(t, x, y), w)
        rows.append(
            (
                z,
                np.round(source, 4).tolist(),
                np.round(truth, 4).tolist(),
                np.round(num, 4).tolist(),
            )
        )
    z, s6, t6, n6 = rows[1]
    return DemoResult(
        "E19",
        f"at z = {z:g}: formula gives dL/dw = {s6} (vanishes as the neuron saturates)",
        f"(yhat - y) x = {t6} = numerical {n6}",
        {"rows": rows},
    )


def _e20():
    x, y = np.array([-1.0, 1.0]), np.array([0.0, 1.0])

    def loss(w, v):
        return float(bce_with_logits(y, v * np.tanh(w * x)))

    la, lb, lm = _r(loss(2.0, 3.0)), _r(loss(-2.0, -3.0)), _r(loss(0.0, 0.0))
    margin = (2 * y - 1) * x  # > 0 for both points: the data are separable
    sep = [float(-np.mean(log_sigmoid(t * margin))) for t in (1, 10, 100)]
    return DemoResult(
        "E20",
        "cross-entropy is convex and has a global minimum",
        f"a tanh unit: L(2, 3) = {la} = L(-2, -3) = {lb} but the midpoint costs {lm} (not convex); "
        f"separable data: loss {sep[0]:.3g}, {sep[1]:.3g}, {sep[2]:.3g} at w = 1, 10, 100 (no minimiser)",
        {"L(a)": la, "L(b)": lb, "L(mid)": lm, "separable": [float(f"{v:.3g}") for v in sep]},
    )


def _e21():
    z = np.array([0.0, -2.0, -6.0])
    y = np.ones(3)
    ratio = bce_with_logits_grad(y, z) / mse_sigmoid_grad(y, z)
    r = [_r(v, 1) for v in ratio]
    return DemoResult(
        "E21",
        "cross-entropy converges faster because it punishes harder",
        f"it is the gradient at the logit: dBCE/dz / dMSE/dz = 1/(2p(1-p)) = {r[0]}, {r[1]}, {r[2]} at z = 0, -2, -6 (y = 1)",
        {"z": z.tolist(), "ratio": r},
    )


def _e22():
    z = np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0])
    g = bce_with_logits_grad(np.ones(5), z)
    with np.errstate(all="ignore"):
        p = 1 / (1 + np.exp(-z))
        naive = -1 / p * p * (1 - p)
    return DemoResult(
        "E22",
        "cross-entropy may cause vanishing or exploding gradients",
        f"dCE/dz = p - y stays in [-1, 1]: {np.round(g, 4).tolist()} for z = {z.tolist()}; only a naive -1/p * p(1-p) breaks: {naive[0]}",
        {"grad": np.round(g, 4).tolist(), "naive_first": float(naive[0])},
    )


def _e23():
    z = np.array([[2.0, 1.0, 0.1]])
    y = np.array([1.0, 0.0, 0.0])
    p = softmax(z)[0]
    source = -y * p + (1 - y) * y * p  # delta_{i,y} = y_i for a one-hot y
    truth = softmax_cross_entropy_grad(np.array([0]), z)[0]
    num = numerical_grad(lambda t: softmax_cross_entropy(np.array([0]), t, reduction="sum"), z)[0]
    return DemoResult(
        "E23",
        f"dL/dz from the formula: {np.round(source, 4).tolist()} (wrong classes never pushed down)",
        f"p - onehot = {np.round(truth, 4).tolist()} = numerical {np.round(num, 4).tolist()}",
        {"source": np.round(source, 4).tolist(), "p_minus_y": np.round(truth, 4).tolist()},
    )


def _e24():
    z = np.array([[5.0, -5.0], [-1.2, 3.4]])
    y = np.array([0, 1])
    good = softmax_cross_entropy(y, z)
    double = softmax_cross_entropy(y, softmax(z))
    return DemoResult(
        "E24",
        "the outputs of nn.Linear are called a predicted probability distribution",
        f"they are logits (row sums {z.sum(1).tolist()}): CrossEntropyLoss on them = {good:.5f}; softmax first ('double softmax') = {double:.5f}",
        {
            "row_sums": z.sum(1).tolist(),
            "ce_logits": _r(good, 5),
            "ce_double_softmax": _r(double, 5),
        },
    )


def _e25():
    z = np.array([1000.0, 0.0, -1000.0])
    naive_softmax = _source_fn("002 §4.2", "softmax")
    naive, _ = capture(naive_softmax, z)
    stable = softmax(z)
    return DemoResult(
        "E25",
        f"the sources' softmax of [1000, 0, -1000] = {naive.tolist()}",
        f"subtract the max first: {stable.tolist()}",
        {"naive": naive.tolist(), "stable": stable.tolist()},
    )


def _e26():
    y = np.array([0.0, 1.0, 0.0])
    q = np.array([0.2, 0.7, 0.1])
    ml = bce(y, q, reduction="sum")
    mc = categorical_cross_entropy(y[None], q[None])
    return DemoResult(
        "E26",
        f"'log loss' with (1 - y_c) terms on y = [0, 1, 0], yhat = [0.2, 0.7, 0.1]: {ml:.4f}",
        f"multi-class cross-entropy -sum y log yhat = {mc:.4f} (the (1 - y_c) form is the multi-label loss)",
        {"with_1_minus_y": _r(ml), "multiclass": _r(mc)},
    )


def _e27():
    y = np.array([0.0, 1.0, 0.0])
    as_written = float(cross_entropy(y, y))
    right = _r(cross_entropy(y, [0.2, 0.7, 0.1]))
    return DemoResult(
        "E27",
        f"H(y||p) with p_c = y_c compares the target with itself: {as_written} whatever the model predicts",
        f"H(y, yhat) = -sum y log yhat = {right} for yhat = [0.2, 0.7, 0.1]",
        {"as_written": as_written, "H(y,yhat)": right},
    )


def _e28():
    y = np.array([0.0, 1.0, 0.0])
    q = np.array([0.2, 0.7, 0.1])
    ml = numerical_grad(lambda t: bce(y, t, reduction="sum"), q)
    mc = numerical_grad(lambda t: float(-np.sum(y * np.log(t))), q)
    return DemoResult(
        "E28",
        f"dL/dyhat_c = 1/(1 - yhat_c) for y_c = 0: true for the multi-label loss {np.round(ml, 4).tolist()}",
        f"for -sum y log yhat it is 0 when y_c = 0: {np.round(mc, 4).tolist()}",
        {"multilabel": np.round(ml, 4).tolist(), "categorical": np.round(mc, 4).tolist()},
    )


def _e29():
    n, m = 1000, 20
    multilabel = n * m  # one log-sigmoid per (sample, label)
    softmax_ce = n * m + n  # one exp per logit, one log per row
    return DemoResult(
        "E29",
        "multi-label cross-entropy has a higher computational complexity",
        f"n = {n} samples, m = {m} labels: {multilabel} log-sigmoids vs softmax CE's {n * m} exps + {n} logs = {softmax_ce}; both O(n m)",
        {"multilabel_ops": multilabel, "softmax_ce_ops": softmax_ce},
    )


def _e30():
    y = np.r_[np.zeros(990), np.ones(10)]
    grid = np.linspace(0.001, 0.999, 999)
    b = bce(
        np.broadcast_to(y, (grid.size, y.size)),
        np.broadcast_to(grid[:, None], (grid.size, y.size)),
        reduction="none",
    ).mean(1)
    m = ((y[None] - grid[:, None]) ** 2).mean(1)
    gb = bce_with_logits_grad(y, np.zeros_like(y))
    gm = mse_sigmoid_grad(y, np.zeros_like(y))
    share_b = _r(np.abs(gb[y == 0]).sum() / np.abs(gb).sum(), 3)
    share_m = _r(np.abs(gm[y == 0]).sum() / np.abs(gm).sum(), 3)
    return DemoResult(
        "E30",
        "sensitivity to imbalance is cross-entropy's drawback",
        f"990 vs 10: the best constant prediction is {grid[b.argmin()]:.3f} under BCE and {grid[m.argmin()]:.3f} under MSE; "
        f"the majority gives {share_b} (BCE) and {share_m} (MSE) of the gradient",
        {
            "best_bce": _r(grid[b.argmin()], 3),
            "best_mse": _r(grid[m.argmin()], 3),
            "share_bce": share_b,
            "share_mse": share_m,
        },
    )


def _e31():
    grid = np.linspace(0.001, 0.999, 999)
    best = _r(grid[np.argmin(bce(np.full_like(grid, 0.3), grid, reduction="none"))], 3)
    rng = np.random.default_rng(0)
    X = np.r_[rng.normal(-1, 1, (200, 2)), rng.normal(1, 1, (200, 2))]
    y = np.r_[np.zeros(200), np.ones(200)]
    A = np.c_[np.ones(400), X]
    w = np.linalg.lstsq(A, 2 * y - 1, rcond=None)[0]
    acc = _r(np.mean((A @ w > 0) == y), 4)
    return DemoResult(
        "E31",
        "cross-entropy only for classification, MSE only for regression",
        f"BCE fits a target of 0.3 exactly (minimiser {best}); a linear classifier fitted by square loss reaches accuracy {acc}",
        {"bce_minimiser": best, "square_loss_accuracy": acc},
    )


def _e32():
    x = np.random.default_rng(0).standard_normal((3, 784))
    outside = _r(np.mean((x < 0) | (x > 1)), 3)
    floor = _r(mse(x, np.clip(x, 0, 1)), 3)
    _, err = capture(bce, x, np.full_like(x, 0.5))
    return DemoResult(
        "E32",
        f"sigmoid output + MSE on randn targets: {outside} of the targets lie outside [0, 1], MSE can never go below {floor}",
        "a linear output for real targets (floor 0), or targets in [0, 1] with BCE — lv.bce refuses the randn targets: "
        + err.split(";")[0],
        {"outside": outside, "mse_floor": floor, "bce_error": err},
    )


def _e33():
    out = np.array([[1.0], [2.0], [3.0], [4.0]])
    y = np.array([1.0, 2.0, 3.0, 4.0])
    broadcast = float(np.mean((out - y) ** 2))
    _, err = capture(mse, y, out)
    return DemoResult(
        "E33",
        f"perfect predictions of shape (4, 1) against targets (4,): MSE broadcasts to (4, 4) = {broadcast}",
        f"squeeze to (4,): MSE = {mse(y, out[:, 0])}; lv.mse refuses the mismatch: {err.split(';')[0]}",
        {"broadcast": broadcast, "squeezed": float(mse(y, out[:, 0])), "lv_error": err},
    )


def _stages(key):
    return [(label, _round_numbers(run.summary())) for label, run in repair_stages(key)]


def _e34():
    st = _stages("002 §4.1")
    return DemoResult(
        "E34",
        f"{st[0][1]}; after X.dot(w): {st[1][1]}",
        f"with weights of shape (2,) the shapes agree and the code runs ({st[2][1]}; the rise is E35)",
        {"stages": st},
    )


def _e35():
    st = _stages("002 §4.1")
    return DemoResult(
        "E35",
        f"dw = -X.T.dot(y_hat - y), w -= lr*dw: {st[2][1]}",
        f"dw = +X.T.dot(y_hat - y): {st[3][1]}",
        {
            "source_losses": repair_stages("002 §4.1")[2][1].losses,
            "fixed_losses": repair_stages("002 §4.1")[3][1].losses,
        },
    )


def _e36():
    Z = np.array([[2.0, 1.0], [0.5, 3.0], [1.0, 1.0]])
    src = _source_fn("002 §4.2", "softmax")(Z)
    return DemoResult(
        "E36",
        f"softmax over axis 0: row sums {np.round(src.sum(1), 3).tolist()} (columns sum to 1)",
        f"softmax over the classes: row sums {np.round(softmax(Z).sum(1), 3).tolist()}",
        {"source_row_sums": np.round(src.sum(1), 3).tolist()},
    )


def _e37():
    st = _stages("002 §4.2")
    return DemoResult(
        "E37",
        f"{st[0][1]}; after X.dot(w): {st[1][1]}",
        f"one-hot targets, softmax over classes, descent: {st[4][1]}",
        {"stages": st},
    )


def _e38():
    st = _stages("004 §4.2")
    ref = _r(bce_with_logits(np.array([0.0, 1.0, 1.0]), np.array([-1.0, 0.0, 1.0])))
    return DemoResult(
        "E38",
        f"{st[0][1]}; with axis 0 (softmax across the 3 samples) it {st[1][1][6:]}",
        f"sigmoid per sample: {ref} (= lv.bce_with_logits)",
        {"stages": st, "bce_with_logits": ref},
    )


def _e39():
    f = _source_fn("003 §4.1", "cross_entropy_loss")
    neg, _ = capture(f, [0, 0], [0.99, 0.99])
    _, shape_err = capture(f, [0, 1, 2], [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6]])
    zero, _ = capture(f, [1, 0], [0.9, 0.0])
    right = _r(bce([0.0, 0.0], [0.99, 0.99]))
    return DemoResult(
        "E39",
        f"two negatives predicted 0.99 cost {0.0 + neg}; a probability 0 gives {zero}; class indices: {shape_err}",
        f"binary cross-entropy of the two negatives = {right}",
        {
            "negatives": 0.0 + float(neg),
            "zero_prob": float(zero),
            "indices_error": shape_err,
            "bce": right,
        },
    )


def _e40():
    st = [(label, run.summary()) for label, run in repair_stages("001 §4.1")]
    return DemoResult(
        "E40",
        f"{st[0][1]}; with net = Net(): {st[1][1]}",
        "define net = Net() and a DataLoader train_loader (then the loop runs)",
        {
            "stages": st,
            "stages_4_2": [(label, run.summary()) for label, run in repair_stages("001 §4.2")],
        },
    )


def _e41():
    rows = {}
    for K in (2, 10):
        t = np.full(K, 0.1 / K)
        t[0] += 0.9
        opt = softmax_cross_entropy(np.array([0]), np.log(t)[None], label_smoothing=0.1)
        rows[K] = (_r(t[0], 3), _r(opt), _r(entropy(t)))
    return DemoResult(
        "E41",
        "binary tasks -> smoothed log loss, multi-class -> log loss",
        f"smoothing works for any K: with eps = 0.1 the best p_true is {rows[2][0]} (K=2) and {rows[10][0]} (K=10), minimum loss {rows[2][1]} and {rows[10][1]} = H(smoothed target)",
        {f"K={k}": v for k, v in rows.items()},
    )


def _two_head_problem():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(8, 3))
    ycls = rng.integers(0, 2, 8).astype(float)
    yreg = rng.normal(size=8)
    w = rng.normal(size=6)
    return X, ycls, yreg, w


def _e42():
    X, ycls, yreg, w = _two_head_problem()

    def total(t):
        return float(bce_with_logits(ycls, X @ t[:3]) + 0.5 * mse(yreg, X @ t[3:]))

    analytic = np.r_[
        X.T @ bce_with_logits_grad(ycls, X @ w[:3]) / 8, 0.5 * X.T @ (2 * (X @ w[3:] - yreg)) / 8
    ]
    ok = bool(np.allclose(analytic, numerical_grad(total, w), atol=1e-6))
    w0 = np.zeros(3)
    pen = float(np.sum(w0**2))
    err = _r(mse(yreg, X @ w0))
    return DemoResult(
        "E42",
        "CE and MSE cannot be combined; add L1/L2 as an auxiliary loss",
        f"CE + 0.5 MSE (two heads) is a loss, its gradient the sum: {ok}; an L2 penalty at w = 0 is {pen} while those predictions have MSE {err}",
        {"gradient_is_sum": ok, "l2_at_zero": pen, "mse_at_zero": err},
    )


def _e43():
    rng = np.random.default_rng(2)
    x = np.linspace(0, 1, 10)
    y = np.sin(2 * np.pi * x) + 0.3 * rng.standard_normal(10)
    xt = np.linspace(0, 1, 200)
    yt = np.sin(2 * np.pi * xt)
    V, Vt = np.vander(x, 10), np.vander(xt, 10)
    res = {}
    for lam in (0.0, 1e-6, 1e-3, 1e-1, 10.0):
        # ridge as an augmented least-squares problem: stable even for lambda = 0
        A = np.r_[V, np.sqrt(lam) * np.eye(10)]
        w = np.linalg.lstsq(A, np.r_[y, np.zeros(10)], rcond=None)[0]
        res[lam] = _r(mse(yt, Vt @ w), 3)
    return DemoResult(
        "E43",
        "a penalty term makes the model better on new data",
        "test MSE against the L2 weight lambda: "
        + ", ".join(f"{k:g}: {v}" for k, v in res.items())
        + " — too little or too much hurts",
        {"test_mse": res},
    )


def _citation(eid, wrong, right):
    def f():
        return DemoResult(eid, wrong, right, {})

    return f


def _e47():
    st = [(label, run.summary()) for label, run in repair_stages("003 ch.20 §5")]
    return DemoResult(
        "E47",
        st[0][1],
        "import numpy (or use self.input_dim ** 0.5): then the forward pass gets past the scaling",
        {"stages": st},
    )


def _e48():
    p = np.array([0.7, 0.2, 0.1])
    a = np.linspace(-3, 3, 601)
    Z = np.stack([a, np.zeros_like(a), -a], axis=1)
    ce = softmax_cross_entropy(np.broadcast_to(p, Z.shape), Z, reduction="none")
    kl = kl_divergence(np.broadcast_to(p, Z.shape), softmax(Z))
    same = bool(np.argmin(ce) == np.argmin(kl))
    return DemoResult(
        "E48",
        "training minimises the model's degree of fit to the true distribution",
        f"it minimises the misfit: argmin over the model of H(p, q) = argmin of KL(p||q): {same}; min KL = {kl.min():.4f}",
        {"same_argmin": same, "min_kl": _r(kl.min())},
    )


# ----------------------------------------------------------------------------- the errata as data
@dataclass(frozen=True)
class Erratum:
    """One error in the sources.

    Attributes
    ----------
    id : str
        ``"E01"`` … in the order of the chapters that correct them.
    seed, section : str
        Where: the seed file number (``"002"``) and its section (``"§4.1"``); ``also`` lists
        other places that repeat it.
    quote : str
        A brief quote: a formula, a line of code, or at most 15 Chinese characters.
    says, truth : str
        What the source says, and what is true.
    kind : str
        ``formula``, ``claim``, ``code``, ``misleading``, ``wording`` or ``citation``.
    shown_in : str
        The chapter (and section) of the course that shows it; chapter 11 runs every demonstration.
    """

    id: str
    seed: str
    section: str
    quote: str
    says: str
    truth: str
    kind: str
    shown_in: str
    demo_func: Callable[[], DemoResult] = field(repr=False, compare=False)
    also: str = ""

    @property
    def where(self):
        return f"{self.seed} {self.section}" + (f" (also {self.also})" if self.also else "")

    def demo(self):
        """Run the demonstration; return a :class:`DemoResult`."""
        return self.demo_func()


def _E(id, seed, section, quote, says, truth, kind, shown_in, demo_func, also=""):
    return Erratum(id, seed, section, quote, says, truth, kind, shown_in, demo_func, also)


#: Every error found in the sources, in the order of the chapters that correct them.
ERRATA = (
    _E(
        "E01",
        "000",
        "§1.2",
        "「为了解决上述挑战」",
        "Choosing a suitable loss solves the training challenges (non-convexity, vanishing gradients, overfitting).",
        "The loss only sets the output gradient; σ' ≤ 1/4 shrinks gradients through every sigmoid layer whatever the loss. "
        "Activations, initialisation, normalisation and regularisation address those challenges.",
        "misleading",
        "01 §3",
        _e01,
    ),
    _E(
        "E02",
        "004",
        "§1.2",
        "「能够避免过拟合和欠拟合的问题」",
        "The choice of loss should avoid over- and under-fitting.",
        "With the same loss a too simple model under-fits and a too flexible one over-fits: capacity, data and regularisation decide.",
        "misleading",
        "01 §3.3",
        _e02,
    ),
    _E(
        "E03",
        "004",
        "§2.3",
        "「损失函数值越小，模型性能越好」",
        "The smaller the loss, the better the model.",
        "A lower training loss can mean over-fitting, and a lower cross-entropy can come with a lower accuracy: the loss is a surrogate.",
        "claim",
        "01 §4; 11 §7",
        _e03,
        also="004 §6.1",
    ),
    _E(
        "E04",
        "001",
        "§1.1",
        "「从输入空间到实数的函数」",
        "A loss maps the input space to the reals and outputs a non-negative number.",
        "A loss compares a prediction with a target, ℓ(ŷ, y); the objective averages it over the data. "
        "Non-negativity is not part of the definition (a Gaussian NLL can be negative).",
        "wording",
        "01 §1; 08 §2",
        _e04,
    ),
    _E(
        "E05",
        "003",
        "§2.2",
        "$P = Q \\Rightarrow H(P||Q) = 0$",
        "If P = Q the cross-entropy is 0.",
        "H(P, P) = H(P), zero only for a one-hot P; it is KL(P‖P) that is 0.",
        "claim",
        "02 §3",
        _e05,
    ),
    _E(
        "E06",
        "003",
        "§2.2",
        "$H(P||Q) = -\\sum P(x)\\log Q(x)$",
        "Cross-entropy is written H(P‖Q).",
        "H(P‖Q) / D(P‖Q) is KL divergence's notation; cross-entropy is H(P, Q) = H(P) + KL(P‖Q).",
        "formula",
        "02 §3",
        _e06,
        also="003 §3.1",
    ),
    _E(
        "E07",
        "003",
        "§2.2",
        "「如果P是Q的子集」",
        "If P is a subset of Q then H(P‖Q) ≥ 0.",
        "Distributions are not sets; H(P, Q) ≥ 0 always, and H(P, Q) ≥ H(P) (Gibbs). It is +∞ where Q = 0 and P > 0.",
        "claim",
        "02 §3",
        _e07,
    ),
    _E(
        "E08",
        "003",
        "§2.2",
        "$H(P||Q) = H(P) + H(Q)$",
        "If P and Q are independent then H(P‖Q) = H(P) + H(Q).",
        "Independence is a property of random variables: H(X, Y) = H(X) + H(Y) for independent X, Y. The cross-entropy identity is false.",
        "claim",
        "02 §3",
        _e08,
    ),
    _E(
        "E09",
        "003",
        "§2.2",
        "$H(P||Q|Y) = H(P||Q)$",
        "If P and Q are independent then H(P‖Q|Y) = H(P‖Q).",
        "Undefined for two distributions; for random variables H(X|Y) ≤ H(X), with equality iff X and Y are independent.",
        "claim",
        "02 §3",
        _e09,
    ),
    _E(
        "E10",
        "001",
        "§3.1.1",
        "「熵和条件熵的概念」",
        "Cross-entropy is based on entropy and conditional entropy.",
        "It is entropy plus relative entropy: H(p, q) = H(p) + KL(p‖q).",
        "claim",
        "02 §2",
        _e10,
    ),
    _E(
        "E11",
        "001",
        "§2.1",
        "「差距的度量标准」",
        "Cross-entropy measures the distance between two distributions; smaller means closer.",
        "It is not a distance: H(p, q) ≠ H(q, p) and H(p, p) = H(p) ≠ 0. Only with p fixed does smaller mean closer (then the gap is KL).",
        "misleading",
        "02 §3",
        _e11,
        also="000 §2.1.1, 002 §2.1",
    ),
    _E(
        "E12",
        "003",
        "§2.1",
        "「有限随机变量集合」",
        "X is 'a set of random variables'; 'if X takes the value k then H(X) ≤ log k'.",
        "X is one discrete variable; if it takes k distinct values then 0 ≤ H(X) ≤ log k (equality for the uniform).",
        "wording",
        "02 §1",
        _e12,
    ),
    _E(
        "E13",
        "000",
        "§2.1.2",
        "$-\\sum y_i\\log p_i + (1-y_i)\\log(1-p_i)$",
        "Binary cross-entropy with the minus sign on the first term only.",
        "L = −Σ[y log p + (1 − y) log(1 − p)]: for y = 0 the loss is −log(1 − p) ≥ 0.",
        "formula",
        "03 §3",
        _e13,
        also="002 §2.2",
    ),
    _E(
        "E14",
        "000",
        "§2.2.3",
        "「对所有误差的惩罚力度相同」",
        "MSE penalises all errors equally, however large.",
        "The penalty is quadratic: twice the error costs four times as much, so outliers dominate (MAE is the loss with a constant-size gradient).",
        "claim",
        "03 §4; 08 §3",
        _e14,
        also="000 §7.1",
    ),
    _E(
        "E15",
        "000",
        "§2.2.1",
        "「最小二乘（Mean Squared Error）」",
        "最小二乘 (least squares) is the name of the MSE loss.",
        "均方误差 (MSE) is the loss; least squares is the method that minimises a sum of squared residuals.",
        "wording",
        "03 §6; 08 (intro)",
        _e15,
    ),
    _E(
        "E16",
        "004",
        "§3.2",
        "「模型预测值（取值为0或1）」",
        "In binary cross-entropy the prediction ŷ takes the value 0 or 1.",
        "ŷ = σ(z) is a probability in (0, 1); with hard 0/1 predictions the loss is 0 or ∞ (NaN in floating point) and has no gradient.",
        "claim",
        "03 §3",
        _e16,
    ),
    _E(
        "E17",
        "004",
        "§3.1",
        "「差距的平方和」",
        "MSE is the sum of the squared differences.",
        "MSE is their mean, (1/n)Σ(y − ŷ)²; the sum (SSE) grows with n.",
        "wording",
        "03 §6; 08 (intro)",
        _e17,
    ),
    _E(
        "E18",
        "000",
        "§2.3",
        "「可以使用最小二乘损失函数」",
        "The link between CE and MSE: MSE can be used when the model outputs probabilities.",
        "Both are negative log-likelihoods: BCE of a Bernoulli model, MSE (up to constants) of a Gaussian one.",
        "misleading",
        "02 §4–5; 03 §6; 08 §2; 11 §2",
        _e18,
    ),
    _E(
        "E19",
        "002",
        "§3.1",
        "$-y\\,\\partial\\sigma/\\partial w + (1-y)\\,\\partial\\sigma/\\partial w$",
        "The logistic-regression gradient keeps the factor σ'(z).",
        "∂L/∂z = ŷ − y, so ∂L/∂w = (ŷ − y)x and ∂L/∂b = ŷ − y: no σ', no saturation.",
        "formula",
        "04 §4; 09 §1",
        _e19,
    ),
    _E(
        "E20",
        "003",
        "§3.2",
        "「是凸函数，具有全局最小值」",
        "Cross-entropy is convex and has a global minimum, so optimisation is stable.",
        "Convex in the logits (so in the weights of logistic/softmax regression), not in a network's weights; on separable data no minimiser exists.",
        "claim",
        "04 §6; 11 §3",
        _e20,
        also="003 §6.1",
    ),
    _E(
        "E21",
        "000",
        "§8.1",
        "「惩罚力度更大」",
        "CE converges faster because it punishes wrong probabilities harder.",
        "Scaling a loss only rescales the learning rate; CE's gradient at the logit, p − y, lacks MSE's factor 2p(1 − p).",
        "misleading",
        "04 §4; 11 §1",
        _e21,
        also="000 §2.1.3, §7.1",
    ),
    _E(
        "E22",
        "003",
        "§5.2",
        "「可能会导致梯度消失或梯度爆炸」",
        "Cross-entropy may cause vanishing or exploding gradients.",
        "Its gradient at a sigmoid/softmax logit, p − y, lies in [−1, 1]; vanishing/exploding gradients come from depth.",
        "misleading",
        "04 §7; 05 §6",
        _e22,
    ),
    _E(
        "E23",
        "002",
        "§3.2",
        "$-y_i\\hat y_i + (1-y_i)\\delta_{i,y}\\hat y_i$",
        "The softmax-regression gradient; ∂L/∂w_i and ∂L/∂b_i given the same expression.",
        "∂L/∂z_i = ŷ_i − y_i (p − onehot), ∂L/∂w_i = (ŷ_i − y_i)x, ∂L/∂b_i = ŷ_i − y_i.",
        "formula",
        "05 §3; 09 §2",
        _e23,
    ),
    _E(
        "E24",
        "000",
        "§5.2",
        "「预测的概率分布」",
        "The outputs given to CrossEntropyLoss are the predicted probability distribution.",
        "They are logits; CrossEntropyLoss applies log-softmax itself. A softmax before it ('double softmax') changes the loss.",
        "misleading",
        "05 §5",
        _e24,
    ),
    _E(
        "E25",
        "002",
        "§4.2",
        "`exp_sum = np.exp(z)`",
        "Softmax computed as exp(z) / Σ exp(z).",
        "It overflows to inf/NaN for large logits; subtract the maximum first (softmax is shift-invariant).",
        "code",
        "05 §6; 09 §3.2",
        _e25,
        also="004 §4.2",
    ),
    _E(
        "E26",
        "003",
        "§3.1",
        "$-\\sum_c[y_c\\log\\hat y_c + (1-y_c)\\log(1-\\hat y_c)]$",
        "The multi-class log loss has (1 − y_c) terms and equals −Σ y_c log ŷ_c.",
        "That is the multi-label loss (independent sigmoids); the multi-class loss is −Σ y_c log ŷ_c. The two differ.",
        "formula",
        "06 §5",
        _e26,
    ),
    _E(
        "E27",
        "003",
        "§3.1",
        "$H(y||p)$, $p_c = y_c$",
        "The loss is H(y‖p) with p the true distribution, p_c = y_c.",
        "The target is compared with itself; the loss is H(y, ŷ) = −Σ y_c log ŷ_c.",
        "formula",
        "06 §5",
        _e27,
    ),
    _E(
        "E28",
        "003",
        "§3.2",
        "$\\partial L/\\partial\\hat y_c = 1/(1-\\hat y_c)$",
        "For y_c = 0 the derivative of the cross-entropy is 1/(1 − ŷ_c).",
        "True for the multi-label loss only; for −Σ y log ŷ it is 0 (wrong classes are pushed down through the softmax).",
        "formula",
        "06 §5",
        _e28,
    ),
    _E(
        "E29",
        "004",
        "§3.3",
        "「计算复杂度较高」",
        "Multi-label cross-entropy has a higher computational complexity.",
        "Both it and softmax cross-entropy are O(n·m): one transcendental function per logit.",
        "claim",
        "06 §2",
        _e29,
    ),
    _E(
        "E30",
        "000",
        "§8.2",
        "「容易受到数据不平衡的影响」",
        "Sensitivity to class imbalance is a drawback of cross-entropy.",
        "Any averaged loss (MSE too) is dominated by the majority class; the remedies apply to every loss.",
        "misleading",
        "07 §2; 11 §3",
        _e30,
        also="004 §3.2",
    ),
    _E(
        "E31",
        "001",
        "§6 Q2",
        "「它只适用于分类任务」",
        "Cross-entropy only for classification, MSE only for regression.",
        "BCE fits any target in [0, 1]; square loss trains classifiers well (Hui & Belkin, ICLR 2021).",
        "claim",
        "08 §5; 11 §3, §9",
        _e31,
        also="001 §2.3, §6 Q1, 002 §6 Q1, 003 §6.3",
    ),
    _E(
        "E32",
        "003",
        "ch.21 §5",
        "`nn.Sigmoid()` + `nn.MSELoss()`, `x = torch.randn(...)`",
        "An autoencoder with a sigmoid output trained with MSE to reproduce standard-normal inputs.",
        "A sigmoid cannot reach negative targets: the MSE has a floor > 0. Real targets: linear output + MSE; targets in [0, 1]: sigmoid + BCE.",
        "code",
        "08 §5",
        _e32,
    ),
    _E(
        "E33",
        "001",
        "§4.2",
        "`nn.Linear(128, 1)` … `criterion(outputs, labels)`",
        "MSELoss on outputs of shape (B, 1), with the labels' shape left open (train_loader is never defined).",
        "Labels of the usual shape (B,) broadcast against (B, 1) to (B, B), a wrong loss; squeeze the output (or reshape the labels) first.",
        "code",
        "08 §4; 09 §3.5",
        _e33,
    ),
    _E(
        "E34",
        "002",
        "§4.1",
        "`y_hat = sigmoid(w.dot(X) + b)`",
        "Logistic regression in numpy with w of shape (2, 1).",
        "w.dot(X) fails on shapes; X.dot(w) then broadcasts (4, 1) against (4,). Use w of shape (2,) and z = X @ w + b.",
        "code",
        "09 §3.1",
        _e34,
    ),
    _E(
        "E35",
        "002",
        "§4.1",
        "`dw = -X.T.dot(y_hat - y)`",
        "Update dw = −Xᵀ(ŷ − y) followed by w −= lr·dw.",
        "That is gradient ascent in w (b still descends): after a first dip the loss rises. The gradient is +Xᵀ(ŷ − y).",
        "code",
        "09 §3.1",
        _e35,
        also="002 §4.2",
    ),
    _E(
        "E36",
        "002",
        "§4.2",
        "`np.sum(exp_sum, axis=0)`",
        "Softmax normalised over axis 0.",
        "Axis 0 runs over the samples: rows do not sum to 1. Normalise over the classes (axis=1).",
        "code",
        "05 §6; 09 §3.2",
        _e36,
    ),
    _E(
        "E37",
        "002",
        "§4.2",
        "`y * np.log(y_hat)`, `y = np.array([0, 0, 1, 1])`",
        "Softmax regression with w.dot(X) and integer labels as targets.",
        "Shapes fail twice; class indices are not one-hot rows. Use X @ W + b and Y = np.eye(K)[y].",
        "code",
        "09 §3.2",
        _e37,
    ),
    _E(
        "E38",
        "004",
        "§4.2",
        "`np.exp(y_pred).sum(axis=1, keepdims=True)`",
        "Cross-entropy code: a softmax over axis 1 of a 1-D array, then binary (1 − y) terms.",
        "AxisError; with axis 0 it mixes the samples in one softmax. Binary labels need a sigmoid per sample (BCE with logits).",
        "code",
        "05 §8; 09 §3.3",
        _e38,
    ),
    _E(
        "E39",
        "003",
        "§4.1",
        "`-np.sum(y_true * np.log(y_pred))`",
        "A numpy cross-entropy taking 1-D labels and 1-D probabilities.",
        "Labels act as weights: negatives cost nothing, 0·log 0 gives NaN, class indices fail. Use BCE, or index the true class.",
        "code",
        "09 §3.4",
        _e39,
    ),
    _E(
        "E40",
        "001",
        "§4.1",
        "`optim.SGD(net.parameters(), lr=0.01)`",
        "PyTorch training loops using net and train_loader.",
        "Neither is defined: NameError. Add net = Net() and a DataLoader.",
        "code",
        "09 §3.5",
        _e40,
        also="001 §4.2",
    ),
    _E(
        "E41",
        "003",
        "§6.2",
        "「二分类…平滑对数损失函数」",
        "Binary tasks: smoothed log loss; multi-class tasks: log loss.",
        "Label smoothing, target (1 − ε)y + ε/K, works for any K; its optimum is p_true = 1 − ε + ε/K and its minimum loss the entropy of the smoothed target.",
        "misleading",
        "10 §1",
        _e41,
    ),
    _E(
        "E42",
        "001",
        "§6 Q5",
        "「不能直接结合使用」",
        "CE and MSE cannot be combined directly; add L1 or L2 regularisation as an auxiliary loss.",
        "Weighted sums of losses are losses (multi-task models); an L1/L2 penalty acts on the weights, not on prediction errors.",
        "claim",
        "10 §3; 11 §8",
        _e42,
    ),
    _E(
        "E43",
        "003",
        "ch.22 §3",
        "「使模型在新的数据上表现更好」",
        "Adding a penalty term makes the model perform better on new data.",
        "The penalty weight trades variance for bias: too small over-fits, too large under-fits; choose it on held-out data.",
        "misleading",
        "10 §2",
        _e43,
    ),
    _E(
        "E44",
        "001",
        "§7 [3]",
        'Nielsen … "Coursera, 2015"',
        "Nielsen, Neural networks and deep learning, Coursera, 2015.",
        "M. A. Nielsen, Neural Networks and Deep Learning, Determination Press, 2015 — a free online book.",
        "citation",
        "11 §10",
        _citation(
            "E44",
            "Nielsen, 'Neural networks and deep learning', Coursera, 2015",
            "M. A. Nielsen, Neural Networks and Deep Learning, Determination Press, 2015 (online book)",
        ),
    ),
    _E(
        "E45",
        "001",
        "§7 [5]",
        "Patterson, Dustin … arXiv:1610.00050, 2016",
        "The PyTorch paper by 'Patterson, Dustin et al.', arXiv:1610.00050, 2016.",
        "A. Paszke, S. Gross, F. Massa et al., PyTorch: An Imperative Style, High-Performance Deep Learning Library, NeurIPS 2019, arXiv:1912.01703.",
        "citation",
        "11 §10",
        _citation(
            "E45",
            "Patterson, Dustin et al., arXiv:1610.00050, 2016",
            "Paszke et al., NeurIPS 2019, arXiv:1912.01703",
        ),
    ),
    _E(
        "E46",
        "003",
        "ch.20 §1",
        "《Transformer for Language Understanding》",
        "Self-attention first appeared in the 2017 paper 'Transformer for Language Understanding'.",
        "No such paper: the Transformer is Vaswani et al., 'Attention Is All You Need', NeurIPS 2017; self-attention was used earlier (e.g. Cheng, Dong & Lapata 2016).",
        "citation",
        "11 §10 (outside the course)",
        _citation(
            "E46",
            "'Transformer for Language Understanding' (2017)",
            "Vaswani et al., 'Attention Is All You Need', NeurIPS 2017",
        ),
    ),
    _E(
        "E47",
        "003",
        "ch.20 §5",
        "`np.sqrt(self.input_dim)`",
        "A self-attention module using np without importing numpy.",
        "NameError in the forward pass; import numpy or use self.input_dim ** 0.5.",
        "code",
        "11 §10 (outside the course)",
        _e47,
    ),
    _E(
        "E48",
        "002",
        "§6 Q1",
        "「最小化模型…的拟合程度」",
        "Cross-entropy training minimises the model's degree of fit to the true distribution.",
        "It minimises the misfit KL(p‖q_θ) (equivalently maximises the likelihood).",
        "wording",
        "11 §2",
        _e48,
    ),
)

_BY_ID = {e.id: e for e in ERRATA}


def get(id):
    """Return the :class:`Erratum` with this id (``"E01"`` … ; ``"e1"`` and ``1`` work too).

    Examples
    --------
    >>> get(13).where
    '000 §2.1.2 (also 002 §2.2)'
    """
    key = id
    if isinstance(id, (int, np.integer)) and not isinstance(id, bool):
        key = f"E{int(id):02d}"
    elif isinstance(id, str) and re.fullmatch(r"[eE]?\d{1,2}", id.strip()):
        key = f"E{int(id.strip().lstrip('eE')):02d}"
    if key not in _BY_ID:
        raise ValueError(
            f"id must be one of E01..E{len(ERRATA):02d}; found {id!r}. See lossviz.errata.table()."
        )
    return _BY_ID[key]


def demo(id):
    """Run the demonstration of erratum ``id``; return its :class:`DemoResult`.

    Examples
    --------
    >>> print(demo("E35").fixed)
    dw = +X.T.dot(y_hat - y): runs; printed loss 3.006 -> 0.762 -> 0.502 (falls)
    """
    return get(id).demo()


def run_all(chapter=None):
    """Run every demonstration (or those shown in ``chapter``, e.g. ``"09"``); return the results.

    Examples
    --------
    >>> [r.id for r in run_all("08")]
    ['E04', 'E14', 'E15', 'E17', 'E18', 'E31', 'E32', 'E33']
    """
    return [e.demo() for e in _select(chapter)]


def _select(chapter):
    if chapter is None:
        return list(ERRATA)
    ch = f"{int(chapter):02d}" if str(chapter).isdigit() else str(chapter)
    return [e for e in ERRATA if re.search(rf"(^|[ ;,]){ch}\b", e.shown_in)]


class ErrataTable(list):
    """Rows (dicts) of the errata table; shows as an HTML table in a notebook, Markdown via :meth:`to_markdown`."""

    COLUMNS = (
        ("id", "id"),
        ("where", "source (seed · §)"),
        ("quote", "quote"),
        ("says", "what it says"),
        ("truth", "what is true"),
        ("shown_in", "shown in (chapter §)"),
    )

    def to_markdown(self):
        """The table as GitHub Markdown."""
        head = (
            "| "
            + " | ".join(t for _, t in self.COLUMNS)
            + " |\n|"
            + "---|" * len(self.COLUMNS)
            + "\n"
        )
        esc = lambda s: str(s).replace("|", "\\|").replace("\n", " ")  # noqa: E731
        return head + "".join(
            "| " + " | ".join(esc(r[k]) for k, _ in self.COLUMNS) + " |\n" for r in self
        )

    def _repr_html_(self):
        th = "".join(f"<th style='text-align:left'>{html.escape(t)}</th>" for _, t in self.COLUMNS)
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td style='text-align:left'>{html.escape(str(r[k]))}</td>"
                for k, _ in self.COLUMNS
            )
            + "</tr>"
            for r in self
        )
        return f"<table><thead><tr>{th}</tr></thead><tbody>{rows}</tbody></table>"

    def __repr__(self):
        return "\n".join(f"{r['id']}  {r['where']:<28}  ch {r['shown_in']}" for r in self)


def table(chapter=None):
    """The errata table: one row per error, as an :class:`ErrataTable` (a list of dicts).

    Parameters
    ----------
    chapter : str or int, optional
        Only the errors shown in this chapter.

    Examples
    --------
    >>> t = table()
    >>> len(t), sorted(t[0])
    (48, ['id', 'kind', 'quote', 'says', 'shown_in', 'truth', 'where'])
    >>> table("10").to_markdown().splitlines()[2].split(" | ")[:2]
    ['| E41', '003 §6.2']
    """
    return ErrataTable(
        dict(
            id=e.id,
            where=e.where,
            quote=e.quote,
            says=e.says,
            truth=e.truth,
            shown_in=e.shown_in,
            kind=e.kind,
        )
        for e in _select(chapter)
    )
