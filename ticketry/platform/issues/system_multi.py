"""Input handlers of the multi-value system fields (labels, components, versions) and time tracking."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, or_, select

from ticketry.platform.components.models import Component
from ticketry.platform.issues.changelog import Change
from ticketry.platform.issues.inputs import FieldError, as_int, ref_id, ref_name
from ticketry.platform.issues.models import Issue, IssueComponent, IssueLabel, IssueVersion
from ticketry.platform.issues.system_fields import Env, LinkState, SystemField
from ticketry.platform.versions.models import Version


def _as_list(field_id: str, raw: Any) -> list[Any]:
    if raw is None or raw == "":
        return []
    if not isinstance(raw, list):
        raise FieldError(f"Field '{field_id}' expects an array.")
    return raw


class LabelsField(SystemField):
    id = change_name = "labels"
    multi = True

    def parse(self, env: Env, raw: Any) -> Any:
        return sorted({self.parse_item(env, item) for item in _as_list(self.id, raw)})

    def parse_item(self, env: Env, raw: Any) -> Any:
        if not isinstance(raw, str) or not raw.strip():
            raise FieldError("The label must not be empty.")
        if any(c.isspace() for c in raw):
            raise FieldError(f"The label '{raw}' contains spaces which is invalid.")
        if len(raw) > 255:
            raise FieldError("The label must not exceed 255 characters.")
        return raw

    def current(self, issue: Issue, links: LinkState) -> Any:
        return list(links.labels)

    def store(self, env: Env, issue: Issue, links: LinkState, value: Any) -> list[Change]:
        old, new = sorted(set(links.labels)), sorted(set(value))
        if old == new:
            return []
        gone, added = set(old) - set(new), set(new) - set(old)
        if gone:
            env.db.execute(delete(IssueLabel).where(IssueLabel.issue_id == issue.id, IssueLabel.label.in_(gone)))
        env.db.add_all(IssueLabel(issue_id=issue.id, label=label) for label in sorted(added))
        links.labels = new
        return [Change("labels", None, " ".join(old), None, " ".join(new))]


class _EntityListField(SystemField):
    multi = True
    noun = ""

    def lookup(self, env: Env, ident: int | None, name: str | None) -> Any:
        raise NotImplementedError

    def lookup_all(self, env: Env, ids: set[int], names: set[str]) -> dict[tuple[str, Any], Any]:
        """Every entity the items of one value name, in one query: by ("id", id) and ("name", lower name)."""
        raise NotImplementedError

    def parse(self, env: Env, raw: Any) -> Any:
        items = _as_list(self.id, raw)
        refs = [(as_int(ref_id(item)), ref_name(item)) for item in items if ref_id(item) is not None
                or ref_name(item) is not None]
        known = self.lookup_all(env, {i for i, _ in refs if i is not None},
                                {n.lower() for i, n in refs if i is None and n is not None}) if refs else {}
        found: dict[int, Any] = {}
        for item in items:
            entity = self.parse_item(env, item, known)
            found[entity.id] = entity
        return list(found.values())

    def parse_item(self, env: Env, raw: Any, known: dict[tuple[str, Any], Any] | None = None) -> Any:
        raw_id, name = ref_id(raw), ref_name(raw)
        if raw_id is None and name is None:
            raise FieldError(f"Could not find valid 'id' or 'name' in {self.noun.lower()} object.")
        if known is not None:
            entity = known.get(("id", as_int(raw_id)) if raw_id is not None else ("name", (name or "").lower()))
        else:
            entity = self.lookup(env, as_int(raw_id), name if raw_id is None else None)
        if entity is None:
            if raw_id is not None:
                raise FieldError(f"{self.noun} with id '{raw_id}' does not exist.")
            raise FieldError(f"{self.noun} name '{name}' is not valid")
        return entity

    def store_links(self, env: Env, issue: Issue, old: list[Any], new: list[Any]) -> tuple[set[int], set[int]]:
        raise NotImplementedError

    def changes(self, old: list[Any], new: list[Any]) -> list[Change]:
        old_ids, new_ids = {e.id for e in old}, {e.id for e in new}
        items = [Change(self.change_name, str(e.id), e.name, None, None) for e in old if e.id not in new_ids]
        items += [Change(self.change_name, None, None, str(e.id), e.name) for e in new if e.id not in old_ids]
        return items


class ComponentsField(_EntityListField):
    id = "components"
    change_name = "Component"
    noun = "Component"

    def lookup(self, env: Env, ident: int | None, name: str | None) -> Any:
        query = select(Component).where(Component.project_id == env.project.id)
        if ident is not None:
            return env.db.scalars(query.where(Component.id == ident)).first()
        if name is None:
            return None
        return env.db.scalars(query.where(func.lower(Component.name) == name.lower())).first()

    def lookup_all(self, env: Env, ids: set[int], names: set[str]) -> dict[tuple[str, Any], Any]:
        return _by_id_and_name(env, Component, ids, names)

    def current(self, issue: Issue, links: LinkState) -> Any:
        return list(links.components)

    def store(self, env: Env, issue: Issue, links: LinkState, value: Any) -> list[Change]:
        changes = self.changes(links.components, value)
        if not changes:
            return []
        new_ids = {c.id for c in value}
        env.db.execute(delete(IssueComponent).where(IssueComponent.issue_id == issue.id))
        env.db.add_all(IssueComponent(issue_id=issue.id, component_id=cid) for cid in sorted(new_ids))
        links.components = list(value)
        return changes


class VersionsField(_EntityListField):
    noun = "Version"

    def __init__(self, field_id: str, change_name: str, kind: str) -> None:
        self.id = field_id
        self.change_name = change_name
        self.kind = kind

    def lookup(self, env: Env, ident: int | None, name: str | None) -> Any:
        query = select(Version).where(Version.project_id == env.project.id)
        if ident is not None:
            return env.db.scalars(query.where(Version.id == ident)).first()
        if name is None:
            return None
        return env.db.scalars(query.where(func.lower(Version.name) == name.lower())).first()

    def lookup_all(self, env: Env, ids: set[int], names: set[str]) -> dict[tuple[str, Any], Any]:
        return _by_id_and_name(env, Version, ids, names)

    def current(self, issue: Issue, links: LinkState) -> Any:
        return list(links.versions.get(self.kind, []))

    def store(self, env: Env, issue: Issue, links: LinkState, value: Any) -> list[Change]:
        changes = self.changes(links.versions.get(self.kind, []), value)
        if not changes:
            return []
        env.db.execute(delete(IssueVersion).where(IssueVersion.issue_id == issue.id, IssueVersion.kind == self.kind))
        env.db.add_all(IssueVersion(issue_id=issue.id, version_id=vid, kind=self.kind)
                       for vid in sorted({v.id for v in value}))
        links.versions[self.kind] = list(value)
        return changes


def _by_id_and_name(env: Env, model: type[Component] | type[Version], ids: set[int],
                    names: set[str]) -> dict[tuple[str, Any], Any]:
    """The project's components or versions with these ids or (database-lowered, as `lookup` compares them)
    names; the first by id wins a name, as `lookup`'s first row would."""
    lowered = func.lower(model.name)
    rows = env.db.execute(select(model, lowered).where(
        model.project_id == env.project.id, or_(model.id.in_(ids), lowered.in_(names))).order_by(model.id))
    known: dict[tuple[str, Any], Any] = {}
    for entity, lower_name in rows:
        known[("id", entity.id)] = entity
        known.setdefault(("name", lower_name), entity)
    return known


class TimeTrackingField(SystemField):
    """{"originalEstimate", "remainingEstimate"} in Jira durations; the value is (original, remaining)."""

    id = change_name = "timetracking"

    def parse(self, env: Env, raw: Any) -> Any:
        return self.merge(env, (None, None), raw, replace=True)

    def merge(self, env: Env, current: tuple[int | None, int | None], raw: Any, *, replace: bool) -> Any:
        if raw is None:
            return (None, None)
        if not isinstance(raw, dict):
            raise FieldError("Field 'timetracking' expects an object with originalEstimate and remainingEstimate.")
        original, remaining = (None, None) if replace else current
        if "originalEstimate" in raw:
            original = self._duration(env, raw["originalEstimate"], "Invalid original estimate specified.")
        if "remainingEstimate" in raw:
            remaining = self._duration(env, raw["remainingEstimate"], "Invalid remaining estimate specified.")
        elif "originalEstimate" in raw and remaining is None:
            remaining = original
        return (original, remaining)

    @staticmethod
    def _duration(env: Env, raw: Any, message: str) -> int | None:
        if raw is None or raw == "":
            return None
        seconds = env.work.parse(str(raw)) if isinstance(raw, str | int) and not isinstance(raw, bool) else None
        if seconds is None:
            raise FieldError(message)
        return seconds

    def current(self, issue: Issue, links: LinkState) -> Any:
        return (issue.original_estimate, issue.remaining_estimate)

    def store(self, env: Env, issue: Issue, links: LinkState, value: Any) -> list[Change]:
        original, remaining = value
        changes = []
        if issue.original_estimate != original:
            changes.append(Change("timeoriginalestimate", _s(issue.original_estimate), _s(issue.original_estimate),
                                  _s(original), _s(original)))
            issue.original_estimate = original
        if issue.remaining_estimate != remaining:
            changes.append(Change("timeestimate", _s(issue.remaining_estimate), _s(issue.remaining_estimate),
                                  _s(remaining), _s(remaining)))
            issue.remaining_estimate = remaining
        return changes


def _s(value: Any) -> str | None:
    return None if value is None else str(value)
