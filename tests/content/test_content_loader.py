"""The content loader accepts valid content and names the file and problem otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_content_sources import STAGE_IDS

from supervision_app.content import ContentError, load_content

MANIFEST = """
schema_version = 1
content_version = "9.9.9"
sources = "sources.toml"
stages = ["stages/one.toml"]
"""

SOURCES = """
schema_version = 1
[[documents]]
id = "doc"
file = "000.txt"
title = "A document"
short_title = "Doc"
sections = ["1 Intro", "2 Detail"]
"""

STAGE = """
schema_version = 1
[stage]
id = "one"
title = "Stage one"
summary = "The first stage."
why = "Because."
sources = [{ document = "doc", section = "1 Intro" }]

[[prompts]]
id = "one.first"
text = "What did you see?"
why = "Seeing matters."
sources = [{ document = "doc", section = "2 Detail" }]
hint = "Describe it."

[[prompts]]
id = "one.second"
group = "A group"
text = "What did you hear?"
why = "Hearing matters."
sources = [{ document = "doc", section = "1 Intro" }]
"""


def write_content(folder: Path, manifest=MANIFEST, sources=SOURCES, stage=STAGE) -> Path:
    (folder / "stages").mkdir(parents=True)
    (folder / "manifest.toml").write_text(manifest, encoding="utf-8")
    (folder / "sources.toml").write_text(sources, encoding="utf-8")
    (folder / "stages" / "one.toml").write_text(stage, encoding="utf-8")
    return folder


def test_valid_content_loads_in_order(tmp_path: Path) -> None:
    content = load_content(write_content(tmp_path / "c"))
    assert content.version == "9.9.9"
    [stage] = content.stages
    assert [p.id for p in stage.prompts] == ["one.first", "one.second"]
    assert content.prompt("one.second").group == "A group"
    assert content.prompt("one.first").hint == "Describe it."
    assert content.citations(content.prompt("one.first").sources) == "Doc, 2 Detail"


@pytest.mark.parametrize(
    ("broken", "expected_file", "expected_problem"),
    [
        (
            {"stage": STAGE.replace('text = "What did you see?"\n', "")},
            "one.toml",
            "prompts[0].text",
        ),
        (
            {"stage": STAGE.replace('section = "2 Detail"', 'section = "9 Nowhere"')},
            "one.toml",
            "'9 Nowhere' is not a section",
        ),
        (
            {
                "stage": STAGE.replace(
                    'document = "doc", section = "2', 'document = "nope", section = "2'
                )
            },
            "one.toml",
            "'nope' is not in the sources",
        ),
        (
            {"stage": STAGE.replace('id = "one.second"', 'id = "one.first"')},
            "one.toml",
            "already used",
        ),
        (
            {"stage": STAGE.replace('id = "one.second"', 'id = "two.second"')},
            "one.toml",
            "must look like 'one.",
        ),
        ({"stage": STAGE.replace("hint =", "hnit =")}, "one.toml", "unknown key(s) hnit"),
        ({"stage": STAGE.replace("[stage]", "[stage")}, "one.toml", "not valid TOML"),
        (
            {"stage": STAGE.replace("schema_version = 1", "schema_version = 2")},
            "one.toml",
            "schema_version must be 1",
        ),
        (
            {"manifest": MANIFEST.replace("one.toml", "missing.toml")},
            "missing.toml",
            "the file is missing",
        ),
        (
            {"sources": SOURCES.replace('sections = ["1 Intro", "2 Detail"]', "sections = []")},
            "sources.toml",
            "sections must be a non-empty list",
        ),
    ],
)
def test_malformed_content_names_file_and_problem(
    tmp_path: Path, broken: dict[str, str], expected_file: str, expected_problem: str
) -> None:
    folder = write_content(tmp_path / "c", **broken)
    with pytest.raises(ContentError) as info:
        load_content(folder)
    assert info.value.file.name == expected_file
    assert expected_problem in str(info.value)


def test_content_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    folder = write_content(tmp_path / "c")
    (folder / "stages" / "one.toml").write_bytes(b"\xff\xfe broken")
    with pytest.raises(ContentError, match="not UTF-8"):
        load_content(folder)


def test_shipped_content_loads() -> None:
    content = load_content()
    assert [s.id for s in content.stages] == STAGE_IDS
    for stage in content.stages:
        for prompt in stage.prompts:
            assert prompt.text and prompt.why and prompt.sources


TOOL_STAGE = (
    STAGE
    + """
[[prompts]]
id = "one.check"
kind = "checklist"
choices = ["Yes", "Partly", "No"]
text = "Check these."
why = "Checks matter."
sources = [{ document = "doc", section = "1 Intro" }]

[[prompts.items]]
id = "first"
label = "The first thing"
explanation = "Why it is first."

[[prompts]]
id = "one.table"
kind = "records"
text = "Record these."
why = "Records matter."
sources = [{ document = "doc", section = "1 Intro" }]

[[prompts.fields]]
id = "mark"
label = "This is"
choices = ["Fact", "Judgement"]

[[prompts.fields]]
id = "entry"
label = "Entry"
multiline = true
"""
)


def test_structured_prompts_load(tmp_path: Path) -> None:
    content = load_content(write_content(tmp_path / "c", stage=TOOL_STAGE))
    check = content.prompt("one.check")
    assert check is not None and check.kind == "checklist" and check.structured
    assert [i.label for i in check.items] == ["The first thing"]
    assert check.answer_choices == ("Yes", "Partly", "No")
    table = content.prompt("one.table")
    assert table is not None and table.kind == "records"
    assert [(f.id, f.choices, f.multiline) for f in table.fields] == [
        ("mark", ("Fact", "Judgement"), False),
        ("entry", (), True),
    ]
    assert content.prompt("one.first").kind == "text"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('kind = "checklist"', 'kind = "quiz"'), "kind 'quiz' is not known"),
        (('label = "The first thing"\n', ""), "items[0].label must be non-empty text"),
        (('id = "first"', 'id = "First thing"'), "must be unique and lower_case"),
        (('choices = ["Yes", "Partly", "No"]', 'choices = ["Yes", "Yes"]'), "same text twice"),
        (('kind = "records"', 'kind = "text"'), "only 'records' prompts have fields"),
        (("multiline = true", 'multiline = "yes"'), "multiline must be true or false"),
    ],
)
def test_structured_prompt_problems_are_named(tmp_path: Path, change, message) -> None:
    old, new = change
    assert old in TOOL_STAGE
    folder = write_content(tmp_path / "c", stage=TOOL_STAGE.replace(old, new, 1))
    with pytest.raises(ContentError) as info:
        load_content(folder)
    assert message in str(info.value)
    assert info.value.file.name == "one.toml"


def test_checklist_without_items_is_refused(tmp_path: Path) -> None:
    stage = (
        TOOL_STAGE.split("[[prompts.items]]")[0]
        + "[[prompts]]"
        + TOOL_STAGE.split("[[prompts]]")[-1]
    )
    folder = write_content(tmp_path / "c", stage=stage)
    with pytest.raises(ContentError, match="needs at least one"):
        load_content(folder)
