"""PostgreSQL: the issues of an import written by several processes at once.

Each writer process is forked after the configuration is in, builds the rows of a batch of issues and
COPYs them over a connection of its own, so building rows and PostgreSQL's ingest run on every core
and no row crosses a pipe. Issue ids follow the issues' order in the dataset; the ids of their parts
(comments, changelog, values, attachments) come in blocks from counters the writers share, so they are
unique and ascend within an issue, with gaps of less than a block. Every writer keeps its transaction
open until all have written: an import that fails anywhere leaves no issues behind.
"""

from __future__ import annotations

import os
import queue
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from multiprocessing import get_context
from multiprocessing.context import ForkContext, ForkProcess
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from benchmarks.importer import IssueLoader

ID_BLOCK = 4096  # ids a writer takes from a shared counter at a time
Task = tuple[int, list[dict[str, Any]] | None]  # first issue's position, its records (None: read the list)


def writer_count() -> int:
    return max(2, os.cpu_count() or 2)


class SharedIds:
    """The id source of a writer: issue ids by position, the others from shared counters in blocks."""

    def __init__(self, context: ForkContext, starts: dict[str, int]) -> None:
        self.first_issue = starts["issue"]
        self.counters: dict[str, Synchronized[int]] = {
            name: context.Value("q", start) for name, start in starts.items() if name != "issue"}
        self.blocks = {name: [0, 0] for name in starts}

    def batch(self, position: int, size: int) -> None:
        """The next issues are the dataset's issues from `position` on."""
        first = self.first_issue + position
        self.blocks["issue"] = [first, first + size]

    def take(self, table: str) -> int:
        block = self.blocks[table]
        if block[0] == block[1]:
            counter = self.counters[table]
            with counter.get_lock():
                block[0] = counter.value
                counter.value = block[0] + ID_BLOCK
            block[1] = block[0] + ID_BLOCK
        value = block[0]
        block[0] = value + 1
        return value


def write_issues(loader: IssueLoader, records: Sequence[tuple[str, Any]] | Iterator[tuple[str, Any]],
                 batch: int, progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Writes the issue records (what is left of the stream, or the issue records of a list) with
    writer_count() processes; returns the rows written per table, once every writer has committed."""
    context = get_context("fork")
    ids = SharedIds(context, dict(loader.next))
    loader.take = ids.take
    listed = records if isinstance(records, Sequence) else None
    offset = 0
    if listed is not None:
        offset = next((i for i, (kind, _) in enumerate(listed) if kind == "issue"), len(listed))
        if any(kind != "issue" for kind, _ in islice(listed, offset, None)):  # not the dataset's order: stream it
            listed, records = None, iter(listed[offset:])
    tasks: Queue[Task | None] = context.Queue(maxsize=0 if listed is not None else 2 * writer_count())
    results: Queue[tuple[str, Any]] = context.Queue()
    commit = context.Event()
    writers = [context.Process(target=_write, args=(loader, ids, listed, offset, batch, tasks, results, commit),
                               name=f"importer-writer-{n}", daemon=True) for n in range(writer_count())]
    for process in writers:
        process.start()
    try:
        return _run(writers, _tasks(listed, offset, records, batch), tasks, results, commit, progress)
    finally:
        for process in writers:
            if process.is_alive():
                process.terminate()
            process.join()


def _tasks(listed: Sequence[tuple[str, Any]] | None, offset: int,
           records: Sequence[tuple[str, Any]] | Iterator[tuple[str, Any]], batch: int) -> Iterator[Task]:
    """Batches as positions in a list the writers hold (forked with it), or as the records themselves."""
    if listed is not None:
        yield from ((start, None) for start in range(0, len(listed) - offset, batch))
        return
    position, items = 0, []
    for kind, record in records:
        if kind != "issue":
            continue
        items.append(record)
        if len(items) == batch:
            yield position, items
            position, items = position + batch, []
    if items:
        yield position, items


def _run(writers: list[ForkProcess], work: Iterator[Task], tasks: Queue[Task | None],
         results: Queue[tuple[str, Any]], commit: Event, progress: Callable[[int], None] | None) -> dict[str, int]:
    issues, done = 0, 0
    counts: dict[str, int] = {}

    def handle(kind: str, value: Any) -> None:
        nonlocal issues, done
        if kind == "error":
            raise SystemExit(f"importer: a writer failed: {value}")
        if kind == "batch":
            issues += value
            if progress:
                progress(issues)
            return
        done += 1
        for name, count in value.items():
            counts[name] = counts.get(name, 0) + count

    def check_writers() -> None:
        if any(process.exitcode not in (None, 0) for process in writers):
            raise SystemExit("importer: a writer process stopped")

    def drain() -> None:
        while True:
            try:
                handle(*results.get_nowait())
            except queue.Empty:
                return

    for task in work:
        while True:
            try:
                tasks.put(task, timeout=1.0)
                break
            except queue.Full:
                drain()
                check_writers()
        drain()
    for _ in writers:
        tasks.put(None)
    while done < len(writers):
        try:
            handle(*results.get(timeout=1.0))
        except queue.Empty:
            check_writers()
    commit.set()
    for process in writers:
        process.join()
        if process.exitcode != 0:
            raise SystemExit(f"importer: a writer ended with exit code {process.exitcode}")
    return counts


def _write(loader: IssueLoader, ids: SharedIds, listed: Sequence[tuple[str, Any]] | None, offset: int, batch: int,
           tasks: Queue[Task | None], results: Queue[tuple[str, Any]], commit: Event) -> None:
    """In a writer process: its own connection (the inherited ones stay the parent's), batches until
    told to stop, then a commit once every writer has written."""
    writer = loader.writer
    writer.engine.dispose(close=False)
    writer.connect()
    writer.counts = {}
    try:
        while (task := tasks.get()) is not None:
            position, items = task
            records = items if items is not None else [
                record for _, record in listed[offset + position:offset + position + batch]]  # type: ignore[index]
            ids.batch(position, len(records))
            for record in records:
                loader.add(record)
            writer.flush()
            results.put(("batch", len(records)))
        results.put(("done", writer.counts))
        commit.wait()
        writer.raw.commit()
    except BaseException as error:
        results.put(("error", f"{type(error).__name__}: {error}"))
        raise
