"""Entry point of the PyInstaller bundle: the same command line as ``supervision-app``."""

import sys

from supervision_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
