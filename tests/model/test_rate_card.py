"""Tests for tools/derive_rate_card.py, the survey snapshot it reads (tools/data/) and the rate
card it ships (data/rates.csv, data/regions.csv): re-derivable byte for byte, and the relations
data/SOURCES.md states (the lead rule, research scientists against ML engineers, vendor prices).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import re
import statistics
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pandas as pd
import pytest

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.roles import ROLES

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "tools" / "derive_rate_card.py"
SNAPSHOT_README = REPO_ROOT / "tools" / "data" / "README.md"
RATES_CSV = REPO_ROOT / "mlplanner" / "data" / "rates.csv"
REGIONS_CSV = REPO_ROOT / "mlplanner" / "data" / "regions.csv"
SOURCES_MD = REPO_ROOT / "mlplanner" / "data" / "SOURCES.md"
HEAD = "head_of_data"


def _load_script() -> ModuleType:
    """Import the script by path: tools/ is a folder of scripts, not a package."""
    spec = importlib.util.spec_from_file_location("derive_rate_card", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


if TYPE_CHECKING:
    # mypy reads the script as the module it is loaded as (tools/ is on its mypy_path).
    import derive_rate_card as drc
else:
    drc = _load_script()


@pytest.fixture(scope="module")
def salaries() -> pd.DataFrame:
    return pd.read_csv(drc.DEFAULT_SOURCE)


@pytest.fixture(scope="module")
def card(salaries: pd.DataFrame) -> drc.RateCard:
    return drc.derive(salaries)


@pytest.fixture(scope="module")
def shipped() -> pd.DataFrame:
    """The shipped rates, indexed by (region, role)."""
    return pd.read_csv(RATES_CSV).set_index(["region", "role"])


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    return pd.read_csv(REGIONS_CSV, keep_default_na=False).set_index("region")


def _salary(rates: pd.DataFrame, region: str, role: str) -> int:
    return int(rates.loc[(region, role), "annual_salary_usd"])


def _led(rates: pd.DataFrame, region: str, manager: str, roles: tuple[str, ...]) -> list[int]:
    return [_salary(rates, region, role) for role in drc.managed_roles(manager, roles)]


def test_the_snapshot_is_the_documented_survey_file() -> None:
    """The shipped snapshot decompresses to the file whose checksum tools/data/README.md gives."""
    documented = re.findall(r"`([0-9a-f]{64})`", SNAPSHOT_README.read_text(encoding="utf-8"))
    assert len(documented) == 1
    assert drc.DEFAULT_SOURCE.is_file()
    raw = gzip.decompress(drc.DEFAULT_SOURCE.read_bytes())
    assert hashlib.sha256(raw).hexdigest() == documented[0]
    assert (drc.DEFAULT_SOURCE.parent / "LICENSE-CC0-1.0.txt").is_file()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("data_analyst", 101_000),
        ("data_engineer", 146_000),
        ("data_scientist", 157_000),
        ("research_scientist", 184_800),
    ],
)
def test_us_medians_match_design(card: drc.RateCard, role: str, expected: int) -> None:
    assert _salary(card.rates.set_index(["region", "role"]), "us", role) == expected


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


def test_shipped_files_equal_a_fresh_derivation_byte_for_byte(
    card: drc.RateCard, tmp_path: Path
) -> None:
    drc.write_csv(card.rates, tmp_path / "rates.csv")
    drc.write_csv(card.regions, tmp_path / "regions.csv")
    assert (tmp_path / "rates.csv").read_bytes() == RATES_CSV.read_bytes()
    assert (tmp_path / "regions.csv").read_bytes() == REGIONS_CSV.read_bytes()


def test_the_script_writes_the_shipped_files(tmp_path: Path) -> None:
    out, regions_out = tmp_path / "rates.csv", tmp_path / "regions.csv"
    assert drc.main(["--out", str(out), "--regions-out", str(regions_out)]) == 0
    assert out.read_bytes() == RATES_CSV.read_bytes()
    assert regions_out.read_bytes() == REGIONS_CSV.read_bytes()
    assert drc.main(["--source", str(tmp_path / "missing.csv")]) == 1


def test_every_role_and_region_is_on_the_card(shipped: pd.DataFrame, regions: pd.DataFrame) -> None:
    rates = shipped.reset_index()
    assert tuple(rates.columns) == drc.RATES_COLUMNS
    assert tuple(regions.reset_index().columns) == drc.REGIONS_COLUMNS

    region_ids = list(regions.index)
    assert region_ids[0] == "us"
    assert region_ids[1:] == sorted(region_ids[1:])
    assert set(drc.REQUIRED_REGIONS) <= set(region_ids)

    expected_pairs = [(r, role) for r in region_ids for role in ROLES]
    assert list(zip(rates["region"], rates["role"], strict=True)) == expected_pairs

    assert pd.api.types.is_integer_dtype(rates["annual_salary_usd"])
    assert (rates["annual_salary_usd"] > 0).all()
    assert (rates["annual_salary_usd"] % 100 == 0).all()
    assert set(rates["method"]) <= set(drc.METHODS)
    annotator = rates.loc[rates["role"] == "annotator"]
    assert set(annotator["method"]) <= {drc.METHOD_ASSUMPTION, drc.METHOD_MINIMUM_WAGE}
    assert _salary(shipped, "us", "annotator") == drc.ANNOTATOR_US_SALARY
    assert (regions["vendor_annotation_usd_per_fte"] > 0).all()
    assert (regions["vendor_annotation_usd_per_fte"] % 100 == 0).all()


def test_a_lead_costs_at_least_the_premium_over_the_roles_led_in_every_region(
    shipped: pd.DataFrame, regions: pd.DataFrame, card: drc.RateCard
) -> None:
    """The lead rule of data/SOURCES.md, on the shipped card: a lead costs at least the lead
    premium x the median of the roles they lead, and at least the best-paid of them."""
    assert card.lead_premium == 1.2
    for region in regions.index:
        led = _led(shipped, region, "team_lead", ROLES)
        assert "annotator" not in drc.managed_roles("team_lead", ROLES)
        assert len(led) == len(ROLES) - 2 - (HEAD in ROLES)
        lead = _salary(shipped, region, "team_lead")
        assert lead >= statistics.median(led), region
        assert lead >= drc.round_to_step(card.lead_premium * statistics.median(led)), region
        assert lead >= max(led), region


def test_gb_leads_cost_at_least_the_ml_engineers_they_lead(shipped: pd.DataFrame) -> None:
    """Issue 12's case: a GB lead used to cost 79,700, the GB ML engineers 132,500."""
    assert _salary(shipped, "gb", "team_lead") >= _salary(shipped, "gb", "ml_engineer")


def test_the_lead_premium_lies_among_the_surveys_lead_to_specialist_pairs(
    salaries: pd.DataFrame, card: drc.RateCard
) -> None:
    """The premium (all leadership titles over the specialists' median, US) sits between the
    single title pairs data/SOURCES.md quotes for comparison."""
    rows = drc.filter_rows(salaries)
    us = rows.loc[rows["region"] == "us"].groupby("job_title")["salary_in_usd"].median()
    pairs = {
        ("Machine Learning Manager", "Machine Learning Engineer"): 1.15,
        ("Technical Lead", "Software Engineer"): 1.13,
        ("Engineering Manager", "Software Engineer"): 1.36,
    }
    ratios = {pair: round(us[pair[0]] / us[pair[1]], 2) for pair in pairs}
    assert ratios == pairs
    assert min(ratios.values()) <= card.lead_premium <= max(ratios.values())


def test_manager_rule_takes_the_highest_of_its_three_terms() -> None:
    own = drc.Figure(100_000, 40, drc.METHOD_ROLE_MEDIAN)
    assert drc._manager_figure(own, [50_000, 60_000, 70_000], 1.2) == own
    assert drc._manager_figure(own, [80_000, 90_000, 95_000], 1.2) == drc.Figure(
        108_000, 40, drc.METHOD_PREMIUM
    )
    assert drc._manager_figure(own, [50_000, 60_000, 150_000], 1.2) == drc.Figure(
        150_000, 40, drc.METHOD_TOP_LED
    )
    # A tie keeps the manager's own figure (the first term).
    assert drc._manager_figure(own, [100_000], 1.0) == own


def test_a_head_of_data_is_derived_when_the_model_has_the_role(
    salaries: pd.DataFrame, card: drc.RateCard
) -> None:
    """head_of_data is priced only when it is a role of the model; either way the other rows
    are the same, and a head costs at least the premium over the team leads they lead."""
    without = tuple(role for role in ROLES if role != HEAD)
    with_head = drc.derive(salaries, roles=(*without, HEAD)).rates.set_index(["region", "role"])
    plain = drc.derive(salaries, roles=without).rates.set_index(["region", "role"])
    pd.testing.assert_frame_equal(with_head.drop(index=HEAD, level="role"), plain)
    assert (HEAD in set(card.rates["role"])) == (HEAD in ROLES)
    assert int(with_head.loc[("us", HEAD), "sample_size"]) == 146
    for region in plain.index.get_level_values("region").unique():
        lead = _salary(with_head, region, "team_lead")
        assert drc.managed_roles(HEAD, (*without, HEAD)) == ["team_lead"]
        assert _salary(with_head, region, HEAD) >= drc.round_to_step(card.lead_premium * lead)


def test_a_role_without_survey_titles_is_refused(salaries: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="'chief_of_staff' has no survey titles"):
        drc.derive(salaries, roles=(*ROLES, "chief_of_staff"))


def test_research_scientists_cost_what_the_survey_says_against_ml_engineers(
    shipped: pd.DataFrame,
) -> None:
    """data/SOURCES.md: over all levels, research scientists earn a little less than ML
    engineers in the US (0.96 x), and so wherever both figures are scaled US medians."""
    for region in shipped.index.get_level_values("region").unique():
        methods = {
            shipped.loc[(region, r), "method"] for r in ("research_scientist", "ml_engineer")
        }
        if region == "us" or methods == {drc.METHOD_SCALED}:
            ratio = _salary(shipped, region, "research_scientist") / _salary(
                shipped, region, "ml_engineer"
            )
            assert 0.95 <= ratio < 1, region


def test_at_equal_seniority_research_scientists_earn_as_much_as_ml_engineers(
    salaries: pd.DataFrame,
) -> None:
    """The survey's explanation of the gap: per experience level the research scientist's US
    median is at least 99% of the ML engineer's; fewer research scientists are senior."""
    rows = drc.filter_rows(salaries)
    us = rows.loc[rows["region"] == "us"]
    research = drc.title_rows(us, "research_scientist")
    engineers = drc.title_rows(us, "ml_engineer")
    for level in ("EN", "MI", "SE"):
        rs = research.loc[research["experience_level"] == level, "salary_in_usd"].median()
        mle = engineers.loc[engineers["experience_level"] == level, "salary_in_usd"].median()
        assert rs >= 0.99 * mle, level
    senior_share = {
        name: (frame["experience_level"] == "SE").mean()
        for name, frame in (("research", research), ("engineers", engineers))
    }
    assert (round(senior_share["research"], 2), round(senior_share["engineers"], 2)) == (
        0.46,
        0.70,
    )


def test_applied_scientists_pay_falls_with_seniority_unlike_the_specialist_titles_used(
    salaries: pd.DataFrame,
) -> None:
    """data/SOURCES.md's reason to leave "Applied Scientist" out of research_scientist."""
    rows = drc.filter_rows(salaries)
    us = rows.loc[rows["region"] == "us"]
    medians = us.groupby(["job_title", "experience_level"])["salary_in_usd"].median()
    assert "Applied Scientist" not in drc.ROLE_TITLES["research_scientist"]
    assert medians[("Applied Scientist", "SE")] < medians[("Applied Scientist", "MI")]
    specialists = [role for role in drc.ROLE_TITLES if role not in drc.MANAGER_ROLES]
    for title in {title for role in specialists for title in drc.ROLE_TITLES[role]}:
        assert medians[(title, "SE")] > medians[(title, "MI")], title


def test_vendor_annotation_is_priced_near_an_in_house_annotator_in_every_region(
    shipped: pd.DataFrame, regions: pd.DataFrame
) -> None:
    """The vendor rule: annotator salary x the staffing markup; with the shipped loaded-cost
    multiplier that is between 0.8 and 1.6 x an in-house annotator's loaded cost."""
    multiplier = Assumptions.defaults().loaded_cost_multiplier
    for region, price in regions["vendor_annotation_usd_per_fte"].items():
        annotator = _salary(shipped, str(region), "annotator")
        assert price == drc.round_to_step(annotator * drc.VENDOR_MARKUP)
        assert 0.8 <= price / (annotator * multiplier) <= 1.6, region


def test_sources_md_region_table_matches_the_card(
    shipped: pd.DataFrame, regions: pd.DataFrame
) -> None:
    """The sample sizes, ratios and lead figures data/SOURCES.md lists are the shipped ones."""
    text = SOURCES_MD.read_text(encoding="utf-8")
    table = re.findall(
        r"^\| ([a-z]{2}) \| ([\d,]+)(?: \(small\))? \| ([\d.]+) \| .*? \| ([\d,]+) \(", text, re.M
    )
    assert [row[0] for row in table] == sorted(
        regions.index, key=lambda r: (-int(regions.loc[r, "sample_size"]), r)
    )
    for region, rows, ratio, lead in table:
        assert int(rows.replace(",", "")) == regions.loc[region, "sample_size"]
        assert float(ratio) == regions.loc[region, "ratio_to_us"]
        assert int(lead.replace(",", "")) == _salary(shipped, region, "team_lead")
    for region, n in regions["sample_size"].items():
        assert (f"| {region} | {n:,} (small) |" in text) == (n < drc.SMALL_REGION_ROWS)


def _synthetic_rows(location: str, title: str, salary: int, count: int) -> list[dict[str, object]]:
    return [
        {
            "work_year": 2024,
            "employment_type": "FT",
            "experience_level": "SE",
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

    derived = drc.derive(salaries)
    rates = derived.rates.set_index(["region", "role"])
    ratios = derived.regions.set_index("region")["ratio_to_us"]

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
    annotator = drc.round_to_step(drc.ANNOTATOR_US_SALARY * ca_ratio)
    assert rates.loc[("ca", "annotator"), "annual_salary_usd"] == annotator
    vendor = derived.regions.set_index("region").loc["ca", "vendor_annotation_usd_per_fte"]
    assert vendor == drc.round_to_step(annotator * drc.VENDOR_MARKUP)


def test_round_to_step_rounds_halves_up() -> None:
    assert drc.round_to_step(184_750) == 184_800
    assert drc.round_to_step(184_650) == 184_700
    assert drc.round_to_step(172_820) == 172_800


def test_no_annotator_earns_less_than_the_regions_minimum_wage(
    shipped: pd.DataFrame, regions: pd.DataFrame
) -> None:
    """The annotator's assumed salary (the US assumption x the tech-salary ratio) put British,
    French and Dutch annotators below the statutory minimum wage (17,800 USD a year against
    about 28,500 in the United Kingdom); it is now floored at a full-time year of it, and
    says so in its method."""
    floors = drc.minimum_wages(pd.read_csv(drc.DEFAULT_MINIMUM_WAGES))
    # a full-time year: 11.44 GBP an hour x 37.5 hours x 52 weeks at 1.278 USD
    assert floors["gb"] == drc.round_to_step(11.44 * 37.5 * 52 * 1.278) == 28_500
    assert floors["fr"] == drc.round_to_step(11.65 * 35 * 52 * 1.082)
    assert floors["sk"] == drc.round_to_step(750 * 12 * 1.082)
    assert set(floors) <= set(regions.index)
    for region in regions.index:
        salary = _salary(shipped, str(region), "annotator")
        assert salary >= floors.get(str(region), 0)
        scaled = drc.round_to_step(drc.ANNOTATOR_US_SALARY * regions.loc[region, "ratio_to_us"])
        method = shipped.loc[(region, "annotator"), "method"]
        assert salary == max(scaled, floors.get(str(region), 0))
        assert (method == drc.METHOD_MINIMUM_WAGE) == (salary > scaled)
    assert _salary(shipped, "gb", "annotator") == 28_500
