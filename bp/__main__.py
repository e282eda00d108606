"""``python -m bp``: see :mod:`bp.cli`."""

import sys

from bp.cli import main

if __name__ == "__main__":
    sys.exit(main())
