"""Cost: headcount x salary (role, region) x loaded-cost multiplier, plus vendor costs.

The loaded rate is rounded to whole US dollars and a role's line is exactly headcount x that
rate; vendor lines are rounded to whole dollars; the total is the sum of the lines, so a file's
figures always add up.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import Demand


@dataclass(frozen=True)
class CostLine:
    """One role's cost: ``headcount x loaded_rate_usd``."""

    role: str
    headcount: int
    rate_usd: int
    loaded_rate_usd: int
    annual_cost_usd: int


@dataclass(frozen=True)
class VendorLine:
    """Outsourced annotation bought for one project: its FTE-years at the vendor's price per
    FTE-year (all in: nothing is loaded on it)."""

    source: str
    fte_equivalent: float
    annual_cost_usd: int
    price_usd: int


def role_cost(role: str, headcount: int, region: str, assumptions: Assumptions) -> CostLine:
    """A role's yearly cost for ``headcount`` people in ``region``."""
    rate = assumptions.rate(region, role)
    loaded = round(rate * assumptions.loaded_cost_multiplier)
    return CostLine(
        role=role,
        headcount=headcount,
        rate_usd=round(rate),
        loaded_rate_usd=loaded,
        annual_cost_usd=headcount * loaded,
    )


def vendor_cost(source: str, fte: float, region: str, assumptions: Assumptions) -> VendorLine:
    """Yearly vendor price of ``fte`` FTE-years of annotation for a company in ``region``."""
    price = assumptions.vendor_price(region)
    return VendorLine(
        source=source,
        fte_equivalent=fte,
        annual_cost_usd=round(fte * price),
        price_usd=round(price),
    )


def vendor_lines(demand: Demand, region: str, assumptions: Assumptions) -> tuple[VendorLine, ...]:
    """The outsourced annotation a demand buys: one line per source that has any."""
    return tuple(
        vendor_cost(source, float(fte), region, assumptions)
        for source, fte in zip(demand.sources, demand.vendor_fte, strict=True)
        if fte > 0
    )
