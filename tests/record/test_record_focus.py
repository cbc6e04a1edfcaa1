"""Issue 13, the record: a one-page summary leads, the discussion follows in agenda order,
no list of unasked prompts anywhere, and the length follows what was discussed."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pypdf
import pytest

from supervision_app.record.html import render_html
from supervision_app.record.model import RecordScaling, RecordSummary
from supervision_app.record.pdf import render_pdf
from supervision_app.record.pdf.documents import render_extract
from supervision_app.services.demo import load_demo
from supervision_app.services.records import load_record
from tests.agency_server import SIGNS_AS_NAMED_PEOPLE
from tests.record_samples import sample_record

pytestmark = pytest.mark.both_backends  # `store` on SQLite and on the agency server


def pages_of(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def _demo_session(store, content, on: date) -> int:
    case_id = load_demo(store, content).history_case_id
    return next(s.id for s in store.sessions.list_sessions(case_id) if s.date == on)


def test_a_two_answer_session_prints_on_at_most_three_pages(store, content) -> None:
    """Session 5 of DEMO-0002 (11 Aug, 2 answers) printed 9 pages, 6 of them lists of
    questions nobody asked."""
    record = load_record(store, _demo_session(store, content, date(2026, 8, 11)), content)
    answered = [p for s in record.stages for p in s.answered]
    assert len(answered) == 2
    pages = pages_of(render_pdf(record))
    assert len(pages) <= 3
    everything = " ".join(pages)
    assert "Not discussed" not in everything
    for stage in record.stages:
        for prompt in stage.prompts:
            assert prompt.answered  # the record holds only what was discussed
    # the first page leads with what was decided, agreed and escalated
    first = pages[0]
    assert "Actions" in first and "Ask MASH to request police information about Dean" in first
    assert "Decisions" in first and "Escalations" in first
    assert "Stage on 11 Aug 2026" in first and "Stage 2: Managers or safeguarding leads" in first
    assert "-1 days" not in everything
    # the discussion comes after the summary page, in stage order (no agenda then)
    assert not any("Stage 1: Professional curiosity" in p for p in pages[:1])
    assert "Stage 1: Professional curiosity" in pages[1]


def test_no_unasked_prompts_in_the_html_or_the_extract(store, content) -> None:
    record = load_record(store, _demo_session(store, content, date(2026, 8, 11)), content)
    html = render_html(record)
    assert "Not discussed" not in html
    unasked = [p.text for s in content.stages for p in s.prompts]
    shown = {p.text for s in record.stages for p in s.answered}
    assert not any(text in html for text in unasked if text not in shown)
    extract = " ".join(pages_of(render_extract(record)))
    assert "Not discussed" not in extract and "Stage on 11 Aug 2026" in extract


FOCUS = RecordSummary(
    question="Is it time to escalate to the Head of Service again?",
    main_worries=(("Ruby <M>", "Her weight has fallen from the 50th to the 25th centile."),),
    reflection="We keep accepting Mum's account without checking it.",
    worries="Weight falling; Dean not assessed.",
    working_well="Kai's attendance is 98%.",
    needs_to_happen="Dean assessed; Ruby weighed monthly.",
    columns_source="The three Signs of Safety questions, as endorsed by the Cumbria LSCB "
    "response to the Child BE SCR, Recommendation BE2.",
    scaling=(RecordScaling("Ruby <M>", "3 / 10", "was 4"), RecordScaling("Kai", "")),
    scaling_anchors=("0: the child cannot safely live at home", "10: safe enough to close"),
    next_review_text="5 Jan 2027",
    themes_not_chosen=("Neglect", "Domestic abuse"),
)


def test_the_first_page_leads_with_the_focus_columns_scaling_and_next_review() -> None:
    record = sample_record(summary=FOCUS, has_agenda=True)
    pages = pages_of(render_pdf(record))
    first = pages[0]
    for text in (
        "Focus today",
        "The practitioner's question: Is it time to escalate to the Head of Service again?",
        "Main worry for Ruby <M>: Her weight has fallen",
        "Key reflection: We keep accepting",
        "What are we worried about? What is working well? What needs to happen?",
        "Kai's attendance is 98%.",
        "as endorsed by the Cumbria LSCB response to the Child BE SCR",
        "Ruby <M>: 3 / 10 — was 4",
        "Kai: not scaled",
        "Scale: 0: the child cannot safely live at home · 10: safe enough to close.",
        "1. Convene a strategy discussion within 2 working days.",
        "Rationale: Disclosure of shouting",
        "Arrange strategy discussion with police and health.",
        "Next review: 5 Jan 2027",
    ):
        assert text in first, text
    assert "Stage 1: Experience" not in first
    rest = " ".join(pages[1:])
    assert rest.count("Themes not chosen today: Neglect, Domestic abuse.") == 1
    html = render_html(record)
    assert "Main worry for Ruby &lt;M&gt;:" in html and "Next review:</b> 5 Jan 2027" in html
    assert html.index("Focus today") < html.index("<h2>Decisions</h2>")
    assert html.index("<h2>Decisions</h2>") < html.index("Stage 1: Experience")


def test_the_check_in_prints_only_when_the_practitioner_chose_it() -> None:
    quiet = sample_record(summary=FOCUS)
    assert "Check-in" not in " ".join(pages_of(render_pdf(quiet)))
    assert "Check-in" not in render_html(quiet)
    chosen = sample_record(summary=dataclasses.replace(FOCUS, check_in="Tired but OK."))
    text = " ".join(pages_of(render_pdf(chosen)))
    assert "Check-in Printed at the practitioner's choice. Tired but OK." in text
    assert "Tired but OK." in render_html(chosen)


def test_a_record_without_a_summary_step_has_no_empty_summary_headings() -> None:
    record = sample_record()
    first = pages_of(render_pdf(record))[0]
    for heading in ("Focus today", "Safety scaling", "Next review", "Worries"):
        assert heading not in first


# --------------------------------------------------------------------------- a focused session


def _text_prompts(content, ids):
    return [
        content.prompt(i) for i in ids if content.prompt(i) and content.prompt(i).kind == "text"
    ]


def _focused_session(store, content, *, print_check_in: bool = False) -> tuple[int, dict]:
    from supervision_app.domain.focus import (
        AgendaItem,
        AgendaOrigin,
        ChildScaling,
        SessionClosing,
        SessionOpening,
    )
    from tests.helpers import make_case

    case_id = make_case(store)
    sid = store.sessions.create_session(case_id, date(2026, 11, 2), ["Alex", "Jo"], content.version)
    core = _text_prompts(content, content.core_route)[:3]
    theme = next(t for t in content.themes if t.id == "disguised_compliance")
    themed = next(
        p
        for s in content.stages
        for p in s.prompts
        if theme.id in p.themes and p.kind == "text" and p not in core
    )
    skipped = _text_prompts(content, content.core_route)[3]
    agenda = [
        AgendaItem(core[0].id, 8),
        AgendaItem(core[1].id, 5),
        AgendaItem(themed.id, 6, AgendaOrigin.THEME, "Pattern: two refused referrals", theme.id),
        AgendaItem(skipped.id, 5),  # on the agenda, not reached
        AgendaItem(core[2].id, 5),
    ]
    store.focus.save_agenda(sid, agenda)
    outside = next(
        p
        for s in content.stages
        for p in s.prompts
        if p.kind == "text" and p.id not in {i.prompt_id for i in agenda} and not p.wellbeing
    )
    # answered out of order: the record follows the agenda, not the typing
    for prompt in (core[2], themed, outside, core[0], core[1]):
        store.sessions.save_answer(sid, prompt.id, prompt.stage_id, prompt.text, f"Answer to {prompt.id}.")
    store.focus.save_opening(
        sid,
        SessionOpening(
            check_in="Tired after a difficult week.",
            print_check_in=print_check_in,
            question="Do we need a strategy discussion now?",
            main_worries=(("K", "Bruise on his arm, explained twice differently."), ("Baby", "")),
        ),
    )
    store.focus.save_closing(
        sid,
        SessionClosing(
            reflection="We have been reassured by Mum's words rather than by change.",
            worries="Two different accounts of the bruise.",
            working_well="K attends school every day.",
            needs_to_happen="Strategy discussion; see K alone.",
            scaling=(ChildScaling("K", 3, "was 5"), ChildScaling("Baby", None)),
            next_review=date(2026, 11, 30),
        ),
    )
    store.sessions.add_decision(sid, "Ask for a strategy discussion today.", "Two accounts of a bruise.")
    store.sessions.add_action(sid, "Phone MASH to ask for a strategy discussion.", "Alex", date(2026, 11, 3))
    return sid, {"core": core, "themed": themed, "skipped": skipped, "outside": outside}


def test_a_focused_session_leads_with_its_summary_and_follows_its_agenda(store, content) -> None:
    sid, p = _focused_session(store, content)
    record = load_record(store, sid, content)
    assert record.has_agenda
    pages = pages_of(render_pdf(record))
    first = pages[0]
    for text in (
        "Focus today",
        "The practitioner's question: Do we need a strategy discussion now?",
        "Main worry for K: Bruise on his arm, explained twice differently.",
        "What are we worried about? What is working well? What needs to happen?",
        "Cumbria LSCB response to the Child BE SCR",
        "K: 3 / 10 — was 5",
        "Baby: not scaled",
        "0: things are so bad for the child that they cannot live at home",
        "Next review: 30 Nov 2026",
        "1. Ask for a strategy discussion today.",
        "Rationale: Two accounts of a bruise.",
        "Phone MASH to ask for a strategy discussion.",
    ):
        assert text in first, text
    assert "Main worry for Baby" not in first  # no worry written for the baby
    assert "Tired after a difficult week." not in " ".join(pages)  # not chosen for print
    discussion = " ".join(pages[1:])
    order = [discussion.index(f"Answer to {q.id}.") for q in (*p["core"][:2], p["themed"])]
    order.append(discussion.index(f"Answer to {p['core'][2].id}."))
    assert order == sorted(order)  # agenda order
    assert "Theme: Disguised compliance and engagement" in discussion
    assert "Pattern: two refused referrals" in discussion
    assert discussion.index(f"Answer to {p['outside'].id}.") > order[-1]
    assert "Answered outside today's agenda." in discussion
    assert " ".join(p["skipped"].text.split())[:60] not in discussion  # not reached: not listed
    assert "Not discussed" not in discussion and "Source: " not in discussion
    assert discussion.count("Themes not chosen today:") <= 1
    html = render_html(record)
    assert "Tired after a difficult week." not in html
    assert html.index("Do we need a strategy discussion now?") < html.index(
        f"Answer to {p['core'][0].id}."
    )


def test_the_check_in_of_a_focused_session_prints_when_chosen(store, content) -> None:
    sid, _p = _focused_session(store, content, print_check_in=True)
    record = load_record(store, sid, content)
    text = " ".join(pages_of(render_pdf(record)))
    assert "Check-in Printed at the practitioner's choice. Tired after a difficult week." in text
    assert "Tired after a difficult week." in render_html(record)


@pytest.mark.sqlite_only(reason=SIGNS_AS_NAMED_PEOPLE)
def test_a_signed_focused_record_prints_from_its_snapshot_and_verifies(store, content) -> None:
    from supervision_app.domain import CaseInput, Child
    from tests.record.test_record_snapshot import sign

    sid, _p = _focused_session(store, content)
    before = load_record(store, sid, content)
    sign(store, sid)
    signed = load_record(store, sid, content)
    assert signed.summary == before.summary and signed.stages == before.stages
    # a later rename of the child does not change what the signed record says
    store.cases.update_case(
        store.sessions.get_session(sid).case.id,
        CaseInput("C-100", "Alex Practitioner", "Jo Supervisor", [], [Child("Kay")]),
    )
    after = load_record(store, sid, content)
    assert after.summary == before.summary
    first = pages_of(render_pdf(after))[0]
    assert "Main worry for K: Bruise on his arm" in first and "K: 3 / 10 — was 5" in first
    assert [(r.session_id, r.ok) for r in store.signing.verify_all() if r.fingerprint] == [(sid, True)]


def test_the_focused_demo_session_prints_on_about_10_pages(store, content) -> None:
    """DEMO-0001 is a realistic 75-minute focused supervision (an agenda of 15 with three
    themes, tools, the summary, 4 decisions, 5 actions). Its record, printed from all 111
    prompts, was 30 pages with the decisions on page 28."""
    loaded = load_demo(store, content)
    record = load_record(store, loaded.session_id, content)
    assert record.has_agenda and len(record.decisions) == 4
    pages = pages_of(render_pdf(record))
    assert len(pages) <= 10
    assert record.summary.question[:60] in " ".join(pages[0].split())
    assert "Focus today" in pages[0] and "What are we worried about?" in pages[0]
    summary = " ".join(pages[:3])
    assert summary.index("Decisions") < summary.index("Actions") < summary.index("Escalations")
    assert "Stage on 2 Nov 2026" in summary
    assert sum(s.heading.startswith("Theme: ") for s in record.stages) >= 2
    everything = " ".join(pages)
    assert "Not discussed" not in everything and "Source: " not in everything
    assert not record.previous_actions and "Previous actions reviewed" not in everything
    assert "Previous actions reviewed" not in render_html(record)
    detail = store.sessions.get_session(loaded.session_id)
    assert detail.opening.check_in and not detail.opening.print_check_in
    assert " ".join(detail.opening.check_in.split())[:40] not in everything  # not chosen
    answered = sum(len(s.answered) for s in record.stages)
    assert 10 <= answered <= 20
    # the hypotheses tool is the answer of the hypotheses prompt: printed there, in agenda order,
    # not again in a section of its own
    assert record.hypotheses_inline
    flat = " ".join(everything.split())
    at = flat.index("Hypothesis 1: " + record.hypotheses[0].text[:40])
    assert flat.index("What are at least four possible explanations") < at
    plan = next(s for s in record.stages if "criteria_for_progress" in str(s.prompts))
    assert at < flat.index(" ".join(plan.answered[0].text.split())[:50])
    assert "Based on: " + " ".join(record.hypotheses[0].basis.split())[:40] in flat
    assert "<h2>Hypotheses</h2>" not in render_html(record)
    # a section's sources note is never alone at the top of a page
    assert not any(" 2 Nov 2026 Sources:" in page for page in pages)


def test_a_summary_that_runs_over_its_page_is_followed_by_the_discussion_on_that_page() -> None:
    """A page break after a summary of a page and a bit would leave a page nearly empty."""
    from supervision_app.record.model import RecordDecision

    decisions = tuple(
        RecordDecision(n, f"Decision {n}: keep the case open and review.", "Because " * 20)
        for n in range(1, 8)
    )
    record = sample_record(summary=FOCUS, has_agenda=True, decisions=decisions)
    pages = pages_of(render_pdf(record))
    assert "Decision 1:" in pages[0] and "Decision 7:" in pages[1]
    assert "Stage 1: Experience" in pages[1]
    short = pages_of(render_pdf(sample_record(summary=FOCUS, has_agenda=True)))
    assert "Stage 1: Experience" not in short[0] and "Stage 1: Experience" in short[1]


def test_the_record_preview_leads_with_the_summary_and_lists_no_unasked_prompts(
    qtbot, store, content
) -> None:
    from supervision_app.ui.preview import PreviewPage

    sid, p = _focused_session(store, content)
    page = PreviewPage(store, content)
    qtbot.addWidget(page)
    page.set_session(sid)
    page.refresh()
    text = page.preview_text()
    assert text.index("Do we need a strategy discussion now?") < text.index("Decisions")
    assert text.index("Phone MASH to ask for a strategy discussion.") < text.index(
        f"Answer to {p['core'][0].id}."
    )
    assert "Not discussed" not in text
    assert " ".join(p["skipped"].text.split())[:60] not in " ".join(text.split())


def test_the_three_columns_never_continue_as_a_header_over_an_empty_row() -> None:
    """Split at every height, the columns' second part always holds some text (ReportLab's
    own split in the row can leave only the cell padding for the next page)."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from supervision_app.record.pdf import stylesheet
    from supervision_app.record.pdf.blocks import grid_table
    from supervision_app.record.pdf.flowables import RecordTable
    from supervision_app.record.pdf.summary import ColumnsTable, table_is_empty
    from supervision_app.record.pdf.text import text_flowables

    ss = stylesheet()
    canvas = Canvas(io.BytesIO())

    def parts(cls, height: float):
        words = "Domestic abuse and coercive control in the household. " * 6
        cells = [text_flowables(words, ss["Cell"]) for _ in range(3)]
        table = grid_table(["A", "B", "C"], [cells], [56 * mm] * 3, ss, cls=cls)
        table.canv = canvas
        table.wrap(170 * mm, 10_000)
        return table.split(170 * mm, height)

    heights = range(60, 260, 2)
    plain = [h for h in heights if len(p := parts(RecordTable, h)) == 2 and table_is_empty(p[1])]
    assert plain  # the case this guards against does happen
    for height in heights:
        split = parts(ColumnsTable, height)
        assert len(split) != 2 or not table_is_empty(split[1]), height


def test_attendees_who_are_just_the_two_people_are_not_listed_twice() -> None:
    two = sample_record(attendees=("Sam Patel", "Alex Morgan"))
    assert "Attendees" not in pages_of(render_pdf(two))[0]
    more = sample_record(attendees=("Sam Patel", "Alex Morgan", "Kim Lee (student)"))
    assert "Attendees Sam Patel, Alex Morgan, Kim Lee (student)" in pages_of(render_pdf(more))[0]


def test_answers_under_a_merged_prompts_old_id_print_at_its_home_prompt_on_the_agenda(
    store, content
) -> None:
    from supervision_app.domain.focus import AgendaItem
    from supervision_app.record.build import build_record
    from tests.helpers import make_case

    home = next(p for s in content.stages for p in s.prompts if p.aliases and p.kind == "text")
    first = next(p for p in _text_prompts(content, content.core_route) if p.id != home.id)
    sid = store.sessions.create_session(make_case(store), date(2026, 11, 2), [], content.version)
    store.focus.save_agenda(sid, [AgendaItem(first.id, 5), AgendaItem(home.id, 5)])
    store.sessions.save_answer(sid, first.id, first.stage_id, first.text, "First, as planned.")
    store.sessions.save_answer(sid, home.aliases[0], home.stage_id, "The old question", "Kept as written.")
    record = build_record(store.sessions.get_session(sid), content)
    flat = [p for s in record.stages for p in s.answered]
    assert [p.answer for p in flat] == ["First, as planned.", "Kept as written."]
    assert flat[1].text == "The old question"
