"""The parsed-content cache: a normal start reads the content without parsing TOML, and the
TOML files stay the source of truth (an edited, damaged or unreadable cache changes nothing)."""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from pathlib import Path

import pytest

from supervision_app.content import ContentError, load_content, load_content_with_packs
from supervision_app.content.loader import default_content_dir
from supervision_app.content.parsed_cache import cache_file_for, cached_tables
from supervision_app.content.patterns import load_patterns
from supervision_app.paths import content_cache_dir

EXAMPLE_PACK = Path(__file__).resolve().parents[2] / "examples" / "content-packs" / "example-agency"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the built-in content that the test may edit."""
    return Path(shutil.copytree(default_content_dir(), tmp_path / "content"))


class ParseCounter:
    """Counts the TOML parses (``tomllib.loads`` calls) while it is installed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.files: list[str] = []
        real = tomllib.loads

        def loads(text: str, **kwargs):
            self.files.append(text[:40])
            return real(text, **kwargs)

        monkeypatch.setattr(tomllib, "loads", loads)


def test_the_second_load_parses_no_toml_and_gives_the_same_content(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parses = ParseCounter(monkeypatch)
    first = load_content(folder)
    parsed_first = len(parses.files)
    assert parsed_first == len(list(folder.rglob("*.toml"))) - 1  # all but patterns.toml
    assert len(list(content_cache_dir().glob("*.json"))) == parsed_first

    second = load_content(folder)
    assert len(parses.files) == parsed_first, "the second load parsed TOML again"
    assert second == first


def test_the_cached_content_equals_a_fresh_parse_with_packs_and_patterns(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack_root = Path(shutil.copytree(EXAMPLE_PACK, folder.parent / "packs" / "example-agency"))
    fresh = load_content_with_packs(folder, [pack_root])
    fresh_rules = load_patterns(fresh, folder / "patterns.toml")
    parses = ParseCounter(monkeypatch)
    cached = load_content_with_packs(folder, [pack_root])
    assert load_patterns(cached, folder / "patterns.toml") == fresh_rules
    assert parses.files == []
    assert cached == fresh
    assert cached.packs and not cached.pack_problems


def test_an_edited_file_is_parsed_again_and_its_edit_is_used(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = load_content(folder)
    manifest = folder / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace(f'content_version = "{before.version}"', 'content_version = "edited.1"'),
        encoding="utf-8",
    )
    parses = ParseCounter(monkeypatch)
    after = load_content(folder)
    assert after.version == "edited.1"
    assert len(parses.files) == 1, "only the edited file is parsed again"


def test_an_error_in_an_edited_file_names_the_file_and_field_as_before(folder: Path) -> None:
    load_content(folder)  # everything cached
    stage = folder / "stages" / "supervision.toml"
    text = stage.read_text(encoding="utf-8")
    stage.write_text(text.replace('[stage]\nid = "supervision"', "[stage]\nid = 7"), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    assert caught.value.file == stage
    assert caught.value.problem == "stage.id must be non-empty text (found 7)"


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b'{"format": 1}',
        b"[1, 2, 3]",
        b'{"format": 1, "sha256": "0", "tables": {}}',
        b"\xff\xfe\x00garbage",
        b"[" * 100_000,
    ],
    ids=["empty", "not-json", "no-tables", "a-list", "wrong-hash", "binary", "too-deep"],
)
def test_a_damaged_cache_file_is_ignored_and_rewritten(
    folder: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    fresh = load_content(folder)
    manifest = folder / "manifest.toml"
    cache_file_for(manifest).write_bytes(damage)
    parses = ParseCounter(monkeypatch)
    assert load_content(folder) == fresh
    assert len(parses.files) == 1, "the damaged entry's file is parsed again"
    assert cached_tables(manifest, manifest.read_bytes()) is not None, "and cached again"


def test_a_cache_entry_from_another_app_version_is_not_used(folder: Path) -> None:
    load_content(folder)
    manifest = folder / "manifest.toml"
    entry = json.loads(cache_file_for(manifest).read_bytes())
    assert cached_tables(manifest, manifest.read_bytes()) is not None
    entry["app"] = "0.0.0-other"
    cache_file_for(manifest).write_text(json.dumps(entry), encoding="utf-8")
    assert cached_tables(manifest, manifest.read_bytes()) is None


def test_a_cache_entry_is_used_only_for_the_same_bytes(folder: Path) -> None:
    load_content(folder)
    manifest = folder / "manifest.toml"
    assert cached_tables(manifest, manifest.read_bytes() + b"\n") is None


def test_a_cache_folder_that_cannot_be_made_leaves_the_content_parsed_each_time(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = content_cache_dir().parent
    blocker.parent.mkdir(parents=True)
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    first = load_content(folder)
    parses = ParseCounter(monkeypatch)
    assert load_content(folder) == first
    assert parses.files, "nothing could be cached, so the TOML is parsed"
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_dates_and_times_are_never_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """JSON would give a TOML date back as text: such a file is parsed every time."""
    from supervision_app.content.schema import read_toml

    file = tmp_path / "dated.toml"
    file.write_text("schema_version = 1\nwhen = 2026-12-07\n", encoding="utf-8")
    first = read_toml(file)
    assert cached_tables(file, file.read_bytes()) is None
    assert read_toml(file) == first and type(read_toml(file)["when"]).__name__ == "date"


def test_content_errors_in_toml_itself_are_reported_as_before(tmp_path: Path) -> None:
    from supervision_app.content.schema import read_toml

    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = \n", encoding="utf-8")
    for _ in range(2):  # a failed parse is never cached
        with pytest.raises(ContentError, match="not valid TOML"):
            read_toml(bad)
    bad.write_bytes(b"schema_version = 1\ntitle = '\xff'\n")
    with pytest.raises(ContentError, match="not UTF-8"):
        read_toml(bad)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_cache_folders_it_makes_are_owner_only(folder: Path, isolated_data_dir: Path) -> None:
    """With the app's folders moved (as here), the cache is made inside the data folder; a
    data folder made by the cache is owner-only, as the app makes it for the records."""
    assert not isolated_data_dir.exists()
    load_content(folder)
    for made in (isolated_data_dir, content_cache_dir().parent, content_cache_dir()):
        assert made.stat().st_mode & 0o777 == 0o700, made
