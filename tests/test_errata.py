"""Tests of lossviz.errata: the errata as data, and each demonstration."""

import re
import sys
import warnings

import numpy as np
import pytest

import lossviz.errata as errata


def test_ids_are_sequential_and_unique():
    """Ids run E01, E02, ... without a hole, counting the withdrawn ones (never reused)."""
    ids = [e.id for e in errata.ERRATA]
    assert ids == sorted(set(ids))
    assert not set(ids) & set(errata.WITHDRAWN)
    every = sorted(set(ids) | set(errata.WITHDRAWN))
    assert every == [f"E{i:02d}" for i in range(1, len(every) + 1)]


def _id_literals():
    """Every string constant of the errata package's code (docstrings excluded) that is an id."""
    import ast
    from pathlib import Path

    found = []
    for path in sorted(Path(errata.__file__).parent.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and re.fullmatch(r"E\d\d", node.value)
            ):
                found.append((node.value, path.name))
    return found


def test_every_id_is_written_once_in_the_code():
    """An id appears in exactly one place: its @erratum decorator (or the WITHDRAWN table)."""
    from collections import Counter

    counts = Counter(i for i, _ in _id_literals())
    twice = {i: n for i, n in counts.items() if n != 1}
    assert not twice, f"ids written more than once in lossviz/errata: {twice}"
    assert set(counts) == {e.id for e in errata.ERRATA} | set(errata.WITHDRAWN)


def test_registering_an_id_twice_or_a_withdrawn_id_raises():
    from lossviz.errata.registry import erratum

    row = dict(source="000 §1.2", quote="q", says="s", truth="t", kind="claim", shown_in="01 §3")
    before = errata.errata()
    with pytest.raises(ValueError, match="already registered"):
        erratum("E13", **row)(lambda: ("a", "b", {}))
    with pytest.raises(ValueError, match="withdrawn"):
        erratum("E02", **row)
    with pytest.raises(ValueError, match="kind must be one of"):
        erratum("E99", **{**row, "kind": "typo"})
    with pytest.raises(ValueError, match="source must be a seed"):
        erratum("E99", **{**row, "source": "§1.2"})
    assert errata.errata() == before


def test_withdrawn_e02_is_not_in_the_table():
    assert "E02" not in [r["id"] for r in errata.table()]
    with pytest.raises(ValueError, match="E02 was withdrawn"):
        errata.get("E02")


def test_e33_is_marked_hypothetical():
    assert errata.get("E33").kind == "hypothetical"
    row = next(r for r in errata.table() if r["id"] == "E33")
    assert row["kind"] == "hypothetical" and "hypothetical" in errata.table().to_markdown()


@pytest.mark.parametrize("e", errata.ERRATA, ids=lambda e: e.id)
def test_every_erratum_is_complete_and_its_demo_runs(e):
    assert e.seed in {"000", "001", "002", "003", "004"}
    assert e.section.startswith(("§", "ch."))
    assert e.says and e.truth and e.quote and e.shown_in
    assert e.kind in errata.KINDS
    # quotes of prose are brief: at most 15 Chinese characters
    assert len(re.findall(r"[\u4e00-\u9fff]", e.quote)) <= 15
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = e.demo()
    assert isinstance(r, errata.DemoResult)
    assert r.id == e.id and r.source and r.fixed
    assert "\n" not in str(r)
    # a demonstration computes: no bare truth value or negative zero in what it prints
    assert not re.search(r"\b(True|False)\b|-0\.0\b", str(r)), str(r)


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
    assert all(b < a for a, b in zip(descent, descent[1:], strict=False))


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


def test_e15_least_squares_fit_minimises_the_mse():
    v = errata.demo("E15").values
    assert v["mse_at_fit"] < v["mse_nearby"]


def test_e22_prints_no_negative_zero():
    r = errata.demo("E22")
    assert "-0.0" not in str(r) and r.values["grad"][3] == 0.0


def test_e25_log_of_a_rounded_sigmoid_and_its_remedies():
    v = errata.demo("E25").values
    assert np.isnan(v["source_loss"][0]) and np.isinf(v["source_loss"][1:]).all()
    assert not np.isnan(v["xlogy_loss"]).any() and v["xlogy_loss"][0] == 0.0
    assert np.isinf(v["xlogy_loss"][1:]).all()  # xlogy cannot undo a probability rounded to 1
    np.testing.assert_allclose(v["log_sigmoid_loss"], [4.248e-18, 40.0, 800.0], rtol=1e-3)


def test_e25_xlogy_agrees_with_scipy():
    special = pytest.importorskip("scipy.special")
    from lossviz.errata.demos_gradients import _xlogy

    a = np.array([0.0, 0.0, 1.0, 2.0, 0.5])
    b = np.array([0.0, 1.0, 0.0, 3.0, 0.25])
    np.testing.assert_array_equal(_xlogy(a, b), special.xlogy(a, b))


def test_e29_times_both_losses():
    v = errata.demo("E29").values
    assert v["multilabel_seconds"] > 0 and v["softmax_seconds"] > 0
    assert 0 < v["ratio"] < np.inf  # a measurement, not a timed assertion


def test_e30_gradient_share_on_a_trained_model_is_not_the_class_frequency():
    v = errata.demo("E30").values
    assert v["majority_fraction"] == 0.98
    for loss in ("bce", "mse"):
        assert abs(v[f"share_{loss}"] - v["majority_fraction"]) > 0.3
        assert v[f"recall_{loss}"] < 0.5  # imbalance hurts the minority under either loss


def test_e43_penalty_helps_an_overfitting_model_and_hurts_a_well_specified_one():
    v = errata.demo("E43").values
    few, many = v["few_points_test_mse"], v["many_points_test_bce"]
    assert few[1e-6] < few[0.0] and few[1e6] > few[1e-6]
    assert many[1.0] > many[0.1] > many[0.0]  # large lambda under-fits, on held-out data
    assert abs(many[1e-3] - many[0.0]) <= 0.01 * many[0.0]  # small lambda: neutral


def test_e49_binary_is_the_k2_case_and_multiclass_trains():
    v = errata.demo("E49").values
    assert v["k2_gap"] < 1e-12 and v["five_class_accuracy"] > 0.8


def test_e50_seed_004_repeats_its_sections():
    v = errata.demo("E50").values
    assert v["restarts_at"] == [174, 293]
    n, total = v["second_copy"]["paragraphs"]
    assert n >= 30 and n / total > 0.7


def test_seed_004_fingerprints_match_the_seed_file():
    from pathlib import Path

    from lossviz.errata import sources

    root = Path(__file__).resolve().parents[1]
    seeds = sorted((root.parent / "shared" / "seeds").glob("004_*.txt"))
    if not seeds:
        pytest.skip("the seed files are not next to this checkout (../shared/seeds)")
    text = seeds[0].read_text(encoding="utf-8")
    assert sources.paragraph_fingerprints(text) == sources.SEED_004_PARAGRAPHS


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
