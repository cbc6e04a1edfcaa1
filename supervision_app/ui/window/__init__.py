"""The main window's parts: what it holds (:mod:`.host`) and the controllers that act through
it, one concern a module: the case list (:mod:`.navigation`), case and session actions, search,
exports, imports, settings, and Home. :class:`~supervision_app.ui.main_window.MainWindow`
builds the view and wires them."""
