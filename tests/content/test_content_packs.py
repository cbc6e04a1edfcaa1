"""Agency content packs: good packs load on top, broken and conflicting packs are skipped and
reported, and the app's built-in content is never affected."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from supervision_app.content import load_content_with_packs

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = REPO_ROOT / "examples" / "content-packs" / "example-agency"


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    root = tmp_path / "packs"
    shutil.copytree(EXAMPLE, root / "a-example")
    return root


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_example_pack_adds_prompts_policy_and_marking(packs: Path, content) -> None:
    loaded = load_content_with_packs(pack_roots=[packs])
    assert loaded.pack_problems == ()
    assert [p.id for p in loaded.packs] == ["example-agency"]
    escalation = loaded.stage("escalation")
    assert escalation.prompts[-1].id == "escalation.example_agency_timescales"
    assert escalation.prompts[-1].pack == "example-agency"
    assert len(escalation.prompts) == len(content.stage("escalation").prompts) + 1
    tool = loaded.prompt("supervision.example_agency_safeguarding_team")
    assert tool.kind == "checklist" and tool.answer_choices == ("Yes", "No", "Not needed")
    assert "Example Borough escalation guidance" in loaded.citations(escalation.prompts[-1].sources)
    policy = loaded.escalation_policy
    assert policy.stages[0].name == "Practitioner to practitioner"
    assert [s.days for s in policy.stages] == [2, 5, 5, 10]
    assert loaded.marking == "OFFICIAL-SENSITIVE: Example Borough"


def test_pack_in_data_folder_is_found(isolated_data_dir: Path) -> None:
    shutil.copytree(EXAMPLE, isolated_data_dir / "content-packs" / "example-agency")
    loaded = load_content_with_packs()
    assert [p.id for p in loaded.packs] == ["example-agency"]


def test_pack_named_in_environment_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUPERVISION_APP_CONTENT_PACKS", str(EXAMPLE))
    assert [p.id for p in load_content_with_packs().packs] == ["example-agency"]


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("pack.toml", 'version = "1.0.0"', "", "version must be non-empty text"),
        ("pack.toml", "schema_version = 1", "schema_version = 7", "schema_version must be 1"),
        ("prompts.toml", 'stage = "escalation"', 'stage = "nowhere"', "'nowhere' is not a stage"),
        ("prompts.toml", 'section = "2. Stage 1', 'section = "9. Stage 9', "is not a section"),
        ("prompts.toml", 'kind = "checklist"', 'kind = "poll"', "kind 'poll' is not known"),
        ("sources.toml", '"6. Keeping the child', '"7. Not in the file', "does not appear in"),
        ("escalation.toml", "days = 2", "days = -3", "whole number of days"),
        ("prompts.toml", "[[prompts]]", "[[prompts]", "not valid TOML"),
    ],
)
def test_broken_pack_is_skipped_and_reported(
    packs: Path, content, file: str, old: str, new: str, message: str
) -> None:
    _edit(packs / "a-example" / file, old, new)
    loaded = load_content_with_packs(pack_roots=[packs])
    assert loaded.packs == ()
    assert len(loaded.pack_problems) == 1
    problem = loaded.pack_problems[0]
    assert message in problem.problem and file in problem.problem
    assert problem.folder.endswith("a-example")
    # Nothing from the broken pack leaks in; the built-in content is untouched.
    assert [len(s.prompts) for s in loaded.stages] == [len(s.prompts) for s in content.stages]
    assert loaded.escalation_policy is None and loaded.marking is None


def test_unreadable_pack_file_does_not_crash(packs: Path) -> None:
    (packs / "a-example" / "prompts.toml").write_bytes(b"\xff\xfe not text")
    loaded = load_content_with_packs(pack_roots=[packs])
    assert loaded.packs == () and "not UTF-8" in loaded.pack_problems[0].problem


def test_second_pack_with_the_same_prompt_id_is_skipped(packs: Path) -> None:
    shutil.copytree(packs / "a-example", packs / "b-copy")
    _edit(packs / "b-copy" / "pack.toml", 'id = "example-agency"', 'id = "copy-agency"')
    _edit(
        packs / "b-copy" / "sources.toml",
        'id = "example-escalation-policy"',
        'id = "copy-escalation-policy"',
    )
    for old in ('document = "example-escalation-policy"',) * 3:
        _edit(packs / "b-copy" / "prompts.toml", old, 'document = "copy-escalation-policy"')
    # the copy keeps its prompts but not the example's own theme (that would clash first)
    (packs / "b-copy" / "agenda.toml").unlink()
    _edit(packs / "b-copy" / "prompts.toml", ', "local_policy"]', "]")
    _edit(packs / "b-copy" / "prompts.toml", 'themes = ["local_policy"]', 'themes = ["escalation"]')
    loaded = load_content_with_packs(pack_roots=[packs])
    assert [p.id for p in loaded.packs] == ["example-agency"]
    assert len(loaded.pack_problems) == 1
    assert "escalation.example_agency_timescales" in loaded.pack_problems[0].problem
    assert "already used by the pack 'example-agency'" in loaded.pack_problems[0].problem
    assert loaded.pack_problems[0].folder.endswith("b-copy")


def test_pack_redefining_a_built_in_prompt_is_skipped(packs: Path) -> None:
    _edit(
        packs / "a-example" / "prompts.toml",
        'id = "escalation.example_agency_timescales"',
        'id = "escalation.disagreement"',
    )
    loaded = load_content_with_packs(pack_roots=[packs])
    assert loaded.packs == ()
    assert "'escalation.disagreement' is already used by the built-in content" in (
        loaded.pack_problems[0].problem
    )


def test_pack_reusing_a_built_in_document_id_is_skipped(packs: Path) -> None:
    sources = packs / "a-example" / "sources.toml"
    _edit(sources, 'id = "example-escalation-policy"', 'id = "surrey-scr-briefing"')
    for _ in range(3):
        _edit(
            packs / "a-example" / "prompts.toml",
            'document = "example-escalation-policy"',
            'document = "surrey-scr-briefing"',
        )
    loaded = load_content_with_packs(pack_roots=[packs])
    assert loaded.packs == ()
    assert loaded.pack_problems  # refused either as a bad section or as a clash


def test_missing_roots_are_ignored(tmp_path: Path) -> None:
    loaded = load_content_with_packs(pack_roots=[tmp_path / "nope"])
    assert loaded.packs == () and loaded.pack_problems == ()
