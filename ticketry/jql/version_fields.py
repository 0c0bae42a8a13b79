"""fixVersion and affectedVersion: names or ids, the version functions, and the administrators' order."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_, select, true

from ticketry.jql import ast
from ticketry.jql.env import Env
from ticketry.jql.handlers import ORDERING, ValueSetField, fail
from ticketry.jql.lookups import ids_by_id_or_name, in_project_scope
from ticketry.jql.matching import Matcher, link_matcher
from ticketry.platform.issues.models import IssueVersion
from ticketry.platform.projects.models import Project
from ticketry.platform.versions.models import Version


class VersionField(ValueSetField):
    operators = ValueSetField.operators | ORDERING

    def __init__(self, name: str, kind: str) -> None:
        self.name, self.kind = name, kind

    def matcher(self) -> Matcher:
        return link_matcher(IssueVersion.issue_id, IssueVersion.version_id, IssueVersion.kind == self.kind)

    def values(self, env: Env, operand: ast.Operand) -> tuple[list[object], bool]:
        found, empty = super().values(env, operand)
        return in_project_scope(env, Version, found), empty

    def resolve(self, env: Env, text: str) -> list[object]:
        found: list[object] = list(ids_by_id_or_name(env.db, Version, text, Version.name))
        if not found:
            env.unknown_value(self.name, text)
        return found

    def function(self, env: Env, call: ast.FunctionCall) -> list[object]:
        name = call.name.lower()
        projects = self._projects(env, call)
        in_projects = Version.project_id.in_(projects) if projects is not None else true()
        if name in ("releasedversions", "unreleasedversions"):
            released = name == "releasedversions"
            return list(env.db.scalars(select(Version.id).where(
                in_projects, Version.released.is_(released), Version.archived.is_(False))))
        if name in ("latestreleasedversion", "earliestunreleasedversion"):
            if projects is None:
                raise fail(f"Function '{call.name}' expected '1' arguments but received '0'.")
            return self._edge_versions(env, projects, latest=name == "latestreleasedversion")
        raise self.unknown_function(call)

    def _projects(self, env: Env, call: ast.FunctionCall) -> list[int] | None:
        if not call.arguments:
            return None
        ids: list[int] = []
        for text in call.arguments:
            found = ids_by_id_or_name(env.db, Project, text, Project.key, Project.name)
            if not found:
                raise fail(f"Could not resolve the project '{text}' provided to function '{call.name}'.")
            ids.extend(found)
        return ids

    def _edge_versions(self, env: Env, projects: list[int], *, latest: bool) -> list[object]:
        found: list[object] = []
        for project_id in projects:
            query = select(Version.id).where(Version.project_id == project_id, Version.archived.is_(False),
                                             Version.released.is_(latest))
            order = Version.sequence.desc() if latest else Version.sequence
            version_id = env.db.scalar(query.order_by(order).limit(1))
            if version_id is not None:
                found.append(version_id)
        return found

    def compare(self, env: Env, operator: str, values: list[object]) -> list[object]:
        """Versions after or before the given ones in their own project's order."""
        rows = env.db.execute(select(Version.project_id, Version.sequence).where(Version.id.in_(values))).all()
        if not rows:
            return []
        ops = {">": lambda c, s: c > s, ">=": lambda c, s: c >= s, "<": lambda c, s: c < s,
               "<=": lambda c, s: c <= s}[operator]
        conditions: list[ColumnElement[bool]] = [
            and_(Version.project_id == project_id, ops(Version.sequence, sequence)) for project_id, sequence in rows
        ]
        return list(env.db.scalars(select(Version.id).where(or_(*conditions))))
