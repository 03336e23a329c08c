"""The shipped example scenarios the Scenario page offers as presets."""

from mlplanner.examples import example_scenarios


def test_the_three_examples_of_the_brief_are_shipped_and_valid() -> None:
    examples = example_scenarios()
    assert {"fashion_retailer.json", "seed_startup.json", "enterprise_portfolio.json"} <= set(
        examples
    )
    assert list(examples) == sorted(examples)
    assert len({s.name for s in examples.values()}) == len(examples)
    assert len(examples["enterprise_portfolio.json"].projects) >= 12
    assert len(examples["seed_startup.json"].projects) == 1
