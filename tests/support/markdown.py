"""Markdown as a reader sees it, for tests of text escaped by ``mlplanner.ui.text.plain``."""

import re

_ESCAPE = re.compile(r"\\(.)")


def shown(markdown: str) -> str:
    """Escapes resolved and invisible word joiners dropped."""
    return _ESCAPE.sub(r"\1", markdown).replace("\u2060", "")
