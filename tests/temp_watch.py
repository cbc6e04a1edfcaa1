"""Every file created in a folder while a block runs, even one deleted a moment later.

On Linux this uses inotify (through ctypes), so a file that lives for a millisecond
is still seen, and so is every write into one: ``written`` lists the files that
received any bytes (or were moved in whole).  A file can only hold text that was
written to it, so an empty ``written`` means not one byte landed in the folder.
(``created`` can still list entries that hold nothing: libcups links the printer's
description, ``/etc/cups/ppd/<queue>.ppd``, into the temp folder for a moment
whenever Qt opens a printer.)  Elsewhere it falls back to listing the folder every
few milliseconds, and counts every new file as written.
"""

from __future__ import annotations

import ctypes
import os
import struct
import sys
import threading
import time
from pathlib import Path

_IN_MODIFY, _IN_MOVED_TO, _IN_CREATE = 0x2, 0x80, 0x100
_EVENT = struct.Struct("iIII")


class TempWatch:
    def __init__(self, *folders: Path) -> None:
        self.folders = [Path(f) for f in dict.fromkeys(str(f) for f in folders)]
        self.created: list[str] = []
        self.written: list[str] = []
        self._fd = -1
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> TempWatch:
        if sys.platform.startswith("linux"):
            libc = ctypes.CDLL(None, use_errno=True)
            self._fd = libc.inotify_init1(os.O_NONBLOCK)
            self._watches = {}
            for folder in self.folders:
                wd = libc.inotify_add_watch(
                    self._fd, str(folder).encode(), _IN_CREATE | _IN_MOVED_TO | _IN_MODIFY
                )
                if wd < 0:
                    raise OSError(ctypes.get_errno(), f"inotify could not watch {folder}")
                self._watches[wd] = folder
        else:
            self._before = {f: set(os.listdir(f)) for f in self.folders}
            self._thread = threading.Thread(target=self._poll, daemon=True)
            self._thread.start()
        return self

    def _poll(self) -> None:
        while not self._stop.is_set():
            for folder in self.folders:
                for name in set(os.listdir(folder)) - self._before[folder]:
                    path = str(folder / name)
                    if path not in self.created:
                        self.created.append(path)
                        self.written.append(path)
            time.sleep(0.002)

    def __exit__(self, *_exc: object) -> None:
        if self._fd >= 0:
            data = b""
            while True:
                try:
                    data += os.read(self._fd, 1 << 20)
                except BlockingIOError:
                    break
            offset = 0
            while offset < len(data):
                wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
                name = data[offset + _EVENT.size : offset + _EVENT.size + length].rstrip(b"\0")
                path = str(self._watches[wd] / name.decode("utf-8", "replace"))
                if mask & (_IN_CREATE | _IN_MOVED_TO) and path not in self.created:
                    self.created.append(path)
                if mask & (_IN_MODIFY | _IN_MOVED_TO) and path not in self.written:
                    self.written.append(path)
                offset += _EVENT.size + length
            os.close(self._fd)
        else:
            self._stop.set()
            if self._thread is not None:
                self._thread.join()
