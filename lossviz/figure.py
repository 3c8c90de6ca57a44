r"""The figure machinery: persistent Agg figures outside pyplot, their encoding, small multiples.

Both the static plots (:mod:`lossviz.plots`) and the interactive explorers
(:mod:`lossviz.explorers`) draw on what is here; nothing here knows about widgets.

* :func:`agg_figure` — a :class:`matplotlib.figure.Figure` with its own ``FigureCanvasAgg``:
  never registered with pyplot, so no figure leaks and the same code runs under
  ``%matplotlib inline`` and ``%matplotlib widget``.
* :func:`encode_canvas` — the canvas's pixels as JPEG or PNG bytes.
* :class:`StaticFigure` — a Figure outside pyplot that Jupyter displays as a PNG.
* :func:`flatten_artists` — every artist in a dict/list/container of them.
* :func:`render_small_multiples` — an explorer drawn at several settings into one
  :class:`StaticFigure` (the static twin), with the explorer's own ``_build`` and ``_draw``.

Examples
--------
>>> fig, canvas = agg_figure((2.0, 1.0), dpi=50)
>>> _ = fig.subplots().plot([0, 1], [0, 1])
>>> canvas.draw()
>>> encode_canvas(canvas, "png")[:4]
b'\x89PNG'
"""

from __future__ import annotations

import io
import math

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from . import style
from ._text import shown

__all__ = [
    "StaticFigure",
    "agg_figure",
    "encode_canvas",
    "flatten_artists",
    "render_small_multiples",
]

# what render_small_multiples calls on an explorer (lossviz.explorers.Explorer provides all of it)
_EXPLORER_PROTOCOL = (
    "param_spec",
    "compute",
    "_build",
    "_draw",
    "_readout",
    "_check_params",
    "_compute_args",
    "_title_for",
)


class StaticFigure(Figure):
    """A matplotlib Figure (not registered with pyplot) that Jupyter displays as a PNG.

    Examples
    --------
    >>> fig = StaticFigure(figsize=(2, 1))
    >>> _ = FigureCanvasAgg(fig)
    >>> fig._repr_png_()[:4]
    b'\\x89PNG'
    """

    def _repr_png_(self):
        if not isinstance(self.canvas, FigureCanvasAgg):
            FigureCanvasAgg(self)
        buf = io.BytesIO()
        self.savefig(buf, format="png", bbox_inches="tight")
        return buf.getvalue()


def agg_figure(figsize, *, dpi=100, layout="constrained", figure_class=Figure):
    """A new figure with its own Agg canvas, outside pyplot.

    Parameters
    ----------
    figsize : (float, float)
        Width and height in inches.
    dpi : float, default 100
    layout : str or None, default "constrained"
        Matplotlib's layout engine.
    figure_class : type, default :class:`matplotlib.figure.Figure`
        E.g. :class:`StaticFigure` for a figure that displays itself as PNG.

    Returns
    -------
    (Figure, FigureCanvasAgg)

    Examples
    --------
    >>> fig, canvas = agg_figure((3, 2), dpi=100, figure_class=StaticFigure)
    >>> type(fig).__name__, canvas.get_width_height()
    ('StaticFigure', (300, 200))
    """
    fig = figure_class(figsize=figsize, dpi=dpi, layout=layout)
    return fig, FigureCanvasAgg(fig)


def encode_canvas(canvas, fmt="jpeg", *, quality=90):
    """Encode the pixels of a drawn Agg canvas as ``"jpeg"`` or ``"png"`` bytes.

    JPEG (quality ``quality``, no chroma subsampling) is about 10× faster to encode than PNG and
    clean on line art; the figure must be opaque (the alpha channel is dropped).  PNG is lossless.

    Examples
    --------
    >>> fig, canvas = agg_figure((1, 1), dpi=20)
    >>> canvas.draw()
    >>> encode_canvas(canvas)[:2], encode_canvas(canvas, "png")[:4]
    (b'\\xff\\xd8', b'\\x89PNG')
    >>> encode_canvas(canvas, "gif")
    Traceback (most recent call last):
    ...
    ValueError: fmt must be 'jpeg' or 'png'; found 'gif'.
    """
    from PIL import Image

    if fmt not in ("jpeg", "png"):
        raise ValueError(f"fmt must be 'jpeg' or 'png'; found {fmt!r}.")
    buf = np.asarray(canvas.buffer_rgba())
    h, w = buf.shape[:2]
    out = io.BytesIO()
    if fmt == "jpeg":  # unpack RGBA straight to RGB (the figure is opaque)
        im = Image.frombuffer("RGB", (w, h), buf, "raw", "RGBX", 0, 1)
        im.save(out, "JPEG", quality=quality, subsampling=0)
    else:
        im = Image.frombuffer("RGBA", (w, h), buf, "raw", "RGBA", 0, 1)
        im.save(out, "PNG", compress_level=1)
    return out.getvalue()


def flatten_artists(obj):
    """All matplotlib artists in ``obj`` (an artist, a container, a list/tuple/dict of them, or an
    object with an ``artists`` attribute such as :class:`lossviz.style.CappedMarker`).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> bars = ax.bar([0, 1], [1, 2])
    >>> (line,) = ax.plot([0, 1])
    >>> len(flatten_artists({"bars": bars, "line": line}))
    3
    """
    out = []
    if obj is None:
        return out
    if isinstance(obj, Artist):
        out.append(obj)
    elif isinstance(obj, dict):
        for v in obj.values():
            out.extend(flatten_artists(v))
    elif isinstance(obj, (list, tuple)):  # includes BarContainer
        for v in obj:
            out.extend(flatten_artists(v))
    elif hasattr(obj, "artists"):
        out.extend(flatten_artists(obj.artists))
    else:
        raise TypeError(f"cannot find matplotlib artists in {type(obj).__name__} {obj!r}.")
    return out


def _is_explorer(obj):
    return all(hasattr(obj, name) for name in _EXPLORER_PROTOCOL)


def _explorer_and_base(explorer, init_kwargs):
    """The explorer instance to draw with and the parameter values unspecified ones take."""
    if isinstance(explorer, type):
        if not _is_explorer(explorer):
            raise TypeError(
                f"explorer must be an Explorer subclass or instance; found {explorer!r}."
            )
        ex = explorer(_live=False, **init_kwargs)
    elif _is_explorer(explorer):
        if init_kwargs:
            raise TypeError(
                f"constructor arguments {sorted(init_kwargs)} are only accepted with an "
                "explorer class; pass the class, or set them on the instance."
            )
        ex = explorer
    else:
        raise TypeError(
            f"explorer must be an Explorer subclass or instance; found {type(explorer).__name__}."
        )
    return ex, ex.params


def _check_settings(settings, titles):
    if isinstance(settings, dict):
        settings = [settings]
    settings = list(settings)
    if not settings or not all(isinstance(s, dict) for s in settings):
        raise ValueError(
            "settings must be a non-empty list of parameter dicts, e.g. [{'p': 0.2}, {'p': 0.8}]."
        )
    if titles is not None and len(titles) != len(settings):
        raise ValueError(
            f"titles must have one entry per setting ({len(settings)}); found {len(titles)}."
        )
    return settings


#: The smallest text a static twin draws, in points: legible where the twin is shown.
MIN_TWIN_FONTSIZE = 8.0
#: The widest a static twin gets by default, in inches at the explorer's dpi (about the width of a
#: notebook's output area at 100 dpi, so the notebook shows it at full size).
TWIN_MAX_WIDTH = 10.5


def render_small_multiples(
    explorer, settings, *, ncols=None, titles=None, scale=1.0, lecture=None, **init_kwargs
):
    """Draw ``explorer`` (a class or an instance) at each parameter dict of ``settings`` into one
    Figure.

    Uses the explorer's own ``_build`` and ``_draw`` on subfigures — no duplicate plotting code.
    Unspecified parameters take the explorer's current values (instance) or defaults (class).

    Parameters
    ----------
    explorer : Explorer subclass or instance
        Anything with the explorer protocol (:class:`lossviz.explorers.Explorer`).
    settings : list of dict
    ncols : int, optional
        Panels per row (default: 1 for wide explorers, up to 3 otherwise).
    titles : list of str, optional
        One title per panel (default: the parameters of that setting); a title marked for the
        catalogue (:mod:`lossviz.i18n`) is shown in the current language.
    scale : float, default 1.0
        Size of one panel relative to the live figure. Whatever the scale, no text is drawn
        smaller than :data:`MIN_TWIN_FONTSIZE` points, and the default ``ncols`` keeps the
        whole figure about as wide as a notebook's output area, so the notebook does not
        shrink it.
    lecture : bool, optional
    **init_kwargs
        Constructor arguments when ``explorer`` is a class (e.g. ``k=4``).

    Returns
    -------
    StaticFigure

    Examples
    --------
    >>> render_small_multiples(dict, [{"p": 0.2}])
    Traceback (most recent call last):
    ...
    TypeError: explorer must be an Explorer subclass or instance; found <class 'dict'>.
    """
    ex, base = _explorer_and_base(explorer, init_kwargs)
    settings = _check_settings(settings, titles)
    n = len(settings)
    w, h = ex.figsize
    if ncols is None:
        ncols = max(1, min(n, int(TWIN_MAX_WIDTH // (w * scale))))
    if not (isinstance(ncols, (int, np.integer)) and ncols >= 1):
        raise ValueError(f"ncols must be a positive integer; found {ncols!r}.")
    ncols = int(min(ncols, n))
    nrows = math.ceil(n / ncols)
    lecture = ex.lecture if lecture is None and not isinstance(explorer, type) else lecture
    lecture = style.is_lecture_mode() if lecture is None else bool(lecture)
    with style.style_context(lecture):
        fw, fh = style.figsize(w * scale * ncols, h * scale * nrows + 0.35 * nrows, lecture=lecture)
        fig, _ = agg_figure((fw, fh), dpi=ex.dpi, figure_class=StaticFigure)
        subfigs = fig.subfigures(nrows, ncols, squeeze=False)
        for i, setting in enumerate(settings):
            params = dict(base)
            params.update(ex._check_params(setting))
            sub = subfigs[i // ncols][i % ncols]
            arts = ex._build(sub, dict(params))
            result = ex.compute(**ex._compute_args(params))
            ex._draw(arts, result, params)
            lines = ex._readout(result, params)
            if lines:
                sub.supxlabel(
                    "\n".join(t for t, _ in lines),
                    fontsize="small",
                    family=style.monospace_family(),
                    ma="left",
                )
            title = shown(titles[i]) if titles is not None else ex._title_for(params, setting)
            sub.suptitle(title, fontweight="bold")
        for j in range(n, nrows * ncols):
            subfigs[j // ncols][j % ncols].set_visible(False)
        for text in fig.findobj(Text):
            if text.get_fontsize() < MIN_TWIN_FONTSIZE:
                text.set_fontsize(MIN_TWIN_FONTSIZE)
    return fig
