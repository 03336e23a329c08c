"""How the scenario's choices read in the app: ``computer_vision`` -> ``Computer vision``.

Ids stay the values (files, the database and the CLI use them); these are display labels only.
"""

from __future__ import annotations

from typing import Final

from mlplanner.model.rates import region_name

CHOICE_LABELS: Final[dict[str, str]] = {
    "nlp": "NLP (text)",
    "generative_ai": "Generative AI",
    "in_house": "In house",
    "none": "None",
}


def choice_label(value: str) -> str:
    """Display label of a project field's value (domain, scale, stage, …)."""
    return CHOICE_LABELS.get(value, value.replace("_", " ").capitalize())


def region_label(region: str) -> str:
    """``United Kingdom (gb)``."""
    return f"{region_name(region)} ({region})"
