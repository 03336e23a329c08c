"""The command line, ``python -m mlplanner``: recommend, compare, frontier and saved plans.

``main`` parses the command and dispatches; ``frontier`` and ``plans`` hold their commands.
May import every domain sub-package, exchange and storage; never ``mlplanner.ui``.
"""
