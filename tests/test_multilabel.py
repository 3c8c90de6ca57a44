"""Tests of lossviz.multilabel: the source's log loss, the two heads, scores, pos_weight."""

import numpy as np
import pytest

import lossviz as lv
from lossviz import multilabel as ml


def test_source_log_loss_is_the_sum_of_per_label_bce_not_softmax_ce():
    y = np.array([0, 1, 0])
    p = np.array([0.2, 0.7, 0.1])
    assert ml.source_003_log_loss(y, p) == pytest.approx(-np.log(0.8) - np.log(0.7) - np.log(0.9))
    assert ml.source_003_log_loss(y, p) != pytest.approx(lv.categorical_cross_entropy([1], [p]))
    Y = np.array([[0, 1, 0], [1, 1, 0]])
    P = np.array([[0.2, 0.7, 0.1], [0.6, 0.5, 0.3]])
    np.testing.assert_allclose(
        ml.source_003_log_loss(Y, P), lv.bce(Y, P, reduction="none").sum(axis=1)
    )


@pytest.mark.parametrize("head", ["sigmoid", "softmax"])
def test_fit_linear_head_gradient_matches_numerical(head):
    X, Y = lv.data.make_multilabel(40, 3, seed=1)
    m = ml.fit_linear_head(X, Y, head=head, lr=0.1, epochs=1)

    # after one step from zero, W = -lr * grad(0); compare with a numerical gradient of the loss
    def loss(wflat):
        W = wflat.reshape(X.shape[1], Y.shape[1])
        z = X @ W
        if head == "sigmoid":
            return lv.bce_with_logits(Y, z)
        U = Y / np.maximum(Y.sum(1, keepdims=True), 1)
        return float(-(U * lv.log_softmax(z)).sum() / len(X))

    g = lv.numerical_grad(loss, np.zeros(X.shape[1] * Y.shape[1]))
    np.testing.assert_allclose(m.W.ravel(), -0.1 * g, atol=1e-8)


def test_pos_weight_gradient_matches_core_loss():
    X, Y = lv.data.make_multilabel(50, 2, seed=2)
    pw = ml.pos_weight_from_labels(Y)
    m = ml.fit_linear_head(X, Y, lr=0.1, epochs=1, pos_weight=pw)
    g = lv.numerical_grad(
        lambda b: lv.bce_with_logits(Y, np.zeros_like(Y, float) + b, pos_weight=pw), np.zeros(2)
    )
    np.testing.assert_allclose(m.b, -0.1 * g, atol=1e-8)
    assert m.losses[0] == pytest.approx(lv.bce_with_logits(Y, np.zeros(Y.shape), pos_weight=pw))


def test_softmax_cannot_predict_two_labels_at_threshold_one_half():
    X, Y = lv.data.make_multilabel(300, 3, seed=0)
    soft = ml.fit_linear_head(X, Y, head="softmax", epochs=300)
    sig = ml.fit_linear_head(X, Y, head="sigmoid", epochs=300)
    assert soft.predict(X).sum(axis=1).max() <= 1
    assert sig.predict(X).sum(axis=1).max() >= 2
    assert (
        ml.multilabel_scores(Y, sig.predict(X))["label_accuracy"]
        > ml.multilabel_scores(Y, soft.predict(X))["label_accuracy"]
    )
    np.testing.assert_allclose(soft.predict_proba(X).sum(axis=1), 1.0)


def test_scores_and_errors():
    s = ml.multilabel_scores([[1, 0], [1, 1]], [[1, 0], [0, 1]])
    assert s == {
        "label_accuracy": 0.75,
        "exact_match": 0.5,
        "labels_per_row_true": 1.5,
        "labels_per_row_pred": 1.0,
    }
    with pytest.raises(ValueError, match="same shape"):
        ml.multilabel_scores([[1, 0]], [[1, 0, 0]])
    with pytest.raises(ValueError, match="head must be"):
        ml.fit_linear_head([[0.0]], [[1]], head="tanh")
    with pytest.raises(ValueError, match="0/1"):
        ml.fit_linear_head([[0.0]], [[0.5]])
    with pytest.raises(ValueError, match="sigmoid head only"):
        ml.fit_linear_head([[0.0]], [[1]], head="softmax", pos_weight=[2.0])
    with pytest.raises(ValueError, match="at least one positive"):
        ml.pos_weight_from_labels([[0, 1], [0, 1]])
