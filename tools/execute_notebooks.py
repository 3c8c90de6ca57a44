"""Execute chapter notebooks in place, top to bottom in a fresh kernel, and store their outputs.

Usage: python tools/execute_notebooks.py [notebooks/03-bce-vs-mse.ipynb ...]   (default: all chapters)

Timing metadata is not stored, so re-running an unchanged notebook gives an unchanged file.
Prints the wall time of each notebook; exits non-zero if a cell raises.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        env={"MPLBACKEND": "module://matplotlib_inline.backend_inline"},
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    return elapsed


def main(argv):
    paths = [Path(a) for a in argv] or sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    for p in paths:
        t = execute(p.resolve())
        print(f"{p.name}: executed in {t:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
