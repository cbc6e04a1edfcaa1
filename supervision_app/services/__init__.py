"""The use cases: what the window and the command line both do, written once.

* :mod:`.opening`: open the store (database, store, content) for a ``with`` block.
* :mod:`.records`: load a session's record (the renderers receive plain dataclasses).
* :mod:`.export`: export a session's record (PDF, extract, HTML, JSON) and note it.
* :mod:`.record_files`: record files of a session or a whole case, out and in.
* :mod:`.demo` (with :mod:`.demo_history`): the fictional demo cases.

Nothing is imported here, so that importing one use case loads only what it needs (the
window's start-up must not pay for ReportLab or Jinja2).
"""
