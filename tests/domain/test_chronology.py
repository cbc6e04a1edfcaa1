"""The case chronology is assembled from events, decisions and escalations across sessions."""

from __future__ import annotations

from datetime import date

from supervision_app.domain.chronology import assemble_chronology
from supervision_app.domain.memory import EventKind, ReferralOutcome
from supervision_app.storage import SupervisionStore
from tests.helpers import make_case


def test_chronology_assembles_every_source_in_date_order(store: SupervisionStore) -> None:
    case_id = make_case(store)
    jan = store.sessions.create_session(case_id, date(2026, 1, 6), ["A"], "1")
    mar = store.sessions.create_session(case_id, date(2026, 3, 3), ["A"], "1")
    store.memory.add_event(case_id, date(2026, 2, 14), EventKind.SIGNIFICANT_EVENT,
                           "New partner, Dean, moved in", "Told by nursery")  # fmt: skip
    store.memory.add_event(case_id, date(2026, 1, 2), EventKind.REFERRAL, "Referral to MASH",
                           outcome=ReferralOutcome.REFUSED, session_id=jan)  # fmt: skip
    store.memory.add_event(case_id, date(2026, 2, 20), EventKind.WAS_NOT_BROUGHT, "2-year review")
    store.sessions.add_decision(mar, "Re-refer to MASH", "Second bruise and new partner")
    esc = store.memory.raise_escalation(case_id, "Refused referral", "MASH manager",
                                        date(2026, 1, 8), 5, jan)  # fmt: skip
    store.memory.step_up_escalation(esc, "Head of Service", date(2026, 1, 20))
    store.memory.close_escalation(esc, "Decision upheld", date(2026, 1, 30))

    lines = [
        (e.on.isoformat(), e.kind, e.title)
        for e in assemble_chronology(store.memory.case_history(case_id))
    ]
    assert lines == [
        ("2026-01-02", EventKind.REFERRAL, "Referral to MASH — refused"),
        ("2026-01-08", EventKind.ESCALATION, "Escalation raised with MASH manager: Refused referral"),
        ("2026-01-20", EventKind.ESCALATION,
         "Escalation stepped up to stage 2 with Head of Service: Refused referral"),
        ("2026-01-30", EventKind.ESCALATION, "Escalation closed: Refused referral"),
        ("2026-02-14", EventKind.SIGNIFICANT_EVENT, "New partner, Dean, moved in"),
        ("2026-02-20", EventKind.WAS_NOT_BROUGHT, "2-year review"),
        ("2026-03-03", EventKind.DECISION, "Re-refer to MASH"),
    ]  # fmt: skip
