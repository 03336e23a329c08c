"""The one-sentence definition of quality: its one home is ``mlplanner.model.quality``; the
README and docs/quality.md, which cannot import it, start their quality text with it word for
word (the pages use the constant: tests/app/test_plan_page.py)."""

from __future__ import annotations

import re

import pytest

from mlplanner.model.quality import COMPONENTS, DEFINITION
from mlplanner.paths import REPO_ROOT


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("path", ["README.md", "docs/quality.md"])
def test_the_docs_give_the_definition_word_for_word(path: str) -> None:
    text = words((REPO_ROOT / path).read_text(encoding="utf-8"))
    assert DEFINITION in text


def test_the_quality_doc_starts_with_the_definition_and_names_every_component() -> None:
    text = (REPO_ROOT / "docs" / "quality.md").read_text(encoding="utf-8")
    first_paragraph = words(text.split("\n\n")[1])
    assert first_paragraph == DEFINITION
    assert all(f"**{name.capitalize()}**" in text or f"**{name}**" in text for name in COMPONENTS)
