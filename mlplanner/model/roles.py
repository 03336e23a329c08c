"""Roles and lifecycle phases: the project's fixed vocabulary.

Role ids are stable: they appear in files, the database and the CLI. Roles are always
listed in lifecycle order (the order below), never alphabetically or by size.

``RoleId`` and ``Phase`` type the vocabulary itself; tables keyed by role or phase are
``dict[str, ...]``, because their keys also arrive from files, the database and user edits
(checked against ``ROLES`` and ``PHASES`` there).
"""

from __future__ import annotations

from typing import Final, Literal, get_args

RoleId = Literal[
    "data_analyst",
    "data_engineer",
    "data_scientist",
    "research_scientist",
    "ml_engineer",
    "developer",
    "annotator",
    "full_stack_data_scientist",
    "team_lead",
    "head_of_data",
]

ROLES: Final[tuple[RoleId, ...]] = get_args(RoleId)

ROLE_LABELS: Final[dict[str, str]] = {
    "data_analyst": "Data Analyst",
    "data_engineer": "Data Engineer",
    "data_scientist": "Data Scientist",
    "research_scientist": "Research / Applied Scientist",
    "ml_engineer": "ML Engineer",
    "developer": "Backend Developer",
    "annotator": "Data Annotator",
    "full_stack_data_scientist": "Full-Stack Data Scientist",
    "team_lead": "ML Team Lead",
    "head_of_data": "Head of Data & ML",
}

# One colour per role, the same in every chart and table (colour-blind friendly palette).
ROLE_COLORS: Final[dict[str, str]] = {
    "data_analyst": "#4e79a7",
    "data_engineer": "#f28e2b",
    "data_scientist": "#59a14f",
    "research_scientist": "#b07aa1",
    "ml_engineer": "#e15759",
    "developer": "#76b7b2",
    "annotator": "#edc948",
    "full_stack_data_scientist": "#9c755f",
    "team_lead": "#7f7f7f",
    "head_of_data": "#ff9da7",
}

# Roles that project work demands directly. Generalists, leads and heads are staffing
# constructs: full-stack data scientists absorb small demand, leads follow from span of control
# over the individual contributors, heads of data & ML from span of control over the leads.
SPECIALIST_ROLES: Final[tuple[RoleId, ...]] = ROLES[:7]
GENERALIST: Final[RoleId] = "full_stack_data_scientist"
LEAD: Final[RoleId] = "team_lead"
HEAD: Final[RoleId] = "head_of_data"
MANAGERS: Final[tuple[RoleId, ...]] = (LEAD, HEAD)

Phase = Literal[
    "framing",
    "data_pipelines",
    "data_quality",
    "annotation",
    "modeling",
    "deployment",
    "integration",
    "measurement",
]

PHASES: Final[tuple[Phase, ...]] = get_args(Phase)

PHASE_LABELS: Final[dict[str, str]] = {
    "framing": "Framing",
    "data_pipelines": "Data pipelines",
    "data_quality": "Data quality",
    "annotation": "Annotation",
    "modeling": "Modeling",
    "deployment": "Deployment",
    "integration": "Integration",
    "measurement": "Measurement",
}


def role_label(role: str) -> str:
    """Human name of a role id."""
    return ROLE_LABELS[role]


def role_sort_key(role: str) -> int:
    """Position of a role in lifecycle order, for sorting anything keyed by role."""
    return ROLES.index(role)
