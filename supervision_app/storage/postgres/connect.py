"""Connecting to the agency server: a ``postgresql://`` URL under libpq's own conventions.

- TLS with ``sslmode=verify-full`` is the default for any host that is not a local socket; a
  weaker mode must be written in the URL (or ``PGSSLMODE``) by IT, and :attr:`AgencyURL.weak_tls`
  says so, for the window to show.
- The password comes from libpq (``PGPASSFILE``, ``~/.pgpass``, a client certificate or a
  service file) or from a prompt, and lives only in memory.  A password written in the URL is
  refused: it would end up in shell histories, process lists and settings.
- :attr:`AgencyURL.shown` is the URL without any secret, the only form the app may keep.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

DRIVER = "postgresql+psycopg"
STRONG_TLS = {"verify-full"}


class AgencyConnectError(Exception):
    """The server cannot be used with this URL or login; the message says why."""


@dataclass(frozen=True)
class AgencyURL:
    url: URL
    #: True when the connection goes over the network without ``verify-full``.
    weak_tls: bool

    @property
    def shown(self) -> str:
        return self.url.render_as_string(hide_password=True)


def parse_agency_url(value: str, environ: dict[str, str] | None = None) -> AgencyURL:
    """The URL to connect with, TLS defaulted to verify-full off a local socket."""
    env = os.environ if environ is None else environ
    if value.startswith("postgres://"):
        value = "postgresql://" + value[len("postgres://") :]
    try:
        url = make_url(value)
    except ArgumentError:
        raise AgencyConnectError(f"This is not a PostgreSQL URL: {value!r}.") from None
    if url.get_backend_name() != "postgresql" or url.get_driver_name() not in {"psycopg", ""}:
        raise AgencyConnectError("The agency server is reached with a postgresql:// URL.")
    if url.password is not None:
        raise AgencyConnectError(
            "Leave the password out of the URL: the app asks for it, or libpq reads it from "
            "PGPASSFILE (~/.pgpass) or uses a client certificate."
        )
    url = url.set(drivername=DRIVER)
    host = url.host or _first(url.query.get("host")) or env.get("PGHOST", "")
    socket = not host or host.startswith(("/", "@"))
    mode = _first(url.query.get("sslmode")) or env.get("PGSSLMODE", "")
    if not socket and not mode:
        url = url.update_query_dict({"sslmode": "verify-full"})
        mode = "verify-full"
    return AgencyURL(url, weak_tls=not socket and mode not in STRONG_TLS)


def _first(value: str | tuple[str, ...] | None) -> str:
    if isinstance(value, tuple):
        return value[0] if value else ""
    return value or ""


def connect(
    target: AgencyURL, ask_password: Callable[[str], str | None] | None = None, **engine: Any
) -> Engine:
    """An engine that has made one real connection, asking for a password if libpq had none."""
    connect_args: dict[str, Any] = {}
    for _attempt in range(3):
        # hide_parameters: the user's words never appear in an error's text (logs, crash output)
        candidate = create_engine(
            target.url, connect_args=connect_args, hide_parameters=True, **engine
        )
        try:
            with candidate.connect() as conn:
                conn.execute(text("SELECT 1"))
            return candidate
        except OperationalError as exc:
            candidate.dispose()
            reason = str(exc.orig)
            if "password" not in reason.lower() or ask_password is None:
                raise AgencyConnectError(_explain(target, reason)) from None
            password = ask_password(target.shown)
            if not password:
                raise AgencyConnectError("No password was given; not connected.") from None
            connect_args = {"password": password}
    raise AgencyConnectError(f"Could not log in to {target.shown}: the password was refused.")


def _explain(target: AgencyURL, reason: str) -> str:
    first = reason.strip().splitlines()[0] if reason.strip() else "no reason given"
    return f"Could not connect to the agency server {target.shown}: {first}"
