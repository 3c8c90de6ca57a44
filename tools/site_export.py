"""Export a lossviz explorer for the static site: its own two blit layers, on a grid of settings.

For every setting of the grid the explorer (a live one, the very object a notebook shows) is set,
and its picture is taken apart the way the explorer draws it:

* the **background** (the cached full draw with every animated artist left out, plus the slow
  layer when the explorer has one) as a PNG, deduplicated by its bytes: most explorers' background
  depends on a few discrete controls only;
* each visible **animated artist** drawn alone by the same Agg renderer onto a transparent canvas,
  cropped to the pixels it touches, as an RGBA PNG *sprite* placed at ``(x, y)``, deduplicated
  across settings (a marker that depends on ``p`` only is stored once per ``p``);
* opaque **patches**: a background that differs from a stored one in a few places (tick
  labels stepping, a curve) is stored as that one plus the changed rectangles, drawn first;
* the **readout** HTML and its plain text (the picture's text alternative), deduplicated.

Every image (backgrounds, patches, sprites) is packed into atlas PNGs, palette PNGs for groups
of images sharing at most 256 colours (:func:`palette_atlases`), written as files and cut out
by their rectangles on the page: no base64, and a few PNGs compress far better than thousands.

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
moved one at a time); :func:`grid_note` says what was precomputed (in English or Chinese, the
page's language), and the page snaps to the nearest precomputed setting.

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
    "pack_atlases",
    "palette_atlases",
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


def grid_note(grid, scheme, n_settings, lang=None):
    """One sentence for the page: what was precomputed, and that the page snaps to it.

    ``lang`` is ``"en"`` or ``"zh"`` (default: lossviz's current language,
    :func:`lossviz.i18n.get_language`); the controls' labels are the grid's, as given.

    Examples
    --------
    >>> from lossviz.explorers import FloatParam
    >>> g = [control_grid("p", FloatParam(0.0, 1.0, 0.01, 0.5), 0.5)]
    >>> grid_note(g, "full", 51, lang="en")[:60]
    'Precomputed: 51 settings, every combination (p: 51 positions'
    >>> grid_note(g, "full", 51, lang="zh")
    '预先计算了 51 个设置，即所有组合（p：在 [0, 1] 上取 51 个位置，内核中共 101 个）。'

    """
    if lang is None:
        from lossviz.i18n import get_language

        lang = get_language()
    if lang == "zh":
        return _grid_note_zh(grid, scheme, n_settings)
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
        ""
        if all(g["kind"] == "range" for g in grid)
        else ", for the buttons and checkboxes moved one at a time"
        if scheme.endswith("one")
        else ", for every combination of the buttons and checkboxes"
    )
    return (
        f"Precomputed: {n_settings} settings ({what}): each slider over all its positions with "
        f"{others}{discrete}. Moving a control jumps the others to the nearest "
        "precomputed setting."
    )


def _grid_note_zh(grid, scheme, n_settings):
    """:func:`grid_note` in Chinese."""
    parts = []
    for g in grid:
        v = g["values"]
        if g["kind"] == "range":
            lo, hi = _fmt(v[0]), _fmt(v[-1])
            extra = "" if len(v) >= g["full"] else f"，内核中共 {g['full']} 个"
            parts.append(f"{g['label']}：在 [{lo}, {hi}] 上取 {len(v)} 个位置{extra}")
        else:
            parts.append(f"{g['label']}：所有取值")
    what = "；".join(parts)
    if scheme == "full":
        return f"预先计算了 {n_settings} 个设置，即所有组合（{what}）。"
    m = scheme.split("-")[1]
    others = "其他滑块保持初始值" if m == "1" else f"其他滑块各取 {m} 个位置"
    discrete = (
        ""
        if all(g["kind"] == "range" for g in grid)
        else "按钮和复选框每次只改动一个，"
        if scheme.endswith("one")
        else "对按钮和复选框的每一种组合，"
    )
    return (
        f"预先计算了 {n_settings} 个设置（{what}）：{discrete}每个滑块取遍它的所有位置，"
        f"{others}。移动一个控件时，其他控件会跳到最近的预计算设置。"
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


#: Background patches: tiles of this many pixels, and a background is stored whole when its
#: changed tiles cover more than this share of the picture.
TILE = 16
PATCH_SHARE = 0.5


def _patches(base, new):
    """The rectangles where ``new`` differs from ``base`` (both HxWx3), as ``(x, y, crop)``.

    Changed :data:`TILE` x :data:`TILE` tiles are grouped per row of tiles into runs, each
    run's rectangle tightened to the pixels that differ.  Returns ``None`` when the changed
    tiles cover more than :data:`PATCH_SHARE` of the picture (then ``new`` is stored whole).
    Drawn opaque over ``base`` the crops give ``new`` exactly.
    """
    diff = (base != new).any(axis=-1)
    h, w = diff.shape
    th, tw = -(-h // TILE), -(-w // TILE)
    pad = np.zeros((th * TILE, tw * TILE), bool)
    pad[:h, :w] = diff
    tiles = pad.reshape(th, TILE, tw, TILE).any(axis=(1, 3))
    if tiles.sum() > PATCH_SHARE * th * tw:
        return None
    boxes = []
    for ty in range(th):
        cols = np.flatnonzero(tiles[ty])
        if cols.size == 0:
            continue
        runs, a = [], cols[0]
        for c0, c1 in itertools.pairwise(cols):
            if c1 - c0 > 2:
                runs.append((a, c0))
                a = c1
        runs.append((a, cols[-1]))
        for a, b in runs:
            y0, x0 = ty * TILE, a * TILE
            sub = diff[y0 : y0 + TILE, x0 : (b + 1) * TILE]
            rows, cs = np.flatnonzero(sub.any(axis=1)), np.flatnonzero(sub.any(axis=0))
            y1, x1 = y0 + rows[-1] + 1, x0 + cs[-1] + 1
            y0, x0 = y0 + rows[0], x0 + cs[0]
            boxes.append([int(x0), int(y0), int(x1), int(y1)])
    # a box that touches the one above it joins it when the union wastes little (a curve or
    # a column of tick labels becomes one patch); any box of ``new`` is exact
    merged = []
    for b in boxes:
        for m in merged:
            ux0, uy0, ux1, uy1 = min(m[0], b[0]), min(m[1], b[1]), max(m[2], b[2]), max(m[3], b[3])
            union = (ux1 - ux0) * (uy1 - uy0)
            parts = (m[2] - m[0]) * (m[3] - m[1]) + (b[2] - b[0]) * (b[3] - b[1])
            if b[1] <= m[3] + 2 and union <= 1.3 * parts + 256:
                m[:] = [ux0, uy0, ux1, uy1]
                break
        else:
            merged.append(b)
    out = []
    for x0, y0, x1, y1 in merged:
        crop = np.empty((y1 - y0, x1 - x0, 4), np.uint8)
        crop[..., :3] = new[y0:y1, x0:x1]
        crop[..., 3] = 255
        out.append((x0, y0, crop))
    return out


#: A new background is compared with this many of the last stored whole backgrounds.
BASES = 6


def _area(patches):
    return sum(c.shape[0] * c.shape[1] for _, _, c in patches)


#: Of the settings that differ from a rendered one only in controls the explorer disables there
#: (focal γ while the focal curve is off), one in this many is rendered anyway and compared.
VERIFY_SKIPS = 8
#: Atlas pages: this wide, at most this high (browsers decode far larger images).
ATLAS_WIDTH = 2048
ATLAS_HEIGHT = 4096


def pack_atlases(arrays, width=ATLAS_WIDTH, max_height=ATLAS_HEIGHT):
    """Pack images into a few atlas pages (shelves, tallest first), RGBA.

    Parameters
    ----------
    arrays : list of ndarray
        HxWx3 (opaque) or HxWx4 uint8 images.
    width, max_height : int
        The size of a page (a wider image gets a page of its own width).

    Returns
    -------
    pages : list of ndarray
        The atlas pages, HxWx4 uint8 (transparent where nothing is packed).
    rects : list of list of int
        ``[page, x, y, w, h]`` of every image, in the order of ``arrays``.

    Examples
    --------
    >>> a = np.full((2, 3, 4), 7, np.uint8)
    >>> pages, rects = pack_atlases([a, a[:1]], width=4)
    >>> len(pages), pages[0].shape, rects
    (1, (3, 3, 4), [[0, 0, 0, 3, 2], [0, 0, 2, 3, 1]])
    """
    order = sorted(range(len(arrays)), key=lambda i: (-arrays[i].shape[0], -arrays[i].shape[1]))
    rects = [None] * len(arrays)
    layout = []  # per page: (width, height, [(index, x, y)])
    page = x = y = shelf = 0
    page_w = width
    for i in order:
        h, w = arrays[i].shape[:2]
        if not layout or x + w > page_w:  # next shelf
            y, x = y + shelf, 0
            shelf = 0
            if not layout or y + h > max_height or w > page_w:
                layout.append([max(width, w), 0, []])
                page, page_w, y = len(layout) - 1, max(width, w), 0
        layout[page][2].append((i, x, y))
        layout[page][1] = max(layout[page][1], y + h)
        rects[i] = [page, x, y, w, h]
        x += w
        shelf = max(shelf, h)
    pages = []
    for pw, ph, items in layout:
        used = max(x0 + arrays[i].shape[1] for i, x0, _ in items)
        out = np.zeros((ph, min(pw, used), 4), np.uint8)
        for i, x0, y0 in items:
            a = arrays[i]
            h, w = a.shape[:2]
            out[y0 : y0 + h, x0 : x0 + w, : a.shape[2]] = a
            if a.shape[2] == 3:
                out[y0 : y0 + h, x0 : x0 + w, 3] = 255
        pages.append(out)
    return pages, rects


def _colours(a):
    """The RGBA colours of an image, as uint32 (transparent pixels all count as 0)."""
    if a.shape[2] == 3:
        return set(np.unique(a.astype(np.uint32) @ [1, 256, 65536] + (255 << 24)).tolist())
    v = np.ascontiguousarray(a).reshape(-1, 4).view(np.uint32).ravel()
    return set(np.unique(np.where(a.reshape(-1, 4)[:, 3] == 0, 0, v)).tolist())


def palette_atlases(arrays):
    """:func:`pack_atlases` on groups of images that share at most 256 colours.

    A group's pages are palette PNGs (one byte a pixel, far smaller than RGBA); images with more
    than 256 colours share truecolour pages.  First fit, the most colourful image first.

    Returns
    -------
    pages, rects
        As :func:`pack_atlases`, the page numbers running over every group.

    Examples
    --------
    >>> red, blue = np.zeros((2, 2, 4), np.uint8), np.zeros((1, 3, 4), np.uint8)
    >>> red[..., 0] = red[..., 3] = blue[..., 2] = blue[..., 3] = 255
    >>> pages, rects = palette_atlases([red, blue])
    >>> len(pages), rects
    (1, [[0, 0, 0, 2, 2], [0, 2, 0, 3, 1]])
    """
    groups, rich = [], []  # [colours, [indices]]; images with over 256 colours
    sets = [_colours(a) for a in arrays]
    for i in sorted(range(len(arrays)), key=lambda i: -len(sets[i])):
        if len(sets[i] | {0}) > 256:
            rich.append(i)
            continue
        for g in groups:
            union = g[0] | sets[i]
            if len(union) <= 256:
                g[0] = union
                g[1].append(i)
                break
        else:
            groups.append([sets[i] | {0}, [i]])
    pages, rects = [], [None] * len(arrays)
    for members in [g[1] for g in groups] + ([rich] if rich else []):
        ps, rs = pack_atlases([arrays[i] for i in members])
        for i, r in zip(members, rs, strict=True):
            rects[i] = [r[0] + len(pages), *r[1:]]
        pages += ps
    return pages, rects


def _compact_readout(html, rows, text, wrappers, lines):
    """The readout as ``[wrapper, line, ...]`` (indices into two deduplicated tables: the
    wrapper ``<div>``'s opening tag and ``[colour, text]`` lines), when the HTML is exactly the
    explorer's one-``<div>``-a-line layout and the text alternative is its lines; else None
    (the page then gets the HTML and the text as they are)."""
    import html as _html

    if not rows or not html.endswith("</div></div>"):
        return None
    at = html.find('<div style="color:')
    if at <= 0:
        return None
    body = "".join(
        f'<div style="color:{c or "inherit"}">{_html.escape(t) or "&nbsp;"}</div>' for t, c in rows
    )
    if html[:at] + body + "</div>" != html or text != "\n".join(t for t, _ in rows):
        return None
    w = wrappers.add(html[:at], lambda h=html[:at]: h)
    return [w] + [
        lines.add((c or "inherit", t), lambda c=c, t=t: [c or "inherit", t]) for t, c in rows
    ]


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
        readout]`` per setting), ``atlases`` (PNG bytes of the atlas pages: the caller writes
        them as files), ``rects`` (``[page, x, y, w, h]`` of each image in the atlases),
        ``sprites`` (``[image, x, y]``),
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
    bg_seen, bases = {}, []
    wrappers, lines = _Store(), _Store()
    frames = []
    jpeg_bytes, jpeg_seen, jpeg_sampled = 0, set(), 0
    n = len(settings)
    step = max(1, n // 5)
    alias, skipped, rendered = {}, 0, 0
    for k, s in enumerate(settings):
        values = {g["name"]: g["values"][i] for g, i in zip(grid, s, strict=True)}
        j = alias.get(k)
        if j is not None:
            skipped += 1
            if skipped % VERIFY_SKIPS:
                frames.append(frames[j])
                if (k + 1) % step == 0 or k + 1 == n:
                    progress(f"{label}: {k + 1}/{n} settings ({time.perf_counter() - t0:.1f} s)")
                continue
        ex.set(**values)
        if ex.last_error:
            raise RuntimeError(f"{label}: {cls.__name__} failed at {values}:\n{ex.last_error}")
        background, parts = _layers(ex)
        bg_key = hashlib.sha1(background.tobytes()).digest()
        if bg_key not in bg_seen:
            # a background that differs from a stored one in a few places (tick labels, a
            # curve) is that one plus opaque patches, drawn first like the sprites
            best = None
            for base_index, base in bases[-BASES:]:
                p = _patches(base, background)
                if p is not None and (best is None or _area(p) < _area(best[1])):
                    best = (base_index, p)
            if best is None:
                base_index = images.add(bg_key, lambda b=background: b)
                bases.append((base_index, background))
                best = (base_index, [])
            bg_seen[bg_key] = best
        bg, patches = bg_seen[bg_key]
        refs = []
        for x, y, crop in [*patches, *parts]:
            key = hashlib.sha1(crop.tobytes() + f"{x},{y},{crop.shape}".encode()).digest()
            img = images.add(key, lambda c=crop: c)
            refs.append(sprites.add((img, x, y), lambda i=img, x=x, y=y: [i, x, y]))
        html = ex.readout.value
        text = ex.readout_text or f"{cls.__name__}: " + ", ".join(
            f"{k} = {_fmt(v)}" for k, v in values.items()
        )
        compact = _compact_readout(html, ex.readout_lines, text, wrappers, lines)
        r = readouts.add(html, lambda h=html, c=compact: h if c is None else c)
        a = -1 if compact is not None else alts.add(text, lambda t=text: t)
        frame = [bg, refs, r, a]
        if j is not None and frame != frames[j]:
            raise RuntimeError(
                f"{label}: {cls.__name__} at {values} differs from the setting it was taken for "
                f"(#{j}) although the controls it differs in are disabled there; a disabled "
                "control must change nothing (or stay enabled)."
            )
        frames.append(frame)
        if j is None:
            # a control the explorer disables here changes nothing: the settings that differ
            # from this one only in disabled controls are this picture (not rendered again,
            # but one in VERIFY_SKIPS is, and must match)
            on = [
                i
                for i, g in enumerate(grid)
                if not getattr(ex.controls.get(g["name"]), "disabled", False)
            ]
            if len(on) < len(grid):
                for k2 in range(k + 1, n):
                    if k2 not in alias and all(settings[k2][i] == s[i] for i in on):
                        alias[k2] = k
        rendered += 1
        if measure_jpeg and rendered % JPEG_SAMPLE == 1:
            jpeg_sampled += 1
            jpg = ex._encode("jpeg")
            h = hashlib.sha1(jpg).digest()
            if h not in jpeg_seen:
                jpeg_seen.add(h)
                jpeg_bytes += len(jpg)
        if (k + 1) % step == 0 or k + 1 == n:
            progress(f"{label}: {k + 1}/{n} settings ({time.perf_counter() - t0:.1f} s)")
    width, height = (int(round(v)) for v in ex.figure.bbox.size)
    pages, rects = palette_atlases(images.items)
    atlases = [_png(p) for p in pages]
    layered = sum(len(a) for a in atlases)
    return {
        "cls": cls.__name__,
        "kwargs": {k: v for k, v in kwargs.items()},
        "width": width,
        "height": height,
        "controls": grid,
        "settings": [list(s) for s in settings],
        "frames": frames,
        "atlases": atlases,
        "rects": rects,
        "sprites": sprites.items,
        "readouts": readouts.items,
        "readout_wrappers": wrappers.items,
        "readout_lines": lines.items,
        "alts": alts.items,
        "scheme": scheme,
        "note": grid_note(grid, scheme, n),  # in lossviz's current language
        "stats": {
            "settings": n,
            "backgrounds": len(bases),
            "patched_backgrounds": len(bg_seen) - len(bases),
            "images": len(images.items),
            "atlases": len(atlases),
            "layered_png_bytes": layered,
            "jpeg_bytes": int(jpeg_bytes * rendered / max(1, jpeg_sampled)),
            "not_rendered": skipped - skipped // VERIFY_SKIPS,
            "seconds": time.perf_counter() - t0,
        },
    }
