"""``pg_concurrent``: 20 autosaving clients on the agency server, each a separate process
(``_pg_client_child.py``) logged in as its own practitioner (20 distinct login roles, one case
and one session each, row-level security on), so no client waits for another's Python.

Two loads, each measured for the app (``store.sessions.save_answer`` through ``open_server``)
and for raw psycopg (``UPDATE answers … ; COMMIT`` on the same clients' own connections):

- **tight**: every client saves back to back, as fast as it can: a stress test of the
  machine, not a model of anyone's typing;
- **paced**: every client saves once every ``settings.server_period_ms`` (250 ms), each
  from its own random phase: the answer box saves after a pause in typing, so 20 people
  typing cause far fewer saves than this.  The row's figure is the app's median commit with
  all clients at this pace against client 0's alone at the same pace, measured just before.

Order, for each load: app alone, raw alone, raw together, app together.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

from benchmarks.harness import Context, Row, median, percentile

CHILD = Path(__file__).with_name("_pg_client_child.py")


class Clients:
    """The client processes, started once and driven phase by phase."""

    def __init__(self, ctx: Context, urls: list[str], session_ids: list[int]) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(Path(__file__).resolve().parent.parent), env.get("PYTHONPATH", "")) if p
        )
        self.logs = [ctx.workdir / f"pg-client-{n}.log" for n in range(len(urls))]
        self.procs: list[subprocess.Popen[str]] = []
        self.cpu_ms: dict[str, list[float]] = {"app": [], "raw": []}  # per save, per phase
        for url, sid, log in zip(urls, session_ids, self.logs, strict=True):
            args = [sys.executable, str(CHILD), url, str(sid)]
            with log.open("w") as err:
                pipe = subprocess.PIPE
                self.procs.append(
                    subprocess.Popen(args, env=env, stdin=pipe, stdout=pipe, stderr=err, text=True)
                )
        for n in range(len(self.procs)):
            self._read(n)  # {"ready": true}

    def _read(self, n: int) -> dict[str, Any]:
        out: IO[str] | None = self.procs[n].stdout
        line = out.readline() if out is not None else ""
        if not line.startswith("{"):
            tail = self.logs[n].read_text(errors="replace").strip().splitlines()[-1:]
            raise RuntimeError(f"client {n} stopped: {tail[0] if tail else 'no output'}")
        result: dict[str, Any] = json.loads(line)
        return result

    def phase(self, side: str, clients: int, saves: int, period_ms: int) -> list[float]:
        """Every commit time of ``clients`` clients (0, 1, …) saving ``saves`` times at once."""
        start_at = time.time() + 0.3 + 0.01 * clients  # every client has its command by then
        rng = random.Random(clients * 1000 + saves)
        for n in range(clients):
            command = {"side": side, "saves": saves, "period_ms": period_ms,
                       "offset_ms": rng.uniform(0, period_ms), "start_at": start_at}  # fmt: skip
            stdin = self.procs[n].stdin
            assert stdin is not None
            stdin.write(json.dumps(command) + "\n")
            stdin.flush()
        replies = [self._read(n) for n in range(clients)]
        self.cpu_ms[side].extend(reply["cpu_ms"] for reply in replies)
        return [ms for reply in replies for ms in reply["ms"]]

    def close(self) -> None:
        for proc in self.procs:
            try:
                if proc.stdin is not None:
                    proc.stdin.write('{"quit": true}\n')
                    proc.stdin.close()
            except OSError:
                pass
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def concurrent_row(ctx: Context, server: Any, row: Any) -> Row:
    """The ``pg_concurrent`` row (``row`` makes a :class:`Row` from the samples and notes)."""
    s = ctx.settings
    count, period = s.server_clients, s.server_period_ms
    logins = [server.login(f"c{n:02d}") for n in range(count)]
    ids = [server.session_ids(1, owner=login)[0] for login in logins]
    load = os.getloadavg()[0]  # before the clients start (20 interpreters importing the app)
    started = time.perf_counter()
    clients = Clients(ctx, [server.url(login=login) for login in logins], ids)
    ready_s = time.perf_counter() - started
    got: dict[tuple[str, str, str], list[float]] = {}
    try:
        for pace, saves, every in (("tight", s.server_tight_saves, 0),
                                   ("paced", s.server_paced_saves, period)):  # fmt: skip
            got["app", pace, "alone"] = clients.phase("app", 1, saves, every)
            got["raw", pace, "alone"] = clients.phase("raw", 1, saves, every)
            got["raw", pace, "together"] = clients.phase("raw", count, saves, every)
            got["app", pace, "together"] = clients.phase("app", count, saves, every)
    finally:
        clients.close()
    load_after = os.getloadavg()[0]
    cpu = {side: median(values) for side, values in clients.cpu_ms.items()}

    def summary(side: str, pace: str) -> str:
        alone, together = got[side, pace, "alone"], got[side, pace, "together"]
        return (f"{median(together):.2f} ms at once (p90 {percentile(together, 90):.1f}) "
                f"against {median(alone):.2f} ms alone, {median(together) / median(alone):.2f}×")  # fmt: skip

    result = row("pg_concurrent", got["app", "paced", "together"], got["app", "paced", "alone"])
    result.samples.update({f"{side}_{pace}_{who}_ms": v for (side, pace, who), v in got.items()})
    result.notes.extend([
        f"{count} clients, each a separate process logged in as its own practitioner ({count} distinct "
        f"login roles; one case and session each, row-level security on), on this machine's "
        f"server; the figure: each client saving one answer every {period} ms (from a random "
        f"phase; {count * 1000 // period} saves a second in all, far more than {count} people "
        f"typing with the answer box's debounce), {s.server_paced_saves} saves each, against "
        "client 0 alone at the same pace just before; the baseline column is that lone client's "
        "median",
        f"paced, app: {summary('app', 'paced')}; raw psycopg: {summary('raw', 'paced')}",
        f"tight loop (every client saving back to back, {s.server_tight_saves} saves each): "
        f"app {summary('app', 'tight')}; raw psycopg {summary('raw', 'tight')}",
        f"{os.cpu_count()} cores for the {count} clients and the server together (load average "
        f"{load:.1f} before the clients started, {load_after:.1f} after the last phase; they took "
        f"{ready_s:.0f} s to start): "
        "the tight loop measures this machine's cores, not the server's concurrency; the paced "
        "load is what one machine can show of many clients on their own laptops, and it still "
        f"counts the clients' own CPU: each client process used {cpu['app']:.2f} ms of CPU per "
        f"save through the app, {cpu['raw']:.2f} ms raw (medians over clients and phases), "
        "and while a client waits for a core its open transaction waits too",
    ])  # fmt: skip
    return result
