"""The shipped rate card: median salary per role and region (derived from the CC0 survey), and
per region the price of outsourced annotation.

``tools/derive_rate_card.py`` writes ``data/rates.csv`` and ``data/regions.csv`` from the survey
snapshot in ``tools/data/``; the app only reads the two CSVs.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from mlplanner.paths import DATA_DIR

# rates.csv's method of a salary the survey has too few of the region's own rows for: the US
# median times the region's ratio to the US (tools/derive_rate_card.py writes it)
SCALED_FROM_US = "US role median x region ratio"
# rates.csv's methods of a lead's or head's salary derived from the salaries of the roles led
PREMIUM_ON_LED = "lead premium x median of the roles led"
TOP_OF_LED = "highest rate of the roles led"


@cache
def rate_card_frame() -> pd.DataFrame:
    """``data/rates.csv``: region, role, annual_salary_usd, sample_size, method."""
    return pd.read_csv(DATA_DIR / "rates.csv", dtype={"region": str, "role": str})


@cache
def regions_frame() -> pd.DataFrame:
    """``data/regions.csv``: region, name, sample_size, ratio_to_us,
    vendor_annotation_usd_per_fte, note."""
    return pd.read_csv(DATA_DIR / "regions.csv", dtype={"region": str}, keep_default_na=False)


@cache
def known_regions() -> tuple[str, ...]:
    """Region codes of the shipped rate card, in its order (``us`` first)."""
    return tuple(regions_frame()["region"])


@cache
def _region_names() -> dict[str, str]:
    return dict(zip(regions_frame()["region"], regions_frame()["name"], strict=True))


def region_name(region: str) -> str:
    return str(_region_names().get(region, region.upper()))


def scaled_roles(region: str) -> dict[str, float]:
    """The roles whose shipped salary in ``region`` is the US median scaled by the region's
    ratio (:data:`SCALED_FROM_US`), with that salary; where any is, the leads and heads whose
    salary is derived from the roles they lead too (:data:`PREMIUM_ON_LED`,
    :data:`TOP_OF_LED`): it rests on the scaled figures."""
    card = rate_card_frame()
    mine = card[card["region"] == region]
    scaled = mine["method"] == SCALED_FROM_US
    if scaled.any():
        scaled |= mine["method"].isin((PREMIUM_ON_LED, TOP_OF_LED))
    rows = mine[scaled]
    return dict(zip(rows["role"], rows["annual_salary_usd"].astype(float), strict=True))


def region_in_a_sentence(region: str) -> str:
    """``India``, ``the Netherlands``, ``the United Kingdom``: a region's name after "in"."""
    name = region_name(region)
    return f"the {name}" if name.startswith("United ") or name == "Netherlands" else name


def region_sample(region: str) -> tuple[int, float]:
    """The survey rows of ``region`` and its salary ratio to the US."""
    row = regions_frame().set_index("region").loc[region]
    return int(row["sample_size"]), float(row["ratio_to_us"])
