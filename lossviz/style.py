r"""One visual language for every figure of the course: colours, line styles, axis labels,
lecture mode.

* :data:`OKABE_ITO` — the colour-blind-safe palette of Okabe & Ito (2008).
* :data:`LOSS_COLORS` / :data:`LOSS_STYLES` — each loss keeps its colour *and* its line style in
  every chapter (the line style is a second cue for grey-scale print and colour-blind readers).
* :data:`LABELS` — the axis names used everywhere ("predicted probability p", "logit z", ...).
* Lecture mode — larger fonts, thicker lines and a bigger figure for the back of a lecture hall.
  Switch it on once with :func:`set_lecture_mode` or for a block with :func:`lecture_style`;
  the environment variable ``LOSSVIZ_LECTURE=1`` (read at import) makes it the default, which is
  how ``python3 course.py present NN --lecture`` shows a chapter in Voilà in lecture style.
  It never changes matplotlib's global ``rcParams``: the plot helpers and explorers of
  :mod:`lossviz` read the switch and apply :func:`rc` locally through :func:`matplotlib.rc_context`.
* :class:`CappedMarker` / :func:`mark_infinite` — an infinite or off-scale value is drawn as a
  capped mark at the edge of the axes with an "∞" (or the value) beside it, never silently cut off.

Examples
--------
>>> from lossviz import style
>>> style.LOSS_COLORS["bce"], style.LOSS_STYLES["mse"]
('#0072B2', '--')
>>> style.is_lecture_mode()
False
>>> with style.lecture_style():
...     style.is_lecture_mode()
True
>>> style.is_lecture_mode()
False
>>> style.format_value(float("inf"))
'∞'
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import threading

import matplotlib
import numpy as np

from .i18n import N_, tr

__all__ = [
    "OKABE_ITO",
    "LOSS_COLORS",
    "LOSS_STYLES",
    "LOSS_NAMES",
    "ACCENT_COLORS",
    "LABELS",
    "loss_style",
    "set_lecture_mode",
    "is_lecture_mode",
    "lecture_style",
    "rc",
    "style_context",
    "figsize",
    "format_value",
    "CappedMarker",
    "mark_infinite",
]

#: The Okabe–Ito palette (colour-blind safe), by name.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Colour of each loss, the same in every figure of the course.
LOSS_COLORS = {
    "bce": OKABE_ITO["blue"],
    "mse": OKABE_ITO["vermillion"],
    "focal": OKABE_ITO["bluish_green"],
    "mae": OKABE_ITO["reddish_purple"],
    "huber": OKABE_ITO["orange"],
}

#: Line style of each loss (the second cue besides colour).
LOSS_STYLES = {
    "bce": "-",
    "mse": "--",
    "focal": "-.",
    "mae": ":",
    "huber": (0, (8, 3)),  # long dash
}

#: Display names of the losses (English; shown through :func:`lossviz.i18n.tr`).
LOSS_NAMES = {
    "bce": N_("BCE (cross-entropy)"),
    "mse": N_("MSE"),
    "focal": N_("focal"),
    "mae": N_("MAE"),
    "huber": N_("Huber"),
}

#: Accent colours for markers, the second distribution, highlights.
ACCENT_COLORS = {
    "p": OKABE_ITO["sky_blue"],
    "q": OKABE_ITO["orange"],
    "highlight": OKABE_ITO["yellow"],
    "marker": OKABE_ITO["black"],
    "neutral": "#777777",
    # the KL divergence: an Okabe–Ito colour no loss uses (not MSE's vermillion), hatched "xx"
    "kl": OKABE_ITO["yellow"],
}

#: Axis labels used everywhere (English; shown through :func:`lossviz.i18n.tr`, e.g.
#: ``tr(LABELS["p"])``).
LABELS = {
    "p": N_("predicted probability p"),
    "z": N_("logit z"),
    "sigma": N_("σ(z)"),
    "loss": N_("loss"),
    "dLdp": N_("dL/dp"),
    "dLdz": N_("dL/dz"),
    "ratio": N_("ratio of |dL/dz|, BCE / MSE"),
    "epoch": N_("epoch"),
    "prob": N_("probability"),
    "class": N_("class"),
    "outcome": N_("outcome i"),
    "x1": N_("feature x₁"),
    "x2": N_("feature x₂"),
    "confidence": N_("mean predicted probability"),
    "frequency": N_("observed frequency of class 1"),
}


def loss_style(name, **overrides):
    """Keyword arguments (``color``, ``linestyle``, ``label``) for plotting loss ``name``.

    Parameters
    ----------
    name : {"bce", "mse", "focal", "mae", "huber"}
    **overrides
        Replace or add keyword arguments (e.g. ``label="focal γ=2"``).

    Examples
    --------
    >>> loss_style("bce")
    {'color': '#0072B2', 'linestyle': '-', 'label': 'BCE (cross-entropy)'}
    >>> loss_style("hinge")
    Traceback (most recent call last):
    ...
    ValueError: name must be one of 'bce', 'mse', 'focal', 'mae', 'huber'; found 'hinge'.
    """
    if name not in LOSS_COLORS:
        allowed = ", ".join(repr(k) for k in LOSS_COLORS)
        raise ValueError(f"name must be one of {allowed}; found {name!r}.")
    kw = {"color": LOSS_COLORS[name], "linestyle": LOSS_STYLES[name], "label": tr(LOSS_NAMES[name])}
    kw.update(overrides)
    return kw


# --------------------------------------------------------------------------- lecture mode
_state = threading.local()

#: Environment variable read once at import: ``LOSSVIZ_LECTURE=1`` makes lecture mode the default
#: (``python3 course.py present NN --lecture`` sets it for the Voilà kernel). Other values: off.
LECTURE_ENV = "LOSSVIZ_LECTURE"


def _lecture_from_env(environ=None):
    """The default of lecture mode: True when ``LOSSVIZ_LECTURE`` is 1/true/yes/on.

    Examples
    --------
    >>> _lecture_from_env({"LOSSVIZ_LECTURE": "1"}), _lecture_from_env({})
    (True, False)
    """
    environ = os.environ if environ is None else environ
    return environ.get(LECTURE_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


_GLOBAL = {"lecture": _lecture_from_env()}

_BASE_RC = {
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "lines.linewidth": 2.0,
    "lines.markersize": 7,
    "figure.constrained_layout.use": False,
}

_LECTURE_RC = {
    "font.size": 16,
    "axes.titlesize": 18,
    "axes.labelsize": 16,
    "xtick.labelsize": 14,
    "ytick.labelsize": 14,
    "legend.fontsize": 14,
    "lines.linewidth": 3.5,
    "lines.markersize": 12,
    "axes.linewidth": 1.5,
    "xtick.major.width": 1.5,
    "ytick.major.width": 1.5,
    "xtick.major.size": 6,
    "ytick.major.size": 6,
}

#: Figure-size factor in lecture mode.
LECTURE_SCALE = 1.3


def set_lecture_mode(on=True):
    """Switch lecture mode on or off for every later lossviz figure and explorer.

    Only lossviz reads this switch; matplotlib's global ``rcParams`` are not touched.

    Parameters
    ----------
    on : bool, default True

    Examples
    --------
    >>> set_lecture_mode(True); is_lecture_mode()
    True
    >>> set_lecture_mode(False); is_lecture_mode()
    False
    """
    if not isinstance(on, (bool, np.bool_)):
        raise TypeError(f"on must be True or False; found {type(on).__name__} {on!r}.")
    _GLOBAL["lecture"] = bool(on)


def is_lecture_mode():
    """True when lecture mode is on (by :func:`set_lecture_mode` or inside
    :func:`lecture_style`)."""
    stack = getattr(_state, "stack", None)
    if stack:
        return stack[-1]
    return _GLOBAL["lecture"]


@contextlib.contextmanager
def lecture_style(on=True):
    """Context manager: lossviz figures made inside the block use lecture mode (or not, with
    ``on=False``).

    Examples
    --------
    >>> with lecture_style():
    ...     figsize(10, 4)
    (13.0, 5.2)
    >>> figsize(10, 4)
    (10, 4)
    """
    stack = getattr(_state, "stack", None)
    if stack is None:
        stack = _state.stack = []
    stack.append(bool(on))
    try:
        yield
    finally:
        stack.pop()


#: The CJK fonts drawn for the Chinese edition, from the PyPI package ``mplfonts`` (Noto Sans CJK
#: SC and its monospaced twin, SIL Open Font License). Found by file, never by importing
#: ``mplfonts``, whose command line would change matplotlib's global settings.
CJK_FONT_FILES = {"sans": "NotoSansCJKsc-Regular.otf", "mono": "NotoSansMonoCJKsc-Regular.otf"}


def cjk_font_paths():
    """The paths of the CJK font files (sans, mono) that :func:`register_cjk_fonts` registers.

    Examples
    --------
    >>> sorted(p.name for p in cjk_font_paths().values())
    ['NotoSansCJKsc-Regular.otf', 'NotoSansMonoCJKsc-Regular.otf']
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "the Chinese edition draws its figures with the Noto Sans CJK font of the PyPI "
            "package 'mplfonts', which is not installed; install it with "
            "`pip install mplfonts` (python3 course.py lab/test installs it)."
        )
    folder = Path(list(spec.submodule_search_locations)[0]) / "fonts"
    return {kind: folder / name for kind, name in CJK_FONT_FILES.items()}


@functools.cache
def register_cjk_fonts():
    """Add the CJK fonts to matplotlib's font list (this process only); return their family names.

    Only the list of known fonts grows: no rcParams change. :func:`rc` names the families when
    the language is Chinese, with DejaVu Sans first so that Latin letters, digits and symbols
    look as in the English edition and only CJK characters fall back to Noto Sans CJK SC.

    Examples
    --------
    >>> register_cjk_fonts()
    {'sans': 'Noto Sans CJK SC', 'mono': 'Noto Sans Mono CJK SC'}
    """
    from matplotlib import font_manager

    names = {}
    for kind, path in cjk_font_paths().items():
        font_manager.fontManager.addfont(str(path))
        names[kind] = font_manager.FontProperties(fname=str(path)).get_name()
    return names


def rc(lecture=None, lang=None):
    """The rcParams dictionary lossviz applies locally (base style, plus the lecture sizes when on,
    plus the CJK fonts when the language is Chinese).

    Examples
    --------
    >>> rc(lecture=False)["font.size"], rc(lecture=True)["font.size"]
    (10, 16)
    >>> rc(lang="zh")["font.family"]
    ['DejaVu Sans', 'Noto Sans CJK SC']
    """
    from .i18n import get_language

    lecture = is_lecture_mode() if lecture is None else bool(lecture)
    out = dict(_BASE_RC)
    if lecture:
        out.update(_LECTURE_RC)
    if (get_language() if lang is None else lang) == "zh":
        fonts = register_cjk_fonts()
        # concrete family names, not the generic "sans-serif": a text keeps them when it is
        # drawn after the context has closed (the inline backend draws after the cell)
        out["font.family"] = ["DejaVu Sans", fonts["sans"]]
        out["font.sans-serif"] = ["DejaVu Sans", fonts["sans"]]
        out["font.monospace"] = [fonts["mono"], "DejaVu Sans Mono"]
        out["axes.unicode_minus"] = True
    return out


def style_context(lecture=None):
    """``matplotlib.rc_context`` with :func:`rc` — global rcParams are restored on exit.

    Examples
    --------
    >>> import matplotlib
    >>> before = dict(matplotlib.rcParams)
    >>> with style_context(lecture=True):
    ...     matplotlib.rcParams["font.size"]
    16.0
    >>> dict(matplotlib.rcParams) == before
    True
    """
    return matplotlib.rc_context(rc(lecture))


def monospace_family(lang=None):
    """The font family to pass as ``family=`` for monospaced text (twins' readouts).

    A concrete list, so that the text keeps its fonts when drawn outside :func:`style_context`.

    Examples
    --------
    >>> monospace_family(lang="en")
    ['DejaVu Sans Mono']
    >>> monospace_family(lang="zh")
    ['Noto Sans Mono CJK SC', 'DejaVu Sans Mono']

    In Chinese, Noto Sans Mono CJK SC comes first: its Latin letters and digits are exactly half
    as wide as its CJK characters, so a table padded by display width (a CJK character = two
    columns) lines up; DejaVu Sans Mono draws the few symbols it lacks.
    """
    from .i18n import get_language

    if (get_language() if lang is None else lang) == "zh":
        return [register_cjk_fonts()["mono"], "DejaVu Sans Mono"]
    return ["DejaVu Sans Mono"]


def figsize(width, height, lecture=None):
    """Scale a figure size (inches) for lecture mode.

    Examples
    --------
    >>> figsize(10, 4, lecture=False)
    (10, 4)
    >>> figsize(10, 4, lecture=True)
    (13.0, 5.2)
    """
    lecture = is_lecture_mode() if lecture is None else bool(lecture)
    if lecture:
        return (round(width * LECTURE_SCALE, 3), round(height * LECTURE_SCALE, 3))
    return (width, height)


def format_value(x, digits=3):
    """Format a number for a readout: ``"∞"`` / ``"−∞"`` for infinities, fixed decimals otherwise.

    Examples
    --------
    >>> format_value(0.22314355), format_value(-float("inf")), format_value(1234.5, 1)
    ('0.223', '−∞', '1234.5')
    >>> format_value(2.5e-9), format_value(-1.24e-4)
    ('2.50e-09', '−1.24e-04')
    """
    x = float(x)
    if math.isnan(x):
        return tr("undefined")
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x != 0 and abs(x) < 10 ** (-digits):
        s = f"{x:.2e}"
    elif abs(x) >= 1e6:
        s = f"{x:.3g}"
    else:
        s = f"{x:.{digits}f}"
        if float(s) == 0:
            s = s.lstrip("-")
    return s.replace("-", "−", 1) if s.startswith("-") else s


# ----------------------------------------------------------------------- capped / infinite values
class CappedMarker:
    """A marker for one point that stays honest when its value is infinite or off the axes.

    Inside the y-limits it is an ordinary marker.  Above (or below) them — including ``±inf`` — it
    becomes a triangle pinned to the edge of the axes with a label: ``"∞"`` for an infinite value,
    the number itself for a finite one that is off the scale.  The y-limits are read at every
    :meth:`set`, so keep them fixed (explorers do).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    color : color, default black
    size : float, optional
        Marker size in points.
    fontsize : float, optional
    label_offset : (float, float), default (6, 4)
        Distance of the "∞" label from the capped mark, in points (x, and y inwards from the edge).
    label_row : int, default 0
        Stack labels of several markers at the same place: row ``i`` is moved ``i`` text lines
        further into the axes.

    Attributes
    ----------
    point : Line2D
        The marker shown for in-range values.
    cap : Line2D
        The triangle shown at the edge for off-scale values.
    label : Text
        "∞" or the off-scale value.
    artists : list
        ``[point, cap, label]``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> _ = ax.set_ylim(0, 5)
    >>> m = CappedMarker(ax)
    >>> m.set(0.5, 1.0); m.point.get_visible(), m.cap.get_visible()
    (True, False)
    >>> m.set(0.0, float("inf")); m.point.get_visible(), m.cap.get_visible(), m.label.get_text()
    (False, True, '∞')
    >>> m.set(0.1, 7.25); m.label.get_text()
    '7.25 ↑'
    """

    def __init__(
        self,
        ax,
        *,
        color="black",
        size=None,
        fontsize=None,
        label_offset=(6, 4),
        label_row=0,
        zorder=5,
    ):
        self.ax = ax
        trans = ax.get_xaxis_transform()  # x in data, y in axes coordinates
        kw = {} if size is None else {"markersize": size}
        (self.point,) = ax.plot([np.nan], [np.nan], "o", color=color, zorder=zorder, **kw)
        (self.cap,) = ax.plot(
            [np.nan],
            [np.nan],
            "^",
            color=color,
            transform=trans,
            zorder=zorder,
            clip_on=False,
            **kw,
        )
        tkw = {} if fontsize is None else {"fontsize": fontsize}
        self.label = ax.annotate(
            "",
            xy=(0, 0.97),
            xycoords=trans,
            xytext=(0, 0),
            textcoords="offset points",
            color=color,
            va="top",
            ha="left",
            fontweight="bold",
            zorder=zorder,
            annotation_clip=False,
            **tkw,
        )
        self._line = 1.25 * self.label.get_fontsize()
        self._dx = abs(label_offset[0])
        self._dy0 = abs(label_offset[1])
        self._dy = self._dy0 + label_row * self._line
        self.artists = [self.point, self.cap, self.label]
        self.set(np.nan, np.nan)

    @property
    def capped(self):
        """True when the marker is shown as a capped mark at the edge (value off the axes or
        infinite)."""
        return self.cap.get_visible()

    def set(self, x, y, *, text=None, row=None):
        """Move the marker to ``(x, y)``; ``y`` may be ``±inf`` or off the axes; NaN hides it.

        ``text`` replaces the label of a capped mark (say ``"∞ BCE, focal"``, one label for several
        curves); ``row`` moves the label that many text lines into the axes (see ``label_row``).

        Examples
        --------
        >>> from matplotlib.figure import Figure
        >>> ax = Figure().subplots()
        >>> _ = ax.set_ylim(0, 5)
        >>> m = CappedMarker(ax)
        >>> m.set(0.0, float("inf"), text="∞ BCE, focal", row=1); m.label.get_text(), m.capped
        ('∞ BCE, focal', True)
        """
        if row is not None:
            self._dy = self._dy0 + int(row) * self._line
        x = float(x)
        y = float(y)
        lo, hi = sorted(self.ax.get_ylim())
        if math.isnan(x) or math.isnan(y):
            self.point.set_visible(False)
            self.cap.set_visible(False)
            self.label.set_visible(False)
            return
        if lo <= y <= hi:
            self.point.set_data([x], [y])
            self.point.set_visible(True)
            self.cap.set_visible(False)
            self.label.set_visible(False)
            return
        top = y > hi
        ypos = 0.97 if top else 0.03
        self.cap.set_marker("^" if top else "v")
        self.cap.set_data([x], [ypos])
        self.point.set_visible(False)
        self.cap.set_visible(True)
        if text is not None:
            text = str(text)
        elif math.isinf(y):
            text = "∞" if y > 0 else "−∞"
        else:
            text = f"{format_value(y, 2)} {'↑' if top else '↓'}"
        self.label.xy = (x, ypos)
        self.label.set_va("top" if top else "bottom")
        # keep the label inside the axes near the right edge
        x0, x1 = self.ax.get_xlim()
        frac = (x - x0) / (x1 - x0) if x1 != x0 else 0.0
        self.label.set_ha("right" if frac > 0.8 else "left")
        self.label.xyann = (-self._dx if frac > 0.8 else self._dx, -self._dy if top else self._dy)
        self.label.set_text(text)
        self.label.set_visible(True)


def mark_infinite(ax, x, *, color="black", label="∞", top=True, fontsize=None, zorder=5):
    """Draw a capped mark with an "∞" label at ``x`` on the top (or bottom) edge of ``ax``.

    Used where a curve runs off to infinity (BCE at ``p = 0`` for ``y = 1``), so the reader sees
    that the value is infinite rather than cut off.

    Returns
    -------
    list
        ``[Line2D cap, Text label]``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> cap, text = mark_infinite(ax, 0.0)
    >>> text.get_text()
    '∞'
    """
    trans = ax.get_xaxis_transform()
    ypos = 0.97 if top else 0.03
    (cap,) = ax.plot(
        [x], [ypos], "^" if top else "v", color=color, transform=trans, clip_on=False, zorder=zorder
    )
    x0, x1 = ax.get_xlim()
    right = x1 != x0 and (x - x0) / (x1 - x0) > 0.8
    tkw = {} if fontsize is None else {"fontsize": fontsize}
    text = ax.annotate(
        label,
        xy=(x, ypos),
        xycoords=trans,
        xytext=(-6 if right else 6, -4),
        textcoords="offset points",
        color=color,
        va="top" if top else "bottom",
        ha="right" if right else "left",
        fontweight="bold",
        annotation_clip=False,
        zorder=zorder,
        **tkw,
    )
    return [cap, text]
