"""Every number of an assumption set as editable tables, and edited tables back into one.

The tables follow the model's steps: salaries and costs, demand (effort per domain and phase,
attribute adjustments, the company baseline), staffing (setup rules, the auto thresholds, span
of control, generalists) and quality. Each row shows its shipped default and its source:
``parameters.csv``'s source column, ``rates.csv``'s method and sample size, ``adjustments.csv``'s
reasons, and ``data/SOURCES.md`` for the tables as a whole (vendor prices per region included).

Edits come back as the edit state of Streamlit's data editor (``{"edited_rows": {position:
{column: value}}}``, plain data) and are validated by :meth:`Assumptions.from_dict`; every
problem is reported in the words of the table and row it came from.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Final

import pandas as pd

from mlplanner.errors import Problem
from mlplanner.model.assumptions import (
    UNCERTAINTY_GROUPS,
    AssumptionError,
    Assumptions,
    hiring_table,
    parameter_table,
)
from mlplanner.model.rates import known_regions, rate_card_frame, region_name
from mlplanner.model.roles import PHASE_LABELS, PHASES, ROLES, role_label
from mlplanner.paths import DATA_DIR

Path = tuple[str | int, ...]

TABS: Final[tuple[str, ...]] = (
    "Salaries and costs",
    "Demand",
    "Staffing",
    "Quality and trade-offs",
    "Hiring",
    "Uncertainty",
)
DEFAULT = "Default"
SOURCE = "Source"
VALUE = "Value"

# Parameters of data/parameters.csv by group; prefixed names (``quality.resilience_weight``) go by
# their prefix. A parameter named nowhere here is shown under "Other parameters".
_PARAMETER_GROUPS: Final[dict[str, str]] = {
    "loaded_cost_multiplier": "costs",
    "baseline_employees_per_analyst": "baseline",
    "baseline_max_analysts": "baseline",
    "auto_startup_max_employees": "auto_setup",
    "auto_scaleup_max_employees": "auto_setup",
    "lead_span": "span",
    "lead_from_contributors": "span",
    "head_from_leads": "span",
    "generalist_capacity_fte": "generalists",
    "generalist_min_absorbed_fte": "generalists",
    "generalist_depth.": "generalists",
    "depth_need.": "generalists",
    "quality.": "quality",
    "coordination.": "quality",
    "weakest_link.": "quality",
    "alternatives.": "alternatives",
    "hiring.": "hiring_capacity",
    "warnings.": "warnings",
}
OTHER = "other"
_PARAMETER_COLUMNS: Final = ["id", "Parameter", VALUE, "Unit", DEFAULT, "Meaning", SOURCE]
# Prefixes of parameters that live in a dict field of Assumptions
# (``weakest_link.production.deployment`` -> ``weakest_link["production.deployment"]``);
# other prefixes only group plain fields (``coordination.lead_gap_penalty`` ->
# ``lead_gap_penalty``).
_DICT_FIELDS: Final[dict[str, str]] = {
    "generalist_depth.": "generalist_depth",
    "depth_need.": "depth_need",
    "weakest_link.": "weakest_link",
    "hiring.": "hiring",
}
_ACRONYMS: Final[dict[str, str]] = {"usd": "USD", "fte": "FTE", "ml": "ML"}
# Problems about a whole field (cross-field checks) and the table they belong to.
_FIELD_GROUPS: Final[dict[str, tuple[str, str]]] = {
    "weakest_link": ("quality", "weakest links"),
    "generalist_depth": ("generalists", "generalist depth"),
    "depth_need": ("generalists", "depth need"),
    "rates": ("rates", "salaries"),
    "vendor_annotation_usd_per_fte": ("vendor", "vendor prices"),
    "effort": ("effort", "demand"),
    "setups": ("setups", "setup rules"),
    "hiring": ("hiring", "hiring per role"),
    "run_share": ("run_share", "running live models"),
    "shared_work": ("shared_work", "shared platform work"),
    "uncertainty": ("uncertainty", "uncertainty"),
}


@dataclass(frozen=True)
class Group:
    """One editable table: its rows (index = row id), which columns may be edited, and where
    each editable cell lives in an assumption set."""

    id: str
    tab: str
    title: str
    help: str
    source: str
    frame: pd.DataFrame
    editable: tuple[str, ...]
    defaults: dict[str, str]
    cells: dict[tuple[str, str], Path] = field(repr=False)
    labels: dict[str, str] = field(repr=False)


@dataclass(frozen=True)
class EditProblem:
    """A problem with an edit, in the words of the table and row it came from."""

    group: str
    text: str


class AssumptionEditError(AssumptionError):
    """Edited tables that do not make a valid assumption set; ``edit_problems`` say where."""

    def __init__(self, problems: Sequence[EditProblem]) -> None:
        self.edit_problems = list(problems)
        super().__init__([p.text for p in problems])


@dataclass(frozen=True)
class Change:
    """A number that differs from its shipped default."""

    group: str
    item: str
    default: Any
    value: Any


def parameter_group(name: str) -> str:
    """The table a parameter of ``data/parameters.csv`` is shown in."""
    if name in _PARAMETER_GROUPS:
        return _PARAMETER_GROUPS[name]
    prefix = name.split(".", 1)[0] + "."
    return _PARAMETER_GROUPS.get(prefix, OTHER)


def parameter_path(name: str) -> Path:
    """Where a parameter of ``data/parameters.csv`` lives in :class:`Assumptions`."""
    prefix, _, rest = name.partition(".")
    if not rest:
        return (name,)
    if prefix + "." in _DICT_FIELDS:
        return (_DICT_FIELDS[prefix + "."], rest)
    if rest in Assumptions.model_fields:
        return (rest,)
    raise KeyError(f"parameter {name!r} matches no field of the assumptions")


def _parameter_label(name: str) -> str:
    """``vendor_annotation_usd_per_fte`` -> ``vendor annotation USD per FTE``."""
    words = name.replace(".", ": ").replace("_", " ").split(" ")
    return " ".join(_ACRONYMS.get(word, word) for word in words)


def _lookup(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _assign(data: Any, path: Path, value: Any) -> None:
    for part in path[:-1]:  # a set saved before a table existed may lack its rows
        data = data.setdefault(part, {}) if isinstance(data, dict) else data[part]
    data[path[-1]] = value


@cache
def sources_section(heading: str) -> str:
    """The ``**Source…`` paragraph of a ``## heading`` section of ``data/SOURCES.md``.

    A trailing sentence that only introduces a table (ends with ``:``) is left out.
    """
    text = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if match is None:
        raise KeyError(f"data/SOURCES.md has no section {heading!r}")
    for paragraph in re.split(r"\n\s*\n", match.group(1)):
        start = paragraph.find("**Source")
        if start >= 0:
            found = " ".join(paragraph[start:].split())
            if found.endswith(":"):
                found = found[: found.rfind(". ") + 1]
            return found
    raise KeyError(f"data/SOURCES.md section {heading!r} names no source")


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _rates(a: Assumptions, d: Assumptions) -> Group:
    card = rate_card_frame()
    shipped = {
        (row.region, row.role): (int(row.sample_size), str(row.method))
        for row in card.itertuples(index=False)
    }
    regions = _region_order(a.rates)
    salary = "Salary (USD a year)"
    rows: list[dict[str, Any]] = []
    cells: dict[tuple[str, str], Path] = {}
    labels: dict[str, str] = {}
    for region in regions:
        for role in ROLES:
            if role not in a.rates[region]:
                continue
            row_id = f"{region}|{role}"
            n, method = shipped.get((region, role), (0, ""))
            source = f"{method}, {n:,} survey rows" if method else "not in the shipped rate card"
            default = d.rates.get(region, {}).get(role)
            rows.append(
                {
                    "id": row_id,
                    "Region": region_name(region),
                    "Role": role_label(role),
                    salary: a.rates[region][role],
                    DEFAULT: _number(default),
                    SOURCE: source,
                }
            )
            cells[(row_id, salary)] = ("rates", region, role)
            labels[row_id] = f"{region_name(region)}, {role_label(role)}"
    return Group(
        id="rates",
        tab="Salaries and costs",
        title="Salaries per role and region",
        help="Base salary of one person a year. Changes every plan's cost in that region.",
        source=sources_section("Salary rates (rates.csv, regions.csv)"),
        frame=pd.DataFrame(rows).set_index("id"),
        editable=(salary,),
        defaults={salary: DEFAULT},
        cells=cells,
        labels=labels,
    )


def _region_order(regions: Iterable[str]) -> list[str]:
    """Regions in the shipped rate card's order (``us`` first), others after it."""
    order = {region: i for i, region in enumerate(known_regions())}
    return sorted(regions, key=lambda r: (order.get(r, len(order)), r))


def _vendor_prices(a: Assumptions, d: Assumptions) -> Group:
    price = "Price (USD per FTE-year)"
    rows: list[dict[str, Any]] = []
    cells: dict[tuple[str, str], Path] = {}
    labels: dict[str, str] = {}
    for region in _region_order(a.vendor_annotation_usd_per_fte):
        rows.append(
            {
                "id": region,
                "Region": region_name(region),
                price: a.vendor_annotation_usd_per_fte[region],
                DEFAULT: _number(d.vendor_annotation_usd_per_fte.get(region)),
            }
        )
        cells[(region, price)] = ("vendor_annotation_usd_per_fte", region)
        labels[region] = region_name(region)
    return Group(
        id="vendor",
        tab="Salaries and costs",
        title="Outsourced annotation per region",
        help=(
            "What a labelling vendor charges for one FTE-year of annotation work, in the "
            "company's region. Changes the vendor line of every project with outsourced "
            "annotation. Edit it to your vendor's quote."
        ),
        source=sources_section("Vendor annotation (regions.csv)"),
        frame=pd.DataFrame(rows).set_index("id"),
        editable=(price,),
        defaults={price: DEFAULT},
        cells=cells,
        labels=labels,
    )


def _parameters(
    group_id: str, tab: str, title: str, help_text: str, a: Assumptions, d: Assumptions
) -> Group:
    table = parameter_table()
    values, shipped = a.model_dump(), d.model_dump()
    rows: list[dict[str, Any]] = []
    cells: dict[tuple[str, str], Path] = {}
    labels: dict[str, str] = {}
    for row in table.itertuples(index=False):
        name = str(row.name)
        if parameter_group(name) != group_id:
            continue
        path = parameter_path(name)
        label = _parameter_label(name)
        rows.append(
            {
                "id": name,
                "Parameter": label,
                VALUE: float(_lookup(values, path)),
                "Unit": str(row.unit),
                DEFAULT: float(_lookup(shipped, path)),
                "Meaning": str(row.description),
                SOURCE: str(row.source),
            }
        )
        cells[(name, VALUE)] = path
        labels[name] = label
    return Group(
        id=group_id,
        tab=tab,
        title=title,
        help=help_text,
        source="**Source:** the `source` column of `data/parameters.csv`, shown per row.",
        frame=pd.DataFrame(rows, columns=_PARAMETER_COLUMNS).set_index("id"),
        editable=(VALUE,),
        defaults={VALUE: DEFAULT},
        cells=cells,
        labels=labels,
    )


def _effort(a: Assumptions, d: Assumptions) -> Group:
    fte = "FTE"
    rows: list[dict[str, Any]] = []
    cells: dict[tuple[str, str], Path] = {}
    labels: dict[str, str] = {}
    for domain, by_phase in a.effort.items():
        for phase in sorted(by_phase, key=PHASES.index):
            for role in sorted(by_phase[phase], key=ROLES.index):
                row_id = f"{domain}|{phase}|{role}"
                default = d.effort.get(domain, {}).get(phase, {}).get(role)
                rows.append(
                    {
                        "id": row_id,
                        "Domain": domain,
                        "Phase": PHASE_LABELS[phase],
                        "Role": role_label(role),
                        fte: by_phase[phase][role],
                        DEFAULT: _number(default),
                    }
                )
                cells[(row_id, fte)] = ("effort", domain, phase, role)
                labels[row_id] = f"{domain}, {PHASE_LABELS[phase].lower()}, {role_label(role)}"
    return Group(
        id="effort",
        tab="Demand",
        title="Demand per domain and phase",
        help=(
            "FTE a year one reference project (medium, production, partial data, no "
            "annotation, batch) needs per phase and role. Changes the demand, and so the "
            "headcount, of every project of that domain."
        ),
        source=sources_section("Project effort (effort.csv)"),
        frame=pd.DataFrame(rows).set_index("id"),
        editable=(fte,),
        defaults={fte: DEFAULT},
        cells=cells,
        labels=labels,
    )


def _run_share(a: Assumptions, d: Assumptions) -> Group:
    share = "Share of build effort"
    rows: list[dict[str, Any]] = []
    cells: dict[tuple[str, str], Path] = {}
    labels: dict[str, str] = {}
    for phase in PHASES:
        rows.append(
            {
                "id": phase,
                "Phase": PHASE_LABELS[phase],
                share: a.run_share.get(phase, 1.0),
                DEFAULT: _number(d.run_share.get(phase)),
            }
        )
        cells[(phase, share)] = ("run_share", phase)
        labels[phase] = PHASE_LABELS[phase]
    return Group(
        id="run_share",
        tab="Demand",
        title="Running live models",
        help=(
            "Share of a project's build effort a live model (lifecycle 'run') needs a year in "
            "each phase: monitoring, retraining, incidents, data fixes. Changes the demand of "
            "every live project."
        ),
        source=sources_section("Running live models (run_effort.csv)"),
        frame=pd.DataFrame(rows).set_index("id"),
        editable=(share,),
        defaults={share: DEFAULT},
        cells=cells,
        labels=labels,
    )


def _shared_work(a: Assumptions, d: Assumptions) -> Group:
    share, exponent = "Shared share", "Curve exponent"
    rows: list[dict[str, Any]] = []
    cells: dict[tuple[str, str], Path] = {}
    labels: dict[str, str] = {}
    for phase in PHASES:
        curve, shipped = a.shared_work.get(phase), d.shared_work.get(phase)
        rows.append(
            {
                "id": phase,
                "Phase": PHASE_LABELS[phase],
                share: 0.0 if curve is None else curve.share,
                exponent: 1.0 if curve is None else curve.exponent,
                f"{DEFAULT} share": None if shipped is None else shipped.share,
                f"{DEFAULT} exponent": None if shipped is None else shipped.exponent,
                "What is shared": "" if curve is None else curve.what,
            }
        )
        cells[(phase, share)] = ("shared_work", phase, "share")
        cells[(phase, exponent)] = ("shared_work", phase, "exponent")
        labels[phase] = PHASE_LABELS[phase]
    return Group(
        id="shared_work",
        tab="Demand",
        title="Shared platform work",
        help=(
            "Share of every project's effort in a phase that is platform work the portfolio "
            "shares, and how it grows with the number of projects n: as n to the power of the "
            "exponent (0.5: four projects pay for two). Exponent 1 shares nothing."
        ),
        source=sources_section("Shared platform work (shared_work.csv)"),
        frame=pd.DataFrame(rows).set_index("id"),
        editable=(share, exponent),
        defaults={share: f"{DEFAULT} share", exponent: f"{DEFAULT} exponent"},
        cells=cells,
        labels=labels,
    )


def _any(value: str, what: str) -> str:
    return f"any {what}" if value == "*" else value


def _adjustment_label(adj: Any) -> str:
    role = "any role" if adj.role == "*" else role_label(adj.role)
    phase = "any phase" if adj.phase == "*" else PHASE_LABELS[adj.phase].lower()
    return f"{adj.attribute} {adj.value}, {_any(adj.domain, 'domain')}, {phase}, {role}"


def _adjustments(a: Assumptions, d: Assumptions) -> Group:
    add, mul = "Add FTE", "Multiplier"
    shipped = {
        (x.attribute, x.value, x.domain, x.phase, x.role): (x.add_fte, x.multiplier)
        for x in d.adjustments
    }
    rows: list[dict[str, Any]] = []
    cells: dict[tuple[str, str], Path] = {}
    labels: dict[str, str] = {}
    for i, adj in enumerate(a.adjustments):
        row_id = str(i)
        default = shipped.get((adj.attribute, adj.value, adj.domain, adj.phase, adj.role))
        rows.append(
            {
                "id": row_id,
                "Attribute": adj.attribute,
                "When": adj.value,
                "Domain": _any(adj.domain, "domain"),
                "Phase": "any phase" if adj.phase == "*" else PHASE_LABELS[adj.phase],
                "Role": "any role" if adj.role == "*" else role_label(adj.role),
                add: adj.add_fte,
                mul: adj.multiplier,
                f"{DEFAULT} add": None if default is None else default[0],
                f"{DEFAULT} multiplier": None if default is None else default[1],
                "Why": adj.why,
            }
        )
        cells[(row_id, add)] = ("adjustments", i, "add_fte")
        cells[(row_id, mul)] = ("adjustments", i, "multiplier")
        labels[row_id] = _adjustment_label(adj)
    return Group(
        id="adjustments",
        tab="Demand",
        title="Attribute adjustments",
        help=(
            "How a project's scale, stage, data readiness, annotation and deployment change "
            "its demand: (base effort + add FTE) × multiplier in matching phases and roles."
        ),
        source=sources_section("Attribute adjustments (adjustments.csv)"),
        frame=pd.DataFrame(rows).set_index("id"),
        editable=(add, mul),
        defaults={add: f"{DEFAULT} add", mul: f"{DEFAULT} multiplier"},
        cells=cells,
        labels=labels,
    )


def _setups(a: Assumptions, d: Assumptions) -> Group:
    absorb, general, cut = (
        "Absorb below (FTE)",
        "Generalists do all data science",
        "Round up from",
    )
    fields = {
        absorb: "absorb_below_fte",
        general: "generalists_absorb_data_science",
        cut: "round_up_from",
    }
    defaults = {
        absorb: f"{DEFAULT} absorb below",
        general: f"{DEFAULT} generalists",
        cut: f"{DEFAULT} round up",
    }
    rows: list[dict[str, Any]] = []
    cells: dict[tuple[str, str], Path] = {}
    labels: dict[str, str] = {}
    for setup, rule in a.setups.items():
        shipped = d.setups.get(setup)
        row: dict[str, Any] = {"id": setup, "Setup": setup}
        for column, name in fields.items():
            row[column] = getattr(rule, name)
            cells[(setup, column)] = ("setups", setup, name)
        for column, name in fields.items():
            row[defaults[column]] = None if shipped is None else getattr(shipped, name)
        row["Description"] = rule.description
        rows.append(row)
        labels[setup] = setup
    return Group(
        id="setups",
        tab="Staffing",
        title="Setup rules",
        help=(
            "How demand becomes whole people under each setup: which small roles full-stack "
            "data scientists absorb, and from what part of a person a role gets one more."
        ),
        source=sources_section("Setups (setups.csv)"),
        frame=pd.DataFrame(rows).set_index("id"),
        editable=tuple(fields),
        defaults=defaults,
        cells=cells,
        labels=labels,
    )


_HIRING_COLUMNS: Final[dict[str, str]] = {
    "Time to hire (days)": "time_to_hire_days",
    "Ramp-up (months)": "ramp_up_months",
    "Attrition a year": "attrition_per_year",
    "Hiring cost (share of salary)": "hiring_cost_share",
}


def _hiring(a: Assumptions, d: Assumptions) -> Group:
    sources = {str(row.role): str(row.source) for row in hiring_table().itertuples(index=False)}
    defaults = {column: f"{DEFAULT} {column.split(' (')[0].lower()}" for column in _HIRING_COLUMNS}
    rows: list[dict[str, Any]] = []
    cells: dict[tuple[str, str], Path] = {}
    labels: dict[str, str] = {}
    for role in ROLES:
        figures = a.hiring.roles.get(role)
        if figures is None:
            continue
        shipped = d.hiring.roles.get(role)
        row: dict[str, Any] = {"id": role, "Role": role_label(role)}
        for column, name in _HIRING_COLUMNS.items():
            row[column] = getattr(figures, name)
            cells[(role, column)] = ("hiring", "roles", role, name)
        for column, name in _HIRING_COLUMNS.items():
            row[defaults[column]] = None if shipped is None else getattr(shipped, name)
        row[SOURCE] = sources.get(role, "")
        rows.append(row)
        labels[role] = role_label(role)
    return Group(
        id="hiring",
        tab="Hiring",
        title="Hiring per role",
        help=(
            "How long a position takes to fill (from opening to the first day, notice period "
            "included), how long a new hire takes to become fully productive, the share of "
            "people leaving each year and a hire's one-off cost (recruiting fees). Changes the "
            "Timeline page: when people join, when projects are staffed, what each quarter costs."
        ),
        source=sources_section("Hiring (hiring.csv)"),
        frame=pd.DataFrame(rows).set_index("id"),
        editable=tuple(_HIRING_COLUMNS),
        defaults=defaults,
        cells=cells,
        labels=labels,
    )


def uncertainty_label(group: str) -> str:
    """An assumption group in words: ``effort.nlp`` -> "Effort per NLP project"."""
    if group.startswith("effort."):
        domain = group.removeprefix("effort.")
        words = {"nlp": "NLP", "generative_ai": "generative AI"}.get(
            domain, domain.replace("_", " ")
        )
        return f"Effort per {words} project"
    return {
        # the strength, not the adjustments: more of it shrinks a small project's effort
        # (its multiplier below 1, raised to a higher power), and "Attribute adjustments"
        # read backwards, the low value costing more
        "adjustments": "Strength of attribute adjustments",
        "shared_work": "Share of work pooled across projects",
        "run_effort": "Running live models",
        "salaries": "Salaries",
        "time_to_hire": "Time to hire",
        "ramp_up": "Ramp-up",
        "attrition": "Attrition",
    }[group]


def uncertainty_plural(group: str) -> bool:
    """Whether :func:`uncertainty_label` names ``group`` in the plural ("Salaries")."""
    return group == "salaries"


def _uncertainty(a: Assumptions, d: Assumptions) -> Group:
    low, high = "Low multiplier", "High multiplier"
    defaults = {low: f"{DEFAULT} low", high: f"{DEFAULT} high"}
    rows: list[dict[str, Any]] = []
    cells: dict[tuple[str, str], Path] = {}
    labels: dict[str, str] = {}
    for group in UNCERTAINTY_GROUPS:
        mine, shipped = a.uncertainty_of(group), d.uncertainty_of(group)
        rows.append(
            {
                "id": group,
                "Assumption": uncertainty_label(group),
                low: mine.low,
                high: mine.high,
                defaults[low]: shipped.low,
                defaults[high]: shipped.high,
                "Why": mine.why,
            }
        )
        cells[(group, low)] = ("uncertainty", group, "low")
        cells[(group, high)] = ("uncertainty", group, "high")
        labels[group] = uncertainty_label(group)
    return Group(
        id="uncertainty",
        tab="Uncertainty",
        title="How sure each assumption is",
        help=(
            "Each group's numbers are multiplied, in every draw of the ranges, by a factor "
            "between its low and high multiplier (most often near 1). Changes the ranges and "
            "the tornado chart on the Plan page, the bands on the Timeline; both 1: certain."
        ),
        source=sources_section("Uncertainty (uncertainty.csv)"),
        frame=pd.DataFrame(rows).set_index("id"),
        editable=(low, high),
        defaults=defaults,
        cells=cells,
        labels=labels,
    )


_GROUP_BUILDERS: Final[tuple[Callable[[Assumptions, Assumptions], Group], ...]] = (
    _rates,
    lambda a, d: _parameters(
        "costs",
        "Salaries and costs",
        "Employer costs",
        "What a person costs the employer on top of salary.",
        a,
        d,
    ),
    _vendor_prices,
    _effort,
    _adjustments,
    _run_share,
    _shared_work,
    lambda a, d: _parameters(
        "baseline",
        "Demand",
        "Company analytics baseline",
        "Reporting and metrics work every company has, whatever its ML projects: adds data "
        "analyst demand by company size.",
        a,
        d,
    ),
    _setups,
    lambda a, d: _parameters(
        "auto_setup",
        "Staffing",
        "Setup chosen by company size",
        "With setup 'auto', the company sizes at which a plan switches from startup to "
        "scaleup to mature.",
        a,
        d,
    ),
    lambda a, d: _parameters(
        "span",
        "Staffing",
        "Span of control",
        "When a plan gets its first lead, people per lead after that, and how many leads "
        "call for a Head of Data & ML: sets the plan's ML Team Leads and heads.",
        a,
        d,
    ),
    lambda a, d: _parameters(
        "generalists",
        "Staffing",
        "Full-stack data scientists",
        "How much specialist work one generalist gets done, how well compared with a "
        "specialist, and how much of that gap each kind of work feels: changes how many "
        "generalists a plan gets, its delivery and its depth score.",
        a,
        d,
    ),
    lambda a, d: _parameters(
        "quality",
        "Quality and trade-offs",
        "Quality: delivery, weakest links and risks",
        "How much of its planned work a role staffed to demand delivers, how far each phase's "
        "shortfall caps a project of each stage (its weakest link), and what one-person roles "
        "and missing leads put at risk.",
        a,
        d,
    ),
    lambda a, d: _parameters(
        "alternatives",
        "Quality and trade-offs",
        "Alternatives to the recommendation",
        "Which cheaper and better plans are offered next to the recommended one: how much "
        "quality a lean plan may give up, how much more a premium plan may cost and the "
        "smallest quality gain worth paying for.",
        a,
        d,
    ),
    lambda a, d: _parameters(
        "warnings",
        "Quality and trade-offs",
        "Warnings",
        "When a plan warns that the team is a large share of the company, or that it hires "
        "more people in a year than the team can absorb (the hiring timeline hires no more).",
        a,
        d,
    ),
    lambda a, d: _parameters(
        OTHER,
        "Quality and trade-offs",
        "Other parameters",
        "Parameters of data/parameters.csv that no table above groups.",
        a,
        d,
    ),
    _hiring,
    lambda a, d: _parameters(
        "hiring_capacity",
        "Hiring",
        "Hiring capacity",
        "Hires a quarter the company can close when the scenario sets no capacity of its own: "
        "derived from the number of employees.",
        a,
        d,
    ),
    _uncertainty,
)


def catalog(assumptions: Assumptions, defaults: Assumptions | None = None) -> tuple[Group, ...]:
    """Every number of ``assumptions`` in editable tables, each row with its shipped default."""
    shipped = defaults or Assumptions.defaults()
    groups = (build(assumptions, shipped) for build in _GROUP_BUILDERS)
    return tuple(group for group in groups if len(group.frame))


def apply_edit_state(frame: pd.DataFrame, state: Mapping[str, Any] | None) -> pd.DataFrame:
    """A copy of ``frame`` with a data editor's cell edits applied (rows by position).

    Added and deleted rows are ignored: the assumption tables have a fixed set of rows.
    """
    result = frame.copy()
    edited = (state or {}).get("edited_rows") or {}
    for position, changes in edited.items():
        row = int(position)
        if not 0 <= row < len(result):
            continue
        for column, value in changes.items():
            if column in result.columns:
                result.iloc[row, result.columns.get_loc(column)] = value
    return result


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _plain(value: Any) -> Any:
    """numpy scalars to Python numbers, for validation and comparison."""
    return value.item() if hasattr(value, "item") else value


def assumptions_from_frames(
    base: Assumptions, groups: Sequence[Group], frames: Mapping[str, pd.DataFrame]
) -> Assumptions:
    """The assumption set the (edited) tables describe; ``base`` supplies everything that is
    not a number (reasons, descriptions). Raises :class:`AssumptionEditError`."""
    data = base.model_dump()
    problems: list[EditProblem] = []
    for group in groups:
        frame = frames.get(group.id, group.frame)
        for (row_id, column), path in group.cells.items():
            value = _plain(frame.at[row_id, column])
            if _is_empty(value):
                problems.append(_problem(group, row_id, column, "is empty: enter a number"))
                continue
            _assign(data, path, value)
    if problems:
        raise AssumptionEditError(problems)
    try:
        return Assumptions.from_dict(data)
    except AssumptionError as exc:
        raise AssumptionEditError(_translate(groups, exc.problems)) from None


def edited_assumptions(
    base: Assumptions, groups: Sequence[Group], states: Mapping[str, Mapping[str, Any] | None]
) -> Assumptions:
    """``base`` with every table's data-editor edit state applied, validated."""
    frames = {g.id: apply_edit_state(g.frame, states.get(g.id)) for g in groups}
    return assumptions_from_frames(base, groups, frames)


def _problem(group: Group, row_id: str, column: str, message: str) -> EditProblem:
    where = group.labels[row_id]
    if len(group.editable) > 1:
        where += f", {column.lower()}"
    return EditProblem(group.id, f"{group.title} › {where}: {message}")


def _translate(groups: Sequence[Group], problems: Sequence[Problem]) -> list[EditProblem]:
    """``rates.us.data_engineer: …`` -> ``Salaries per role and region › United States, …``."""
    cells = {
        path: (group, row_id, column)
        for group in groups
        for (row_id, column), path in group.cells.items()
    }
    by_id = {group.id: group for group in groups}
    result: list[EditProblem] = []
    for problem in problems:
        field = problem.location[0] if problem.location else None
        if problem.location in cells:
            group, row_id, column = cells[problem.location]
            result.append(_problem(group, row_id, column, problem.message))
        elif isinstance(field, str) and field in _FIELD_GROUPS:
            group_id, what = _FIELD_GROUPS[field]
            title = by_id[group_id].title
            result.append(EditProblem(group_id, f"{title} › {what}: {problem.message}"))
        else:
            result.append(EditProblem(groups[0].id, str(problem)))
    return result


def changes(groups: Sequence[Group]) -> list[Change]:
    """Every editable number that differs from its shipped default, table order."""
    found: list[Change] = []
    for group in groups:
        frame = group.frame
        for (row_id, column), _path in group.cells.items():
            value = _plain(frame.at[row_id, column])
            default = _plain(frame.at[row_id, group.defaults[column]])
            if _is_empty(default) or not _same(value, default):
                item = group.labels[row_id]
                if len(group.editable) > 1:
                    item += f", {column.lower()}"
                found.append(
                    Change(group.title, item, None if _is_empty(default) else default, value)
                )
    return found


def format_value(value: Any) -> str:
    """A number as the tables show it: ``120,000``, ``0.85``, ``yes``; empty as ``—``."""
    if _is_empty(value):
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    number = float(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.4g}"


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) == bool(b)
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)
