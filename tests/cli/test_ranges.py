"""``recommend --ranges`` and ``sensitivity`` on the command line."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from mlplanner.cli.main import main
from mlplanner.model.plan import recommend
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import load_scenario
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.ranges.plan_ranges import plan_ranges
from mlplanner.ranges.sensitivity import sensitivity

FASHION = EXAMPLES_DIR / "fashion_retailer.json"
BANDS = {"p10", "p50", "p90"}


def run_ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_recommend_json_gains_the_ranges_of_the_plan(capsys: pytest.CaptureFixture[str]) -> None:
    out = json.loads(run_ok(capsys, "recommend", str(FASHION), "--ranges", "--format", "json"))
    ranges = out["ranges"]
    for figure in ("total_headcount", "annual_cost_usd", "quality"):
        assert set(ranges[figure]) == BANDS
        assert ranges[figure]["p10"] <= ranges[figure]["p50"] <= ranges[figure]["p90"]
    assert set(ranges["roles"]) == set(ROLES)
    assert ranges == plan_ranges(load_scenario(FASHION)).to_dict()
    assert out["annual_cost_usd"] == recommend(load_scenario(FASHION)).annual_cost_usd


def test_draws_and_seed_choose_the_draws(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("recommend", str(FASHION), "--ranges", "--format", "json", "--draws", "200")
    first = json.loads(run_ok(capsys, *argv, "--seed", "5"))["ranges"]
    again = json.loads(run_ok(capsys, *argv, "--seed", "5"))["ranges"]
    other = json.loads(run_ok(capsys, *argv, "--seed", "6"))["ranges"]
    assert first == again
    assert (first["draws"], first["seed"]) == (200, 5)
    assert other["annual_cost_usd"] != first["annual_cost_usd"]


def test_recommend_csv_gains_p10_and_p90_columns(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_ok(capsys, "recommend", str(FASHION), "--ranges", "--format", "csv")
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns[-2:]) == ["headcount_p10", "headcount_p90"]
    roles = frame[frame["role"].isin(ROLES)]
    assert (roles["headcount_p10"] <= roles["headcount_p90"]).all()


def test_recommend_table_says_the_range_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_ok(capsys, "recommend", str(FASHION), "--ranges")
    assert "80% of the time" in out
    assert "P10–P90 of 1,000 draws" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--draws", "0"), "draws: must be from 1"),
        (("--budget", "1000000"), "--ranges: ranges are of the recommended plan"),
    ],
)
def test_bad_ranges_options_are_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], extra: tuple[str, ...], message: str
) -> None:
    assert main(["recommend", str(FASHION), "--ranges", *extra]) == 2
    assert message in capsys.readouterr().err


def test_sensitivity_rows_largest_swing_first(capsys: pytest.CaptureFixture[str]) -> None:
    rows = json.loads(run_ok(capsys, "sensitivity", str(FASHION), "--format", "json"))
    assert list(rows[0]) == [
        "assumption",
        "cost_at_low_usd",
        "cost_at_high_usd",
        "headcount_at_low",
        "headcount_at_high",
    ]
    swings = [abs(r["cost_at_high_usd"] - r["cost_at_low_usd"]) for r in rows]
    assert swings == sorted(swings, reverse=True)
    assert rows == [s.to_dict() for s in sensitivity(load_scenario(FASHION)).swings]


def test_sensitivity_csv_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    frame = pd.read_csv(io.StringIO(run_ok(capsys, "sensitivity", str(FASHION), "--format", "csv")))
    assert frame["assumption"].iloc[0] == sensitivity(load_scenario(FASHION)).swings[0].assumption
    table = run_ok(capsys, "sensitivity", str(FASHION))
    assert table.startswith(sensitivity(load_scenario(FASHION)).headline)
