"""Everything that turns results into words, tables and numbers for people.

Money and people wording, plan tables, deltas and comparisons, headcount attribution, the
responsibility matrix, chart headlines, trade-off texts, timeline texts and the role guide.
Every sentence the app or the CLI shows about a plan is built here.

May import: ``mlplanner.model``, ``mlplanner.search``, ``mlplanner.timeline`` and the top-level
modules. Nothing from
exchange, storage, CLI or UI.
"""
