"""The standard custom field types of Jira: type keys, searcher keys, value shapes and storage columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PREFIX = "com.atlassian.jira.plugin.system.customfieldtypes:"


@dataclass(frozen=True)
class FieldType:
    key: str           # short key: textfield, select, ...
    name: str          # Jira's display name of the type
    schema_type: str   # Jira's schema type of one value ("string", "option", "user", ...)
    multi: bool        # the value is a list
    column: str        # the typed column of custom_field_value holding one element
    searchers: tuple[str, ...]  # allowed searcher keys (short), the first is the default

    @property
    def type_key(self) -> str:
        return PREFIX + self.key

    @property
    def has_options(self) -> bool:
        return self.column == "option_id"

    @property
    def searcher_keys(self) -> tuple[str, ...]:
        return tuple(PREFIX + s for s in self.searchers)


FIELD_TYPES: tuple[FieldType, ...] = (
    FieldType("textfield", "Text Field (single line)", "string", False, "string_value",
              ("textsearcher",)),
    FieldType("textarea", "Text Field (multi-line)", "string", False, "text_value", ("textsearcher",)),
    FieldType("float", "Number Field", "number", False, "number_value", ("exactnumber", "numberrange")),
    FieldType("datepicker", "Date Picker", "date", False, "date_value", ("daterange",)),
    FieldType("datetime", "Date Time Picker", "datetime", False, "datetime_value", ("datetimerange",)),
    FieldType("url", "URL Field", "string", False, "string_value", ("exacttextsearcher",)),
    FieldType("select", "Select List (single choice)", "option", False, "option_id",
              ("multiselectsearcher",)),
    FieldType("multiselect", "Select List (multiple choices)", "option", True, "option_id",
              ("multiselectsearcher",)),
    FieldType("radiobuttons", "Radio Buttons", "option", False, "option_id",
              ("radiosearcher", "multiselectsearcher")),
    FieldType("multicheckboxes", "Checkboxes", "option", True, "option_id",
              ("checkboxsearcher", "multiselectsearcher")),
    FieldType("cascadingselect", "Select List (cascading)", "option-with-child", False, "option_id",
              ("cascadingselectsearcher",)),
    FieldType("userpicker", "User Picker (single user)", "user", False, "user_id",
              ("userpickergroupsearcher",)),
    FieldType("multiuserpicker", "User Picker (multiple users)", "user", True, "user_id",
              ("userpickergroupsearcher",)),
    FieldType("grouppicker", "Group Picker (single group)", "group", False, "group_name",
              ("grouppickersearcher",)),
    FieldType("multigrouppicker", "Group Picker (multiple groups)", "group", True, "group_name",
              ("multiselectsearcher", "grouppickersearcher")),
    FieldType("labels", "Labels", "string", True, "string_value", ("labelsearcher",)),
    FieldType("version", "Version Picker (single version)", "version", False, "version_id",
              ("versionsearcher",)),
    FieldType("multiversion", "Version Picker (multiple versions)", "version", True, "version_id",
              ("versionsearcher",)),
    FieldType("project", "Project Picker (single project)", "project", False, "project_id",
              ("projectsearcher",)),
)

_BY_TYPE_KEY = {t.type_key: t for t in FIELD_TYPES}


def field_type(type_key: str | None) -> FieldType | None:
    """The type for a full key (com.atlassian...:select); None for unknown keys."""
    return _BY_TYPE_KEY.get(type_key or "")


def require_type(type_key: str) -> FieldType:
    found = field_type(type_key)
    if found is None:
        raise KeyError(type_key)
    return found


def field_schema(type_key: str, custom_id: int) -> dict[str, Any]:
    """Jira's schema of a custom field: {"type", "items"?, "custom", "customId"}."""
    found = field_type(type_key)
    schema: dict[str, Any] = {}
    if found is None:
        schema["type"] = "any"
    elif found.multi:
        schema.update({"type": "array", "items": found.schema_type})
    else:
        schema["type"] = found.schema_type
    schema.update({"custom": type_key, "customId": custom_id})
    return schema
