"""The package's layers: no module imports one above it, and nothing imports in a circle.

Every module of ``lossviz`` is parsed with :mod:`ast` (imports inside functions count, and so do
``importlib.import_module("lossviz....")`` calls with a constant name) and placed in a layer by
:data:`LAYERS`.  A module may import its own layer and the layers below it.  A module that no
entry of :data:`LAYERS` covers fails the test: add it to the table.

Two subprocess tests check what an import really loads: ``import lossviz`` loads numpy and the
maths core only, and ``import lossviz.plots`` loads no explorer and no course content.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lossviz"

#: Layers from the bottom; a module may import only modules of its own layer or a lower one.
LAYER_NAMES = (
    "maths core",
    "computation",
    "figure machinery",
    "plots",
    "explorers",
    "course content",
)

#: Module (or package: it covers its submodules too) -> layer.  The longest match wins.
LAYERS = {
    # maths core: numpy only (the package itself imports only the core eagerly; everything else
    # is imported on first attribute access by its __getattr__)
    "lossviz": "maths core",
    "lossviz._validation": "maths core",
    # the language switch and catalogues: standard library only, below everything that shows text
    "lossviz.i18n": "maths core",
    "lossviz.activations": "maths core",
    "lossviz.losses": "maths core",
    "lossviz.gradients": "maths core",
    "lossviz.information": "maths core",
    # computation
    "lossviz.data": "computation",
    "lossviz.train": "computation",
    "lossviz.metrics": "computation",
    "lossviz.imbalance": "computation",
    "lossviz.imbalance_compare": "computation",
    "lossviz.descent": "computation",
    **dict.fromkeys(("lossviz.descent_regimes", "lossviz.polyfit"), "computation"),
    "lossviz.regression": "computation",
    "lossviz.stability": "computation",
    "lossviz.multilabel": "computation",
    "lossviz.lr_finder": "computation",
    "lossviz.faq": "computation",
    "lossviz.square_loss": "computation",
    **dict.fromkeys(("lossviz.robust", "lossviz.continuous_bernoulli"), "computation"),
    "lossviz.housenet": "computation",
    "lossviz.matching": "computation",
    "lossviz.pointwise": "computation",
    "lossviz.surface": "computation",
    "lossviz.calibration": "computation",
    "lossviz.scratch": "computation",
    "lossviz.smoothing": "computation",
    "lossviz.penalties": "computation",
    "lossviz.posthoc": "computation",
    # figure machinery
    "lossviz.style": "figure machinery",
    "lossviz.figure": "figure machinery",
    # static plots
    "lossviz.plots": "plots",
    # explorers
    "lossviz.explorers": "explorers",
    # course content
    "lossviz.exercises": "course content",
    "lossviz.question_bank": "course content",
    "lossviz.errata": "course content",
    "lossviz.terms": "course content",
}

#: The maths core, which ``import lossviz`` loads (and nothing else of the package).
CORE = [m for m, layer in LAYERS.items() if layer == "maths core"]


# --------------------------------------------------------------------------- the import graph
def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> str | None:
    """The layer of ``module`` (longest entry of LAYERS that is the module or a package of it)."""
    best = None
    for name in LAYERS:
        if (module == name or module.startswith(name + ".")) and (
            best is None or len(name) > len(best)
        ):
            best = name
    return None if best is None else LAYERS[best]


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    if node.level > 1:
        base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str, source: str, is_package: bool, known: set[str]) -> dict[str, int]:
    """``{imported lossviz module: first line}`` for every import in ``source``, at any depth."""
    found: dict[str, int] = {}

    def add(name: str, line: int) -> None:
        if name == "lossviz" or name.startswith("lossviz."):
            # ``from lossviz.plots import curves`` imports lossviz.plots.curves, a module;
            # ``from lossviz.plots import plot_loss_vs_prob`` imports lossviz.plots
            while name not in known and "." in name:
                name = name.rsplit(".", 1)[0]
            found.setdefault(name, line)

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node)
            for alias in node.names:
                add(
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base, node.lineno
                )
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            add(node.args[0].value, node.lineno)
    found.pop(module, None)
    return found


def import_graph(sources: dict[str, tuple[str, bool]]) -> dict[str, dict[str, int]]:
    """``{module: {imported module: line}}`` from ``{module: (source, is_package)}``."""
    known = set(sources)
    return {m: imports_of(m, src, pkg, known) for m, (src, pkg) in sources.items()}


def package_sources() -> dict[str, tuple[str, bool]]:
    return {
        m: (p.read_text(encoding="utf-8"), p.name == "__init__.py")
        for m, p in all_modules().items()
    }


def upward_imports(graph) -> list[str]:
    rank = {name: i for i, name in enumerate(LAYER_NAMES)}
    bad = []
    for mod, deps in sorted(graph.items()):
        for dep, line in sorted(deps.items()):
            lm, ld = layer_of(mod), layer_of(dep)
            if lm is not None and ld is not None and rank[ld] > rank[lm]:
                bad.append(
                    f"{mod} (layer {lm!r}) imports {dep} (layer {ld!r}, higher) at line {line}"
                )
    return bad


def find_cycle(graph) -> list[str] | None:
    """One import cycle as ``[a, b, ..., a]``, or None."""
    colour: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(m):
        colour[m] = 1
        path.append(m)
        for d in sorted(graph.get(m, ())):
            if colour.get(d) == 1:
                return path[path.index(d) :] + [d]
            if d not in colour:
                cycle = visit(d)
                if cycle:
                    return cycle
        path.pop()
        colour[m] = 2
        return None

    for m in sorted(graph):
        if m not in colour:
            cycle = visit(m)
            if cycle:
                return cycle
    return None


# --------------------------------------------------------------------------- the tests
def test_every_module_has_a_layer():
    missing = [m for m in all_modules() if layer_of(m) is None]
    assert not missing, (
        f"no layer for {missing}: add each to LAYERS in tests/test_layers.py "
        f"(one of {', '.join(LAYER_NAMES)}), and import only its layer and the ones below it."
    )
    assert set(LAYERS.values()) <= set(LAYER_NAMES)


def test_no_module_imports_a_higher_layer():
    bad = upward_imports(import_graph(package_sources()))
    assert not bad, "imports that go up a layer:\n  " + "\n  ".join(bad)


def test_no_import_cycle():
    cycle = find_cycle(import_graph(package_sources()))
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_checks_catch_what_they_guard():
    """The graph, layer and cycle checks on a made-up package (so a broken checker cannot pass)."""
    sources = {
        "lossviz.plots": ("from ..explorers import LossExplorer\n", True),
        "lossviz.plots.curves": (
            "def f():\n    from ..explorers.loss import LossExplorer\n",
            False,
        ),
        "lossviz.explorers": ("from .loss import LossExplorer\n", True),
        "lossviz.explorers.loss": ("from ..plots import curves\n", False),
        "lossviz.data": ("import importlib\nimportlib.import_module('lossviz.losses')\n", False),
        "lossviz.losses": ("from . import data\n", False),
    }
    graph = import_graph(sources)
    assert graph["lossviz.plots.curves"] == {"lossviz.explorers.loss": 2}
    assert graph["lossviz.explorers.loss"] == {"lossviz.plots.curves": 1}
    assert graph["lossviz.data"] == {"lossviz.losses": 2}
    bad = upward_imports(graph)
    assert any(b.startswith("lossviz.plots.curves (layer 'plots') imports lossviz.ex") for b in bad)
    assert any(b.startswith("lossviz.losses (layer 'maths core') imports lossviz.da") for b in bad)
    cycle = find_cycle(graph)
    assert cycle is not None and cycle[0] == cycle[-1]


def _loaded_after(statement):
    code = (
        "import json, sys\n"
        f"{statement}\n"
        "print(json.dumps(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('lossviz', 'matplotlib', 'ipywidgets', 'IPython', 'PIL'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    return json.loads(out.stdout)


def test_import_lossviz_loads_the_core_only():
    loaded = _loaded_after("import lossviz")
    extra = [m for m in loaded if layer_of(m) != "maths core" and m != "lossviz"]
    assert not extra, f"`import lossviz` must load numpy and the maths core only; it loaded {extra}"


@pytest.mark.parametrize("statement", ["import lossviz.plots", "import lossviz.figure"])
def test_import_plots_loads_no_explorer_nor_course_content(statement):
    loaded = _loaded_after(statement)
    rank = {name: i for i, name in enumerate(LAYER_NAMES)}
    above = [
        m
        for m in loaded
        if m.startswith("lossviz") and rank[layer_of(m)] > rank[layer_of(statement.split()[1])]
    ]
    assert not above, f"`{statement}` loaded modules of higher layers: {above}"
    assert not [m for m in loaded if m.startswith(("ipywidgets", "IPython"))]
    # the plots draw results; they do not train models
    heavy = {m for m in loaded if m == "lossviz.train" or m.startswith("lossviz.train.")}
    assert not heavy, f"`{statement}` loaded {sorted(heavy)}; import them where they are used"
