"""Key press on a slider of the static site -> new picture painted, in headless Chromium.

Opens every chapter page of a built site (default ``site/``; build it with
``python3 course.py site``) from ``file://``, focuses each explorer's first slider and presses
ArrowRight/ArrowLeft ``--moves`` times.  Each latency is measured in the page like
``bench_browser_latency.py`` measures JupyterLab: from the keydown event's timestamp to the
frame after the new picture (the runtime's ``lv-paint`` event, then requestAnimationFrame, then
a task after that frame).  Prints median and p95 per explorer (targets: 16 ms and 33 ms).
The JupyterLab figure for the same move comes from ``bench_browser_latency.py`` (not run here).

    python benchmarks/bench_site_latency.py [--site site] [--moves 40]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "browser"))
import _harness as H  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, default=HERE.parent / "site")
    ap.add_argument("--moves", type=int, default=40)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as prof:
        ctx = H.launch_browser(pw, Path(prof), width=1700)
        for p in sorted(args.site.resolve().glob("[0-9][0-9]-*.html")):
            page = ctx.new_page()
            page.goto(p.as_uri(), wait_until="load")
            page.wait_for_function(
                "() => [...document.querySelectorAll('.lv-explorer')].every(e => e.dataset.ready)"
            )
            for i in range(page.evaluate("window.lvExplorers.length")):
                if not page.evaluate(
                    "i => !!lvExplorers[i].root.querySelector('input[type=range]')", i
                ):
                    continue
                name = page.evaluate("i => lvExplorers[i].d.cls", i)
                sel = f"#{page.evaluate('i => lvExplorers[i].root.id', i)} input[type=range]"
                el = page.locator(sel).first
                el.scroll_into_view_if_needed()
                el.focus()
                times = []
                for k in range(args.moves + 3):
                    key = "ArrowRight" if (k // 10) % 2 == 0 else "ArrowLeft"
                    page.evaluate(
                        "([i]) => { const e = lvExplorers[i]; window._lvT = null;"
                        " e.root.addEventListener('lv-paint', () => requestAnimationFrame(() =>"
                        " setTimeout(() => { window._lvT = performance.now(); }, 0)),"
                        " {once: true});"
                        " e.root.querySelector('input[type=range]').addEventListener('keydown',"
                        " ev => { window._lvK = ev.timeStamp; }, {capture: true, once: true}); }",
                        [i],
                    )
                    page.keyboard.press(key)
                    page.wait_for_function("() => window._lvT !== null", timeout=10_000)
                    if k >= 3:
                        times.append(page.evaluate("window._lvT - window._lvK"))
                times.sort()
                med = statistics.median(times)
                p95 = times[int(0.95 * (len(times) - 1))]
                rows.append((p.name[:2], name, med, p95))
                print(
                    f"{p.name[:2]} {name:26s} median {med:6.1f} ms  p95 {p95:6.1f} ms", flush=True
                )
            page.close()
        ctx.close()
    worst = max(r[2] for r in rows)
    print(
        f"site: {len(rows)} explorers, worst median {worst:.1f} ms (target 16), "
        f"worst p95 {max(r[3] for r in rows):.1f} ms (target 33)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
