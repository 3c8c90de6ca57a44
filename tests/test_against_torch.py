"""Agreement with PyTorch's definitions (values and autograd gradients).

Skipped when torch is not importable (CI does not install it).  torchvision is not needed: its
``sigmoid_focal_loss`` formula is written out below in torch.
"""

import numpy as np
import pytest

import lossviz as lv

torch = pytest.importorskip(
    "torch", reason="PyTorch is not installed; these checks run only where it is"
)
F = torch.nn.functional

RNG = np.random.default_rng(4)
REDUCTIONS = ["none", "mean", "sum"]


def T(x, grad=False):
    return torch.tensor(np.asarray(x), dtype=torch.float64, requires_grad=grad)


def close(ours, theirs, rtol=1e-10, atol=1e-12):
    np.testing.assert_allclose(np.asarray(ours), theirs.detach().numpy(), rtol=rtol, atol=atol)


def torchvision_sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2.0, reduction="none"):
    # verbatim formula of torchvision.ops.sigmoid_focal_loss
    p = torch.sigmoid(inputs)
    ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    if reduction == "mean":
        loss = loss.mean()
    elif reduction == "sum":
        loss = loss.sum()
    return loss


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("pos_weight", [None, 2.5, "per-label"])
def test_bce_with_logits(reduction, pos_weight):
    y = RNG.uniform(size=(20, 3))
    y[:10] = np.round(y[:10])
    z = RNG.normal(scale=8, size=(20, 3))
    pw = np.array([0.5, 1.0, 4.0]) if pos_weight == "per-label" else pos_weight
    kw = {} if pw is None else {"pos_weight": T(np.broadcast_to(pw, (3,)))}
    zt = T(z, grad=True)
    ref = F.binary_cross_entropy_with_logits(zt, T(y), reduction=reduction, **kw)
    close(lv.bce_with_logits(y, z, pos_weight=pw, reduction=reduction), ref)
    F.binary_cross_entropy_with_logits(zt, T(y), reduction="sum", **kw).backward()
    close(lv.bce_with_logits_grad(y, z, pos_weight=pw), zt.grad)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_bce_on_probabilities_where_torch_does_not_clamp(reduction):
    y = RNG.uniform(size=50)
    p = RNG.uniform(0.01, 0.99, size=50)
    pt = T(p, grad=True)
    close(lv.bce(y, p, reduction=reduction), F.binary_cross_entropy(pt, T(y), reduction=reduction))
    F.binary_cross_entropy(pt, T(y), reduction="sum").backward()
    close(lv.bce_grad_prob(y, p), pt.grad, rtol=1e-9)


def test_bce_differs_from_torch_only_by_its_clamp():
    # torch clamps log at -100, so a confident wrong answer costs 100; lossviz says inf
    assert F.binary_cross_entropy(T([0.0]), T([1.0])).item() == 100.0
    assert lv.bce([1.0], [0.0]) == np.inf


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("eps", [0.0, 0.1])
@pytest.mark.parametrize("targets", ["index", "probs"])
def test_softmax_cross_entropy(reduction, weighted, eps, targets):
    n, k = 16, 5
    z = RNG.normal(scale=4, size=(n, k))
    if targets == "index":
        y = RNG.integers(0, k, size=n)
        yt = torch.tensor(y)
    else:
        y = lv.softmax(RNG.normal(size=(n, k)))
        yt = T(y)
    w = RNG.uniform(0.2, 3.0, size=k) if weighted else None
    kw = {"label_smoothing": eps}
    if w is not None:
        kw["weight"] = T(w)
    zt = T(z, grad=True)
    ref = F.cross_entropy(zt, yt, reduction=reduction, **kw)
    ours = lv.softmax_cross_entropy(y, z, class_weight=w, label_smoothing=eps, reduction=reduction)
    close(ours, ref)
    close(
        lv.categorical_cross_entropy(
            y, lv.softmax(z), class_weight=w, label_smoothing=eps, reduction=reduction
        ),
        ref,
        rtol=1e-9,
    )
    F.cross_entropy(zt, yt, reduction="sum", **kw).backward()
    close(lv.softmax_cross_entropy_grad(y, z, class_weight=w, label_smoothing=eps), zt.grad)


@pytest.mark.parametrize("targets", ["index", "probs"])
def test_softmax_cross_entropy_class_axis_1(targets):
    z = RNG.normal(size=(4, 3, 6))  # (N, C, d), PyTorch's layout
    if targets == "index":
        y = RNG.integers(0, 3, size=(4, 6))
        yt = torch.tensor(y)
    else:
        y = lv.softmax(RNG.normal(size=(4, 3, 6)), axis=1)
        yt = T(y)
    w = np.array([1.0, 0.3, 2.0])
    zt = T(z, grad=True)
    ref = F.cross_entropy(zt, yt, weight=T(w), label_smoothing=0.05)
    close(lv.softmax_cross_entropy(y, z, axis=1, class_weight=w, label_smoothing=0.05), ref)
    F.cross_entropy(zt, yt, weight=T(w), label_smoothing=0.05, reduction="sum").backward()
    close(
        lv.softmax_cross_entropy_grad(y, z, axis=1, class_weight=w, label_smoothing=0.05), zt.grad
    )


@pytest.mark.parametrize("gamma,alpha", [(2.0, 0.25), (0.0, None), (0.5, 0.75), (3.0, None)])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_focal_loss_torchvision_formula(gamma, alpha, reduction):
    y = RNG.integers(0, 2, size=40).astype(float)
    z = RNG.normal(scale=4, size=40)
    zt = T(z, grad=True)
    a = -1 if alpha is None else alpha
    ref = torchvision_sigmoid_focal_loss(zt, T(y), alpha=a, gamma=gamma, reduction=reduction)
    close(
        lv.focal_loss_with_logits(y, z, gamma=gamma, alpha=alpha, reduction=reduction),
        ref,
        rtol=1e-9,
    )
    torchvision_sigmoid_focal_loss(zt, T(y), alpha=a, gamma=gamma, reduction="sum").backward()
    close(
        lv.focal_loss_with_logits_grad(y, z, gamma=gamma, alpha=alpha),
        zt.grad,
        rtol=1e-8,
        atol=1e-12,
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_regression_losses(reduction):
    y = RNG.normal(size=30)
    p = RNG.normal(size=30) * 2
    close(lv.mse(y, p, reduction=reduction), F.mse_loss(T(p), T(y), reduction=reduction))
    close(lv.mae(y, p, reduction=reduction), F.l1_loss(T(p), T(y), reduction=reduction))
    for delta in (0.5, 1.0, 2.0):
        close(
            lv.huber(y, p, delta=delta, reduction=reduction),
            F.huber_loss(T(p), T(y), delta=delta, reduction=reduction),
        )


def test_mse_sigmoid_grad_autograd():
    y = RNG.integers(0, 2, size=20).astype(float)
    z = RNG.normal(scale=3, size=20)
    zt = T(z, grad=True)
    F.mse_loss(torch.sigmoid(zt), T(y), reduction="sum").backward()
    close(lv.mse_sigmoid_grad(y, z), zt.grad)


def test_activations():
    z = np.concatenate([RNG.normal(scale=30, size=200), [-1e4, 1e4, 0.0]])
    close(lv.sigmoid(z), torch.sigmoid(T(z)), rtol=1e-15, atol=1e-300)
    close(lv.log_sigmoid(z), F.logsigmoid(T(z)), rtol=1e-14, atol=1e-300)
    zz = z[:200].reshape(20, 10)
    close(lv.softmax(zz), torch.softmax(T(zz), dim=-1), rtol=1e-12, atol=1e-300)
    close(lv.log_softmax(zz, axis=0), torch.log_softmax(T(zz), dim=0), rtol=1e-12)
    p = RNG.uniform(size=50)
    close(lv.logit(p), torch.logit(T(p)), rtol=1e-12)


def test_kl_divergence_matches_torch_kl_div():
    p = lv.softmax(RNG.normal(size=(8, 5)))
    q = lv.softmax(RNG.normal(size=(8, 5)))
    # torch's kl_div(input=log q, target=p) is sum p (log p - log q)
    ref = F.kl_div(T(np.log(q)), T(p), reduction="none").sum(dim=-1)
    close(lv.kl_divergence(p, q), ref)


def test_float32_agrees_with_torch_float32_at_extremes():
    y = np.array([1, 0, 1, 0, 1], np.float32)
    z = np.array([1e4, -1e4, -1e4, 1e4, 0.5], np.float32)
    ours = lv.bce_with_logits(y, z, reduction="none")
    ref = F.binary_cross_entropy_with_logits(
        torch.from_numpy(z), torch.from_numpy(y), reduction="none"
    ).numpy()
    assert ours.dtype == np.float32
    np.testing.assert_allclose(ours, ref, rtol=1e-6)
