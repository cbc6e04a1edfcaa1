"""The desktop product: appearance and contrast, zoom, undo, presentation mode, the session
timer, help, About, the first-run welcome, accessible names in every dialog, the smoke path."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QAction, QPalette, QTextBlockFormat
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget

import supervision_app
from supervision_app.storage import SupervisionStore
from supervision_app.ui import appearance as look
from supervision_app.ui import theme
from supervision_app.ui.desktop_features import dialog_classes
from supervision_app.ui.help_dialog import HelpDialog
from supervision_app.ui.session_timer import SessionTimer
from tests.ui.test_gui import interactive_without_name, make_case, open_session, open_window

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def default_appearance():
    """apply_appearance changes the shared QApplication: put the default scheme back."""
    yield
    app = QApplication.instance()
    if isinstance(app, QApplication):
        look.apply_appearance(app, look.Appearance(theme=look.LIGHT))


# -- contrast and schemes ------------------------------------------------------------------


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    assert look.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert look.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("name", sorted(look.SCHEMES))
def test_every_text_colour_reaches_4_5_to_1_in_every_scheme(name: str) -> None:
    scheme = look.SCHEMES[name]
    assert set(scheme) == set(look.LIGHT_SCHEME), "every scheme defines every role"
    failing = [
        f"{fg} on {bg}: {look.contrast_ratio(scheme[fg], scheme[bg]):.2f}"
        for fg, bg in look.TEXT_PAIRS
        if look.contrast_ratio(scheme[fg], scheme[bg]) < 4.5
    ]
    assert failing == []


def test_each_default_colour_has_one_role_so_recolouring_is_unambiguous() -> None:
    values = [v.upper() for v in look.LIGHT_SCHEME.values()]
    assert len(values) == len(set(values))


def test_the_status_chips_read_at_4_5_to_1_in_every_scheme() -> None:
    """Their colours are their own (on their own background), whatever the scheme."""
    pairs = re.findall(
        r"color: (#[0-9A-F]{6}); background: (#[0-9A-F]{6})", theme.FIXED_COLOUR_SHEET
    )
    assert len(pairs) == 5
    assert [p for p in pairs if look.contrast_ratio(*p) < 4.5] == []


def test_high_contrast_recolours_the_whole_style_sheet(qtbot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    used = look.apply_appearance(app, look.Appearance(theme=look.HIGH_CONTRAST))
    assert used == look.HIGH_CONTRAST
    # The status chips keep their own colours in every scheme (theme.FIXED_COLOUR_SHEET).
    sheet = app.styleSheet().replace(theme.FIXED_COLOUR_SHEET, "")
    for role in ("text", "accent", "border", "page"):
        if look.LIGHT_SCHEME[role] != look.HIGH_CONTRAST_SCHEME[role]:
            assert look.LIGHT_SCHEME[role].upper() not in sheet.upper(), role
    assert app.palette().color(QPalette.ColorRole.WindowText).name().upper() == "#000000"
    look.apply_appearance(app, look.Appearance(theme=look.DARK))
    assert app.palette().color(QPalette.ColorRole.Window).name().upper() == "#14181C"


def test_the_saved_scheme_applies_before_the_first_dialog(qtbot) -> None:
    """The passphrase and unlock dialogs come before the main window: they are in the scheme
    the user chose (high contrast) too."""
    from supervision_app.ui.app import _application

    look.save_appearance(look.Appearance(theme=look.HIGH_CONTRAST))
    app = _application()
    assert app.property("supervisionScheme") == look.HIGH_CONTRAST
    assert app.palette().color(QPalette.ColorRole.WindowText).name().upper() == "#000000"


def test_the_apps_own_application_is_in_the_fusion_style_from_the_start() -> None:
    """Made with ``-style Fusion``, so the theme need not set it again: Fusion even where the
    platform (here, ``QT_STYLE_OVERRIDE``) would choose another style."""
    code = (
        "from supervision_app.ui import theme\n"
        "app = theme.new_application(['supervision-app'])\n"
        "print(app.style().metaObject().className())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "Windows"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["QFusionStyle"]


def test_a_button_made_primary_before_it_is_first_shown_is_drawn_as_primary(qtbot) -> None:
    """The style sheet reads a button's "primary" property at its first polish (when shown):
    one made primary before that is not repolished, and is still drawn in the accent colour;
    one made primary once shown is repolished."""
    from supervision_app.ui import theme
    from supervision_app.ui.widgets import push_button, set_primary

    look.apply_appearance(QApplication.instance(), look.Appearance(theme=look.LIGHT))
    host = QWidget()
    qtbot.addWidget(host)
    early = push_button("Unlock", "early", primary=True)
    late = push_button("Unlock", "late")
    for button in (early, late):
        button.setParent(host)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the focus style is yellow
    late.move(0, 60)
    host.resize(200, 120)
    host.show()
    qtbot.waitExposed(host)

    def fill(button: QPushButton) -> str:
        return button.grab().toImage().pixelColor(6, button.height() // 2).name().upper()

    assert fill(early) == theme.ACCENT.upper()
    assert fill(late) == theme.SURFACE.upper()
    set_primary(late)  # shown already: repolished
    assert fill(late) == theme.ACCENT.upper()


def test_system_theme_follows_the_system_colour_scheme(monkeypatch) -> None:
    monkeypatch.setattr(look, "system_prefers_dark", lambda: True)
    assert look.effective_scheme(look.Appearance(theme=look.SYSTEM)) == look.DARK
    monkeypatch.setattr(look, "system_prefers_dark", lambda: False)
    assert look.effective_scheme(look.Appearance(theme=look.SYSTEM)) == look.LIGHT
    assert look.effective_scheme(look.Appearance(theme=look.HIGH_CONTRAST)) == look.HIGH_CONTRAST


# -- the window ------------------------------------------------------------------------------


@pytest.fixture
def session_window(qtbot, store: SupervisionStore, content, db_path: Path):
    _case_id, session_id = make_case(store)
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    yield window, session_id
    window.close()


def first_page(window):
    """The page of the first agenda item (a new session opens on Today, then the agenda)."""
    view = window.session_view
    view.go_to_page(min(view.slots))
    return view.stage_page(min(view.slots))


def first_editor(window):
    return first_page(window).editors()[0]


def test_zoom_keys_enlarge_the_answers_and_the_size_is_remembered(
    qtbot, session_window, store, content, db_path
) -> None:
    window, _sid = session_window
    editor = first_editor(window)
    editor.setFocus()
    before = editor.font().pointSizeF()
    qtbot.keyClick(
        editor,
        "=",
        modifier=Qt.KeyboardModifier.ControlModifier,
    )
    qtbot.keyClick(
        editor,
        "=",
        modifier=Qt.KeyboardModifier.ControlModifier,
    )
    assert editor.font().pointSizeF() == pytest.approx(before + 2)
    window.desktop.zoom_out.trigger()
    assert editor.font().pointSizeF() == pytest.approx(before + 1)
    assert look.load_appearance().zoom == 1
    window.desktop.zoom_reset.trigger()
    assert editor.font().pointSizeF() == pytest.approx(before)


def test_line_spacing_opens_up_the_answers_and_prompts_and_is_remembered(
    qtbot, session_window, store, content, db_path
) -> None:
    window, _sid = session_window
    editor = first_editor(window)
    card = first_page(window).cards[0]
    editor.setFocus()
    qtbot.keyClicks(editor, "First line")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "second line")
    editor.commit_now()
    assert window.bridge.flush(5.0)
    single_doc = editor.document().size().height()
    single_box = editor.height()
    single_prompt = card.prompt_label.heightForWidth(300)

    window.desktop.set_appearance(look.Appearance(theme=look.LIGHT, line_spacing=150))

    block = editor.document().begin()
    while block.isValid():
        fmt = block.blockFormat()
        assert fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        assert fmt.lineHeight() == pytest.approx(150)
        block = block.next()
    margins = 2 * editor.document().documentMargin()
    assert editor.document().size().height() - margins == pytest.approx(
        1.5 * (single_doc - margins), rel=0.1
    ), "the lines are drawn further apart, not just formatted"
    assert editor.height() > single_box, "the answer box grows to keep its lines visible"
    assert card.prompt_label.line_spacing() == 150
    assert card.prompt_label.heightForWidth(300) > single_prompt
    first_prompt = content.prompt(window.session_view.focus.items[0].prompt_id)
    assert card.prompt_label.plain_text() == first_prompt.text
    assert not editor.has_uncommitted_typing(), "spacing is not an edit"

    qtbot.keyClick(editor, Qt.Key.Key_Return)  # a new paragraph keeps the spacing
    assert editor.document().lastBlock().blockFormat().lineHeight() == pytest.approx(150)
    qtbot.keyClicks(editor, "third")
    window.desktop.undo.trigger()
    assert editor.toPlainText() == "First line\nsecond line\n", "typing is still undoable"
    pasted = QMimeData()
    pasted.setText("pasted\nlines")
    pasted.setHtml("<p>pasted</p><p>lines</p>")
    editor.insertFromMimeData(pasted)
    assert editor.document().lastBlock().blockFormat().lineHeight() == pytest.approx(150)
    assert editor.toPlainText().endswith("pasted\nlines")

    assert look.load_appearance().line_spacing == 150
    settings = (Path(os.environ["SUPERVISION_APP_DATA_DIR"])).rglob("*.ini")
    assert all("second line" not in f.read_text() for f in settings), "no note text in settings"

    # Editors built later (another session) start with the spacing too.
    _case, other = make_case(store, "CSC-8")
    window.reload_cases(select_session=other)
    qtbot.waitUntil(lambda: window.session_view.session_id == other)
    fresh = first_editor(window)
    assert fresh.document().begin().blockFormat().lineHeight() == pytest.approx(150)
    fresh.load_text("Loaded\ntext")
    assert fresh.document().lastBlock().blockFormat().lineHeight() == pytest.approx(150)

    window.desktop.set_appearance(look.Appearance(theme=look.LIGHT))
    assert fresh.document().begin().blockFormat().lineHeight() in (0, pytest.approx(100))
    assert first_page(window).cards[0].prompt_label.line_spacing() == 100


def test_undo_still_works_after_the_answer_was_autosaved(qtbot, session_window, store) -> None:
    window, session_id = session_window
    editor = first_editor(window)
    editor.setFocus()
    qtbot.keyClicks(editor, "Mum said the bruise was from the park")
    editor.commit_now()
    assert window.bridge.flush(5.0)
    assert store.sessions.get_session(session_id).answers[editor.prompt_id].text.endswith("park")
    editor.setFocus()
    window.desktop.undo.trigger()
    assert editor.toPlainText() != "Mum said the bruise was from the park"
    window.desktop.redo.trigger()
    assert editor.toPlainText() == "Mum said the bruise was from the park"
    window.desktop.undo.trigger()
    undone = editor.toPlainText()
    editor.commit_now()
    assert window.bridge.flush(5.0)
    assert store.sessions.get_session(session_id).answers[editor.prompt_id].text == undone


def test_presentation_mode_hides_the_case_list_and_enlarges_the_text(qtbot, session_window) -> None:
    window, _sid = session_window
    editor = first_editor(window)
    side = window.splitter.widget(0)
    normal = editor.font().pointSizeF()
    normal_height = editor.height()
    window.desktop.presentation.trigger()
    assert window.desktop.presenting
    assert not side.isVisible() and not window.toolbar.isVisible()
    assert editor.font().pointSizeF() >= normal + 6
    assert editor.height() > normal_height, "the answer box grows with its text"
    assert window.session_view.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.desktop.presenting
    assert side.isVisible() and window.toolbar.isVisible()
    assert editor.font().pointSizeF() == pytest.approx(normal)
    assert look.load_appearance().zoom == 0, "presentation does not change the saved size"


def test_session_timer_counts_per_stage_and_never_opens_anything(qtbot) -> None:
    now = [1000.0]
    timer = SessionTimer(clock=lambda: now[0])
    qtbot.addWidget(timer)
    timer.minutes.setValue(40)
    timer.set_agenda(["Curiosity", "Lived experience", "Steps", "Escalation"])
    timer.set_stage("Curiosity")
    assert timer.label.text() == "Session timer"
    timer.toggle_button.click()
    now[0] += 12 * 60
    timer.set_stage("Lived experience")
    now[0] += 3 * 60
    timer.refresh()
    assert timer.label.text().startswith("15 of 40 min")
    assert "this stage 3 min (about 10 planned)" in timer.label.text()
    assert "Curiosity: about 10 min, 12 min so far" in timer.label.toolTip()
    timer.toggle_button.click()  # pause
    now[0] += 60 * 60
    timer.refresh()
    assert timer.label.text().startswith("15 of 40 min")
    timer.toggle_button.click()
    now[0] += 30 * 60
    timer.refresh()
    assert timer.label.text().startswith("45 min used, 5 over the plan")
    assert QApplication.activeModalWidget() is None


def test_the_timer_follows_the_stage_shown(qtbot, session_window, content) -> None:
    window, _sid = session_window
    timer = window.desktop.timer
    assert window.statusBar().isAncestorOf(timer)
    view = window.session_view
    row = min(view.slots)
    view.go_to_page(row)
    assert timer._stage == view.navigator.item(row).text()
    assert timer.share_of(timer._stage) == view.focus.items[0].minutes  # the item's own share


# -- dialogs -------------------------------------------------------------------------------


def test_help_is_built_from_the_content_files(qtbot, content) -> None:
    dialog = HelpDialog(content)
    qtbot.addWidget(dialog)
    for row, stage in enumerate(content.stages, start=1):
        dialog.topics.setCurrentRow(row)
        text = dialog.page.toPlainText()
        assert stage.title in text
        assert stage.prompts[0].text in text and stage.prompts[-1].text in text


def test_about_shows_version_licences_and_the_data_location(qtbot, session_window, db_path) -> None:
    window, _sid = session_window
    window.actions.about.trigger()
    qtbot.waitUntil(lambda: window.findChild(QDialog, "aboutDialog") is not None)
    text = window.findChild(QDialog, "aboutDialog").text.toPlainText()
    assert supervision_app.__version__ in text
    assert str(db_path) in text
    assert "LGPL" in text and "DejaVu" in text


def test_help_welcome_points_to_the_one_place_that_offers_the_demo(
    qtbot, store, content, db_path
) -> None:
    window = open_window(qtbot, store, content, db_path)
    dialog = window.desktop.open_welcome()
    text = " ".join(
        label.text()
        for label in dialog.findChildren(QWidget)
        if hasattr(label, "text") and isinstance(label.text(), str)
    )
    assert str(db_path) in text
    assert "Load the fictional demo case" in text  # the start screen's button, by its name
    assert not [b for b in dialog.findChildren(QPushButton) if "demo" in b.text().lower()]
    dialog.close()
    window.close()


def test_every_dialog_the_main_window_opens_names_its_controls(
    qtbot, session_window, store, content, db_path
) -> None:
    """Triggers every main-window action; any dialog that appears (shown or modal) is walked
    for unnamed interactive widgets and closed. Screens added later are covered too."""
    window, _sid = session_window
    problems: list[str] = []
    seen: set[str] = set()

    def walk_and_close() -> None:
        for top in QApplication.topLevelWidgets():
            if isinstance(top, QDialog) and top.isVisible():
                if not type(top).__module__.startswith("PySide6"):  # Qt's stock dialogs
                    seen.add(type(top).__name__)
                    problems.extend(
                        f"{type(top).__name__}: {w}" for w in interactive_without_name(top)
                    )
                top.reject()
                top.deleteLater()

    sweeper = QTimer()
    sweeper.setInterval(50)
    sweeper.timeout.connect(walk_and_close)
    sweeper.start()
    skip = ("quit", "delete", "export", "import", "presentation")
    for action in window.findChildren(QAction):
        name = action.objectName().lower()
        if not name or any(word in name for word in skip) or not action.isEnabled():
            continue
        action.trigger()
        walk_and_close()
    sweeper.stop()
    qtbot.wait(50)  # let the closed dialogs be deleted
    assert problems == []
    for cls in dialog_classes():
        assert cls.__name__ in seen, f"{cls.__name__} was never opened from the window"
    assert interactive_without_name(window) == []


# -- start-up and version ----------------------------------------------------------------------


def test_version_comes_from_pyproject() -> None:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        assert supervision_app.__version__ == tomllib.load(handle)["project"]["version"]


def test_the_bundle_keeps_every_qt_module_the_app_imports() -> None:
    """The PyInstaller spec's excludes never drop a Qt module that the app imports (QtNetwork
    was once excluded although the single-instance check needs QLocalSocket)."""
    spec = (ROOT / "packaging" / "supervision_app.spec").read_text(encoding="utf-8")
    block = re.search(r"QT_EXCLUDES = \[(.*?)\n\]", spec, re.S)
    assert block is not None
    excluded = set(" ".join(re.findall(r'"([^"]*)"', block.group(1))).split())
    assert {"QtWebEngineCore", "QtQml"} <= excluded  # the block was read
    imported = set()
    for path in (ROOT / "supervision_app").rglob("*.py"):
        imported |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert "QtNetwork" in imported
    assert sorted(imported & excluded) == []


def test_the_bundle_keeps_every_package_the_app_imports_and_finds_its_hidden_imports() -> None:
    """The spec's other excludes drop no package the app imports (pypdf was once excluded
    although password-protected export needs it), and every hidden import it names exists
    (a module that moved would silently leave the bundle without it)."""
    spec = (ROOT / "packaging" / "supervision_app.spec").read_text(encoding="utf-8")
    block = re.search(r"OTHER_EXCLUDES = \[(.*?)\]", spec, re.S)
    assert block is not None
    excluded = set(re.findall(r'"([^"]*)"', block.group(1)))
    assert "tkinter" in excluded  # the list was read
    imported = set()
    for path in (ROOT / "supervision_app").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        imported |= set(re.findall(r"^\s*(?:from|import) ([A-Za-z_]\w*)", text, re.M))
    assert "pypdf" in imported
    assert sorted(imported & excluded) == []
    hidden = re.search(r"hiddenimports=\[(.*?)\n    \]", spec, re.S)
    assert hidden is not None
    names = [n for n in re.findall(r'^\s*"([\w.]+)"', hidden.group(1), re.M)]
    assert "supervision_app.record.pdf" in names
    missing = [n for n in names if importlib.util.find_spec(n) is None]
    assert missing == []


def test_gui_smoke_test_opens_and_closes_the_window(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "SUPERVISION_APP_PASSPHRASE": "a smoke-test passphrase",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "supervision_app",
            "gui",
            "--smoke-test",
            "--db",
            str(tmp_path / "s.db"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "window shown" in result.stdout
    assert (tmp_path / "s.db").is_file()
