r"""The errors in the course's source documents, as data, each with a runnable demonstration.

The five source documents (Chinese blog posts, seeds ``000`` … ``004``) contain wrong formulas,
false claims and code that fails or trains the wrong way. The course corrects each one with a
computation. The package has four parts:

* :mod:`~lossviz.errata.sources` — the sources' text as data: their code blocks verbatim
  (:data:`SOURCE_CODE`) and the paragraph fingerprints of seed 004;
* :mod:`~lossviz.errata.sandbox` — runs that code (:func:`run_source`, with the exception caught),
  then re-runs it with the smallest textual repairs (:data:`REPAIRS`, applied one at a time by
  :func:`repair_stages`), so a reader sees every error in turn and then the loss going down;
* :mod:`~lossviz.errata.registry` — the table (:func:`table`, :func:`get`): each erratum is
  registered once, by the :func:`~lossviz.errata.registry.erratum` decorator on its demonstration;
* ``demos_info``, ``demos_gradients``, ``demos_code`` — the demonstrations, by chapter: for wrong
  formulas and claims the wrong value is computed next to the true one with the :mod:`lossviz`
  core.

Nothing here raises for the sources' errors: an exception of their code comes back as the text
``"TypeName: message"``. :func:`table` gives the rows chapter 11 displays; :func:`run_all`
returns every demonstration's one-line result. Withdrawn ids (:data:`WITHDRAWN`) are never reused.

What the errata show is in the current language (:mod:`lossviz.i18n`): the table's titles and text
columns, each demonstration's line, the labels and summaries of the repair stages. What the sources
wrote stays as written — the quotes, their code, the Python errors it raises — and the rows of the
table keep the English text that code compares.

Examples
--------
>>> import lossviz.errata as errata
>>> e = errata.get("E38")
>>> e.seed, e.section
('004', '§4.2')
>>> run = errata.run_source("004 §4.2")
>>> run.error
'AxisError: axis 1 is out of bounds for array of dimension 1'
>>> print(errata.demo("E13").fixed)
y=0, p=0.8: correct -[y log p + (1-y) log(1-p)] = +1.609 (grows to inf as p -> 1)
"""

from __future__ import annotations

from . import demos_code, demos_gradients, demos_info  # noqa: F401  (they register the errata)
from .registry import (
    KINDS,
    WITHDRAWN,
    DemoResult,
    ErrataTable,
    Erratum,
    demo,
    errata,
    get,
    run_all,
    table,
)
from .sandbox import (
    REPAIRS,
    SourceRun,
    _Stub,  # noqa: F401  (tests check that no stub leaks into sys.modules)
    capture,
    repair_stages,
    run_source,
)
from .sources import SOURCE_CODE

__all__ = [
    "Erratum",
    "DemoResult",
    "SourceRun",
    "ErrataTable",
    "ERRATA",
    "KINDS",
    "WITHDRAWN",
    "SOURCE_CODE",
    "REPAIRS",
    "get",
    "demo",
    "run_all",
    "table",
    "capture",
    "run_source",
    "repair_stages",
]

#: Every error found in the sources, sorted by id (a tuple of :class:`Erratum`).
ERRATA = errata()
