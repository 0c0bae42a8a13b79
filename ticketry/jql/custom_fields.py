"""JQL over custom fields (cf[10010] or the field's name): EXISTS over their typed value rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, func, not_, or_, select

from ticketry.jql import ast
from ticketry.jql.date_fields import COMPARE, DateField
from ticketry.jql.env import Env
from ticketry.jql.handlers import EQUALITY, ORDERING, FieldHandler, ValueSetField, fail, items_of
from ticketry.jql.lookups import ids_by_id_or_name, user_ids
from ticketry.jql.matching import Matcher, issue_in, link_matcher
from ticketry.jql.system_fields import UserField
from ticketry.jql.text_fields import TextField, term_match, terms
from ticketry.platform.fields.models import CustomField, CustomFieldOption, CustomFieldValue
from ticketry.platform.fields.types import FieldType, field_type
from ticketry.platform.issues.models import Issue
from ticketry.platform.projects.models import Project
from ticketry.platform.versions.models import Version

Value = CustomFieldValue


def custom_handler(env: Env, field: ast.FieldRef) -> FieldHandler | None:
    if field.custom_id is not None:
        found = [f for f in [env.db.get(CustomField, field.custom_id)] if f is not None]
        label = field.name
    else:
        found = list(env.db.scalars(select(CustomField).where(func.lower(CustomField.name) == field.name.lower())))
        label = field.name
    if not found:
        return None
    kind = field_type(found[0].type_key)
    if kind is None or not found[0].searcher_key:
        raise fail(f"Field '{label}' is not searchable, it is only sortable.")
    ids = [f.id for f in found if f.type_key == found[0].type_key]
    return _HANDLERS.get(kind.column, _option_handler)(label, ids, kind)


def _rows(field_ids: Sequence[int], column: Any, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """Issues with value rows of the fields meeting the conditions on `column`. `column IS NOT NULL` is
    said outright: the typed indexes hold only such rows (migration 0011), and `is not EMPTY` asks
    nothing else of the column."""
    return issue_in(select(Value.issue_id).where(Value.field_id.in_(field_ids), column.is_not(None), *conditions))


class _CustomSet(ValueSetField):
    column_name = "option_id"  # a name, not the attribute: ORM attributes are descriptors

    @property
    def column(self) -> Any:
        return getattr(Value, self.column_name)

    def __init__(self, name: str, field_ids: list[int], kind: FieldType) -> None:
        self.name, self.field_ids, self.kind = name, field_ids, kind

    def matcher(self) -> Matcher:
        return link_matcher(Value.issue_id, self.column, Value.field_id.in_(self.field_ids), self.column.is_not(None))

    def order_by(self, env: Env) -> Sequence[ColumnElement[object]]:
        return [select(func.min(self.column)).where(Value.issue_id == Issue.id,
                                                    Value.field_id.in_(self.field_ids)).scalar_subquery()]


class OptionField(_CustomSet):
    column_name = "option_id"

    def resolve(self, env: Env, text: str) -> list[object]:
        found: list[object] = list(ids_by_id_or_name(env.db, CustomFieldOption, text, CustomFieldOption.value))
        found = list(env.db.scalars(select(CustomFieldOption.id).where(
            CustomFieldOption.id.in_(found), CustomFieldOption.field_id.in_(self.field_ids))))
        if not found:
            env.unknown_value(self.name, text)
        return found

    def function(self, env: Env, call: ast.FunctionCall) -> list[object]:
        if call.name.lower() != "cascadeoption" or not 1 <= len(call.arguments) <= 2:
            raise self.unknown_function(call)
        parents = self.resolve(env, call.arguments[0])
        if len(call.arguments) == 1 or call.arguments[1].lower() == "none":
            return parents
        children: list[object] = list(env.db.scalars(select(CustomFieldOption.id).where(
            CustomFieldOption.parent_id.in_(parents),
            func.lower(CustomFieldOption.value) == call.arguments[1].lower())))
        if not children:
            env.unknown_value(self.name, call.arguments[1])
        return children


class StringSetField(_CustomSet):
    """Labels and URL fields: exact values."""

    column_name = "string_value"

    def resolve(self, env: Env, text: str) -> list[object]:
        return [text]


class GroupField(_CustomSet):
    column_name = "group_name"

    def resolve(self, env: Env, text: str) -> list[object]:
        return [text]


class ProjectPickerField(_CustomSet):
    column_name = "project_id"

    def resolve(self, env: Env, text: str) -> list[object]:
        found: list[object] = list(ids_by_id_or_name(env.db, Project, text, Project.key, Project.name))
        if not found:
            env.unknown_value(self.name, text)
        return found


class VersionPickerField(_CustomSet):
    column_name = "version_id"

    def resolve(self, env: Env, text: str) -> list[object]:
        found: list[object] = list(ids_by_id_or_name(env.db, Version, text, Version.name))
        if not found:
            env.unknown_value(self.name, text)
        return found


class UserPickerField(_CustomSet):
    column_name = "user_id"
    function = UserField.function

    def resolve(self, env: Env, text: str) -> list[object]:
        found: list[object] = list(user_ids(env.db, text))
        if not found:
            env.unknown_value(self.name, text)
        return found


class NumberField(_CustomSet):
    column_name = "number_value"
    operators = EQUALITY | ORDERING

    def resolve(self, env: Env, text: str) -> list[object]:
        try:
            return [float(text)]
        except ValueError:
            raise fail(f"The value '{text}' for field '{self.name}' is not a valid number.") from None

    def compile(self, env: Env, clause: ast.Terminal) -> ColumnElement[bool]:
        if clause.operator not in ORDERING:
            return super().compile(env, clause)
        self.check_list_use(clause)
        values, _ = self.values(env, clause.operand)
        return _rows(self.field_ids, self.column, COMPARE[clause.operator](self.column, values[0]))


class CustomDateField(DateField):
    def __init__(self, name: str, field_ids: list[int], kind: FieldType) -> None:
        column = Value.date_value if kind.column == "date_value" else Value.datetime_value
        super().__init__(name, column, date_only=kind.column == "date_value")
        self.field_ids = field_ids

    def compile(self, env: Env, clause: ast.Terminal) -> ColumnElement[bool]:
        self.check_operator(clause.operator)
        self.check_list_use(clause)
        items = items_of(clause.operand)
        column: Any = self.column
        has_value = _rows(self.field_ids, column)
        if any(isinstance(i, ast.Empty) for i in items):
            return not_(has_value) if clause.operator in ("is", "=", "in") else has_value
        moments = [self.instant(env, i) for i in items if not isinstance(i, ast.Empty)]
        if clause.operator in ("in", "not in"):
            hit = _rows(self.field_ids, column, or_(*[column == m for m in moments]))
            return hit if clause.operator == "in" else and_(has_value, not_(hit))
        if clause.operator == "!=":
            return and_(has_value, not_(_rows(self.field_ids, column, column == moments[0])))
        return _rows(self.field_ids, column, COMPARE[clause.operator](column, moments[0]))


class CustomTextField(TextField):
    def __init__(self, name: str, field_ids: list[int], kind: FieldType) -> None:
        super().__init__(name, [])
        self.field_ids = field_ids
        self.value_column = Value.text_value if kind.column == "text_value" else Value.string_value

    def compile(self, env: Env, clause: ast.Terminal) -> ColumnElement[bool]:
        self.check_operator(clause.operator)
        has_value = _rows(self.field_ids, self.value_column, self.value_column != "")
        if clause.operator in ("is", "is not") or isinstance(clause.operand, ast.Empty):
            return not_(has_value) if clause.operator in ("is", "~") else has_value
        if not isinstance(clause.operand, ast.Value):
            raise fail(f"The operator '{clause.operator}' is not supported by the '{self.name}' field with this value.")
        words = terms(clause.operand.text)
        if not words:
            raise fail(f"The field '{self.name}' does not support searching for an empty string.")
        found = and_(*[_rows(self.field_ids, self.value_column, term_match(self.value_column, w)) for w in words])  # type: ignore[arg-type]
        return found if clause.operator == "~" else not_(found)


def _option_handler(name: str, ids: list[int], kind: FieldType) -> FieldHandler:
    return OptionField(name, ids, kind)


def _string_handler(name: str, ids: list[int], kind: FieldType) -> FieldHandler:
    if kind.key in ("labels", "url"):
        return StringSetField(name, ids, kind)
    return CustomTextField(name, ids, kind)


_HANDLERS: dict[str, Any] = {
    "option_id": _option_handler,
    "string_value": _string_handler,
    "text_value": CustomTextField,
    "number_value": NumberField,
    "date_value": CustomDateField,
    "datetime_value": CustomDateField,
    "user_id": UserPickerField,
    "group_name": GroupField,
    "project_id": ProjectPickerField,
    "version_id": VersionPickerField,
}
