"""Child process of the ``pg_concurrent`` row: one autosaving client.  Run by path, never
imported by the suite.

    python benchmarks/_pg_client_child.py URL SESSION_ID

Connects to the agency server at ``URL`` (a practitioner's own login) twice: the app's store
(``open_server``, as the window does) and a raw psycopg connection.  It saves one answer of
its session a few times on each (the first save of an answer is an INSERT, every later one
the autosave's UPDATE), prints ``{"ready": true}`` and then reads commands, one JSON line
each, from its standard input:

- ``{"side": "app"|"raw", "saves": N, "period_ms": P, "offset_ms": O, "start_at": T}``: from
  the wall-clock time ``T`` (so that every client starts together), N saves of a new text:
  one every ``P`` ms from ``T + O`` (a save that falls behind starts at once, without a
  burst to catch up), or back to back when ``P`` is 0.  Prints ``{"ms": [...], "cpu_ms": C}``:
  each commit's time, from the call to its return, and this process's CPU time per save.
- ``{"quit": true}``: closes both connections and exits.
"""

from __future__ import annotations

import json
import os
import sys
import time


def main() -> int:
    url, session_id = sys.argv[1], int(sys.argv[2])
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import psycopg
    from sqlalchemy.engine import make_url

    from supervision_app.storage import SupervisionStore
    from supervision_app.storage.postgres.backend import open_server

    database = open_server(url)
    store = SupervisionStore(database)
    raw = psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(False))
    counter = [0]

    def text() -> str:
        counter[0] += 1
        return f"{'The child was seen at home and the worker noted the kitchen. ' * 20}{counter[0]:08d}"

    def app_save() -> None:
        store.sessions.save_answer(session_id, "a.app", "stage", "Q", text())

    store.sessions.save_answer(session_id, "a.raw", "stage", "Q", text())
    (raw_id,) = raw.execute(
        "SELECT id FROM answers WHERE session_id = %s AND prompt_id = 'a.raw'", (session_id,)
    ).fetchone() or (None,)
    raw.commit()

    def raw_save() -> None:
        raw.execute("UPDATE answers SET text = %s, updated_at = now() WHERE id = %s", (text(), raw_id))
        raw.commit()

    for _ in range(5):
        app_save()
        raw_save()
    print(json.dumps({"ready": True}), flush=True)
    try:
        for line in sys.stdin:
            command = json.loads(line)
            if command.get("quit"):
                break
            save = app_save if command["side"] == "app" else raw_save
            cpu = time.process_time()
            ms = run(save, command)
            cpu_ms = (time.process_time() - cpu) * 1000 / max(1, len(ms))
            print(json.dumps({"ms": ms, "cpu_ms": cpu_ms}), flush=True)
    finally:
        raw.close()
        database.close()
    return 0


def run(save, command: dict) -> list[float]:
    period = command["period_ms"] / 1000
    start = command["start_at"] + command["offset_ms"] / 1000
    out = []
    for k in range(command["saves"]):
        due = start + k * period if period else command["start_at"]
        wait = due - time.time()
        if wait > 0:
            time.sleep(wait)
        began = time.perf_counter()
        save()
        out.append((time.perf_counter() - began) * 1000)
    return out


if __name__ == "__main__":
    sys.exit(main())
