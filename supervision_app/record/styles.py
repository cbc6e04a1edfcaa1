"""What the record looks like and says, shared by the HTML and PDF renderers.

Both renderers take their wording, colours and text clean-up from here, so the
preview on screen and the filed PDF cannot drift apart.  This module imports
nothing heavy (no Jinja2, no ReportLab).

User text is made printable by :func:`printable_text`.  It never drops a
character silently: anything that cannot be shown is replaced by a visible
marker naming its code point, such as ``[U+0007]``, so a reader of the filed
record can see that something was there and what it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

TAB_SPACES = 4

#: Line breaks in any of the forms a clipboard or another program may hand us.
_LINE_BREAKS = re.compile("\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")
#: C0 controls except tab and newline, DEL, and lone surrogates (never valid in a document).
_UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")


def code_point_marker(char: str) -> str:
    """The visible stand-in for a character that cannot be shown: ``[U+0007]``."""
    return f"[U+{ord(char):04X}]"


def printable_text(text: str) -> str:
    """User text with line breaks normalised to ``\\n`` and nothing unshowable left in it.

    - ``\\r\\n``, ``\\r``, U+2028, U+2029, NEL, VT and FF become ``\\n``;
    - a tab becomes four spaces (renderers keep leading spaces as indentation);
    - other control characters (U+0000 to U+001F, U+007F) and lone surrogates
      become a visible ``[U+XXXX]`` marker rather than being dropped.

    The result is still plain text: each renderer escapes it for its own format.
    """
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " " * TAB_SPACES)
    return _UNPRINTABLE.sub(lambda m: code_point_marker(m.group()), text)


def format_date_text(value: date | None) -> str:
    """'3 Feb 2027' on every platform (``%-d`` does not exist on Windows)."""
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"


def format_datetime_text(value: datetime | None) -> str:
    """'3 Feb 2027, 14:05'."""
    if value is None:
        return ""
    return f"{format_date_text(value)}, {value:%H:%M}"


@dataclass(frozen=True, slots=True)
class Labels:
    """Every fixed phrase the record prints (one place to reword or translate)."""

    document_title: str = "Reflective supervision record"
    details: str = "Case and session details"  # the HTML details table's caption
    case_reference: str = "Case reference"
    session_date: str = "Date of supervision"
    practitioner: str = "Practitioner"
    supervisor: str = "Supervisor"
    attendees: str = "Attendees"
    children: str = "Children"
    agencies: str = "Agencies involved"
    none_recorded: str = "None recorded"
    stage: str = "Stage"
    source: str = "Source:"
    sources: str = "Sources:"
    retired: str = "(question from an earlier version of the prompts)"
    summary: str = "Summary"
    focus: str = "Focus today"
    question: str = "The practitioner's question:"
    main_worry: str = "Main worry for {child}:"
    check_in: str = "Check-in"
    check_in_note: str = "Printed at the practitioner's choice."
    reflection: str = "Key reflection:"
    #: Signs of Safety's three questions (as ``domain.opening_closing.SUMMARY_COLUMNS`` asks them).
    worries: str = "What are we worried about?"
    working_well: str = "What is working well?"
    needs_to_happen: str = "What needs to happen?"
    scaling: str = "Safety scaling"
    scaling_anchors: str = "Scale: {anchors}."
    not_scaled: str = "not scaled"
    next_review: str = "Next review:"
    no_next_review: str = "not set"
    themes_not_chosen: str = "Themes not chosen today: {themes}."
    escalation_level_on: str = "Stage on {date}"
    escalation_status_on: str = "Status on {date}"
    decisions: str = "Decisions"
    rationale: str = "Rationale:"
    no_decisions: str = "No decisions recorded."
    actions: str = "Actions"
    no_actions: str = "No actions recorded."
    action_number: str = "No."
    action_description: str = "Action"
    action_owner: str = "Owner"
    action_due: str = "Due"
    action_status: str = "Status"
    continued_below: str = "… (continued below the table)"
    continued_heading: str = "{what} (continued from the table)"
    action_row: str = "Action {number}"
    generated: str = "Record generated"
    last_edited: str = "Session last edited"
    app_version: str = "App version"
    content_version: str = "Practice content version"
    session_id: str = "Session ID"
    page: str = "Page {page} of {total}"
    previous_actions: str = "Previous actions reviewed"
    no_previous_actions: str = "None recorded. No actions from earlier sessions were reviewed."
    previous_update: str = "Update"
    escalations: str = "Escalations"
    no_escalations: str = "None recorded."
    escalation_raised: str = "Raised"
    escalation_concern: str = "Concern"
    escalation_with: str = "Raised with"
    escalation_level: str = "Level"
    escalation_status: str = "Status"
    escalation_outcome: str = "Outcome:"
    hypotheses: str = "Hypotheses"
    hypothesis: str = "Hypothesis"
    hypothesis_status: str = "Status"
    no_hypotheses: str = "None recorded."
    hypothesis_raised: str = "raised"
    hypothesis_basis: str = "Based on:"
    hypothesis_test: str = "How it will be tested:"
    hypothesis_reviews: str = "Reviews:"
    hypothesis_evaluation: str = "Evaluation:"
    ratings: str = "Scaling in this session"
    child_safety: str = "How safe is the child? (0 to 10)"
    worker_safety: str = "How safe and authoritative does the worker feel? (0 to 10)"
    not_rated: str = "Not rated"
    changes: str = "Changes since sign-off"
    changes_note: str = (
        "This record is printed as it was signed. Since sign-off the case file has changed "
        "as follows; these changes are not part of the signed record:"
    )
    wellbeing: str = "Practitioner wellbeing"
    wellbeing_note: str = "Included at the practitioner's request."
    signoff: str = "Sign-off"
    signed: str = "Signed"
    not_signed: str = "Not signed"
    signed_on: str = "Signed on"
    name: str = "Name"
    role: str = "Role"
    comment: str = "Comment:"
    disagreement: str = "Recorded disagreement:"
    draft: str = (
        "DRAFT: this record has not been signed by both the practitioner and the supervisor."
    )
    addenda: str = "Addenda"
    addendum: str = "Addendum {number}"
    addendum_by: str = "written {when} by {author}, {role}"
    late_entry: str = "LATE ENTRY (more than {days} days after the session)"
    addenda_note: str = "Added after sign-off. The record above is unchanged."
    fingerprint: str = "Record fingerprint"
    fingerprint_note: str = (
        "SHA-256 of the signed record and its sign-off chain (first 80 bits). "
        "Check it with Verify records in the app or 'supervision-app verify'."
    )
    no_fingerprint: str = "none (the record is not signed yet)"
    audit: str = "Audit trail"
    audit_when: str = "When"
    audit_user: str = "Who"
    audit_event: str = "What"
    extract_title: str = "Supervision extract for the child's file"
    extract_note: str = (
        "Decisions, actions and escalations only. The full supervision record is held "
        "separately; it shows the same fingerprint."
    )
    template_title: str = "Reflective supervision: paper record"
    template_note: str = (
        "For supervision held on paper. Write in the spaces; enter it in the app afterwards "
        "or file this sheet as it is."
    )
    recovery_title: str = "Agency recovery key"
    recovery_lead: str = (
        "This key opens the supervision records on one computer if the passphrase is "
        "forgotten. It holds no case information."
    )
    recovery_issued: str = "Issued"
    recovery_database: str = "Database"
    recovery_key_file: str = "Key file (back it up with the database)"
    recovery_keep: str = (
        "Keep this sheet where your agency keeps its keys (for example in the team safe), "
        "never with the laptop. Anyone holding it and a copy of the database can read the "
        "records. When a new recovery key is issued, this one stops working: destroy the sheet."
    )


LABELS = Labels()


@dataclass(frozen=True, slots=True)
class Palette:
    """Colours as hex strings, usable in CSS and by ReportLab's ``HexColor``."""

    ink: str = "#1b1f24"
    muted: str = "#5c6670"
    accent: str = "#1f4e79"
    rule: str = "#b8c4d0"
    banner: str = "#e8ecf0"
    label_bg: str = "#f3f5f7"
    table_header: str = "#dde5ed"
    table_grid: str = "#a9b6c3"


PALETTE = Palette()
