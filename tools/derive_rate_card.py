"""Derive the default salary rate card (``data/rates.csv``, ``data/regions.csv``).

Source
    ``aijobs_salaries_2025-01-19.csv``: the aijobs.net salary survey as published in the GitHub
    repository ``foorilla/ai-jobs-net-salaries`` (snapshot 2025-01-19), CC0 1.0; attribution
    to aijobs.net/salaries. The app never reads this file: it reads only the two CSVs this
    script writes. Re-run with::

        .venv/bin/python tools/derive_rate_card.py [--source PATH] [--out data/rates.csv]
            [--regions-out data/regions.csv]

Filter
    ``employment_type == "FT"`` and ``work_year == 2024``; regions are ``company_location``
    (lowercased ISO 3166 alpha-2). With this filter the US medians of ``salary_in_usd`` are
    exactly the figures quoted in DESIGN.md ("Public reference numbers"): Data Analyst 101,000;
    Data Engineer 146,000; Data Scientist 157,000; Applied Scientist 160,000; Research Scientist
    184,750; Machine Learning Engineer 194,000; MLOps Engineer 172,820; Software Engineer
    183,300; Backend Engineer 180,000; Head of Data 235,750 (checked when this script was
    written; ``tests/test_rate_card.py`` checks the single-title roles).

Role mapping (exact ``job_title`` matches; rows of all mapped titles are pooled, then the
median is taken, so a role's median is weighted by how often each title was reported)
    - data_analyst: Data Analyst
    - data_engineer: Data Engineer
    - data_scientist: Data Scientist
    - research_scientist: Research Scientist, Applied Scientist
    - ml_engineer: Machine Learning Engineer, MLOps Engineer
    - developer: Backend Engineer, Software Engineer
    - full_stack_data_scientist: Data Scientist + Machine Learning Engineer, pooled. The survey
      has no "full-stack data scientist" title; the role is a generalist who both models (the
      data scientist's job) and deploys (the ML engineer's job), so the market rate for the
      person is the pooled market of the two jobs it combines. "Machine Learning Scientist" is
      left out: in practice it is a research-leaning title, not a generalist one (it changes the
      US figure by less than 100 USD anyway).
    - team_lead: titles that name leadership of a whole data or ML team: Head of Data, Head of
      Machine Learning, Head of AI, Director of Machine Learning, Machine Learning Manager,
      Machine Learning Lead, Machine Learning Tech Lead, AI Lead, Data Lead, Data Team Lead.
      Left out: generic titles without a data/ML scope (Manager, Engineering Manager, Technical
      Lead), leads of one function (Analytics, BI, Data Governance, Data Quality, Data Strategy,
      Data Operations), and "Data Manager" (data-management work with a median below Data
      Analyst's, not a team lead).
    - annotator: the survey has no annotation or data-labelling titles. The US figure is an
      explicit, user-editable assumption of 40,000 USD/year: approximately the US Bureau of
      Labor Statistics median wage for data entry keyers (about 37,800 USD, May 2023), rounded
      up. Other regions scale it by the regional ratio. ``method`` is ``assumption`` and
      ``sample_size`` is 0 on every annotator row.

Regions
    Always: us, ca, gb, de, fr, nl, es, pl, in, au; plus every other company_location with at
    least 50 FT 2024 rows. Region ratio = median ``salary_in_usd`` of all FT 2024 rows in the
    region / the same for the US, rounded to 3 decimals (the rounded ratio, as written to
    ``regions.csv``, is the one used, so every fallback figure can be recomputed from the files).

Per region and role
    - at least 30 rows for the role in the region: median of those rows (``role median``);
    - otherwise: US role median × region ratio (``US role median x region ratio``).
    ``sample_size`` is the number of rows for the role in the region in both cases (for the
    fallback it shows how thin the regional sample was). Salaries are rounded to the nearest 100
    (halves up) and written as integers.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from mlplanner.model.roles import ROLES  # noqa: E402  (the repository root is on the path first)

DEFAULT_SOURCE = REPO_ROOT / ".." / "shared" / "data" / "aijobs_salaries_2025-01-19.csv"
DEFAULT_RATES_OUT = REPO_ROOT / "mlplanner" / "data" / "rates.csv"
DEFAULT_REGIONS_OUT = REPO_ROOT / "mlplanner" / "data" / "regions.csv"

EMPLOYMENT_TYPE = "FT"
WORK_YEAR = 2024
REFERENCE_REGION = "us"
REQUIRED_REGIONS: tuple[str, ...] = ("us", "ca", "gb", "de", "fr", "nl", "es", "pl", "in", "au")
MIN_REGION_ROWS = 50
"""Regions beyond REQUIRED_REGIONS are added only with at least this many FT 2024 rows."""
MIN_ROLE_ROWS = 30
"""A region's own role median is used only with at least this many rows for the role."""
SMALL_REGION_ROWS = 300
"""Below this many rows a region is flagged as a small sample in regions.csv."""
RATIO_DECIMALS = 3
ROUND_TO = 100

ANNOTATOR_US_SALARY = 40_000
"""Assumption, not survey data: ~ BLS median for data entry keyers (37.8k USD, May 2023)."""

METHOD_ROLE_MEDIAN = "role median"
METHOD_SCALED = "US role median x region ratio"
METHOD_ASSUMPTION = "assumption"

ROLE_TITLES: dict[str, tuple[str, ...]] = {
    "data_analyst": ("Data Analyst",),
    "data_engineer": ("Data Engineer",),
    "data_scientist": ("Data Scientist",),
    "research_scientist": ("Research Scientist", "Applied Scientist"),
    "ml_engineer": ("Machine Learning Engineer", "MLOps Engineer"),
    "developer": ("Backend Engineer", "Software Engineer"),
    "full_stack_data_scientist": ("Data Scientist", "Machine Learning Engineer"),
    "team_lead": (
        "Head of Data",
        "Head of Machine Learning",
        "Head of AI",
        "Director of Machine Learning",
        "Machine Learning Manager",
        "Machine Learning Lead",
        "Machine Learning Tech Lead",
        "AI Lead",
        "Data Lead",
        "Data Team Lead",
    ),
}
"""Exact job_title matches per role; annotator has none (see ANNOTATOR_US_SALARY)."""

REGION_NAMES: dict[str, str] = {
    "ar": "Argentina",
    "at": "Austria",
    "au": "Australia",
    "be": "Belgium",
    "br": "Brazil",
    "ca": "Canada",
    "ch": "Switzerland",
    "cl": "Chile",
    "co": "Colombia",
    "cz": "Czechia",
    "de": "Germany",
    "dk": "Denmark",
    "eg": "Egypt",
    "es": "Spain",
    "fi": "Finland",
    "fr": "France",
    "gb": "United Kingdom",
    "gr": "Greece",
    "ie": "Ireland",
    "il": "Israel",
    "in": "India",
    "it": "Italy",
    "jp": "Japan",
    "lt": "Lithuania",
    "lv": "Latvia",
    "mx": "Mexico",
    "ng": "Nigeria",
    "nl": "Netherlands",
    "no": "Norway",
    "nz": "New Zealand",
    "ph": "Philippines",
    "pk": "Pakistan",
    "pl": "Poland",
    "pt": "Portugal",
    "ro": "Romania",
    "se": "Sweden",
    "sg": "Singapore",
    "sk": "Slovakia",
    "tr": "Turkey",
    "ua": "Ukraine",
    "us": "United States",
    "za": "South Africa",
}
"""Display names; a region missing here falls back to its upper-case code."""

RATES_COLUMNS: tuple[str, ...] = (
    "region",
    "role",
    "annual_salary_usd",
    "sample_size",
    "method",
)
REGIONS_COLUMNS: tuple[str, ...] = ("region", "name", "sample_size", "ratio_to_us", "note")


def round_to_step(value: float, step: int = ROUND_TO) -> int:
    """Round half up to a multiple of ``step`` (``round`` would round halves to even)."""
    return math.floor(value / step + 0.5) * step


def filter_rows(salaries: pd.DataFrame) -> pd.DataFrame:
    """Keep full-time 2024 rows and add a lowercase ``region`` column."""
    mask = (salaries["employment_type"] == EMPLOYMENT_TYPE) & (salaries["work_year"] == WORK_YEAR)
    rows = salaries.loc[mask].copy()
    rows["region"] = rows["company_location"].astype(str).str.lower()
    return rows


def select_regions(rows: pd.DataFrame) -> list[str]:
    """Required regions plus those with enough rows; US first, then alphabetical."""
    counts = rows["region"].value_counts()
    extra = {str(code) for code, n in counts.items() if n >= MIN_REGION_ROWS}
    others = sorted((set(REQUIRED_REGIONS) | extra) - {REFERENCE_REGION})
    return [REFERENCE_REGION, *others]


def region_ratios(rows: pd.DataFrame, regions: Sequence[str]) -> dict[str, float]:
    """Regional median salary over the US median, rounded to ``RATIO_DECIMALS``."""
    medians = rows.groupby("region")["salary_in_usd"].median()
    if REFERENCE_REGION not in medians.index:
        raise ValueError("no US rows after filtering: the US is the reference region")
    us_median = float(medians[REFERENCE_REGION])
    ratios: dict[str, float] = {}
    for region in regions:
        if region not in medians.index:
            raise ValueError(f"region {region!r} has no FT {WORK_YEAR} rows; cannot derive a ratio")
        ratios[region] = round(float(medians[region]) / us_median, RATIO_DECIMALS)
    return ratios


def _role_rows(rows: pd.DataFrame, role: str) -> pd.DataFrame:
    return rows.loc[rows["job_title"].isin(ROLE_TITLES[role])]


def _rate_rows(
    rows: pd.DataFrame, regions: Sequence[str], ratios: Mapping[str, float]
) -> list[dict[str, object]]:
    us_rows = rows.loc[rows["region"] == REFERENCE_REGION]
    us_medians: dict[str, float] = {}
    for role in ROLE_TITLES:
        role_us = _role_rows(us_rows, role)
        if role_us.empty:
            raise ValueError(f"no US rows for role {role!r}: titles {ROLE_TITLES[role]}")
        us_medians[role] = float(role_us["salary_in_usd"].median())

    records: list[dict[str, object]] = []
    for region in regions:
        region_rows = rows.loc[rows["region"] == region]
        for role in ROLES:
            if role == "annotator":
                salary = ANNOTATOR_US_SALARY * ratios[region]
                n, method = 0, METHOD_ASSUMPTION
            else:
                role_rows = _role_rows(region_rows, role)
                n = len(role_rows)
                if n >= MIN_ROLE_ROWS:
                    salary = float(role_rows["salary_in_usd"].median())
                    method = METHOD_ROLE_MEDIAN
                else:
                    salary = us_medians[role] * ratios[region]
                    method = METHOD_SCALED
            records.append(
                {
                    "region": region,
                    "role": role,
                    "annual_salary_usd": round_to_step(salary),
                    "sample_size": n,
                    "method": method,
                }
            )
    return records


def derive_rate_card(salaries: pd.DataFrame) -> pd.DataFrame:
    """Derive ``rates.csv`` from the raw survey rows (all years and employment types).

    Pure: the input is not modified and nothing is read or written.
    """
    rows = filter_rows(salaries)
    regions = select_regions(rows)
    ratios = region_ratios(rows, regions)
    rates = pd.DataFrame.from_records(_rate_rows(rows, regions, ratios), columns=RATES_COLUMNS)
    return rates.astype({"annual_salary_usd": "int64", "sample_size": "int64"})


def _region_note(region: str, n: int, rates: pd.DataFrame) -> str:
    if region == REFERENCE_REGION:
        return "reference region (ratio 1 by definition)"
    own = rates.loc[(rates["region"] == region) & (rates["method"] == METHOD_ROLE_MEDIAN), "role"]
    own_roles = ", ".join(own)
    if n >= SMALL_REGION_ROWS:
        if own_roles:
            return f"regional medians for {own_roles}; other roles are US medians scaled by ratio"
        return "US medians scaled by the regional ratio"
    note = f"small sample: n={n}, regional figures are US medians scaled by the regional ratio"
    if own_roles:
        note += f" except {own_roles} (regional median)"
    return note


def derive_regions(salaries: pd.DataFrame) -> pd.DataFrame:
    """Derive ``regions.csv``: one row per region with its sample size, ratio and a note."""
    rows = filter_rows(salaries)
    regions = select_regions(rows)
    ratios = region_ratios(rows, regions)
    rates = pd.DataFrame.from_records(_rate_rows(rows, regions, ratios), columns=RATES_COLUMNS)
    counts = rows["region"].value_counts()
    records = [
        {
            "region": region,
            "name": REGION_NAMES.get(region, region.upper()),
            "sample_size": int(counts[region]),
            "ratio_to_us": ratios[region],
            "note": _region_note(region, int(counts[region]), rates),
        }
        for region in regions
    ]
    return pd.DataFrame.from_records(records, columns=REGIONS_COLUMNS)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write with ``\\n`` line endings and no index, so re-runs give byte-identical files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="survey CSV")
    parser.add_argument("--out", type=Path, default=DEFAULT_RATES_OUT, help="rates CSV to write")
    parser.add_argument(
        "--regions-out", type=Path, default=DEFAULT_REGIONS_OUT, help="regions CSV to write"
    )
    args = parser.parse_args(argv)

    source: Path = args.source.resolve()
    if not source.is_file():
        print(f"source file not found: {source}", file=sys.stderr)
        return 1
    salaries = pd.read_csv(source)
    rates = derive_rate_card(salaries)
    regions = derive_regions(salaries)
    write_csv(rates, args.out)
    write_csv(regions, args.regions_out)
    print(f"read {len(salaries)} rows from {source}")
    print(
        f"wrote {len(rates)} rates to {args.out} and {len(regions)} regions to {args.regions_out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
