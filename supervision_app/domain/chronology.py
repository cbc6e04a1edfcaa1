"""Assemble a case's chronology from everything recorded across its sessions."""

from __future__ import annotations

from supervision_app.domain.memory import CaseHistory, EventKind, TimelineEntry


def assemble_chronology(history: CaseHistory) -> list[TimelineEntry]:
    """Events, decisions and escalation steps, oldest first."""
    entries: list[TimelineEntry] = []
    for e in history.events:
        title = e.title
        if e.kind is EventKind.REFERRAL and e.outcome.label:
            title = f"{title} — {e.outcome.label.lower()}"
        entries.append(TimelineEntry(e.on, e.kind, title, e.detail, "event", e.id, e.session_id))
    for d in history.decisions:
        entries.append(
            TimelineEntry(
                d.on, EventKind.DECISION, d.text, d.rationale, "decision", d.id, d.session_id
            )
        )
    for esc in history.escalations:
        for index, step in enumerate(esc.steps):
            if index == 0:  # raised, perhaps at a later stage of the policy than the first
                verb = "Escalation raised" + (f" at stage {step.stage}" if step.stage > 1 else "")
            else:
                verb = f"Escalation stepped up to stage {step.stage}"
            entries.append(
                TimelineEntry(
                    step.on,
                    EventKind.ESCALATION,
                    f"{verb} with {step.with_whom}: {esc.subject}",
                    step.note,
                    "escalation",
                    esc.id,
                    step.session_id,
                )
            )
        if not esc.is_open and esc.closed_on is not None:
            entries.append(
                TimelineEntry(
                    esc.closed_on,
                    EventKind.ESCALATION,
                    f"Escalation closed: {esc.subject}",
                    esc.outcome,
                    "escalation",
                    esc.id,
                    None,
                )
            )
    order = {"event": 0, "escalation": 1, "decision": 2}
    entries.sort(key=lambda t: (t.on, order[t.source], t.item_id))
    return entries
