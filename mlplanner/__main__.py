"""``python -m mlplanner``: the command line."""

import sys

from mlplanner.cli import main

sys.exit(main())
