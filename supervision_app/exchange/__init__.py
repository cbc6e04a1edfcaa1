"""The record files' formats: a session file, a whole-case file and their case memory.

Plain data in, plain data out (and a checked read of a file): no store, no rendering.
The use cases that export from and import into the store are in
:mod:`supervision_app.services.record_files`.

* :mod:`.reader`: the validated reader (every refusal names its field).
* :mod:`.memory_file`: the ``case_memory`` part of a record file.
* :mod:`.session_file`: one session's record file (``supervision-app.session``).
* :mod:`.case_file`: the whole-case file (``supervision-app.case``).
"""
