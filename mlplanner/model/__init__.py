"""The model: scenario (validated) -> demand -> staffing -> cost and quality -> plan.

Holds the vocabulary (roles, phases), the scenario and its project table, the assumptions
(every number, read from ``data/``), their editable catalogue and the names of sets of them,
the rate card, and the rules that turn a scenario into a plan: demand, staffing, cost,
quality, the vectorised scoring of many allocations, and ``recommend``/``evaluate``; calendar
quarters and the hiring figures (capacity, lead time, attrition, ramp-up) the timeline applies;
and ``wording``, how money, counts, people and lists are written wherever the package writes
them.

May import: the standard library, pandas, numpy, pydantic, and ``mlplanner.errors`` and
``mlplanner.paths``. Nothing from the search, reports, exchange, storage, CLI or UI (the
import-linter contracts in ``pyproject.toml`` check this).
"""
