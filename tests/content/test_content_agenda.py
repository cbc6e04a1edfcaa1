"""The focused session's content: tiers, themes, conditions and minutes on every prompt, the
themes and the core route in agenda.toml, their validation, and how a pack changes them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from supervision_app.content import ContentError, load_content, load_content_with_packs
from supervision_app.content.agenda_file import CORE_ROUTE_MAX, CORE_ROUTE_MIN
from supervision_app.content.loader import default_content_dir
from supervision_app.content.model import DEFAULT_FREQUENCY_DAYS, TIERS
from supervision_app.content.patterns import load_patterns

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = REPO_ROOT / "examples" / "content-packs" / "example-agency"

#: The reflective cycle the core route walks (Kolb, as Morrison's 4x4x4 model uses it).
CYCLE = {
    "experience": {
        "professional_curiosity.reassess_on_change",
        "professional_curiosity.see_hear_smell_sense",
        "lived_experience.life_for_this_child",
        "lived_experience.child_words",
    },
    "reflection": {
        "authoritative_practice.feelings_as_data",
        "professional_curiosity.focus_on_the_child",
    },
    "analysis": {
        "professional_curiosity.account_versus_evidence",
        "professional_curiosity.cumulative_harm",
        "professional_curiosity.hypotheses",
        "authoritative_practice.dangers_to_children",
    },
    "plan": {
        "authoritative_practice.criteria_for_progress",
        "authoritative_practice.contingency_plan",
        "escalation.who_else_needs_to_know",
    },
}


def test_every_prompt_is_tagged(content) -> None:
    theme_ids = {t.id for t in content.themes}
    for prompt in content.all_prompts():
        assert prompt.tier in TIERS, prompt.id
        assert prompt.themes, f"{prompt.id} has no theme"
        assert set(prompt.themes) <= theme_ids, prompt.id
        assert 1 <= prompt.minutes <= 30


def test_every_theme_has_prompts_to_propose(content) -> None:
    for theme in content.themes:
        core = [p for p in content.all_prompts() if theme.id in p.themes and p.tier == "core"]
        assert 1 <= len(core) <= 8, (theme.id, len(core))
        assert theme.title and theme.description and theme.sources


def test_core_route_walks_the_reflective_cycle_in_order(content) -> None:
    route = content.core_route
    assert CORE_ROUTE_MIN <= len(route) <= CORE_ROUTE_MAX == 15
    assert len(set(route)) == len(route)
    phases = [next(name for name, ids in CYCLE.items() if pid in ids) for pid in route]
    assert phases == sorted(phases, key=list(CYCLE).index), "the route goes back round the cycle"
    assert set(phases) == set(CYCLE)
    for pid in route:
        assert content.prompt(pid).tier == "core", pid


def test_age_and_unborn_prompts_carry_their_conditions(content) -> None:
    adolescent = [p for p in content.all_prompts() if "adolescent" in p.id]
    assert len(adolescent) == 7
    for prompt in adolescent:
        assert prompt.conditions.min_child_age == 10, prompt.id
    unborn = content.prompt("family_circumstances.unborn_baby")
    assert unborn.conditions.unborn is True
    assert content.theme("adolescents").conditions.min_child_age == 10
    # prompts for everyone have no conditions
    assert content.prompt("lived_experience.life_for_this_child").conditions.empty


def test_hypotheses_prompts_open_the_tool(content) -> None:
    for pid in ("professional_curiosity.hypotheses", "professional_curiosity.testing_hypotheses"):
        prompt = content.prompt(pid)
        assert prompt.kind == "hypotheses" and prompt.opens_hypotheses
        assert not prompt.structured  # no tool data of its own; old text answers stay text


def test_theme_patterns_are_pattern_rules(content) -> None:
    rules = {r.id for r in load_patterns(content)}
    for theme in content.themes:
        assert set(theme.patterns) <= rules, theme.id


def test_frequency_defaults_to_monthly(content) -> None:
    assert content.supervision_frequency_days == DEFAULT_FREQUENCY_DAYS == 28
    assert content.frequency_is_default
    assert content.frequency_label == "every 28 days (default: monthly)"


# -- validation -------------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(default_content_dir(), target)
    return target


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


SEE = 'id = "professional_curiosity.see_hear_smell_sense"\ntier = "core"\nthemes = ["daily_life"]'


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (
            SEE.replace('tier = "core"', 'tier = "essential"'),
            "prompt 'professional_curiosity.see_hear_smell_sense' (prompts[1]).tier 'essential' "
            "is not a tier (use one of: core, deeper)",
        ),
        (
            SEE.replace('"daily_life"', '"daily_lfie"'),
            "prompt 'professional_curiosity.see_hear_smell_sense': theme 'daily_lfie' is not defined",
        ),
        (
            SEE + "\nconditions = { min_age = 10 }",
            "prompt 'professional_curiosity.see_hear_smell_sense' (prompts[1]).conditions has "
            "unknown key 'min_age'",
        ),
        (
            SEE + '\nconditions = { min_child_age = "ten" }',
            "prompt 'professional_curiosity.see_hear_smell_sense' (prompts[1])"
            ".conditions.min_child_age must be a whole number",
        ),
        (
            SEE + "\nconditions = { unborn = 1 }",
            ".conditions.unborn must be true or false",
        ),
        (
            SEE + "\nconditions = { min_child_age = 12, max_child_age = 4 }",
            "min_child_age 12 is above max_child_age 4",
        ),
        (SEE + '\nconditions = "teenagers"', ".conditions must be a table"),
        (SEE + "\nminutes = 0", "(prompts[1]).minutes must be a whole number from 1 to 30"),
    ],
)
def test_bad_tags_name_the_file_the_prompt_and_the_field(
    folder: Path, new: str, expected: str
) -> None:
    stage = folder / "stages" / "professional_curiosity.toml"
    _edit(stage, SEE, new)
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    assert caught.value.file == stage
    assert expected in caught.value.problem


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '    "escalation.who_else_needs_to_know",\n',
            '    "escalation.who_else_needs_to_know",\n    "escalation.no_such_prompt",\n',
            "core_route: prompt 'escalation.no_such_prompt' is not in the content",
        ),
        (
            '    "professional_curiosity.reassess_on_change",\n'
            '    "professional_curiosity.see_hear_smell_sense",\n'
            '    "lived_experience.life_for_this_child",\n'
            '    "lived_experience.child_words",\n',
            "",
            "core_route has 9 prompts; a core route holds 10 to 15",
        ),
        ('id = "neglect"', 'id = "Neglect"', "themes[4].id 'Neglect' must be lower_case"),
        ('id = "neglect"', 'id = "daily_life"', "the theme 'daily_life' is already defined"),
        (
            'title = "Neglect"',
            'title = "Neglect"\ncolour = "red"',
            "themes[4] has unknown key(s) colour",
        ),
        (
            "conditions = { min_child_age = 10 }",
            "conditions = { over = 10 }",
            "theme 'adolescents'.conditions has unknown key 'over'",
        ),
    ],
)
def test_bad_agenda_file_names_the_problem(folder: Path, old: str, new: str, expected: str) -> None:
    agenda = folder / "agenda.toml"
    _edit(agenda, old, new)
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    assert caught.value.file == agenda
    assert expected in caught.value.problem


def test_content_without_an_agenda_file_still_loads(folder: Path) -> None:
    _edit(folder / "manifest.toml", 'agenda = "agenda.toml"\n', "")
    for stage in (folder / "stages").glob("*.toml"):
        text = stage.read_text(encoding="utf-8")
        stage.write_text(
            "\n".join(line for line in text.split("\n") if not line.startswith("themes = ")),
            encoding="utf-8",
        )
    loaded = load_content(folder)
    assert loaded.themes == () and loaded.core_route == ()


# -- packs ------------------------------------------------------------------------------------


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    root = tmp_path / "packs"
    shutil.copytree(EXAMPLE, root / "a-example")
    return root


def test_pack_adds_a_theme_retags_prompts_and_sets_the_frequency(packs: Path, content) -> None:
    loaded = load_content_with_packs(pack_roots=[packs])
    assert loaded.pack_problems == ()
    theme = loaded.theme("local_policy")
    assert theme.pack == "example-agency" and theme.conditions.has_escalation is True
    managers = loaded.prompt("escalation.route_practitioner")
    assert managers.tier == "core" and "local_policy" in managers.themes and managers.minutes == 5
    assert managers.text == content.prompt("escalation.route_practitioner").text
    assert content.prompt("escalation.route_practitioner").tier == "deeper"  # built-in untouched
    own = loaded.prompt("escalation.example_agency_timescales")
    assert own.tier == "core" and own.conditions.has_escalation is True
    assert loaded.supervision_frequency_days == 42 and not loaded.frequency_is_default
    assert loaded.frequency_label == "every 42 days (agency setting)"
    assert loaded.core_route == content.core_route


def test_pack_replaces_the_core_route_with_its_own_prompt(packs: Path, content) -> None:
    route = [*content.core_route[:-1], "escalation.example_agency_timescales"]
    agenda = packs / "a-example" / "agenda.toml"
    agenda.write_text(
        agenda.read_text(encoding="utf-8").replace(
            "schema_version = 1\n",
            "schema_version = 1\ncore_route = [" + ", ".join(f'"{p}"' for p in route) + "]\n",
        ),
        encoding="utf-8",
    )
    loaded = load_content_with_packs(pack_roots=[packs])
    assert loaded.pack_problems == ()
    assert list(loaded.core_route) == route


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "agenda.toml",
            'prompt = "escalation.route_practitioner"',
            'prompt = "escalation.no_such"',
            "Skipped: agenda.toml: retag[0].prompt 'escalation.no_such' is not a prompt",
        ),
        (
            "agenda.toml",
            'tier = "core"\nthemes = ["escalation", "local_policy"]',
            'tier = "top"\nthemes = ["escalation", "local_policy"]',
            "Skipped: agenda.toml: prompt 'escalation.route_practitioner' (retag[0]).tier 'top' "
            "is not a tier",
        ),
        (
            "agenda.toml",
            'themes = ["escalation", "local_policy"]',
            'themes = ["escalation", "local_polcy"]',
            "Skipped: agenda.toml: prompt 'escalation.route_practitioner': theme 'local_polcy' "
            "is not defined",
        ),
        (
            "prompts.toml",
            'themes = ["local_policy"]',
            'themes = ["nowhere"]',
            "Skipped: prompts.toml: prompt 'supervision.example_agency_safeguarding_team': "
            "theme 'nowhere' is not defined",
        ),
        (
            "agenda.toml",
            'id = "local_policy"',
            'id = "neglect"',
            "Skipped: agenda.toml: themes[0].id: the theme 'neglect' is already defined",
        ),
        (
            "pack.toml",
            "supervision_frequency_days = 42",
            "supervision_frequency_days = 0",
            "Skipped: pack.toml: supervision_frequency_days must be a whole number of days "
            "from 1 to 365 (found 0)",
        ),
    ],
)
def test_bad_pack_agenda_skips_the_pack_and_says_why(
    packs: Path, content, file: str, old: str, new: str, message: str
) -> None:
    _edit(packs / "a-example" / file, old, new)
    loaded = load_content_with_packs(pack_roots=[packs])
    assert loaded.packs == ()
    [problem] = loaded.pack_problems
    assert problem.problem.startswith(message), problem.problem
    assert loaded.prompt("escalation.route_practitioner") == content.prompt("escalation.route_practitioner")
    assert loaded.supervision_frequency_days == 28 and loaded.frequency_is_default
