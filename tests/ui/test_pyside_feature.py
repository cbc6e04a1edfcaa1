"""PySide6 no longer reads the source of every module imported after it (ui/pyside_feature.py):
about 300 source files read again at every start, 15-30 ms before the first screen."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from types import SimpleNamespace

import supervision_app.ui  # noqa: F401  (what every start of the window imports first)
from supervision_app.ui import pyside_feature


def test_a_module_imported_after_the_ui_package_is_not_read_for_pyside(
    tmp_path: Path, monkeypatch
) -> None:
    read: list[str] = []
    original = inspect.getsource

    def recording(obj):
        read.append(getattr(obj, "__name__", "?"))
        return original(obj)

    monkeypatch.setattr(inspect, "getsource", recording)
    (tmp_path / "freshly_written_module_3141.py").write_text("from PySide6.QtCore import QObject\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = __import__("freshly_written_module_3141")  # the import statement's way in
    try:
        assert module.QObject().objectName() == ""  # the standard names, as ever
        assert "freshly_written_module_3141" not in read
    finally:
        sys.modules.pop("freshly_written_module_3141", None)


def test_nothing_is_replaced_once_a_module_has_selected_a_feature(monkeypatch) -> None:
    def scan(_module) -> bool:
        return False

    fake = SimpleNamespace(_mod_uses_pyside=scan, pyside_feature_dict={"m": 0, "n": 0x01})
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", fake)
    assert pyside_feature.skip_source_scan() is False
    assert fake._mod_uses_pyside is scan


def test_a_pyside6_without_the_hook_is_left_alone(monkeypatch) -> None:
    monkeypatch.delitem(sys.modules, "shibokensupport.feature", raising=False)
    assert pyside_feature.skip_source_scan() is False
