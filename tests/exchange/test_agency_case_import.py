"""Moving a case onto the agency server is the whole-case file, exported then imported; a case
the server already holds is refused clearly, also when row-level security hides it from the
login that imports it (another practitioner's case with the same reference)."""

from __future__ import annotations

from pathlib import Path

import pytest

from supervision_app.exchange.reader import RecordFileError
from supervision_app.services.record_files import export_case_json, import_case_file
from supervision_app.storage import SupervisionStore
from supervision_app.storage.postgres.backend import open_server
from tests.agency_server import needs_server, server_store, shared_server
from tests.helpers import make_case, open_db


@needs_server
def test_a_case_the_server_already_holds_is_refused_clearly(tmp_path: Path) -> None:
    laptop = SupervisionStore(open_db(tmp_path / "laptop.sqlite3"))
    path = tmp_path / "case.json"
    export_case_json(laptop, make_case(laptop), path)
    with server_store("alice") as alice:
        assert isinstance(alice, SupervisionStore)
        import_case_file(alice, path)
        with pytest.raises(RecordFileError, match="already in this database"):
            import_case_file(alice, path)
        database = open_server(shared_server().url("bob").render_as_string(hide_password=False))
        try:
            bob = SupervisionStore(database)
            assert bob.cases.list_cases() == []  # alice's case is not his to see
            with pytest.raises(RecordFileError, match="already in this database"):
                import_case_file(bob, path)
            assert bob.cases.list_cases() == []
        finally:
            database.close()
        assert len(alice.cases.list_cases()) == 1
