"""An audit entry as a sentence a team lead can read: who did what to whom, with names.

The log itself holds usernames, action codes and record ids only (``store/audit.py``); the names
come from ``store.audit_names`` (the person, the household's head, the village, the user). A
record that cannot be named (removed, or never on this laptop) is called by its kind only, never
by its id. Every sentence is translated (context ``AuditText``); ``scrub`` masks anything that
looks like an ID number as a last line of defence.
"""

from __future__ import annotations

import contextlib
import json

from desktop_app.core.citizen_id import mask_citizen_id
from desktop_app.store.permissions import ROLE_LABELS
from desktop_app.ui.qt import QCoreApplication
from desktop_app.ui.widgets import current_lang


def _fill(text: str, **values: str) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def detail_of(entry: dict) -> dict:
    """The entry's detail as a dict ({} when absent or unreadable)."""
    detail = entry.get("detail") or {}
    if isinstance(detail, str):
        with contextlib.suppress(ValueError):
            detail = json.loads(detail) if detail else {}
    return detail if isinstance(detail, dict) else {}


def person_label(username: str | None, users: dict[str, str]) -> str:
    """A user as "Full Name (username)", or the username alone when unknown."""
    if not username:
        return QCoreApplication.translate("AuditText", "someone")
    name = users.get(username)
    return f"{name} ({username})" if name and name != username else username


def role_text(role: str | None) -> str:
    """A role in the current language."""
    vi, en = ROLE_LABELS.get(role or "", (role or "?", role or "?"))
    return vi if current_lang() == "vi" else en


def record_phrase(entity: str | None, record_id: str | None, records: dict[str, str]) -> str:
    """What was acted on, in words: "the person Nguyễn Văn An", "a visit to the household of …"."""
    name = records.get(str(record_id or ""))
    named = {
        "person": QCoreApplication.translate("AuditText", "the person {name}"),
        "household": QCoreApplication.translate("AuditText", "the household of {name}"),
        "village": QCoreApplication.translate("AuditText", "the village {name}"),
        "visit": QCoreApplication.translate("AuditText", "a visit to the household of {name}"),
        "assistance": QCoreApplication.translate(
            "AuditText", "a help item for the household of {name}"
        ),
        "benefit": QCoreApplication.translate("AuditText", "a benefit of {name}"),
        "payment": QCoreApplication.translate("AuditText", "a payment of {name}"),
        "identity_verification": QCoreApplication.translate(
            "AuditText", "an identity verification of {name}"
        ),
        "user": QCoreApplication.translate("AuditText", "the user {name}"),
    }
    unnamed = {
        "person": QCoreApplication.translate("AuditText", "a person"),
        "household": QCoreApplication.translate("AuditText", "a household"),
        "village": QCoreApplication.translate("AuditText", "a village"),
        "visit": QCoreApplication.translate("AuditText", "a visit"),
        "assistance": QCoreApplication.translate("AuditText", "a help item"),
        "benefit": QCoreApplication.translate("AuditText", "a benefit"),
        "payment": QCoreApplication.translate("AuditText", "a payment"),
        "identity_verification": QCoreApplication.translate(
            "AuditText", "an identity verification"
        ),
        "user": QCoreApplication.translate("AuditText", "a user"),
    }
    if entity == "user" and record_id:
        name = records.get(str(record_id))
        shown = f"{name} ({record_id})" if name else str(record_id)
        return _fill(named["user"], name=shown)
    if name and entity in named:
        return _fill(named[entity], name=name)
    return unnamed.get(entity or "", QCoreApplication.translate("AuditText", "a record"))


def sentence(entry: dict, names: dict) -> str:
    """The entry as one sentence in the current language (no ids, no ID numbers)."""
    users = names.get("users") or {}
    records = names.get("records") or {}
    who = person_label(entry.get("username"), users)
    action = entry.get("action") or ""
    entity = entry.get("entity")
    record_id = entry.get("record_id")
    detail = detail_of(entry)
    thing = record_phrase(entity, record_id, records)
    fields = detail.get("fields")
    count = len(fields) if isinstance(fields, list) else 0

    if action == "login":
        text = QCoreApplication.translate("AuditText", "{who} logged in.")
    elif action == "login.switch":
        text = _fill(
            QCoreApplication.translate("AuditText", "{who} took over the laptop from {other}."),
            other=person_label(detail.get("from"), users),
        )
    elif action == "login.recovery":
        text = QCoreApplication.translate(
            "AuditText", "{who} opened the database with the recovery key."
        )
    elif action == "setup":
        text = QCoreApplication.translate("AuditText", "{who} set up Tận Tay on this laptop.")
    elif action == "create":
        text = _fill(QCoreApplication.translate("AuditText", "{who} added {thing}."), thing=thing)
    elif action == "update" and entity == "visit" and fields == ["follow_up_done_on"]:
        text = _fill(
            QCoreApplication.translate(
                "AuditText", "{who} changed whether the follow-up of {thing} is done."
            ),
            thing=thing,
        )
    elif action == "update":
        text = _fill(
            QCoreApplication.translate("AuditText", "{who} changed {thing} ({n} fields).")
            if count
            else QCoreApplication.translate("AuditText", "{who} changed {thing}."),
            thing=thing,
            n=str(count),
        )
    elif action == "delete":
        text = _fill(QCoreApplication.translate("AuditText", "{who} deleted {thing}."), thing=thing)
    elif action == "reveal_citizen_id":
        text = _fill(
            QCoreApplication.translate("AuditText", "{who} showed the full ID number of {thing}."),
            thing=thing,
        )
    elif action == "search.citizen_id":
        text = _fill(
            QCoreApplication.translate("AuditText", "{who} searched by ID number ({found} found)."),
            found=str(detail.get("found", "?")),
        )
    elif action.startswith("export."):
        kinds = {
            "audit": QCoreApplication.translate("AuditText", "the audit log"),
            "report": QCoreApplication.translate("AuditText", "the payment report"),
            "bundle": QCoreApplication.translate("AuditText", "a USB bundle"),
        }
        kind = action.split(".", 1)[1]
        text = _fill(
            QCoreApplication.translate("AuditText", "{who} exported {what} ({format})."),
            what=kinds.get(kind, kind),
            format=str(detail.get("format", "")),
        )
    elif action.startswith("import"):
        text = _fill(
            QCoreApplication.translate(
                "AuditText", "{who} imported the beneficiary list ({n} people)."
            ),
            n=str(detail.get("persons", 0)),
        )
    elif action == "sync.enroll":
        text = QCoreApplication.translate(
            "AuditText", "{who} enrolled this laptop with the city server."
        )
    elif action.startswith("sync"):
        text = QCoreApplication.translate("AuditText", "{who} synced with the city server.")
    elif action.startswith("conflict"):
        text = _fill(
            QCoreApplication.translate("AuditText", "{who} resolved a conflict on {thing}."),
            thing=thing,
        )
    elif action == "merge.not_duplicate":
        other = record_phrase(entity, detail.get("b"), records)
        text = _fill(
            QCoreApplication.translate(
                "AuditText", "{who} marked {thing} and {other} as different."
            ),
            thing=thing,
            other=other,
        )
    elif action.startswith("merge"):
        text = _fill(
            QCoreApplication.translate("AuditText", "{who} merged duplicate records: {thing}."),
            thing=thing,
        )
    elif action == "user.add":
        text = _fill(
            QCoreApplication.translate("AuditText", "{who} added {thing} as {role}."),
            thing=thing,
            role=role_text(detail.get("role")),
        )
    elif action == "user.passwd":
        text = QCoreApplication.translate("AuditText", "{who} changed their own password.")
    elif action == "user.reset_password":
        text = _fill(
            QCoreApplication.translate("AuditText", "{who} set a new password for {thing}."),
            thing=thing,
        )
    elif action == "user.enable":
        text = _fill(
            QCoreApplication.translate(
                "AuditText", "{who} enabled {thing} again, with a new password."
            ),
            thing=thing,
        )
    elif action == "user.disable":
        text = _fill(
            QCoreApplication.translate("AuditText", "{who} disabled {thing}."), thing=thing
        )
    elif action == "user.role":
        text = _fill(
            QCoreApplication.translate(
                "AuditText", "{who} changed the role of {thing} from {old} to {new}."
            ),
            thing=thing,
            old=role_text(detail.get("from")),
            new=role_text(detail.get("to")),
        )
    elif action.startswith("db.rekey"):
        text = QCoreApplication.translate("AuditText", "{who} changed the database key.")
    elif action.startswith("officer"):
        text = QCoreApplication.translate(
            "AuditText", "{who} registered their officer signing key."
        )
    else:
        text = _fill(QCoreApplication.translate("AuditText", "{who}: {action}."), action=action)
    return scrub(_fill(text, who=who))


def raw_text(entry: dict) -> str:
    """The entry as stored (for the "raw details" pane), ID-like digits masked."""
    detail = detail_of(entry)
    lines = [
        f"#{entry.get('id', '')}  {entry.get('at', '')}",
        f"username: {entry.get('username') or ''}",
        f"action: {entry.get('action') or ''}",
        f"entity: {entry.get('entity') or ''}",
        f"record_id: {entry.get('record_id') or ''}",
        "detail: " + json.dumps(detail, ensure_ascii=False, sort_keys=True),
    ]
    return scrub("\n".join(lines))


def scrub(text: str) -> str:
    """``text`` with anything that looks like an ID number masked."""
    import re

    return re.sub(
        r"(?<![0-9A-Za-z-])\d{9,12}(?![0-9A-Za-z-])", lambda m: mask_citizen_id(m.group(0)), text
    )
