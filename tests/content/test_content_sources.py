"""The practice content loads, is complete, and cites sections that really exist.

The section check reads the five public source documents from the shared seeds folder
beside the repository (``../shared/seeds``); it is skipped where that folder is absent.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from supervision_app.content import load_content
from supervision_app.paths import resource_path

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"
DEMO_CASE = REPO_ROOT / "resources" / "demo" / "demo_case.toml"
EVERY_PROMPT_CASE = REPO_ROOT / "tests" / "fixtures" / "every_prompt_case.toml"

STAGE_IDS = [
    "professional_curiosity",
    "lived_experience",
    "family_circumstances",
    "authoritative_practice",
    "escalation",
    "assessment_recording",
    "supervision",
]
STAGE_TITLES = [
    "Professional curiosity",
    "The lived experience of the child",
    "Family circumstances and risk",
    "Ferguson's authoritative steps",
    "Escalation",
    "Assessment and recording",
    "The supervision itself",
]
#: The twelve patterns of professional dangerousness on the Manchester slides.
DANGEROUSNESS = [
    "Rule of optimism",
    "Stockholm syndrome",
    "Professional accommodation syndrome",
    "Concrete solutions",
    "Assessment paralysis",
    "Stereotyping",
    "Disguised or false compliance",
    "Omnipotence",
    "Role confusion",
    "Family and children unheard",
    "Start again syndrome",
    "Unsafe working",
]
FERGUSON_GROUP = "Ferguson's eight steps"
FERGUSON_STEPS = [
    "Recognise authority and assume conflict and not cooperation",
    "Encourage openness and honest expression of feelings",
    "Identify what the resistance is really about and what is working well",
    "Identify dangers to the children",
    "Identify what is not negotiable",
    "Identify what is negotiable",
    "Formulate a child protection plan",
    "Be clear about criteria for progress",
]


def _normalise(text: str) -> str:
    """Drop markdown emphasis and heading markers, collapse whitespace, casefold."""
    text = text.replace("*", "").replace("#", "")
    return re.sub(r"\s+", " ", text).strip().casefold()


@pytest.fixture(scope="module")
def content():
    return load_content()


def _all_prompts(content):
    return [prompt for stage in content.stages for prompt in stage.prompts]


def test_stages_in_order(content):
    assert [s.id for s in content.stages] == STAGE_IDS
    assert [s.title for s in content.stages] == STAGE_TITLES
    for stage in content.stages:
        assert stage.summary and stage.why and stage.sources
        assert stage.prompts


def test_every_prompt_is_complete(content):
    prompts = _all_prompts(content)
    assert prompts
    for prompt in prompts:
        assert prompt.id.strip(), prompt
        assert prompt.id.startswith(prompt.stage_id + "."), prompt.id
        assert prompt.text.strip(), prompt.id
        assert prompt.why.strip(), prompt.id
        assert prompt.sources, prompt.id
        for ref in prompt.sources:
            assert ref.document.strip() and ref.section.strip(), prompt.id


def test_prompt_ids_are_unique(content):
    ids = [p.id for p in _all_prompts(content)]
    assert len(ids) == len(set(ids))


def test_ferguson_has_exactly_eight_steps_in_order(content):
    stage = content.stage("authoritative_practice")
    assert stage is not None
    steps = [p for p in stage.prompts if p.group == FERGUSON_GROUP]
    assert len(steps) == 8
    for number, (prompt, step) in enumerate(zip(steps, FERGUSON_STEPS, strict=True), start=1):
        assert prompt.text.startswith(f"Step {number}: {step}."), prompt.id


def test_every_document_is_cited(content):
    cited = {ref.document for stage in content.stages for ref in stage.sources}
    cited |= {ref.document for p in _all_prompts(content) for ref in p.sources}
    assert cited == set(content.documents)


def sections_missing_from_seeds(documents) -> list[str]:
    """The declared sections that do not appear in their seed file (or whose file is missing)."""
    missing = []
    for doc in documents.values():
        if doc.outside_seeds:
            continue  # no seed file: its full citation is checked below
        seed = SEEDS_DIR / doc.file
        if not seed.is_file():
            missing.append(f"{doc.id}: seed file {doc.file} not found in {SEEDS_DIR}")
            continue
        text = _normalise(seed.read_text(encoding="utf-8"))
        for section in doc.sections:
            if _normalise(section) not in text:
                missing.append(f"{doc.id} ({doc.file}): {section!r}")
    return missing


def test_declared_sections_occur_in_the_seed_files(content):
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"source documents not found at {SEEDS_DIR}")
    missing = sections_missing_from_seeds(content.documents)
    assert not missing, "sections not found in their seed files:\n" + "\n".join(missing)


def test_a_section_that_is_not_in_its_seed_is_caught(content):
    """The check above really fails on an invented section, a misspelt one or a wrong file."""
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"source documents not found at {SEEDS_DIR}")
    surrey = content.documents["surrey-scr-briefing"]
    invented = dataclasses.replace(surrey, sections=(*surrey.sections, "3.8 Invented section"))
    misspelt = dataclasses.replace(surrey, sections=("3.1 Professional Curiosty",))
    wrong_file = dataclasses.replace(surrey, file="004_032a0f67194532a3.txt")
    assert sections_missing_from_seeds({"x": invented}) == [
        f"surrey-scr-briefing ({surrey.file}): '3.8 Invented section'"
    ]
    assert len(sections_missing_from_seeds({"x": misspelt})) == 1
    assert len(sections_missing_from_seeds({"x": wrong_file})) == len(surrey.sections)


def test_sources_file_lists_seed_files():
    data = tomllib.loads(resource_path("content", "sources.toml").read_text(encoding="utf-8"))
    files = [d["file"] for d in data["documents"] if not d.get("outside_seeds")]
    assert len(files) == len(set(files)) == 5


def test_documents_beyond_the_seeds_carry_a_full_citation(content):
    """Each is labelled as outside the seeds and has its title, publisher and year."""
    beyond = [d for d in content.documents.values() if d.outside_seeds]
    assert len(beyond) >= 8
    for doc in beyond:
        assert not doc.file, doc.id
        assert doc.title and doc.publisher and re.search(r"\b(19|20)\d\d\b", doc.year), doc.id
        assert doc.citation.startswith(doc.title) and doc.year in doc.citation


def test_a_document_beyond_the_seeds_without_its_citation_is_refused(tmp_path):
    from supervision_app.content.loader import load_documents_table
    from supervision_app.content.schema import ContentError

    entry = {"id": "x", "outside_seeds": True, "title": "T", "short_title": "T", "sections": ["s"]}
    with pytest.raises(ContentError, match=r"documents\[0\]\.publisher"):
        load_documents_table(tmp_path / "sources.toml", {"schema_version": 1, "documents": [entry]})


def test_every_prompt_fixture_answers_every_prompt(content):
    """The test fixture (not the demo, which is a focused session) answers the whole library."""
    data = tomllib.loads(EVERY_PROMPT_CASE.read_text(encoding="utf-8"))
    answers = data.get("answers", {})
    tools = data.get("tools", {})
    prompt_ids = {p.id for p in _all_prompts(content) if not p.structured}
    tool_ids = {p.id for p in _all_prompts(content) if p.structured}
    assert set(tools) <= tool_ids, sorted(set(tools) - tool_ids)
    untouched_tools = sorted(tool_ids - set(tools))
    assert not untouched_tools, f"the demo must fill in every structured tool: {untouched_tools}"
    # an answer under a retired id (an alias of its home prompt) is still known
    unknown = sorted(a for a in answers if content.prompt(a) is None)
    unanswered = sorted(prompt_ids - set(answers))
    assert not unknown, f"fixture answers for unknown prompt ids: {unknown}"
    assert not unanswered, f"prompts without a fixture answer: {unanswered}"
    for prompt_id, answer in answers.items():
        assert isinstance(answer, str) and answer.strip(), prompt_id


def test_demo_case_shape():
    data = tomllib.loads(DEMO_CASE.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    case = data["case"]
    assert case["reference"].startswith("DEMO-")
    assert "fictional" in case["practitioner"].lower()
    assert "fictional" in case["supervisor"].lower()
    assert case["agencies"]
    assert case["children"]
    assert data["session"]["date"]
    assert 3 <= len(data["decisions"]) <= 4
    assert 4 <= len(data["actions"]) <= 6
    for action in data["actions"]:
        assert action["description"] and action["owner"] and action["due"]


def test_dangerousness_checklist_has_all_twelve_patterns(content):
    prompt = content.prompt("professional_curiosity.dangerousness_check")
    assert prompt is not None and prompt.kind == "checklist"
    assert [i.label for i in prompt.items] == DANGEROUSNESS
    assert all(i.explanation for i in prompt.items)
    seed = SEEDS_DIR / content.documents["manchester-scr-training"].file
    if seed.is_file():
        text = _normalise(seed.read_text(encoding="utf-8"))
        for label in DANGEROUSNESS:
            assert _normalise(label).replace("and children", "& children") in text, label


def test_working_together_check_lists_all_fourteen_features(content):
    prompt = content.prompt("assessment_recording.working_together_check")
    assert prompt is not None and prompt.kind == "checklist"
    assert len(prompt.items) == 14
    assert all(i.explanation for i in prompt.items)
    pitfalls = content.prompt("assessment_recording.planning_pitfalls")
    assert pitfalls is not None and len(pitfalls.items) == len(PLANNING_PITFALLS) == 13
    assert all(i.explanation for i in pitfalls.items)
    records = content.prompt("assessment_recording.recording_pitfalls")
    assert records is not None and len(records.items) == 5
    assert all(i.explanation for i in records.items)


#: The assessment and planning pitfalls of Surrey section 3.4, as the seed words them.
PLANNING_PITFALLS = [
    "Premature or poor planning and risk management in step down arrangements across services",
    "Poor communication",
    "Drift and delay in the completion of assessments",
    "Poor quality assessments including lack of clear outcomes and poor decision making",
    "Not sharing assessment outcomes with key partners",
    "Missing critical input from key partners in planning meetings",
    "Lack of clear risk rating and risk management around assessments",
    "Poor follow up of assessments",
    "Assessment being made without face to face contact",
    "Over-optimistic assessments",
    "Assessments too heavily reliant on parental narratives",
    "Poor communication of assessments.",
    "Lack of child and family history",
]


def test_planning_pitfalls_are_the_thirteen_in_the_seed():
    seed = SEEDS_DIR / "001_b9934bfc1a5b02c5.txt"
    if not seed.is_file():
        pytest.skip(f"source documents not found at {SEEDS_DIR}")
    text = seed.read_text(encoding="utf-8")
    section = text[text.index("\n3.4 Assessments and Planning") : text.index("\n3.5 Escalation")]
    bullets = [
        line[2:].replace("**", "").strip() for line in section.splitlines() if line.startswith("- ")
    ]
    assert bullets == PLANNING_PITFALLS


def test_day_in_life_covers_the_day_and_week(content):
    prompt = content.prompt("lived_experience.day_in_life_tool")
    assert prompt is not None and prompt.kind == "day_in_life"
    assert [i.id for i in prompt.items] == ["morning", "day", "evening", "night", "weekend"]


def test_entries_can_be_marked_fact_said_child_or_judgement(content):
    prompt = content.prompt("assessment_recording.marked_entries")
    assert prompt is not None and prompt.kind == "records"
    mark = next(f for f in prompt.fields if f.id == "mark")
    assert mark.choices == (
        "Observed fact",
        "What someone said",
        "The child's own words",
        "Professional judgement",
    )
