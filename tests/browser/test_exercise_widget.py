"""An exercise as a widget (``q.q1.widget()``) in Voilà, answered wrong and then right.

A small notebook generated in a temporary folder (``q = lv.questions("03"); q.q1.widget()``,
and a multiple-choice question) is served with the exact Voilà command of ``tools/present.py``;
the browser types a wrong answer, presses Check and reads the misconception in the feedback,
then a right one, then Hint and Solution, and picks a wrong and a right choice.
"""

from __future__ import annotations

import contextlib
import math

import _harness as H
import pytest

pytestmark = pytest.mark.browser

CELLS = [
    "import lossviz as lv\nq = lv.questions('03')",
    "q.q1.widget()",
    "q.q3.widget()",
]


def _wait_voila(page, server):
    page.goto(
        f"{server.base}/?token={server.token}", wait_until="domcontentloaded", timeout=180_000
    )
    page.wait_for_function(
        """() => !document.getElementById('loading')
                 && document.querySelectorAll('.lossviz-exercise').length >= 2""",
        timeout=300_000,
        polling=200,
    )


def _feedback(ex, before: str, timeout: float = 20_000) -> str:
    fb = ex.locator(".lossviz-exercise-feedback")
    ex.page.wait_for_function(
        "([el, old]) => el.innerText.trim() && el.innerText !== old",
        arg=[fb.element_handle(), before],
        timeout=timeout,
    )
    return fb.inner_text()


def test_exercise_widget_in_voila(browser_context, artifacts_dir, tmp_path):
    nb = H.write_notebook(tmp_path / "root" / "exercise-widget.ipynb", CELLS)
    server = H.start_voila(nb, tmp_path / "voila-server")
    page = None
    try:
        page = browser_context.new_page()
        log = H.PageLog(page)
        _wait_voila(page, server)
        q1, q3 = page.locator(".lossviz-exercise").nth(0), page.locator(".lossviz-exercise").nth(1)
        box = q1.locator(".lossviz-exercise-answer input")

        # wrong: -ln 0.9, the loss of a POSITIVE example (the question's own trap)
        box.fill(f"{-math.log(0.9):.3f}")
        q1.get_by_role("button", name="Check").click()
        text = _feedback(q1, "")
        assert "Not quite" in text and "loss of a positive example" in text, text
        assert "2.303" not in text  # a wrong answer does not reveal the value
        # wrong: the value in bits
        box.fill(f"{math.log2(10):.3f}")
        q1.get_by_role("button", name="Check").click()
        text = _feedback(q1, text)
        assert "bits" in text, text
        # right
        box.fill("2.303")
        q1.get_by_role("button", name="Check").click()
        text = _feedback(q1, text)
        assert text.startswith("Correct: 2.303"), text
        q1.get_by_role("button", name="Hint").click()
        text = _feedback(q1, text)
        assert text.startswith("Hint 1/2"), text
        q1.get_by_role("button", name="Solution").click()
        text = _feedback(q1, text)
        assert text.startswith("Solution: 2.303"), text

        # multiple choice: (a) is wrong and says why, (c) is right
        q3.locator("input[type=radio]").nth(0).check()
        q3.get_by_role("button", name="Check").click()
        text = _feedback(q3, "")
        assert "You chose (a)" in text, text
        q3.locator("input[type=radio]").nth(2).check()
        q3.get_by_role("button", name="Check").click()
        text = _feedback(q3, text)
        assert text.startswith("Correct"), text

        driver = H.WidgetDriver(page, quiet_ms=300)
        problems = driver.widget_problems() + driver.layout_problems()
        problems += [f"browser error: {e}" for e in log.widget_related()]
        assert not problems, "\n".join(problems)
    finally:
        if page is not None:
            with contextlib.suppress(Exception):
                H.full_screenshot(page, artifacts_dir / "voila-exercise-widget.png")
            page.close()
        server.stop()
