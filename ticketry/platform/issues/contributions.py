"""Fields of the issue document that other features own (links, watchers, votes, worklogs, attachments).

A feature package may have an `issue_fields` module with `FIELDS` (the field ids it fills) and
`contribute(ctx, issues) -> {issue_id: {field_id: value}}`, answering for many issues in a constant
number of queries. Fields it does not fill keep the defaults of `issues/render.py`.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable
from functools import lru_cache
from types import ModuleType
from typing import Any

from ticketry.core.context import RequestContext
from ticketry.platform.issues.models import Issue

Contributor = Callable[[RequestContext, list[Issue]], dict[int, dict[str, Any]]]


@lru_cache(maxsize=1)
def _modules() -> tuple[ModuleType, ...]:
    import ticketry.platform

    found = []
    for info in sorted(pkgutil.iter_modules(ticketry.platform.__path__), key=lambda m: m.name):
        name = f"ticketry.platform.{info.name}.issue_fields"
        if info.ispkg and importlib.util.find_spec(name) is not None:
            found.append(importlib.import_module(name))
    return tuple(found)


def contributed(ctx: RequestContext, issues: list[Issue], wanted: list[str]) -> dict[int, dict[str, Any]]:
    merged: dict[int, dict[str, Any]] = {issue.id: {} for issue in issues}
    if not issues:
        return merged
    wanted_set = set(wanted)
    for module in _modules():
        if wanted_set & set(module.FIELDS):
            for issue_id, values in module.contribute(ctx, issues).items():
                merged.setdefault(issue_id, {}).update(values)
    return merged
