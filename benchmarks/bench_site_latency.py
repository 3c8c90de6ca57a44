"""Key press on a control of the static site -> new picture painted, in headless Chromium.

Opens every chapter page of a built site (default ``site/``; build it with
``python3 course.py site``) from ``file://`` and, for EVERY explorer on every page, focuses its
first slider (an explorer with no slider: its first menu, moved with the arrow keys) and presses
ArrowRight/ArrowLeft ``--moves`` times after 3 warm-up presses.  Each latency is measured in the
page like ``bench_browser_latency.py`` measures JupyterLab: from the keydown event's timestamp to
the frame after the new picture (the runtime's ``lv-paint`` event, then requestAnimationFrame,
then a task after that frame).  Prints median and p95 per explorer (targets: 16 ms and 33 ms).

In the same run (unless ``--no-lab``) the same move -- one step of LossExplorer's ``p`` slider --
is measured in JupyterLab on the kernel's explorer and on a naive ``interact`` cell, with
``bench_browser_latency.py``'s notebook and measuring functions, and printed next to the site's
LossExplorer figures, with the load average before and after.

    python benchmarks/bench_site_latency.py [--site site] [--moves 40] [--no-lab]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "browser"))
import _harness as H  # noqa: E402

WARMUP = 3

# arm one measurement on explorer i's control c: keydown (capture) time, then the runtime's
# lv-paint event -> the next frame -> a task after that frame's paint
JS_ARM = """([i, c]) => { const e = lvExplorers[i]; window._lvT = null; window._lvK = null;
  e.root.addEventListener('lv-paint', () => requestAnimationFrame(() =>
    setTimeout(() => { window._lvT = performance.now(); }, 0)), {once: true});
  e.root.querySelector(`[data-control='${c}']`).addEventListener('keydown',
    ev => { window._lvK = ev.timeStamp; }, {capture: true, once: true}); }"""


def _p95(xs):
    xs = sorted(xs)
    return xs[int(0.95 * (len(xs) - 1))]


def _control(page, i):
    """(index, kind) of the control to move: the first slider, else the first menu, else the
    first checkbox."""
    kinds = page.evaluate("i => lvExplorers[i].d.controls.map(c => c.kind)", i)
    for want in ("range", "choice", "bool"):
        for c, kind in enumerate(kinds):
            if kind == want:
                return c, kind
    raise RuntimeError(f"explorer {i} has no control: {kinds}")


def site_rows(site: Path, moves: int, ctx) -> list[dict]:
    """Median and p95 (ms) of key press -> painted for every explorer of every page."""
    rows = []
    pages = sorted(site.resolve().glob("[0-9][0-9]-*.html"))
    if not pages:
        raise FileNotFoundError(
            f"--site {site}: no chapter page (NN-*.html) there; build the site first "
            f"(python3 course.py site, or python tools/site.py --out {site})"
        )
    for p in pages:
        page = ctx.new_page()
        page.goto(p.as_uri(), wait_until="load")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.lv-explorer')].every(e => e.dataset.ready)"
        )
        for i in range(page.evaluate("window.lvExplorers.length")):
            name = page.evaluate("i => lvExplorers[i].d.cls", i)
            c, kind = _control(page, i)
            root = page.evaluate("i => lvExplorers[i].root.id", i)
            el = page.locator(f"#{root} [data-control='{c}']")
            el.scroll_into_view_if_needed()
            el.focus()
            if kind == "range":
                keys = ("ArrowRight", "ArrowLeft")
            elif kind == "choice":
                keys = ("ArrowDown", "ArrowUp")
            else:
                keys = ("Space", "Space")
            times, unpainted = [], 0
            for k in range(moves + WARMUP):
                key = keys[0] if (k // 10) % 2 == 0 else keys[1]
                if kind != "bool":  # turn back at either end (a press there moves nothing)
                    lo, hi, cur = el.evaluate(
                        "s => s.tagName === 'SELECT' ? [0, s.options.length - 1, s.selectedIndex]"
                        " : [+s.min, +s.max, +s.value]"
                    )
                    key = keys[0] if cur == lo else keys[1] if cur == hi else key
                page.evaluate(JS_ARM, [i, c])
                page.keyboard.press(key)
                try:
                    page.wait_for_function("() => window._lvT !== null", timeout=5_000)
                except Exception:  # no new picture (a setting drawn identically): not a move
                    unpainted += 1
                    continue
                if k >= WARMUP:
                    times.append(page.evaluate("window._lvT - window._lvK"))
            label = page.evaluate("([i, c]) => lvExplorers[i].d.controls[c].name", [i, c])
            rows.append(
                {
                    "chapter": p.name[:2],
                    "cls": name,
                    "control": f"{label} ({kind})",
                    "median": statistics.median(times),
                    "p95": _p95(times),
                    "n": len(times),
                    "unpainted": unpainted,
                }
            )
            r = rows[-1]
            print(
                f"  {r['chapter']} {name:24s} {r['control']:20s} median {r['median']:6.1f} ms"
                f"  p95 {r['p95']:6.1f} ms"
                + (f"  ({unpainted} presses painted nothing)" if unpainted else ""),
                flush=True,
            )
        page.close()
    return rows


def _latency_module():
    spec = importlib.util.spec_from_file_location(
        "lossviz_bench_browser_latency", HERE / "bench_browser_latency.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def lab_rows(moves: int, pw, chromium) -> dict:
    """LossExplorer and the naive interact cell in JupyterLab, one step of p per press
    (``bench_browser_latency.py``'s notebook and ``measure``)."""
    L = _latency_module()
    tmp = Path(tempfile.mkdtemp(prefix="lossviz-site-latency-"))
    root = tmp / "root"
    H.write_notebook(root / "latency.ipynb", [L.SETUP, L.EXPLORER, L.NAIVE])
    server = H.start_lab(root, tmp / "server")
    try:
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
                raise RuntimeError(f"the benchmark notebook did not run cleanly: {run} {problems}")
            b_ex, b_naive = L.find_blocks(nb)
            out = {}
            for key, block in (("lab", b_ex), ("naive", b_naive)):
                r = L.measure(nb, block, moves, WARMUP)
                out[key] = {"median": r["median_ms"], "p95": _p95(r["all_ms"]), "n": r["n"]}
        finally:
            ctx.close()
    finally:
        server.stop()
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, default=HERE.parent / "site")
    ap.add_argument("--moves", type=int, default=40, help="measured presses per explorer")
    ap.add_argument("--no-lab", action="store_true", help="skip the JupyterLab comparison")
    args = ap.parse_args(argv)
    if args.moves < 20:
        ap.error(f"--moves must be at least 20 (a p95 needs them), got {args.moves}")
    chromium = H.find_chromium()
    if not chromium:
        print(H.CHROMIUM_MISSING, file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    load0 = os.getloadavg()
    print(f"static site {args.site} from file://, {args.moves} moves per explorer:")
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as prof:
        ctx = H.launch_browser(pw, Path(prof), chromium, width=1700)
        try:
            rows = site_rows(args.site, args.moves, ctx)
        finally:
            ctx.close()
        lab = None if args.no_lab else lab_rows(max(20, args.moves // 2), pw, chromium)
    load1 = os.getloadavg()

    print()
    print(f"{'':3} {'explorer':24s} {'control moved':20s} {'median ms':>10} {'p95 ms':>8}  target")
    print("-" * 80)
    for r in rows:
        ok = r["median"] <= 16 and r["p95"] <= 33
        print(
            f"{r['chapter']:3} {r['cls']:24s} {r['control']:20s} {r['median']:>10.1f} "
            f"{r['p95']:>8.1f}  {'met' if ok else 'NOT met'}"
        )
    print("-" * 80)
    worst_med = max(r["median"] for r in rows)
    worst_p95 = max(r["p95"] for r in rows)
    met = sum(r["median"] <= 16 and r["p95"] <= 33 for r in rows)
    print(
        f"site: {len(rows)} explorers, {met} meet both targets; worst median {worst_med:.1f} ms "
        f"(target 16), worst p95 {worst_p95:.1f} ms (target 33)"
    )
    if lab:
        print()
        print("the same move (LossExplorer, p one step right/left), same run:")
        for r in rows:
            if r["cls"] == "LossExplorer":
                print(
                    f"  static site, chapter {r['chapter']}          median {r['median']:7.1f} ms"
                    f"  p95 {r['p95']:7.1f} ms"
                )
        for key, label in (
            ("lab", "JupyterLab, lv.LossExplorer     "),
            ("naive", "JupyterLab, naive interact cell "),
        ):
            r = lab[key]
            print(
                f"  {label} median {r['median']:7.1f} ms  p95 {r['p95']:7.1f} ms  ({r['n']} moves)"
            )
    print(
        f"\nload average (1 min) {load0[0]:.2f} before / {load1[0]:.2f} after, "
        f"{os.cpu_count()} CPU(s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
