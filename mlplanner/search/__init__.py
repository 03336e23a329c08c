"""The trade-off search: other whole-number allocations scored by the model's rules.

A setup's search problem (its space of plans is :mod:`mlplanner.model.setup_space`), Pareto
selection, the cost/quality frontier of that space, the best plan under a budget, budget advice
by whole projects and the named alternatives (lean, recommended, premium).

May import: ``mlplanner.model`` and the top-level modules (errors, paths, problems). Nothing
from the timeline, ranges, reports, exchange, storage, CLI or UI.
"""
