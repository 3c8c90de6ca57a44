"""A class on one machine: how many students' kernels does a JupyterHub node hold?

    .venv/bin/python benchmarks/bench_hub_load.py [--loads 1 10 20 30] [--seconds 20]
        [--interval 0.2] [--chapter notebooks/03-bce-vs-mse.ipynb] [--slider "predicted p"]
        [--max-minutes 20]

Each student is a kernel started with ``jupyter_client`` (no browser, no server) that runs every
code cell of chapter 03, then moves the LossExplorer's slider through the widget messages a
browser sends (``tools/hub_kernel.py``): one move every ``--interval`` seconds; a move that is
due while the last picture has not arrived waits for it (as ipywidgets' front end holds back a
new value until the kernel is idle). Every move costs the kernel compute + draw + encode.
Kernels are added level by level (10, then 10 more, ...) and at each level all of them slide
at once for ``--seconds``: the worst case of a class told "now move the slider".

Printed per level: moves, median and p95 update latency (send -> the picture's ``comm_msg``
received), the kernels' CPU use, the total resident memory (sum of RSS; PSS beside it); then a
capacity table for a JupyterHub node: students per core and per GiB at which p95 stays under
100 ms and 250 ms. Kernels are always shut down (also on Ctrl-C, SIGTERM and at the time limit).
The driver runs on the same cores as the kernels (its share of CPU is counted against them).
"""

from __future__ import annotations

import argparse
import atexit
import os
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from hub_kernel import (  # noqa: E402
    KernelDriverError,
    StudentKernel,
    format_bytes,
    percentile,
)

THRESHOLDS_MS = (100.0, 250.0)
_LIVE: list[StudentKernel] = []


def _cleanup():
    while _LIVE:
        _LIVE.pop().shutdown()


def _on_signal(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def cpu_seconds(pid):
    """User + system CPU seconds of a process (Linux /proc; 0.0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_student(chapter, slider, deadline):
    if time.monotonic() > deadline:
        raise TimeoutError("time limit reached while starting kernels")
    k = StudentKernel(chapter)
    _LIVE.append(k)
    k.start()
    failed = k.run_notebook()
    if failed:
        raise KernelDriverError(f"chapter cells failed: {[(f.index, f.errors) for f in failed]}")
    k.select_slider(slider)
    k.move(k.next_value(0))  # warm: the first frame draws the background
    return k


def drive(k, seconds, interval, stop_at, out, offset):
    """One student: a move every interval seconds for seconds; latencies appended to out."""
    t0 = time.monotonic() + offset
    time.sleep(max(0.0, t0 - time.monotonic()))
    n = 1
    while True:
        due = t0 + n * interval
        now = time.monotonic()
        if due - t0 > seconds or now > stop_at:
            return
        if due > now:
            time.sleep(due - now)
        try:
            out.append(k.move(k.next_value(n)))
        except KernelDriverError as exc:
            out.append(exc)
            return
        n += 1


def run_level(students, seconds, interval, stop_at):
    pids = [k.pid for k in students]
    cpu0 = [cpu_seconds(p) for p in pids]
    results = [[] for _ in students]
    w0 = time.monotonic()
    threads = [
        threading.Thread(
            target=drive,
            args=(k, seconds, interval, stop_at, results[i], interval * i / len(students)),
            daemon=True,
        )
        for i, k in enumerate(students)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(1.0, stop_at - time.monotonic() + 60))
    wall = time.monotonic() - w0
    cpu = sum(cpu_seconds(p) - c for p, c in zip(pids, cpu0, strict=True))
    lat = [x for r in results for x in r if isinstance(x, float)]
    errors = [x for r in results for x in r if not isinstance(x, float)]
    mem = [k.memory() for k in students]
    planned = len(students) * int(seconds / interval)
    return {
        "n": len(students),
        "moves": len(lat),
        "planned": planned,
        "errors": [str(e) for e in errors],
        "median_ms": 1000 * percentile(lat, 50) if lat else float("inf"),
        "p95_ms": 1000 * percentile(lat, 95) if lat else float("inf"),
        "max_ms": 1000 * max(lat) if lat else float("inf"),
        "cpu_cores": cpu / wall,
        "cpu_per_move_ms": 1000 * cpu / max(1, len(lat)),
        "rss_total": sum(m["rss"] for m in mem),
        "pss_total": sum(m["pss"] for m in mem),
        "rss_mean": sum(m["rss"] for m in mem) / len(mem),
    }


def crossing(rows, threshold):
    """Students at which p95 reaches threshold: interpolated between measured levels.

    Returns (students, exact) where exact is False when every level stayed under (a floor).
    """
    prev = None
    for r in rows:
        if r["p95_ms"] >= threshold:
            if prev is None:
                return 0.0, True
            n0, p0, n1, p1 = prev["n"], prev["p95_ms"], r["n"], r["p95_ms"]
            return n0 + (n1 - n0) * (threshold - p0) / (p1 - p0), True
        prev = r
    return float(rows[-1]["n"]), False


def capacity_table(rows, cores, rss_per_student):
    lines = [
        "| p95 latency under | students on this machine | students per core | students per GiB |",
        "|---|---|---|---|",
    ]
    per_gib = 2**30 / rss_per_student
    for t in THRESHOLDS_MS:
        n, exact = crossing(rows, t)
        ge = "" if exact else ">= "
        lines.append(f"| {t:.0f} ms | {ge}{n:.0f} | {ge}{n / cores:.1f} | {per_gib:.1f} |")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--loads", type=int, nargs="+", default=[1, 10, 20, 30])
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--interval", type=float, default=0.2)
    ap.add_argument("--chapter", default=str(ROOT / "notebooks" / "03-bce-vs-mse.ipynb"))
    ap.add_argument("--slider", default="predicted p")
    ap.add_argument("--setup-parallel", type=int, default=2, help="kernels set up at once")
    ap.add_argument("--max-minutes", type=float, default=20.0, help="hard limit of the run")
    a = ap.parse_args(argv)
    loads = sorted(set(a.loads))
    if loads[0] < 1:
        ap.error(f"--loads must be >= 1 kernels each; found {loads}")
    atexit.register(_cleanup)
    signal.signal(signal.SIGTERM, _on_signal)
    deadline = time.monotonic() + 60 * a.max_minutes
    cores = os.cpu_count() or 1
    print(
        f"machine: {cores} cores, load average {os.getloadavg()[0]:.2f} before the run; "
        f"chapter {Path(a.chapter).name}, slider {a.slider!r}, a move every "
        f"{a.interval * 1000:.0f} ms for {a.seconds:.0f} s per level",
        flush=True,
    )
    students: list[StudentKernel] = []
    rows = []
    try:
        for n in loads:
            t0 = time.monotonic()
            need = n - len(students)
            with ThreadPoolExecutor(max_workers=a.setup_parallel) as pool:
                futures = [
                    pool.submit(start_student, a.chapter, a.slider, deadline) for _ in range(need)
                ]
                students += [f.result() for f in futures]
            print(
                f"  {n} kernels ready ({need} started and ran the chapter in "
                f"{time.monotonic() - t0:.0f} s)",
                flush=True,
            )
            r = run_level(students, a.seconds, a.interval, deadline)
            rows.append(r)
            print(
                f"  {n:>3} students: {r['moves']}/{r['planned']} moves, median "
                f"{r['median_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms, max {r['max_ms']:.0f} ms, "
                f"kernels' CPU {r['cpu_cores']:.2f} cores ({r['cpu_per_move_ms']:.0f} ms a move), "
                f"memory {format_bytes(r['rss_total'])} RSS / {format_bytes(r['pss_total'])} PSS"
                + (f", {len(r['errors'])} errors: {r['errors'][:2]}" if r["errors"] else ""),
                flush=True,
            )
            if time.monotonic() > deadline:
                print("time limit reached: stopping", flush=True)
                break
    except KeyboardInterrupt as exc:
        print(f"interrupted ({exc}): stopping the kernels", flush=True)
    finally:
        mems = [k.memory() for k in students if k.km is not None]
        _cleanup()
    if not rows:
        return 1
    rss_student = sum(m["rss"] for m in mems) / len(mems)
    pss_student = sum(m["pss"] for m in mems) / len(mems)
    print()
    print(
        f"memory per student (kernel after chapter 03 and {a.seconds:.0f} s of sliding): "
        f"RSS {format_bytes(rss_student)}, PSS {format_bytes(pss_student)}"
    )
    print()
    print("| students | moves | median | p95 | max | kernels' CPU (cores) | memory (RSS sum) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['n']} | {r['moves']}/{r['planned']} | {r['median_ms']:.0f} ms | "
            f"{r['p95_ms']:.0f} ms | {r['max_ms']:.0f} ms | {r['cpu_cores']:.2f} | "
            f"{format_bytes(r['rss_total'])} |"
        )
    print()
    print(
        f"Capacity ({cores} cores; every student sliding at once, a move every "
        f"{a.interval * 1000:.0f} ms; students per GiB from kernel RSS {format_bytes(rss_student)})"
    )
    print(capacity_table(rows, cores, rss_student))
    return 0


if __name__ == "__main__":
    sys.exit(main())
