"""The course's languages: one catalogue of strings per language, and the switch between them.

Everything lossviz shows a student — figure titles, axis labels, legends, the explorers' controls
and readouts, the static twins, the questions and their feedback, the errata table — is written in
English in the code and passed through :func:`tr` where it is shown. :func:`tr` looks the English
text up in the catalogue of the current language (``lossviz/locale/<language>.json``) and returns
the translation. Error messages of the API are not translated: they stay in English, as Python's do.

* ``tr("Predicted probability")`` — a string shown now;
* ``N_("Predicted probability")`` — marks a string that is stored now and passed to :func:`tr`
  when it is shown (a question's text, a table's column name); it returns the text unchanged;
* ``tr("{n} steps").format(n=3)`` — placeholders stay in the translation, by name.

The English catalogue ``locale/en.json`` is the list of every marked string, extracted from the
source by ``python3 course.py strings extract`` (``tools/strings.py``); the tests fail when it is
out of date or when a Chinese entry is missing. A string missing from the current language's
catalogue at run time is shown in English with a :class:`MissingTranslationWarning`.

The language is chosen with :func:`set_language` (a chapter of the Chinese edition starts with
``lv.set_language("zh")``) or the environment variable ``LOSSVIZ_LANG``; it is English otherwise.

Examples
--------
>>> from lossviz import i18n
>>> i18n.get_language()
'en'
>>> with i18n.language("zh"):
...     i18n.tr("predicted probability p")
'预测概率 p'
>>> i18n.tr("predicted probability p")
'predicted probability p'
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import warnings
from functools import cache
from pathlib import Path

__all__ = [
    "LANGUAGES",
    "MissingTranslationWarning",
    "set_language",
    "get_language",
    "language",
    "tr",
    "N_",
    "catalogue",
    "placeholders",
]

#: The languages of the course: English (the catalogue's keys) and simplified Chinese.
LANGUAGES = ("en", "zh")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_ENV = "LOSSVIZ_LANG"


class MissingTranslationWarning(UserWarning):
    """A string shown in a language whose catalogue has no entry for it (shown in English)."""


def _check_language(lang, argument="lang"):
    if not isinstance(lang, str) or lang not in LANGUAGES:
        raise ValueError(
            f"{argument} must be one of {', '.join(repr(x) for x in LANGUAGES)}; "
            f"found {lang!r}. Use 'en' for English or 'zh' for the Chinese edition."
        )
    return lang


def _from_env():
    value = os.environ.get(_ENV, "").strip().lower()
    if not value:
        return "en"
    value = {"zh_cn": "zh", "zh-cn": "zh", "zh-hans": "zh"}.get(value, value)
    return _check_language(value, argument=f"the environment variable {_ENV}")


_state = {"lang": _from_env()}
_warned: set[tuple[str, str]] = set()


def set_language(lang):
    """Show everything lossviz draws and writes in ``lang`` from now on.

    Returns nothing, so that a chapter's first cell ending with ``lv.set_language("zh")`` shows
    no output. :func:`language` switches for a block and restores the language after it.

    Parameters
    ----------
    lang : {"en", "zh"}
        ``"en"`` for English, ``"zh"`` for simplified Chinese.

    Examples
    --------
    >>> from lossviz import i18n
    >>> i18n.set_language("zh")
    >>> i18n.get_language()
    'zh'
    >>> i18n.set_language("en")
    """
    _state["lang"] = _check_language(lang)


def get_language():
    """The current language, ``"en"`` or ``"zh"``.

    Examples
    --------
    >>> from lossviz.i18n import get_language
    >>> get_language() in ("en", "zh")
    True
    """
    return _state["lang"]


@contextlib.contextmanager
def language(lang):
    """Context manager: ``lang`` inside the block, the previous language after it.

    Examples
    --------
    >>> from lossviz import i18n
    >>> with i18n.language("zh"):
    ...     i18n.get_language()
    'zh'
    """
    before = get_language()
    set_language(lang)
    try:
        yield lang
    finally:
        set_language(before)


@cache
def catalogue(lang):
    """The catalogue of ``lang``: a dict from the English text to the text shown in ``lang``.

    The English catalogue maps every marked string to itself.

    Examples
    --------
    >>> from lossviz.i18n import catalogue
    >>> catalogue("en")["predicted probability p"]
    'predicted probability p'
    """
    _check_language(lang)
    path = LOCALE_DIR / f"{lang}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if lang == "en":
        return {text: text for text in data["strings"]}
    return dict(data["strings"])


def tr(text):
    """``text`` (English) in the current language.

    Parameters
    ----------
    text : str
        The English text, exactly as marked in the source.

    Returns
    -------
    str
        The translation; ``text`` itself in English, or (with a
        :class:`MissingTranslationWarning`) when the catalogue has no entry.

    Examples
    --------
    >>> from lossviz import i18n
    >>> with i18n.language("zh"):
    ...     i18n.tr("ECE ({n} bins)").format(n=10)
    'ECE（10 个分箱）'
    """
    lang = _state["lang"]
    if lang == "en":
        return text
    found = catalogue(lang).get(text)
    if found:
        return found
    if (lang, text) not in _warned:
        _warned.add((lang, text))
        warnings.warn(
            f"no {lang!r} entry for {text!r} in lossviz/locale/{lang}.json; shown in English. "
            "Add it with `python3 course.py strings missing` and `... strings add`.",
            MissingTranslationWarning,
            stacklevel=2,
        )
    return text


def N_(text):  # noqa: N802 - the conventional gettext name for "mark only"
    """Mark ``text`` for the catalogue without translating it now; returns ``text``.

    Examples
    --------
    >>> from lossviz.i18n import N_, language, tr
    >>> label = N_("predicted probability p")
    >>> with language("zh"):
    ...     tr(label)
    '预测概率 p'
    """
    return text


_FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)?(?:[!:][^{}]*)?\}(?!\})")


def placeholders(text):
    """The sorted ``str.format`` fields of ``text`` (a translation must keep the same ones).

    Examples
    --------
    >>> from lossviz.i18n import placeholders
    >>> placeholders("loss {value:.3f} at p = {p}")
    ['p', 'value']
    """
    return sorted(m.group(1) or "" for m in _FIELD.finditer(text))
