"""The escalation tracker measured against the local policy: the built-in default route, or an
agency pack's stages and timescales; stepping up keeps the history; shown in the window and in
the case summary PDF."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from supervision_app.content.packs import load_content_with_packs
from supervision_app.content.patterns import load_patterns
from supervision_app.domain import ValidationError
from supervision_app.domain.escalation import (
    DEFAULT_ROUTE,
    escalation_clock,
    escalation_route,
    route_stage,
    stage_days,
)
from supervision_app.record.case_summary import build_case_summary
from supervision_app.record.pdf.case_summary import render_case_summary
from supervision_app.storage import SupervisionStore
from tests.helpers import make_case

EXAMPLE_PACKS = Path(__file__).resolve().parents[2] / "examples" / "content-packs"
JUN1, JUN3, JUN12 = date(2026, 6, 1), date(2026, 6, 3), date(2026, 6, 12)


def _agency_content():
    content = load_content_with_packs(pack_roots=[EXAMPLE_PACKS])
    assert content.escalation_policy is not None, content.pack_problems
    return content


def test_without_a_pack_the_built_in_route_is_used_and_says_so(content) -> None:
    route = escalation_route(content.escalation_policy)
    assert route is DEFAULT_ROUTE and "default" in route.name
    assert route.stages[0].name == "Practitioner to practitioner"
    assert route_stage(route, 9) is route.stages[-1]  # past the end: the last stage


def test_the_clock_runs_against_the_agency_timescale_for_the_current_stage(
    store: SupervisionStore,
) -> None:
    route = escalation_route(_agency_content().escalation_policy)
    first, second = route.stages[0], route.stages[1]
    assert (first.name, first.days, second.days) == ("Practitioner to practitioner", 2, 5)
    case_id = make_case(store)
    esc = store.memory.raise_escalation(
        case_id, "Refused referral", "MASH social worker", JUN1, stage_days(first),
        stage_name=first.name,
    )  # fmt: skip
    [e] = store.memory.case_history(case_id).escalations
    clock = escalation_clock(e, JUN3)
    assert (clock.stage, clock.stage_name, clock.days_at_stage, clock.days_allowed) == (
        1, "Practitioner to practitioner", 2, 2)  # fmt: skip
    assert not clock.overdue and escalation_clock(e, date(2026, 6, 4)).overdue

    store.memory.step_up_escalation(esc, "MASH team manager", JUN3, "no reply", None,
                                    second.name, stage_days(second))  # fmt: skip
    [e] = store.memory.case_history(case_id).escalations
    clock = escalation_clock(e, JUN12)
    assert clock.summary == "9 days at this stage; the policy allows 5: overdue"
    assert (clock.with_whom, clock.raised_on, clock.days_open) == ("MASH team manager", JUN1, 11)
    # stepping up kept the first stage as it was
    assert [(s.stage, s.name, s.with_whom, s.on, s.days) for s in e.steps] == [
        (1, "Practitioner to practitioner", "MASH social worker", JUN1, 2),
        (2, "Managers or safeguarding leads", "MASH team manager", JUN3, 5),
    ]
    try:
        store.memory.step_up_escalation(esc, "Someone", JUN12, stage=2)
    except ValidationError as exc:
        assert "later stage" in " ".join(exc.problems)
    else:  # pragma: no cover
        raise AssertionError("stepping back to the same stage was accepted")


def test_the_window_offers_the_policy_stages_and_shows_the_clock(qtbot, store, db_path) -> None:
    from tests.ui.test_gui import open_window

    content = _agency_content()
    case_id = make_case(store)
    session_id = store.sessions.create_session(case_id, JUN12, ["A"], "1")
    window = open_window(qtbot, store, content, db_path)
    window.reload_cases(select_session=session_id)
    qtbot.waitUntil(lambda: window.session_view.session_id == session_id)
    window.session_view.show_memory(True)  # a first session opens on its pages
    panel = window.session_view.memory_panel
    [raise_button] = panel.findChildren(QPushButton, "raiseEscalationButton")
    qtbot.mouseClick(raise_button, Qt.MouseButton.LeftButton)
    dialog = panel.recorder.last_dialog
    combo = dialog.inputs["stage"]
    assert combo.itemText(0) == "1. Practitioner to practitioner (2 days)"
    assert combo.count() == 4
    assert dialog.inputs["days"].value() == 2  # the agency's timescale for stage 1
    qtbot.keyClicks(dialog.inputs["subject"], "Refused referral")
    qtbot.keyClicks(dialog.inputs["with"], "MASH social worker")
    dialog.inputs["on"].setDate(date(2026, 6, 5))
    dialog.ok_button.click()
    assert not dialog.isVisible(), dialog.problems_label.text()
    texts = [label.text() for label in panel.findChildren(type(dialog.problems_label))]
    assert "7 days at this stage; the policy allows 2: overdue" in texts
    assert any("Example Borough" in t for t in texts)

    [step_button] = panel.findChildren(QPushButton, "stepUpButton")
    qtbot.mouseClick(step_button, Qt.MouseButton.LeftButton)
    dialog = panel.recorder.last_dialog
    assert dialog.inputs["stage"].itemText(0) == "2. Managers or safeguarding leads (5 days)"
    assert dialog.inputs["days"].value() == 5
    dialog.inputs["stage"].setCurrentIndex(2)  # the partnership: its timescale follows
    assert dialog.inputs["days"].value() == 10
    dialog.inputs["stage"].setCurrentIndex(0)
    qtbot.keyClicks(dialog.inputs["with"], "MASH team manager")
    dialog.ok_button.click()
    assert not dialog.isVisible(), dialog.problems_label.text()
    [e] = store.memory.case_history(case_id).escalations
    assert [(s.stage, s.name, s.days, s.session_id) for s in e.steps] == [
        (1, "Practitioner to practitioner", 2, session_id),
        (2, "Managers or safeguarding leads", 5, session_id),
    ]


def test_the_case_summary_prints_the_stage_and_the_clock(store: SupervisionStore) -> None:
    content = _agency_content()
    case_id = make_case(store)
    esc = store.memory.raise_escalation(case_id, "Refused referral", "MASH social worker", JUN1,
                                        2, stage_name="Practitioner to practitioner")  # fmt: skip
    store.memory.step_up_escalation(esc, "MASH team manager", JUN3, "", None,
                                    "Managers or safeguarding leads", 5)  # fmt: skip
    summary = build_case_summary(
        store.memory.case_history(case_id), content, load_patterns(content), JUN12
    )
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(render_case_summary(summary))).pages
    )
    assert "Stage 2: Managers or safeguarding leads" in text
    assert "with MASH team manager since 3 Jun 2026" in text
    assert "9 days at this stage; the policy allows 5: OVERDUE" in text
    assert "1. Practitioner to practitioner: MASH social worker (1 Jun 2026)" in text


def test_the_session_record_names_the_stage_and_the_clock_on_its_date(
    store: SupervisionStore, content
) -> None:
    from supervision_app.services.records import load_record

    case_id = make_case(store)
    sid = store.sessions.create_session(case_id, JUN12, ["A"], "1")
    store.memory.raise_escalation(case_id, "Refused referral", "MASH team manager", JUN3, 5, sid,
                                  stage_name="Managers or safeguarding leads", stage=2)  # fmt: skip
    [printed] = load_record(store, sid, content).escalations
    assert printed.level == "Stage 2: Managers or safeguarding leads"
    assert printed.status == "Open (9 days at this stage; the policy allows 5: overdue)"
