"""Speed of one slider update of each explorer against the naive rebuild-the-figure way, one run.

For each explorer it moves one slider through a sequence of values, as a person pressing the arrow
key would, and measures the median wall time of one update as the slider callback does it:
``compute`` + update the artists + blit + encode the picture + set the ``ipywidgets.Image``.
In the same run, on the same computation and the same panels, it measures

* **full redraw** -- the same persistent figure, but the cached background thrown away each time
  (``set_data`` + a full ``canvas.draw()`` + encode): what blitting saves;
* **naive** -- what an ``ipywidgets.interact`` cell that rebuilds its figure does on every move:
  a new pyplot figure with the same panels (the explorer's own ``_build``/``_draw``), plotted,
  ``savefig`` to PNG in a buffer (what the inline backend sends), closed.

Prints a table with the ratio naive / live.  Aims (issue 3): live at least 5x faster than naive,
and at most 20 ms for the loss, saturation, entropy and softmax explorers (100 ms for the
training explorers).  Figures depend on the machine and its load; the load average is printed.

    python benchmarks/bench_explorers.py [--moves 40] [--only loss,softmax] [--json out.json]

Adding rows
-----------
Importable: ``from bench_explorers import Case, CASES, register, measure, main``.  Another
benchmark module may also be dropped next to this one as ``bench_explorers_<name>.py`` exposing
``CASES = [Case(...), ...]``; ``main()`` picks those up.  A ``Case`` is ``(name, factory, moves)``:
``factory()`` returns a live explorer, ``moves`` is a list of ``{control: value}`` dicts applied
one after the other (each is one slider move).
"""

from __future__ import annotations

import argparse
import dataclasses
import glob
import importlib.util
import io
import json
import os
import platform
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from lossviz.explorers import EntropyExplorer, LossExplorer, SaturationExplorer, SoftmaxExplorer  # noqa: E402

__all__ = ["Case", "CASES", "register", "measure", "main"]


@dataclasses.dataclass
class Case:
    """A row: ``factory()`` -> live explorer; ``moves`` -> list of ``{control: value}``."""

    name: str
    factory: object
    moves: list
    target_ms: float = 20.0


def _sweep(key, lo, hi, n, digits=2):
    vals = np.round(np.linspace(lo, hi, n), digits)
    out = []
    prev = None
    for v in vals:
        v = float(v)
        if v != prev:
            out.append({key: v})
        prev = v
    return out


CASES: list[Case] = []


def register(name, factory, moves, target_ms=20.0):
    """Add a row to :data:`CASES` (returns the Case)."""
    case = Case(name, factory, list(moves), target_ms)
    CASES.append(case)
    return case


def _default_cases(n):
    return [
        Case("LossExplorer (p)", LossExplorer, _sweep("p", 0.05, 0.95, n)),
        Case("SaturationExplorer (z)", SaturationExplorer, _sweep("z", -8.0, 8.0, n, 1)),
        Case("EntropyExplorer k=4 (q1)", lambda: EntropyExplorer(k=4), _sweep("q1", 0.05, 0.95, n)),
        Case(
            "SoftmaxExplorer 4 classes (z1)",
            lambda: SoftmaxExplorer(n_classes=4),
            _sweep("z1", -5.0, 5.0, n, 1),
        ),
    ]


def _extra_cases():
    out = []
    for path in sorted(glob.glob(os.path.join(HERE, "bench_explorers_*.py"))):
        name = os.path.splitext(os.path.basename(path))[0]
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules.setdefault("bench_explorers", sys.modules[__name__])
        spec.loader.exec_module(mod)
        out.extend(getattr(mod, "CASES", []))
    return out


def _apply(ex, move):
    if len(move) == 1:
        ((k, v),) = move.items()
        ex.controls[k].value = v  # exactly what a slider move does (the observer redraws)
    else:
        ex.set(**move)


def _naive_update(ex, params):
    """A new pyplot figure with the same panels, plotted and saved as PNG, then closed."""
    from lossviz import style

    with style.style_context(ex.lecture):
        fig = plt.figure(
            figsize=style.figsize(*ex.figsize, lecture=ex.lecture), dpi=ex.dpi, layout="constrained"
        )
        arts = ex._build(fig, dict(params))
        result = ex.compute(**ex._compute_args(params))
        ex._draw(arts, result, params)
        ex._readout(result, params)  # the naive cell would print these numbers
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        plt.close(fig)
    return buf.getvalue()


def measure(case, *, repeat_naive=None):
    """Median milliseconds of one update: live, full redraw, naive; and the live breakdown."""
    ex = case.factory()
    moves = case.moves
    # warm-up (font caches, first background)
    for mv in moves[:3]:
        _apply(ex, mv)
    _apply(ex, moves[0])
    live, parts = [], {"compute": [], "draw": [], "encode": []}
    for mv in moves:
        t0 = time.perf_counter()
        _apply(ex, mv)
        live.append(time.perf_counter() - t0)
        if ex.last_error:
            raise RuntimeError(f"{case.name}: {ex.last_error}")
        for k in parts:
            parts[k].append(ex.timings[k])
    full = []
    for mv in moves:
        ex.invalidate()
        t0 = time.perf_counter()
        _apply(ex, mv)
        full.append(time.perf_counter() - t0)
    naive = []
    n_naive = repeat_naive or max(5, len(moves) // 3)
    figs_before = len(plt.get_fignums())
    for mv in moves[:n_naive]:
        params = dict(ex.params)
        params.update(mv)
        t0 = time.perf_counter()
        _naive_update(ex, params)
        naive.append(time.perf_counter() - t0)
    assert len(plt.get_fignums()) == figs_before
    ms = lambda xs: 1e3 * statistics.median(xs)  # noqa: E731
    return {
        "name": case.name,
        "moves": len(moves),
        "live_ms": ms(live),
        "live_max_ms": 1e3 * max(live),
        "full_redraw_ms": ms(full),
        "naive_ms": ms(naive),
        "ratio": ms(naive) / ms(live),
        "compute_ms": ms(parts["compute"]),
        "draw_ms": ms(parts["draw"]),
        "encode_ms": ms(parts["encode"]),
        "image_px": "x".join(str(int(v)) for v in ex.figure.bbox.size),
        "target_ms": case.target_ms,
    }


def main(argv=None, extra=()):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--moves", type=int, default=40, help="slider moves per explorer (default 40)")
    ap.add_argument("--only", default="", help="comma-separated substrings of row names to run")
    ap.add_argument("--json", default=None, help="also write the rows to this JSON file")
    args = ap.parse_args(argv)
    cases = _default_cases(args.moves) + list(CASES) + list(extra) + _extra_cases()
    if args.only:
        keys = [k.strip().lower() for k in args.only.split(",") if k.strip()]
        cases = [c for c in cases if any(k in c.name.lower() for k in keys)]
    print(
        f"# lossviz explorers: one slider update, median over {args.moves} moves "
        f"(python {platform.python_version()}, matplotlib {matplotlib.__version__}, "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores)"
    )
    head = (
        f"{'explorer':34s} {'image':>8s} {'live':>8s} {'(max)':>8s} {'compute':>8s} {'draw':>7s} "
        f"{'encode':>7s} {'full':>8s} {'naive':>8s} {'naive/live':>10s}  aim"
    )
    print(head)
    print("-" * len(head))
    rows = []
    for case in cases:
        r = measure(case)
        rows.append(r)
        ok = r["live_ms"] <= r["target_ms"] and r["ratio"] >= 5
        print(
            f"{r['name']:34s} {r['image_px']:>8s} {r['live_ms']:7.1f}ms {r['live_max_ms']:7.1f}ms "
            f"{r['compute_ms']:7.2f}ms {r['draw_ms']:6.1f}ms {r['encode_ms']:6.1f}ms "
            f"{r['full_redraw_ms']:7.1f}ms "
            f"{r['naive_ms']:7.1f}ms {r['ratio']:9.1f}x  {'ok' if ok else 'MISSED'} "
            f"(<= {r['target_ms']:g} ms, >= 5x)"
        )
    print(
        "live = compute + set_data + restore_region/draw_artist (blitting) + JPEG encode + "
        "Image.value;"
    )
    print(
        "full = same figure, full canvas.draw() each move; naive = new pyplot figure + "
        "savefig PNG + close."
    )
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(rows, fh, indent=2)
    return rows


if __name__ == "__main__":
    main()
