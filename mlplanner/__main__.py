"""``python -m mlplanner``: the command line."""

import sys

from mlplanner.cli.main import main

sys.exit(main())
