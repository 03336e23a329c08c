"""The scenario: a company and its ML project mix, the one input everything shares.

Files, the CLI, the database and the app all exchange scenarios as JSON in the
``mlplanner.scenario/1`` format, validated by :class:`Scenario`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from mlplanner.errors import ScenarioError, format_validation_error
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
DataReadiness = Literal["raw", "partial", "ready"]
Annotation = Literal["none", "in_house", "outsourced"]
Deployment = Literal["batch", "online", "edge"]
Lifecycle = Literal["build", "run"]
Setup = Literal["startup", "scaleup", "mature"]
SetupChoice = Literal["auto", "startup", "scaleup", "mature"]

DOMAINS: Final[tuple[str, ...]] = Domain.__args__  # type: ignore[attr-defined]
SCALES: Final[tuple[str, ...]] = Scale.__args__  # type: ignore[attr-defined]
STAGES: Final[tuple[str, ...]] = Stage.__args__  # type: ignore[attr-defined]
DATA_READINESS: Final[tuple[str, ...]] = DataReadiness.__args__  # type: ignore[attr-defined]
ANNOTATIONS: Final[tuple[str, ...]] = Annotation.__args__  # type: ignore[attr-defined]
DEPLOYMENTS: Final[tuple[str, ...]] = Deployment.__args__  # type: ignore[attr-defined]
LIFECYCLES: Final[tuple[str, ...]] = Lifecycle.__args__  # type: ignore[attr-defined]
SETUPS: Final[tuple[str, ...]] = Setup.__args__  # type: ignore[attr-defined]
SETUP_CHOICES: Final[tuple[str, ...]] = SetupChoice.__args__  # type: ignore[attr-defined]

MAX_PROJECTS: Final = 500
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

    _check_name = field_validator("name")(_no_control_characters)


class Company(_Strict):
    """The company the team is planned for."""

    employees: Annotated[int, JsonNumber] = Field(ge=1, le=10_000_000)
    setup: SetupChoice = "auto"
    region: str = "us"
    annual_budget_usd: Annotated[float | None, JsonNumber] = Field(
        default=None, gt=0, allow_inf_nan=False
    )
    existing_team: dict[str, Annotated[int, JsonNumber, Field(ge=0, le=100_000)]] = Field(
        default_factory=dict
    )

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str) -> str:
        regions = known_regions()
        if value not in regions:
            raise ValueError(f"{value!r} is not one of {', '.join(regions)}")
        return value

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
        raise ScenarioError(format_validation_error(exc)) from None


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
