"""Every feature package with a `routes` module contributes its `router`, in name order."""

from __future__ import annotations

import importlib
import pkgutil

from fastapi import APIRouter

import ticketry.platform

FEATURE_ROOTS = [ticketry.platform]


def _discover() -> list[APIRouter]:
    """A routes module may set ROUTER_PRIORITY (default 100; lower is matched first)."""
    routers: list[tuple[int, str, APIRouter]] = []
    for root in FEATURE_ROOTS:
        for info in sorted(pkgutil.iter_modules(root.__path__), key=lambda m: m.name):
            if not info.ispkg:
                continue
            try:
                module = importlib.import_module(f"{root.__name__}.{info.name}.routes")
            except ModuleNotFoundError as exc:
                if exc.name == f"{root.__name__}.{info.name}.routes":
                    continue
                raise
            routers.append((getattr(module, "ROUTER_PRIORITY", 100), info.name, module.router))
    return [router for _priority, _name, router in sorted(routers, key=lambda r: (r[0], r[1]))]


ROUTERS = _discover()

