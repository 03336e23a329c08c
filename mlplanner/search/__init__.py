"""The trade-off search: other whole-number allocations scored by the model's rules.

The documented search space, the budget bound, Pareto selection, the cost/quality frontier,
the best plan under a budget and the named alternatives (lean, recommended, premium).

May import: ``mlplanner.model`` and the top-level modules (errors, paths, problems). Nothing
from reports, exchange, storage, CLI or UI.
"""
