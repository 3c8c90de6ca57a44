"""Latency as a person feels it: key press on a slider -> new picture painted, in a real browser.

Starts JupyterLab (127.0.0.1, random token, free port) and the system Chromium (headless,
through Playwright; never ``playwright install``), opens a generated notebook with two cells:

  (a) ``lv.LossExplorer()`` -- the course's explorer (persistent Agg figure, blitting, Image widget);
  (b) a naive ``ipywidgets.interact`` cell on the same computation (``LossExplorer.compute``)
      that rebuilds a two-panel figure with ``plt.subplots`` + ``plot`` + ``plt.show()`` (inline
      backend) on every move;

focuses each one's first slider handle and presses ArrowRight N times (default 25, after 3
warm-up presses), waiting for each new picture before the next press. Each latency is measured
in the page: from the keydown event's timestamp to the new picture on screen -- a MutationObserver
sees the new <img> src, then its load event, then the next frame is painted (requestAnimationFrame,
then a task after that frame). Also shown: when the <img> src was set, and when img.decode()
resolved (Chromium resolves it through the compositor, so it is an independent check).

    python benchmarks/bench_browser_latency.py [--moves 25] [--json out.json]

Prints median and max for both and their ratio (naive / explorer). Targets: explorer median
<= 60 ms and >= 2x faster than the naive cell. Figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "browser"))
import _harness as H  # noqa: E402

SETUP = """\
%matplotlib inline
import lossviz as lv
import ipywidgets as widgets
import matplotlib.pyplot as plt
try:
    LossExplorer = lv.LossExplorer
except AttributeError:  # before the package exports it
    from lossviz.explorers.loss import LossExplorer"""

EXPLORER = """\
ex = LossExplorer(p=0.5, y=1)
kernel_ms = []  # the explorer's own time per update (compute + draw + encode), for the breakdown
ex.image.observe(lambda change: kernel_ms.append(1000 * ex.timings.get("total", float("nan"))), "value")
ex"""

NAIVE = """\
# the naive way: rebuild a two-panel figure on every move (same computation)
pure = LossExplorer(_live=False)
colors = {"bce": "#0072B2", "mse": "#D55E00", "focal": "#009E73"}
styles = {"bce": "-", "mse": "--", "focal": "-."}

def naive(p=0.5):
    r = pure.compute(p=p, y=1, gamma=2.0)
    fig, (ax_l, ax_g) = plt.subplots(1, 2, figsize=ex.figure.get_size_inches(), dpi=ex.figure.dpi)
    for name, (loss, grad) in r["curves"].items():
        ax_l.plot(r["grid"], loss, color=colors[name], ls=styles[name], label=name.upper())
        ax_g.plot(r["grid"], grad, color=colors[name], ls=styles[name])
        ax_l.plot([p], [min(r[name], 5)], "o", color=colors[name])
        ax_g.plot([p], [max(min(r[name + "_grad"], 8), -8)], "o", color=colors[name])
    for ax, title in ((ax_l, "loss"), (ax_g, "gradient dL/dp")):
        ax.axvline(p, color="0.35", lw=1, ls=":")
        ax.set_xlim(0, 1)
        ax.set_title(title)
        ax.set_xlabel("predicted probability p")
    ax_l.set_ylim(0, 5)
    ax_g.set_ylim(-8, 8)
    ax_l.legend(loc="upper center")
    plt.show()

widgets.interact(naive, p=widgets.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.01,
                                              continuous_update=True, description="p"));"""

JS_ARM = r"""
([i]) => {
  // keydown (capture) -> MutationObserver sees the new <img> src -> its load event -> the next
  // frame (requestAnimationFrame, then a task after that frame's paint). img.decode() is timed
  // too, separately: in Chromium it resolves through the compositor, about a frame later.
  const b = __lv.block(i);
  const prev = new Set(Array.from(b.querySelectorAll('img')).map(im => im.src));
  const m = window.__lvM = {t0: null, tdom: null, tload: null, tdec: null, t1: null, done: false, err: null};
  document.addEventListener('keydown', e => { if (m.t0 === null) m.t0 = e.timeStamp; },
                            {capture: true, once: true});
  const finish = () => { if (m.t1 !== null && m.tdec !== null) m.done = true; };
  const obs = new MutationObserver(() => {
    const fresh = Array.from(b.querySelectorAll('img')).find(im => im.isConnected && im.src && !prev.has(im.src));
    if (!fresh) return;
    obs.disconnect();
    m.tdom = performance.now();
    const loaded = () => {
      if (m.tload !== null) return;
      m.tload = performance.now();
      requestAnimationFrame(() => setTimeout(() => { m.t1 = performance.now(); finish(); }, 0));
    };
    if (fresh.complete && fresh.naturalWidth > 0) loaded();
    else {
      fresh.addEventListener('load', loaded, {once: true});
      fresh.addEventListener('error', () => { m.err = 'image failed to load'; loaded(); }, {once: true});
    }
    fresh.decode().then(() => { m.tdec = performance.now(); finish(); },
                        e => { m.tdec = performance.now(); finish(); });
  });
  obs.observe(b, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
  return true;
}
"""


JS_KERNEL_EXEC = r"""
async (code) => {
  const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  let out = '';
  const f = k.requestExecute({code, silent: false, store_history: false});
  f.onIOPub = msg => { if (msg.header.msg_type === 'stream') out += msg.content.text; };
  await f.done;
  return out;
}
"""


def kernel_side_ms(nb: H.LabNotebook, n: int) -> float | None:
    """Median of the explorer's own update time (kernel side) over the last n updates."""
    try:
        out = nb.page.evaluate(
            JS_KERNEL_EXEC, f"import statistics; print(statistics.median(kernel_ms[-{n}:]))"
        )
        return float(out.strip())
    except Exception:
        return None


def measure(nb: H.LabNotebook, block: int, moves: int, warmup: int) -> dict:
    d = nb.driver
    d.press(block, 0, "Home")
    d.settle(block)
    lat, dom, dec, direction = [], [], [], "ArrowRight"
    for k in range(warmup + moves):
        d.settle(block)
        time.sleep(0.1)
        before = d.handle_value(block, 0)
        h = d._handle(block, 0)
        h.focus()
        nb.page.evaluate(JS_ARM, [block])
        nb.page.keyboard.press(direction)
        if d.handle_value(block, 0) == before:  # at the end: go back the other way
            direction = "ArrowLeft" if direction == "ArrowRight" else "ArrowRight"
            nb.page.evaluate(JS_ARM, [block])
            nb.page.keyboard.press(direction)
        nb.page.wait_for_function("() => window.__lvM.done", timeout=60_000, polling=10)
        m = nb.page.evaluate("() => window.__lvM")
        if m["err"]:
            raise RuntimeError(f"image decode failed: {m['err']}")
        if k >= warmup:
            lat.append(m["t1"] - m["t0"])
            dom.append(m["tdom"] - m["t0"])
            dec.append(m["tdec"] - m["t0"])
    return {
        "n": len(lat),
        "median_ms": statistics.median(lat),
        "max_ms": max(lat),
        "min_ms": min(lat),
        "median_dom_ms": statistics.median(dom),
        "median_decoded_ms": statistics.median(dec),
        "all_ms": [round(x, 1) for x in lat],
    }


def find_blocks(nb: H.LabNotebook) -> tuple[int, int]:
    """(explorer block, naive block): the explorer is the first widget output, the naive one the
    second.
    """
    blocks = [b for b in nb.driver.blocks() if b["controls"]["sliders"]]
    if len(blocks) != 2:
        raise RuntimeError(f"expected 2 widget outputs with sliders, found {len(blocks)}: {blocks}")
    return blocks[0]["index"], blocks[1]["index"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--moves", type=int, default=25, help="measured key presses per cell (>= 20)")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    if args.moves < 20:
        ap.error("--moves must be at least 20")
    chromium = H.find_chromium()
    if not chromium:
        print(H.CHROMIUM_MISSING, file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="lossviz-latency-"))
    root = tmp / "root"
    H.write_notebook(root / "latency.ipynb", [SETUP, EXPLORER, NAIVE])
    server = H.start_lab(root, tmp / "server")
    try:
        with sync_playwright() as pw:
            ctx = H.launch_browser(pw, tmp / "profile", chromium)
            try:
                nb = H.LabNotebook(ctx, server, "latency.ipynb")
                nb.open()
                run = nb.run_all()
                nb.driver.wait_widgets_rendered()
                problems = [
                    p for p in nb.cell_problems() if p["kind"] != "stderr"
                ] + nb.driver.widget_problems()
                if run.get("error") or problems:
                    raise RuntimeError(
                        f"the benchmark notebook did not run cleanly: {run} {problems}"
                    )
                b_ex, b_naive = find_blocks(nb)
                load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
                res_ex = measure(nb, b_ex, args.moves, args.warmup)
                res_ex["kernel_median_ms"] = kernel_side_ms(nb, args.moves)
                res_naive = measure(nb, b_naive, args.moves, args.warmup)
                load_after = os.getloadavg() if hasattr(os, "getloadavg") else None
                chromium_version = nb.page.evaluate(
                    "() => (navigator.userAgent.match(/Chrome\\/([0-9.]+)/) || [0, '?'])[1]"
                )
            finally:
                ctx.close()
    finally:
        server.stop()

    ratio = res_naive["median_ms"] / res_ex["median_ms"]
    ratio_max = res_naive["max_ms"] / res_ex["max_ms"]
    print()
    print(
        f"Key press -> new picture painted, in JupyterLab {jupyterlab_version()} + headless "
        f"Chromium "
        f"{chromium_version} ({res_ex['n']} moves each, {args.warmup} warm-up)"
    )
    load = (
        f", load average {load_before[0]:.1f} before / {load_after[0]:.1f} after"
        if load_before and load_after
        else ""
    )
    print(
        f"machine: {platform.machine()}, {os_cpus()} CPU(s), python "
        f"{platform.python_version()}{load}"
    )
    print()
    w = 34
    print(
        f"{'':<{w}} {'painted':>10} {'painted':>10} {'painted':>10} {'<img> set':>10} "
        f"{'decode()':>10}"
    )
    print(
        f"{'cell':<{w}} {'median ms':>10} {'max ms':>10} {'min ms':>10} {'median ms':>10} "
        f"{'median ms':>10}"
    )
    print("-" * (w + 55))
    for name, r in (
        ("LossExplorer (Agg + blit + Image)", res_ex),
        ("naive interact + plt.subplots", res_naive),
    ):
        print(
            f"{name:<{w}} {r['median_ms']:>10.1f} {r['max_ms']:>10.1f} {r['min_ms']:>10.1f}"
            f" {r['median_dom_ms']:>10.1f} {r['median_decoded_ms']:>10.1f}"
        )
    print("-" * (w + 55))
    print(f"{'ratio naive / explorer':<{w}} {ratio:>9.2f}x {ratio_max:>9.2f}x")
    if res_ex.get("kernel_median_ms") is not None:
        print(
            f"(explorer update inside the kernel: median {res_ex['kernel_median_ms']:.1f} "
            f"ms of compute + draw + "
            f"encode; the rest is widget messages and the browser)"
        )
    print()
    ok_median = res_ex["median_ms"] <= 60
    ok_ratio = ratio >= 2
    print(
        f"target explorer median <= 60 ms: {'met' if ok_median else 'NOT met'} "
        f"({res_ex['median_ms']:.1f} ms)"
    )
    print(f"target >= 2x faster than naive:   {'met' if ok_ratio else 'NOT met'} ({ratio:.2f}x)")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "explorer": res_ex,
                    "naive": res_naive,
                    "ratio_median": ratio,
                    "ratio_max": ratio_max,
                    "load_before": load_before,
                    "load_after": load_after,
                },
                indent=2,
            )
        )
    return 0


def jupyterlab_version() -> str:
    try:
        import jupyterlab

        return jupyterlab.__version__
    except Exception:
        return "?"


def os_cpus() -> int:
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 0)
    )


if __name__ == "__main__":
    sys.exit(main())
