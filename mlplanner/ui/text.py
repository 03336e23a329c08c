"""User text in Markdown: names of scenarios, plans, projects and assumption sets are shown
exactly as typed, never interpreted."""

from __future__ import annotations

import re

from mlplanner.model.wording import sentence_start

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$:~=^&])")
# Some patterns are interpreted even when every character is escaped: GitHub-flavoured
# Markdown turns bare addresses into links (``http://…``, ``www.…``, ``name@host``) and
# Streamlit turns ``:material/…:`` and ``:smile:`` into icons. An invisible word joiner
# (U+2060) after a colon that a letter, digit or slash follows, inside ``www.`` and before each
# ``@`` breaks them; the text looks exactly as typed ("Retail: pricing" is left alone).
_WORD_JOINER = "\u2060"
_INTERPRETED = re.compile(r"(?i)(?<=:)(?=[\w/])|(?<=www)(?=\.)|(?=@)")


def plain(text: str) -> str:
    """``text`` escaped for ``st.markdown``, captions, messages and labels: shown exactly as
    typed, never as Markdown, a link, HTML, LaTeX or an icon/colour directive."""
    unlinked = _INTERPRETED.sub(_WORD_JOINER, text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked)


def error_text(exc: Exception) -> str:
    """An error's message on a page: a sentence of its own (the model and storage write it
    to follow ``error:`` on the command line, lower case) and :func:`plain`."""
    return plain(sentence_start(str(exc)))
