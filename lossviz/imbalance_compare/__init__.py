r"""Remedies for class imbalance compared on the same data, at the true ratio.

The computations behind chapter 07 and :class:`lossviz.explorers.ImbalanceExplorer`:

* :func:`make_problem` — training and held-out data of two unit Gaussians at an imbalance ratio
  that is exactly the one asked for (up to 1:1000): the minority keeps at least
  ``min_minority`` points and the majority grows to ``ratio`` times as many, so "1:1000" is
  20000 : 20 in training and 100000 : 100 held out, never a silently capped ratio.
* :func:`fit_remedy` — one logistic regression per remedy, trained to its optimum (L-BFGS on the
  maths core's losses and gradients): ``"none"``, ``"class_weights"`` (``n / (K n_c)``),
  ``"oversample"``, ``"undersample"``, ``"focal"`` (γ) and ``"prior_correction"`` (class weights,
  then Bayes' rule maps the probabilities back to the true prior: a shift of the logit).
* :func:`pr_curve`, :func:`average_precision`, :func:`operating_point`, :func:`tune_threshold` —
  the precision-recall curve (scikit-learn's conventions), its operating point at a threshold,
  and a threshold chosen on a validation split.
* :func:`compare_remedies` — a :class:`Table` of precision, recall, F1, AP, ECE and mean predicted
  probability on held-out data, one row per remedy; :func:`sklearn_peer` — the same data through
  scikit-learn (``class_weight``, ``CalibratedClassifierCV`` with Platt and isotonic,
  ``average_precision_score``, ``TunedThresholdClassifierCV``).
* Focal loss's mechanism: :func:`loss_shares` (the share of the total loss that comes from easy
  negatives), :func:`cumulative_loss` (the normalised cumulative loss of Lin et al. 2017, Fig. 4).
* A flood of easy negatives: :func:`make_flood` and :func:`train_mlp`, a one-hidden-layer network
  trained with cross-entropy or focal loss, where focal loss can help (and a linear model, where it
  cannot).

Examples
--------
>>> prob = make_problem(1000)
>>> prob.counts, prob.test_counts
((20000, 20), (100000, 100))
>>> prob.ratio, prob.test_ratio
(1000.0, 1000.0)
"""

from __future__ import annotations

from .evaluation import (
    average_precision,
    class_share_table,
    compare_remedies,
    effective_number_table,
    evaluate,
    expected_calibration_error,
    operating_point,
    pr_curve,
    sklearn_peer,
    tune_threshold,
)
from .focal import (
    cumulative_loss,
    easy_negative_table,
    flood_experiment,
    loss_shares,
    make_flood,
    train_mlp,
)
from .problem import (
    REMEDIES,
    ImbalanceProblem,
    RemedyFit,
    Table,
    fit_logistic,
    fit_remedy,
    make_problem,
    true_ratio_counts,
)
from .stored import (
    EXPLORER_GAMMAS,
    EXPLORER_RATIOS,
    FITS_FILE,
    evaluate_setting,
    explorer_settings,
    fit_from_record,
    held_out_summary,
    pr_from_summary,
    precompute_fits,
    setting_key,
    stored_fits,
    stored_setting,
)

# private, but the tests reach it as ``imbalance_compare._thin_index``
from .stored import _thin_index as _thin_index

__all__ = [
    "REMEDIES",
    "Table",
    "ImbalanceProblem",
    "RemedyFit",
    "true_ratio_counts",
    "make_problem",
    "fit_logistic",
    "fit_remedy",
    "pr_curve",
    "average_precision",
    "operating_point",
    "expected_calibration_error",
    "evaluate",
    "tune_threshold",
    "compare_remedies",
    "sklearn_peer",
    "class_share_table",
    "effective_number_table",
    "loss_shares",
    "easy_negative_table",
    "cumulative_loss",
    "make_flood",
    "train_mlp",
    "flood_experiment",
    "EXPLORER_RATIOS",
    "EXPLORER_GAMMAS",
    "FITS_FILE",
    "setting_key",
    "explorer_settings",
    "held_out_summary",
    "pr_from_summary",
    "evaluate_setting",
    "precompute_fits",
    "stored_fits",
    "stored_setting",
    "fit_from_record",
]
