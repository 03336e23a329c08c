"""``pip install .`` gives a package that runs from any folder.

The project is built from a copy of its sources (so the checkout gets no ``build/``) and
installed without dependencies into a fresh virtual environment; the runtime dependencies and
the build backend come from this test run's own environment through a ``.pth`` file, so
nothing is downloaded. The installed ``python -m mlplanner`` then runs in an empty folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mlplanner.paths import REPO_ROOT

pytestmark = pytest.mark.slow

EXAMPLE = "seed_startup.json"


@dataclass(frozen=True)
class Installed:
    python: Path
    site_packages: Path
    elsewhere: Path
    env: dict[str, str]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.python), *args],
            cwd=self.elsewhere,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    root = tmp_path_factory.mktemp("install")
    source = root / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, source / name)
    shutil.copytree(
        REPO_ROOT / "mlplanner",
        source / "mlplanner",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    target = root / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    site_packages = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # After the fresh environment's own site-packages: the dependencies, pip and setuptools.
    (site_packages / "shared.pth").write_text(sysconfig.get_path("purelib") + "\n")
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "MLPLANNER_DATABASE_URL", "VIRTUAL_ENV")
    }
    env["HOME"] = str(root / "home")
    env["XDG_DATA_HOME"] = str(root / "data")
    offline = ["--no-deps", "--no-build-isolation", "--no-index", "--disable-pip-version-check"]
    install = subprocess.run(
        [str(python), "-m", "pip", "install", *offline, "--quiet", str(source)],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    yield Installed(python, site_packages, elsewhere, env)


def test_the_installed_package_is_the_one_imported_and_finds_its_files(
    installed: Installed,
) -> None:
    script = (
        "import importlib.resources as r, mlplanner, mlplanner.paths as p\n"
        "print(mlplanner.__file__)\n"
        "print(p.EXAMPLES_DIR)\n"
        "files = r.files('mlplanner')\n"
        "for name in ('data/rates.csv', 'data/SOURCES.md', 'examples/seed_startup.json',\n"
        "             'storage/migrations/env.py', 'storage/migrations/script.py.mako',\n"
        "             'storage/migrations/versions/0001_saved_plans.py'):\n"
        "    print(name, files.joinpath(name).is_file())\n"
    )
    result = installed.run("-c", script)
    assert result.returncode == 0, result.stderr
    module_file, examples, *found = result.stdout.splitlines()
    assert Path(module_file).is_relative_to(installed.site_packages)
    assert Path(examples) == installed.site_packages / "mlplanner" / "examples"
    assert found and all(line.endswith(" True") for line in found), found


def test_python_dash_m_mlplanner_recommends_from_any_folder(installed: Installed) -> None:
    example = installed.site_packages / "mlplanner" / "examples" / EXAMPLE
    result = installed.run("-m", "mlplanner", "recommend", str(example))
    assert result.returncode == 0, result.stderr
    in_checkout = subprocess.run(
        [sys.executable, "-m", "mlplanner", "recommend", str(REPO_ROOT / "examples" / EXAMPLE)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout == in_checkout.stdout
    assert "Seed-stage startup" in result.stdout


def test_saved_plans_go_to_the_users_data_directory(installed: Installed) -> None:
    example = installed.site_packages / "mlplanner" / "examples" / EXAMPLE
    saved = installed.run("-m", "mlplanner", "plans", "save", str(example))
    assert saved.returncode == 0, saved.stderr
    database = Path(installed.env["XDG_DATA_HOME"]) / "mlplanner" / "mlplanner.db"
    assert database.is_file()
    listed = installed.run("-m", "mlplanner", "plans", "list")
    assert listed.returncode == 0, listed.stderr
    assert "Seed-stage startup" in listed.stdout
    assert not (installed.site_packages / "var").exists()
