"""Differential test of JQL semantics: random issues (with histories of their status, priority, resolution
and assignee), random queries, and a plain Python evaluator written for this test; the server must return
exactly the issues the evaluator selects."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.harness import RunningServer
from ticketry.platform.components.models import Component
from ticketry.platform.issues import held
from ticketry.platform.issues.models import ChangeGroup, ChangeItem, Issue, IssueComponent, IssueLabel, IssueVersion
from ticketry.platform.projects.models import Project
from ticketry.platform.search import textindex
from ticketry.platform.users.models import User
from ticketry.platform.versions.models import Version
from ticketry.platform.viewhistory.models import UserIssueHistory

SEED = 20261122
ISSUES = 160
QUERIES = 300
PRIORITIES = {1: "Highest", 2: "High", 3: "Medium", 4: "Low", 5: "Lowest"}
STATUSES = {1: "Open", 3: "In Progress", 5: "Resolved", 6: "Closed"}
TYPES = {1: "Bug", 3: "Task", 10001: "Story"}
RESOLUTIONS = {10000: "Done", 10001: "Won't Do"}
LABELS = ["alpha", "beta", "gamma", "delta"]
WORDS = ["login", "crash", "report", "export", "slow", "button", "migrate", "cache"]
NOW = datetime.now(UTC)
# Time tracking values (seconds) and how a query may write each: Jira durations, or bare minutes.
DURATIONS = {0: "0", 1800: "30m", 3600: "1h", 5400: '"1h 30m"', 7200: "2h", 10800: "180", 28800: "1d",
             144000: "1w"}
VIEWS = 60  # more than the 50 a user's issue history keeps


Interval = tuple[datetime, datetime | None, Any, int | None]
# Fields with histories: the Row attribute, the domain's name, whether they may be empty.
HISTORY = {"priority": ("priority", True), "status": ("status", False), "resolution": ("resolution", True),
           "assignee": ("assignee", True)}


@dataclass
class Row:
    id: int
    key: str
    priority: int | None
    status: int
    type: int
    resolution: int | None
    assignee: int | None
    labels: set[str] = field(default_factory=set)
    components: set[int] = field(default_factory=set)
    fix: set[int] = field(default_factory=set)
    created: datetime = NOW
    due: date | None = None
    summary: str = ""
    original: int | None = None
    remaining: int | None = None
    spent: int | None = None
    viewed: datetime | None = None  # when the viewer last viewed it, if it is in their (capped) history
    creator: int | None = None
    # Per history field, the values held: (start, end or None while held, value, who set it).
    held: dict[str, list[Interval]] = field(default_factory=dict)
    # Per history field, the changes: (when, from, to, author).
    changes: dict[str, list[tuple[datetime, Any, Any, int]]] = field(default_factory=dict)

    @property
    def work_ratio(self) -> int | None:
        """Jira's WorkRatio: a whole percentage rounded down; 0 with nothing logged; none without an estimate."""
        if self.original is None:
            return None
        if self.spent is None:
            return 0
        if self.original == 0:
            return 2 ** 63 - 1 if self.spent > 0 else 0
        return self.spent * 100 // self.original


@dataclass
class World:
    key: str
    rows: list[Row]
    users: dict[int, str]
    components: dict[int, str]
    versions: dict[int, str]
    viewer: str = ""
    user_keys: dict[int, str] = field(default_factory=dict)  # a user (an administrator) with an issue history over the world's issues


@pytest.fixture(scope="module")
def world(server: RunningServer, admin: httpx.Client) -> World:
    rng = random.Random(SEED)
    key = "D" + uuid.uuid4().hex[:6].upper().replace("0", "Q")
    assert admin.post("/rest/api/2/project", json={"key": key, "name": f"Diff {key}", "lead": "admin",
                                                   "projectTypeKey": "software"}).status_code == 201
    names = [f"diff-{key.lower()}-{i}" for i in range(3)]
    for name in names:
        assert admin.post("/rest/api/2/user", json={"name": name, "password": "pw-12345", "displayName": name,
                                                    "emailAddress": f"{name}@example.com"}).status_code == 201
    with server.app.state.write_sessions() as db, db.begin():
        project = db.query(Project).filter_by(key=key).one()
        users = {u.id: u.name for u in db.query(User).filter(User.name.in_(names))}
        components = [Component(project_id=project.id, name=f"comp{i}") for i in range(3)]
        versions = [Version(project_id=project.id, name=f"{i}.0", sequence=i) for i in range(3)]
        db.add_all(components + versions)
        db.flush()
        rows = [_issue(db, rng, project.id, key, n, list(users), components, versions) for n in range(1, ISSUES + 1)]
        user_keys = {u.id: u.key for u in db.query(User).filter(User.id.in_(list(users)))}
        for row in rows:
            _history(db, rng, row, list(users), user_keys)
        textindex.refresh(db, [row.id for row in rows])  # written straight to the tables, so index them here
        held.rebuild(db)  # and their held values from the changelog written here
        viewer = next(u for u in users if users[u] == names[0])
        _views(db, rng, viewer, rows)
    assert admin.post("/rest/api/2/group/user", params={"groupname": "jira-administrators"},
                      json={"name": names[0]}).status_code == 201
    return World(key, rows, users, {c.id: c.name for c in components}, {v.id: v.name for v in versions}, names[0],
                 user_keys)


def _views(db: Any, rng: random.Random, viewer: int, rows: list[Row]) -> None:
    """VIEWS distinct views at distinct minutes; only the 50 most recent stay in the history Jira keeps."""
    viewed = rng.sample(rows, VIEWS)
    moments = sorted((NOW - timedelta(minutes=rng.randint(1, 60 * 24 * 20), seconds=rng.randint(0, 59))
                      for _ in viewed), reverse=True)
    db.add_all([UserIssueHistory(user_id=viewer, issue_id=row.id, viewed=moment)
                for row, moment in zip(viewed, moments, strict=True)])
    for row, moment in list(zip(viewed, moments, strict=True))[:50]:
        row.viewed = moment


def _issue(db: Any, rng: random.Random, project_id: int, key: str, number: int, users: list[int],
           components: list[Component], versions: list[Version]) -> Row:
    pick = lambda options, empty=0.25: None if rng.random() < empty else rng.choice(options)  # noqa: E731
    row = Row(0, f"{key}-{number}", pick(list(PRIORITIES)), rng.choice(list(STATUSES)), rng.choice(list(TYPES)),
              pick(list(RESOLUTIONS), 0.6), pick(users, 0.3),
              set(rng.sample(LABELS, rng.randint(0, 2))), {c.id for c in rng.sample(components, rng.randint(0, 2))},
              {v.id for v in rng.sample(versions, rng.randint(0, 2))},
              NOW - timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 23)),
              (NOW + timedelta(days=rng.randint(-30, 30))).date() if rng.random() < 0.6 else None,
              " ".join(rng.sample(WORDS, 3)),
              pick(list(DURATIONS), 0.3), pick(list(DURATIONS), 0.4), pick(list(DURATIONS), 0.5))
    issue = Issue(project_id=project_id, number=number, key=row.key, issue_type_id=row.type, status_id=row.status,
                  priority_id=row.priority, resolution_id=row.resolution, summary=row.summary,
                  assignee_id=row.assignee, reporter_id=users[0], creator_id=users[1], created=row.created,
                  updated=row.created,
                  due_date=row.due, original_estimate=row.original, remaining_estimate=row.remaining,
                  time_spent=row.spent)
    row.creator = users[1]
    db.add(issue)
    db.flush()
    row.id = issue.id
    db.add_all([IssueLabel(issue_id=issue.id, label=label) for label in row.labels])
    db.add_all([IssueComponent(issue_id=issue.id, component_id=c) for c in row.components])
    db.add_all([IssueVersion(issue_id=issue.id, version_id=v, kind="fix") for v in row.fix])
    return row


def _history(db: Any, rng: random.Random, row: Row, users: list[int], keys: dict[int, str]) -> None:
    """Some fields changed one to three times between creation and now, ending at the row's value; the
    changelog gets the changes as the API writes them (ids as text, users by key)."""
    domains: dict[str, list[Any]] = {"priority": [*PRIORITIES, None], "status": list(STATUSES),
                                     "resolution": [*RESOLUTIONS, None], "assignee": [*users, None]}
    for name, (attr, _) in HISTORY.items():
        current = getattr(row, attr)
        if rng.random() < 0.5 or NOW - row.created < timedelta(hours=1):
            row.held[name] = [(row.created, None, current, row.creator)]
            continue
        values = [rng.choice(domains[name]) for _ in range(rng.randint(1, 3))] + [current]
        span = (NOW - row.created).total_seconds()
        moments = sorted(row.created + timedelta(seconds=rng.uniform(60, span - 60)) for _ in values[1:])
        authors = [rng.choice(users) for _ in moments]
        starts = [row.created, *moments]
        setters = [row.creator, *authors]
        row.held[name] = [(start, end, value, setter) for start, end, value, setter
                          in zip(starts, [*moments, None], values, setters, strict=True)]
        row.changes[name] = [(when, old, new, author) for when, old, new, author
                             in zip(moments, values[:-1], values[1:], authors, strict=True)]
        stored = (lambda v: keys.get(v)) if name == "assignee" else (lambda v: None if v is None else str(v))
        for when, old, new, author in row.changes[name]:
            group = ChangeGroup(issue_id=row.id, author_id=author, created=when)
            db.add(group)
            db.flush()
            db.add(ChangeItem(group_id=group.id, field=name, old_value=stored(old), new_value=stored(new)))


Predicate = Callable[[Row], bool]


class QueryMaker:
    """Random clauses, each with its JQL text and the evaluator's predicate."""

    def __init__(self, rng: random.Random, world: World) -> None:
        self.rng, self.world = rng, world

    def clause(self, depth: int = 0) -> tuple[str, Predicate]:
        roll = self.rng.random()
        if depth < 2 and roll < 0.3:
            (a, pa), (b, pb) = self.clause(depth + 1), self.clause(depth + 1)
            if self.rng.random() < 0.5:
                return f"({a} AND {b})", lambda r: pa(r) and pb(r)
            return f"({a} OR {b})", lambda r: pa(r) or pb(r)
        if depth < 2 and roll < 0.4:
            text, pred = self.clause(depth + 1)
            return f"NOT {text}", lambda r: not pred(r)
        return self.rng.choice([self.single, self.multi, self.ordering, self.text, self.duration, self.ratio,
                                self.history, self.changed])()

    def single(self) -> tuple[str, Predicate]:
        name, attr, domain = self.rng.choice([
            ("priority", "priority", PRIORITIES), ("status", "status", STATUSES), ("issuetype", "type", TYPES),
            ("resolution", "resolution", RESOLUTIONS), ("assignee", "assignee", self.world.users)])
        return self._set_clause(name, lambda r: {getattr(r, attr)} - {None}, domain,
                                emptiable=name in ("priority", "resolution", "assignee"))

    def multi(self) -> tuple[str, Predicate]:
        name, attr, domain = self.rng.choice([
            ("labels", "labels", {x: x for x in LABELS}), ("component", "components", self.world.components),
            ("fixVersion", "fix", self.world.versions)])
        return self._set_clause(name, lambda r: getattr(r, attr), domain, emptiable=True)

    def _set_clause(self, name: str, values: Callable[[Row], set[Any]], domain: dict[Any, str],
                    emptiable: bool) -> tuple[str, Predicate]:
        ops = ["=", "!=", "in", "not in"] + (["is", "is not"] if emptiable else [])
        op = self.rng.choice(ops)
        if op in ("is", "is not"):
            return f"{name} {op} EMPTY", (lambda r: not values(r)) if op == "is" else (lambda r: bool(values(r)))
        count = min(len(domain), self.rng.randint(1, 2) if op in ("in", "not in") else 1)
        chosen = self.rng.sample(list(domain), count)
        empty = op in ("in", "not in") and emptiable and self.rng.random() < 0.3
        names = [f'"{domain[c]}"' for c in chosen] + (["EMPTY"] if empty else [])
        want = set(chosen)
        if op == "=":
            return f"{name} = {names[0]}", lambda r: bool(values(r) & want)
        if op == "!=":
            return f"{name} != {names[0]}", lambda r: bool(values(r)) and not values(r) & want
        text = f"{name} {op} ({', '.join(names)})"
        if op == "in":
            return text, lambda r: bool(values(r) & want) or (empty and not values(r))
        return text, lambda r: bool(values(r)) and not values(r) & want

    def ordering(self) -> tuple[str, Predicate]:
        op = self.rng.choice(["<", "<=", ">", ">="])
        cmp: dict[str, Callable[[Any, Any], bool]] = {
            "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}
        kind = self.rng.choice(["priority", "created", "due"])
        if kind == "priority":
            level = self.rng.choice(list(PRIORITIES))
            # A higher priority has a lower sequence number.
            return (f"priority {op} {PRIORITIES[level]}",
                    lambda r: r.priority is not None and cmp[op](-r.priority, -level))
        days = self.rng.randint(-40, 20)
        moment = NOW + timedelta(days=days)
        if kind == "created":
            minute = moment.replace(second=0, microsecond=0)  # the query names a minute: its first instant
            return f'created {op} "{minute.strftime("%Y-%m-%d %H:%M")}"', lambda r: cmp[op](r.created, minute)
        return f"due {op} {moment.date().isoformat()}", lambda r: r.due is not None and cmp[op](r.due, moment.date())

    def text(self) -> tuple[str, Predicate]:
        word = self.rng.choice(WORDS)
        term = word[: self.rng.randint(3, len(word))]
        star = "*" if len(term) < len(word) else ""
        negate = self.rng.random() < 0.3
        found: Predicate = lambda r: (" " + r.summary).find(" " + term) >= 0  # noqa: E731
        if negate:
            return f'summary !~ "{term}{star}"', lambda r: not found(r)
        return f'summary ~ "{term}{star}"', found


    def _history_field(self) -> tuple[str, dict[Any, str], bool]:
        name = self.rng.choice(list(HISTORY))
        domain = {"priority": PRIORITIES, "status": STATUSES, "resolution": RESOLUTIONS,
                  "assignee": self.world.users}[name]
        return name, domain, HISTORY[name][1]

    def _moment(self) -> datetime:
        """A minute within the world's histories, which a query names as such."""
        return (NOW - timedelta(days=self.rng.randint(0, 60), hours=self.rng.randint(0, 23))).replace(
            second=0, microsecond=0)

    def _when(self) -> tuple[str, Callable[[datetime, datetime | None], bool]] | None:
        """A time predicate over an interval [start, end) (end None: open), or None."""
        kind = self.rng.choice(["before", "after", "during", "on", None, None])
        if kind is None:
            return None
        first, last = sorted([self._moment(), self._moment()])
        at = f'"{first.strftime("%Y-%m-%d %H:%M")}"'
        if kind == "before":
            return f"BEFORE {at}", lambda start, end: start < first
        if kind == "after":
            return f"AFTER {at}", lambda start, end: end is None or end > first
        if kind == "during":
            text = f'DURING ({at}, "{last.strftime("%Y-%m-%d %H:%M")}")'
            return text, lambda start, end: start <= last and (end is None or end >= first)
        day = first.replace(hour=0, minute=0)
        following = day + timedelta(days=1)
        return f'ON "{day.strftime("%Y-%m-%d")}"', lambda start, end: start < following and (end is None or end >= day)

    def _by(self) -> tuple[str, Callable[[int | None], bool]] | None:
        if self.rng.random() < 0.7:
            return None
        user = self.rng.choice(list(self.world.users))
        return f"BY {self.world.users[user]}", lambda who: who == user

    def history(self) -> tuple[str, Predicate]:
        """WAS, WAS IN, WAS NOT, WAS NOT IN, with time and author predicates over one interval."""
        name, domain, emptiable = self._history_field()
        op = self.rng.choice(["WAS", "WAS NOT", "WAS IN", "WAS NOT IN"])
        chosen: list[Any] = self.rng.sample(list(domain), min(len(domain), 2 if op.endswith("IN") else 1))
        if emptiable and self.rng.random() < 0.25:
            chosen = [None] if not op.endswith("IN") else [*chosen[:1], None]
        names = ["EMPTY" if c is None else f'"{domain[c]}"' for c in chosen]
        text = f"{name} {op} " + (f"({', '.join(names)})" if op.endswith("IN") else names[0])
        when, by = self._when(), self._by()
        text += "".join(f" {part[0]}" for part in (when, by) if part is not None)

        def held(row: Row) -> bool:
            return any(value in chosen and (when is None or when[1](start, end)) and (by is None or by[1](setter))
                       for start, end, value, setter in row.held[name])

        return text, (lambda r: not held(r)) if "NOT" in op else held

    def changed(self) -> tuple[str, Predicate]:
        """CHANGED with FROM, TO, time and author predicates over one change."""
        name, domain, emptiable = self._history_field()
        values = [*domain, None] if emptiable else list(domain)
        start, to = (self.rng.choice(values) if self.rng.random() < 0.4 else ... for _ in range(2))
        shown = lambda v: "EMPTY" if v is None else f'"{domain[v]}"'  # noqa: E731
        when, by = self._when(), self._by()
        parts = [f"FROM {shown(start)}" if start is not ... else "", f"TO {shown(to)}" if to is not ... else "",
                 when[0] if when else "", by[0] if by else ""]
        text = " ".join([f"{name} CHANGED", *[p for p in parts if p]])

        def changed(row: Row) -> bool:
            return any((start is ... or old == start) and (to is ... or new == to)
                       and (when is None or when[1](moment, moment)) and (by is None or by[1](author))
                       for moment, old, new, author in row.changes.get(name, []))

        return text, changed

    def duration(self) -> tuple[str, Predicate]:
        name, attr = self.rng.choice([("originalEstimate", "original"), ("timeoriginalestimate", "original"),
                                      ("remainingEstimate", "remaining"), ("timeestimate", "remaining"),
                                      ("timeSpent", "spent")])
        return self._numeric(name, lambda r: getattr(r, attr), DURATIONS)

    def ratio(self) -> tuple[str, Predicate]:
        return self._numeric("workratio", lambda r: r.work_ratio, {n: str(n) for n in (0, 25, 50, 100, 150, 200)})

    def _numeric(self, name: str, value: Callable[[Row], int | None], domain: dict[int, str]) -> tuple[str, Predicate]:
        """A nullable number: equality never matches empty values except through EMPTY."""
        op = self.rng.choice(["=", "!=", "<", "<=", ">", ">=", "in", "not in", "is", "is not"])
        cmp: dict[str, Callable[[int, int], bool]] = {
            "=": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
            "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}
        if op in ("is", "is not"):
            return f"{name} {op} EMPTY", (lambda r: value(r) is None) if op == "is" else (lambda r: value(r) is not None)
        chosen = self.rng.sample(list(domain), 2 if op in ("in", "not in") else 1)
        if op in ("in", "not in"):
            empty = self.rng.random() < 0.3
            text = f"{name} {op} ({', '.join([domain[c] for c in chosen] + (['EMPTY'] if empty else []))})"
            if op == "in":
                return text, lambda r: value(r) in chosen or (empty and value(r) is None)
            return text, lambda r: value(r) is not None and value(r) not in chosen
        target = chosen[0]
        return f"{name} {op} {domain[target]}", lambda r: value(r) is not None and cmp[op](value(r), target)  # type: ignore[arg-type]


def test_server_agrees_with_the_evaluator(world: World, admin: httpx.Client) -> None:
    maker = QueryMaker(random.Random(SEED + 1), world)
    mismatches = []
    for _ in range(QUERIES):
        text, predicate = maker.clause()
        jql = f"project = {world.key} AND {text}"
        response = admin.post("/rest/api/2/search", json={"jql": jql, "maxResults": 1000, "fields": ["key"]})
        assert response.status_code == 200, (jql, response.text)
        got = {issue["key"] for issue in response.json()["issues"]}
        want = {row.key for row in world.rows if predicate(row)}
        assert response.json()["total"] == len(got)
        if got != want:
            mismatches.append((jql, sorted(got - want)[:3], sorted(want - got)[:3]))
    assert mismatches == []


def test_order_by_key_and_priority(world: World, admin: httpx.Client) -> None:
    body = admin.post("/rest/api/2/search", json={"jql": f"project = {world.key} ORDER BY priority DESC, key ASC",
                                                  "maxResults": 1000, "fields": ["key"]}).json()
    got = [issue["key"] for issue in body["issues"]]
    ranked = sorted(world.rows, key=lambda r: (r.priority is None, r.priority or 0, int(r.key.split("-")[1])))
    assert got == [r.key for r in ranked]


def test_issue_history_and_last_viewed_agree(world: World, base_url: str) -> None:
    rng = random.Random(SEED + 2)
    minutes = [row.viewed for row in world.rows if row.viewed] + [NOW - timedelta(days=d) for d in (1, 5, 30)]
    mismatches = []
    with httpx.Client(base_url=base_url, auth=(world.viewer, "pw-12345"), timeout=30) as viewer:
        for _ in range(60):
            kind = rng.choice(["history", "not history", "empty", "not empty", "<", "<=", ">", ">="])
            moment = rng.choice(minutes).replace(second=0, microsecond=0)  # a query names a minute
            text, predicate = {
                "history": ("issue in issueHistory()", lambda r: r.viewed is not None),
                "not history": ("issue not in issueHistory()", lambda r: r.viewed is None),
                "empty": ("lastViewed is EMPTY", lambda r: r.viewed is None),
                "not empty": ("lastViewed is not EMPTY", lambda r: r.viewed is not None),
            }.get(kind, (f'lastViewed {kind} "{moment.strftime("%Y-%m-%d %H:%M")}"', None))
            if predicate is None:
                ops: dict[str, Callable[[datetime, datetime], bool]] = {
                    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
                    ">=": lambda a, b: a >= b}
                predicate = lambda r, op=ops[kind], m=moment: r.viewed is not None and op(r.viewed, m)  # noqa: E731
            jql = f"project = {world.key} AND {text}"
            response = viewer.post("/rest/api/2/search", json={"jql": jql, "maxResults": 1000, "fields": ["key"]})
            assert response.status_code == 200, (jql, response.text)
            got = {issue["key"] for issue in response.json()["issues"]}
            want = {row.key for row in world.rows if predicate(row)}
            if got != want:
                mismatches.append((jql, sorted(got - want)[:3], sorted(want - got)[:3]))
        body = viewer.post("/rest/api/2/search", json={"jql": f"project = {world.key} AND lastViewed is not EMPTY "
                                                               "ORDER BY lastViewed DESC", "maxResults": 1000,
                                                        "fields": ["key"]}).json()
    assert mismatches == []
    recent = sorted((row for row in world.rows if row.viewed), key=lambda r: r.viewed, reverse=True)  # type: ignore
    assert [issue["key"] for issue in body["issues"]] == [row.key for row in recent]


def test_order_by_time_tracking(world: World, admin: httpx.Client) -> None:
    for jql_field, attr in (("originalEstimate", "original"), ("timeSpent", "spent"), ("workratio", "work_ratio")):
        body = admin.post("/rest/api/2/search", json={"jql": f"project = {world.key} ORDER BY {jql_field} ASC, key ASC",
                                                      "maxResults": 1000, "fields": ["key"]}).json()
        # Empty durations sort last going up; an issue without a work ratio sorts as -1 (first), as in Jira.
        empty_last = attr != "work_ratio"
        def rank(row: Row, attr: str = attr, empty_last: bool = empty_last) -> tuple[bool, int, int]:
            value = getattr(row, attr)
            if value is None:
                return (empty_last, -1, int(row.key.split("-")[1]))
            return (False, value, int(row.key.split("-")[1]))
        ranked = sorted(world.rows, key=rank)
        assert [issue["key"] for issue in body["issues"]] == [r.key for r in ranked], jql_field
