"""``frontier`` and ``recommend --budget`` on the command line, and their error contract."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlplanner.cli.main import main
from mlplanner.exchange.tables_csv import FRONTIER_COLUMNS
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import NO_QUALITY, evaluate, recommend
from mlplanner.model.roles import HEAD
from mlplanner.model.scenario import load_scenario
from mlplanner.model.wording import format_usd
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.reports.tradeoffs import scenario_step_note
from mlplanner.search.budget_plan import fund_projects
from mlplanner.search.frontier import best_under_budget, frontier, frontier_step
from mlplanner.search.problem import search_problem
from tests.support.builders import (
    agritech_seed,
    frozen_analytics_team,
    insurer,
    large_team_data,
    project_data,
    scenario,
    scenario_data,
)

FASHION = EXAMPLES_DIR / "fashion_retailer.json"
ENTERPRISE = EXAMPLES_DIR / "enterprise_portfolio.json"


def run_ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def run_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


def test_frontier_json_lists_every_point(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run_ok(capsys, "frontier", str(FASHION), "--format", "json"))
    points = frontier(load_scenario(FASHION))
    assert [d["annual_cost_usd"] for d in data] == [p.annual_cost_usd for p in points]
    assert [d["allocation"] for d in data] == [p.allocation for p in points]
    assert [d["quality"] for d in data] == [round(p.quality, 2) for p in points]


def test_frontier_csv_has_the_export_columns(capsys: pytest.CaptureFixture[str]) -> None:
    frame = pd.read_csv(io.StringIO(run_ok(capsys, "frontier", str(FASHION), "--format", "csv")))
    assert tuple(frame.columns) == FRONTIER_COLUMNS
    assert len(frame) == len(frontier(load_scenario(FASHION)))
    assert frame["annual_cost_usd"].is_monotonic_increasing


def test_frontier_table_names_the_roles_of_the_setups_plans(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The frontier is the setup's: a mature company's plans have no full-stack data
    scientists, a scaleup's do."""
    text = run_ok(capsys, "frontier", str(FASHION), "--setup", "mature")
    points = frontier(load_scenario(FASHION), "mature")
    assert text.startswith(f"{len(points)} plans on the frontier, cheapest first")
    assert format_usd(points[-1].annual_cost_usd) in text
    assert "DE = data_engineer" in text and "FSDS" not in text
    scaleup = run_ok(capsys, "frontier", str(FASHION), "--setup", "scaleup")
    assert "FSDS = full_stack_data_scientist" in scaleup
    data = json.loads(run_ok(capsys, "frontier", str(FASHION), "--format", "json"))
    assert [d["allocation"] for d in data] == [
        p.allocation for p in frontier(load_scenario(FASHION))
    ]


def test_recommend_with_a_budget_prints_what_it_buys_by_whole_projects(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The answer of the Plan page's "Within your budget" and of the timeline, with the
    highest-scoring plan within the budget beside it. Read as a head of ML would: the table
    used to be that highest-scoring plan, which spreads every role over every project (an
    insurer's $4M bought four data engineers and no whole project) while the app and the
    timeline answered with whole projects."""
    data = json.loads(
        run_ok(capsys, "recommend", str(FASHION), "--budget", "1300000", "--format", "json")
    )
    advice = fund_projects(load_scenario(FASHION), 1_300_000)
    best = best_under_budget(load_scenario(FASHION), 1_300_000)
    assert advice.plan is not None and best is not None
    assert data["annual_cost_usd"] == advice.plan.annual_cost_usd <= 1_300_000
    assert {r["role"]: r["headcount"] for r in data["roles"]} == advice.plan.allocation
    assert data["best_under_budget"] == {
        "allocation": best.allocation,
        "annual_cost_usd": best.annual_cost_usd,
        "quality": round(best.quality, 2),
    }
    # Its figures and messages are about the budget given, not the file's ($2.5M).
    assert data["budget_usd"] == 1_300_000
    assert not any("budget of $2.50M" in m for m in data["messages"])
    lines = run_ok(capsys, "recommend", str(FASHION), "--budget", "1300000").splitlines()
    assert lines[-2] == f"Budget advice: {advice.message}"
    assert lines[-1].startswith(
        f"Best plan of the setup's space within the budget, every role spread over every "
        f"project (the Trade-offs page): {format_usd(best.annual_cost_usd)} a year, quality "
        f"{best.quality:.1f}, with the existing team plus "
    )


def test_recommend_with_a_budget_says_whether_the_plan_fits_that_budget(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # With $500k in the file, the plan $1.3M buys was said to be "over the budget of
    # $500k", measured against the file's budget instead of the one asked about.
    data = json.loads(FASHION.read_text())
    data["company"]["annual_budget_usd"] = 500_000
    path = tmp_path / "tight.json"
    path.write_text(json.dumps(data))
    advice = fund_projects(load_scenario(path), 1_300_000)
    assert advice.plan is not None and advice.plan.annual_cost_usd > 500_000
    text = run_ok(capsys, "recommend", str(path), "--budget", "1300000")
    assert "over the budget" not in text and "$500k" not in text


def test_recommend_with_a_budget_adds_what_it_buys_by_whole_projects(
    capsys: pytest.CaptureFixture[str],
) -> None:
    budget = 4_200_000
    argv = ("recommend", str(ENTERPRISE), "--budget", str(budget))
    data = json.loads(run_ok(capsys, *argv, "--format", "json"))
    advice = fund_projects(load_scenario(ENTERPRISE), budget)
    assert advice.plan is not None and advice.unstaffed
    assert data["budget_advice"] == {
        "funded": list(advice.funded),
        "part": None if advice.part is None else vars(advice.part),
        "unstaffed": list(advice.unstaffed),
        "annual_cost_usd": advice.plan.annual_cost_usd,
        "quality": round(advice.quality, 2),
        "quality_once_adopted": round(advice.plan.quality, 2),
        "allocation": advice.plan.allocation,
        "message": advice.message,
    }
    assert data["budget_advice"]["annual_cost_usd"] <= budget
    # The table's plan is the advice as adopted: the projects it leaves unstaffed on hold,
    # their outsourced labelling not bought; it scores the projects it staffs.
    held = [p.name for p in advice.plan.scenario.projects if p.on_hold]
    assert held == list(advice.unstaffed)
    assert advice.quality < advice.plan.quality
    assert advice.part is not None and advice.part.project == "Fraud detection"
    lines = run_ok(capsys, *argv).splitlines()
    at = lines.index(f"Budget advice: {advice.message}")
    assert lines[at + 1] == (
        "With its people on the work it staffs, the rest delivering nothing, it scores "
        f"{advice.quality:.1f} ({advice.plan.quality:.1f} once adopted: adopting puts the "
        f"projects it leaves unstaffed on hold and plans Fraud detection for "
        f"{advice.part.percent}% of its work, and the Plan page scores that work)."
    )


def test_budget_advice_without_a_plan_is_null_and_says_why(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # No existing team: a budget of 0 does not pay for the analytics baseline the setup
    # staffs even without projects, the team that staffs no project.
    path = tmp_path / "company.json"
    churn = project_data("Churn", "tabular", stage="research")
    path.write_text(json.dumps(scenario_data(churn, employees=5000)))
    advice = fund_projects(load_scenario(path), 0)
    assert advice.plan is None and advice.smallest_cost_usd > 0
    message = run_error(capsys, "recommend", str(path), "--budget", "0", "--format", "json")
    assert message == (
        "error: budget: $0 buys no plan; even the cheapest team it can advise (the people "
        "already employed and those the work cannot do without, with the outsourced labelling "
        f"it buys) costs {format_usd(advice.smallest_cost_usd)} a year"
    )
    assert advice.to_dict() == {
        "funded": [],
        "part": None,
        "unstaffed": ["Churn"],
        "annual_cost_usd": None,
        "quality": None,
        "quality_once_adopted": None,
        "allocation": None,
        "message": advice.message,
    }


@pytest.mark.parametrize(
    ("budget", "message"),
    [
        ("-5", "argument --budget: must be zero or more US dollars"),
        ("lots", "argument --budget: must be a number of US dollars"),
        ("nan", "argument --budget: must be zero or more US dollars"),
        ("100000", "budget: $100k buys no plan; even the cheapest team it can advise (the"),
    ],
)
def test_bad_budgets_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], budget: str, message: str
) -> None:
    assert message in run_error(capsys, "recommend", str(FASHION), "--budget", budget)


def test_a_budget_below_anyone_to_deploy_names_the_cheapest_plan(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A budget that buys nobody, for a company employing nobody: no plan, and the error
    names what the cheapest plan able to deploy the model costs (it had printed a table of
    zeros and what would raise quality, where a company employing people got this error)."""
    path = tmp_path / "company.json"
    path.write_text(json.dumps(scenario_data(project_data("Churn", stage="production"))))
    message = run_error(capsys, "recommend", str(path), "--budget", "0", "--setup", "mature")
    cheapest = frontier(load_scenario(path), "mature")[0].annual_cost_usd
    assert message.startswith("error: budget: $0 buys no plan; even the cheapest team it can")
    assert message.endswith(f"costs {format_usd(cheapest)} a year")


def test_frontier_of_a_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert "no such file" in run_error(capsys, "frontier", "missing.json")


def test_a_large_team_is_searched_in_steps_and_its_tables_say_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "large.json"
    path.write_text(json.dumps(large_team_data()))
    large = load_scenario(path)
    step = frontier_step(large)
    note = scenario_step_note(large, Assumptions.defaults())
    assert step > 1 and note is not None and f"steps of {step} people" in note
    table = run_ok(capsys, "frontier", str(path)).splitlines()
    points = frontier(large)
    assert table[0] == f"{len(points)} plans on the frontier, cheapest first"
    assert table[-1] == note
    plan = run_ok(capsys, "recommend", str(path), "--budget", "20000000").splitlines()
    assert plan[-1] == note
    assert plan[-4].startswith("Budget advice: ")
    assert plan[-3].startswith("With its people on the work it staffs")
    assert plan[-2].startswith("Best plan of the setup's space")
    # The machine-readable outputs keep their shape: no note in them.
    data = json.loads(run_ok(capsys, "frontier", str(path), "--format", "json"))
    assert [d["annual_cost_usd"] for d in data] == [p.annual_cost_usd for p in points]
    recommendation = recommend(large)
    recommended = recommendation.allocation  # off the steps, a candidate too
    assert recommendation.shaping is not None
    heads = recommendation.shaping.space.heads
    # Nobody employed: whole steps from zero, but for the heads of data & ML, whom the leads
    # call for (not in steps), and the recommended plan.
    assert heads.most % step
    leads = np.array([d["allocation"]["team_lead"] for d in data])
    assert [d["allocation"]["head_of_data"] for d in data] == heads.for_leads(leads).tolist()
    assert all(
        all(n % step == 0 for r, n in d["allocation"].items() if r != "head_of_data")
        or d["allocation"] == recommended
        for d in data
    )


def test_a_team_searched_person_by_person_has_no_step_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert "steps of" not in run_ok(capsys, "frontier", str(FASHION))
    assert "steps of" not in run_ok(capsys, "recommend", str(FASHION), "--budget", "1300000")


def test_without_projects_there_is_no_frontier_and_no_quality_anywhere(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Read as a head of ML would: `frontier` printed a plan of quality 84.9, `compare` printed
    # "None" and the budget advice "quality 84.9 ... staffs every project" for a scenario that
    # has no projects, hence no quality score.
    data = json.loads(FASHION.read_text())
    data["projects"] = []
    path = tmp_path / "empty.json"
    path.write_text(json.dumps(data))
    assert run_ok(capsys, "frontier", str(path)).startswith(NO_QUALITY)
    assert json.loads(run_ok(capsys, "frontier", str(path), "--format", "json")) == []
    rows = pd.read_csv(io.StringIO(run_ok(capsys, "frontier", str(path), "--format", "csv")))
    assert rows.empty and list(rows.columns) == list(FRONTIER_COLUMNS)
    compared = run_ok(capsys, "compare", str(path))
    assert "None" not in compared and compared.rstrip().endswith(NO_QUALITY)
    advice = run_ok(capsys, "recommend", str(path), "--budget", "2000000").splitlines()[-1]
    assert advice == "Budget advice: No projects to plan: none yet, or every one on hold."
    data = json.loads(
        run_ok(capsys, "recommend", str(path), "--budget", "2000000", "--format", "json")
    )
    assert data["budget_advice"]["quality"] is None


def test_a_budget_staffing_no_project_gives_both_figures_of_the_team_it_keeps(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The fashion retailer's existing team, kept at $954k, staffs no project: with its people
    on the work it staffs (the analytics baseline) it scores 14.8; adopted, every project is
    on hold and the table has no score. Both are said."""
    advice = fund_projects(load_scenario(FASHION), 953_890)
    assert advice.plan is not None and advice.plan.total_headcount > 0 and not advice.funded
    assert advice.quality > 0 and not advice.plan.scored
    lines = run_ok(capsys, "recommend", str(FASHION), "--budget", "953890").splitlines()
    at = lines.index(f"Budget advice: {advice.message}")
    assert lines[at + 1] == (
        "With its people on the work it staffs, the rest delivering nothing, it scores "
        f"{advice.quality:.1f} (no score once adopted: adopting puts every project on hold)."
    )


def test_a_team_spread_that_is_no_plan_of_the_space_says_why_it_scores_more(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A review's Canadian insurer at $1.004M: the advice spreads its whole projects' team,
    which has no annotator for the photo estimate's labelling, over every project (15.1);
    the best plan of the setup's space within the budget must have one and scores 7.8. The
    last line called that plan the highest score within the budget."""
    path = tmp_path / "insurer.json"
    path.write_text(insurer().to_json())
    lines = run_ok(capsys, "recommend", str(path), "--budget", "1004000").splitlines()
    advice = fund_projects(insurer(), 1_004_000)
    assert advice.plan is not None and advice.thin
    assert lines[-2].startswith(
        "Best plan of the setup's space (its plans keep at least 1 Data Annotator) within the "
        "budget, every role"
    )
    assert lines[-1] == (
        f"The budget advice's team scores {advice.plan.quality:.1f} on every project: it is "
        "not a plan of that space, which keeps at least 1 Data Annotator."
    )


def test_a_budget_whose_best_plan_scores_nothing_buys_no_plan(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The seed startup at $132k: the best plan of its space within the budget is an annotator
    alone (its in-house labelling needs one), who scores nothing, and the advice hires
    nobody: no plan, and the error names the cheapest plan that scores."""
    seed = EXAMPLES_DIR / "seed_startup.json"
    best = best_under_budget(load_scenario(seed), 132_536)
    assert best is not None and best.quality == 0
    cheapest = next(p for p in frontier(load_scenario(seed)) if p.quality > 0)
    message = run_error(capsys, "recommend", str(seed), "--budget", "132536")
    assert message.endswith(f"costs {format_usd(cheapest.annual_cost_usd)} a year")


def test_a_budget_below_the_people_employed_names_the_work_they_staff(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "frozen.json"
    path.write_text(frozen_analytics_team().to_json())
    advice = fund_projects(frozen_analytics_team(), 500_000)
    message = run_error(capsys, "recommend", str(path), "--budget", "500000")
    assert message == (
        "error: budget: $500k buys no plan; even the cheapest team it can advise (the people "
        "already employed and those the work cannot do without, with the outsourced "
        f"labelling it buys) costs {format_usd(advice.smallest_cost_usd)} a year; the people "
        "already "
        "employed staff Sales dashboards at no more cost"
    )


def test_the_people_every_plan_keeps_leave_out_heads_which_follow_the_leads(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A review's Dutch telco: its space's bounds hold a Head of Data & ML, but a plan's heads
    follow its leads, and the best plan within $1.90M has none: the line named a head its
    plan did not have."""
    telco = scenario(
        project_data("Churn prediction", scale="large", stage="production", lifecycle="run"),
        project_data(
            "Network anomaly detection",
            scale="large",
            stage="production",
            data_readiness="raw",
            deployment="online",
            priority=5,
        ),
        project_data("Call-centre speech analytics", "speech", annotation="outsourced"),
        project_data("GenAI customer assistant", "generative_ai", deployment="online"),
        employees=5000,
        region="nl",
        existing={"data_analyst": 5, "data_engineer": 2, "data_scientist": 3},
    )
    space = search_problem(telco, Assumptions.defaults()).space
    assert space.lower[HEAD] > 0
    best = best_under_budget(telco, 1_900_000)
    assert best is not None and best.allocation[HEAD] == 0
    path = tmp_path / "telco.json"
    path.write_text(telco.to_json())
    lines = run_ok(capsys, "recommend", str(path), "--budget", "1900000").splitlines()
    [line] = [x for x in lines if x.startswith("Best plan of the setup's space")]
    assert "Head of Data" not in line


def test_a_budget_buying_the_plan_recommended_for_it_says_what_it_holds_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Asked what a budget below the recommended plan buys, the answer is the plan recommended
    for that budget, and the line the plan says with that budget in its file: what the
    budget holds back (a fintech at 90% of its plan read only "staffs every project")."""
    seed = agritech_seed("scaleup")
    shaping = recommend(seed).shaping
    assert shaping is not None and shaping.additions
    budget = shaping.additions[0].person.cost_before + 1
    budgeted = recommend(agritech_seed("scaleup", budget=budget)).shaping
    assert budgeted is not None and budgeted.held_back is not None
    path = tmp_path / "seed.json"
    path.write_text(seed.to_json())
    lines = run_ok(capsys, "recommend", str(path), "--budget", str(budget)).splitlines()
    at = lines.index(
        "Budget advice: The budget spreads a cheaper team than the recommended plan over every "
        "project."
    )
    assert lines[at + 1] == budgeted.held_back.held_back_sentence


def test_a_spread_team_outside_the_space_is_not_contradicted_by_the_line_under_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A review's health startup: the advice spreads its team, which has no annotator, over
    both projects, and the line under it had read "No plan spreading every role over every
    project fits the budget". It names the setup's space, and says why the team is not in it."""
    company = scenario_data(
        project_data(
            "Retinal scan triage",
            "computer_vision",
            stage="research",
            data_readiness="partial",
            annotation="outsourced",
            deployment="batch",
            priority=5,
        ),
        project_data(
            "Clinical notes summariser",
            "nlp",
            scale="small",
            stage="prototype",
            data_readiness="raw",
            annotation="in_house",
            deployment="online",
        ),
        employees=40,
        region="gb",
        budget=900_000,
        existing={"research_scientist": 2, "full_stack_data_scientist": 1},
    )
    path = tmp_path / "health.json"
    path.write_text(json.dumps(company))
    lines = run_ok(capsys, "recommend", str(path), "--budget", "450000").splitlines()
    assert lines[-3] == (
        "Budget advice: The budget spreads a cheaper team than the recommended plan over every "
        "project."
    )
    assert lines[-2].startswith(
        "No plan of the setup's space (its plans keep at least 1 Data Annotator) fits the "
        "budget: the cheapest, the existing team plus 1 Data Annotator, costs $"
    )
    assert lines[-1].startswith("The budget advice's team scores ")
    assert lines[-1].endswith(
        "on every project: it is not a plan of that space, which keeps at least 1 Data Annotator."
    )


def test_a_budget_whose_best_plan_of_the_space_scores_nothing_names_the_cheapest_that_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A mature Indian company whose projects are research, an in-house-labelled recommender
    among them: at $115,799 the advice spreads one person over every project, while the best
    plan of the setup's space within the budget, an annotator alone, scores nothing. The line
    names the cheapest plan of the space that scores, instead of that annotator."""
    company = scenario_data(
        project_data(
            "Recs",
            "recommender",
            stage="research",
            data_readiness="partial",
            annotation="in_house",
            deployment="batch",
            lifecycle="run",
            count=2,
            priority=1,
        ),
        project_data(
            "Pricing",
            "tabular",
            stage="prototype",
            data_readiness="ready",
            annotation="outsourced",
            deployment="online",
            count=3,
            priority=4,
        ),
        project_data(
            "Assistant",
            "generative_ai",
            scale="small",
            stage="research",
            data_readiness="raw",
            annotation="none",
            deployment="online",
            lifecycle="run",
            priority=1,
        ),
        employees=150,
        setup="mature",
        region="in",
    )
    path = tmp_path / "research.json"
    path.write_text(json.dumps(company))
    scenario = load_scenario(path)
    best = best_under_budget(scenario, 115_799)
    assert best is not None and best.quality == 0
    cheapest = next(p for p in frontier(scenario) if p.quality > 0)
    lines = run_ok(capsys, "recommend", str(path), "--budget", "115799").splitlines()
    assert any(line.startswith("Budget advice: ") for line in lines)
    assert lines[-1] == (
        "No plan of the setup's space (its plans keep at least 1 Data Annotator) within the "
        "budget, every role spread over every project, scores anything (the best, 1 Data "
        "Annotator, scores 0.0): the cheapest that does, 1 Data Analyst and 1 Data Annotator, "
        f"costs {format_usd(cheapest.annual_cost_usd)} a year."
    )


def test_the_advice_s_team_is_said_to_score_what_it_scores_on_every_project(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A review's Series B SaaS at $1.70M: the advice leaves churn out, and the line "The
    budget advice's team scores 77.9 on every project" gave its score with churn on hold;
    spread over every project it scores 36.9, below the space's best (49.4): no such line."""
    saas = scenario(
        project_data("Ticket routing", "nlp", deployment="online", priority=4),
        project_data("Churn prediction", "tabular", priority=3),
        project_data(
            "Reply copilot", "generative_ai", stage="prototype", deployment="online", priority=5
        ),
        employees=220,
        existing={"data_analyst": 2, "data_engineer": 1, "data_scientist": 1},
    )
    path = tmp_path / "saas.json"
    path.write_text(saas.to_json())
    advice = fund_projects(saas, 1_702_038)
    assert advice.plan is not None and advice.unstaffed == ("Churn prediction",)
    spread = evaluate(saas, advice.plan.allocation)
    best = best_under_budget(saas, 1_702_038)
    assert best is not None and spread.quality < best.quality < advice.plan.quality
    text = run_ok(capsys, "recommend", str(path), "--budget", "1702038")
    assert "The budget advice's team scores" not in text


def test_advice_staffing_no_project_gives_its_score_in_the_json_as_in_the_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A review's British fintech at $400k: its four employed people fit, no project's team
    does, and nobody of them can deploy its production models. The table's line gave the
    advice's score (1.8, the analytics baseline) where the JSON said null."""
    company = scenario_data(
        project_data("Card fraud", scale="large", deployment="online", priority=5),
        project_data("Credit risk", priority=5),
        employees=400,
        setup="scaleup",
        region="gb",
        existing={"data_scientist": 2, "data_engineer": 1, "data_analyst": 1},
    )
    path = tmp_path / "fintech.json"
    path.write_text(json.dumps(company))
    argv = ("recommend", str(path), "--budget", "400000")
    data = json.loads(run_ok(capsys, *argv, "--format", "json"))["budget_advice"]
    assert data["funded"] == [] and data["annual_cost_usd"] <= 400_000
    assert data["quality"] is not None and data["quality"] > 0
    assert data["quality_once_adopted"] is None
    lines = run_ok(capsys, *argv).splitlines()
    assert any(
        line.startswith("With its people on the work it staffs, the rest delivering nothing, ")
        and f"it scores {data['quality']:.1f} (no score once adopted" in line
        for line in lines
    )
