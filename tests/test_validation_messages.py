"""Every bad input of issue 2 §2 raises ValueError/TypeError naming the argument, what is allowed,
what was found and how to fix it.  Nothing is clipped or renormalised silently."""

import re

import numpy as np
import pytest

import lossviz as lv
from lossviz import _validation as V

Z2 = [[0.0, 1.0, 2.0]]


# ----------------------------------------------------------------------------- probabilities
# outside [0, 1]
@pytest.mark.parametrize(
    "func,hint",
    [
        (lv.bce, "Did you pass logits? Use bce_with_logits"),
        (lv.bce_grad_prob, "Use bce_with_logits_grad"),
        (lv.mse_grad_prob, "Use mse_sigmoid_grad"),
    ],
)
@pytest.mark.parametrize("bad,found", [(-0.21, "min=-0.21"), (1.3, "max=1.3")])
def test_probability_outside_unit_interval_suggests_logits_form(func, hint, bad, found):
    with pytest.raises(
        ValueError,
        match=rf"y_prob must lie in \[0, 1\]; found {re.escape(found)}\..*{re.escape(hint)}",
    ):
        func([1.0, 0.0], [0.5, bad])


def test_probability_both_sides_reported():
    with pytest.raises(ValueError, match=r"found min=-2 and max=3"):
        lv.bce([1, 0], [-2.0, 3.0])


def test_logit_outside_unit_interval():
    with pytest.raises(ValueError, match=r"p must lie in \[0, 1\]; found max=1.5"):
        lv.logit([0.5, 1.5])


def test_categorical_probability_rows_that_are_logits():
    with pytest.raises(
        ValueError, match=r"y_prob must be non-negative.*found min=-1.*softmax_cross_entropy"
    ):
        lv.categorical_cross_entropy([0], [[2.0, -1.0]])
    with pytest.raises(
        ValueError,
        match=r"y_prob must sum to 1 along axis -1; found a sum of 3.*softmax_cross_entropy",
    ):
        lv.categorical_cross_entropy([0], [[2.0, 1.0]])


# ----------------------------------------------------------------------------- NaN / inf
BINARY = [
    lv.bce,
    lv.bce_with_logits,
    lv.focal_loss_with_logits,
    lv.mse,
    lv.mae,
    lv.huber,
    lv.bce_with_logits_grad,
    lv.mse_sigmoid_grad,
    lv.focal_loss_with_logits_grad,
]
SECOND_NAME = {lv.bce: "y_prob", lv.mse: "y_pred", lv.mae: "y_pred", lv.huber: "y_pred"}


@pytest.mark.parametrize("func", BINARY, ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad,kind", [(np.nan, "NaN"), (np.inf, "infinite"), (-np.inf, "infinite")])
def test_nan_and_inf_in_second_argument(func, bad, kind):
    name = SECOND_NAME.get(func, "logits")
    with pytest.raises(
        ValueError,
        match=rf"{name} must be finite; found 1 {kind} value\(s\) \(first at index \(1,\)\)",
    ):
        func([1.0, 0.0, 1.0], [0.5, bad, 0.5])


@pytest.mark.parametrize("func", BINARY, ids=lambda f: f.__name__)
def test_nan_in_y_true(func):
    with pytest.raises(ValueError, match=r"y_true must be finite; found 1 NaN"):
        func([1.0, np.nan], [0.5, 0.5])


def test_nan_inf_in_class_inputs():
    with pytest.raises(
        ValueError,
        match=r"logits must be finite; found 1 NaN value\(s\) \(first at index \(0, 2\)\)",
    ):
        lv.softmax_cross_entropy([0], [[0.0, 1.0, np.nan]])
    with pytest.raises(ValueError, match=r"logits must be finite; found 1 infinite"):
        lv.softmax_cross_entropy_grad([0], [[0.0, np.inf, 1.0]])
    with pytest.raises(ValueError, match=r"y_true must be finite"):
        lv.softmax_cross_entropy([[np.nan, 0.5, 0.5]], Z2)
    with pytest.raises(ValueError, match=r"y_prob must be finite"):
        lv.categorical_cross_entropy([0], [[np.nan, 0.5, 0.5]])
    with pytest.raises(ValueError, match=r"z must be finite"):
        lv.softmax([np.inf, 0.0])
    with pytest.raises(ValueError, match=r"z must be finite; found 1 NaN"):
        lv.sigmoid([np.nan])
    with pytest.raises(ValueError, match=r"pos_weight must be finite"):
        lv.bce_with_logits([1.0], [0.0], pos_weight=np.nan)
    with pytest.raises(ValueError, match=r"class_weight must be finite"):
        lv.softmax_cross_entropy([0], Z2, class_weight=[1.0, np.inf, 1.0])


def test_nan_in_distributions():
    with pytest.raises(ValueError, match=r"p must be finite"):
        lv.entropy([np.nan, 1.0])
    with pytest.raises(ValueError, match=r"q must be finite"):
        lv.kl_divergence([0.5, 0.5], [np.nan, 0.5])


# ----------------------------------------------------------------------------- labels / indices
@pytest.mark.parametrize(
    "func",
    [
        lv.bce,
        lv.bce_with_logits,
        lv.focal_loss_with_logits,
        lv.bce_grad_prob,
        lv.bce_with_logits_grad,
        lv.focal_loss_with_logits_grad,
        lv.mse_sigmoid_grad,
    ],
    ids=lambda f: f.__name__,
)
@pytest.mark.parametrize("bad,found", [(2, "max=2"), (-1, "min=-1")])
def test_binary_labels_outside_unit_interval(func, bad, found):
    with pytest.raises(
        ValueError, match=rf"y_true must lie in \[0, 1\]; found {found}\..*softmax_cross_entropy"
    ):
        func([1, bad], [0.5, 0.5])


@pytest.mark.parametrize("func", [lv.softmax_cross_entropy, lv.softmax_cross_entropy_grad])
@pytest.mark.parametrize("bad,found", [(3, "max=3"), (-1, "min=-1")])
def test_class_index_out_of_range(func, bad, found):
    with pytest.raises(
        ValueError,
        match=rf"y_true holds class indices, which must lie in 0\.\.2 for 3 classes; found {found}",
    ):
        func([0, bad], [[0.0, 1.0, 2.0], [0.0, 1.0, 2.0]])


def test_class_index_out_of_range_categorical():
    with pytest.raises(ValueError, match=r"must lie in 0\.\.1 for 2 classes; found max=2"):
        lv.categorical_cross_entropy([2], [[0.5, 0.5]])


def test_float_class_indices_explained():
    with pytest.raises(
        ValueError, match=r"Float targets are read as probability rows; cast class indices to int"
    ):
        lv.softmax_cross_entropy(np.array([0.0, 1.0]), np.zeros((2, 3)))


def test_string_labels_type_error():
    with pytest.raises(
        TypeError,
        match=r"y_true must be integer class indices or probability rows; found dtype <U1",
    ):
        lv.softmax_cross_entropy(["a"], Z2)
    with pytest.raises(
        TypeError,
        match=r"y_true must be numeric.*found dtype <U3.*np.asarray\(y_true, dtype=float\)",
    ):
        lv.bce(["cat"], [0.5])
    with pytest.raises(TypeError, match=r"logits must be real; found complex"):
        lv.bce_with_logits([1.0], [1j])


def test_probability_target_rows_checked():
    with pytest.raises(ValueError, match=r"y_true must sum to 1 along axis -1; found a sum of 0.5"):
        lv.softmax_cross_entropy([[0.5, 0.0, 0.0]], Z2)
    with pytest.raises(ValueError, match=r"y_true must be non-negative"):
        lv.softmax_cross_entropy([[1.5, -0.5, 0.0]], Z2)


# ----------------------------------------------------------------------------- shapes
@pytest.mark.parametrize(
    "func", BINARY + [lv.bce_grad_prob, lv.mse_grad_prob], ids=lambda f: f.__name__
)
def test_mismatched_shapes_show_both(func):
    name = SECOND_NAME.get(
        func, "y_prob" if func in (lv.bce_grad_prob, lv.mse_grad_prob) else "logits"
    )
    with pytest.raises(
        ValueError,
        match=rf"y_true and {name} must have the same shape; found y_true\.shape=\(3,\) and "
        rf"{name}\.shape=\(3, 1\)\. Reshape",
    ):
        func([1.0, 0.0, 1.0], [[0.5], [0.5], [0.5]])


def test_mismatched_shapes_class_inputs():
    with pytest.raises(ValueError, match=r"found y_true\.shape=\(2,\) and logits\.shape=\(1, 3\)"):
        lv.softmax_cross_entropy([0, 1], Z2)
    with pytest.raises(
        ValueError, match=r"found y_true\.shape=\(1, 2\) and logits\.shape=\(1, 3\)"
    ):
        lv.softmax_cross_entropy([[0.5, 0.5]], Z2)
    with pytest.raises(
        ValueError,
        match=r"p and q must have the same shape; found p\.shape=\(2,\) and q\.shape=\(3,\)",
    ):
        lv.kl_divergence([0.5, 0.5], [0.2, 0.3, 0.5])
    with pytest.raises(ValueError, match=r"p and q must have the same shape"):
        lv.cross_entropy([0.5, 0.5], [0.2, 0.3, 0.5])


def test_pos_weight_shape():
    # regression: a pos_weight that broadcast to a *larger* shape crashed inside an in-place ufunc
    with pytest.raises(
        ValueError,
        match=r"pos_weight must broadcast against logits.*"
        r"pos_weight\.shape=\(2, 1\) and logits\.shape=\(3,\)",
    ):
        lv.bce_with_logits(np.ones(3), np.zeros(3), pos_weight=np.ones((2, 1)))
    with pytest.raises(ValueError, match=r"pos_weight\.shape=\(2,\) and logits\.shape=\(4, 3\)"):
        lv.bce_with_logits(np.ones((4, 3)), np.zeros((4, 3)), pos_weight=[1.0, 2.0])
    with pytest.raises(ValueError, match=r"pos_weight must be non-negative; found min=-1"):
        lv.bce_with_logits([1.0], [0.0], pos_weight=-1.0)


def test_scalar_logits_for_softmax():
    with pytest.raises(
        ValueError, match=r"logits must have a class axis; found a scalar.*bce_with_logits"
    ):
        lv.softmax_cross_entropy(0, 1.0)
    with pytest.raises(ValueError, match=r"z must have at least one axis"):
        lv.softmax(1.0)
    with pytest.raises(ValueError, match=r"y_prob must have a class axis"):
        lv.categorical_cross_entropy(0, 1.0)
    with pytest.raises(ValueError, match=r"p must be a distribution with at least one outcome"):
        lv.entropy(1.0)


# ----------------------------------------------------------------------------- empty input
@pytest.mark.parametrize(
    "call",
    [
        lambda: lv.bce([], []),
        lambda: lv.bce_with_logits([], []),
        lambda: lv.mse([], []),
        lambda: lv.focal_loss_with_logits([], []),
        lambda: lv.softmax_cross_entropy(np.array([], int), np.zeros((0, 3))),
        lambda: lv.categorical_cross_entropy(np.array([], int), np.zeros((0, 3))),
        lambda: lv.bce_with_logits_grad([], []),
    ],
)
def test_empty_input(call):
    with pytest.raises(
        ValueError, match=r"is empty \(shape \(0[0-9, ]*\)\); a loss needs at least one element"
    ):
        call()


# ----------------------------------------------------------------------------- reduction and
# options
@pytest.mark.parametrize(
    "func,args",
    [
        (lv.bce, ([1], [0.5])),
        (lv.bce_with_logits, ([1], [0.5])),
        (lv.mse, ([1], [0.5])),
        (lv.mae, ([1], [0.5])),
        (lv.huber, ([1], [0.5])),
        (lv.focal_loss_with_logits, ([1], [0.5])),
        (lv.softmax_cross_entropy, ([0], Z2)),
        (lv.categorical_cross_entropy, ([0], [[0.5, 0.5]])),
    ],
    ids=lambda x: getattr(x, "__name__", ""),
)
@pytest.mark.parametrize("bad", ["avg", "MEAN", None, 1])
def test_unknown_reduction_lists_valid_ones(func, args, bad):
    with pytest.raises(
        ValueError,
        match=rf"reduction must be one of 'mean', 'sum', 'none'; found {re.escape(repr(bad))}",
    ):
        func(*args, reduction=bad)


@pytest.mark.parametrize("func", [lv.focal_loss_with_logits, lv.focal_loss_with_logits_grad])
def test_negative_gamma(func):
    with pytest.raises(
        ValueError,
        match=r"gamma must be a finite number >= 0; found gamma=-0.5\..*gamma=0 gives plain",
    ):
        func([1.0], [0.0], gamma=-0.5)
    with pytest.raises(ValueError, match=r"gamma must be a finite number >= 0; found gamma=nan"):
        func([1.0], [0.0], gamma=float("nan"))
    with pytest.raises(TypeError, match=r"gamma must be a real number >= 0; found str"):
        func([1.0], [0.0], gamma="2")


def test_alpha_outside_unit_interval():
    with pytest.raises(
        ValueError, match=r"alpha must lie in \[0, 1\].*found alpha=1.5.*alpha=None"
    ):
        lv.focal_loss_with_logits([1.0], [0.0], alpha=1.5)
    with pytest.raises(ValueError, match=r"found alpha=-1.*torchvision's alpha=-1"):
        lv.focal_loss_with_logits([1.0], [0.0], alpha=-1)


@pytest.mark.parametrize("func", [lv.softmax_cross_entropy, lv.softmax_cross_entropy_grad])
@pytest.mark.parametrize("bad", [1.0, -0.1, 1.5])
def test_label_smoothing_outside_range(func, bad):
    with pytest.raises(
        ValueError, match=rf"label_smoothing must lie in \[0, 1\); found label_smoothing={bad}"
    ):
        func([0], Z2, label_smoothing=bad)


def test_label_smoothing_type():
    with pytest.raises(TypeError, match=r"label_smoothing must be a number in \[0, 1\)"):
        lv.softmax_cross_entropy([0], Z2, label_smoothing="0.1")


@pytest.mark.parametrize("func", [lv.softmax_cross_entropy, lv.softmax_cross_entropy_grad])
@pytest.mark.parametrize(
    "bad,shape",
    [([1.0, 2.0], r"\(2,\)"), ([1.0, 2.0, 3.0, 4.0], r"\(4,\)"), ([[1.0, 2.0, 3.0]], r"\(1, 3\)")],
)
def test_class_weight_wrong_length(func, bad, shape):
    with pytest.raises(
        ValueError,
        match=rf"class_weight must hold one weight per class, shape \(3,\); found shape {shape}",
    ):
        func([0], Z2, class_weight=bad)


def test_class_weight_negative():
    with pytest.raises(ValueError, match=r"class_weight must be non-negative; found min=-1"):
        lv.softmax_cross_entropy([0], Z2, class_weight=[1.0, -1.0, 1.0])


def test_huber_delta():
    with pytest.raises(ValueError, match=r"delta must be a finite number > 0; found delta=0"):
        lv.huber([0.0], [1.0], delta=0)
    with pytest.raises(TypeError, match=r"delta must be a number > 0"):
        lv.huber([0.0], [1.0], delta="1")


# ----------------------------------------------------------------------------- distributions
@pytest.mark.parametrize(
    "func",
    [
        lv.entropy,
        lambda p: lv.cross_entropy(p, [0.5, 0.5]),
        lambda p: lv.kl_divergence(p, [0.5, 0.5]),
    ],
)
def test_distribution_negative(func):
    with pytest.raises(
        ValueError,
        match=r"p must be non-negative \(a probability distribution\); found min=-0.2.*softmax",
    ):
        func([1.2, -0.2])


@pytest.mark.parametrize(
    "func",
    [
        lv.entropy,
        lambda p: lv.cross_entropy(p, [0.5, 0.5]),
        lambda p: lv.kl_divergence(p, [0.5, 0.5]),
    ],
)
def test_distribution_not_summing_to_one(func):
    with pytest.raises(
        ValueError,
        match=r"p must sum to 1 along axis -1; found a sum of 0.9 \(off by -0.1\)"
        r".*does not renormalise",
    ):
        func([0.5, 0.4])


def test_q_checked_too():
    with pytest.raises(ValueError, match=r"q must sum to 1"):
        lv.kl_divergence([0.5, 0.5], [0.5, 0.6])
    with pytest.raises(ValueError, match=r"q must be non-negative"):
        lv.cross_entropy([0.5, 0.5], [1.5, -0.5])


def test_base_invalid():
    with pytest.raises(ValueError, match=r"base must be a finite number > 0 other than 1"):
        lv.entropy([0.5, 0.5], base=1)
    with pytest.raises(TypeError, match=r"base must be None \(nats\) or a number"):
        lv.entropy([0.5, 0.5], base="2")


# ----------------------------------------------------------------------------- nothing clipped
def test_nothing_clipped_bce():
    assert lv.bce([1], [0.0]) == np.inf  # not torch's 100, not sklearn's -log(eps) ~ 36.04
    assert lv.bce([0], [1.0]) == np.inf
    assert lv.bce([1], [1e-20]) == pytest.approx(20 * np.log(10))


def test_nothing_clipped_categorical_and_information():
    assert lv.categorical_cross_entropy([0], [[0.0, 1.0]]) == np.inf
    assert lv.kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert lv.cross_entropy([1.0, 0.0], [0.0, 1.0]) == np.inf


def test_small_distribution_error_within_tolerance_accepted_not_renormalised():
    p = np.array([0.5, 0.5 + 1e-9])
    assert lv.entropy(p) == pytest.approx(
        -(0.5 * np.log(0.5) + (0.5 + 1e-9) * np.log(0.5 + 1e-9)), rel=1e-15
    )


# ----------------------------------------------------------------------------- shared scalar checks
# _validation holds the one copy of each check; every message names the argument, says what is
# allowed, what was found, and the fix.
@pytest.mark.parametrize(
    "call,exc,message",
    [
        (
            lambda: V.check_real(-0.1, "lr", low=0.0, low_open=True),
            ValueError,
            "lr must be a finite number > 0; found -0.1. "
            "Choose a value in that range, e.g. lr=1.0.",
        ),
        (
            lambda: V.check_real(float("nan"), "x"),
            ValueError,
            "x must be a finite number; found nan. Choose a value in that range, e.g. x=1.0.",
        ),
        (
            lambda: V.check_real(1.0, "beta", low=0.0, high=1.0, high_open=True, fix="Try 0.99."),
            ValueError,
            "beta must be a finite number in [0, 1); found 1. Try 0.99.",
        ),
        (
            lambda: V.check_real(True, "lr", low=0.0, low_open=True),
            TypeError,
            "lr must be a real number > 0; found True of type bool. "
            "Pass a plain number, e.g. lr=1.0.",
        ),
        (
            lambda: V.check_int(0, "epochs", minimum=1),
            ValueError,
            "epochs must be an integer >= 1; found 0. Use epochs=1 or more.",
        ),
        (
            lambda: V.check_int(11, "k", minimum=1, maximum=10),
            ValueError,
            "k must be an integer in 1..10; found 11. Use k=10 or less.",
        ),
        (
            lambda: V.check_int(2.5, "n_steps", minimum=0),
            TypeError,
            "n_steps must be an integer; found 2.5 of type float. "
            "Pass a whole number, e.g. n_steps=2.",
        ),
        (
            lambda: V.check_seed("0"),
            TypeError,
            "seed must be an int >= 0 or a numpy.random.Generator; found '0' of type str. "
            "Pass e.g. seed=0 for reproducible results.",
        ),
        (
            lambda: V.check_seed(-3, allow_none=True),
            ValueError,
            "seed must be None, an int >= 0 or a numpy.random.Generator; found -3. "
            "Pass e.g. seed=0 for reproducible results.",
        ),
        (
            lambda: V.check_weights_bias(np.zeros(3), 0.0, 2),
            ValueError,
            "weights must have shape (2,), one per column of X; found shape (3,). "
            "Pass one weight per feature, e.g. np.zeros(2).",
        ),
        (
            lambda: V.check_weights_bias(np.zeros(2), np.zeros(2), 2),
            ValueError,
            "bias must be a scalar for a binary model; found shape (2,). "
            "Pass one number, e.g. bias=0.0.",
        ),
        (
            lambda: V.check_weights_bias(np.zeros((2, 2)), np.zeros(3), 2, 3, names=("w0", "b0")),
            ValueError,
            "w0 must have shape (2, 3) (features, classes); found shape (2, 2). "
            "Pass e.g. np.zeros((2, 3)).",
        ),
        (
            lambda: V.check_weights_bias([0.0, np.nan], 0.0, 2),
            ValueError,
            "weights must be finite; found 1 NaN value(s) (first at index (1,)). "
            "Remove the NaN/inf: "
            "a diverged training run (too large a learning rate) produces them.",
        ),
    ],
)
def test_shared_check_messages(call, exc, message):
    with pytest.raises(exc) as info:
        call()
    assert str(info.value) == message


def test_shared_checks_return_clean_values():
    assert V.check_real(np.float32(0.5), "x") == 0.5 and type(V.check_real(1, "x")) is float
    assert (
        V.check_int(np.int64(3), "n", minimum=1) == 3 and type(V.check_int(np.int8(3), "n")) is int
    )
    g = np.random.default_rng(0)
    assert V.check_seed(g) is g
    assert isinstance(V.check_seed(None, allow_none=True), np.random.Generator)
    with pytest.raises(TypeError, match="seed must be an int >= 0"):
        V.check_seed(None)
    w, b = V.check_weights_bias([1, 2], np.int64(3), 2)
    assert w.dtype == np.float64 and b == 3.0 and type(b) is float


@pytest.mark.parametrize(
    "call,message",
    [
        # one argument per module that now uses the shared checks
        (lambda: lv.data.make_blobs_binary(1), "n must be an integer >= 2; found 1."),
        (
            lambda: lv.imbalance.class_weights([0, 1], method="effective_number", beta=1.0),
            "beta must be a finite number in [0, 1); found 1.",
        ),
        (
            lambda: lv.train.train_logistic_regression([[0.0]], [1], lr=-0.1),
            "lr must be a finite number > 0; found -0.1. "
            "Use a positive learning rate such as lr=0.1.",
        ),
        (
            lambda: lv.train.predict_proba_softmax([[0.0]], [[1.0, 2.0]], [0.0]),
            "bias must have shape (2,), one per class; found shape (1,).",
        ),
        (
            lambda: lv.descent.gradient_descent(lambda t: 0.0, lambda t: t, [0.0], lr=0.0),
            "lr must be a finite number > 0; found 0. "
            "Pass a positive learning rate such as lr=0.1.",
        ),
        (
            lambda: lv.regression.gaussian_nll([0.0], [0.0], sigma=-1.0),
            "sigma must be a finite number > 0; found -1. sigma is the noise",
        ),
        (
            lambda: lv.stability.sigmoid_chain_gradient(0),
            "depth must be an integer >= 1; found 0. Use depth=1 or more.",
        ),
        (
            lambda: lv.multilabel.make_multilabel_with_rates(1),
            "n must be an integer >= 2; found 1.",
        ),
        (
            lambda: lv.metrics.calibration_curve([0, 1], [0.2, 0.8], n_bins=0),
            "n_bins must be an integer >= 1; found 0. Use e.g. n_bins=10.",
        ),
        (
            lambda: lv.metrics.confusion_matrix([0, 2], [0, 1], n_classes=2),
            "n_classes must be an integer >= 3; found 2. The labels go up to 2",
        ),
    ],
)
def test_modules_use_the_shared_checks(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert message in str(info.value)


# ----------------------------------------------------------------------------- issue 10's slips
@pytest.mark.parametrize(
    "call,message",
    [
        (lambda: lv.softmax([]), "z is empty (shape (0,)); softmax needs at least one element."),
        (lambda: lv.log_softmax([]), "z is empty (shape (0,)); log_softmax needs at least one"),
        (lambda: lv.sigmoid([]), "z is empty (shape (0,)); sigmoid needs at least one element."),
        (lambda: lv.entropy([]), "p is empty (shape (0,)); a distribution needs at least one"),
        (
            lambda: lv.mse_softmax_grad(0, np.zeros((1, 0))),
            "logits is empty (shape (1, 0)); a gradient",
        ),
        (
            lambda: lv.logit(1.5),
            "p must lie in [0, 1]; found max=1.5. logit takes probabilities; if these are already "
            "logits (scores), use them as they are, or pass sigmoid(scores).",
        ),
        (
            lambda: lv.categorical_cross_entropy([3], [[0.2, 0.3, 0.5]]),
            "y_true holds class indices, which must lie in 0..2 for 3 classes; found max=3. "
            "Check the number of classes in y_prob (its class axis) or re-encode the labels.",
        ),
        (
            lambda: lv.softmax_cross_entropy(np.array([0, 1]), [[0.0, 1.0]]),
            "y_true holds class indices, so its shape must be the shape of logits without the "
            "class axis; found y_true.shape=(2,) and logits.shape=(1, 2)",
        ),
        (
            lambda: lv.categorical_cross_entropy(np.array([0, 1]), [[0.5, 0.5]]),
            "its shape must be the shape of y_prob without the class axis",
        ),
    ],
)
def test_messages_speak_of_the_right_thing(call, message):
    with pytest.raises(ValueError) as info:
        call()
    text = str(info.value)
    assert message in text
    assert "a loss needs" not in text and "logits's" not in text and "y_prob's" not in text
    if "y_prob" in message:
        assert "logits" not in text
