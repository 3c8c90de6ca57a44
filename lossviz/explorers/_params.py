"""The controls of an explorer: one parameter specification per kind of ipywidget.

Each spec knows its default, builds its widget (``widget(name)``) and checks a value set from
code (``check(name, value)``), raising an error that names the control, what is allowed and what
was found.

Examples
--------
>>> FloatParam(0.0, 1.0, 0.01, 0.5).check("p", 0.25)
0.25
>>> ChoiceParam([("y = 0", 0), ("y = 1", 1)], 1).check("y", 2)
Traceback (most recent call last):
...
ValueError: y must be one of [0, 1]; found 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["FloatParam", "IntParam", "ChoiceParam", "BoolParam", "SelectionParam"]


@dataclass
class FloatParam:
    """A float slider ``[min, max]`` with ``step``; ``default`` is the initial value."""

    min: float
    max: float
    step: float
    default: float
    label: str | None = None
    readout_format: str = ".2f"

    def widget(self, name):
        import ipywidgets as widgets

        return widgets.FloatSlider(
            value=self.default,
            min=self.min,
            max=self.max,
            step=self.step,
            description=self.label or name,
            continuous_update=True,
            readout_format=self.readout_format,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="320px"),
        )

    def check(self, name, value):
        if isinstance(value, (bool, np.bool_)) or not isinstance(
            value, (int, float, np.integer, np.floating)
        ):
            raise TypeError(
                f"{name} must be a number in [{self.min}, {self.max}]; "
                f"found {type(value).__name__} {value!r}."
            )
        value = float(value)
        if not (self.min <= value <= self.max):
            raise ValueError(f"{name} must lie in [{self.min}, {self.max}]; found {value!r}.")
        return value


@dataclass
class IntParam:
    """An integer slider ``[min, max]``."""

    min: int
    max: int
    default: int
    step: int = 1
    label: str | None = None

    def widget(self, name):
        import ipywidgets as widgets

        return widgets.IntSlider(
            value=self.default,
            min=self.min,
            max=self.max,
            step=self.step,
            description=self.label or name,
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="320px"),
        )

    def check(self, name, value):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise TypeError(
                f"{name} must be an integer in [{self.min}, {self.max}]; "
                f"found {type(value).__name__} {value!r}."
            )
        if not (self.min <= value <= self.max):
            raise ValueError(f"{name} must lie in [{self.min}, {self.max}]; found {value!r}.")
        return int(value)


@dataclass
class ChoiceParam:
    """One of a few options (toggle buttons).

    ``options`` is a list of values or ``(label, value)`` pairs.
    """

    options: list
    default: Any
    label: str | None = None

    def _pairs(self):
        return [o if isinstance(o, tuple) else (str(o), o) for o in self.options]

    def widget(self, name):
        import ipywidgets as widgets

        return widgets.ToggleButtons(
            options=self._pairs(),
            value=self.default,
            description=self.label or name,
            style={"description_width": "initial", "button_width": "auto"},
        )

    def check(self, name, value):
        values = [v for _, v in self._pairs()]
        if value not in values:
            raise ValueError(f"{name} must be one of {values}; found {value!r}.")
        return value


@dataclass
class BoolParam:
    """A checkbox."""

    default: bool
    label: str | None = None

    def widget(self, name):
        import ipywidgets as widgets

        return widgets.Checkbox(
            value=self.default,
            description=self.label or name,
            indent=False,
            layout=widgets.Layout(width="auto"),
        )

    def check(self, name, value):
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(
                f"{name} must be True or False; found {type(value).__name__} {value!r}."
            )
        return bool(value)


@dataclass
class SelectionParam:
    """A slider over a fixed list of values (``ipywidgets.SelectionSlider``), e.g. log-spaced
    ratios.

    ``options`` is a list of values or ``(label, value)`` pairs.
    """

    options: list
    default: Any
    label: str | None = None

    def _pairs(self):
        return [
            o if isinstance(o, tuple) else (f"{o:g}" if isinstance(o, float) else str(o), o)
            for o in self.options
        ]

    def widget(self, name):
        import ipywidgets as widgets

        return widgets.SelectionSlider(
            options=self._pairs(),
            value=self.default,
            description=self.label or name,
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="320px"),
        )

    def check(self, name, value):
        if value is None:  # None means "off" where the slider has an "off" position
            value = "off"
        numeric = not isinstance(value, (bool, np.bool_)) and isinstance(
            value, (int, float, np.integer, np.floating)
        )
        for _, v in self._pairs():
            if isinstance(v, str):
                if value == v:
                    return v
            elif numeric and float(value) == float(v):
                return v
        values = [v for _, v in self._pairs()]
        raise ValueError(f"{name} must be one of {values}; found {value!r}.")
