"""Derive the default rate card (``data/rates.csv``, ``data/regions.csv``).

Source
    ``tools/data/aijobs_salaries_2025-01-19.csv.gz``: the aijobs.net salary survey as published
    in the GitHub repository ``foorilla/ai-jobs-net-salaries`` (snapshot 2025-01-19), CC0 1.0
    (``tools/data/README.md``); attribution to aijobs.net/salaries. The app never reads this
    file: it reads only the two CSVs this script writes. Re-run with::

        .venv/bin/python tools/derive_rate_card.py [--source PATH] [--out data/rates.csv]
            [--regions-out data/regions.csv]

Filter
    ``employment_type == "FT"`` and ``work_year == 2024``; regions are ``company_location``
    (lowercased ISO 3166 alpha-2). With this filter the US medians of ``salary_in_usd`` are
    exactly the figures quoted in DESIGN.md ("Public reference numbers"), which
    ``tests/model/test_rate_card.py`` checks.

Role mapping (exact ``job_title`` matches; rows of all mapped titles are pooled, then the
median is taken, so a role's median is weighted by how often each title was reported)
    See ``ROLE_TITLES``; ``data/SOURCES.md`` gives the reasons (why ``research_scientist`` is
    "Research Scientist" alone, why ``full_stack_data_scientist`` pools two jobs, which
    leadership titles are left out). A role of ``ROLE_TITLES`` that is not in ``ROLES`` (such as
    ``head_of_data`` before the model has it) is not written.

Regions
    Always: us, ca, gb, de, fr, nl, es, pl, in, au; plus every other company_location with at
    least 50 FT 2024 rows. Region ratio = median ``salary_in_usd`` of all FT 2024 rows in the
    region / the same for the US, rounded to 3 decimals (the rounded ratio, as written to
    ``regions.csv``, is the one used, so every fallback figure can be recomputed from the files).

Per region and role
    - at least 30 rows for the role in the region: median of those rows (``role median``);
    - otherwise: US role median x region ratio (``US role median x region ratio``);
    - annotator: the survey has no annotation titles; ``ANNOTATOR_US_SALARY`` x region ratio
      (``assumption``, sample size 0), but never below the region's statutory minimum wage for
      a full-time year (``tools/data/minimum_wages.csv``; ``statutory minimum wage`` where
      that is the figure): the tech-salary ratio put British and French annotators below it.
    ``sample_size`` is the number of rows for the role in the region in all cases (for the
    fallback it shows how thin the regional sample was). Salaries are rounded to the nearest 100
    (halves up) and written as integers.

Managers (the lead rule)
    A manager role (``MANAGER_ROLES``: team lead, then head of data) never costs less than the
    people who report to it in the same region: its figure is the highest of its own figure,
    the lead premium x the median of the rates of the roles that report to it
    (``lead premium x median of the roles led``) and the highest of those rates
    (``highest rate of the roles led``). A team lead leads every role but annotators and the
    managers; a head of data leads the team leads. The lead premium is derived from the US
    rows: the median of every leadership title (team-lead and head titles pooled) over the
    median of the US rates of the roles a team lead leads, rounded to 2 decimals.

Vendor annotation (``regions.csv``, ``vendor_annotation_usd_per_fte``)
    The region's annotator salary x ``VENDOR_MARKUP``: what a managed labelling vendor bills
    for one FTE-year of annotation, priced like contract staff (pay rate plus the usual staffing
    markup, which covers the vendor's employer costs, overheads and margin).
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from mlplanner.model.rates import (  # noqa: E402  (the repository root is on the path first)
    PREMIUM_ON_LED,
    SCALED_FROM_US,
    TOP_OF_LED,
)
from mlplanner.model.roles import ROLES  # noqa: E402

DEFAULT_SOURCE = REPO_ROOT / "tools" / "data" / "aijobs_salaries_2025-01-19.csv.gz"
DEFAULT_MINIMUM_WAGES = REPO_ROOT / "tools" / "data" / "minimum_wages.csv"
WEEKS_PER_YEAR = 52
MONTHS_PER_YEAR = 12
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
PREMIUM_DECIMALS = 2
ROUND_TO = 100

ANNOTATOR = "annotator"
ANNOTATOR_US_SALARY = 40_000
"""Assumption, not survey data: ~ BLS median for data entry keyers (37.8k USD, May 2023)."""
VENDOR_MARKUP = 1.5
"""Vendor price / annotator salary: the usual staffing markup on the pay rate (typically 20-50%
or more, covering employer costs, overheads and margin), taken at its upper end because a
managed labelling vendor also runs quality review and project management."""

MANAGER_ROLES: tuple[str, ...] = ("team_lead", "head_of_data")
"""Roles priced by the lead rule, most junior first (see ``managed_roles``)."""

METHOD_ROLE_MEDIAN = "role median"
METHOD_SCALED = SCALED_FROM_US
METHOD_ASSUMPTION = "assumption"
METHOD_MINIMUM_WAGE = "statutory minimum wage"
METHOD_PREMIUM = PREMIUM_ON_LED
METHOD_TOP_LED = TOP_OF_LED
METHODS: tuple[str, ...] = (
    METHOD_ROLE_MEDIAN,
    METHOD_SCALED,
    METHOD_ASSUMPTION,
    METHOD_MINIMUM_WAGE,
    METHOD_PREMIUM,
    METHOD_TOP_LED,
)

ROLE_TITLES: dict[str, tuple[str, ...]] = {
    "data_analyst": ("Data Analyst",),
    "data_engineer": ("Data Engineer",),
    "data_scientist": ("Data Scientist",),
    "research_scientist": ("Research Scientist",),
    "ml_engineer": ("Machine Learning Engineer", "MLOps Engineer"),
    "developer": ("Backend Engineer", "Software Engineer"),
    "full_stack_data_scientist": ("Data Scientist", "Machine Learning Engineer"),
    "team_lead": (
        "Machine Learning Manager",
        "Machine Learning Lead",
        "Machine Learning Tech Lead",
        "AI Lead",
        "Data Lead",
        "Data Team Lead",
    ),
    "head_of_data": (
        "Head of Data",
        "Head of Machine Learning",
        "Head of AI",
        "Director of Machine Learning",
    ),
}
"""Exact job_title matches per role; the annotator has none (see ANNOTATOR_US_SALARY)."""

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
REGIONS_COLUMNS: tuple[str, ...] = (
    "region",
    "name",
    "sample_size",
    "ratio_to_us",
    "vendor_annotation_usd_per_fte",
    "note",
)


@dataclass(frozen=True)
class Figure:
    """One rate of the card before it is written: salary, rows behind it and how it was made."""

    salary: int
    sample_size: int
    method: str


@dataclass(frozen=True)
class RateCard:
    """Everything the derivation produces: both files and the lead premium it used."""

    rates: pd.DataFrame
    regions: pd.DataFrame
    lead_premium: float


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


def managed_roles(manager: str, roles: Sequence[str]) -> list[str]:
    """The roles of ``roles`` that report to a manager role: a team lead leads the individual
    contributors (every role but annotators and managers); a head of data leads the team
    leads."""
    below = [role for role in MANAGER_ROLES[: MANAGER_ROLES.index(manager)] if role in roles]
    if below:
        return below[-1:]
    return [role for role in roles if role != ANNOTATOR and role not in MANAGER_ROLES]


def title_rows(rows: pd.DataFrame, role: str) -> pd.DataFrame:
    """The rows of a role's job titles."""
    return rows.loc[rows["job_title"].isin(ROLE_TITLES[role])]


def _us_medians(rows: pd.DataFrame, roles: Sequence[str]) -> dict[str, float]:
    us_rows = rows.loc[rows["region"] == REFERENCE_REGION]
    medians: dict[str, float] = {}
    for role in roles:
        if role == ANNOTATOR:
            continue
        if role not in ROLE_TITLES:
            raise ValueError(f"role {role!r} has no survey titles: add it to ROLE_TITLES")
        role_us = title_rows(us_rows, role)
        if role_us.empty:
            raise ValueError(f"no US rows for role {role!r}: titles {ROLE_TITLES[role]}")
        medians[role] = float(role_us["salary_in_usd"].median())
    return medians


def _survey_figure(region_rows: pd.DataFrame, role: str, us_median: float, ratio: float) -> Figure:
    """The region's own median with enough rows, else the US median scaled by the ratio."""
    own = title_rows(region_rows, role)
    n = len(own)
    if n >= MIN_ROLE_ROWS:
        return Figure(round_to_step(float(own["salary_in_usd"].median())), n, METHOD_ROLE_MEDIAN)
    return Figure(round_to_step(us_median * ratio), n, METHOD_SCALED)


def _manager_figure(own: Figure, managed: Sequence[int], premium: float) -> Figure:
    """The lead rule: the highest of the manager's own figure, the premium over the median of
    the people managed, and the best-paid of them (the first wins a tie)."""
    candidates = (
        own,
        Figure(
            round_to_step(premium * statistics.median(managed)), own.sample_size, METHOD_PREMIUM
        ),
        Figure(max(managed), own.sample_size, METHOD_TOP_LED),
    )
    return max(candidates, key=lambda figure: figure.salary)


def lead_premium(rows: pd.DataFrame, us_rates: dict[str, int]) -> float:
    """US median of every leadership title over the median US rate of the roles a team lead
    leads, rounded to ``PREMIUM_DECIMALS``."""
    us_rows = rows.loc[rows["region"] == REFERENCE_REGION]
    titles = {title for role in MANAGER_ROLES for title in ROLE_TITLES[role]}
    leaders = float(us_rows.loc[us_rows["job_title"].isin(titles), "salary_in_usd"].median())
    led = [us_rates[role] for role in managed_roles(MANAGER_ROLES[0], list(us_rates))]
    return round(leaders / statistics.median(led), PREMIUM_DECIMALS)


def minimum_wages(frame: pd.DataFrame) -> dict[str, int]:
    """Each region's statutory minimum wage for a full-time year in US dollars, rounded to the
    nearest 100: an hourly wage x the hours of its week x 52, a monthly one x 12, a yearly one
    as it is, at the year's average exchange rate (``tools/data/minimum_wages.csv``)."""
    periods = {"year": 1.0, "month": float(MONTHS_PER_YEAR)}
    result: dict[str, int] = {}
    for row in frame.itertuples(index=False):
        times = (
            WEEKS_PER_YEAR * float(row.hours_per_week) if row.per == "hour" else periods[row.per]
        )
        result[str(row.region)] = round_to_step(float(row.amount) * times * row.usd_per_unit)
    return result


def _annotator_figure(ratio: float, floor: int | None) -> Figure:
    """The annotator's assumed salary: the US assumption x the region's ratio, or the region's
    minimum wage where that is more."""
    scaled = round_to_step(ANNOTATOR_US_SALARY * ratio)
    if floor is not None and floor > scaled:
        return Figure(floor, 0, METHOD_MINIMUM_WAGE)
    return Figure(scaled, 0, METHOD_ASSUMPTION)


def _figures(
    rows: pd.DataFrame,
    regions: Sequence[str],
    ratios: dict[str, float],
    roles: Sequence[str],
    floors: dict[str, int],
) -> tuple[dict[str, dict[str, Figure]], float]:
    """Every (region, role) figure, and the lead premium used for the managers."""
    us_medians = _us_medians(rows, roles)
    figures: dict[str, dict[str, Figure]] = {}
    for region in regions:
        region_rows = rows.loc[rows["region"] == region]
        figures[region] = {
            role: (
                _annotator_figure(ratios[region], floors.get(region))
                if role == ANNOTATOR
                else _survey_figure(region_rows, role, us_medians[role], ratios[region])
            )
            for role in roles
        }
    us_rates = {
        role: figure.salary
        for role, figure in figures[REFERENCE_REGION].items()
        if role not in MANAGER_ROLES
    }
    premium = lead_premium(rows, us_rates)
    for by_role in figures.values():
        for manager in (m for m in MANAGER_ROLES if m in roles):
            managed = [by_role[role].salary for role in managed_roles(manager, roles)]
            by_role[manager] = _manager_figure(by_role[manager], managed, premium)
    return figures, premium


def _region_note(region: str, n: int, by_role: dict[str, Figure]) -> str:
    if region == REFERENCE_REGION:
        return "reference region (ratio 1 by definition)"
    own_roles = ", ".join(
        role
        for role, figure in by_role.items()
        if figure.method == METHOD_ROLE_MEDIAN and role not in MANAGER_ROLES
    )
    if n >= SMALL_REGION_ROWS:
        note = f"regional medians for {own_roles}; other roles" if own_roles else "all roles"
        return f"{note}: US medians scaled by the regional ratio; managers by the lead rule"
    note = f"small sample: n={n}, regional figures are US medians scaled by the regional ratio"
    if own_roles:
        note += f" except {own_roles} (regional median)"
    return f"{note}; managers by the lead rule"


def derive(
    salaries: pd.DataFrame,
    roles: Sequence[str] = ROLES,
    wages: pd.DataFrame | None = None,
) -> RateCard:
    """Derive ``rates.csv`` and ``regions.csv`` from the raw survey rows (all years and
    employment types) for ``roles`` (the model's roles unless given) and the statutory
    minimum wages (``wages``, as ``tools/data/minimum_wages.csv``; that file unless given).

    The input is not modified and nothing is written.
    """
    floors = minimum_wages(pd.read_csv(DEFAULT_MINIMUM_WAGES) if wages is None else wages)
    rows = filter_rows(salaries)
    regions = select_regions(rows)
    ratios = region_ratios(rows, regions)
    figures, premium = _figures(rows, regions, ratios, roles, floors)
    rates = pd.DataFrame.from_records(
        [
            {
                "region": region,
                "role": role,
                "annual_salary_usd": figures[region][role].salary,
                "sample_size": figures[region][role].sample_size,
                "method": figures[region][role].method,
            }
            for region in regions
            for role in roles
        ],
        columns=RATES_COLUMNS,
    ).astype({"annual_salary_usd": "int64", "sample_size": "int64"})
    counts = rows["region"].value_counts()
    region_frame = pd.DataFrame.from_records(
        [
            {
                "region": region,
                "name": REGION_NAMES.get(region, region.upper()),
                "sample_size": int(counts[region]),
                "ratio_to_us": ratios[region],
                "vendor_annotation_usd_per_fte": round_to_step(
                    figures[region][ANNOTATOR].salary * VENDOR_MARKUP
                ),
                "note": _region_note(region, int(counts[region]), figures[region]),
            }
            for region in regions
        ],
        columns=REGIONS_COLUMNS,
    )
    return RateCard(rates=rates, regions=region_frame, lead_premium=premium)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write with ``\\n`` line endings and no index, so re-runs give byte-identical files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="survey CSV (or .gz)")
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
    card = derive(salaries)
    write_csv(card.rates, args.out)
    write_csv(card.regions, args.regions_out)
    print(f"read {len(salaries)} rows from {source}")
    print(f"lead premium: {card.lead_premium:.2f}")
    print(
        f"wrote {len(card.rates)} rates to {args.out} "
        f"and {len(card.regions)} regions to {args.regions_out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
