"""environment.yml (conda / Binder) must list the same packages, with the same bounds, as
pyproject.toml.
"""

import re
from pathlib import Path

import yaml

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*([<>=!~][^;]*)?(;.*)?$")


def _norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _parse(req):
    m = REQ.match(req)
    assert m, f"cannot parse requirement {req!r}"
    return _norm(m.group(1)), (m.group(2) or "").replace(" ", "")


def pyproject_requirements():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(meta["dependencies"])
    for extra in meta["optional-dependencies"].values():
        reqs.extend(extra)
    return dict(_parse(r) for r in reqs)


def environment_requirements():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out, pip = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip.extend(dep.get("pip", []))
            # PyPI-only packages listed under pip: count with their bounds
            for entry in dep.get("pip", []):
                if not entry.startswith("-"):
                    name, spec = _parse(entry)
                    out[name] = spec
            continue
        name, spec = _parse(dep)
        out[name] = spec
    return out, pip


def test_environment_matches_pyproject():
    want = pyproject_requirements()
    have, pip = environment_requirements()
    python = have.pop("python", None)
    have.pop("pip", None)
    missing = {k: v for k, v in want.items() if k not in have}
    extra = {k: v for k, v in have.items() if k not in want}
    differ = {k: (want[k], have[k]) for k in want.keys() & have.keys() if want[k] != have[k]}
    assert not missing, f"in pyproject.toml but not in environment.yml: {missing}"
    assert not extra, f"in environment.yml but not in pyproject.toml: {extra}"
    assert not differ, f"version bounds differ (pyproject, environment.yml): {differ}"
    requires_python = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "requires-python"
    ]
    assert python == requires_python.replace(" ", ""), (python, requires_python)
    assert "-e ." in pip, "environment.yml must install lossviz itself (pip: -e .) for Binder"


def test_parser_sees_a_disagreement(tmp_path, monkeypatch):
    """The check above can fail: a changed bound is reported."""
    text = (ROOT / "environment.yml").read_text().replace("numpy>=1.25", "numpy>=1.20")
    env = yaml.safe_load(text)
    names = dict(_parse(d) for d in env["dependencies"] if isinstance(d, str))
    assert names["numpy"] != pyproject_requirements()["numpy"]
