"""Text that tables and printed summaries show: in the current language, aligned in either.

The tables of the computation layer keep their data in English — column names, row names and
text cells are what code looks up (``table["class weights"]["recall"]``) — and translate only when
they are printed or rendered:

* :func:`shown` — a value as shown: a string marked for the catalogue (``N_``) in the current
  language, a :class:`Message` filled in after translating its template, anything else unchanged;
* :class:`Message` — an English text built from a marked template and its fields (``"focal γ=2"``
  from ``N_("focal γ={gamma:g}")``), equal to that English text, shown translated;
* :func:`width`, :func:`ljust`, :func:`rjust` — alignment by the columns a terminal or notebook
  gives each character (a Chinese character takes two).

In English everything is shown exactly as written.

Examples
--------
>>> from lossviz.i18n import N_, language
>>> m = Message(N_("focal γ={gamma:g}"), gamma=2)
>>> m == "focal γ=2", shown(m)
(True, 'focal γ=2')
>>> with language("zh"):
...     shown(m), shown("loss")
('焦点损失 γ=2', '损失')
>>> width("步数"), rjust("步数", 6)
(4, '  步数')
"""

from __future__ import annotations

import unicodedata

from .i18n import catalogue, get_language, tr

__all__ = ["Message", "shown", "width", "ljust", "rjust"]


class Message(str):
    """The English text ``template.format(**fields)``, shown as the translated template filled in.

    ``template`` must be marked for the catalogue where it is written: ``Message(N_("..."), ...)``.
    String fields are shown through :func:`shown` as well.

    Examples
    --------
    >>> from lossviz.i18n import N_
    >>> Message(N_("focal γ={gamma:g}"), gamma=0.5).fields
    {'gamma': 0.5}
    """

    __slots__ = ("template", "fields")

    def __new__(cls, template, **fields):
        obj = super().__new__(cls, template.format(**fields))
        obj.template = template
        obj.fields = fields
        return obj

    def __reduce__(self):
        return (_message, (self.template, self.fields))


def _message(template, fields):
    return Message(template, **fields)


def shown(value):
    """``value`` as it is shown in the current language.

    A :class:`Message` is its translated template filled in; a string marked for the catalogue
    (``N_`` or ``tr`` somewhere in lossviz) is its translation; anything else (numbers, names
    such as ``"bce"`` or ``"E_90"``) is returned unchanged.

    Examples
    --------
    >>> from lossviz.i18n import language
    >>> with language("zh"):
    ...     shown("predicted probability p"), shown("E_90"), shown(0.5)
    ('预测概率 p', 'E_90', 0.5)
    """
    if not isinstance(value, str) or get_language() == "en":
        return value
    if isinstance(value, Message):
        fields = {k: shown(v) for k, v in value.fields.items()}
        return tr(value.template).format(**fields)
    if value in catalogue("en"):
        return tr(value)
    return value


def width(text):
    """The columns ``text`` takes in a monospaced font: two for each wide (CJK) character.

    Examples
    --------
    >>> width("loss"), width("损失"), width("σ'(z)")
    (4, 4, 5)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def ljust(text, n):
    """``text`` padded on the right to ``n`` columns (:func:`width`), like ``str.ljust``.

    Examples
    --------
    >>> ljust("损失", 6) + "|"
    '损失  |'
    """
    return text + " " * max(0, n - width(text))


def rjust(text, n):
    """``text`` padded on the left to ``n`` columns (:func:`width`), like ``str.rjust``.

    Examples
    --------
    >>> "|" + rjust("损失", 6)
    '|  损失'
    """
    return " " * max(0, n - width(text)) + text
