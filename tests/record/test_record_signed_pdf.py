"""The signed record as PDF: sign-off block, addenda, fingerprint, extract, template, AES-256."""

from __future__ import annotations

import builtins
import dataclasses
import io
import os
import socket
import subprocess
import sys
import urllib.request

import pypdf
import pytest
from helpers import HOSTILE, TEST_PASSPHRASE, make_case, make_full_session
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_text import pdf_pages, squash
from record_samples import HOSTILE as HOSTILE_SAMPLES
from record_samples import record_with_answer
from test_record_render import assert_furniture_on_every_page

from supervision_app.domain import AuditEvent, Party, SignOffInput
from supervision_app.record import (
    RecordEscalation,
    RecordPreviousAction,
    RecordWellbeing,
    build_record,
)
from supervision_app.record.html import render_html
from supervision_app.record.pdf import render_pdf, stylesheet
from supervision_app.record.pdf.documents import (
    WeakProtectionError,
    protect_pdf,
    render_extract,
    render_template,
)
from supervision_app.services.records import load_record
from tests.agency_server import SIGNS_AS_NAMED_PEOPLE

pytestmark = pytest.mark.both_backends  # `store` on SQLite and on the agency server


def sign(store, session_id, *, wellbeing=False, disagreement=""):
    store.signing.sign_session(
        session_id,
        SignOffInput(Party.PRACTITIONER, "Alex Practitioner", "Social worker", "", disagreement,
                     include_wellbeing=wellbeing),
    )  # fmt: skip
    store.signing.sign_session(
        session_id, SignOffInput(Party.SUPERVISOR, "Jo Supervisor", "Team manager", "Agreed.")
    )


@pytest.fixture
def session_id(store):
    store.settings.set_current_user("Jo Supervisor", "Team manager")
    return make_full_session(store, make_case(store))


def text_of(data: bytes) -> str:
    return "\n".join(pdf_pages(data))


@pytest.mark.sqlite_only(reason=SIGNS_AS_NAMED_PEOPLE)
def test_signed_record_prints_signatures_addenda_and_the_fingerprint_verify_reports(
    store, content, session_id, db_path
):
    sign(store, session_id, disagreement="I disagree that the risk is low.")
    store.signing.add_addendum(session_id, "Jo Supervisor", "Team manager", "Police check returned.")
    record = load_record(store, session_id, content)
    data = render_pdf(record)
    pages = pdf_pages(data)
    assert_furniture_on_every_page(pages, record)
    flat = squash("\n".join(pages))
    for expected in (
        "Sign-off", "Alex Practitioner, Social worker", "Jo Supervisor, Team manager",
        "Recorded disagreement: I disagree that the risk is low.", "Comment: Agreed.",
        "Addendum 1, written", "LATE ENTRY", "Police check returned.",
        "Previous actions reviewed", "Escalations",
    ):  # fmt: skip
        assert squash(expected) in flat, expected
    assert "DRAFT" not in flat
    # the answer with markup, emoji and RTL text is still all there
    assert squash('Mum said <b>"fine"</b> & left;') in flat
    # the addendum comes after the sign-off, never mixed into the record above it
    assert flat.index("Addendum1") > flat.index("Sign-off")
    fingerprint = store.signing.verify_session(session_id).fingerprint
    assert fingerprint and squash(f"Record fingerprint: {fingerprint}") in flat
    store.database.close()  # one instance per database: the command line needs it closed
    result = subprocess.run(
        [sys.executable, "-m", "supervision_app", "verify", "--db", str(db_path)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "SUPERVISION_APP_PASSPHRASE": TEST_PASSPHRASE},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"fingerprint {fingerprint}" in result.stdout


def test_unsigned_record_is_marked_draft_without_fingerprint(store, content, session_id):
    flat = squash(text_of(render_pdf(load_record(store, session_id, content))))
    assert squash("DRAFT: this record has not been signed") in flat
    assert squash("Record fingerprint: none (the record is not signed yet)") in flat
    assert squash("Not signed") in flat


@pytest.mark.sqlite_only(reason=SIGNS_AS_NAMED_PEOPLE)
def test_audit_trail_printed_only_when_asked(store, content, session_id):
    sign(store, session_id)
    store.audit.record_event(session_id, AuditEvent.EXPORTED, "PDF")
    without = squash(text_of(render_pdf(load_record(store, session_id, content))))
    assert "Audittrail" not in without
    with_trail = squash(
        text_of(render_pdf(load_record(store, session_id, content, include_audit=True)))
    )
    assert "Audittrail" in with_trail
    assert squash("Jo Supervisor (Team manager)") in with_trail
    assert squash("Signed (as practitioner; recorded on this computer by") in with_trail
    assert squash("Exported (PDF)") in with_trail


@pytest.mark.sqlite_only(reason=SIGNS_AS_NAMED_PEOPLE)
@pytest.mark.parametrize("chosen", [True, False])
def test_wellbeing_prints_only_when_the_practitioner_chose_it(store, content, session_id, chosen):
    sign(store, session_id, wellbeing=chosen)
    wellbeing = RecordWellbeing((("How are you finding this case?", "Tired but supported."),))
    record = build_record(
        store.sessions.get_session(session_id), content,
        integrity=store.signing.integrity(session_id), wellbeing=wellbeing,
    )  # fmt: skip
    flat = squash(text_of(render_pdf(record)))
    assert ("Tiredbutsupported." in flat) is chosen
    assert ("Practitionerwellbeing" in flat) is chosen
    assert ("Tired but supported." in render_html(record)) is chosen


def test_previous_actions_and_escalations_print_when_present():
    record = dataclasses.replace(
        record_with_answer("x"),
        previous_actions=(
            RecordPreviousAction("Visit <b>K</b> at school", "Alex", "9 Nov 2026", "Done",
                                 "Seen alone; said 👍"),
        ),
        escalations=(
            RecordEscalation("3 Nov 2026", "MASH refused the referral & closed it", "MASH manager",
                             "Stage 2", "Open", "Meeting booked"),
        ),
    )  # fmt: skip
    flat = squash(text_of(render_pdf(record)))
    for expected in (
        "Visit <b>K</b> at school", "Seen alone; said 👍",
        "MASH refused the referral & closed it", "Stage 2", "Outcome: Meeting booked",
    ):  # fmt: skip
        assert squash(expected) in flat
    assert "None recorded. No actions" not in flat
    html = render_html(record)
    assert "Visit &lt;b&gt;K&lt;/b&gt; at school" in html and "<caption>Escalations" in html


@pytest.mark.sqlite_only(reason=SIGNS_AS_NAMED_PEOPLE)
def test_extract_has_decisions_actions_escalations_only(store, content, session_id):
    sign(store, session_id)
    record = load_record(store, session_id, content)
    pages = pdf_pages(render_extract(record))
    flat = squash("\n".join(pages))
    assert squash("Supervision extract for the child's file") in flat
    assert squash("Convene a strategy discussion") in flat
    assert squash("Speak to K alone at school") in flat and "Escalations" in flat
    assert squash(HOSTILE) not in flat and "Escalated to the team manager" not in flat
    assert squash(record.fingerprint) in flat
    for number, page in enumerate(pages, start=1):
        assert page.count(record.marking) == 2 and f"Page {number} of {len(pages)}" in page


def test_blank_template_has_every_stage_and_prompt_and_page_numbers(content):
    pages = pdf_pages(render_template(content, "OFFICIAL"))
    flat = squash("\n".join(pages))
    for stage in content.stages:
        assert squash(stage.title) in flat
        for prompt in stage.prompts[:3]:
            assert squash(prompt.text) in flat
    assert "Sign-off" in flat
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL") >= 2 and f"Page {number} of {len(pages)}" in page


def test_protection_is_aes_256_and_weaker_settings_are_refused():
    data = render_pdf(record_with_answer("secret answer"))
    protected = protect_pdf(data, "correct horse battery")
    reader = pypdf.PdfReader(io.BytesIO(protected))
    assert reader.is_encrypted
    encrypt = reader.trailer["/Encrypt"]
    assert encrypt["/V"] == 5 and encrypt["/R"] == 6  # AES-256 (ISO 32000-2)
    assert reader.decrypt("wrong password") == 0
    assert reader.decrypt("correct horse battery") != 0
    assert "secret answer" in "".join(p.extract_text() for p in reader.pages)
    for weak in ("RC4-40", "RC4-128", "AES-128", ""):
        with pytest.raises(WeakProtectionError):
            protect_pdf(data, "correct horse battery", algorithm=weak)
    with pytest.raises(WeakProtectionError, match="at least 8"):
        protect_pdf(data, "short")


# -- nothing named in the text is ever opened ----------------------------------------------


class NoIO:
    """While active, opening a file or a network connection is recorded and refused."""

    def __init__(self) -> None:
        self.opened: list[str] = []

    def _refuse(self, what: str):
        def inner(target, *args, **kwargs):
            self.opened.append(f"{what}: {target}")
            raise PermissionError(f"test forbids {what} {target}")

        return inner

    def __enter__(self) -> NoIO:
        self._real = (
            builtins.open,
            io.open,
            os.open,
            socket.socket.connect,
            urllib.request.urlopen,
        )
        builtins.open = io.open = self._refuse("open")
        os.open = self._refuse("os.open")
        socket.socket.connect = lambda _sock, address: self._refuse("connect")(address)
        urllib.request.urlopen = self._refuse("urlopen")
        return self

    def __exit__(self, *exc: object) -> None:
        builtins.open, io.open, os.open, socket.socket.connect, urllib.request.urlopen = self._real


@pytest.fixture(scope="module")
def warmed_up():
    """Fonts and the HTML template are loaded once, before any guard."""
    stylesheet()
    render_pdf(record_with_answer("warm up 👶 مرحبا שלום नमस्ते ਸਤ 你好"))
    render_html(record_with_answer("warm up"))


_NAMED_RESOURCES = st.sampled_from(
    [
        '<img src="/etc/passwd"/>',
        '<img src="http://example.invalid/x.png" width="10" height="10"/>',
        '<a href="file:///etc/shadow">x</a>',
        '<link href="https://example.invalid/">y</link>',
        '<font name="/etc/passwd">z</font>',
        "file:///etc/hosts",
        *HOSTILE_SAMPLES.values(),
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.lists(_NAMED_RESOURCES | st.text(max_size=40), min_size=1, max_size=5))
def test_property_text_naming_files_or_urls_is_printed_and_never_opened(warmed_up, parts):
    answer = " ".join(parts)
    with NoIO() as guard:
        data = render_pdf(record_with_answer(answer))
        html = render_html(record_with_answer(answer))
    assert guard.opened == []
    assert "<img" not in html.split("<body>", 1)[1].replace("&lt;img", "")
    flat = squash(text_of(data))
    for part in parts:
        if part.strip() and part in HOSTILE_SAMPLES.values() and part not in (
            HOSTILE_SAMPLES["arabic"], HOSTILE_SAMPLES["hebrew"],
        ):  # fmt: skip
            assert squash(part) in flat
    for resource in ("/etc/passwd", "example.invalid", "/etc/shadow"):
        if resource in answer:
            assert resource in flat


def test_case_memory_fills_previous_actions_and_escalations(store, content) -> None:
    from datetime import date

    from supervision_app.domain.memory import ReviewOutcome

    case_id = make_case(store)
    first = make_full_session(store, case_id)
    second = store.sessions.create_session(case_id, date(2026, 11, 20), ["Alex", "Jo"], "1.0.0")
    action = store.sessions.get_session(first).actions[0]
    store.memory.review_action(
        action.id, ReviewOutcome.NOT_DONE, reason="Family away", session_id=second
    )
    store.memory.raise_escalation(
        case_id, "Health visiting refused a joint visit", "Named nurse", date(2026, 11, 20),
        session_id=second,
    )  # fmt: skip
    record = load_record(store, second, content)
    assert [a.description for a in record.previous_actions] == ["Visit unannounced"]
    assert "Family away" in record.previous_actions[0].note
    assert [e.concern for e in record.escalations] == ["Health visiting refused a joint visit"]
    flat = squash(text_of(render_pdf(record)))
    assert squash("Family away") in flat and squash("Health visiting refused") in flat
    # the first session's record does not show this later review
    assert load_record(store, first, content).previous_actions == ()
