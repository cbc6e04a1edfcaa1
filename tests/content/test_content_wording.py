"""The prompts read as a supervisor would ask them: one open question each, acronyms spelled
out where a page first uses them, and every merged prompt's old id still finding its home.

A page is what the app shows at once: one prompt (its question, hint, why-this-matters and its
items or fields), or a stage's heading (its summary and why).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from supervision_app.content import load_content
from supervision_app.content.model import Content, Prompt

#: Words that open a question answerable with "yes" or "no".
YES_NO_OPENERS = frozenset(
    [
        "is",
        "are",
        "am",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "can",
        "could",
        "would",
        "should",
        "will",
        "was",
        "were",
        "shall",
        "may",
        "might",
        "must",
        "any",
    ]
)
#: Openers that lead into the real question after a comma ("If a referral was refused, what…").
LEAD_INS = frozenset(
    [
        "if",
        "when",
        "where",
        "while",
        "looking",
        "leaving",
        "beyond",
        "apart",
        "with",
        "for",
        "thinking",
        "going",
        "after",
        "before",
        "since",
        "once",
    ]
)
#: The few prompts that keep a closed opener, each with the reason it is the right question.
YES_NO_ALLOWED: dict[str, str] = {}

#: Acronyms and the words they stand for. A page must spell an acronym out before (or where) it
#: first uses it; an acronym missing from this list fails the test until it is added.
GLOSSARY = {
    "DASH": "Domestic Abuse, Stalking and Honour Based Violence",
    "DARAC": "Domestic Abuse Risk Assessment Tool for Children",
    "MARAC": "Multi-Agency Risk Assessment Conference",
    "MASH": "Multi-Agency Safeguarding Hub",
    "IRO": "Independent Reviewing Officer",
    "NSPCC": "National Society for the Prevention of Cruelty to Children",
    "SCR": "serious case review",
    "SCRs": "serious case reviews",
    "CAMHS": "Child and Adolescent Mental Health Services",
    "SUDI": "sudden unexpected death in infancy",
    "SEND": "special educational needs and disabilities",
}
#: Capitalised tokens that are not acronyms to spell out: names of reviews and their sections
#: ("Child BE", "Finding B4"), and GP, which every reader in England knows.
NOT_ACRONYMS = frozenset(
    {"BE", "B4", "GP", "GPs", "UK", "HM", "DfE", "I", "II", "III", "A", "B", "C"}
)
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,7}s?\b")


def _prompts(content: Content) -> Iterator[Prompt]:
    for stage in content.stages:
        yield from stage.prompts


def _first_question(text: str) -> str:
    """The first sentence that asks something, without a leading 'If …,' clause."""
    for sentence in re.split(r"(?<=[.?!:])\s+", text.strip()):
        if sentence.endswith("?"):
            words = sentence.split()
            if words and words[0].lower().strip(",") in LEAD_INS and "," in sentence:
                sentence = sentence.split(",", 1)[1]
            return sentence.strip()
    return ""


def closed_opener(prompt: Prompt) -> str:
    """The yes/no word the prompt's first question opens with, or ''."""
    question = _first_question(prompt.text)
    first = question.split()[0].lower() if question else ""
    return first if first in YES_NO_OPENERS else ""


def pages(content: Content) -> Iterator[tuple[str, str]]:
    for stage in content.stages:
        yield f"stage {stage.id}", "\n".join((stage.title, stage.summary, stage.why))
        for prompt in stage.prompts:
            parts = [prompt.group, prompt.text, prompt.hint, prompt.why]
            parts += [f"{i.label}: {i.explanation}" for i in prompt.items]
            parts += [f.label for f in prompt.fields]
            yield prompt.id, "\n".join(p for p in parts if p)


def acronym_problems(page: str, text: str) -> list[str]:
    problems = []
    seen: set[str] = set()
    for match in _ACRONYM.finditer(text):
        token = match.group(0)
        if token in NOT_ACRONYMS or token in seen:
            continue
        seen.add(token)
        expansion = GLOSSARY.get(token) or GLOSSARY.get(token.rstrip("s"))
        if expansion is None:
            problems.append(f"{page}: '{token}' is not in the glossary of this test")
        elif expansion.casefold() not in text[: match.start()].casefold():
            problems.append(f"{page}: '{token}' is used before '{expansion}' is spelled out")
    return problems


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


def test_prompts_ask_open_questions(content: Content) -> None:
    closed = {p.id: closed_opener(p) for p in _prompts(content) if closed_opener(p)}
    unexplained = sorted(set(closed) - set(YES_NO_ALLOWED))
    assert not unexplained, "yes/no openers: " + ", ".join(
        f"{i} ({closed[i]})" for i in unexplained
    )
    assert len(YES_NO_ALLOWED) <= 5
    for prompt_id, reason in YES_NO_ALLOWED.items():
        assert content.prompt(prompt_id) is not None and reason.strip(), prompt_id


def test_the_opener_check_catches_a_closed_question(content: Content) -> None:
    prompt = next(_prompts(content))
    closed = prompt.__class__(**{**_fields(prompt), "text": "Is the child safe? Why?"})
    lead_in = prompt.__class__(
        **{**_fields(prompt), "text": "If it was refused, has anyone acted?"}
    )
    open_ = prompt.__class__(**{**_fields(prompt), "text": "Step 1: Authority. How is it shown?"})
    assert closed_opener(closed) == "is"
    assert closed_opener(lead_in) == "has"
    assert closed_opener(open_) == ""


def _fields(prompt: Prompt) -> dict:
    return {name: getattr(prompt, name) for name in prompt.__slots__}


def test_one_question_per_prompt(content: Content) -> None:
    """Follow-up detail lives in the hint; the question itself is one question."""
    crowded = sorted(p.id for p in _prompts(content) if p.text.count("?") > 1)
    assert not crowded, f"prompts asking more than one question at once: {crowded}"


def test_acronyms_are_spelled_out_on_each_page(content: Content) -> None:
    problems = [
        problem for page, text in pages(content) for problem in acronym_problems(page, text)
    ]
    assert not problems, "\n".join(problems)


def test_the_acronym_check_catches_an_unexplained_acronym() -> None:
    assert acronym_problems("p", "Refer to MARAC.") == [
        "p: 'MARAC' is used before 'Multi-Agency Risk Assessment Conference' is spelled out"
    ]
    assert acronym_problems("p", "A Multi-Agency Risk Assessment Conference (MARAC).") == []
    assert acronym_problems("p", "Ask the XYZ team.") == [
        "p: 'XYZ' is not in the glossary of this test"
    ]
