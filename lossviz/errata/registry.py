"""The errata table and its registry: each erratum is registered once, with its demonstration.

A demonstration module writes an erratum's id in one place, the :func:`erratum` decorator on the
function that demonstrates it::

    @erratum("E13", source="000 §2.1.2", quote="...", says="...", truth="...",
             kind="formula", shown_in="03 §3", also="002 §2.2")
    def _binary_formula():
        ...
        return "what the source's version gives", "what the correct version gives", {...}

The function returns ``(source, fixed, values)``; :meth:`Erratum.demo` wraps it in a
:class:`DemoResult` carrying the id. Registering an id twice, or a withdrawn id, raises.

Examples
--------
>>> from lossviz.errata.registry import erratum, KINDS
>>> "hypothetical" in KINDS
True
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .._text import width as display_width
from ..i18n import N_, get_language, tr

__all__ = [
    "Erratum",
    "DemoResult",
    "ErrataTable",
    "KINDS",
    "WITHDRAWN",
    "erratum",
    "errata",
    "get",
    "demo",
    "run_all",
    "table",
]

#: The kinds of error; ``hypothetical`` marks an error that depends on something the source leaves
#: open (it would happen under the usual reading), ``editorial`` a fault of the text itself.
KINDS = (
    "formula",
    "claim",
    "code",
    "misleading",
    "wording",
    "citation",
    "editorial",
    "hypothetical",
)

#: The kinds as a reader sees them (the keys stay English: they are what code compares).
_KIND_NAMES = {
    "formula": N_("formula"),
    "claim": N_("claim"),
    "code": N_("code"),
    "misleading": N_("misleading"),
    "wording": N_("wording"),
    "citation": N_("citation"),
    "editorial": N_("editorial"),
    "hypothetical": N_("hypothetical"),
}


class _Withdrawn(dict):
    """The withdrawn ids; ``WITHDRAWN[id]`` gives the reason in the current language.

    The stored text (``dict.get``, ``.items()``, the repr) is the English one.
    """

    def __getitem__(self, key):
        return tr(super().__getitem__(key))


#: Ids that were once errata and are no longer (never reused; the other ids do not move).
WITHDRAWN = _Withdrawn(
    {
        "E02": N_(
            "withdrawn: 004 §1.2 「能够避免过拟合和欠拟合的问题」 states an aim for the choice "
            "of a loss, not a false claim; chapter 01 §3.3 shows that capacity, not the loss, "
            "decides over-fitting"
        ),
    }
)


@dataclass(frozen=True)
class DemoResult:
    """What a demonstration found: the sources' version, the correct one, and the numbers.

    ``str(result)`` is one line; ``result.values`` holds the computed numbers (rounded floats,
    lists and strings) for a notebook to print or check.
    """

    id: str
    source: str
    fixed: str
    values: dict = field(default_factory=dict)

    def __str__(self):
        return tr("{id}: sources -> {source} | correct -> {fixed}").format(
            id=self.id, source=self.source, fixed=self.fixed
        )

    def __repr__(self):
        return str(self)


@dataclass(frozen=True)
class Erratum:
    """One error in the sources.

    Attributes
    ----------
    id : str
        ``"E01"`` … in the order of the chapters that correct them (new ones are appended).
    seed, section : str
        Where: the seed file number (``"002"``) and its section (``"§4.1"``); ``also`` lists
        other places that repeat it.
    quote : str
        A brief quote: a formula, a line of code, or at most 15 Chinese characters.
    says, truth : str
        What the source says, and what is true.
    kind : str
        One of :data:`KINDS`.
    shown_in : str
        The chapter (and section) of the course that shows it; chapter 11 runs every demonstration.
    """

    id: str
    seed: str
    section: str
    quote: str
    says: str
    truth: str
    kind: str
    shown_in: str
    demo_func: Callable[[], tuple] = field(repr=False, compare=False)
    also: str = ""

    @property
    def where(self):
        return f"{self.seed} {self.section}" + (f" (also {self.also})" if self.also else "")

    def demo(self):
        """Run the demonstration; return a :class:`DemoResult`."""
        source, fixed, values = self.demo_func()
        return DemoResult(self.id, source, fixed, values)


_REGISTRY: dict[str, Erratum] = {}


def erratum(id, *, source, quote, says, truth, kind, shown_in, also=""):
    """Register the decorated function as the demonstration of erratum ``id``, with its table row.

    Parameters
    ----------
    id : str
        ``"E"`` and two digits; not registered before and not in :data:`WITHDRAWN`.
    source : str
        Seed and section, e.g. ``"002 §4.1"`` or ``"003 ch.21 §5"``.
    quote, says, truth, kind, shown_in, also : str
        The fields of :class:`Erratum`.

    Returns
    -------
    callable
        A decorator that registers the function and returns it unchanged.

    Examples
    --------
    >>> erratum("E01", source="000 §1.2", quote="q", says="s", truth="t",
    ...         kind="claim", shown_in="01 §3")(lambda: ("a", "b", {}))
    Traceback (most recent call last):
    ...
    ValueError: id 'E01' is already registered (000 §1.2); give this erratum the next free id.
    """
    if not re.fullmatch(r"E\d\d", str(id)):
        raise ValueError(f"id must be 'E' and two digits, e.g. 'E07'; found {id!r}.")
    if id in WITHDRAWN:
        raise ValueError(
            f"id {id!r} was {WITHDRAWN.get(id)}; give the new erratum the next free id."
        )
    seed, _, section = str(source).partition(" ")
    if seed not in {"000", "001", "002", "003", "004"} or not section:
        raise ValueError(
            f"source must be a seed and a section, e.g. '002 §4.1'; found {source!r} (in {id})."
        )
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}; found {kind!r} (in {id}).")

    def register(func):
        if id in _REGISTRY:
            first = _REGISTRY[id]
            raise ValueError(
                f"id {id!r} is already registered ({first.seed} {first.section}); "
                "give this erratum the next free id."
            )
        _REGISTRY[id] = Erratum(id, seed, section, quote, says, truth, kind, shown_in, func, also)
        return func

    return register


def errata():
    """Every registered erratum, sorted by id (a tuple of :class:`Erratum`)."""
    return tuple(_REGISTRY[k] for k in sorted(_REGISTRY))


def get(id):
    """Return the :class:`Erratum` with this id (``"E01"`` … ; ``"e1"`` and ``1`` work too).

    Examples
    --------
    >>> get(13).where
    '000 §2.1.2 (also 002 §2.2)'
    """
    key = id
    if isinstance(id, (int, np.integer)) and not isinstance(id, bool):
        key = f"E{int(id):02d}"
    elif isinstance(id, str) and re.fullmatch(r"[eE]?\d{1,2}", id.strip()):
        key = f"E{int(id.strip().lstrip('eE')):02d}"
    if key in WITHDRAWN:
        raise ValueError(f"erratum {key} was {WITHDRAWN.get(key)}. See lossviz.errata.table().")
    if key not in _REGISTRY:
        ids = sorted(_REGISTRY)
        raise ValueError(
            f"id must be one of {ids[0]}..{ids[-1]} (except the withdrawn "
            f"{', '.join(sorted(WITHDRAWN))}); found {id!r}. See lossviz.errata.table()."
        )
    return _REGISTRY[key]


def demo(id):
    """Run the demonstration of erratum ``id``; return its :class:`DemoResult`.

    Examples
    --------
    >>> print(demo("E35").fixed)
    dw = +X.T.dot(y_hat - y): runs; printed loss 3.006 -> 0.762 -> 0.502 (falls)
    """
    return get(id).demo()


def _select(chapter):
    if chapter is None:
        return list(errata())
    ch = f"{int(chapter):02d}" if str(chapter).isdigit() else str(chapter)
    return [e for e in errata() if re.search(rf"(^|[ ;,]){ch}\b", e.shown_in)]


def run_all(chapter=None):
    """Run every demonstration (or those shown in ``chapter``, e.g. ``"09"``); return the results.

    Examples
    --------
    >>> [r.id for r in run_all("08")]
    ['E04', 'E14', 'E15', 'E17', 'E18', 'E31', 'E32', 'E33']
    """
    return [e.demo() for e in _select(chapter)]


_ALSO = re.compile(r"^(.*) \(also (.*)\)$")


def _shown(key, value):
    """A cell of the table as shown: the text columns in the current language, the rest as is."""
    value = str(value)
    if get_language() == "en":
        return value
    if key in ("says", "truth"):
        return tr(value)
    if key == "kind":
        return tr(_KIND_NAMES.get(value, value))
    if key == "where":
        m = _ALSO.match(value)
        return tr("{where} (also {also})").format(where=m[1], also=m[2]) if m else value
    if key == "shown_in":
        return value.replace(" (outside the course)", tr("(outside the course)")).replace(
            " (intro)", tr("(intro)")
        )
    return value


class ErrataTable(list):
    """Rows (dicts) of the errata table; HTML in a notebook, Markdown via :meth:`to_markdown`.

    The rows hold the English text (what code compares); the columns' titles and the text
    columns (what the source says, what is true, the kind) are shown in the current language.
    """

    COLUMNS = (
        ("id", N_("id")),
        ("where", N_("source (seed · §)")),
        ("quote", N_("quote")),
        ("says", N_("what it says")),
        ("truth", N_("what is true")),
        ("kind", N_("kind")),
        ("shown_in", N_("shown in (chapter §)")),
    )

    def to_markdown(self):
        """The table as GitHub Markdown."""
        titles = [tr(t) for _, t in self.COLUMNS]
        head = "| " + " | ".join(titles) + " |\n|" + "---|" * len(titles) + "\n"

        def esc(s):
            return str(s).replace("|", "\\|").replace("\n", " ")

        return head + "".join(
            "| " + " | ".join(esc(_shown(k, r[k])) for k, _ in self.COLUMNS) + " |\n" for r in self
        )

    def _repr_html_(self):
        th = "".join(
            f"<th style='text-align:left'>{html.escape(tr(t))}</th>" for _, t in self.COLUMNS
        )
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td style='text-align:left'>{html.escape(_shown(k, r[k]))}</td>"
                for k, _ in self.COLUMNS
            )
            + "</tr>"
            for r in self
        )
        return f"<table><thead><tr>{th}</tr></thead><tbody>{rows}</tbody></table>"

    def __repr__(self):
        lines = []
        for r in self:
            where = _shown("where", r["where"])
            line = f"{r['id']}  {where}{' ' * max(0, 28 - display_width(where))}  " + tr(
                "ch {shown_in}"
            ).format(shown_in=_shown("shown_in", r["shown_in"]))
            if r["kind"] == "hypothetical":
                line += f"  [{_shown('kind', r['kind'])}]"
            lines.append(line)
        return "\n".join(lines)


def table(chapter=None):
    """The errata table: one row per error, as an :class:`ErrataTable` (a list of dicts).

    Parameters
    ----------
    chapter : str or int, optional
        Only the errors shown in this chapter.

    Examples
    --------
    >>> t = table()
    >>> len(t), sorted(t[0])
    (49, ['id', 'kind', 'quote', 'says', 'shown_in', 'truth', 'where'])
    >>> table("10").to_markdown().splitlines()[2].split(" | ")[:2]
    ['| E41', '003 §6.2']
    """
    return ErrataTable(
        dict(
            id=e.id,
            where=e.where,
            quote=e.quote,
            says=e.says,
            truth=e.truth,
            shown_in=e.shown_in,
            kind=e.kind,
        )
        for e in _select(chapter)
    )
