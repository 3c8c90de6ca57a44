"""Static twins are legible where they are shown: no text under 8 pt, not wider than the page."""

import pytest
from frames import explorer_classes
from matplotlib.text import Text

from lossviz.figure import MIN_TWIN_FONTSIZE, TWIN_MAX_WIDTH


@pytest.mark.parametrize("cls", explorer_classes(), ids=lambda c: c.__name__)
def test_twin_text_and_width(cls):
    ex = cls(_live=False)
    fig = ex.static([{}, {}])
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_text()]
    assert min(sizes) >= MIN_TWIN_FONTSIZE, f"{cls.__name__}: text at {min(sizes)} pt"
    width = fig.get_figwidth()
    assert width <= max(TWIN_MAX_WIDTH, ex.figsize[0]) + 0.5, f"{cls.__name__}: {width:.1f} in wide"
