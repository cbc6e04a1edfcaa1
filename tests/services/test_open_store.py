"""open_store: one way to open the store for the command line and the window's start-up."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from supervision_app.content import AgencyRecovery
from supervision_app.services.opening import (
    AgencyKey,
    NoDatabaseError,
    OpenCancelled,
    open_store,
    with_credential,
)
from supervision_app.storage import Database, Passphrase
from supervision_app.storage.agency import generate_key_pair, public_key_bytes
from supervision_app.storage.sqlite.security import agency_key_needed
from tests.helpers import TEST_PASSPHRASE, shared_key_ring


def test_a_missing_database_is_refused_and_nothing_is_created(tmp_path: Path, content) -> None:
    path = tmp_path / "typo.sqlite3"
    with (
        pytest.raises(NoDatabaseError) as refused,
        open_store(path, with_credential(shared_key_ring()), content=content),
    ):
        pass
    assert refused.value.path == path and str(path) in str(refused.value)
    assert list(tmp_path.iterdir()) == []


def test_the_store_opens_for_the_block_and_is_closed_after_it_however_it_ends(
    tmp_path: Path, content
) -> None:
    path = tmp_path / "new.sqlite3"
    created = with_credential(Passphrase(TEST_PASSPHRASE))
    with open_store(path, created, create=True, content=content) as o:
        assert o.content is content and o.store.cases.list_cases() == []
        assert o.new_recovery_key  # a database made by this opening shows its recovery key once
    unlock = created  # the passphrase, now opening what it made
    with pytest.raises(RuntimeError), open_store(path, unlock, content=content) as o:
        assert o.new_recovery_key is None  # (an existing database)
        raise RuntimeError("a command failed")
    # closed both times: another opening is not refused as "already open"
    with open_store(path, unlock, content=content) as o:
        assert o.store.cases.list_cases() == []


def test_a_cancelled_unlock_opens_nothing(tmp_path: Path, content) -> None:
    path = tmp_path / "new.sqlite3"
    asked: list[bool] = []

    def cancel(_path: Path, new: bool) -> Database | None:
        asked.append(new)
        return None

    with pytest.raises(OpenCancelled), open_store(path, cancel, create=True, content=content):
        pass
    assert asked == [True] and not path.exists()


@pytest.fixture
def agency(content) -> AgencyRecovery:
    _private, public = generate_key_pair("a passphrase for the agency key")
    return AgencyRecovery("Example Borough IT", "", public_key_bytes(public), "example-agency")


@pytest.mark.parametrize(
    ("agree", "result"), [(False, AgencyKey.DECLINED), (True, AgencyKey.ADDED)]
)
def test_a_packs_agency_key_is_added_only_with_consent(
    tmp_path: Path, content, agency: AgencyRecovery, agree: bool, result: AgencyKey
) -> None:
    path = tmp_path / "db.sqlite3"
    with_pack = dataclasses.replace(content, agency_recovery=agency)
    shown: list[AgencyRecovery] = []

    def consent(asked: AgencyRecovery) -> bool:
        shown.append(asked)
        return agree

    unlock = with_credential(shared_key_ring())
    opening = open_store(path, unlock, create=True, content=with_pack, agency_consent=consent)
    with opening as o:
        assert o.agency_key.result is result
        assert agency_key_needed(o.database, agency.public_key) is not agree
    assert shown == [agency]
    with open_store(path, unlock, content=with_pack, agency_consent=consent) as o:
        # once added, never asked again; once declined, asked at the next opening
        assert o.agency_key.result is (AgencyKey.NOT_NEEDED if agree else AgencyKey.DECLINED)
