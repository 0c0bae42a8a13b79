"""The `fields` and `update` parts of create, edit and transition requests: parse, validate, store.

Everything is parsed and validated before anything is written; all field errors come back together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest
from ticketry.platform.fields.catalog import custom_field_id
from ticketry.platform.fields.models import CustomField
from ticketry.platform.issues import custom
from ticketry.platform.issues.changelog import Change
from ticketry.platform.issues.inputs import FieldError
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.registry import HANDLERS, ORDER
from ticketry.platform.issues.system_fields import Env, LinkState
from ticketry.platform.issues.system_multi import TimeTrackingField

VERBS = ("set", "add", "remove", "edit")


def not_on_screen(field_id: str) -> str:
    return f"Field '{field_id}' cannot be set. It is not on the appropriate screen, or unknown."


@dataclass
class Parsed:
    system: dict[str, Any] = field(default_factory=dict)
    custom: dict[str, Any] = field(default_factory=dict)

    def names(self) -> set[str]:
        return set(self.system) | set(self.custom)


@dataclass
class InputRequest:
    """One request's field input: what it names, which fields are allowed, which are handled elsewhere."""

    fields: dict[str, Any]
    update: dict[str, Any]
    allowed: set[str] | None
    skip: frozenset[str] = frozenset()
    # Fields hidden from this caller by permissions (reporter without Modify Reporter...).
    hidden: frozenset[str] = frozenset()


def body_parts(body: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    if not isinstance(body, dict):
        raise BadRequest("Can not deserialize the request body: a JSON object was expected.")
    fields, update = body.get("fields") or {}, body.get("update") or {}
    if not isinstance(fields, dict) or not isinstance(update, dict):
        raise BadRequest("Can not deserialize the request body: 'fields' and 'update' must be JSON objects.")
    return fields, update


def parse_input(ctx: RequestContext, env: Env, issue: Issue | None, links: LinkState,
                request: InputRequest) -> Parsed:
    parsed, errors = Parsed(), {}
    _named_fields = _load_custom_fields(env.db, [*request.fields, *request.update])  # held while parsing
    for name in set(request.fields) & set(request.update):
        errors[name] = f"Field '{name}' cannot be set in both 'fields' and 'update'."
    for name in (set(request.fields) | set(request.update)) & request.hidden:
        errors.setdefault(name, not_on_screen(name))
    for name, raw in request.fields.items():
        if name in request.skip or name in errors:
            continue
        _guard(errors, name, lambda n=name, r=raw: _set(ctx, env, parsed, n, r, request.allowed))
    for name, ops in request.update.items():
        if name in request.skip or name in errors:
            continue
        _guard(errors, name, lambda n=name, o=ops: _apply_ops(ctx, env, issue, links, parsed, n, o, request.allowed))
    if errors:
        raise BadRequest(errors=errors)
    return parsed


def _load_custom_fields(db: Session, names: list[str]) -> list[CustomField]:
    """The custom fields a request names by id, in one query: parsing each value then finds its field in the
    session (the caller holds the list, so the session keeps them)."""
    ids = {i for i in (custom_field_id(name) for name in names) if i is not None}
    return list(db.scalars(select(CustomField).where(CustomField.id.in_(ids)))) if ids else []


def _guard(errors: dict[str, str], name: str, action: Any) -> None:
    try:
        action()
    except FieldError as exc:
        errors[name] = exc.message


def _check_allowed(name: str, allowed: set[str] | None) -> None:
    known = name in HANDLERS or custom.is_custom(name)
    if not known or (allowed is not None and name not in allowed):
        raise FieldError(not_on_screen(name))


def _set(ctx: RequestContext, env: Env, parsed: Parsed, name: str, raw: Any, allowed: set[str] | None) -> None:
    _check_allowed(name, allowed)
    if name in HANDLERS:
        parsed.system[name] = HANDLERS[name].parse(env, raw)
    else:
        parsed.custom[name] = custom.parse(env.db, name, raw, env.project.id)


def _apply_ops(ctx: RequestContext, env: Env, issue: Issue | None, links: LinkState, parsed: Parsed,
               name: str, ops: Any, allowed: set[str] | None) -> None:
    _check_allowed(name, allowed)
    if not isinstance(ops, list):
        raise FieldError(f"Field '{name}' expects a list of operations.")
    for op in ops:
        if not isinstance(op, dict) or len(op) != 1 or next(iter(op)) not in VERBS:
            raise FieldError(f"Field '{name}' has an invalid operation; expected one of set, add, remove, edit.")
        verb, raw = next(iter(op.items()))
        if verb == "set":
            _set(ctx, env, parsed, name, raw, allowed)
        elif name in HANDLERS:
            _system_op(env, issue, links, parsed, name, verb, raw)
        else:
            _custom_op(ctx, env, issue, parsed, name, verb, raw)


def _system_op(env: Env, issue: Issue | None, links: LinkState, parsed: Parsed, name: str,
               verb: str, raw: Any) -> None:
    handler = HANDLERS[name]
    now = parsed.system[name] if name in parsed.system else (
        handler.current(issue, links) if issue is not None else None)
    if verb == "edit":
        if not isinstance(handler, TimeTrackingField):
            raise FieldError(f"Field '{name}' does not support the 'edit' operation.")
        parsed.system[name] = handler.merge(env, now or (None, None), raw, replace=False)
        return
    if not handler.multi:
        raise FieldError(f"Field '{name}' does not support the '{verb}' operation.")
    item = handler.parse_item(env, raw)
    values = list(now or [])
    key = (lambda v: v) if name == "labels" else (lambda v: v.id)
    values = [v for v in values if key(v) != key(item)]
    if verb == "add":
        values.append(item)
    parsed.system[name] = values


def _custom_op(ctx: RequestContext, env: Env, issue: Issue | None, parsed: Parsed, name: str,
               verb: str, raw: Any) -> None:
    if verb == "edit" or not custom.is_multi(env.db, name):
        raise FieldError(f"Field '{name}' does not support the '{verb}' operation.")
    parsed.custom[name] = custom.add_or_remove(env.db, issue.id if issue else None, name, verb, raw,
                                               parsed.custom.get(name), env.project.id)


def store(env: Env, issue: Issue, links: LinkState, parsed: Parsed) -> list[Change]:
    """Writes the parsed values; returns the changelog items of what actually changed."""
    changes: list[Change] = []
    for name in ORDER:
        if name in parsed.system:
            changes += HANDLERS[name].store(env, issue, links, parsed.system[name])
    for name, value in parsed.custom.items():
        change = custom.save(env.db, issue.id, name, value)
        if change is not None:
            changes.append(change)
    return changes
