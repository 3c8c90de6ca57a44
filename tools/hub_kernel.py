"""Drive a Jupyter kernel the way a student's browser does, with no browser.

A :class:`StudentKernel` starts a kernel with :mod:`jupyter_client`, runs a notebook's code cells
in order, finds a widget slider and the picture (an ``ipywidgets.Image``) opened by the same cell,
and moves the slider through the widget messages a browser sends: a ``comm_msg`` on the shell
channel with ``{"method": "update", "state": {"value": x}, "buffer_paths": []}`` to the slider's
comm. :meth:`StudentKernel.move` returns the time from that message to the ``comm_msg`` on iopub
that carries the picture's new value (compute + draw + encode + send, as a student waits for it).
:meth:`StudentKernel.memory` reads the kernel process's resident memory.

Independent of lossviz: used by ``benchmarks/bench_hub_load.py`` and ``tests/test_hub_kernel.py``.

Examples
--------
>>> percentile([1.0, 2.0, 3.0, 4.0], 50)
2.5
>>> format_bytes(3 * 2**20)
'3.0 MiB'
"""

from __future__ import annotations

import contextlib
import os
import queue
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "StudentKernel",
    "Widget",
    "KernelDriverError",
    "process_memory",
    "percentile",
    "format_bytes",
]


class KernelDriverError(RuntimeError):
    """The kernel did not do what a student's browser waits for (a cell failed, a timeout)."""


@dataclass
class Widget:
    """A widget model the kernel opened: comm id, model name, state, the cell that made it."""

    comm_id: str
    model: str
    state: dict
    cell: int

    @property
    def description(self) -> str:
        return str(self.state.get("description", ""))


@dataclass
class CellResult:
    index: int
    source: str
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def percentile(values, q):
    """The q-th percentile (0-100) of values, linear interpolation (numpy's default).

    Parameters
    ----------
    values : sequence of float
        At least one value.
    q : float
        Percentile in [0, 100].

    Returns
    -------
    float

    Examples
    --------
    >>> percentile([10.0, 20.0, 30.0], 95)
    29.0
    """
    xs = sorted(float(v) for v in values)
    if not xs:
        raise ValueError("percentile: values is empty; pass at least one measurement.")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile: q must be in [0, 100]; found {q!r}.")
    pos = (len(xs) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def format_bytes(n):
    """Bytes as MiB (or GiB from 1 GiB on), one decimal.

    Examples
    --------
    >>> format_bytes(2**30 + 2**29)
    '1.5 GiB'
    """
    if n >= 2**30:
        return f"{n / 2**30:.1f} GiB"
    return f"{n / 2**20:.1f} MiB"


def process_memory(pid):
    """Resident (RSS) and proportional (PSS) memory of a process, in bytes.

    RSS counts every page the process has in memory, shared libraries included; PSS divides each
    shared page among the processes that share it (Linux only, else equal to RSS).

    Parameters
    ----------
    pid : int
        Process id.

    Returns
    -------
    dict
        ``{"rss": int, "pss": int}``.

    Examples
    --------
    >>> m = process_memory(os.getpid())
    >>> m["rss"] > 0 and m["pss"] > 0
    True
    """
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        rss = pss = 0
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) * 1024
        rollup = Path(f"/proc/{pid}/smaps_rollup")
        with contextlib.suppress(OSError):
            for line in rollup.read_text().splitlines():
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
        return {"rss": rss, "pss": pss or rss}
    import psutil  # not Linux: psutil (a dependency of ipykernel) knows the platform's way

    rss = psutil.Process(pid).memory_info().rss
    return {"rss": rss, "pss": rss}


def _flat_paths(paths):
    return {p[0] if isinstance(p, (list, tuple)) and p else p for p in paths or []}


class StudentKernel:
    """One kernel driven like a student: run a notebook, move a slider, time the picture.

    Parameters
    ----------
    notebook : path
        The ``.ipynb`` whose code cells are run (in its folder, unless ``cwd`` is given).
    cwd : path, optional
        Working directory of the kernel.
    env : dict, optional
        Extra environment variables for the kernel.
    kernel_name : str
        Kernel spec (default ``python3``, this Python's ipykernel).
    """

    def __init__(self, notebook, *, cwd=None, env=None, kernel_name="python3"):
        self.notebook = Path(notebook)
        if not self.notebook.is_file():
            raise FileNotFoundError(
                f"StudentKernel: notebook {str(self.notebook)!r} does not exist; pass the path "
                "of an .ipynb file, e.g. notebooks/03-bce-vs-mse.ipynb."
            )
        self.cwd = Path(cwd) if cwd else self.notebook.parent
        self.env = dict(env or {})
        self.kernel_name = kernel_name
        self.km = None
        self.kc = None
        self.widgets: dict[str, Widget] = {}
        self.cells: list[CellResult] = []
        self._slider: Widget | None = None
        self._image: Widget | None = None
        self.value: float | None = None

    # ------------------------------------------------------------------ life cycle
    def start(self, timeout=60.0):
        from jupyter_client import KernelManager

        env = dict(os.environ)
        env.pop("MPLBACKEND", None)  # the notebook's %matplotlib decides, as in JupyterLab
        env.update(self.env)
        self.km = KernelManager(kernel_name=self.kernel_name)
        self.km.start_kernel(cwd=str(self.cwd), env=env)
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            self.kc.wait_for_ready(timeout=timeout)
        except RuntimeError as exc:
            self.shutdown()
            raise KernelDriverError(f"kernel not ready after {timeout:.0f} s: {exc}") from None
        return self

    def shutdown(self):
        """Stop the kernel (quickly; killed if it does not stop) and close the channels."""
        if self.kc is not None:
            with contextlib.suppress(Exception):
                self.kc.stop_channels()
        if self.km is not None:
            with contextlib.suppress(Exception):
                self.km.shutdown_kernel(now=True)
            with contextlib.suppress(Exception):
                if self.km.has_kernel:
                    self.km.kill_kernel()
        self.kc = self.km = None

    def __enter__(self):
        return self.start() if self.km is None else self

    def __exit__(self, *exc):
        self.shutdown()

    @property
    def pid(self) -> int:
        if self.km is None or self.km.provisioner is None:
            raise KernelDriverError("the kernel is not running; call start() first.")
        return self.km.provisioner.process.pid

    def memory(self):
        """``{"rss": bytes, "pss": bytes}`` of the kernel process (see :func:`process_memory`)."""
        return process_memory(self.pid)

    # ------------------------------------------------------------------ messages
    def _note_comm_open(self, msg, cell):
        c = msg["content"]
        if c.get("target_name") != "jupyter.widget":
            return
        state = (c.get("data") or {}).get("state") or {}
        self.widgets[c["comm_id"]] = Widget(
            c["comm_id"], str(state.get("_model_name", "")), dict(state), cell
        )

    def execute(self, code, *, cell=-1, timeout=120.0) -> CellResult:
        """Run code; collect widget comm_opens and errors until the kernel is idle again."""
        res = CellResult(cell, code)
        t0 = time.perf_counter()
        msg_id = self.kc.execute(code, store_history=True, allow_stdin=False)
        deadline = time.monotonic() + timeout
        idle = False
        while not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                raise KernelDriverError(
                    f"cell {cell} did not finish within {timeout:.0f} s: {code[:120]!r}"
                )
            try:
                msg = self.kc.get_iopub_msg(timeout=left)
            except queue.Empty:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "comm_open":
                self._note_comm_open(msg, cell)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if kind == "error":
                c = msg["content"]
                res.errors.append(f"{c['ename']}: {c['evalue']}")
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
        with contextlib.suppress(queue.Empty):  # the execute_reply, so the shell queue stays empty
            while True:
                reply = self.kc.get_shell_msg(timeout=1.0)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
        res.seconds = time.perf_counter() - t0
        return res

    def run_notebook(self, timeout_per_cell=120.0, *, stop_on_error=False):
        """Run every code cell in order; returns the cells that raised (``CellResult``)."""
        import nbformat

        nb = nbformat.read(str(self.notebook), as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        failed = []
        for i, c in enumerate(code):
            res = self.execute(c.source, cell=i, timeout=timeout_per_cell)
            self.cells.append(res)
            if res.errors:
                failed.append(res)
                if stop_on_error:
                    break
        return failed

    # ------------------------------------------------------------------ the explorer
    def find(self, model, description=None, cell=None):
        """Widgets with ``_model_name == model`` (and the description / cell, when given)."""
        return [
            w
            for w in self.widgets.values()
            if w.model == model
            and (description is None or w.description == description)
            and (cell is None or w.cell == cell)
        ]

    def select_slider(self, description, *, model="FloatSliderModel", which=-1):
        """Choose the slider to move (by its description) and the picture of the same cell.

        ``which`` picks among several matches (default: the last one the notebook opened).
        """
        sliders = self.find(model, description)
        if not sliders:
            have = sorted({w.description for w in self.widgets.values() if w.model == model})
            raise KernelDriverError(
                f"no {model} with description {description!r} was opened; the notebook opened "
                f"{model}s described {have}. Run the notebook first (run_notebook)."
            )
        slider = sliders[which]
        images = self.find("ImageModel", cell=slider.cell)
        if not images:
            raise KernelDriverError(
                f"the cell that opened slider {description!r} (code cell {slider.cell}) opened no "
                "ImageModel; this driver times the update of an ipywidgets.Image."
            )
        self._slider, self._image = slider, images[0]
        self.value = float(slider.state.get("value", 0.0))
        return slider, images[0]

    def move(self, value, timeout=30.0):
        """Move the chosen slider to value; seconds until the picture's update arrived.

        Waits for the kernel to be idle afterwards, so the next move starts clean.
        """
        if self._slider is None:
            raise KernelDriverError("no slider chosen: call select_slider(description) first.")
        content = {
            "comm_id": self._slider.comm_id,
            "data": {"method": "update", "state": {"value": value}, "buffer_paths": []},
        }
        msg = self.kc.session.msg("comm_msg", content)
        msg_id = msg["header"]["msg_id"]
        t0 = time.perf_counter()
        self.kc.shell_channel.send(msg)
        latency = None
        idle = False
        deadline = time.monotonic() + timeout
        while latency is None or not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                what = "picture update" if latency is None else "idle kernel"
                raise KernelDriverError(
                    f"no {what} within {timeout:.0f} s after moving slider "
                    f"{self._slider.description!r} to {value!r}."
                )
            try:
                m = self.kc.get_iopub_msg(timeout=left)
            except queue.Empty:
                continue
            kind = m["header"]["msg_type"]
            if kind == "comm_open":
                self._note_comm_open(m, -1)
            elif kind == "comm_msg" and latency is None:
                c = m["content"]
                data = c.get("data") or {}
                if (
                    c.get("comm_id") == self._image.comm_id
                    and data.get("method") == "update"
                    and (
                        "value" in (data.get("state") or {})
                        or "value" in _flat_paths(data.get("buffer_paths"))
                    )
                ):
                    latency = time.perf_counter() - t0
            elif (
                kind == "status"
                and m["parent_header"].get("msg_id") == msg_id
                and m["content"]["execution_state"] == "idle"
            ):
                idle = True
                if latency is None:
                    raise KernelDriverError(
                        f"the kernel handled the move of slider {self._slider.description!r} to "
                        f"{value!r} but sent no update of the picture (comm "
                        f"{self._image.comm_id}); is the value outside the slider's range, or "
                        "equal to the current one?"
                    )
        self.value = value
        return latency

    def next_value(self, k):
        """The k-th value of a student's sweep over the slider (never the current value)."""
        s = self._slider.state
        lo, hi = float(s.get("min", 0.0)), float(s.get("max", 1.0))
        step = float(s.get("step", 0.01)) or 0.01
        n = max(2, int(round((hi - lo) / step)))
        # a zig-zag over the inner 90 % of the range, on the slider's own steps
        span = max(1, int(n * 0.9))
        period = 2 * 13
        j = k % period
        frac = (j if j <= 13 else period - j) / 13
        v = lo + step * (int(n * 0.05) + int(round(frac * span)))
        v = round(min(hi, max(lo, v)), 10)
        if self.value is not None and abs(v - self.value) < step / 2:
            v = round(v + step if v + step <= hi else v - step, 10)
        return v
