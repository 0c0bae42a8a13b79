"""Handlers per job kind. Each feature registers its own in `<feature>/tasks.py`:

    @jobs.handler("reindex", lease_seconds=120)
    def reindex(run: JobRun) -> dict: ...

A handler returns the job's result (any JSON) or raises (the job is retried with backoff). It writes
through `with run.transaction() as db:` (committed only while it still holds the job), may store a
resume point with `run.save(db, state)` (a retry finds it in `run.saved`), and calls
`run.checkpoint(progress)` between batches, outside any transaction: that reports progress, renews
the lease and raises when the job was cancelled or the worker is stopping. A retried or reclaimed job
runs again, so handlers must be safe to repeat (at-least-once).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ticketry.jobs.worker import JobRun


@dataclass(frozen=True)
class Kind:
    name: str
    run: Callable[[JobRun], Any]
    max_attempts: int = 3
    backoff_seconds: float = 5.0  # the first retry waits this long; each further retry twice as long
    lease_seconds: float = 60.0  # a worker silent for longer is presumed dead and the job is reclaimed

    def retry_delay(self, attempts: int) -> float:
        return min(self.backoff_seconds * 2 ** max(attempts - 1, 0), 3600.0)


HANDLERS: dict[str, Kind] = {}


def handler(name: str, *, max_attempts: int = 3, backoff_seconds: float = 5.0,
            lease_seconds: float = 60.0) -> Callable[[Callable[[JobRun], Any]], Callable[[JobRun], Any]]:
    def register(run: Callable[[JobRun], Any]) -> Callable[[JobRun], Any]:
        HANDLERS[name] = Kind(name, run, max_attempts, backoff_seconds, lease_seconds)
        return run
    return register


def discover() -> dict[str, Kind]:
    """Imports every feature's `tasks` module so its handlers are registered."""
    import ticketry.platform

    for root in (ticketry.platform,):
        for info in pkgutil.iter_modules(root.__path__):
            if not info.ispkg:
                continue
            name = f"{root.__name__}.{info.name}.tasks"
            try:
                importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
    return HANDLERS
