"""Tests of lossviz.errata: the errata as data, and each demonstration."""

import re
import sys
import warnings

import numpy as np
import pytest

import lossviz.errata as errata


def test_ids_are_sequential_and_unique():
    ids = [e.id for e in errata.ERRATA]
    assert ids == [f"E{i:02d}" for i in range(1, len(ids) + 1)]


@pytest.mark.parametrize("e", errata.ERRATA, ids=lambda e: e.id)
def test_every_erratum_is_complete_and_its_demo_runs(e):
    assert e.seed in {"000", "001", "002", "003", "004"}
    assert e.section.startswith(("§", "ch."))
    assert e.says and e.truth and e.quote and e.shown_in
    assert e.kind in {"formula", "claim", "code", "misleading", "wording", "citation"}
    # quotes of prose are brief: at most 15 Chinese characters
    assert len(re.findall(r"[\u4e00-\u9fff]", e.quote)) <= 15
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = e.demo()
    assert isinstance(r, errata.DemoResult)
    assert r.id == e.id and r.source and r.fixed
    assert "\n" not in str(r)


def test_design_floor_is_covered():
    floor = {
        ("000", "§2.1.2"),
        ("000", "§2.2.3"),
        ("002", "§3.1"),
        ("002", "§3.2"),
        ("002", "§4.1"),
        ("003", "§2.2"),
        ("003", "§3.1"),
        ("004", "§4.2"),
    }
    assert floor <= {(e.seed, e.section) for e in errata.ERRATA}


@pytest.mark.parametrize(
    "key, error",
    [
        ("002 §4.1", "ValueError: shapes (2,1) and (4,2) not aligned"),
        ("002 §4.2", "ValueError: shapes (2,2) and (4,2) not aligned"),
        ("004 §4.2", "AxisError: axis 1 is out of bounds for array of dimension 1"),
        ("001 §4.1", "NameError: name 'net' is not defined"),
        ("001 §4.2", "NameError: name 'net' is not defined"),
        ("003 ch.20 §5", "NameError: name 'np' is not defined"),
    ],
)
def test_sources_code_fails_as_published(key, error):
    assert errata.run_source(key).error.startswith(error)


def test_sources_code_that_is_right_runs():
    run = errata.run_source("004 §4.1")
    assert run.error is None and run.stdout == "Mean Squared Error: 0.25\n"
    assert (
        errata.run_source("003 ch.21 §5").error is None
    )  # runs (stubbed); the error is the model, see E32


def test_sign_of_the_update_climbs_then_repaired_descends():
    stages = errata.repair_stages("002 §4.1")
    labels = [label for label, _ in stages]
    assert labels[0] == "as published" and len(stages) == 4
    ascent, descent = stages[2][1].losses, stages[3][1].losses
    assert len(ascent) == len(descent) == 10
    assert ascent[-1] > ascent[0] and descent[-1] < descent[0]
    assert all(b < a for a, b in zip(descent, descent[1:]))


def test_softmax_regression_repaired_descends():
    *_, (label, run) = errata.repair_stages("002 §4.2")
    assert run.error is None and run.losses[-1] < run.losses[0]


def test_run_source_leaves_no_trace():
    state = np.random.get_state()[1].copy()
    errata.run_source("002 §4.1", patches=[("w.dot(X)", "X.dot(w)")])
    errata.run_source("001 §4.1")
    assert np.array_equal(np.random.get_state()[1], state)
    assert "torch" not in sys.modules or not isinstance(sys.modules["torch"], errata._Stub)


def test_run_source_bad_arguments():
    with pytest.raises(ValueError, match="key must be one of"):
        errata.run_source("005 §1")
    with pytest.raises(ValueError, match="does not occur"):
        errata.run_source("002 §4.1", patches=[("no such text", "x")])
    with pytest.raises(ValueError, match="key must be one of"):
        errata.repair_stages("004 §4.1")


def test_capture():
    assert errata.capture(np.log, 1.0) == (0.0, None)
    value, err = errata.capture(lambda: np.exp(np.array([1000.0])).sum())
    assert err is None and np.isinf(value)
    assert errata.capture(lambda: 1 / 0) == (None, "ZeroDivisionError: division by zero")


def test_get_and_filters():
    assert errata.get(13) is errata.get("e13") is errata.get("E13")
    with pytest.raises(ValueError, match="id must be one of"):
        errata.get("E99")
    ch09 = [r.id for r in errata.run_all("09")]
    assert {"E34", "E35", "E37", "E38", "E39", "E40"} <= set(ch09)
    assert [r["id"] for r in errata.table(8)] == [r.id for r in errata.run_all("08")]


def test_table_renders():
    t = errata.table()
    assert len(t) == len(errata.ERRATA)
    md = t.to_markdown().splitlines()
    assert len(md) == len(t) + 2 and md[0].startswith("| id |")
    html = t._repr_html_()
    assert html.count("<tr>") == len(t) + 1 and "<script" not in html
    assert repr(t).splitlines()[0].startswith("E01")


def test_demo_numbers():
    assert errata.demo("E13").values["correct"] == [0.223, 1.609, 4.605]
    assert errata.demo("E26").values == {"with_1_minus_y": 0.6852, "multiclass": 0.3567}
    v = errata.demo("E32").values
    assert v["mse_floor"] > 0.5 and v["bce_error"].startswith(
        "ValueError: y_true must lie in [0, 1]"
    )
    assert errata.demo("E21").values["ratio"] == [2.0, 4.8, 202.7]


def _section_headings(chapter):
    """Numbers of the '## N.' and '### N.M' headings of notebook NN-*.ipynb."""
    import json
    from pathlib import Path

    nb_dir = Path(__file__).resolve().parents[1] / "notebooks"
    (path,) = nb_dir.glob(f"{chapter}-*.ipynb")
    found = set()
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            found.update(re.findall(r"^#{2,3} (\d+(?:\.\d+)?)\.? ", "".join(cell["source"]), re.M))
    return found


@pytest.mark.parametrize("e", errata.ERRATA, ids=lambda e: e.id)
def test_shown_in_names_a_chapter_and_an_existing_section(e):
    """Every 'shown in' reference is 'NN §S' (or 'NN (intro)'), and notebook NN has a heading S."""
    for ref in e.shown_in.split(";"):
        m = re.fullmatch(
            r"\s*(\d\d) (§[\d.–]+(?:, §[\d.–]+)*|\(intro\))(?: \(outside the course\))?\s*", ref
        )
        assert m, f"{e.id}: {ref!r} lacks a section"
        chapter, sections = m.groups()
        headings = _section_headings(chapter)
        for sec in re.findall(r"§([\d.]+)", sections):
            assert sec in headings, (
                f"{e.id}: chapter {chapter} has no section {sec} ({sorted(headings)})"
            )
