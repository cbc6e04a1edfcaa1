"""The hash chain over a session's record: canonical content and link hashes.

Each sign-off and each addendum is a *link*.  The hash of link ``n`` is the
SHA-256 of the previous link's hash and the canonical serialisation of the
record content together with links ``1..n``::

    hash_n = SHA-256( hash_{n-1} + "\\n" + canonical(content, links[:n]) )

with ``hash_0`` sixty-four zeros.  The canonical serialisation is JSON with
sorted keys, no insignificant whitespace, UTF-8, and an explicit format
version, so the same record always gives the same bytes.  It covers the case
reference, the session's id, date and attendees, every stored answer by prompt
id (with its stage and the question as stored), the structured tools' data, the decisions and the actions (description and owner) in
their order, the agenda, Today and the summary when the session has them, and the links.  An action's status and due date change when it is
reviewed in a later session, so they are not part of the signed content.

Since schema version 3 a record's content is the *snapshot* taken at its first
sign-off (:mod:`.snapshot`): this content plus the case details and case-memory
sections the record shows.  Records signed earlier keep this version 1 content,
with the case reference they were signed under kept beside them.

The chain makes silent changes *evident*; it is not a signature.  Someone who
can write to the database file and knows this scheme could recompute it.  The
fingerprint printed on the PDF is the anchor outside the database: a
verified record's fingerprint must match the paper copy's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from supervision_app.domain import SessionDetail
from supervision_app.domain.agenda_data import agenda_to_data, closing_to_data, opening_to_data

CANONICAL_FORMAT = "supervision-record-canonical"
CANONICAL_VERSION = 1
GENESIS = "0" * 64


def canonical_content(detail: SessionDetail) -> dict[str, Any]:
    content = _canonical_v1(detail)
    content.update(focus_content(detail))
    return content


def focus_content(detail: SessionDetail) -> dict[str, Any]:
    """The focused session's parts that the record shows: the agenda, Today and the summary.

    Only the parts a session has are included, so the content of every record signed
    before the focused session (which has none of them) is exactly what it was.
    """
    parts: dict[str, Any] = {}
    if detail.agenda:
        parts["agenda"] = agenda_to_data(detail.agenda)
    if detail.opening is not None:
        parts["opening"] = opening_to_data(detail.opening)
    if detail.closing is not None:
        parts["closing"] = closing_to_data(detail.closing)
    return parts


def _canonical_v1(detail: SessionDetail) -> dict[str, Any]:
    return {
        "case_reference": detail.case.reference,
        "session_uid": detail.uid,
        "session_date": detail.date.isoformat(),
        "attendees": list(detail.attendees),
        "answers": {
            pid: {"stage": a.stage_id, "prompt": a.prompt_text, "text": a.text}
            for pid, a in detail.answers.items()
        },
        "structured": {
            pid: {"stage": a.stage_id, "prompt": a.prompt_text, "kind": a.kind, "data": a.data}
            for pid, a in detail.structured.items()
        },
        "decisions": [{"text": d.text, "rationale": d.rationale} for d in detail.decisions],
        # An action's status and due date are not signed content: reviewing the action in a
        # later session (case memory) updates them, and the reviews keep their history.
        "actions": [{"description": a.description, "owner": a.owner} for a in detail.actions],
    }


def canonical_bytes(content: dict[str, Any], links: Sequence[dict[str, Any]]) -> bytes:
    document = {
        "format": CANONICAL_FORMAT,
        "version": CANONICAL_VERSION,
        "record": content,
        "links": list(links),
    }
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def link_hash(prev_hash: str, content: dict[str, Any], links: Sequence[dict[str, Any]]) -> str:
    digest = hashlib.sha256()
    digest.update(prev_hash.encode("ascii") + b"\n")
    digest.update(canonical_bytes(content, links))
    return digest.hexdigest()


def chain_problem(
    content: dict[str, Any],
    links: Iterable[tuple[dict[str, Any], str, str]],
    seal: tuple[int, str] | None,
) -> str:
    """'' when the stored chain matches the content; otherwise what is wrong.

    ``links`` are ``(link dict, stored prev_hash, stored hash)`` in ``seq`` order;
    ``seal`` is the stored ``(number of links, head hash)``.
    """
    previous = GENESIS
    so_far: list[dict[str, Any]] = []
    for number, (link, stored_prev, stored_hash) in enumerate(links, start=1):
        if link.get("seq") != number:
            return f"entry {number} of the sign-off chain is missing or out of order"
        if stored_prev != previous:
            return f"entry {number} of the sign-off chain does not follow the one before it"
        so_far.append(link)
        if link_hash(previous, content, so_far) != stored_hash:
            return (
                f"the record no longer matches entry {number} of its sign-off chain "
                "(signed content was changed, added or removed)"
            )
        previous = stored_hash
    if seal is None:
        return "the chain's seal is missing" if so_far else ""
    count, head = seal
    if count != len(so_far) or head != previous:
        return "entries were removed from the end of the sign-off chain"
    return ""
