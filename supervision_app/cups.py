"""Send a PDF held in memory straight to a CUPS queue (Linux and macOS), with no temporary file.

The job is streamed over the CUPS socket with the CUPS library's own calls
(``cupsCreateJob``, ``cupsStartDocument``, ``cupsWriteRequestData``,
``cupsFinishDocument``), loaded with ``ctypes`` from the system's ``libcups``
(the library Qt's own print dialog uses): nothing is written to disk on the
way.  The CUPS server keeps the document in its spool (``/var/spool/cups``)
until the job is done, and for as long after as its ``PreserveJobFiles``
setting says: see ``docs/security.md``.

A job stopped while it is being sent is cancelled and purged on the server
(``cupsCancelJob2`` with purge), so no job and no spool file of it remain.

No Qt here: the window calls this from its print worker.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from collections.abc import Callable, Mapping
from functools import cache

#: Bytes handed to the CUPS socket at a time (progress and Cancel act between two).
CHUNK = 64 * 1024

_HTTP_CONTINUE = 100
_IPP_OK_MAX = 0x00FF  # successful-ok, -ignored-or-substituted, -conflicting …
_AF_UNSPEC = 0
#: What ``cupsGetNamedDest`` reports about the queue itself, never a job option.
_NOT_JOB_OPTIONS = ("printer-", "device-uri", "marker-")


class CupsError(Exception):
    """The print system refused or failed; the message is fit to show."""


class _Option(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("value", ctypes.c_char_p)]


class _Dest(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("instance", ctypes.c_char_p),
        ("is_default", ctypes.c_int),
        ("num_options", ctypes.c_int),
        ("options", ctypes.POINTER(_Option)),
    ]


def _library_names() -> list[str]:
    if sys.platform == "win32":
        return []
    names = [ctypes.util.find_library("cups") or ""]
    names += ["/usr/lib/libcups.2.dylib"] if sys.platform == "darwin" else ["libcups.so.2"]
    return [name for name in names if name]


@cache
def _cups() -> ctypes.CDLL | None:
    for name in _library_names():
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        _declare(lib)
        return lib
    return None


def _declare(lib: ctypes.CDLL) -> None:
    p, i, s = ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p
    signatures = {
        "cupsServer": (s, []),
        "ippPort": (i, []),
        "cupsEncryption": (i, []),
        "httpConnect2": (p, [s, i, p, i, i, i, i, p]),
        "httpClose": (None, [p]),
        "cupsLastErrorString": (s, []),
        "cupsCreateJob": (i, [p, s, s, i, ctypes.POINTER(_Option)]),
        "cupsStartDocument": (i, [p, s, i, s, s, i]),
        "cupsWriteRequestData": (i, [p, s, ctypes.c_size_t]),
        "cupsFinishDocument": (i, [p, s]),
        "cupsCancelJob2": (i, [p, s, i, i]),
        "cupsGetNamedDest": (ctypes.POINTER(_Dest), [p, s, s]),
        "cupsFreeDests": (None, [i, ctypes.POINTER(_Dest)]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype, function.argtypes = restype, argtypes


def available() -> bool:
    """True where the CUPS library can be loaded (Linux and macOS with CUPS)."""
    return _cups() is not None


def _error(lib: ctypes.CDLL, what: str) -> CupsError:
    reason = (lib.cupsLastErrorString() or b"").decode("utf-8", "replace")
    return CupsError(f"{what}: {reason}" if reason else what)


def _connect(lib: ctypes.CDLL) -> int:
    http = lib.httpConnect2(
        lib.cupsServer(), lib.ippPort(), None, _AF_UNSPEC, lib.cupsEncryption(), 1, 30000, None
    )
    if not http:
        raise _error(lib, "The print system (CUPS) could not be reached")
    return int(http)


def _queue_and_instance(printer: str) -> tuple[str, str | None]:
    queue, _slash, instance = printer.partition("/")
    return queue, instance or None


def saved_options(printer: str) -> dict[str, str]:
    """The defaults saved for the queue (``lpoptions``), as ``lp`` would apply them."""
    lib = _cups()
    if lib is None:
        return {}
    queue, instance = _queue_and_instance(printer)
    dest = lib.cupsGetNamedDest(None, queue.encode(), instance.encode() if instance else None)
    if not dest:
        return {}
    try:
        found = dest.contents
        options = (found.options[n] for n in range(found.num_options))
        pairs = ((o.name.decode(), (o.value or b"").decode()) for o in options)
        return {k: v for k, v in pairs if not k.startswith(_NOT_JOB_OPTIONS)}
    finally:
        lib.cupsFreeDests(1, dest)


def send_pdf(
    printer: str,
    data: bytes,
    title: str,
    options: Mapping[str, str],
    *,
    sent: Callable[[int, int], None] = lambda _done, _total: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> int | None:
    """Stream ``data`` (a PDF) to the queue ``printer`` as one job; its job id.

    ``sent(bytes_done, bytes_total)`` is called after each chunk.  When
    ``cancelled()`` turns true before the last chunk, the job is cancelled and
    purged on the server and None is returned.  Raises :class:`CupsError`.
    """
    lib = _cups()
    if lib is None:
        raise CupsError("The print system (CUPS) is not available on this computer")
    queue, _instance = _queue_and_instance(printer)
    merged = {**saved_options(printer), **options}
    array = (_Option * max(len(merged), 1))()
    keep = [(k.encode(), v.encode()) for k, v in merged.items()]  # alive until the call returns
    for slot, (key, value) in zip(array, keep, strict=False):
        slot.name, slot.value = key, value
    name = queue.encode()
    http = _connect(lib)
    job_id = 0
    try:
        job_id = lib.cupsCreateJob(http, name, title.encode(), len(keep), array)
        if job_id <= 0:
            job_id = 0
            raise _error(lib, f"The printer {queue} did not accept the job")
        status = lib.cupsStartDocument(http, name, job_id, title.encode(), b"application/pdf", 1)
        if status != _HTTP_CONTINUE:
            raise _error(lib, f"The printer {queue} did not accept the document")
        total, done = len(data), 0
        view = memoryview(data)
        while done < total:
            if cancelled():
                return None  # below: the half-sent document is dropped and the job purged
            chunk = bytes(view[done : done + CHUNK])
            if lib.cupsWriteRequestData(http, chunk, len(chunk)) != _HTTP_CONTINUE:
                raise _error(lib, f"Sending to the printer {queue} failed")
            done += len(chunk)
            sent(done, total)
        if cancelled():
            return None
        if lib.cupsFinishDocument(http, name) > _IPP_OK_MAX:
            raise _error(lib, f"The printer {queue} did not accept the document")
        finished, job_id = job_id, 0
        return int(finished)
    finally:
        if http:
            lib.httpClose(http)
        if job_id:  # cancelled or failed part-way: leave no job behind
            cancel_job(printer, job_id)


def cancel_job(printer: str, job_id: int) -> None:
    """Cancel the job and purge its files from the server's spool (best effort)."""
    lib = _cups()
    if lib is None:
        return
    queue, _instance = _queue_and_instance(printer)
    http = _connect(lib)
    try:
        lib.cupsCancelJob2(http, queue.encode(), job_id, 1)
    finally:
        lib.httpClose(http)
