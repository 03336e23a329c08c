"""Garbage collection for a long-running app server (measured in ``docs/benchmarks.md``).

Streamlit's full collection after every script run is off (``runner.postScriptGC`` in
``.streamlit/config.toml``): it walked every object the libraries create when imported
(pandas, Altair, SQLAlchemy, pydantic: some 200,000) and held up the end of each run by
70-150 ms. Python's own full collections still come every few runs and walk the same
objects. :func:`freeze_imported_heap` imports every module the pages use once per server
process and freezes what exists then (:func:`gc.freeze`): those objects live as long as the
process, and collections no longer walk them.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
from functools import cache

import mlplanner.ui


@cache
def freeze_imported_heap() -> None:
    """Once per process: import every ``mlplanner.ui`` module (and so every library the pages
    use), collect what importing left behind, and freeze the rest."""
    for module in pkgutil.iter_modules(mlplanner.ui.__path__):
        importlib.import_module(f"mlplanner.ui.{module.name}")
    gc.collect()
    gc.freeze()
