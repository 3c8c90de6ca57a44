"""Helpers for the frame-consistency tests of the explorers (imported by tests; not collected).

Only the public explorer API is used: the classes exported by :mod:`lossviz.explorers`,
``ex.controls`` (the widgets a student moves), ``ex.set``, ``ex.params``, ``ex.image_bytes``,
``ex.readout_text``, ``ex.last_error`` and constructor keywords.
"""

from __future__ import annotations

import importlib
import io
import pkgutil
from dataclasses import dataclass

import matplotlib.axes
import numpy as np
from PIL import Image

import lossviz.explorers as explorers_pkg
from lossviz.explorers import Explorer

__all__ = [
    "FEW",
    "Move",
    "explorer_classes",
    "defined_explorer_classes",
    "control_moves",
    "apply_move",
    "frame_pixels",
    "frame_difference",
    "figure_content",
    "content_differences",
]

#: A discrete control (or an integer or selection slider) with at most this many values has
#: every value visited; a longer one is visited at both ends and in the middle.
FEW = 6


def explorer_classes():
    """Every :class:`~lossviz.explorers.Explorer` subclass exported by :mod:`lossviz.explorers`.

    Examples
    --------
    >>> "LossExplorer" in [c.__name__ for c in explorer_classes()]
    True
    """
    found = []
    for name in getattr(explorers_pkg, "__all__", dir(explorers_pkg)):
        obj = getattr(explorers_pkg, name)
        if isinstance(obj, type) and issubclass(obj, Explorer) and obj is not Explorer:
            found.append(obj)
    return sorted(set(found), key=lambda c: c.__name__)


def defined_explorer_classes():
    """Every concrete Explorer subclass defined in a module of the :mod:`lossviz.explorers` package
    (whether exported or not); the package's modules are imported first."""
    for info in pkgutil.iter_modules(explorers_pkg.__path__):
        importlib.import_module(f"{explorers_pkg.__name__}.{info.name}")
    out, todo = set(), list(Explorer.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith(explorers_pkg.__name__ + ".") and not cls.__name__.startswith(
            "_"
        ):
            out.add(cls)
    return sorted(out, key=lambda c: c.__name__)


@dataclass(frozen=True)
class Move:
    """One control moved to one value, from the widget (``via="widget"``) or ``ex.set``."""

    name: str
    value: object
    via: str = "widget"

    def __str__(self):
        if self.via == "set":
            return f"set({self.name}={self.value!r})"
        return f"controls[{self.name!r}].value = {self.value!r}"


def _option_values(widget):
    return [o[1] if isinstance(o, tuple) else o for o in widget.options]


def _positions(lo, hi, step):
    """How many positions a slider from ``lo`` to ``hi`` in steps of ``step`` has."""
    return int(round((hi - lo) / step)) + 1


def control_values(widget, few=FEW):
    """The values a sweep visits for one control widget.

    Sliders: both ends and the middle (a value on the slider's step grid); a slider with at most
    ``few`` positions: every position.  Checkboxes: True and False.  Toggle buttons, drop-downs
    and selection sliders: every option (a selection slider with more than ``few``: both ends and
    the middle option).
    """
    if hasattr(widget, "options"):  # ToggleButtons, Dropdown, SelectionSlider
        values = _option_values(widget)
        if type(widget).__name__ == "SelectionSlider" and len(values) > few:
            return [values[0], values[len(values) // 2], values[-1]]
        return list(values)
    if hasattr(widget, "min") and hasattr(widget, "max"):  # FloatSlider, IntSlider
        lo, hi, step = widget.min, widget.max, widget.step
        n = _positions(lo, hi, step)
        is_int = isinstance(widget.value, (int, np.integer)) and not isinstance(widget.value, bool)
        values = [lo + i * step for i in range(n)] if n <= few else [lo, lo + (n // 2) * step, hi]
        if is_int:
            return [int(v) for v in values]
        return [round(float(v), 10) for v in values]
    if isinstance(widget.value, bool):  # Checkbox
        return [True, False]
    raise AssertionError(f"no sweep for a control widget of type {type(widget).__name__}")


def control_moves(ex, rng, few=FEW):
    """Every (control, value) move of a sweep over ``ex.controls``, shuffled by ``rng``; each move
    is made from the widget or with ``ex.set`` (chosen by ``rng``)."""
    moves = [
        (name, value)
        for name, widget in ex.controls.items()
        for value in control_values(widget, few)
    ]
    order = rng.permutation(len(moves))
    vias = rng.choice(["widget", "set"], size=len(moves))
    return [Move(*moves[i], via=str(v)) for i, v in zip(order, vias, strict=True)]


def apply_move(ex, move):
    """Make one move on a live explorer, the way a student (widget) or a chapter (``set``) would."""
    if move.via == "set":
        ex.set(**{move.name: move.value})
    else:
        ex.controls[move.name].value = move.value


def frame_pixels(ex):
    """The frame the explorer's ``Image`` widget shows, decoded to an ``(H, W, 3)`` uint8 array."""
    data = ex.image_bytes
    if not data:
        raise AssertionError(f"{type(ex).__name__} shows no picture (last error: {ex.last_error})")
    with Image.open(io.BytesIO(data)) as im:
        return np.asarray(im.convert("RGB"))


def frame_difference(a, b, threshold=32):
    """How two frames differ: mean absolute difference (0–255, over pixels and channels), the
    fraction of pixels whose largest channel difference exceeds ``threshold``, and that largest
    difference.

    Examples
    --------
    >>> a = np.zeros((2, 2, 3), np.uint8); b = a.copy(); b[0, 0] = 255
    >>> d = frame_difference(a, b)
    >>> round(d["mean"], 2), d["fraction"], d["max"]
    (63.75, 0.25, 255)
    """
    if a.shape != b.shape:
        return {"mean": float("inf"), "fraction": 1.0, "max": 255, "shapes": (a.shape, b.shape)}
    diff = np.abs(a.astype(np.int16) - b.astype(np.int16))
    per_pixel = diff.max(axis=-1)
    return {
        "mean": float(diff.mean()),
        "fraction": float((per_pixel > threshold).mean()),
        "max": int(per_pixel.max()),
    }


def _patch_vertices(patch):
    try:
        return np.asarray(patch.get_path().transformed(patch.get_patch_transform()).vertices, float)
    except (AttributeError, NotImplementedError):
        return np.asarray(patch.get_path().vertices, float)


def _xy(line):
    return np.asarray(line.get_xydata(), float)


def _offsets(collection):
    return np.asarray(collection.get_offsets(), float)


def _text(text):
    return (text.get_text(), *map(float, text.get_position()))


def _shown(artist, data):
    # a hidden artist shows nothing, so its data may be stale
    return data(artist) if artist.get_visible() else "hidden"


def figure_content(fig):
    """What a figure shows, independent of its size and layout: for each visible Axes (in
    drawing order), the limits, the axis labels and title, and the data of its visible lines,
    collections (offsets), patches (vertices in data coordinates) and texts (string and
    position); a hidden artist is recorded as ``"hidden"``."""
    out = []
    for ax in fig.findobj(matplotlib.axes.Axes):
        if not ax.get_visible():
            continue
        out.append(
            {
                "limits": np.array([*ax.get_xlim(), *ax.get_ylim()], float),
                "labels": (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()),
                "lines": [_shown(ln, _xy) for ln in ax.lines],
                "collections": [_shown(c, _offsets) for c in ax.collections],
                "patches": [_shown(p, _patch_vertices) for p in ax.patches],
                "texts": [_shown(t, _text) for t in ax.texts],
            }
        )
    return out


def content_differences(a, b, path="figure"):
    """Where two :func:`figure_content` results differ, as a list of short descriptions.

    Examples
    --------
    >>> content_differences([{"x": np.zeros(2)}], [{"x": np.ones(2)}])
    ['figure[0].x: [0. 0.] != [1. 1.]']
    """
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        a, b = np.asarray(a, float), np.asarray(b, float)
        if a.shape == b.shape and np.allclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True):
            return []
        return [f"{path}: {np.array2string(a, threshold=6)} != {np.array2string(b, threshold=6)}"]
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{path}: keys {sorted(a)} != {sorted(b)}"]
        return [d for k in a for d in content_differences(a[k], b[k], f"{path}.{k}")]
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items != {len(b)} items"]
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in content_differences(x, y, f"{path}[{i}]")
        ]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]
