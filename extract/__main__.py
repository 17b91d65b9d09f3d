"""``python -m extract`` runs the command line (see :mod:`extract.cli`)."""

import sys

from .cli import main

sys.exit(main())
