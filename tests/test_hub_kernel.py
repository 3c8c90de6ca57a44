"""tools/hub_kernel.py: a kernel driven like a student (no browser).

One kernel runs chapter 03, moves the LossExplorer's ``predicted p`` slider through widget
messages and must receive the picture's update; its resident memory is measured. This is the
driver of ``benchmarks/bench_hub_load.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import hub_kernel as hk  # noqa: E402

CHAPTER = ROOT / "notebooks" / "03-bce-vs-mse.ipynb"


@pytest.fixture(scope="module")
def student():
    k = hk.StudentKernel(CHAPTER).start()
    try:
        yield k
    finally:
        k.shutdown()


def test_chapter_03_runs_and_a_move_updates_the_picture(student):
    failed = student.run_notebook()
    assert not failed, [(f.index, f.errors) for f in failed]
    slider, image = student.select_slider("predicted p")
    assert slider.cell == image.cell
    value = student.next_value(0)
    assert value != slider.state["value"]
    latency = student.move(value)
    assert 0 < latency < 30
    # the kernel-side explorer really is at the new value (its slider model says so)
    out = student.execute(
        "import ipywidgets as W\n"
        f"print(W.Widget.widgets[{slider.comm_id!r}].value, "
        f"len(W.Widget.widgets[{image.comm_id!r}].value))"
    )
    assert not out.errors
    mem = student.memory()
    assert mem["rss"] > 50 * 2**20, mem  # a kernel with numpy + matplotlib + ipywidgets
    assert 0 < mem["pss"] <= mem["rss"]


def test_the_picture_update_carries_a_new_image(student):
    """Two different values give two different pictures (the update is a real redraw)."""
    code = (
        "import ipywidgets as W, hashlib\n"
        "print(hashlib.sha1(bytes(W.Widget.widgets[{!r}].value)).hexdigest())"
    )
    _, image = student.select_slider("predicted p")
    student.move(0.3)
    a = _stdout(student, code.format(image.comm_id))
    student.move(0.7)
    b = _stdout(student, code.format(image.comm_id))
    assert a and b and a != b


def _stdout(student, code):
    msg_id = student.kc.execute(code)
    text = []
    while True:
        m = student.kc.get_iopub_msg(timeout=30)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["header"]["msg_type"] == "stream":
            text.append(m["content"]["text"])
        if m["header"]["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return "".join(text).strip()


def test_unknown_slider_is_named_with_the_ones_there(student):
    with pytest.raises(hk.KernelDriverError, match="predicted p"):
        student.select_slider("no such slider")


def test_missing_notebook_is_reported(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        hk.StudentKernel(tmp_path / "nope.ipynb")


def test_percentile_and_memory_helpers():
    assert hk.percentile([5.0], 95) == 5.0
    assert hk.percentile([1, 2, 3, 4, 5], 50) == 3.0
    with pytest.raises(ValueError, match="empty"):
        hk.percentile([], 50)
