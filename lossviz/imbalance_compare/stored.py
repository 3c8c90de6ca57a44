"""The explorer's fits, stored as package data, and the held-out summaries they keep."""

from __future__ import annotations

import json
import os

import numpy as np

from ..metrics import calibration_curve
from .evaluation import (
    _check_binary,
    _pr_counts,
    average_precision,
    expected_calibration_error,
)
from .problem import REMEDIES, RemedyFit, fit_remedy, make_problem

__all__ = [
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


# ----------------------------------------------------------------- the explorer's fits, stored
#: The ratios of :class:`lossviz.explorers.ImbalanceExplorer`'s slider (log-spaced, 1:1 to 1:1000).
EXPLORER_RATIOS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
#: The values of the explorer's focal γ slider (0 to 5 in steps of 0.5).
EXPLORER_GAMMAS = tuple(0.5 * k for k in range(11))
#: The package data file written by :func:`precompute_fits`.
FITS_FILE = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    "_precomputed",
    "imbalance_fits.json",
)
_FORMAT = 1
_PR_POINTS = 300
_MIN_BIN = 20
_stored: dict = {}


def setting_key(ratio, remedy, gamma=None):
    """The key of one explorer setting in :data:`FITS_FILE` (γ counts for focal loss only).

    Examples
    --------
    >>> setting_key(100, "focal", 2), setting_key(100, "none", 2)
    ('100.0|focal|2.0', '100.0|none|-')
    """
    g = repr(float(gamma)) if remedy == "focal" else "-"
    return f"{float(ratio)!r}|{remedy}|{g}"


def explorer_settings():
    """Every (ratio, remedy, γ) the explorer's controls can reach: 10 ratios × (5 remedies + focal
    loss at 11 values of γ) = 160 settings (γ is ``None`` for the remedies without it).

    Examples
    --------
    >>> s = explorer_settings()
    >>> len(s), s[0], s[-1]
    (160, (1, 'none', None), (1000, 'prior_correction', None))
    """
    out = []
    for ratio in EXPLORER_RATIOS:
        for remedy in REMEDIES:
            if remedy == "focal":
                out.extend((ratio, remedy, g) for g in EXPLORER_GAMMAS)
            else:
                out.append((ratio, remedy, None))
    return out


def _thin_index(x, n):
    """Indices of a step curve with fewer points: where ``x`` changes (both ends of each run of
    equal ``x``), then, if still more than ``n``, every k-th of them (the ends kept)."""
    change = np.flatnonzero(np.diff(x) != 0)
    idx = np.unique(np.r_[0, change, change + 1, x.size - 1])
    if idx.size > n:
        idx = idx[np.unique(np.r_[np.linspace(0, idx.size - 1, n).astype(int), idx.size - 1])]
    return idx


def held_out_summary(y_true, y_prob, *, pr_points=_PR_POINTS, min_bin=_MIN_BIN):
    """What the explorer draws of one model's held-out probabilities, as plain JSON values.

    The precision-recall curve thinned to at most ``pr_points`` points, stored exactly as counts
    (``pr_tp``, ``pr_fp``: true and false positives at each kept threshold, highest recall first;
    the closing point recall 0, precision 1 is implied; see :func:`pr_from_summary`), ``n_pos``,
    ``ap`` (:func:`average_precision`), ``ece`` (:func:`expected_calibration_error`), ``mean_p``
    and the reliability diagram ``cal_pred, cal_true`` (bins of at least ``min_bin`` examples).

    Examples
    --------
    >>> s = held_out_summary([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], min_bin=1)
    >>> s["pr_tp"], s["pr_fp"], round(s["ap"], 4)
    ([2, 2, 1, 1], [2, 1, 1, 0], 0.8333)
    """
    t, p = _check_binary(y_true, y_prob)
    tps, fps, _ = _pr_counts(t, p)
    n_pos = int(tps[-1])
    recall = np.r_[(tps / n_pos if n_pos > 0 else np.zeros(tps.size))[::-1], 0.0]
    idx = _thin_index(recall, pr_points)[:-1]  # the last kept point is the closing one
    cal_true, cal_pred, cal_n = calibration_curve(t, p, n_bins=10)
    keep = cal_n >= min_bin  # a bin of a handful of examples is noise, not calibration
    return {
        "n_pos": n_pos,
        "pr_tp": [int(v) for v in tps[::-1][idx]],
        "pr_fp": [int(v) for v in fps[::-1][idx]],
        "ap": average_precision(t, p),
        "ece": expected_calibration_error(t, p),
        "mean_p": float(p.mean()),
        "cal_pred": [float(v) for v in cal_pred[keep]],
        "cal_true": [float(v) for v in cal_true[keep]],
    }


def pr_from_summary(summary):
    """The thinned precision-recall curve of :func:`held_out_summary`: ``recall, precision``.

    Bit for bit the values :func:`pr_curve` gives at those thresholds.

    Examples
    --------
    >>> r, p = pr_from_summary(held_out_summary([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]))
    >>> r.tolist(), p.tolist()
    ([1.0, 1.0, 0.5, 0.5, 0.0], [0.5, 0.6666666666666666, 0.5, 1.0, 1.0])
    """
    tp = np.asarray(summary["pr_tp"], dtype=np.int64)
    fp = np.asarray(summary["pr_fp"], dtype=np.int64)
    n_pos = summary["n_pos"]
    recall = tp / n_pos if n_pos > 0 else np.zeros(tp.size)
    return np.r_[recall, 0.0], np.r_[tp / (tp + fp), 1.0]


def _fit_record(fit):
    return {
        "weights": [float(v) for v in fit.weights],
        "bias": float(fit.bias),
        "logit_shift": float(fit.logit_shift),
        "train_prior": float(fit.train_prior),
        "n_train": [int(v) for v in fit.n_train],
    }


def fit_from_record(record, remedy):
    """The :class:`RemedyFit` of a stored setting (``seconds`` 0: nothing was trained)."""
    return RemedyFit(
        remedy,
        np.array(record["weights"], dtype=np.float64),
        float(record["bias"]),
        float(record["logit_shift"]),
        float(record["train_prior"]),
        tuple(record["n_train"]),
        0.0,
    )


def evaluate_setting(ratio, remedy, gamma=None, *, problem=None):
    """Train one remedy at one ratio of :func:`make_problem` and summarise it on held-out data.

    Returns
    -------
    fit : RemedyFit
    record : dict
        The fitted parameters (``weights, bias, logit_shift, train_prior, n_train``) and
        :func:`held_out_summary` of the held-out probabilities: one entry of :data:`FITS_FILE`.
    """
    prob = make_problem(ratio) if problem is None else problem
    fit = fit_remedy(prob.X, prob.y, remedy, gamma=2.0 if gamma is None else gamma)
    record = _fit_record(fit)
    record.update(held_out_summary(prob.y_test, fit.predict_proba(prob.X_test)))
    return fit, record


def precompute_fits(path=FITS_FILE, settings=None):
    """Write the explorer's fits and held-out curves to ``path`` (JSON, deterministic).

    Regenerate the package data after any change to the data, the training or the summaries::

        python -c "import lossviz.imbalance_compare as ic; ic.precompute_fits()"

    ``settings`` (default :func:`explorer_settings`: every setting of the explorer's controls,
    about two minutes) is a list of ``(ratio, remedy, gamma)``.  One setting per line, keys sorted.

    Returns
    -------
    str
        The path written.
    """
    settings = explorer_settings() if settings is None else list(settings)
    problems = {}
    lines = []
    for ratio, remedy, gamma in settings:
        if ratio not in problems:
            problems = {ratio: make_problem(ratio)}  # one data set in memory at a time
        _, record = evaluate_setting(ratio, remedy, gamma, problem=problems[ratio])
        key = setting_key(ratio, remedy, gamma)
        lines.append(f"{json.dumps(key)}: {json.dumps(record, sort_keys=True)}")
    head = {
        "about": "ImbalanceExplorer's fits: written by lossviz.imbalance_compare.precompute_fits()",
        "format": _FORMAT,
        "pr_points": _PR_POINTS,
        "min_bin": _MIN_BIN,
    }
    body = ",\n".join(lines)
    text = json.dumps(head, sort_keys=True)[:-1] + ', "settings": {\n' + body + "\n}}\n"
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    _stored.pop(os.path.abspath(path), None)
    return path


def stored_fits(path=FITS_FILE):
    """The settings stored by :func:`precompute_fits`: ``{setting_key: record}`` (read once;
    empty when the file is missing).

    Examples
    --------
    >>> len(stored_fits()) >= 160
    True
    """
    key = os.path.abspath(path)
    if key not in _stored:
        try:
            with open(key, encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            data = {"settings": {}}
        if data.get("format", _FORMAT) != _FORMAT:
            raise ValueError(
                f"{path} has format {data.get('format')!r}; this lossviz reads format {_FORMAT}. "
                "Regenerate it with lossviz.imbalance_compare.precompute_fits()."
            )
        _stored[key] = data["settings"]
    return _stored[key]


def stored_setting(ratio, remedy, gamma=None):
    """The stored record of one explorer setting, or ``None`` when it is not in the file.

    Examples
    --------
    >>> stored_setting(100, "none")["n_train"]
    [2000, 20]
    >>> stored_setting(100, "focal", 1.25) is None    # not a value of the slider
    True
    """
    return stored_fits().get(setting_key(ratio, remedy, gamma))
