"""Every number the model uses, as one validated, serialisable object.

The shipped defaults are read from ``data/*.csv`` (each row with its source). A user may edit
any of them; an edited copy is validated by the same model and can be stored as a named
assumption set, so a saved plan can always be recomputed with the values it was made with.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from mlplanner.errors import PlannerInputError, Problem, validation_problems
from mlplanner.model.rates import rate_card_frame, regions_frame
from mlplanner.model.roles import HEAD, PHASES, ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import DEPTH_WORK, DOMAINS, STAGES
from mlplanner.paths import DATA_DIR

NonNegative = Annotated[float, Field(ge=0)]
Share = Annotated[float, Field(ge=0, le=1)]
Salary = Annotated[float, Field(gt=0, le=10_000_000)]
# Fields of assumption sets saved before the quality score was defined by projects' delivery
# (``docs/quality.md``): they are dropped when such a set loads.
PREVIOUS_QUALITY_FIELDS = ("quality_weights", "handoff_penalty")
# What a plan saved with such a set says next to the figures it was saved with.
PREVIOUS_QUALITY_NOTE = "scored by the previous quality definition (before December 2026)"
ADJUSTABLE_ATTRIBUTES = ("scale", "stage", "data_readiness", "annotation", "deployment")
# The assumption groups that carry an uncertainty (``data/uncertainty.csv``); what a group's
# multiplier changes is :func:`mlplanner.ranges.perturb.perturbed`.
EFFORT_GROUPS: tuple[str, ...] = tuple(f"effort.{domain}" for domain in DOMAINS)
HIRING_GROUPS = ("time_to_hire", "ramp_up", "attrition")
UNCERTAINTY_GROUPS: tuple[str, ...] = (
    *EFFORT_GROUPS,
    "adjustments",
    "shared_work",
    "run_effort",
    "salaries",
    *HIRING_GROUPS,
)


class AssumptionError(PlannerInputError):
    """An assumption set that does not validate."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Adjustment(_Frozen):
    """How one project attribute changes demand in matching phases and roles.

    Demand of a (phase, role) = (base effort + sum of matching ``add_fte``) x product of
    matching ``multiplier``. ``*`` matches any domain, phase or role.
    """

    attribute: Literal["scale", "stage", "data_readiness", "annotation", "deployment"]
    value: str
    domain: str = "*"
    phase: str = "*"
    role: str = "*"
    add_fte: NonNegative = 0.0
    multiplier: Annotated[float, Field(ge=0, le=100)] = 1.0
    why: str = ""

    def matches(self, domain: str, phase: str, role: str) -> bool:
        return (
            self.domain in ("*", domain) and self.phase in ("*", phase) and self.role in ("*", role)
        )


class SetupRule(_Frozen):
    """How demand becomes whole people under one setup."""

    absorb_below_fte: Annotated[float, Field(ge=0, le=100)]
    generalists_absorb_data_science: bool
    round_up_from: Annotated[float, Field(gt=0, le=1)]
    description: str = ""


class RoleHiring(_Frozen):
    """How one role is hired: ``data/hiring.csv``."""

    time_to_hire_days: Annotated[float, Field(ge=0, le=730)]
    ramp_up_months: Annotated[float, Field(ge=0, le=36)]
    attrition_per_year: Annotated[float, Field(ge=0, lt=1)]
    hiring_cost_share: Annotated[float, Field(ge=0, le=3)]


class Hiring(_Frozen):
    """The timeline's numbers: per role (``data/hiring.csv``) and the hiring capacity a
    company of a given size has by default (``hiring.*`` in ``data/parameters.csv``)."""

    roles: dict[str, RoleHiring]
    employees_per_hire: Annotated[float, Field(gt=0, le=10_000_000)]
    min_capacity_per_quarter: Annotated[int, Field(ge=1, le=100_000)]

    @model_validator(mode="after")
    def _every_role(self) -> Hiring:
        missing = [role for role in ROLES if role not in self.roles]
        unknown = [role for role in self.roles if role not in ROLES]
        if missing:
            raise ValueError(f"roles: no hiring figures for {', '.join(missing)}")
        if unknown:
            raise ValueError(f"roles: {unknown[0]!r} is not a role")
        return self


def _default_hiring() -> Hiring:
    return default_hiring()


class SharedCurve(_Frozen):
    """Platform work of one phase that a portfolio shares (``data/shared_work.csv``).

    ``share`` of every project's effort in the phase (annotators excepted) is platform work;
    the portfolio's platform work grows as ``n ** exponent`` in the number of projects ``n``
    (see :mod:`mlplanner.model.shared_work`).
    """

    share: Share
    exponent: Annotated[float, Field(gt=0, le=1)]
    what: str = ""


class Uncertainty(_Frozen):
    """How uncertain one assumption group is: its multiplier runs from ``low`` through 1 (the
    mode and median) to ``high`` (``data/uncertainty.csv``; both 1: certain)."""

    low: Annotated[float, Field(gt=0, le=1)]
    high: Annotated[float, Field(ge=1, le=10)]
    why: str = ""


def _default_uncertainty() -> dict[str, Uncertainty]:
    return default_uncertainty()


CERTAIN = Uncertainty(low=1.0, high=1.0)


@cache
def _shipped(prefix: str) -> dict[str, float]:
    """The parameters of ``data/parameters.csv`` named ``<prefix><key>``, by key
    (``weakest_link.<stage>.<phase>``, ``depth_need.<kind of work>``)."""
    params = {row.name: float(row.value) for row in parameter_table().itertuples(index=False)}
    return _prefixed(params, prefix)


class Assumptions(_Frozen):
    """All model numbers. ``Assumptions.defaults()`` gives the shipped ones."""

    rates: dict[str, dict[str, Salary]]
    loaded_cost_multiplier: Annotated[float, Field(ge=1, le=3)]
    vendor_annotation_usd_per_fte: dict[str, Annotated[float, Field(ge=0, le=10_000_000)]]
    """Price of one FTE-year of outsourced annotation, per region (the company's region)."""
    effort: dict[str, dict[str, dict[str, NonNegative]]]
    adjustments: tuple[Adjustment, ...]
    # Share of its build effort a live model needs a year, per phase (a phase not listed:
    # all of it). Empty in assumption sets saved before projects had a lifecycle.
    run_share: dict[str, Share] = Field(default_factory=dict)
    # Platform work per phase (a phase not listed shares nothing). Empty in assumption sets
    # saved before shared work was modelled, so their plans keep their meaning.
    shared_work: dict[str, SharedCurve] = Field(default_factory=dict)
    setups: dict[Literal["startup", "scaleup", "mature"], SetupRule]
    auto_startup_max_employees: Annotated[int, Field(ge=1)]
    auto_scaleup_max_employees: Annotated[int, Field(ge=1)]
    lead_span: Annotated[int, Field(ge=2, le=50)]
    lead_from_contributors: Annotated[int, Field(ge=1, le=50)] = 8
    head_from_leads: Annotated[int, Field(ge=1, le=50)] = 3
    generalist_capacity_fte: Annotated[float, Field(gt=0, le=1)]
    generalist_min_absorbed_fte: Annotated[float, Field(ge=0, le=100)] = 0.25
    generalist_depth: dict[str, Share]
    baseline_employees_per_analyst: Annotated[float, Field(gt=0)]
    baseline_max_analysts: NonNegative
    lead_gap_penalty: Share
    # Absent from sets saved before the delivery score: the shipped figures.
    delivery_headroom: Annotated[float, Field(gt=0, lt=1)] = 0.1
    resilience_weight: Share = 0.15
    weakest_link: dict[str, Share] = Field(default_factory=lambda: dict(_shipped("weakest_link.")))
    # How much of the generalists' depth gap each kind of work feels (DEPTH_WORK: the stages
    # and batch-scored production); one not given feels all of it (1), as all work did in sets
    # saved before it was listed, so their plans keep their scores.
    depth_need: Annotated[dict[str, Share], Field(validate_default=True)] = {}
    lean_quality_share: Share = 0.9
    premium_extra_cost_share: Annotated[float, Field(ge=0, le=10)] = 0.15
    premium_min_gain: Annotated[float, Field(ge=0, le=100)] = 0.1
    # Absent from assumption sets stored before the timeline existed: the shipped figures.
    hiring: Hiring = Field(default_factory=_default_hiring)
    warn_team_share: Annotated[float, Field(gt=0, le=1)] = 0.05
    warn_hire_growth: Annotated[float, Field(gt=0, le=100)] = 1.0
    warn_min_hires: Annotated[int, Field(ge=0, le=10_000)] = 6
    # Absent from assumption sets stored before ranges existed: the shipped figures. A group
    # not listed is certain.
    uncertainty: dict[str, Uncertainty] = Field(default_factory=_default_uncertainty)

    @staticmethod
    def scored_previously(values: Mapping[str, Any]) -> bool:
        """Whether stored assumption ``values`` are a set of the previous quality definition
        (a plan saved with them was scored by it: :data:`PREVIOUS_QUALITY_NOTE`)."""
        return any(name in values for name in PREVIOUS_QUALITY_FIELDS)

    @field_validator("depth_need")
    @classmethod
    def _every_kind(cls, need: dict[str, float]) -> dict[str, float]:
        """Every kind of depth work listed; one not given feels the whole depth gap."""
        return {**dict.fromkeys(DEPTH_WORK, 1.0), **need}

    @model_validator(mode="before")
    @classmethod
    def _previous_quality(cls, data: Any) -> Any:
        """Sets saved before the delivery score hold its weights and hand-off penalty: they
        no longer mean anything and are dropped (the new figures take their shipped values)."""
        if not isinstance(data, dict):
            return data
        return {k: v for k, v in data.items() if k not in PREVIOUS_QUALITY_FIELDS}

    @model_validator(mode="before")
    @classmethod
    def _vendor_price_per_region(cls, data: Any) -> Any:
        """Sets saved before vendor prices were per region hold one flat price: it was the
        price in every region, so it becomes that price for each region of the set's rates
        (its plans recompute to the same cost)."""
        if not isinstance(data, dict):
            return data
        flat = data.get("vendor_annotation_usd_per_fte")
        rates = data.get("rates")
        if isinstance(flat, int | float) and not isinstance(flat, bool) and isinstance(rates, dict):
            return {**data, "vendor_annotation_usd_per_fte": dict.fromkeys(rates, flat)}
        return data

    @model_validator(mode="before")
    @classmethod
    def _head_rates(cls, data: Any) -> Any:
        """Assumption sets saved before the Head of Data & ML role existed have no salary for
        it: they get the shipped one of their region (a region the shipped card lacks gets
        none, and the set is reported as incomplete)."""
        if not isinstance(data, dict) or not isinstance(data.get("rates"), dict):
            return data
        shipped = _shipped_head_rates()
        rates = {
            region: (
                {**by_role, HEAD: shipped[region]}
                if isinstance(by_role, dict) and HEAD not in by_role and region in shipped
                else by_role
            )
            for region, by_role in data["rates"].items()
        }
        return {**data, "rates": rates}

    @model_validator(mode="after")
    def _consistent(self) -> Assumptions:
        """Checks across fields; each problem is located at the field it is about."""
        problems: list[Problem] = []
        for region, by_role in self.rates.items():
            missing = [role for role in ROLES if role not in by_role]
            if missing:
                problems.append(Problem(("rates", region), f"no salary for {', '.join(missing)}"))
            if region not in self.vendor_annotation_usd_per_fte:
                problems.append(
                    Problem(("vendor_annotation_usd_per_fte", region), "no vendor price")
                )
        for domain, by_phase in self.effort.items():
            for phase, by_role in by_phase.items():
                if phase not in PHASES:
                    problems.append(Problem(("effort", domain), f"unknown phase {phase!r}"))
                bad = [role for role in by_role if role not in SPECIALIST_ROLES]
                if bad:
                    problems.append(
                        Problem(("effort", domain, phase), f"{bad[0]!r} is not a demand role")
                    )
        for key in self.weakest_link:
            stage, _, phase = key.partition(".")
            if stage not in STAGES or phase not in PHASES:
                problems.append(Problem(("weakest_link", key), "must be <stage>.<phase>"))
        if self.auto_scaleup_max_employees < self.auto_startup_max_employees:
            problems.append(
                Problem(
                    ("auto_scaleup_max_employees",),
                    "must be at least auto startup max employees "
                    f"({self.auto_startup_max_employees:,})",
                )
            )
        for name in ("run_share", "shared_work"):
            unknown = [phase for phase in getattr(self, name) if phase not in PHASES]
            if unknown:
                problems.append(Problem((name, unknown[0]), f"{unknown[0]!r} is not a phase"))
        unknown_groups = [g for g in self.uncertainty if g not in UNCERTAINTY_GROUPS]
        if unknown_groups:
            problems.append(
                Problem(("uncertainty", unknown_groups[0]), "is not an assumption group")
            )
        unknown_work = [w for w in self.depth_need if w not in DEPTH_WORK]
        if unknown_work:
            problems.append(
                Problem(
                    ("depth_need", unknown_work[0]),
                    f"is not a kind of depth work ({', '.join(DEPTH_WORK)})",
                )
            )
        unknown_depth = [r for r in self.generalist_depth if r not in SPECIALIST_ROLES]
        if unknown_depth:
            problems.append(
                Problem(("generalist_depth",), f"{unknown_depth[0]!r} is not a demand role")
            )
        if problems:
            raise AssumptionError(problems)
        return self

    @classmethod
    def defaults(cls) -> Assumptions:
        """The shipped assumptions (cached: read once per process)."""
        return default_assumptions()

    @classmethod
    def from_dict(cls, data: Any) -> Assumptions:
        """Validate an edited assumption set; raise :class:`AssumptionError` on any problem."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise AssumptionError(validation_problems(exc, "the assumption set")) from None

    def rate(self, region: str, role: str) -> float:
        """Base salary (USD a year) of one person in a role and region."""
        return self.rates[region][role]

    def uncertainty_of(self, group: str) -> Uncertainty:
        """A group's uncertainty (a group the set does not list is certain)."""
        return self.uncertainty.get(group, CERTAIN)

    def vendor_price(self, region: str) -> float:
        """Price (USD) of one FTE-year of outsourced annotation for a company in ``region``."""
        return self.vendor_annotation_usd_per_fte[region]


@cache
def _shipped_head_rates() -> dict[str, float]:
    frame = rate_card_frame()
    heads = frame[frame["role"] == HEAD]
    return {str(r.region): float(r.annual_salary_usd) for r in heads.itertuples(index=False)}


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / name, keep_default_na=False)


def _rates() -> dict[str, dict[str, float]]:
    frame = rate_card_frame()
    rates: dict[str, dict[str, float]] = {}
    for row in frame.itertuples(index=False):
        rates.setdefault(str(row.region), {})[str(row.role)] = float(row.annual_salary_usd)
    return rates


def _vendor_prices() -> dict[str, float]:
    frame = regions_frame()
    return {
        str(region): float(price)
        for region, price in zip(
            frame["region"], frame["vendor_annotation_usd_per_fte"], strict=True
        )
    }


def _effort() -> dict[str, dict[str, dict[str, float]]]:
    effort: dict[str, dict[str, dict[str, float]]] = {}
    for row in _read("effort.csv").itertuples(index=False):
        effort.setdefault(row.domain, {}).setdefault(row.phase, {})[row.role] = float(row.fte)
    return effort


def _run_share() -> dict[str, float]:
    return {
        row.phase: float(row.share_of_build)
        for row in _read("run_effort.csv").itertuples(index=False)
    }


def _shared_work() -> dict[str, dict[str, Any]]:
    return {
        row.phase: {
            "share": float(row.shared_share),
            "exponent": float(row.exponent),
            "what": str(row.what),
        }
        for row in _read("shared_work.csv").itertuples(index=False)
    }


def _setups() -> dict[str, dict[str, Any]]:
    frame = _read("setups.csv")
    return {
        row.setup: {
            "absorb_below_fte": float(row.absorb_below_fte),
            "generalists_absorb_data_science": str(row.generalists_absorb_data_science).lower()
            == "true",
            "round_up_from": float(row.round_up_from),
            "description": row.description,
        }
        for row in frame.itertuples(index=False)
    }


def parameter_table() -> pd.DataFrame:
    """``data/parameters.csv``: name, value, unit, description, source."""
    return _read("parameters.csv")


def _prefixed(params: dict[str, float], prefix: str) -> dict[str, float]:
    return {k.removeprefix(prefix): v for k, v in params.items() if k.startswith(prefix)}


@cache
def default_hiring() -> Hiring:
    """The shipped hiring figures: ``data/hiring.csv`` and the ``hiring.*`` parameters."""
    params = {row.name: float(row.value) for row in parameter_table().itertuples(index=False)}
    roles = {
        str(row.role): {
            "time_to_hire_days": float(row.time_to_hire_days),
            "ramp_up_months": float(row.ramp_up_months),
            "attrition_per_year": float(row.attrition_per_year),
            "hiring_cost_share": float(row.hiring_cost_share),
        }
        for row in hiring_table().itertuples(index=False)
    }
    return Hiring.model_validate(
        {
            "roles": roles,
            "employees_per_hire": params["hiring.employees_per_hire"],
            "min_capacity_per_quarter": int(params["hiring.min_capacity_per_quarter"]),
        }
    )


def hiring_table() -> pd.DataFrame:
    """``data/hiring.csv``: per role, time to hire, ramp-up, attrition, hiring cost, source."""
    return _read("hiring.csv")


def uncertainty_table() -> pd.DataFrame:
    """``data/uncertainty.csv``: per assumption group, the low and high multiplier and why."""
    return _read("uncertainty.csv")


@cache
def default_uncertainty() -> dict[str, Uncertainty]:
    """The shipped uncertainty of every assumption group."""
    return {
        str(row.group): Uncertainty(low=float(row.low), high=float(row.high), why=str(row.why))
        for row in uncertainty_table().itertuples(index=False)
    }


@cache
def default_assumptions() -> Assumptions:
    params = {row.name: float(row.value) for row in parameter_table().itertuples(index=False)}
    adjustments = [
        {**row, "add_fte": float(row["add_fte"]), "multiplier": float(row["multiplier"])}
        for row in _read("adjustments.csv").to_dict("records")
    ]
    return Assumptions.model_validate(
        {
            "rates": _rates(),
            "loaded_cost_multiplier": params["loaded_cost_multiplier"],
            "vendor_annotation_usd_per_fte": _vendor_prices(),
            "effort": _effort(),
            "adjustments": adjustments,
            "run_share": _run_share(),
            "shared_work": _shared_work(),
            "setups": _setups(),
            "auto_startup_max_employees": int(params["auto_startup_max_employees"]),
            "auto_scaleup_max_employees": int(params["auto_scaleup_max_employees"]),
            "lead_span": int(params["lead_span"]),
            "lead_from_contributors": int(params["lead_from_contributors"]),
            "head_from_leads": int(params["head_from_leads"]),
            "generalist_capacity_fte": params["generalist_capacity_fte"],
            "generalist_min_absorbed_fte": params["generalist_min_absorbed_fte"],
            "generalist_depth": _prefixed(params, "generalist_depth."),
            "baseline_employees_per_analyst": params["baseline_employees_per_analyst"],
            "baseline_max_analysts": params["baseline_max_analysts"],
            "lead_gap_penalty": params["coordination.lead_gap_penalty"],
            "delivery_headroom": params["quality.delivery_headroom"],
            "resilience_weight": params["quality.resilience_weight"],
            "weakest_link": _shipped("weakest_link."),
            "depth_need": _shipped("depth_need."),
            "lean_quality_share": params["alternatives.lean_quality_share"],
            "premium_extra_cost_share": params["alternatives.premium_extra_cost_share"],
            "premium_min_gain": params["alternatives.premium_min_gain"],
            "hiring": default_hiring(),
            "warn_team_share": params["warnings.warn_team_share"],
            "warn_hire_growth": params["warnings.warn_hire_growth"],
            "warn_min_hires": int(params["warnings.warn_min_hires"]),
            "uncertainty": default_uncertainty(),
        }
    )
