"""Everything that turns results into words, tables and numbers for people.

Plan tables, deltas and comparisons, headcount attribution, the responsibility matrix, chart
headlines, trade-off texts, timeline texts, help texts built from the assumptions in force, and
the role guide. Every sentence the app or the CLI shows about a plan is built here, with the
money, counts, people and lists written by :mod:`mlplanner.model.wording` (in the model because
the model's own notes and rules need it too).

May import: ``mlplanner.model``, ``mlplanner.search``, ``mlplanner.timeline``,
``mlplanner.ranges`` and the top-level modules. Nothing from exchange, storage, CLI or UI.
"""
