"""The structured tools in the guided flow, driven through real widgets."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from test_gui import interactive_without_name, make_case, open_session, open_window, type_text

from supervision_app.content import load_content_with_packs
from supervision_app.storage import SupervisionStore
from supervision_app.ui.content_packs_dialog import ContentPacksDialog

DANGER = "professional_curiosity.dangerousness_check"
DAY = "lived_experience.day_in_life_tool"
SHARING = "assessment_recording.information_sharing"


def test_tools_are_filled_in_autosaved_and_shown_again(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    _case_id, session_id = make_case(store)
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    view = window.session_view
    for prompt_id in (DANGER, DAY, SHARING):  # the tools appear when they are on the agenda
        view.focus.agenda.add_prompt(prompt_id)

    view.go_to_prompt(DANGER)  # shown, as the user sees it
    checklist = view.editor_for(DANGER)
    yes = checklist.groups["rule_of_optimism"].buttons()[0]
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    checklist.notes["rule_of_optimism"].setFocus()
    type_text(qtbot, checklist.notes["rule_of_optimism"], "Mum's engagement reassured us")
    unsure = checklist.groups["start_again"].buttons()[2]
    qtbot.mouseClick(unsure, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(unsure, Qt.MouseButton.LeftButton)  # a second click clears the mark

    view.go_to_prompt(DAY)  # shown, as the user sees it
    day = view.editor_for(DAY)
    assert [day.tabs.tabText(i) for i in range(day.tabs.count())] == ["K"]
    night = day.texts[("K", "night")]
    night.setFocus()
    type_text(qtbot, night, "Bare mattress")
    day.bases[("K", "night")].setCurrentIndex(1)  # Seen

    view.go_to_prompt(SHARING)  # shown, as the user sees it
    sharing = view.editor_for(SHARING)
    qtbot.mouseClick(sharing.add_button, Qt.MouseButton.LeftButton)
    assert len(sharing.rows) == 2
    row = sharing.rows[0][1]
    row["who"].setFocus()
    type_text(qtbot, row["who"], "GP")
    row["decision"].setCurrentIndex(1)

    view.wait_for_saves(10)
    qtbot.waitUntil(lambda: not window.bridge.dirty_keys())
    window.close()

    detail = store.sessions.get_session(session_id)
    items = {i["id"]: i for i in detail.structured[DANGER].data["items"]}
    assert items["rule_of_optimism"]["answer"] == "Yes"
    assert items["rule_of_optimism"]["note"] == "Mum's engagement reassured us"
    assert items["start_again"]["answer"] == ""
    period = detail.structured[DAY].data["children"][0]["periods"][3]
    assert (period["text"], period["basis"]) == ("Bare mattress", "Seen")
    assert detail.structured[SHARING].data["rows"] == [
        {"who": "GP", "decision": "Share", "reason": "", "what": ""}
    ]

    again = open_window(qtbot, store, content, db_path)
    open_session(qtbot, again, session_id)
    checklist = again.session_view.editor_for(DANGER)
    assert checklist.choice("rule_of_optimism") == "Yes"
    assert again.session_view.editor_for(DAY).texts[("K", "night")].toPlainText() == (
        "Bare mattress"
    )
    assert again.session_view.editor_for(SHARING).rows[0][1]["who"].text() == "GP"
    again.close()


def test_every_tool_widget_has_an_accessible_name(
    qtbot, store: SupervisionStore, content, db_path: Path
) -> None:
    _case_id, session_id = make_case(store)
    window = open_window(qtbot, store, content, db_path)
    open_session(qtbot, window, session_id)
    view = window.session_view
    for stage in content.stages:  # every tool on the agenda
        for prompt in stage.prompts:
            if prompt.structured:
                view.focus.agenda.add_prompt(prompt.id)
    for row in list(view.slots):
        view.stage_page(row)
    assert interactive_without_name(window.session_view) == []
    window.close()


def test_content_packs_report_lists_loaded_and_skipped_packs(
    qtbot, tmp_path: Path, isolated_data_dir: Path
) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "content-packs" / "example-agency"
    packs = isolated_data_dir / "content-packs"
    shutil.copytree(example, packs / "a-good")
    shutil.copytree(example, packs / "b-broken")
    (packs / "b-broken" / "pack.toml").write_text("schema_version = 1\nid = 'x'\n", "utf-8")
    content = load_content_with_packs()
    dialog = ContentPacksDialog(None, content=content)
    qtbot.addWidget(dialog)
    report = dialog.details.toPlainText()
    assert "Example Borough Health Visiting Service (fictional)" in report
    assert "b-broken" in report and "name must be non-empty text" in report
    assert interactive_without_name(dialog) == []
