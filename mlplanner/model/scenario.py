"""The scenario: a company and its ML project mix, the one input everything shares.

Files, the CLI, the database and the app all exchange scenarios as JSON in the
``mlplanner.scenario/1`` format, validated by :class:`Scenario`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Final, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from mlplanner.errors import ScenarioError, validation_problems
from mlplanner.model.quarters import Quarter, quarter_index
from mlplanner.model.rates import known_regions
from mlplanner.model.roles import ROLES

SCENARIO_FORMAT: Final = "mlplanner.scenario/1"

Domain = Literal[
    "analytics",
    "tabular",
    "recommender",
    "nlp",
    "computer_vision",
    "speech",
    "reinforcement_learning",
    "generative_ai",
]
Scale = Literal["small", "medium", "large"]
Stage = Literal["research", "prototype", "production"]
DEFAULT_PRIORITY = 3
DataReadiness = Literal["raw", "partial", "ready"]
Annotation = Literal["none", "in_house", "outsourced"]
Deployment = Literal["batch", "online", "edge"]
Lifecycle = Literal["build", "run"]
Setup = Literal["startup", "scaleup", "mature"]
SetupChoice = Literal["auto", "startup", "scaleup", "mature"]

DOMAINS: Final[tuple[str, ...]] = get_args(Domain)
SCALES: Final[tuple[str, ...]] = get_args(Scale)
STAGES: Final[tuple[str, ...]] = get_args(Stage)
DATA_READINESS: Final[tuple[str, ...]] = get_args(DataReadiness)
ANNOTATIONS: Final[tuple[str, ...]] = get_args(Annotation)
DEPLOYMENTS: Final[tuple[str, ...]] = get_args(Deployment)
LIFECYCLES: Final[tuple[str, ...]] = get_args(Lifecycle)
SETUPS: Final[tuple[Setup, ...]] = get_args(Setup)
SETUP_CHOICES: Final[tuple[str, ...]] = get_args(SetupChoice)
# The kinds of work that feel their own share of the generalists' depth gap (the keys of the
# assumptions' ``depth_need``): each stage, batch-scored production and small online
# production (:func:`depth_work`).
DEPTH_WORK: Final[tuple[str, ...]] = (*STAGES, "batch_production", "small_online_production")
DEPTH_WORK_NAMES: Final[dict[str, str]] = {
    **{stage: stage for stage in STAGES},
    "batch_production": "batch-scored production",
    "small_online_production": "small online production",
}
# What batch-scored and small online production are, as the help texts say it
# (:func:`depth_work` decides it).
BATCH_SCORED: Final = "a production model scored in batch at small or medium scale"
SMALL_ONLINE: Final = "a production model served online at small scale"

MAX_PROJECTS: Final = 500
DEFAULT_HORIZON_QUARTERS: Final = 8
MAX_HORIZON_QUARTERS: Final = 40
Name = Annotated[str, Field(min_length=1, max_length=120)]


class _Strict(BaseModel):
    """Unknown fields are errors; strings are stripped of surrounding white space."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _json_number(value: Any) -> Any:
    """Numbers must be JSON numbers: pydantic's lax mode would read ``"800"`` as 800 and
    ``true`` as 1."""
    if isinstance(value, bool | str):
        raise ValueError(f"must be a number (got {value!r})")
    return value


JsonNumber = BeforeValidator(_json_number)


def _no_control_characters(value: str) -> str:
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ValueError("must not contain control characters (tabs, newlines, …)")
    return value


class Project(_Strict):
    """One ML project (or ``count`` similar ones).

    ``lifecycle`` says whether the project is being built this year (``build``, the default,
    so files written before the field existed keep their meaning) or is a live model that
    only needs running: monitoring, retraining, incidents, data fixes (``run``).
    """

    name: Name
    domain: Domain
    scale: Scale = "medium"
    stage: Stage = "production"
    data_readiness: DataReadiness = "partial"
    annotation: Annotation = "none"
    deployment: Deployment = "batch"
    lifecycle: Lifecycle = "build"
    count: Annotated[int, JsonNumber] = Field(default=1, ge=1, le=100)
    # How much the project matters to the quality score, 1 (least) to 5; files written before
    # the field existed get the middle value, so every project weighs by its size alone.
    priority: Annotated[int, JsonNumber] = Field(default=DEFAULT_PRIORITY, ge=1, le=5)
    # The share of the project's work planned (each of ``count``'s), in percent: 100 is the
    # whole project; budget advice staffing a project in part sets it (:func:`in_part`).
    work_percent: Annotated[int, JsonNumber] = Field(default=100, ge=1, le=100)
    start: Quarter | None = None
    live_from: Quarter | None = None
    # A project on hold stays in the scenario but is not planned: no demand, no outsourced
    # labelling, no weight in the quality score (what adopting budget advice that leaves it
    # unstaffed does to it).
    on_hold: bool = False

    _check_name = field_validator("name")(_no_control_characters)

    @field_validator("live_from")
    @classmethod
    def _live_after_start(cls, value: str | None, info: ValidationInfo) -> str | None:
        """An empty ``start`` means the plan start; a ``live_from`` before that means the
        project is already live when the plan starts, so only an explicit start is checked."""
        if value is None:
            return value
        if info.data.get("lifecycle", "build") != "build":
            raise ValueError("only a project being built (lifecycle build) goes live")
        start = info.data.get("start")
        if start is not None and quarter_index(value) < quarter_index(start):
            raise ValueError(f"{value} is before the project's start ({start})")
        return value


def live_at_start(project: Project, plan_start: str | None) -> bool:
    """Whether a project being built is already live when the plan's work on it starts: its
    ``live_from`` at or before the later of its ``start`` and the plan start (either where
    only one is given). Such a project has no build left and is planned as a live model (a
    head-of-ML review found one, live from the plan's first quarter, planned with a
    four-person build team while its timeline needed one person). Without a start or a plan
    start (the quarter after today, which the model does not read), it is planned as being
    built."""
    if project.lifecycle != "build" or project.live_from is None:
        return False
    starts = [quarter_index(q) for q in (project.start, plan_start) if q is not None]
    return bool(starts) and quarter_index(project.live_from) <= max(starts)


def as_live(project: Project) -> Project:
    """``project`` as a live model (``lifecycle`` run, no go-live left)."""
    return project.model_copy(update={"lifecycle": "run", "live_from": None})


def in_part(project: Project, percent: int) -> Project:
    """``project`` planned for ``percent`` (1 to its own ``work_percent``) of its work: what
    adopting budget advice that staffs it in part makes of it. The percentage is of the whole
    project, as the advice says it and the Scenario page shows it (multiplied by the share
    already planned, an advice saying 47% had set 23%)."""
    return project.model_copy(update={"work_percent": max(1, min(percent, project.work_percent))})


def depth_work(project: Project) -> str:
    """The kind of work (:data:`DEPTH_WORK`) whose share of the generalists' depth gap a
    project feels: its stage, except that a production model scored in batch at small or
    medium scale is ``batch_production`` (a scheduled job on standard pipelines, with no
    serving to run) and one served online at small scale ``small_online_production`` (a
    standard endpoint at low traffic); edge serving, online serving at medium or large scale
    and large pipelines are specialist work."""
    if project.stage != "production":
        return project.stage
    if project.deployment == "batch" and project.scale != "large":
        return "batch_production"
    if project.deployment == "online" and project.scale == "small":
        return "small_online_production"
    return project.stage


# Region codes as people write them, for the ISO 3166 codes of data/regions.csv.
_REGION_ALIASES = {"uk": "gb"}


class Company(_Strict):
    """The company the team is planned for.

    The timeline fields: ``plan_start`` empty means the quarter after today (see
    :func:`mlplanner.model.quarters.next_quarter`); ``hiring_capacity_per_quarter`` empty
    means the capacity derived from the company's size (see
    :func:`mlplanner.model.hiring.hiring_capacity`).
    """

    employees: Annotated[int, JsonNumber] = Field(ge=1, le=10_000_000)
    setup: SetupChoice = "auto"
    region: str = "us"
    annual_budget_usd: Annotated[float | None, JsonNumber] = Field(
        default=None, gt=0, allow_inf_nan=False
    )
    existing_team: dict[str, Annotated[int, JsonNumber, Field(ge=0, le=100_000)]] = Field(
        default_factory=dict
    )
    plan_start: Quarter | None = None
    horizon_quarters: Annotated[int, JsonNumber] = Field(
        default=DEFAULT_HORIZON_QUARTERS, ge=1, le=MAX_HORIZON_QUARTERS
    )
    hiring_capacity_per_quarter: Annotated[int | None, JsonNumber] = Field(
        default=None, ge=1, le=100_000
    )

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str) -> str:
        """A region code in any case ("US", " gb "), "uk" for "gb" (the ISO code people do
        not write); stored as the shipped lower-case code."""
        regions = known_regions()
        code = value.strip().lower()
        code = _REGION_ALIASES.get(code, code)
        if code not in regions:
            raise ValueError(f"{value!r} is not one of {', '.join(regions)}")
        return code

    @field_validator("existing_team")
    @classmethod
    def _known_roles(cls, value: dict[str, int]) -> dict[str, int]:
        unknown = [role for role in value if role not in ROLES]
        if unknown:
            raise ValueError(f"unknown role {unknown[0]!r}; roles are {', '.join(ROLES)}")
        return {role: value[role] for role in ROLES if value.get(role)}


class Scenario(_Strict):
    """A company and its project mix: the input of every plan."""

    format: Literal["mlplanner.scenario/1"] = SCENARIO_FORMAT
    name: Name
    company: Company
    projects: list[Project] = Field(default_factory=list, max_length=MAX_PROJECTS)

    _check_name = field_validator("name")(_no_control_characters)

    @property
    def planned(self) -> list[Project]:
        """The projects the plan staffs: those not on hold."""
        return [project for project in self.projects if not project.on_hold]

    @property
    def as_built(self) -> list[Project]:
        """Every project as its work is sized: one already live when its work starts as a
        live model (:func:`live_at_start`)."""
        start = self.company.plan_start
        return [as_live(p) if live_at_start(p, start) else p for p in self.projects]

    def to_json(self) -> str:
        """Canonical JSON text of the scenario (defaults written out)."""
        return self.model_dump_json(indent=2)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def parse_scenario(data: Any) -> Scenario:
    """Validate already-decoded JSON data; raise :class:`ScenarioError` listing every problem."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(validation_problems(exc, "the scenario")) from None


def scenario_from_json(text: str) -> Scenario:
    """Parse scenario JSON text; raise :class:`ScenarioError` for bad JSON or a bad scenario."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise ScenarioError([f"invalid JSON: {exc.msg} ({where})"]) from None
    except RecursionError:
        raise ScenarioError(["invalid JSON: nested too deeply"]) from None
    return parse_scenario(data)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario JSON file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ScenarioError([f"{path}: no such file"]) from None
    except IsADirectoryError:
        raise ScenarioError([f"{path}: is a directory, not a scenario file"]) from None
    except UnicodeDecodeError:
        raise ScenarioError([f"{path}: not UTF-8 text"]) from None
    except OSError as exc:
        raise ScenarioError([f"{path}: cannot read ({exc.strerror})"]) from None
    return scenario_from_json(text)
