"""The hiring timeline: who joins when, what it costs quarter by quarter, and when each project
is staffed.

Holds the scenario as it stands in each quarter (:mod:`.quarter_plans`: projects started by
then, built ones live once their ``live_from`` has come), the quarter-by-quarter simulation of
hires, leavers, ramp-up and cost (:mod:`.simulation`). Every demand and staffing figure comes
from the model's own functions, so the timeline follows whatever rules the model has; under a
budget that does not pay for the recommended plan, it staffs the search's budget advice.

May import: the standard library, numpy, pandas, ``mlplanner.model``, ``mlplanner.search``
and the top-level modules (``mlplanner.errors``, ``mlplanner.paths``, ``mlplanner.problems``).
Nothing from the ranges, reports, exchange, storage, CLI or UI.
"""
