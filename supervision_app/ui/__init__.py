"""The Qt Widgets user interface: the only package that imports QtWidgets.

Views here call :class:`~supervision_app.storage.SupervisionStore` methods and
receive plain domain objects; they never build queries.  Answer text is
committed off the GUI thread by :mod:`.autosave_bridge`.
"""
