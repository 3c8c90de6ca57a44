"""The explorers work the same under ``%matplotlib widget`` (ipympl) and ``%matplotlib inline``.

Each case runs a real kernel (nbclient), builds every explorer, moves a control and checks that
the picture changed, that no error reached the explorer's error output and that pyplot holds no
figure of ours afterwards.
"""

import nbformat
import pytest
from nbclient import NotebookClient

CHECK = """
import matplotlib.pyplot as plt
import lossviz as lv
moves = {"LossExplorer": ("p", 0.3), "SaturationExplorer": ("z", 3.0), "EntropyExplorer": ("q1",
0.1),
         "SoftmaxExplorer": ("T", 2.0), "NeuronTrainingExplorer": ("epochs", 100),
         "ImbalanceExplorer": ("ratio", 10), "RegressionExplorer": ("delta", 80.0),
         "MultiLabelExplorer": ("z0", -2.0)}
before = len(plt.get_fignums())
for name, (control, value) in moves.items():
    ex = getattr(lv, name)()
    first = bytes(ex.image.value)
    ex.controls[control].value = value
    assert bytes(ex.image.value) != first, f"{name}: the picture did not change"
    assert ex.last_error is None, f"{name}: {ex.last_error}"
    assert not ex.error_output.outputs, f"{name}: {ex.error_output.outputs}"
assert len(plt.get_fignums()) == before, "an explorer left a pyplot figure behind"
print("backend", plt.get_backend(), "ok")
"""


@pytest.mark.parametrize(
    "magic, backend", [("%matplotlib widget", "widget"), ("%matplotlib inline", "inline")]
)
def test_explorers_under_backend(magic, backend):
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(magic), nbformat.v4.new_code_cell(CHECK)]
    )
    NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    text = "".join(o.get("text", "") for o in nb.cells[1].outputs if o.output_type == "stream")
    assert "ok" in text, nb.cells[1].outputs
    assert backend in text.lower(), text
