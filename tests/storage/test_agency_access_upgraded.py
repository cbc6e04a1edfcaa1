"""The access rules on a server set up by the version before (row-level security calling
``supervision_may_read`` per row) and brought up by ``server-upgrade``: every test of
test_agency_access.py again, unchanged, on that server; and its policies are the new ones."""

from __future__ import annotations

import pytest

from tests.agency_server import agency_server, needs_server
from tests.storage import test_agency_access as access

cases = access.cases  # the module's fixture, made on this module's server
# every test of test_agency_access.py, in its order, run again here
globals().update((name, test) for name, test in vars(access).items() if name.startswith("test_"))

pytestmark = needs_server


@pytest.fixture(scope="module")
def server():
    with agency_server(upgraded=True) as server:
        yield server


def _policies(engine) -> dict[tuple[str, str], str]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT tablename, policyname, coalesce(qual, '') || ' / ' || coalesce(with_check, '')"
            " FROM pg_policies WHERE schemaname = current_schema()"
        ).all()
    return {(table, name): rule for table, name, rule in rows}


def test_the_upgraded_server_has_the_same_policies_as_a_new_one(server) -> None:
    with agency_server() as fresh:
        assert _policies(server.admin) == _policies(fresh.admin)
    upgraded = _policies(server.admin)
    assert not [k for k, rule in upgraded.items() if "supervision_may_" in rule]
    assert all("supervision_writable_owners" in rule or "supervision_reads_all" in rule
               for (table, _), rule in upgraded.items()
               if table not in ("supervision_links", "personal_words", "local_users"))  # fmt: skip
