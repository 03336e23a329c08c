"""Ranges and sensitivity: how sure a plan is, and which assumption moves it most.

Holds the draws of the assumption groups' multipliers (:mod:`.draws`), what a multiplier does
to an assumption set (:mod:`.perturb`, the one home of that meaning), the plan's figures under
many multipliers at once (:mod:`.engine`), their P10 / P50 / P90 (:mod:`.plan_ranges`), the
timeline's bands (:mod:`.timeline_ranges`) and the tornado's rows (:mod:`.sensitivity`).
The groups and their uncertainty are assumptions (``data/uncertainty.csv``); see
``docs/ranges.md`` for the model and its speed.

May import: the standard library, numpy, pandas, ``mlplanner.model``, ``mlplanner.search``,
``mlplanner.timeline`` and the top-level modules (``mlplanner.errors``, ``mlplanner.paths``,
``mlplanner.problems``). Nothing from the reports, exchange, storage, CLI or UI.
"""
