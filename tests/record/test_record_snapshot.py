"""The integrity snapshot: a signed record prints as signed, whatever happens to the case later.

Signs a record, then changes the case and later sessions through the app's own services
(rename the case, review the session's actions in a following session, update its
hypothesis and escalation, re-rate it), and checks that verify stays clean and that the
PDF and HTML say exactly what they said at sign-off, plus a labelled "Changes since
sign-off" note.  Also: upgrading a database from before snapshots, with records
signed then.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime

import pytest
from helpers import make_case, make_full_session, open_db, raw_connection
from pdf_text import pdf_pages, squash

from supervision_app.domain import CaseInput, Child, Party, SignOffInput
from supervision_app.domain.memory import HypothesisStatus, ReviewOutcome
from supervision_app.record.html import render_html
from supervision_app.record.pdf import render_pdf
from supervision_app.record.pdf.documents import render_extract
from supervision_app.services.records import load_record
from supervision_app.storage import SupervisionStore
from supervision_app.storage.chain import GENESIS, canonical_content, link_hash
from supervision_app.storage.identity import SCHEMA_VERSION
from supervision_app.storage.loading import load_detail
from supervision_app.storage.models import ChainSealRow
from supervision_app.storage.signing import chain_links, link_dict
from supervision_app.storage.sqlite.migrations import MIGRATIONS
from supervision_app.storage.sqlite.schema import backup_path_for
from tests.agency_server import SIGNS_AS_NAMED_PEOPLE

FIXED = datetime(2026, 12, 1, 9, 0)


pytestmark = pytest.mark.both_backends  # `store` on SQLite and on the agency server


def sign(store: SupervisionStore, session_id: int) -> None:
    store.signing.sign_session(
        session_id, SignOffInput(Party.PRACTITIONER, "Alex Practitioner", "Social worker")
    )
    store.signing.sign_session(
        session_id, SignOffInput(Party.SUPERVISOR, "Jo Supervisor", "Team manager", "Agreed.")
    )


@pytest.fixture
def history(store: SupervisionStore) -> dict[str, int]:
    """A case with an earlier session, the session to sign (with case memory) and its ids."""
    store.settings.set_current_user("Jo Supervisor", "Team manager")
    case_id = make_case(store)
    earlier = store.sessions.create_session(case_id, date(2026, 10, 5), ["Alex", "Jo"], "1.0.0")
    old_action = store.sessions.add_action(earlier, "Check school attendance", "Alex", date(2026, 10, 20))
    session_id = make_full_session(store, case_id)
    memory = store.memory
    memory.review_action(
        old_action.id, ReviewOutcome.CARRIED_FORWARD, "School closed for half term",
        session_id=session_id, on=date(2026, 11, 2), new_due=date(2026, 11, 30),
    )  # fmt: skip
    hypothesis = memory.add_hypothesis(
        case_id, "Mother's new partner is the source of the bruising", date(2026, 11, 2),
        session_id=session_id,
    )  # fmt: skip
    escalation = memory.raise_escalation(
        case_id, "Health visitor has not seen the baby", "Health visiting team leader",
        date(2026, 11, 2), session_id=session_id,
    )  # fmt: skip
    memory.set_rating(session_id, 4, 6)
    return {
        "case": case_id,
        "session": session_id,
        "old_action": old_action.id,
        "hypothesis": hypothesis,
        "escalation": escalation,
    }


def _record(store, content, session_id):
    return dataclasses.replace(load_record(store, session_id, content), generated_at=FIXED)


def _later_changes(store: SupervisionStore, ids: dict[str, int]) -> None:
    """Everything a team might legitimately do to the case after the record was signed."""
    store.cases.update_case(
        ids["case"],
        CaseInput(
            reference="C-200/RENAMED",
            practitioner="Alex Practitioner",
            supervisor="Sam Newmanager",
            agencies=["Children's Social Care"],
            children=[Child("K", date(2019, 3, 14))],
        ),
    )
    following = store.sessions.create_session(ids["case"], date(2026, 12, 7), ["Alex", "Sam"], "1.0.0")
    detail = store.sessions.get_session(ids["session"])
    for action in detail.actions:
        store.memory.review_action(
            action.id, ReviewOutcome.DONE, "", session_id=following, on=date(2026, 12, 7)
        )
    store.memory.review_action(
        ids["old_action"], ReviewOutcome.DONE, "", session_id=following, on=date(2026, 12, 7)
    )
    store.memory.update_hypothesis(
        ids["hypothesis"], HypothesisStatus.SUPPORTED, "Police disclosure confirms it.",
        date(2026, 12, 7), session_id=following,
    )  # fmt: skip
    store.memory.step_up_escalation(ids["escalation"], "Head of service", date(2026, 12, 7))
    store.memory.set_rating(ids["session"], 7, 8)


@pytest.mark.sqlite_only(reason=SIGNS_AS_NAMED_PEOPLE)
def test_a_signed_record_prints_as_signed_after_later_changes(store, content, history) -> None:
    session_id = history["session"]
    sign(store, session_id)
    before = _record(store, content, session_id)
    assert before.changes == ()
    before_pdf = squash("\n".join(pdf_pages(render_pdf(before))))
    before_extract = squash("\n".join(pdf_pages(render_extract(before))))
    for shown in (
        "C-100", "Jo Supervisor", "Health Visiting", "Baby", "Check school attendance",
        "Carried forward: School closed for half term", "Mother's new partner",
        "Health visiting team leader", "Hypotheses", "4 / 10", "6 / 10",
    ):  # fmt: skip
        assert squash(shown) in before_pdf, shown

    _later_changes(store, history)

    assert [(r.session_id, r.ok) for r in store.signing.verify_all() if r.fingerprint] == [
        (session_id, True)
    ]
    after = _record(store, content, session_id)
    # everything the record says is what it said at sign-off (printed at the same minute:
    # the two renders may fall either side of a minute's turn) ...
    unchanged = dataclasses.replace(after, changes=(), generated_at=before.generated_at)
    assert squash("\n".join(pdf_pages(render_pdf(unchanged)))) == before_pdf
    assert squash("\n".join(pdf_pages(render_extract(unchanged)))) == before_extract
    assert render_html(unchanged) == render_html(before)
    # ... with the changes listed, clearly labelled, instead of silently changing it
    changes = "\n".join(after.changes)
    for expected in (
        "The case reference is now “C-200/RENAMED”",
        "The supervisor is now “Sam Newmanager”",
        "agencies involved are now: Children's Social Care",
        "children's details",
        "Action 1 (“Visit unannounced”): status now Done",
        "Previous action “Check school attendance”: status now Done",
        "safety ratings",
    ):
        assert expected in changes, expected
    # the escalation was stepped up after the session: the record shows each escalation as it
    # stood on the session's date (issue 15), so the later step belongs to the later record
    assert "Head of service" not in changes
    # a hypothesis reviewed in a later session: this record shows hypotheses as they stood at
    # its own session, so the later review belongs to the later record, not to this one's changes
    assert "Supported" not in changes
    after_pdf = squash("\n".join(pdf_pages(render_pdf(after))))
    assert squash("Changes since sign-off") in after_pdf
    assert squash("these changes are not part of the signed record") in after_pdf
    assert squash("The case reference is now “C-200/RENAMED”") in after_pdf
    assert squash("Changes since sign-off") in squash("\n".join(pdf_pages(render_extract(after))))
    assert "Changes since sign-off" in render_html(after)
    assert "C-200/RENAMED" not in render_html(unchanged)


def test_a_draft_record_shows_live_data_and_no_changes_note(store, content, history) -> None:
    store.cases.update_case(
        history["case"],
        CaseInput("C-300", "Alex Practitioner", "Jo Supervisor", [], [Child("K")]),
    )
    record = load_record(store, history["session"], content)
    assert record.case_reference == "C-300" and record.changes == ()
    assert store.signing.signed_snapshot(history["session"]) is None


@pytest.mark.sqlite_only(reason=SIGNS_AS_NAMED_PEOPLE)
def test_addenda_after_later_changes_still_chain_on_the_snapshot(store, content, history) -> None:
    sign(store, history["session"])
    fingerprint = store.signing.integrity(history["session"]).fingerprint
    _later_changes(store, history)
    store.signing.add_addendum(history["session"], "Jo Supervisor", "Team manager", "Police replied.")
    result = store.signing.verify_session(history["session"])
    assert result.ok and result.fingerprint != fingerprint
    assert load_record(store, history["session"], content).case_reference == "C-100"


@pytest.mark.sqlite_only(reason=SIGNS_AS_NAMED_PEOPLE)
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE answers SET text = 'edited' WHERE prompt_id = 'escalation.y'",
        "UPDATE record_snapshots SET content = replace(content, 'Bruising', 'Brushing')",
        "UPDATE record_snapshots SET content = replace(content, '\"rating\": {', '\"x\": {')",
        "UPDATE record_snapshots SET content = '{}'",
        "UPDATE record_snapshots SET content = 'not json'",
        "UPDATE record_snapshots SET session_id = 999",
    ],
)
def test_tampering_with_the_snapshot_is_detected(store, history, db_path, sql) -> None:
    sign(store, history["session"])
    _later_changes(store, history)
    connection = raw_connection(db_path)
    try:
        connection.execute(sql)
        connection.commit()
    finally:
        connection.close()
    bad = [r for r in store.signing.verify_all() if not r.ok]
    assert [r.session_id for r in bad] == [history["session"]] and bad[0].problem


# -- upgrading a database from before snapshots ----------------------------------------------

#: The schema version before the snapshot step, and that step (found by name: later steps
#: follow it).
BEFORE_SNAPSHOTS = next(v for v, step in MIGRATIONS.items() if step.__name__ == "v4_to_v5")
SNAPSHOT_STEP = MIGRATIONS[BEFORE_SNAPSHOTS]


def _make_pre_snapshot(store: SupervisionStore, db_path, session_id: int) -> None:
    """Turn the signed session into one signed before snapshots (none, v1 content)."""
    with store.database.session() as session:
        detail = load_detail(session, session_id)
        previous, links = GENESIS, []
        for row in chain_links(session, session_id):
            links.append(link_dict(row))
            row.prev_hash = previous
            row.hash = previous = link_hash(previous, canonical_content(detail), links)
        seal = session.get(ChainSealRow, session_id)
        seal.head_hash = previous
    store.database.close()
    connection = raw_connection(db_path)
    try:
        connection.execute("DROP TABLE record_snapshots")
        connection.execute(
            "UPDATE app_meta SET value = ? WHERE key = 'schema_version'", (str(BEFORE_SNAPSHOTS),)
        )
        connection.commit()
    finally:
        connection.close()


@pytest.mark.parametrize("renamed_before_upgrade", [False, True])
def test_upgrading_keeps_old_signed_records_verifiable(
    db_path, content, renamed_before_upgrade
) -> None:
    database = open_db(db_path)
    store = SupervisionStore(database)
    store.settings.set_current_user("Jo Supervisor", "Team manager")
    case_id = make_case(store)
    signed, unsigned = make_full_session(store, case_id), None
    sign(store, signed)
    unsigned = store.sessions.create_session(case_id, date(2026, 12, 1), ["Alex"], "1.0.0")
    _make_pre_snapshot(store, db_path, signed)
    if renamed_before_upgrade:  # the old version then failed it; the upgrade heals it
        connection = raw_connection(db_path)
        connection.execute("UPDATE cases SET reference = 'C-101'")
        connection.commit()
        connection.close()

    database = open_db(db_path)  # runs the snapshot step
    try:
        store = SupervisionStore(database)
        assert "record_snapshots" in SNAPSHOT_STEP.__doc__ + str(SNAPSHOT_STEP.__code__.co_consts)
        assert backup_path_for(db_path, SCHEMA_VERSION).exists()
        assert [r.ok for r in store.signing.verify_all()] == [True, True]
        assert store.signing.signed_snapshot(signed) is None  # printed from live data, as before
        store.cases.update_case(
            case_id, CaseInput("C-102", "Alex Practitioner", "Jo Supervisor", [], [Child("K")])
        )
        assert [r.ok for r in store.signing.verify_all()] == [True, True]
        store.signing.add_addendum(signed, "Jo Supervisor", "Team manager", "After the upgrade.")
        sign(store, unsigned)  # new signatures take a snapshot
        assert store.signing.signed_snapshot(unsigned) is not None
        assert [r.ok for r in store.signing.verify_all()] == [True, True]
        assert load_record(store, signed, content).case_reference == "C-102"
    finally:
        database.close()
    connection = raw_connection(db_path)
    try:  # tampering with the kept reference is still detected
        connection.execute("UPDATE record_snapshots SET content = '{\"case_reference\": \"X\"}' "
                           f"WHERE session_id = {signed}")  # fmt: skip
        connection.commit()
        rows = connection.execute("SELECT count(*) FROM record_snapshots").fetchone()
        SNAPSHOT_STEP(connection)  # idempotent: a second run adds and changes nothing
        assert connection.execute("SELECT count(*) FROM record_snapshots").fetchone() == rows
        connection.commit()
    finally:
        connection.close()
    database = open_db(db_path)
    try:
        assert [r.ok for r in SupervisionStore(database).signing.verify_all()] == [False, True]
    finally:
        database.close()


def _reorder_actions(snapshot: dict) -> None:
    snapshot["actions"].reverse()
    snapshot["action_details"].reverse()


def _drop_last_answer(snapshot: dict) -> None:
    snapshot["answers"].pop(sorted(snapshot["answers"])[-1])


def _edit_escalation(snapshot: dict) -> None:
    snapshot["escalations"][0]["with_whom"] = "Nobody"


@pytest.mark.sqlite_only(reason=SIGNS_AS_NAMED_PEOPLE)
@pytest.mark.parametrize("tamper", [_reorder_actions, _drop_last_answer, _edit_escalation])
def test_rewritten_snapshot_json_is_detected(store, history, db_path, tamper) -> None:
    """Valid JSON, rewritten: reordered, shortened or edited content all break the chain."""
    sign(store, history["session"])
    connection = raw_connection(db_path)
    try:
        (content,) = connection.execute("SELECT content FROM record_snapshots").fetchone()
        snapshot = json.loads(content)
        tamper(snapshot)
        connection.execute("UPDATE record_snapshots SET content = ?", (json.dumps(snapshot),))
        connection.commit()
    finally:
        connection.close()
    result = store.signing.verify_session(history["session"])
    assert not result.ok and result.problem
