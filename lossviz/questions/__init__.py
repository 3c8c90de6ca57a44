"""Transitional: ``lv.questions`` is the plain function :func:`lossviz.question_bank.questions`.

``lossviz/__init__.py`` still resolves ``lv.questions`` by importing ``lossviz.questions``;
this module puts the loader function in its place in ``sys.modules``, so that import returns
the function itself. Delete this package once ``lossviz/__init__.py`` maps ``"questions"`` to
``question_bank.questions`` in its ``_LAZY`` table.
"""

import sys

from lossviz.question_bank import questions

sys.modules[__name__] = questions
