"""requirements.lock: the pinned versions that ``course.py`` installs by default.

It must satisfy pyproject.toml's ranges for this Python, and name the same top-level packages as
pyproject.toml and environment.yml. Refresh it with ``python3 course.py lock``.
"""

import re
import sys
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)\s*(?:;\s*(.+))?$")


def pins(text):
    """name -> version for the lines whose marker holds on this interpreter."""
    out = {}
    for line in text.splitlines():
        m = PIN.match(line.strip())
        if not m:
            continue
        name, version, marker = m.groups()
        if marker is None or Marker(marker).evaluate():
            out[canonicalize_name(name)] = version
    return out


def project_requirements():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = [Requirement(r) for r in meta["dependencies"]]
    for extra in ("lab", "test"):
        reqs += [Requirement(r) for r in meta["optional-dependencies"][extra]]
    return [r for r in reqs if r.marker is None or r.marker.evaluate()]


def test_lock_pins_every_requirement_within_its_range():
    locked = pins(LOCK.read_text())
    problems = []
    for req in project_requirements():
        name = canonicalize_name(req.name)
        if name not in locked:
            problems.append(f"{req.name}: not pinned")
        elif not req.specifier.contains(locked[name], prereleases=True):
            problems.append(f"{req.name}=={locked[name]} is outside {req.specifier}")
    assert not problems, "requirements.lock is stale; run `python3 course.py lock`:\n" + "\n".join(
        problems
    )


def test_lock_check_catches_a_pin_outside_the_range():
    locked = pins("numpy==1.20.0\n")
    req = Requirement("numpy>=1.25")
    assert not req.specifier.contains(locked["numpy"])


def test_lock_names_the_packages_of_environment_yml():
    yaml = pytest.importorskip("yaml")
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    names = set()
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name = re.split(r"[<>=!~ ]", dep, maxsplit=1)[0]
            if name not in ("python", "pip"):
                names.add(canonicalize_name(name))
    if sys.version_info >= (3, 11):
        names.discard("tomli")
    missing = names - set(pins(LOCK.read_text()))
    assert not missing, f"environment.yml names packages the lock does not pin: {sorted(missing)}"


def test_the_installed_environment_is_the_locked_one():
    """What `course.py` installed is what the lock says (unless LOSSVIZ_UNLOCKED=1 was used)."""
    import os
    from importlib.metadata import PackageNotFoundError, version

    if os.environ.get("LOSSVIZ_UNLOCKED") == "1":
        pytest.skip("LOSSVIZ_UNLOCKED=1: the newest versions were installed on purpose")
    locked = pins(LOCK.read_text())
    wrong = []
    for req in project_requirements():
        name = canonicalize_name(req.name)
        try:
            have = version(req.name)
        except PackageNotFoundError:
            wrong.append(f"{req.name}: not installed")
            continue
        if name in locked and have != locked[name]:
            wrong.append(f"{req.name}: installed {have}, locked {locked[name]}")
    assert not wrong, "the environment differs from requirements.lock:\n" + "\n".join(wrong)
