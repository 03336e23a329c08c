"""Where the shipped files live: data and examples inside the package, found through
``importlib.resources`` so an installed package reads them from any folder."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Final

PACKAGE_DIR: Final = Path(str(files("mlplanner")))
DATA_DIR: Final = PACKAGE_DIR / "data"
EXAMPLES_DIR: Final = PACKAGE_DIR / "examples"
# The folder holding the package: the checkout's root when app.py sits beside it (the root-level
# ``data`` and ``examples`` are links into the package there); site-packages when installed.
REPO_ROOT: Final = PACKAGE_DIR.parent
