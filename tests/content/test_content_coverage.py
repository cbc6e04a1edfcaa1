"""Every piece of seed learning that issue 3 asks for is in the content, where we say it is.

Two maps, read side by side with the seed documents:

- ``SURREY_QUESTIONS``: each reflective question the Surrey briefing attaches to a theme, found
  in the seed by a phrase of its own, and the prompts that ask it; each of those prompts must
  cite the Surrey section the question sits in. The test also reads every "Reflective Questions"
  block of the seed, so a question missing from the map fails it.
- ``COVERAGE``: each bullet of issue 3's "Content to cover" list and the prompts that carry it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_content_sources import SEEDS_DIR

from supervision_app.content import load_content

SURREY = "surrey-scr-briefing"
SURREY_SEED = SEEDS_DIR / "001_b9934bfc1a5b02c5.txt"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

#: (Surrey section cited, a phrase from the seed's question, the prompts that ask it).
SURREY_QUESTIONS: list[tuple[str, str, tuple[str, ...]]] = [
    # 2.1 Chronic neglect (the questions follow 2.1.2)
    (
        "2.1.2 Neglect and inter-agency working",
        "What is your understanding of neglect?",
        ("family_circumstances.neglect_understanding",),
    ),
    (
        "2.1.2 Neglect and inter-agency working",
        "How would you evidence your concerns regarding neglect?",
        (
            "family_circumstances.evidencing_neglect",
            "family_circumstances.poverty_and_getting_used_to_it",
        ),
    ),
    (
        "2.1.2 Neglect and inter-agency working",
        "parental failure to bring children to appointments",
        ("professional_curiosity.not_brought",),
    ),
    (
        "2.1.2 Neglect and inter-agency working",
        "children and families where neglect is a feature",
        ("supervision.trauma_informed",),
    ),
    # 2.3 Engaging challenging families
    (
        "2.3 Engaging challenging families",
        "How do you manage feelings of fear, intimidation and aggression?",
        ("authoritative_practice.feelings_as_data",),
    ),
    (
        "2.3 Engaging challenging families",
        "If you are afraid, intimidated",
        ("authoritative_practice.feelings_as_data",),
    ),
    (
        "2.3 Engaging challenging families",
        "perpetrators groom and intimidate victims",
        (
            "family_circumstances.grooming_professionals",
            "authoritative_practice.support_and_safety",
        ),
    ),
    (
        "2.3 Engaging challenging families",
        "aggressive or charming/manipulative and avoidant",
        ("authoritative_practice.support_and_safety",),
    ),
    (
        "2.3 Engaging challenging families",
        "keeping yourself safe as a worker",
        ("supervision.trauma_informed",),
    ),
    # 2.4 Child Sexual Abuse
    (
        "2.4 Child Sexual Abuse",
        "think the unthinkable",
        ("family_circumstances.think_the_unthinkable",),
    ),
    (
        "2.4 Child Sexual Abuse",
        "What signs or indicators of sexual abuse",
        ("family_circumstances.think_the_unthinkable",),
    ),
    (
        "2.4 Child Sexual Abuse",
        "How would you respond to a disclosure?",
        ("family_circumstances.think_the_unthinkable",),
    ),
    (
        "2.4 Child Sexual Abuse",
        "where child sexual abuse is a feature",
        ("supervision.trauma_informed",),
    ),
    # 2.5 Parental mental health (its questions are about domestic abuse)
    (
        "2.5 Parental mental health",
        "enable women or men to disclose domestic abuse",
        ("family_circumstances.safe_to_disclose",),
    ),
    (
        "2.5 Parental mental health",
        "ongoing nature of coercive control",
        ("family_circumstances.domestic_abuse_ongoing",),
    ),
    (
        "2.5 Parental mental health",
        "right tools to help them recognise and respond to domestic abuse",
        ("family_circumstances.risk_tools",),
    ),
    (
        "2.5 Parental mental health",
        "where domestic abuse is a feature",
        ("supervision.trauma_informed",),
    ),
    # 2.6 Cumulative harm
    (
        "2.6 Cumulative harm",
        "stay focused in the face of multiple and complex family needs",
        ("family_circumstances.focus_amid_complexity",),
    ),
    (
        "2.6 Cumulative harm",
        "What helps practitioners to work effectively together",
        ("family_circumstances.think_family",),
    ),
    (
        "2.6 Cumulative harm",
        "effective 'Think-family' work",
        ("family_circumstances.think_family",),
    ),
    (
        "2.6 Cumulative harm",
        "What support is needed when working with the complexity",
        ("family_circumstances.focus_amid_complexity",),
    ),
    (
        "2.6 Cumulative harm",
        "the challenges faced when seeking to support them",
        ("supervision.trauma_informed",),
    ),
    # 3.1 Professional Curiosity
    (
        "3.1 Professional Curiosity",
        "What behaviours or practices promote professional curiosity?",
        ("professional_curiosity.curiosity_barriers",),
    ),
    (
        "3.1 Professional Curiosity",
        "limit or inhibit professional curiosity",
        ("professional_curiosity.curiosity_barriers",),
    ),
    (
        "3.1 Professional Curiosity",
        "what you see, hear, smell and sense",
        ("professional_curiosity.see_hear_smell_sense",),
    ),
    # 3.2 Disguised Compliance
    (
        "3.2 Disguised Compliance",
        "What does authoritative practice look and feel like",
        ("authoritative_practice.authority_in_your_role",),
    ),
    (
        "3.2 Disguised Compliance",
        "authoritative without being authoritarian",
        ("authoritative_practice.not_authoritarian",),
    ),
    (
        "3.2 Disguised Compliance",
        "keep workers focused on the needs of the child",
        ("professional_curiosity.focus_on_the_child",),
    ),
    # 3.5 Escalation of professional dissent
    (
        "3.5 Escalation of professional dissent",
        "How do you evidence your concerns regarding a child",
        ("escalation.evidencing_concerns",),
    ),
    (
        "3.5 Escalation of professional dissent",
        "how your concerns are impacting on the parent's capacity",
        ("escalation.evidencing_concerns", "assessment_recording.impact_on_parenting"),
    ),
    (
        "3.5 Escalation of professional dissent",
        "if a referral is not accepted and your concerns remain",
        ("escalation.refused_referral",),
    ),
    # 3.6 Parental Capacity
    (
        "3.6 Parental Capacity",
        "the concerns that are impacting on the parent's capacity",
        ("assessment_recording.impact_on_parenting", "lived_experience.life_for_this_child"),
    ),
    (
        "3.6 Parental Capacity",
        "avoid parental behaviours overshadowing the children's needs",
        ("supervision.trauma_informed",),
    ),
    # 3.7 Lived experience of the child
    (
        "3.7 Lived experience of the child",
        "seeing and hearing children is an essential part",
        ("lived_experience.seeing_and_hearing",),
    ),
    (
        "3.7 Lived experience of the child",
        "reflect the voice of the child",
        ("lived_experience.recording_the_child",),
    ),
    (
        "3.7 Lived experience of the child",
        "barriers to hearing and responding to the voice of the child",
        ("lived_experience.other_barriers",),
    ),
]

#: Issue 3's "Content to cover", bullet by bullet: the prompts (``stage.prompt``) that carry it.
COVERAGE: dict[str, tuple[str, ...]] = {
    "curiosity: respectful scepticism": ("professional_curiosity.respectful_scepticism",),
    "curiosity: what inhibits and promotes it": ("professional_curiosity.curiosity_barriers",),
    "curiosity: see, hear, smell, sense": ("professional_curiosity.see_hear_smell_sense",),
    "curiosity: seeing all parties separately": ("professional_curiosity.seen_separately",),
    "curiosity: parents' account versus facts": ("professional_curiosity.account_versus_evidence",),
    "disguised compliance: recognising it": ("professional_curiosity.disguised_compliance",),
    "disguised compliance: establishing facts": ("professional_curiosity.evidence_of_change",),
    "disguised compliance: the child's experience": (
        "professional_curiosity.child_experience_not_parent_actions",
        "professional_curiosity.focus_on_the_child",
    ),
    "hypothesising": (
        "professional_curiosity.hypotheses",
        "professional_curiosity.testing_hypotheses",
    ),
    "professional dangerousness, twelve patterns": ("professional_curiosity.dangerousness_check",),
    "what is life like for this child": ("lived_experience.life_for_this_child",),
    "each child in their own right": (
        "lived_experience.each_child",
        "lived_experience.seeing_and_hearing",
    ),
    "Hampshire barrier: cannot speak": ("lived_experience.barrier_cannot_speak",),
    "Hampshire barrier: focus on parents": ("lived_experience.barrier_parents_focus",),
    "Hampshire barrier: access restricted": ("lived_experience.barrier_access_restricted",),
    "non-verbal cues": ("lived_experience.non_verbal_cues",),
    "creative methods": ("lived_experience.creative_methods",),
    "day in the life": ("lived_experience.day_in_life_tool",),
    "trigger trio and cumulative harm": (
        "professional_curiosity.trigger_trio",
        "professional_curiosity.cumulative_harm",
    ),
    "further parental risk factors": ("professional_curiosity.parental_risk_factors",),
    "re-assessment triggers": ("professional_curiosity.reassess_on_change",),
    "moves, GPs, cross-border": ("professional_curiosity.moves_and_services",),
    "four types of neglect": ("family_circumstances.neglect_types",),
    "coercive control": (
        "family_circumstances.coercive_control",
        "family_circumstances.domestic_abuse_ongoing",
    ),
    "grooming of professionals": ("family_circumstances.grooming_professionals",),
    "adolescents: missing and return home interviews": ("lived_experience.adolescent_missing",),
    "adolescents: exploitation": (
        "family_circumstances.send_and_exploitation",
        "family_circumstances.adolescent_network",
        "family_circumstances.adolescent_disruption",
    ),
    "adolescents: agency versus safety": ("lived_experience.adolescent_agency_and_safety",),
    "adolescents: special educational needs": (
        "lived_experience.adolescent_history",
        "family_circumstances.send_and_exploitation",
    ),
    "Ferguson's eight steps": (
        "authoritative_practice.recognise_authority",
        "authoritative_practice.open_feelings",
        "authoritative_practice.resistance_and_strengths",
        "authoritative_practice.dangers_to_children",
        "authoritative_practice.not_negotiable",
        "authoritative_practice.negotiable",
        "authoritative_practice.child_protection_plan",
        "authoritative_practice.criteria_for_progress",
    ),
    "bottom lines: expectations": ("authoritative_practice.bottom_line_expectations",),
    "bottom lines: evidenced risks": ("authoritative_practice.evidenced_risks",),
    "bottom lines: what must change": ("authoritative_practice.what_must_change",),
    "bottom lines: contingency": ("authoritative_practice.contingency_plan",),
    "London list for uncooperative parents": ("authoritative_practice.london_checklist",),
    "worker's fear as data": ("authoritative_practice.feelings_as_data",),
    "honest conversations (beyond the list)": ("authoritative_practice.honest_conversations",),
    "escalation: disagreement is healthy": ("escalation.disagreement",),
    "escalation: refused referral": ("escalation.refused_referral",),
    "escalation: multiple referrals": ("escalation.referral_history",),
    "escalation: premature step-down": ("escalation.step_down",),
    "escalation: staged route with a record": (
        "escalation.route_practitioner",
        "escalation.route_managers",
        "escalation.route_senior_managers",
        "escalation.route_partnership",
    ),
    "Working Together high-quality assessment": ("assessment_recording.working_together_check",),
    "Surrey planning pitfalls": ("assessment_recording.planning_pitfalls",),
    "information sharing, decision and reason": (
        "assessment_recording.information_sharing",
        "escalation.who_else_needs_to_know",
    ),
    "record-keeping pitfalls": ("assessment_recording.recording_pitfalls",),
    "fact / said / child's words / judgement marks": ("assessment_recording.marked_entries",),
    "practitioner wellbeing and emotional impact": (
        "supervision.wellbeing",
        "supervision.emotional_impact",
    ),
    "specialist advice": ("supervision.specialist_advice",),
}


@pytest.fixture(scope="module")
def content():
    return load_content()


def _question_paragraphs(text: str) -> dict[str, str]:
    """Each question paragraph of each "Reflective Questions" block, with its section number."""
    heading = re.compile(r"^(\d(?:\.\d)+) \S", re.MULTILINE)
    questions: dict[str, str] = {}
    for block in re.finditer(r"^Reflective Questions$", text, re.MULTILINE):
        before = [m.group(1) for m in heading.finditer(text, 0, block.start())]
        after = heading.search(text, block.end())
        stop = after.start() if after else len(text)
        for paragraph in re.split(r"\n\s*\n", text[block.end() : stop]):
            paragraph = " ".join(paragraph.split())
            if "?" in paragraph:
                questions[paragraph] = before[-1]
    return questions


def test_every_surrey_reflective_question_is_asked(content):
    if not SURREY_SEED.is_file():
        pytest.skip(f"source documents not found at {SEEDS_DIR}")
    questions = _question_paragraphs(SURREY_SEED.read_text(encoding="utf-8"))
    assert len(questions) == 36
    asked: dict[str, str] = {}
    for section, phrase, prompt_ids in SURREY_QUESTIONS:
        found = [q for q in questions if phrase in q]
        assert len(found) == 1, f"{phrase!r} should name exactly one question, found {found}"
        [question] = found
        assert section.startswith(questions[question] + " "), (phrase, questions[question])
        assert question not in asked, f"{phrase!r} and {asked.get(question)!r} name one question"
        asked[question] = phrase
        for prompt_id in prompt_ids:
            prompt = content.prompt(prompt_id)
            assert prompt is not None, f"{prompt_id} ({phrase!r}) is not in the content"
            cited = {(ref.document, ref.section) for ref in prompt.sources}
            assert (SURREY, section) in cited, f"{prompt_id} should cite Surrey {section}"
    missing = sorted(set(questions) - set(asked))
    assert not missing, "Surrey reflective questions with no prompt:\n" + "\n".join(missing)


def test_every_issue_bullet_has_its_prompts(content):
    for bullet, prompt_ids in COVERAGE.items():
        for prompt_id in prompt_ids:
            prompt = content.prompt(prompt_id)
            assert prompt is not None, f"{bullet}: {prompt_id} is not in the content"
            assert prompt.why and prompt.sources, prompt_id


def test_further_parental_risk_factors_are_complete(content):
    """Every further factor the seeds name, each explained; the trigger trio is asked once, by
    its own prompt, not again in the checklist that goes "beyond" it."""
    prompt = content.prompt("professional_curiosity.parental_risk_factors")
    assert prompt is not None and prompt.kind == "checklist"
    labels = " | ".join(item.label.casefold() for item in prompt.items)
    assert "trigger trio" not in labels
    for words in ("domestic abuse", "parental mental health", "drug or alcohol misuse"):
        assert words not in labels, words
    trio = content.prompt("professional_curiosity.trigger_trio").text.casefold()
    for words in ("domestic abuse", "mental ill health", "drug or alcohol"):
        assert words in trio, words
    for words in (
        "adverse experiences in a parent's own childhood",  # Surrey 2.6, Cumbria B4
        "violent crime",  # Surrey 2.6, Cumbria B4
        "multiple consecutive partners",  # Surrey 2.6
        "acrimonious separation",  # Surrey 2.6
        "abused or neglected as a child, or who was in care",  # Hampshire 4
        "threats to harm",  # Hampshire 4 and Appendix A
        "self-harm",  # Hampshire 4
        "across the generations",  # national characteristics 2018-19
        "older brother or sister was removed",  # national characteristics 2018-19
    ):
        assert words in labels, words
    assert all(item.explanation for item in prompt.items)


def test_london_list_has_every_item_of_the_seed(content):
    prompt = content.prompt("authoritative_practice.london_checklist")
    assert prompt is not None and prompt.kind == "checklist"
    if SURREY_SEED.is_file():
        text = SURREY_SEED.read_text(encoding="utf-8")
        start = text.index("When working with uncooperative parents")
        block = text[start : text.index("Work with families who are aggressive", start)]
        assert len(prompt.items) == block.count("\n- ") == 9
    assert all(item.explanation for item in prompt.items)


def test_reassessment_names_all_five_triggers(content):
    prompt = content.prompt("professional_curiosity.reassess_on_change")
    text = f"{prompt.text} {prompt.hint}".casefold()
    for words in ("new partner", "birth", "historic", "domestic abuse", "self-harm"):
        assert words in text, words


def test_prompt_ids_of_earlier_content_are_never_reused_or_dropped(content):
    """Saved answers refer to prompt ids: every id that 1.1.0 had is still a prompt, or an alias
    of the prompt it was merged into."""
    lines = (FIXTURES / "content_1_1_0_prompt_ids.txt").read_text(encoding="utf-8").splitlines()
    earlier = [line for line in lines if line and not line.startswith("#")]
    assert len(earlier) == 95
    current = {i for stage in content.stages for p in stage.prompts for i in (p.id, *p.aliases)}
    assert not sorted(set(earlier) - current)
