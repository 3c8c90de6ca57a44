"""Export a lossviz explorer for the static site: its own two blit layers, on a grid of settings.

For every setting of the grid the explorer (a live one, the very object a notebook shows) is set,
and its picture is taken apart the way the explorer draws it:

* the **background** (the cached full draw with every animated artist left out, plus the slow
  layer when the explorer has one) as a PNG, deduplicated by its bytes: most explorers' background
  depends on a few discrete controls only;
* each visible **animated artist** drawn alone by the same Agg renderer onto a transparent canvas,
  cropped to the pixels it touches, as an RGBA PNG *sprite* placed at ``(x, y)``, deduplicated
  across settings (a marker that depends on ``p`` only is stored once per ``p``);
* the **readout** HTML and its plain text (the picture's text alternative), deduplicated.

The page draws the background and then the sprites in the explorer's drawing order on a
``<canvas>`` (``source-over``, the blend Agg uses), so the picture is the kernel's picture up to
the rounding of alpha blending.  The alternative, whole frames per setting as JPEG (quality 90,
like the live explorer), is measured on the same grid and reported (``stats["jpeg_bytes"]``).

The grid (:func:`control_grid`, :func:`settings_grid`): a continuous slider keeps its range with
at least :data:`MIN_POSITIONS` positions (every position of its step grid when it has at most
:data:`FULL_POSITIONS`), the value the notebook starts at is always a position; choices, checkboxes
and selection sliders keep every value.  When the full product exceeds the budget, one slider at
a time is swept over all its positions with the other sliders at a few positions, for every
combination of the discrete controls (or, when even that is too much, for the discrete controls
moved one at a time); :func:`grid_note` says what was precomputed, and the page snaps to the
nearest precomputed setting.

Examples
--------
>>> from lossviz.explorers import FloatParam, ChoiceParam
>>> g = control_grid("p", FloatParam(0.0, 1.0, 0.01, 0.5), 0.8)
>>> len(g["values"]) >= MIN_POSITIONS, g["values"][0], g["values"][-1], 0.8 in g["values"]
(True, 0.0, 1.0, True)
>>> grid = [g, control_grid("y", ChoiceParam([0, 1], 1), 1)]
>>> scheme, settings = settings_grid(grid, budget=1000)
>>> scheme, len(settings)
('full', 102)
"""

from __future__ import annotations

import hashlib
import io
import itertools
import math
import time

import numpy as np
from PIL import Image

from lossviz.explorers._params import (
    BoolParam,
    ChoiceParam,
    FloatParam,
    IntParam,
    SelectionParam,
)

__all__ = [
    "MIN_POSITIONS",
    "control_grid",
    "settings_grid",
    "grid_note",
    "export_explorer",
]

#: A continuous slider gets at least this many positions.
MIN_POSITIONS = 51
#: The whole-frame JPEG alternative is measured on one setting in this many (and scaled up).
JPEG_SAMPLE = 4
#: A slider with at most this many positions counts as discrete (all values, in the product).
FEW = 6


def _fmt(v):
    if isinstance(v, bool):
        return "on" if v else "off"
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


def control_grid(name, spec, start):
    """The values the site precomputes for one control.

    Parameters
    ----------
    name : str
        The control's name.
    spec : FloatParam, IntParam, ChoiceParam, BoolParam or SelectionParam
        Its specification (``Explorer.param_spec()[name]``).
    start : object
        The value the notebook starts at; always one of the values.

    Returns
    -------
    dict
        ``name``, ``label``, ``kind`` (``"range"``, ``"choice"`` or ``"bool"``), ``values``,
        ``labels`` (what the page shows for each value), ``start`` (index of ``start``) and
        ``full`` (how many positions the kernel's control has).

    Examples
    --------
    >>> from lossviz.explorers import IntParam
    >>> g = control_grid("n", IntParam(0, 1000, 300, step=10), 300)
    >>> len(g["values"]), g["values"][:3], g["full"]
    (51, [0, 20, 40], 101)
    """
    label = getattr(spec, "label", None) or name
    if isinstance(spec, (FloatParam, IntParam)):
        is_int = isinstance(spec, IntParam)
        n = int(round((spec.max - spec.min) / spec.step)) + 1
        if n <= MIN_POSITIONS:
            idx = list(range(n))
        else:  # MIN_POSITIONS positions spread over the range, each on the kernel's step grid
            idx = sorted(
                {int(round(i * (n - 1) / (MIN_POSITIONS - 1))) for i in range(MIN_POSITIONS)}
            )
        if is_int:
            values = [int(spec.min + i * spec.step) for i in idx]
        else:
            values = [round(float(spec.min + i * spec.step), 10) for i in idx]
            values[-1] = float(spec.max)
        start = int(start) if is_int else float(start)
        if not any(abs(v - start) <= 1e-9 * max(1.0, abs(start)) for v in values):
            values = sorted([*values, start])
        fmt = getattr(spec, "readout_format", ".2f")
        labels = [str(v) if is_int else format(v, fmt) for v in values]
        kind = "range" if len(values) > FEW else "choice"
        full = n
    elif isinstance(spec, SelectionParam):
        pairs = spec._pairs()
        values, labels = [v for _, v in pairs], [lab for lab, _ in pairs]
        kind, full = ("range" if len(values) > FEW else "choice"), len(values)
    elif isinstance(spec, ChoiceParam):
        pairs = spec._pairs()
        values, labels = [v for _, v in pairs], [lab for lab, _ in pairs]
        kind, full = "choice", len(values)
    elif isinstance(spec, BoolParam):
        values, labels, kind, full = [False, True], ["off", "on"], "bool", 2
    else:
        raise TypeError(
            f"control {name!r}: the site cannot export a {type(spec).__name__}; "
            "allowed: FloatParam, IntParam, ChoiceParam, BoolParam, SelectionParam."
        )
    try:
        start_index = values.index(start)
    except ValueError:
        start_index = int(np.argmin([abs(float(v) - float(start)) for v in values]))
    return {
        "name": name,
        "label": label,
        "kind": kind,
        "values": values,
        "labels": labels,
        "start": start_index,
        "full": full,
    }


def _few(n, start, m):
    """``m`` indices out of ``range(n)``, spread over the range, always containing ``start``."""
    if m >= n:
        return list(range(n))
    if m == 1:
        return [start]
    picks = {int(round(i * (n - 1) / (m - 1))) for i in range(m)}
    picks.discard(min(picks, key=lambda i: abs(i - start)))
    picks.add(start)
    return sorted(picks)


def settings_grid(grid, budget):
    """The settings to precompute, as tuples of indices into each control's ``values``.

    Parameters
    ----------
    grid : list of dict
        :func:`control_grid` of every control, in display order.
    budget : int
        The most settings to render (exceeded only when even the smallest scheme needs more).

    Returns
    -------
    scheme : str
        ``"full"`` (every combination), ``"star-m"`` (one slider at a time, the other sliders at
        ``m`` positions, every combination of the discrete controls) or ``"star-1-one"`` (the
        discrete controls moved one at a time off their starting values).
    settings : list of tuple of int
        Sorted, without duplicates; the starting setting is always included.

    Examples
    --------
    >>> from lossviz.explorers import FloatParam
    >>> g = [control_grid(k, FloatParam(0.0, 1.0, 0.01, 0.5), 0.5) for k in "abc"]
    >>> scheme, s = settings_grid(g, budget=500)
    >>> scheme, len(s)
    ('star-1', 151)
    """
    sliders = [i for i, g in enumerate(grid) if g["kind"] == "range"]
    discrete = [i for i, g in enumerate(grid) if g["kind"] != "range"]
    sizes = [len(g["values"]) for g in grid]
    start = tuple(g["start"] for g in grid)
    d_all = list(itertools.product(*[range(sizes[i]) for i in discrete]))
    full = math.prod(sizes)
    if full <= budget:
        return "full", list(itertools.product(*[range(n) for n in sizes]))

    def star(m, d_combos):
        out = set()
        for i in sliders:
            others = [j for j in sliders if j != i]
            axes = [range(sizes[i])] + [_few(sizes[j], start[j], m) for j in others]
            for combo in itertools.product(*axes):
                for dc in d_combos:
                    s = list(start)
                    s[i] = combo[0]
                    for j, v in zip(others, combo[1:], strict=True):
                        s[j] = v
                    for j, v in zip(discrete, dc, strict=True):
                        s[j] = v
                    out.add(tuple(s))
        out.add(start)
        return sorted(out)

    for m in (5, 3, 2, 1):
        settings = star(m, d_all)
        if len(settings) <= budget:
            return f"star-{m}", settings
    one = {tuple(start[j] for j in discrete)}
    for k, j in enumerate(discrete):
        for v in range(sizes[j]):
            dc = [start[jj] for jj in discrete]
            dc[k] = v
            one.add(tuple(dc))
    return "star-1-one", star(1, sorted(one))


def grid_note(grid, scheme, n_settings):
    """One sentence for the page: what was precomputed, and that the page snaps to it.

    Examples
    --------
    >>> from lossviz.explorers import FloatParam
    >>> g = [control_grid("p", FloatParam(0.0, 1.0, 0.01, 0.5), 0.5)]
    >>> grid_note(g, "full", 51)[:60]
    'Precomputed: 51 settings, every combination (p: 51 positions'

    """
    parts = []
    for g in grid:
        v = g["values"]
        if g["kind"] == "range":
            lo, hi = _fmt(v[0]), _fmt(v[-1])
            extra = "" if len(v) >= g["full"] else f" of the kernel's {g['full']}"
            parts.append(f"{g['label']}: {len(v)} positions{extra} over [{lo}, {hi}]")
        else:
            parts.append(f"{g['label']}: every value")
    what = ", ".join(parts)
    if scheme == "full":
        return f"Precomputed: {n_settings} settings, every combination ({what})."
    m = scheme.split("-")[1]
    others = (
        "the other sliders at their starting values"
        if m == "1"
        else f"the other sliders at {m} positions each"
    )
    discrete = (
        "the buttons and checkboxes moved one at a time"
        if scheme.endswith("one")
        else "every combination of the buttons and checkboxes"
    )
    return (
        f"Precomputed: {n_settings} settings ({what}): each slider over all its positions with "
        f"{others}, for {discrete}. Moving a control jumps the others to the nearest "
        "precomputed setting."
    )


def _png(array):
    """Lossless PNG of an RGB or RGBA array: a palette image (with per-entry alpha) when it has at
    most 256 colours, as an antialiased line of one colour has; otherwise truecolour."""
    buf = io.BytesIO()
    h, w, ch = array.shape
    flat = np.ascontiguousarray(array).reshape(-1, ch)
    packed = flat.view(np.dtype((np.void, ch))).ravel()
    colours, inverse = np.unique(packed, return_inverse=True)
    if len(colours) <= 256:
        table = colours.view(np.uint8).reshape(-1, ch)
        im = Image.fromarray(inverse.reshape(h, w).astype(np.uint8), "P")
        im.putpalette(table[:, :3].ravel().tobytes(), rawmode="RGB")
        extra = {"transparency": table[:, 3].tobytes()} if ch == 4 else {}
        im.save(buf, "PNG", optimize=True, **extra)
    else:
        Image.fromarray(array, "RGBA" if ch == 4 else "RGB").save(buf, "PNG", compress_level=6)
    return buf.getvalue()


class _Store:
    """Deduplicated items: ``add(key, make)`` returns the index of the item with ``key``."""

    def __init__(self):
        self.index, self.items = {}, []

    def add(self, key, make):
        i = self.index.get(key)
        if i is None:
            i = self.index[key] = len(self.items)
            self.items.append(make())
        return i


def _layers(ex):
    """The explorer's current picture as (background RGB array, [(x, y, RGBA crop), ...]).

    The background is the explorer's own cached full draw (every animated and slow artist left
    out); each visible slow artist, then each animated artist (the explorer's drawing order) is
    drawn alone by the same Agg renderer on a transparent buffer and cropped.  The canvas is left
    showing the full picture again.
    """
    canvas = ex.canvas
    canvas.restore_region(ex._background)
    background = np.asarray(canvas.buffer_rgba())[..., :3].copy()
    renderer = canvas.get_renderer()
    sprites = []
    with ex._light_rc():
        for artist in [*ex._slow, *ex._animated]:
            if not artist.get_visible():
                continue
            renderer.clear()
            artist.draw(renderer)
            rgba = np.asarray(renderer.buffer_rgba())
            alpha = rgba[..., 3]
            rows = np.flatnonzero(alpha.any(axis=1))
            if rows.size == 0:
                continue
            cols = np.flatnonzero(alpha.any(axis=0))
            y0, y1, x0, x1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
            crop = rgba[y0:y1, x0:x1].copy()
            crop[crop[..., 3] == 0] = 0  # one encoding of "nothing here"
            sprites.append((int(x0), int(y0), crop))
        canvas.restore_region(ex._background)
        for artist in [*ex._slow, *ex._animated]:
            if artist.get_visible():
                artist.draw(renderer)
    return background, sprites


def _b64(data):
    import base64

    return base64.b64encode(data).decode("ascii")


def export_explorer(cls, kwargs, *, budget=250, label="", progress=print, measure_jpeg=True):
    """Render ``cls(**kwargs)`` on its settings grid and return the page's data.

    Parameters
    ----------
    cls : type
        An :class:`~lossviz.explorers.Explorer` subclass.
    kwargs : dict
        The constructor keywords of the notebook cell (its starting setting).
    budget : int, default 250
        The most settings to render (see :func:`settings_grid`).
    label : str
        Shown in the progress lines (e.g. ``"03 LossExplorer"``).
    progress : callable
        Called with each progress line.
    measure_jpeg : bool, default True
        Also encode every frame as JPEG (the whole-frame design) to report its size.

    Returns
    -------
    dict
        JSON-ready: ``controls`` (grids), ``settings``, ``frames`` (``[background, [sprite, ...],
        readout]`` per setting), ``images`` (base64 PNG), ``sprites`` (``[image, x, y]``),
        ``readouts`` (HTML), ``alts`` (text), ``width``, ``height``, ``note`` and ``stats``.
    """
    t0 = time.perf_counter()
    ex = cls(image_format="png", **kwargs)
    spec = ex.param_spec()
    start = ex.params
    grid = [control_grid(name, s, start[name]) for name, s in spec.items()]
    scheme, settings = settings_grid(grid, budget)
    # discrete (slow) controls outermost so consecutive settings share the slow layer
    order = sorted(
        range(len(settings)),
        key=lambda k: (
            [settings[k][i] for i, g in enumerate(grid) if g["kind"] != "range"],
            settings[k],
        ),
    )
    settings = [settings[k] for k in order]
    images, sprites, readouts, alts = _Store(), _Store(), _Store(), _Store()
    frames = []
    jpeg_bytes, jpeg_seen, jpeg_sampled = 0, set(), 0
    n = len(settings)
    step = max(1, n // 5)
    for k, s in enumerate(settings):
        values = {g["name"]: g["values"][i] for g, i in zip(grid, s, strict=True)}
        ex.set(**values)
        if ex.last_error:
            raise RuntimeError(f"{label}: {cls.__name__} failed at {values}:\n{ex.last_error}")
        background, parts = _layers(ex)
        bg_bytes = background.tobytes()
        bg = images.add(hashlib.sha1(bg_bytes).digest(), lambda b=background: _b64(_png(b)))
        refs = []
        for x, y, crop in parts:
            key = hashlib.sha1(crop.tobytes() + f"{x},{y},{crop.shape}".encode()).digest()
            img = images.add(key, lambda c=crop: _b64(_png(c)))
            refs.append(sprites.add((img, x, y), lambda i=img, x=x, y=y: [i, x, y]))
        html = ex.readout.value
        r = readouts.add(html, lambda h=html: h)
        text = ex.readout_text or f"{cls.__name__}: " + ", ".join(
            f"{k} = {_fmt(v)}" for k, v in values.items()
        )
        a = alts.add(text, lambda t=text: t)
        frames.append([bg, refs, r, a])
        if measure_jpeg and k % JPEG_SAMPLE == 0:
            jpeg_sampled += 1
            jpg = ex._encode("jpeg")
            h = hashlib.sha1(jpg).digest()
            if h not in jpeg_seen:
                jpeg_seen.add(h)
                jpeg_bytes += len(jpg)
        if (k + 1) % step == 0 or k + 1 == n:
            progress(f"{label}: {k + 1}/{n} settings ({time.perf_counter() - t0:.1f} s)")
    width, height = (int(round(v)) for v in ex.figure.bbox.size)
    layered = sum(len(i) * 3 // 4 for i in images.items)
    return {
        "cls": cls.__name__,
        "kwargs": {k: v for k, v in kwargs.items()},
        "width": width,
        "height": height,
        "controls": grid,
        "settings": [list(s) for s in settings],
        "frames": frames,
        "images": images.items,
        "sprites": sprites.items,
        "readouts": readouts.items,
        "alts": alts.items,
        "scheme": scheme,
        "note": grid_note(grid, scheme, n),
        "stats": {
            "settings": n,
            "backgrounds": len({f[0] for f in frames}),
            "images": len(images.items),
            "layered_png_bytes": layered,
            "jpeg_bytes": int(jpeg_bytes * n / max(1, jpeg_sampled)),
            "seconds": time.perf_counter() - t0,
        },
    }
