r"""Loss functions for classification and regression, exact and numerically stable (numpy only).

Definitions follow PyTorch where PyTorch has the same function:

* :func:`bce` is ``torch.nn.BCELoss`` without its clamp of ``log`` at -100: a confident wrong
  answer costs exactly ``inf``.
* :func:`bce_with_logits` is ``torch.nn.BCEWithLogitsLoss`` (``pos_weight`` included).
* :func:`softmax_cross_entropy` is ``torch.nn.functional.cross_entropy`` (class indices or
  probability rows, ``weight`` as ``class_weight``, ``label_smoothing``).
* :func:`focal_loss_with_logits` is ``torchvision.ops.sigmoid_focal_loss`` (``alpha=None`` means
  torchvision's ``alpha=-1``: no weighting).
* :func:`mse`, :func:`mae`, :func:`huber` are ``MSELoss`` (no factor ½), ``L1Loss``, ``HuberLoss``.

Every function takes ``reduction="mean" | "sum" | "none"``.
"""

from __future__ import annotations

from .binary import bce, bce_with_logits, focal_loss_prob, focal_loss_with_logits
from .multiclass import categorical_cross_entropy, softmax_cross_entropy
from .regression import huber, mae, mse

__all__ = [
    "bce",
    "bce_with_logits",
    "mse",
    "mae",
    "huber",
    "softmax_cross_entropy",
    "categorical_cross_entropy",
    "focal_loss_with_logits",
    "focal_loss_prob",
]
