"""``python -m supervision_app`` and the ``supervision-app`` script."""

from __future__ import annotations

import sys


def main() -> int:
    from supervision_app.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
