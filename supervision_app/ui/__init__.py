"""The Qt Widgets user interface: the only package that imports QtWidgets.

Views here call :class:`~supervision_app.storage.SupervisionStore` methods and
receive plain domain objects; they never build queries.  Answer text is
committed off the GUI thread by :mod:`.autosave_bridge`.

Importing the package imports PySide6 and spares its reading of the source of every module
imported after it (:mod:`.pyside_feature`), before any of the package's modules load.
"""

import PySide6.QtCore  # noqa: F401  (installs PySide6's import hook, adjusted below)

from supervision_app.ui.pyside_feature import skip_source_scan

skip_source_scan()
