"""Counts in words and headlines carry thousands separators: "2,316", never "2316"."""

from mlplanner.model.plan import recommend
from mlplanner.model.scenario import parse_scenario
from mlplanner.model.wording import people
from mlplanner.reports.headlines import busiest_source_headline, largest_role_headline
from tests.support.builders import portfolio_data


def test_people_in_words_use_separators_past_a_thousand() -> None:
    assert people(2, "ml_engineer", in_words=True) == "two ML Engineers"
    assert people(1234, "ml_engineer", in_words=True) == "1,234 ML Engineers"


def test_headlines_of_a_large_plan_use_separators() -> None:
    plan = recommend(parse_scenario(portfolio_data(200)))
    total = f"{plan.total_headcount:,}"
    assert "," in total
    assert busiest_source_headline(plan).endswith(f"of {total}")
    assert largest_role_headline(plan).endswith(f"of {total} people")
