"""Agency content packs: extra prompts, sources, an escalation policy and a marking.

A pack is a folder holding ``pack.toml`` and, optionally, ``sources.toml``,
``prompts.toml``, ``agenda.toml`` (themes, retags, core route) and
``escalation.toml`` (the format is described in
``docs/content-packs.md``).  Packs are found in the folders that
:func:`supervision_app.paths.content_pack_roots` lists: each root is either a
pack itself or a folder of packs, taken in name order.

Packs load on top of the built-in content and are validated the same way.  A
pack with any problem is skipped as a whole and reported in
:attr:`Content.pack_problems`; so is a pack that reuses an id that is already
taken (by the built-in content or by a pack loaded before it).  Loading packs
never raises.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from supervision_app.content.agenda_file import (
    TAG_KEYS,
    apply_agenda_file,
    check_prompt_themes,
    parse_tags,
)
from supervision_app.content.loader import load_content, load_documents_table
from supervision_app.content.model import (
    AgencyRecovery,
    Content,
    EscalationPolicy,
    EscalationStage,
    PackInfo,
    PackProblem,
    Prompt,
    SourceDocument,
)
from supervision_app.content.prompts import parse_prompt
from supervision_app.content.route import with_route
from supervision_app.content.schema import (
    ContentError,
    check_keys,
    check_schema_version,
    check_table,
    optional_text,
    read_toml,
    required_text,
)
from supervision_app.paths import content_pack_roots

PACK_FILE = "pack.toml"
_PACK_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
MAX_MARKING = 80


@dataclasses.dataclass(frozen=True, slots=True)
class Pack:
    info: PackInfo
    documents: dict[str, SourceDocument]
    prompts: tuple[Prompt, ...]
    escalation_policy: EscalationPolicy | None
    marking: str | None
    agency_recovery: AgencyRecovery | None = None
    #: Days between supervisions (``pack.toml``'s ``supervision_frequency_days``), if set.
    frequency_days: int | None = None
    #: The content with this pack's ``agenda.toml`` applied (themes, retags, core route), or
    #: None when the pack has no agenda file.
    agenda: Content | None = None


def load_content_with_packs(
    folder: Path | None = None, pack_roots: list[Path] | None = None
) -> Content:
    """The built-in content (which must be valid) with every good pack added on top."""
    return apply_packs(load_content(folder), pack_roots)


def apply_packs(content: Content, pack_roots: list[Path] | None = None) -> Content:
    roots = content_pack_roots() if pack_roots is None else pack_roots
    problems: list[PackProblem] = []
    stages = {s.id: list(s.prompts) for s in content.stages}
    documents = dict(content.documents)
    taken_prompts = {p.id: "the built-in content" for s in content.stages for p in s.prompts}
    # A retired (merged) id stays taken: a pack reusing it would capture stored answers.
    taken_prompts |= {
        alias: "the built-in content (an earlier prompt)"
        for s in content.stages
        for p in s.prompts
        for alias in p.aliases
    }
    taken_packs: dict[str, str] = {}
    infos: list[PackInfo] = []
    policy = content.escalation_policy
    marking = content.marking
    recovery = content.agency_recovery
    frequency = (content.supervision_frequency_days, content.frequency_is_default)
    agenda = content
    for pack_dir in discover_packs(roots):
        try:
            pack = read_pack(pack_dir, agenda, documents)
        except ContentError as exc:
            problems.append(PackProblem(str(pack_dir), _describe(pack_dir, exc)))
            continue
        conflict = _conflict(pack, taken_packs, taken_prompts, documents)
        if conflict:
            problems.append(PackProblem(str(pack_dir), conflict))
            continue
        taken_packs[pack.info.id] = str(pack_dir)
        documents.update(pack.documents)
        for prompt in pack.prompts:
            for prompt_id in (prompt.id, *prompt.aliases):
                taken_prompts[prompt_id] = f"the pack '{pack.info.id}'"
            stages[prompt.stage_id].append(prompt)
        infos.append(pack.info)
        policy = pack.escalation_policy or policy
        marking = pack.marking or marking
        recovery = pack.agency_recovery or recovery
        if pack.frequency_days is not None:
            frequency = (pack.frequency_days, False)
        if pack.agenda is not None:
            retagged = {p.id: p for p in pack.agenda.all_prompts()}
            stages = {
                sid: [retagged.get(p.id, p) for p in prompts] for sid, prompts in stages.items()
            }
            agenda = dataclasses.replace(
                agenda, themes=pack.agenda.themes, core_route=pack.agenda.core_route
            )
        agenda = dataclasses.replace(
            agenda,
            stages=tuple(
                dataclasses.replace(s, prompts=tuple(stages[s.id])) for s in content.stages
            ),
        )
    merged = dataclasses.replace(
        content,
        documents=documents,
        stages=agenda.stages,
        themes=agenda.themes,
        core_route=agenda.core_route,
        supervision_frequency_days=frequency[0],
        frequency_is_default=frequency[1],
        packs=content.packs + tuple(infos),
        pack_problems=content.pack_problems + tuple(problems),
        escalation_policy=policy,
        marking=marking,
        agency_recovery=recovery,
    )
    return with_route(merged, policy)


def discover_packs(roots: list[Path]) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        if (root / PACK_FILE).is_file():
            candidates = [root]
        elif root.is_dir():
            try:
                candidates = sorted(p for p in root.iterdir() if p.is_dir())
            except OSError:
                continue
        else:
            continue
        for candidate in candidates:
            if candidate not in found:
                found.append(candidate)
    return found


def read_pack(folder: Path, content: Content, known_documents: dict[str, SourceDocument]) -> Pack:
    """Read and validate one pack folder; raises :class:`ContentError` on any problem."""
    head_file = folder / PACK_FILE
    head = read_toml(head_file)
    check_keys(
        head_file,
        "pack.toml",
        head,
        {"schema_version", "id", "name", "version", "marking", "supervision_frequency_days"},
    )
    check_schema_version(head_file, head)
    pack_id = required_text(head_file, "id", head.get("id"))
    if not _PACK_ID.match(pack_id):
        raise ContentError(
            head_file, f"id '{pack_id}' must be lower-case letters, digits, '-' and '_'"
        )
    name = required_text(head_file, "name", head.get("name"))
    version = required_text(head_file, "version", head.get("version"))
    marking = optional_text(head_file, "marking", head.get("marking")) or None
    if marking and len(marking) > MAX_MARKING:
        raise ContentError(head_file, f"marking is longer than {MAX_MARKING} characters")
    frequency = head.get("supervision_frequency_days")
    if frequency is not None and (
        not isinstance(frequency, int) or isinstance(frequency, bool) or not 1 <= frequency <= 365
    ):
        raise ContentError(
            head_file,
            f"supervision_frequency_days must be a whole number of days from 1 to 365 "
            f"(found {frequency!r})",
        )

    documents: dict[str, SourceDocument] = {}
    sources_file = folder / "sources.toml"
    if sources_file.exists():
        documents = load_documents_table(sources_file, read_toml(sources_file), folder)
    citable = {**known_documents, **documents}

    prompts: list[Prompt] = []
    prompts_file = folder / "prompts.toml"
    if prompts_file.exists():
        data = read_toml(prompts_file)
        check_keys(prompts_file, "prompts file", data, {"schema_version", "prompts"})
        check_schema_version(prompts_file, data)
        entries = data.get("prompts")
        if not isinstance(entries, list) or not entries:
            raise ContentError(prompts_file, "'prompts' must be a non-empty list of [[prompts]]")
        for i, entry in enumerate(entries):
            where = f"prompts[{i}]"
            check_table(prompts_file, where, entry)
            entry = dict(entry)
            stage_id = required_text(prompts_file, f"{where}.stage", entry.pop("stage", None))
            if content.stage(stage_id) is None:
                raise ContentError(
                    prompts_file,
                    f"{where}.stage '{stage_id}' is not a stage "
                    f"(known: {', '.join(s.id for s in content.stages)})",
                )
            prompt = parse_prompt(prompts_file, where, entry, stage_id, citable, pack=pack_id)
            if any(p.id == prompt.id for p in prompts):
                raise ContentError(prompts_file, f"{where}.id '{prompt.id}' is used twice")
            prompts.append(prompt)

    agenda = _read_agenda(folder, pack_id, content, citable, prompts)
    known = agenda if agenda is not None else content
    check_prompt_themes(prompts_file, prompts, known)

    policy = None
    policy_file = folder / "escalation.toml"
    if policy_file.exists():
        policy = _read_policy(policy_file, pack_id)
    recovery_file = folder / "recovery.toml"
    recovery = _read_recovery(recovery_file, pack_id) if recovery_file.exists() else None
    info = PackInfo(pack_id, name, version, str(folder), len(prompts))
    return Pack(info, documents, tuple(prompts), policy, marking, recovery, frequency, agenda)


def _read_agenda(
    folder: Path,
    pack_id: str,
    content: Content,
    citable: dict[str, SourceDocument],
    pack_prompts: list[Prompt],
) -> Content | None:
    """The content with the pack's ``agenda.toml`` applied: new themes, retags, a new core route.

    The pack's own prompts count as part of the content here, so a pack can put them on the
    core route.  Retags may name any prompt (built-in or the pack's own) and change only the
    tags they give.
    """
    file = folder / "agenda.toml"
    if not file.exists():
        return None
    with_own = dataclasses.replace(
        content,
        stages=tuple(
            dataclasses.replace(
                s, prompts=s.prompts + tuple(p for p in pack_prompts if p.stage_id == s.id)
            )
            for s in content.stages
        ),
    )
    agenda = apply_agenda_file(with_own, file, replace_route=False, pack=pack_id, documents=citable)
    entries = read_toml(file).get("retag", [])
    if not isinstance(entries, list):
        raise ContentError(file, "'retag' must be a list of [[retag]] tables")
    changed: dict[str, Prompt] = {}
    for i, entry in enumerate(entries):
        where = f"retag[{i}]"
        check_table(file, where, entry)
        check_keys(file, where, entry, {"prompt", *TAG_KEYS})
        prompt_id = required_text(file, f"{where}.prompt", entry.get("prompt"))
        prompt = changed.get(prompt_id) or agenda.prompt(prompt_id)
        if prompt is None:
            raise ContentError(file, f"{where}.prompt '{prompt_id}' is not a prompt of the content")
        tags = parse_tags(file, f"prompt '{prompt_id}' ({where})", entry)
        changed[prompt_id] = dataclasses.replace(prompt, **tags)
    check_prompt_themes(file, changed.values(), agenda)
    return dataclasses.replace(
        agenda,
        stages=tuple(
            dataclasses.replace(s, prompts=tuple(changed.get(p.id, p) for p in s.prompts))
            for s in agenda.stages
        ),
    )


def _read_recovery(file: Path, pack_id: str) -> AgencyRecovery:
    """The agency's recovery public key (X25519, PEM), as ``supervision-app agency-keygen`` prints it."""
    data = read_toml(file)
    check_keys(file, "recovery file", data, {"schema_version", "holder", "contact", "public_key"})
    check_schema_version(file, data)
    pem = required_text(file, "public_key", data.get("public_key"))
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    try:
        key = serialization.load_pem_public_key(pem.encode("ascii", "replace"))
    except ValueError:
        raise ContentError(file, "public_key is not a PEM public key") from None
    if not isinstance(key, X25519PublicKey):
        raise ContentError(
            file, "public_key must be an X25519 public key (agency-keygen makes one)"
        )
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return AgencyRecovery(
        holder=required_text(file, "holder", data.get("holder")),
        contact=optional_text(file, "contact", data.get("contact")),
        public_key=raw,
        pack=pack_id,
    )


def _read_policy(file: Path, pack_id: str) -> EscalationPolicy:
    data = read_toml(file)
    check_keys(file, "escalation file", data, {"schema_version", "name", "stages"})
    check_schema_version(file, data)
    entries = data.get("stages")
    if not isinstance(entries, list) or not entries:
        raise ContentError(file, "'stages' must be a non-empty list of [[stages]]")
    stages: list[EscalationStage] = []
    for i, entry in enumerate(entries):
        where = f"stages[{i}]"
        check_table(file, where, entry)
        check_keys(file, where, entry, {"name", "days", "contact", "description"})
        days = entry.get("days")
        if days is not None and (
            not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 365
        ):
            raise ContentError(file, f"{where}.days must be a whole number of days from 0 to 365")
        stages.append(
            EscalationStage(
                name=required_text(file, f"{where}.name", entry.get("name")),
                days=days,
                contact=optional_text(file, f"{where}.contact", entry.get("contact")),
                description=optional_text(file, f"{where}.description", entry.get("description")),
            )
        )
    return EscalationPolicy(required_text(file, "name", data.get("name")), tuple(stages), pack_id)


def _conflict(
    pack: Pack,
    taken_packs: dict[str, str],
    taken_prompts: dict[str, str],
    documents: dict[str, SourceDocument],
) -> str:
    if pack.info.id in taken_packs:
        return (
            f"Skipped: the pack id '{pack.info.id}' is already used by the pack in "
            f"{taken_packs[pack.info.id]}."
        )
    for prompt in pack.prompts:
        for prompt_id in (prompt.id, *prompt.aliases):
            if prompt_id in taken_prompts:
                return (
                    f"Skipped: the prompt id '{prompt_id}' is already used by "
                    f"{taken_prompts[prompt_id]}."
                )
    for doc_id in pack.documents:
        if doc_id in documents:
            return f"Skipped: the source document id '{doc_id}' is already in use."
    return ""


def _describe(folder: Path, exc: ContentError) -> str:
    try:
        where = exc.file.relative_to(folder)
    except ValueError:
        where = exc.file
    return f"Skipped: {where}: {exc.problem}"
