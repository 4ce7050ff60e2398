"""The wheel ships the bundled fixtures, the templates and the type marker."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """Build the wheel once, offline (hatchling is a dev dependency)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(out), str(ROOT)],
        check=True,
    )  # fmt: skip
    (built,) = out.glob("*.whl")
    return zipfile.ZipFile(built)


def test_wheel_holds_every_fixture_file(wheel: zipfile.ZipFile) -> None:
    """Each file of fixtures/ is in the wheel under sanctions_tracker/_bundled/."""
    names = set(wheel.namelist())
    fixtures = sorted(p.relative_to(ROOT / "fixtures") for p in (ROOT / "fixtures").rglob("*.json"))
    assert fixtures
    for fixture in fixtures:
        assert f"sanctions_tracker/_bundled/{fixture.as_posix()}" in names


def test_wheel_holds_templates_and_marker(wheel: zipfile.ZipFile) -> None:
    """The HTML template and py.typed are packaged; the console script is declared."""
    names = set(wheel.namelist())
    assert "sanctions_tracker/py.typed" in names
    assert "sanctions_tracker/reports/templates/summary.html.j2" in names
    (entry_points,) = [n for n in names if n.endswith("entry_points.txt")]
    assert "sanctions-tracker = sanctions_tracker.cli:main" in wheel.read(entry_points).decode()


def test_wheel_is_pure_python(wheel: zipfile.ZipFile) -> None:
    """The wheel is for any platform and holds only the Python sources of the screening
    core: the extensions of a compiled build in the working tree (``make compiled``, kept
    out of git) stay out of it."""
    names = set(wheel.namelist())
    assert any(name.endswith("-py3-none-any.whl") for name in [Path(wheel.filename or "").name])
    assert "sanctions_tracker/screening/_compare.py" in names
    assert not [name for name in names if name.endswith((".so", ".pyd", ".c"))]
