"""The salary uncertainty is the survey's spread, recomputed from the shipped snapshot exactly
as ``data/SOURCES.md`` ("Uncertainty") describes it."""

from __future__ import annotations

import pandas as pd
import pytest

from mlplanner.model.assumptions import Assumptions
from mlplanner.paths import REPO_ROOT

SURVEY = REPO_ROOT / "tools" / "data" / "aijobs_salaries_2025-01-19.csv.gz"
TITLES = (
    "Data Scientist",
    "Machine Learning Engineer",
    "Data Engineer",
    "Data Analyst",
    "Research Scientist",
    "Analytics Engineer",
    "MLOps Engineer",
    "Data Annotator",
)
MIN_ROWS = 30


def test_salary_range_is_the_surveys_interquartile_range_around_the_median() -> None:
    survey = pd.read_csv(SURVEY)
    rows = survey[
        (survey["employment_type"] == "FT")
        & (survey["work_year"] >= 2024)
        & survey["job_title"].isin(TITLES)
    ]
    cells = rows.groupby(["job_title", "experience_level", "company_location"])["salary_in_usd"]
    quartiles = cells.quantile([0.25, 0.5, 0.75]).unstack()[cells.size() >= MIN_ROWS]
    assert len(quartiles) == 41
    spread = Assumptions.defaults().uncertainty_of("salaries")
    assert spread.low == pytest.approx((quartiles[0.25] / quartiles[0.5]).median(), abs=5e-4)
    assert spread.high == pytest.approx((quartiles[0.75] / quartiles[0.5]).median(), abs=5e-4)
