r"""Tiny full-batch gradient-descent trainers, vectorised and deterministic.

Every loss and every gradient comes from the maths core (:mod:`lossviz.losses`,
:mod:`lossviz.gradients`); this module only adds the chain rule through the linear
model ``z = X w + b`` and the update ``theta <- theta - lr * grad``.

* :func:`train_single_neuron` — Nielsen's one-neuron experiment (*Neural Networks and
  Deep Learning*, ch. 3): input ``x = 1``, target ``y = 0``, one weight and one bias, a
  sigmoid output; cross-entropy against the quadratic cost. ``w0`` and ``b0`` may be
  arrays: many neurons are then trained at once (one vectorised loop over the epochs).
* :func:`train_logistic_regression` — binary logistic regression with BCE (optionally
  ``pos_weight``), focal loss or MSE on the sigmoid, sample or class weights, L1/L2.
* :func:`train_softmax_regression` — multinomial logistic regression with softmax
  cross-entropy, class weights, label smoothing, L1/L2.

The objectives and their gradients are public too (:func:`logistic_regression_loss`,
:func:`logistic_regression_grad`, :func:`softmax_regression_loss`,
:func:`softmax_regression_grad`), so that a chapter can check them with
:func:`lossviz.gradients.numerical_grad`.

The quadratic cost of the single neuron
---------------------------------------
Nielsen writes the quadratic cost as :math:`C = (a - y)^2 / 2`, while this package's
:func:`~lossviz.losses.mse` has no ½. The factor matters for the experiment because it
halves the gradient at the same learning rate. :func:`train_single_neuron` uses
``mse_scale * (a - y)**2`` with ``mse_scale=0.5`` by default, Nielsen's convention, which
reproduces his numbers (computed here, η = 0.15, 300 epochs, x = 1, y = 0):

=====================  ==================  ===================  ===============
start                  quadratic ½(a−y)²   (a−y)² (no ½)        cross-entropy
=====================  ==================  ===================  ===============
w = 0.6, b = 0.9       output 0.094        output 0.061         output 0.012
w = 2.0, b = 2.0       output 0.203        output 0.078         output 0.012
=====================  ==================  ===================  ===============

(The output starts at σ(1.5) = 0.82 and σ(4) = 0.98.) ``mse_scale=1.0`` gives the cost
without ½.

Objective of the linear models
------------------------------
``data_loss = sum_i s_i * l_i / sum_i s_i`` (the plain mean when there are no sample
weights; with weights, a weighted average, so the scale of the weights does not change
the step size), plus the penalty ``l2 * sum(w**2) + l1 * sum(|w|)`` on the weights
(not on the bias). ``l_i`` is the per-sample loss of the core: for ``"bce"``
:func:`~lossviz.losses.bce_with_logits` (with ``pos_weight`` as in PyTorch), for
``"focal"`` :func:`~lossviz.losses.focal_loss_with_logits`, for ``"mse"``
``(sigmoid(z) - y)**2`` as :func:`~lossviz.losses.mse`. For the softmax regression the
data loss is :func:`~lossviz.losses.softmax_cross_entropy` with ``reduction="mean"``
(PyTorch's weighted mean when ``class_weight`` is given).

The trainers take a plain gradient step on the data loss and the L2 term, then handle
the L1 term by its proximal step (soft thresholding, ISTA): ``w <- sign(w) max(|w| -
lr * l1, 0)``. Unlike a subgradient step, which makes small weights jump around 0,
this decreases the objective steadily for a small enough ``lr`` and sets weights
exactly to 0 — the sparsity that L1 is known for. The gradient functions report the
L1 term as ``l1 * sign(w)`` (0 at ``w = 0``).
"""

from __future__ import annotations

from .binary import (
    LogisticRegressionFit,
    NeuronTrace,
    logistic_regression_grad,
    logistic_regression_loss,
    predict_proba_logistic,
    train_logistic_regression,
    train_single_neuron,
)
from .multiclass import (
    SoftmaxRegressionFit,
    predict_proba_softmax,
    softmax_regression_grad,
    softmax_regression_loss,
    train_softmax_regression,
)

__all__ = [
    "NeuronTrace",
    "LogisticRegressionFit",
    "SoftmaxRegressionFit",
    "train_single_neuron",
    "train_logistic_regression",
    "train_softmax_regression",
    "logistic_regression_loss",
    "logistic_regression_grad",
    "softmax_regression_loss",
    "softmax_regression_grad",
    "predict_proba_logistic",
    "predict_proba_softmax",
]
