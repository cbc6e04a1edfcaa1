"""The structured tools: stored in their own table, autosaved, carried in the record file,
printed readably, and never lost when the content changes."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date
from pathlib import Path

import pypdf
import pytest
from helpers import make_case, open_db

from supervision_app.content import Content
from supervision_app.domain import PayloadError, StructuredAnswer
from supervision_app.exchange.session_file import session_from_dict, session_to_dict
from supervision_app.record.build import build_record
from supervision_app.record.html import render_html
from supervision_app.record.pdf import render_pdf
from supervision_app.storage import SupervisionStore
from supervision_app.storage.autosave import AnswerEdit, AutosaveWriter

DANGER = "professional_curiosity.dangerousness_check"
DAY = "lived_experience.day_in_life_tool"
MARKS = "assessment_recording.marked_entries"


def _checklist(content: Content) -> dict:
    prompt = content.prompt(DANGER)
    items = [{"id": i.id, "label": i.label, "answer": "", "note": ""} for i in prompt.items]
    items[0].update(answer="Yes", note="We leaned on mum's engagement.")
    items[10].update(answer="Unsure")
    return {"items": items}


def _day(content: Content) -> dict:
    prompt = content.prompt(DAY)
    periods = [{"id": p.id, "label": p.label, "text": "", "basis": ""} for p in prompt.items]
    periods[3].update(text="Sleeps on a bare mattress.", basis="Seen")
    return {"children": [{"child": "K", "periods": periods}]}


def _marks() -> dict:
    return {
        "fields": [{"id": "mark", "label": "This is"}, {"id": "entry", "label": "Entry"}],
        "choice_fields": ["mark"],
        "rows": [{"mark": "The child's own words", "entry": "I hide when he shouts."}],
    }


def _session(store: SupervisionStore, content: Content) -> int:
    session_id = store.sessions.create_session(make_case(store), date(2026, 11, 2), [], content.version)
    for prompt_id, data in ((DANGER, _checklist(content)), (DAY, _day(content)), (MARKS, _marks())):
        prompt = content.prompt(prompt_id)
        store.sessions.save_structured_answer(
            session_id, prompt_id, prompt.stage_id, prompt.text, prompt.kind, data
        )
    return session_id


def _pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_structured_answers_survive_reopening(db_path: Path, content: Content) -> None:
    database = open_db(db_path)
    session_id = _session(SupervisionStore(database), content)
    database.close()
    database = open_db(db_path)
    detail = SupervisionStore(database).sessions.get_session(session_id)
    database.close()
    assert set(detail.structured) == {DANGER, DAY, MARKS}
    assert detail.structured[DANGER].data == _checklist(content)
    assert detail.structured[DAY].kind == "day_in_life"


def test_saving_again_replaces_and_bad_shapes_are_refused(store, content) -> None:
    session_id = _session(store, content)
    prompt = content.prompt(MARKS)
    store.sessions.save_structured_answer(
        session_id, MARKS, prompt.stage_id, prompt.text, "records", {"rows": []}
    )
    assert store.sessions.get_session(session_id).structured[MARKS].data == {"rows": []}
    with pytest.raises(PayloadError):
        store.sessions.save_structured_answer(
            session_id, MARKS, prompt.stage_id, prompt.text, "records", {"rows": [{"a": 3}]}
        )
    assert store.sessions.get_session(session_id).structured[MARKS].data == {"rows": []}


def test_autosave_writes_structured_edits(store, content) -> None:
    session_id = _session(store, content)
    prompt = content.prompt(DANGER)
    writer = AutosaveWriter(store)
    data = _checklist(content)
    data["items"][1]["answer"] = "No"
    writer.submit(
        AnswerEdit(session_id, DANGER, prompt.stage_id, prompt.text, json.dumps(data), "checklist")
    )
    assert writer.close()
    assert store.sessions.get_session(session_id).structured[DANGER].data["items"][1]["answer"] == "No"


def test_pdf_and_preview_show_tools_readably(store, content) -> None:
    detail = store.sessions.get_session(_session(store, content))
    record = build_record(detail, content)
    text = " ".join(_pdf_text(render_pdf(record)).split())
    assert "Rule of optimism: Yes" in text
    assert "We leaned on mum's engagement." in text
    assert "Start again syndrome: Unsure" in text
    assert "Not marked: Stockholm syndrome" in text
    assert "Night: Sleeps on a bare mattress." in text and "(Seen)" in text
    assert "The child's own words: I hide when he shouts." in text
    assert "{" not in text and "choice_fields" not in text  # no raw dumps
    html = render_html(record)
    assert "Rule of optimism" in html and "I hide when he shouts." in html
    assert "choice_fields" not in html


def test_tool_answers_survive_when_the_prompt_is_removed(store, content) -> None:
    detail = store.sessions.get_session(_session(store, content))
    newer = dataclasses.replace(
        content,
        stages=tuple(
            dataclasses.replace(s, prompts=tuple(p for p in s.prompts if p.id != DANGER))
            for s in content.stages
        ),
    )
    record = build_record(detail, newer)
    stage = record.stages[0]
    kept = [p for p in stage.prompts if p.prompt_id == DANGER]
    assert len(kept) == 1 and kept[0].retired
    assert kept[0].rows[0].label == "Rule of optimism"
    text = " ".join(_pdf_text(render_pdf(record)).split())
    assert "question from an earlier version" in text and "Rule of optimism: Yes" in text


def test_tool_answers_survive_when_the_prompt_becomes_text(store, content) -> None:
    detail = store.sessions.get_session(_session(store, content))
    newer = dataclasses.replace(
        content,
        stages=tuple(
            dataclasses.replace(
                s,
                prompts=tuple(
                    dataclasses.replace(p, kind="text", items=()) if p.id == DAY else p
                    for p in s.prompts
                ),
            )
            for s in content.stages
        ),
    )
    record = build_record(detail, newer)
    kept = [p for s in record.stages for p in s.prompts if p.prompt_id == DAY and p.retired]
    assert kept and kept[0].rows[0].value == "Sleeps on a bare mattress."
    assert kept[0].rows[0].section == "K"


def test_tool_answers_survive_when_the_stage_is_removed(store, content) -> None:
    detail = store.sessions.get_session(_session(store, content))
    newer = dataclasses.replace(content, stages=content.stages[:1])
    record = build_record(detail, newer)
    earlier = record.stages[-1]
    assert earlier.id == "_earlier"
    assert any(p.prompt_id == MARKS and p.rows for p in earlier.prompts)


def test_record_file_round_trips_tools_and_old_files_still_import(store, content) -> None:
    detail = store.sessions.get_session(_session(store, content))
    data = json.loads(json.dumps(session_to_dict(detail)))
    back = session_from_dict(data)
    assert back.structured[DANGER].data == detail.structured[DANGER].data
    del data["session"]["structured_answers"]  # a file from before the tools
    assert session_from_dict(data).structured == {}


def test_record_file_with_a_bad_tool_is_refused_clearly(store, content) -> None:
    data = session_to_dict(store.sessions.get_session(_session(store, content)))
    data["session"]["structured_answers"][0]["data"] = {"items": "lots"}
    from supervision_app.exchange.reader import RecordFileError

    with pytest.raises(RecordFileError, match=r"structured_answers\[0\]\.data"):
        session_from_dict(data)


def test_import_writes_tools(store, content, tmp_path) -> None:
    detail = store.sessions.get_session(_session(store, content))
    data = session_to_dict(detail)
    data["session"]["uid"] = "f" * 32
    data["case"]["reference"] = "C-200"
    other = SupervisionStore(open_db(tmp_path / "other.sqlite3"))
    _case, session_id, _created = other.sessions.import_session(session_from_dict(data))
    assert other.sessions.get_session(session_id).structured[DAY].data == _day(content)
    other.database.close()


def test_structured_answer_is_filled_only_with_words_or_marks() -> None:
    empty = StructuredAnswer("a.b", "a", "Q", "checklist", {"items": [{"id": "x", "answer": ""}]})
    assert not empty.filled
    empty.data["items"][0]["answer"] = "Yes"
    assert empty.filled
