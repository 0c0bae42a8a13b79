"""Transition rules: conditions, validators and post-functions, as JSON rule lists.

A rule is {"type": <type>, ...parameters}. This module knows every rule type: how a document
states it (`check_*` returns the stored form or raises RuleError), and what it does
(`condition_holds`, `missing_fields`, `changes_of`). Stored rules keep ids (resolution, priority);
documents may name them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ticketry.platform.issueconfig.models import Priority, Resolution
from ticketry.platform.issues.models import Issue
from ticketry.platform.users.access import PROJECT_PERMISSIONS, Scope, permitted_users
from ticketry.platform.users.models import Group, GroupMembership, User

MAX_DB_INT = 2**31 - 1
CONDITION_TYPES = ("always", "only_assignee", "only_reporter", "permission", "user_in_group")
VALIDATOR_TYPES = ("field_required",)
POST_FUNCTION_TYPES = ("set_resolution", "clear_resolution", "assign_to_current_user", "assign_to_reporter",
                       "update_field")
# Fields a post-function may set, and the Issue attribute holding each.
SETTABLE_FIELDS = {"resolution": "resolution_id", "priority": "priority_id", "assignee": "assignee_id",
                   "summary": "summary", "description": "description", "environment": "environment"}
# Issue attributes that satisfy "field required" when the transition does not set the field.
ISSUE_FIELDS = {**SETTABLE_FIELDS, "reporter": "reporter_id", "duedate": "due_date"}
FIELD_NAMES = {"resolution": "Resolution", "priority": "Priority", "assignee": "Assignee", "summary": "Summary",
               "description": "Description", "environment": "Environment", "reporter": "Reporter",
               "duedate": "Due Date", "fixVersions": "Fix Version/s", "versions": "Affects Version/s",
               "components": "Component/s", "labels": "Labels"}


class RuleError(ValueError):
    """A rule a document states wrongly; `field` names the offending part ("" for the rule)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


# ---------------------------------------------------------------- checking documents' rules


def check_rules(db: Session, kind: str, rules: Any) -> list[dict[str, Any]]:
    """The stored form of a document's rule list of one kind (conditions, validators, postFunctions)."""
    if rules is None:
        return []
    if not isinstance(rules, list):
        raise RuleError("", f"The {kind} must be a list of rules.")
    allowed, checker = _CHECKERS[kind]
    stored = []
    for index, rule in enumerate(rules):
        if not isinstance(rule, dict) or not isinstance(rule.get("type"), str):
            raise RuleError(f"[{index}]", 'A rule must be an object with a "type".')
        if rule["type"] not in allowed:
            raise RuleError(f"[{index}].type", f"Unknown {_SINGULAR[kind]} type '{rule['type']}'. "
                            f"Known types: {', '.join(allowed)}.")
        try:
            stored.append({"type": rule["type"], **checker(db, rule)})
        except RuleError as exc:
            raise RuleError(f"[{index}]{exc.field}", exc.message) from None
    return stored


def _check_condition(db: Session, rule: dict[str, Any]) -> dict[str, Any]:
    if rule["type"] == "permission":
        permission = rule.get("permission")
        if not isinstance(permission, str) or permission.upper() not in PROJECT_PERMISSIONS:
            raise RuleError(".permission", f"Unknown permission '{permission}'.")
        return {"permission": permission.upper()}
    if rule["type"] == "user_in_group":
        name = rule.get("group")
        group = db.scalar(select(Group).where(Group.lower_name == str(name).lower())) if name else None
        if group is None:
            raise RuleError(".group", f"Group '{name}' does not exist.")
        return {"group": group.name}
    return {}


def _check_validator(db: Session, rule: dict[str, Any]) -> dict[str, Any]:
    field = rule.get("field")
    if not isinstance(field, str) or not field.strip():
        raise RuleError(".field", "The field of a field_required validator must be a field id.")
    return {"field": field.strip()}


def _check_post_function(db: Session, rule: dict[str, Any]) -> dict[str, Any]:
    kind = rule["type"]
    if kind == "set_resolution":
        if rule.get("resolution") is None:
            return {}
        return {"resolution": _constant_id(db, Resolution, rule["resolution"], ".resolution", "Resolution")}
    if kind == "update_field":
        return _check_field_update(db, rule)
    return {}


def _check_field_update(db: Session, rule: dict[str, Any]) -> dict[str, Any]:
    field, value = rule.get("field"), rule.get("value")
    if field not in SETTABLE_FIELDS:
        raise RuleError(".field", f"Field '{field}' cannot be set by a post-function. "
                        f"Settable fields: {', '.join(SETTABLE_FIELDS)}.")
    if value is None:
        if field == "summary":
            raise RuleError(".value", "The summary cannot be cleared.")
        return {"field": field, "value": None}
    if field == "resolution":
        return {"field": field, "value": _constant_id(db, Resolution, value, ".value", "Resolution")}
    if field == "priority":
        return {"field": field, "value": _constant_id(db, Priority, value, ".value", "Priority")}
    if field == "assignee":
        user = db.scalar(select(User).where(User.lower_name == str(value).lower()))
        if user is None:
            raise RuleError(".value", f"User '{value}' does not exist.")
        return {"field": field, "value": user.name}
    if not isinstance(value, str) or (field == "summary" and not value.strip()):
        raise RuleError(".value", f"The value of {field} must be a non-empty text.")
    return {"field": field, "value": value}


def _constant_id(db: Session, model: Any, value: Any, field: str, label: str) -> int:
    text = str(value).strip()
    clause = model.name == text
    if text.isdigit() and int(text) < 2**31:
        clause = or_(clause, model.id == int(text))
    found = db.scalar(select(model.id).where(clause).order_by(model.id).limit(1))
    if found is None:
        raise RuleError(field, f"{label} '{value}' does not exist.")
    return int(found)


_CHECKERS: dict[str, tuple[tuple[str, ...], Callable[[Session, dict[str, Any]], dict[str, Any]]]] = {
    "conditions": (CONDITION_TYPES, _check_condition),
    "validators": (VALIDATOR_TYPES, _check_validator),
    "postFunctions": (POST_FUNCTION_TYPES, _check_post_function),
}
_SINGULAR = {"conditions": "condition", "validators": "validator", "postFunctions": "post-function"}


# ---------------------------------------------------------------- what rules do


class ConditionContext:
    """One caller's view for evaluating conditions; each group or permission lookup runs once."""

    def __init__(self, db: Session, user: User | None) -> None:
        self.db = db
        self.user = user
        self._groups: set[str] | None = None
        self._permissions: dict[str, bool] = {}

    def in_group(self, name: str) -> bool:
        if self.user is None:
            return False
        if self._groups is None:
            rows = self.db.scalars(select(Group.lower_name).join(GroupMembership, GroupMembership.group_id == Group.id)
                                   .where(GroupMembership.user_id == self.user.id))
            self._groups = set(rows)
        return name.lower() in self._groups

    def has_permission(self, permission: str, issue: Issue) -> bool:
        if self.user is None:
            return False
        if permission not in self._permissions:
            clause = permitted_users([permission], Scope([issue.project_id], issue.id))
            found = self.db.scalar(select(User.id).where(User.id == self.user.id, clause))
            self._permissions[permission] = found is not None
        return self._permissions[permission]


def condition_holds(rule: dict[str, Any], issue: Issue, caller: ConditionContext) -> bool:
    kind = rule["type"]
    user = caller.user
    if kind == "only_assignee":
        return user is not None and issue.assignee_id == user.id
    if kind == "only_reporter":
        return user is not None and issue.reporter_id == user.id
    if kind == "permission":
        return caller.has_permission(rule["permission"], issue)
    if kind == "user_in_group":
        return caller.in_group(rule["group"])
    return True


def missing_fields(rules: list[dict[str, Any]], issue: Issue, field_values: dict[str, Any]) -> dict[str, str]:
    """Field errors of the validators: required fields that would stay empty."""
    errors: dict[str, str] = {}
    for rule in rules:
        if rule["type"] != "field_required":
            continue
        field = rule["field"]
        if field in field_values:
            value = field_values[field]
        else:
            value = getattr(issue, ISSUE_FIELDS[field]) if field in ISSUE_FIELDS else None
        if value is None or value == "" or value == [] or value == {}:
            errors[field] = f"{FIELD_NAMES.get(field, field)} is required."
    return errors


def changes_of(rules: list[dict[str, Any]], issue: Issue, user: User | None,
               assignee_ids: dict[str, int]) -> dict[str, Any]:
    """Field changes the post-functions make, in order (a later rule wins)."""
    changes: dict[str, Any] = {}
    for rule in rules:
        kind = rule["type"]
        if kind == "set_resolution" and "resolution" in rule:
            changes["resolution"] = rule["resolution"]
        elif kind == "clear_resolution":
            changes["resolution"] = None
        elif kind == "assign_to_current_user" and user is not None:
            changes["assignee"] = user.id
        elif kind == "assign_to_reporter":
            changes["assignee"] = issue.reporter_id
        elif kind == "update_field":
            value = rule["value"]
            if rule["field"] == "assignee" and value is not None:
                if value.lower() not in assignee_ids:
                    continue  # the user was deleted since: nothing to assign
                value = assignee_ids[value.lower()]
            changes[rule["field"]] = value
    return changes


def assignee_names(rules: list[dict[str, Any]]) -> set[str]:
    return {rule["value"].lower() for rule in rules
            if rule["type"] == "update_field" and rule["field"] == "assignee" and rule["value"] is not None}
