"""Tests for tools/derive_rate_card.py and the rate card it ships (data/rates.csv, regions.csv)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

from mlplanner.model.roles import ROLES

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "tools" / "derive_rate_card.py"
RATES_CSV = REPO_ROOT / "mlplanner" / "data" / "rates.csv"
REGIONS_CSV = REPO_ROOT / "mlplanner" / "data" / "regions.csv"


def _load_script() -> ModuleType:
    """Import the script by path: tools/ is a folder of scripts, not a package."""
    spec = importlib.util.spec_from_file_location("derive_rate_card", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


drc = _load_script()


@pytest.fixture(scope="module")
def salaries() -> pd.DataFrame:
    source: Path = drc.DEFAULT_SOURCE.resolve()
    if not source.is_file():
        pytest.skip(
            f"survey file {source} is absent: cannot re-derive the rate card "
            "(the shipped data/rates.csv is still checked by the other tests)"
        )
    return pd.read_csv(source)


@pytest.fixture(scope="module")
def derived(salaries: pd.DataFrame) -> pd.DataFrame:
    return drc.derive_rate_card(salaries)


def _us_salary(rates: pd.DataFrame, role: str) -> int:
    row = rates.loc[(rates["region"] == "us") & (rates["role"] == role)]
    assert len(row) == 1
    return int(row["annual_salary_usd"].iloc[0])


@pytest.mark.parametrize(
    ("role", "expected"),
    [("data_analyst", 101_000), ("data_engineer", 146_000), ("data_scientist", 157_000)],
)
def test_us_medians_match_design(derived: pd.DataFrame, role: str, expected: int) -> None:
    assert _us_salary(derived, role) == expected


def test_us_title_medians_match_design(salaries: pd.DataFrame) -> None:
    """Every per-title US median quoted in DESIGN.md, before pooling and rounding."""
    rows = drc.filter_rows(salaries)
    us = rows.loc[rows["region"] == "us"]
    expected = {
        "Data Analyst": 101_000,
        "Data Engineer": 146_000,
        "Data Scientist": 157_000,
        "Applied Scientist": 160_000,
        "Research Scientist": 184_750,
        "Machine Learning Engineer": 194_000,
        "MLOps Engineer": 172_820,
        "Software Engineer": 183_300,
        "Backend Engineer": 180_000,
        "Head of Data": 235_750,
    }
    medians = us.groupby("job_title")["salary_in_usd"].median()
    assert {title: medians[title] for title in expected} == expected


def test_shipped_rates_are_rederivable(derived: pd.DataFrame) -> None:
    shipped = pd.read_csv(RATES_CSV)
    pd.testing.assert_frame_equal(shipped, derived.reset_index(drop=True))


def test_shipped_regions_are_rederivable(salaries: pd.DataFrame) -> None:
    shipped = pd.read_csv(REGIONS_CSV, keep_default_na=False)
    pd.testing.assert_frame_equal(shipped, drc.derive_regions(salaries))


def test_shipped_rates_shape() -> None:
    rates = pd.read_csv(RATES_CSV)
    regions = pd.read_csv(REGIONS_CSV, keep_default_na=False)
    assert tuple(rates.columns) == drc.RATES_COLUMNS
    assert tuple(regions.columns) == drc.REGIONS_COLUMNS

    region_ids = list(regions["region"])
    assert region_ids[0] == "us"
    assert region_ids[1:] == sorted(region_ids[1:])
    assert set(drc.REQUIRED_REGIONS) <= set(region_ids)

    expected_pairs = [(r, role) for r in region_ids for role in ROLES]
    assert list(zip(rates["region"], rates["role"], strict=True)) == expected_pairs

    assert pd.api.types.is_integer_dtype(rates["annual_salary_usd"])
    assert (rates["annual_salary_usd"] > 0).all()
    assert (rates["annual_salary_usd"] % 100 == 0).all()
    assert set(rates["method"]) <= {
        drc.METHOD_ROLE_MEDIAN,
        drc.METHOD_SCALED,
        drc.METHOD_ASSUMPTION,
    }
    annotator = rates.loc[rates["role"] == "annotator"]
    assert (annotator["method"] == drc.METHOD_ASSUMPTION).all()
    assert _us_salary(rates, "annotator") == drc.ANNOTATOR_US_SALARY


def _synthetic_rows(location: str, title: str, salary: int, count: int) -> list[dict[str, object]]:
    return [
        {
            "work_year": 2024,
            "employment_type": "FT",
            "job_title": title,
            "salary_in_usd": salary,
            "company_location": location,
        }
    ] * count


def test_fallback_rule_on_synthetic_data() -> None:
    """A region with >= 30 rows for a role uses its median; with fewer, US median x ratio."""
    rows: list[dict[str, object]] = []
    for role, titles in drc.ROLE_TITLES.items():
        for title in titles:
            rows += _synthetic_rows("US", title, 100_000 if role != "data_analyst" else 80_000, 40)
    # Canada: enough data analysts for its own median, too few data engineers.
    rows += _synthetic_rows("CA", "Data Analyst", 70_000, 30)
    rows += _synthetic_rows("CA", "Data Engineer", 10_000, 29)
    # Every required region needs rows for its ratio; "Other" maps to no role.
    for code in drc.REQUIRED_REGIONS:
        if code not in ("us", "ca"):
            rows += _synthetic_rows(code.upper(), "Other", 50_000, 5)
    # Rows outside the filter must be ignored.
    rows += [{**rows[0], "work_year": 2023, "salary_in_usd": 1}] * 100
    rows += [{**rows[0], "employment_type": "CT", "salary_in_usd": 1}] * 100
    salaries = pd.DataFrame(rows)

    rates = drc.derive_rate_card(salaries).set_index(["region", "role"])
    ratios = drc.derive_regions(salaries).set_index("region")["ratio_to_us"]

    us_all_median = salaries.loc[
        (salaries["company_location"] == "US")
        & (salaries["work_year"] == 2024)
        & (salaries["employment_type"] == "FT"),
        "salary_in_usd",
    ].median()
    ca_ratio = round(pd.Series([70_000] * 30 + [10_000] * 29).median() / us_all_median, 3)
    assert ratios["ca"] == ca_ratio

    analyst = rates.loc[("ca", "data_analyst")]
    assert analyst["method"] == drc.METHOD_ROLE_MEDIAN
    assert analyst["annual_salary_usd"] == 70_000
    assert analyst["sample_size"] == 30

    engineer = rates.loc[("ca", "data_engineer")]
    assert engineer["method"] == drc.METHOD_SCALED
    assert engineer["sample_size"] == 29
    assert engineer["annual_salary_usd"] == drc.round_to_step(100_000 * ca_ratio)

    assert rates.loc[("us", "data_analyst"), "annual_salary_usd"] == 80_000
    assert rates.loc[("ca", "annotator"), "annual_salary_usd"] == drc.round_to_step(
        drc.ANNOTATOR_US_SALARY * ca_ratio
    )


def test_round_to_step_rounds_halves_up() -> None:
    assert drc.round_to_step(184_750) == 184_800
    assert drc.round_to_step(184_650) == 184_700
    assert drc.round_to_step(172_820) == 172_800
