"""The main window's parts: what it holds (:mod:`.host`) and the controllers that act through
it, one concern a module (the case list, case actions, search, exports, imports, settings).
:class:`~supervision_app.ui.main_window.MainWindow` builds the view and wires them."""
