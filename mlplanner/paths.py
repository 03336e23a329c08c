"""Where the shipped files live."""

from __future__ import annotations

from pathlib import Path
from typing import Final

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
DATA_DIR: Final = REPO_ROOT / "data"
EXAMPLES_DIR: Final = REPO_ROOT / "examples"
