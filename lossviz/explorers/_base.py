r"""The base class of every lossviz explorer: controls, a persistent Agg figure, blitting, errors
shown.

An explorer is one idea with a few controls.  Subclasses write four small pieces — a parameter
specification, a pure :meth:`~Explorer.compute`, :meth:`~Explorer._build` (the figure, once) and
:meth:`~Explorer._draw` (update artists in place) — and inherit everything else:

* ``ex.controls`` — dict ``name -> ipywidget`` built from :meth:`~Explorer.param_spec`;
  every slider uses ``continuous_update=True``.
* ``ex.widget`` — the ipywidgets container (controls, picture, error area); displaying ``ex``
  displays it (``_ipython_display_`` / ``_repr_mimebundle_``).
* ``ex.set(**params)`` — move controls from code (one redraw; out-of-range values raise).
* ``ex.compute(**params)`` — pure numbers, no widgets (tests and chapters call it directly).
* ``ex.artists`` — dict of the matplotlib artists updated in place.
* ``ex.error_output`` — an ``ipywidgets.Output``; an exception in a callback is shown there as a
  short traceback (and kept in ``ex.last_error``), never lost.
* ``ex.static(settings)`` — the static twin: one matplotlib Figure with the explorer drawn at each
  parameter setting (:func:`lossviz.plots.small_multiples`), reusing ``_build`` and ``_draw``.
* ``ex.render_png()`` — the current picture as PNG bytes.
* ``ex.readout`` / ``ex.readout_text`` — the numbers at the current setting (optional
  :meth:`~Explorer._readout` hook), shown beside the picture as HTML.

Rendering path (chosen by measurement, see ``benchmarks/bench_explorers.py``): a
:class:`matplotlib.figure.Figure` with its own ``FigureCanvasAgg`` (never pyplot, so no figure
reaches pyplot's figure manager and the same code runs under ``%matplotlib inline`` and
``%matplotlib widget``).  The figure is built once; every artist returned by ``_build`` is marked
*animated*, so a full draw paints only the static parts (axes, ticks, labels, fixed curves),
which are cached with ``canvas.copy_from_bbox``.  A control change then costs: ``compute``,
``set_data``/``set_text`` on the animated artists, ``restore_region``, ``draw_artist`` for each,
and one image encode (JPEG quality 90 without chroma subsampling by default — about 10× faster
than a PNG encode here and visually clean on line art; ``image_format="png"`` is available).
The result goes into an ``ipywidgets.Image`` as a ``data:`` URL (``format="url"``; the bytes
still travel as a binary buffer, base64 text inside it): the browser decodes a ``data:`` URL in
the page, while the raw-bytes form makes the widget create a ``blob:`` URL that Chromium fetches
through its browser process — measured with ``benchmarks/bench_browser_latency.py``, the
``data:`` URL is painted several milliseconds sooner (``data_url=False`` sends raw bytes).
Axis limits are fixed so blitting stays valid;
``_draw`` returns True in the rare case that a static part changed, and the next frame redraws
the background.

Writing a new explorer
----------------------
::

    class MyExplorer(Explorer):
        figsize = (10, 4)                      # inches at 100 dpi (scaled in lecture mode)

        def param_spec(self):                  # name -> Param, in display order
            return {"p": FloatParam(0.0, 1.0, 0.01, 0.5, label="p"),
                    "y": ChoiceParam([("y = 0", 0), ("y = 1", 1)], 1)}

        def compute(self, *, p=0.5, y=1):      # pure; keyword names = the compute params
            return {"loss": ...}

        def _build(self, fig, params):         # fig: Figure or SubFigure; returns the
                                               # artists that change
            ax = fig.subplots()
            ax.set_xlim(0, 1); ax.set_ylim(0, 5)  # fixed limits
            (line,) = ax.plot([], [])
            return {"line": line, "mark": lossviz.style.CappedMarker(ax)}

        def _draw(self, artists, result, params):   # update in place; never create artists
            artists["line"].set_data(...)
            artists["mark"].set(params["p"], result["loss"])   # "∞" when off the scale

        def _readout(self, result, params):    # optional: numbers beside the picture
            return [(f"loss = {result['loss']:.3f}", None)]

Keep text artists in the live figure few and short: each costs 1–5 ms to draw with Agg, while
the HTML readout costs nothing.  Keys of the returned dict starting with ``_`` (e.g. ``"_axes"``)
are kept for ``_draw`` but not animated.

Two-layer blitting: list in :attr:`Explorer.slow_artists` the keys of artists that change only
with some controls (whole curves that depend on ``y`` but not on the slider ``p``) and return
those controls from :meth:`Explorer._slow_key`.  The slow layer is drawn once into a second cached
background, and a move of a fast slider redraws only the small artists (markers, lines at p).
The live figure renders text unhinted (:attr:`Explorer.live_rc`), about 4× faster with Agg.

Parameters that are not keyword arguments of ``compute`` (say a "show MSE" checkbox) are display
options: they reach ``_draw`` through ``params`` only.  Options fixed at construction (the number
of classes, ...) are ordinary ``__init__`` arguments set on ``self`` *before* calling
``super().__init__(**kwargs)``.

Examples
--------
>>> import numpy as np
>>> from lossviz.explorers._base import Explorer, FloatParam
>>> class Square(Explorer):
...     figsize = (4, 3)
...     def param_spec(self):
...         return {"x": FloatParam(-2.0, 2.0, 0.1, 1.0)}
...     def compute(self, *, x=1.0):
...         return {"x": x, "y": x * x}
...     def _build(self, fig, params):
...         ax = fig.subplots()
...         ax.set_xlim(-2, 2); ax.set_ylim(0, 4)
...         t = np.linspace(-2, 2, 101)
...         ax.plot(t, t * t)
...         (dot,) = ax.plot([], [], "o")
...         return {"dot": dot}
...     def _draw(self, artists, result, params):
...         artists["dot"].set_data([result["x"]], [result["y"]])
>>> ex = Square(x=0.5)
>>> ex.compute(x=1.5)["y"]
2.25
>>> before = ex.render_png()
>>> ex.set(x=-1.0)
>>> ex.params
{'x': -1.0}
>>> ex.render_png() != before
True
>>> ex.set(x=3.0)
Traceback (most recent call last):
...
ValueError: x must lie in [-2.0, 2.0]; found 3.0.
"""

from __future__ import annotations

import base64
import contextlib
import inspect
import time
import traceback

import matplotlib
import numpy as np

from .. import style
from .._text import ljust as ljust  # re-exported for the explorers' readouts
from .._text import rjust as rjust
from .._text import width as _display_width
from ..figure import (
    StaticFigure,
    agg_figure,
    encode_canvas,
    flatten_artists,
    render_small_multiples,
)
from ._params import BoolParam, ChoiceParam, FloatParam, IntParam

__all__ = [
    "Explorer",
    "StaticFigure",
    "FloatParam",
    "IntParam",
    "ChoiceParam",
    "BoolParam",
    "flatten_artists",
    "render_small_multiples",
]


# --------------------------------------------------------------------------- helpers
# the readouts' columns, padded by display width (a Chinese character takes two): one helper for
# the whole package, in lossviz._text
text_width = _display_width


def _readout_html(lines, lecture):
    import html

    from ..i18n import get_language

    size = "1.35em" if lecture else "1em"
    # Chinese: a monospaced font whose CJK characters are exactly two columns wide (the
    # readout is padded by display width), where the browser has it (Noto CJK), else monospace
    family = "'Noto Sans Mono CJK SC',monospace" if get_language() == "zh" else "monospace"
    rows = []
    for text, colour in lines:
        colour = colour or "inherit"
        rows.append(f'<div style="color:{colour}">{html.escape(text) or "&nbsp;"}</div>')
    return (
        f'<div style="font-family:{family};font-size:{size};white-space:pre;line-height:1.5;'
        f'font-weight:600">{"".join(rows)}</div>'
    )


def _error_summary(exc, limit=4):
    frames = traceback.extract_tb(exc.__traceback__)[-limit:]
    lines = [f"{type(exc).__name__}: {exc}", "  (most recent call last:)"]
    for fr in frames:
        lines.append(
            f"  {fr.filename.rsplit('/', 1)[-1]}:{fr.lineno} in {fr.name}: {fr.line or ''}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- the base class
class Explorer:
    """Base class of the interactive explorers (see the module docstring for the contract).

    Parameters
    ----------
    lecture : bool, optional
        Lecture mode (larger fonts, lines and figure).  Default:
        :func:`lossviz.style.is_lecture_mode`
        at construction time.
    image_format : {"jpeg", "png"}, default "jpeg"
        Encoding of the live picture.
    data_url : bool, default True
        Send the live picture as a ``data:`` URL (``image.format == "url"``), which the browser
        paints sooner than the ``blob:`` URL made from raw bytes; False sends the raw bytes
        (``image.format == image_format``).  :attr:`image_bytes` is the encoded picture either way.
    **params
        Initial values of the controls (see :meth:`param_spec`).

    Attributes
    ----------
    controls : dict
        ``name -> ipywidget``.
    widget : ipywidgets.VBox
        Controls, picture and error area.
    image : ipywidgets.Image
        The live picture.
    error_output : ipywidgets.Output
        Shows the traceback summary of an exception raised while updating.
    last_error : str or None
        The same text, for tests; None after a successful update.
    artists : dict
        The artists updated in place (returned by ``_build``).
    figure : matplotlib.figure.Figure
        The persistent Agg figure behind the picture.
    result : dict
        The last ``compute`` result.
    timings : dict
        Seconds spent in ``compute``, ``draw`` and ``encode`` by the last update (``encode``
        includes handing the picture to the ``Image`` widget, which sends it).
    """

    #: Figure size in inches at :attr:`dpi` (scaled by lecture mode).
    figsize = (10.0, 4.0)
    #: Dots per inch of the live picture.
    dpi = 100
    #: JPEG quality of the live picture.
    jpeg_quality = 90
    #: rcParams added for the live figure: unhinted text renders about 4x faster with Agg.
    live_rc = {"text.hinting": "no_hinting"}

    # ---------------------------------------------------------------- subclass hooks
    def param_spec(self):
        """Return ``{name: FloatParam | IntParam | ChoiceParam | BoolParam}`` in display order."""
        raise NotImplementedError

    def compute(self, **params):
        """Pure computation: parameters -> dict of numbers and arrays.  No widgets, no figure."""
        raise NotImplementedError

    def _build(self, fig, params):
        """Create axes and artists on ``fig`` (a Figure or SubFigure) with fixed limits.

        Return a dict of the artists that change with the parameters; everything else is static.
        """
        raise NotImplementedError

    def _draw(self, artists, result, params):
        """Update ``artists`` in place from ``result``; return True if a static part changed."""
        raise NotImplementedError

    def _readout(self, result, params):
        """Optional: the numbers to read at the current setting, as a list of ``(text, colour)``
        lines.

        Live, they are shown beside the picture in an ``ipywidgets.HTML`` (text costs the browser
        nothing, while Agg needs milliseconds per text artist); in the static twin they are written
        under each panel.  Return None (the default) for no readout.
        """
        return None

    #: Keys of artists (from ``_build``) that change only when :meth:`_slow_key` changes, such as
    #: whole curves that depend on ``y`` but not on the slider ``p``.  They are drawn once into a
    #: second cached background, so a move of a fast slider redraws only the small artists.
    slow_artists = ()
    #: Parameters at which the figure is laid out (the layout is frozen after construction), or
    #: None to lay it out at the starting setting. An explorer whose tick labels change width
    #: with its controls sets the setting with the widest ones here, so that the layout, and so
    #: every frame, is the same whichever setting the explorer started at.
    layout_params = None

    def _slow_key(self, params):
        """A hashable summary of everything the :attr:`slow_artists` depend on (default: all
        params)."""
        return tuple(sorted(params.items()))

    def panel_title(self, params, setting):
        """Title of one panel of the static twin: ``params`` are all the values drawn, ``setting``
        the ones given for this panel (default: ``"name = value, ..."`` of ``setting``).
        An override taking one argument receives ``setting`` only."""
        parts = []
        for k, v in setting.items():
            if isinstance(v, float):
                v = f"{v:g}"
            parts.append(f"{k} = {v}")
        return ", ".join(parts)

    # ---------------------------------------------------------------- construction
    def __init__(self, *, lecture=None, image_format="jpeg", data_url=True, _live=True, **params):
        if image_format not in ("jpeg", "png"):
            raise ValueError(f"image_format must be 'jpeg' or 'png'; found {image_format!r}.")
        if not isinstance(data_url, (bool, np.bool_)):
            raise TypeError(
                f"data_url must be True or False; found {type(data_url).__name__} {data_url!r}."
            )
        self.lecture = style.is_lecture_mode() if lecture is None else bool(lecture)
        self.image_format = image_format
        self.data_url = bool(data_url)
        self._spec = self.param_spec()
        self._params = {name: spec.default for name, spec in self._spec.items()}
        self._params.update(self._check_params(params))
        sig = inspect.signature(self.compute)
        if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in sig.parameters.values()):
            self._compute_names = None
        else:
            self._compute_names = frozenset(sig.parameters)
        self.last_error = None
        self.result = None
        self.timings = {}
        self.frames = 0
        self.readout_lines = []
        self._background = None
        self._slow_background = None
        self._hold = False
        self._live = _live
        if _live:
            self._build_live()

    def _check_params(self, params):
        unknown = [k for k in params if k not in self._spec]
        if unknown:
            raise TypeError(
                f"{type(self).__name__} has no parameter {unknown[0]!r}; "
                f"its parameters are {', '.join(self._spec)}."
            )
        return {k: self._spec[k].check(k, v) for k, v in params.items()}

    def _build_live(self):
        import ipywidgets as widgets

        self.controls = {}
        for name, spec in self._spec.items():
            w = spec.widget(name)
            w.value = self._params[name]
            self.controls[name] = w
        self.image = widgets.Image(
            format="url" if self.data_url else self.image_format,
            layout=widgets.Layout(max_width="100%"),
        )
        self.error_output = widgets.Output(layout=widgets.Layout(border="0px"))
        with self._rc():
            size = style.figsize(*self.figsize, lecture=self.lecture)
            self.figure, self.canvas = agg_figure(size, dpi=self.dpi)
            build_params = {**self._params, **(self.layout_params or {})}
            self.artists = self._build(self.figure, build_params)
            moving = {k: v for k, v in self.artists.items() if not k.startswith("_")}
            slow = {k: moving.pop(k) for k in self.slow_artists}
            self._animated = flatten_artists(moving)
            self._slow = flatten_artists(slow)
            for a in self._animated + self._slow:
                a.set_animated(True)
            self._animated.sort(key=lambda a: a.get_zorder())
            self._slow.sort(key=lambda a: a.get_zorder())
            # lay the figure out once, then freeze the layout so later full draws cannot move axes
            self.canvas.draw()
            self.figure.set_layout_engine("none")
        box = widgets.Box(
            list(self.controls.values()),
            layout=widgets.Layout(display="flex", flex_flow="row wrap", align_items="center"),
        )
        self.readout = widgets.HTML(layout=widgets.Layout(min_width="13em", margin="0 0 0 0.5em"))
        picture = widgets.HBox(
            [self.image, self.readout], layout=widgets.Layout(flex_flow="row wrap")
        )
        self.widget = widgets.VBox([box, picture, self.error_output])
        self._safe_update()
        for w in self.controls.values():
            w.observe(self._on_change, names="value")

    # ---------------------------------------------------------------- public API
    @property
    def params(self):
        """Current parameter values (``name -> value``)."""
        if self._live:
            return {name: w.value for name, w in self.controls.items()}
        return dict(self._params)

    def set(self, **params):
        """Move controls from code; the picture is redrawn once.  Bad names or values raise."""
        checked = self._check_params(params)
        if not self._live:
            self._params.update(checked)
            return
        with self._held():
            for k, v in checked.items():
                self.controls[k].value = v
        self._safe_update()

    def update(self):
        """Recompute and redraw from the current control values; returns the ``compute`` result.

        Exceptions propagate (the slider callbacks call :meth:`_safe_update`, which shows them).
        """
        params = self.params
        t0 = time.perf_counter()
        result = self.compute(**self._compute_args(params))
        t1 = time.perf_counter()
        with self._light_rc():
            if self._draw(self.artists, result, params):
                self._background = None
            self._blit(params)
        lines = self._readout(result, params)
        self.readout_lines = list(lines) if lines else []
        if lines:
            self.readout.value = _readout_html(self.readout_lines, self.lecture)
        t2 = time.perf_counter()
        data = self._encode(self.image_format)
        if self.data_url:
            data = (
                b"data:image/" + self.image_format.encode() + b";base64," + base64.b64encode(data)
            )
        self.image.value = data
        t3 = time.perf_counter()
        self.result = result
        self.frames += 1
        self.timings = {"compute": t1 - t0, "draw": t2 - t1, "encode": t3 - t2, "total": t3 - t0}
        return result

    @property
    def image_bytes(self):
        """The live picture as encoded bytes (JPEG or PNG, see ``image_format``), whichever way
        it is sent to the browser (``data_url``)."""
        value = bytes(self.image.value)
        if self.data_url:
            return base64.b64decode(value.split(b",", 1)[1])
        return value

    @property
    def readout_text(self):
        """The current readout as plain text (one line per row)."""
        return "\n".join(text for text, _ in self.readout_lines)

    def render_png(self):
        """The current picture as PNG bytes (lossless)."""
        if not self._live:
            raise RuntimeError("this explorer was created without a live figure (_live=False).")
        return self._encode("png")

    def static(self, settings, *, ncols=None, titles=None, scale=1.0):
        """The static twin: a Figure with this explorer drawn at each setting (see
        :func:`lossviz.plots.small_multiples`)."""
        return render_small_multiples(self, settings, ncols=ncols, titles=titles, scale=scale)

    def invalidate(self):
        """Forget the cached background so the next frame redraws the static parts."""
        self._background = None

    # ---------------------------------------------------------------- display
    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{type(self).__name__}({args})"

    # ---------------------------------------------------------------- internals
    def _title_for(self, params, setting):
        try:
            n_args = len(inspect.signature(self.panel_title).parameters)
        except (TypeError, ValueError):
            n_args = 2
        return self.panel_title(setting) if n_args == 1 else self.panel_title(params, setting)

    def _rc(self):
        # the full style: for building the figure and for full redraws (ticks are made at draw time)
        return matplotlib.rc_context({**style.rc(self.lecture), **self.live_rc})

    @contextlib.contextmanager
    def _light_rc(self):
        # per frame only the draw-time keys of live_rc matter; rc_context would copy and
        # re-validate every rcParam (about 1 ms).  Restored on exit, like rc_context.
        rc = matplotlib.rcParams
        old = {k: rc[k] for k in self.live_rc}
        try:
            for k, v in self.live_rc.items():
                rc[k] = v
            yield
        finally:
            for k, v in old.items():
                rc[k] = v

    def _compute_args(self, params):
        if self._compute_names is None:
            return dict(params)
        return {k: v for k, v in params.items() if k in self._compute_names}

    @contextlib.contextmanager
    def _held(self):
        old = self._hold
        self._hold = True
        try:
            yield
        finally:
            self._hold = old

    def _on_change(self, change):
        if not self._hold:
            self._safe_update()

    def _safe_update(self):
        try:
            result = self.update()
        except Exception as exc:  # shown in the explorer, never lost
            self.last_error = _error_summary(exc)
            self.error_output.outputs = (
                {
                    "output_type": "stream",
                    "name": "stderr",
                    "text": f"{type(self).__name__}: this setting could not be drawn.\n"
                    f"{self.last_error}\n",
                },
            )
            return None
        if self.last_error is not None or self.error_output.outputs:
            self.last_error = None
            self.error_output.outputs = ()
        return result

    def _blit(self, params):
        canvas = self.canvas
        if self._background is None:
            with self._rc():
                canvas.draw()  # animated artists are skipped by a full draw
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            self._slow_background = None
        renderer = canvas.get_renderer()
        if self._slow:
            key = self._slow_key(params)
            if self._slow_background is None or key != self._slow_background[0]:
                canvas.restore_region(self._background)
                for a in self._slow:
                    if a.get_visible():
                        a.draw(renderer)
                self._slow_background = (key, canvas.copy_from_bbox(self.figure.bbox))
            else:
                canvas.restore_region(self._slow_background[1])
        else:
            canvas.restore_region(self._background)
        for a in self._animated:
            if a.get_visible():
                a.draw(renderer)

    def _encode(self, fmt):
        return encode_canvas(self.canvas, fmt, quality=self.jpeg_quality)
