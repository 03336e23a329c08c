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
    ratio (:data:`SCALED_FROM_US`), with that salary."""
    card = rate_card_frame()
    rows = card[(card["region"] == region) & (card["method"] == SCALED_FROM_US)]
    return dict(zip(rows["role"], rows["annual_salary_usd"].astype(float), strict=True))


def region_sample(region: str) -> tuple[int, float]:
    """The survey rows of ``region`` and its salary ratio to the US."""
    row = regions_frame().set_index("region").loc[region]
    return int(row["sample_size"]), float(row["ratio_to_us"])
