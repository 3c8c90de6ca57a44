"""Chapter 11's computation modules: lr_finder (curvature, sweeps, the finder), square_loss
(the Hui & Belkin network) and faq (tables), checked against independent computations."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from lossviz import faq, lr_finder, square_loss
from lossviz.data import make_blobs_binary
from lossviz.plots import plot_lr_finder


@pytest.fixture(scope="module")
def blobs():
    return make_blobs_binary(200, separation=3.0)


def test_curvature_bound_is_the_hessian_at_zero_and_bounds_it_elsewhere(blobs):
    X, _ = blobs
    Xb = np.c_[X, np.ones(len(X))]
    assert lr_finder.curvature(X) == pytest.approx(np.linalg.eigvalsh(Xb.T @ Xb / 800)[-1])
    for w in ([1.0, 0.0], [-3.0, 2.0]):
        assert lr_finder.curvature(X, weights=w) <= lr_finder.curvature(X) + 1e-12


def test_sweep_matches_the_trainer_and_the_issue_numbers(blobs):
    from lossviz.train import train_logistic_regression

    X, y = blobs
    s = lr_finder.lr_sweep(X, y, [1.0, 100.0], steps=100)
    for lr, row in zip(s.lrs, s.losses, strict=True):
        ref = train_logistic_regression(X, y, lr=float(lr), epochs=100).history["loss"]
        np.testing.assert_allclose(row, ref, rtol=1e-6, atol=1e-9)
    assert s.losses[1, :2].round(3).tolist() == [0.693, 1.773]  # the issue's numbers
    assert s.monotone.tolist() == [True, False]


def test_square_loss_diverges_just_over_two_over_L_and_converges_just_under(blobs):
    X, y = blobs
    L = lr_finder.curvature(X, loss="square")
    s = lr_finder.lr_sweep(X, y, [0.9 * 2 / L, 1.1 * 2 / L], steps=200, loss="square")
    assert s.diverged.tolist() == [False, True] and s.monotone[0]
    assert s.final[1] > 1e10 and np.isfinite(s.final[0])
    # far over the bound: overflow is reported as inf, never NaN
    far = lr_finder.lr_sweep(X, y, [1e6], steps=300, loss="square")
    assert not np.isnan(far.losses).any() and np.isinf(far.final[0])


def test_range_test_stops_at_divergence_and_orders_its_marks(blobs):
    X, y = blobs
    r = lr_finder.lr_range_test(X, y)
    running_min = np.minimum.accumulate(r.losses)
    assert r.losses[-1] > 4 * running_min[-1]
    assert np.all(r.losses[:-1] <= 4 * running_min[:-1])  # it stopped at the first blow-up
    assert r.lrs[0] < r.suggested < r.min_rate < r.divergence_rate
    mb = lr_finder.lr_range_test(X, y, batch_size=20, seed=3)
    assert np.isfinite(mb.divergence_rate)
    never = lr_finder.lr_range_test(X, y, lr_max=1e-2)
    assert never.divergence_rate == np.inf


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda X, y: lr_finder.lr_sweep(X, y, [0.0]), "lrs must be"),
        (lambda X, y: lr_finder.lr_sweep(X, y, [1.0], loss="hinge"), "loss must be"),
        (lambda X, y: lr_finder.lr_range_test(X, y, lr_min=1.0, lr_max=0.5), "lr_max"),
        (lambda X, y: lr_finder.curvature(X[:, 0]), "2-D"),
    ],
)
def test_errors_name_the_argument(blobs, call, match):
    with pytest.raises(ValueError, match=match):
        call(*blobs)


def test_plot_lr_finder_marks_everything(blobs):
    X, y = blobs
    r = lr_finder.lr_range_test(X, y)
    s = lr_finder.lr_sweep(X, y, np.logspace(-3, 3, 7), steps=10)
    art = plot_lr_finder(r, sweep=s, bound=2.5, ax=Figure().subplots())
    assert art["ax"].get_xscale() == "log"
    assert art["bound"].get_xdata()[0] == 2.5 and art["divergence"] is not None
    labels = [t.get_text() for t in art["ax"].get_legend().get_texts()]
    assert any("suggested" in t for t in labels) and any("divergence" in t for t in labels)


def test_square_loss_gradient_is_numerical():
    rng = np.random.default_rng(0)
    f, y = rng.normal(size=(3, 4)), np.array([0, 2, 3])
    loss, grad = square_loss.square_loss_outputs(f, y, k=3.0, M=2.0)
    h = 1e-6
    for i, j in ((0, 0), (1, 2), (2, 1)):
        g = f.copy()
        g[i, j] += h
        num = (square_loss.square_loss_outputs(g, y, k=3.0, M=2.0)[0][i] - loss[i]) / h
        assert num == pytest.approx(grad[i, j], abs=1e-4)


@pytest.mark.parametrize("loss", ["ce", "square"])
@pytest.mark.parametrize("hidden", [0, 8])
def test_mlp_backprop_matches_finite_differences(loss, hidden):
    """One SGD step of size lr equals -lr times the numerical gradient of the batch loss."""
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(12, 3)), np.arange(12) % 3
    fit0 = square_loss.train_mlp(
        X, y, loss=loss, hidden=hidden, optimiser="sgd", lr=1e-9, batch_size=12, epochs=1, seed=0
    )
    fit1 = square_loss.train_mlp(
        X, y, loss=loss, hidden=hidden, optimiser="sgd", lr=1e-3, batch_size=12, epochs=1, seed=0
    )
    W = fit0.params[2]
    step = (fit1.params[2] - W) / -1e-3  # the gradient the trainer used for W2

    def batch_loss(W2):
        p = list(fit0.params)
        p[2] = W2
        f = square_loss.MLPFit(tuple(p), np.zeros(1), loss).outputs(X)
        if loss == "ce":
            m = f.max(1, keepdims=True)
            return np.mean(np.log(np.exp(f - m).sum(1)) + m[:, 0] - f[np.arange(12), y])
        return np.mean(square_loss.square_loss_outputs(f, y)[0])

    num = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        E = np.zeros_like(W)
        E[idx] = 1e-6
        num[idx] = (batch_loss(W + E) - batch_loss(W - E)) / 2e-6
    np.testing.assert_allclose(step, num, atol=1e-5)


def test_replication_is_deterministic_and_square_loss_classifies():
    data = square_loss.load_digits_split()
    a = square_loss.replicate(data, seeds=[0, 1], hidden=0, epochs=5)
    b = square_loss.replicate(data, seeds=[0, 1], hidden=0, epochs=5)
    assert {k: v.tolist() for k, v in a.items()} == {k: v.tolist() for k, v in b.items()}
    assert a["square"].min() > 0.85 and a["ce"].min() > 0.85


def test_digits_split_is_stratified_and_disjoint():
    d = square_loss.load_digits_split()
    assert np.bincount(d.y_test).min() >= 50
    train = {r.tobytes() for r in d.X_train}
    assert sum(r.tobytes() in train for r in d.X_test) < 5  # digits has a few duplicate images


def test_diverged_flag_and_no_nan():
    d = square_loss.load_digits_split()
    fit = square_loss.train_mlp(d.X_train, d.y_train, optimiser="momentum", lr=3.0, epochs=3)
    assert fit.diverged and not np.isnan(fit.history).any()


def test_faq_tables():
    forms = faq.cross_entropy_forms()
    assert all(forms.column("holds"))
    pull = faq.flipped_label_pull(n=200, epochs=500)
    bce, mse = pull.row("bce"), pull.row("mse")
    assert bce["gradient share"] > 2 * bce["flipped fraction"] > mse["gradient share"] / 2
    assert bce["gradient share"] > mse["gradient share"]
    rem = faq.imbalance_remedies(epochs=100)
    none = rem.rows[0]
    for r in rem.rows[2:]:
        assert r[3] > none[3]  # every remedy raises the minority's held-out recall


def test_table_text_is_aligned():
    t = faq.Table(["name", "x"], [["a", 1.23456], ["bb", True]])
    assert str(t).splitlines() == ["name  x", "----  -----", "a     1.235", "bb    yes"]
    with pytest.raises(ValueError, match="each row needs 2 cells"):
        faq.Table(["a", "b"], [[1]])
