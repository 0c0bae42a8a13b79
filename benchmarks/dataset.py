"""A seeded, deterministic dataset of the benchmark tiers (XS for tests, S, M, L from the guide).

`Dataset(tier, seed)` yields plain records that name other records by their index (user 17,
project 3, component 2 of its project), never by database id; the importer maps them to ids.
The same tier and seed give the same records on every machine (`digest()` proves it).

    python -m benchmarks.dataset --tier S --out /tmp/ticketry-S     # JSON lines, for other importers
    python -m benchmarks.dataset --tier XS --digest
"""

from __future__ import annotations

import argparse
import hashlib
import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

import orjson

from benchmarks import words
from benchmarks.words import _words

SEED = 20261122
START = datetime(2024, 1, 1, tzinfo=UTC)
END = datetime(2026, 11, 1, tzinfo=UTC)  # fixed, so the data does not depend on today
CHUNK = 1000  # issues per random stream; lets a reader skip ahead without replaying the rest


@dataclass(frozen=True)
class Tier:
    name: str
    projects: int
    issues: int
    comments_per_issue: int
    users: int
    groups: int
    components: int
    versions: int
    custom_fields: int
    attachments_per_issue: float
    statuses: int  # statuses beyond Jira's defaults, shared out over the workflows
    workflows: int  # workflows beyond Jira's defaults, each with its own scheme


TIERS = {
    "XS": Tier("XS", 3, 200, 3, 20, 5, 6, 8, 8, 1.0, 4, 1),
    "S": Tier("S", 10, 10_000, 3, 200, 20, 50, 400, 20, 2.0, 8, 2),
    "M": Tier("M", 100, 100_000, 6, 2_000, 100, 500, 4_000, 100, 2.0, 40, 5),
    "L": Tier("L", 500, 1_000_000, 6, 21_000, 1_000, 2_500, 20_000, 800, 2.0, 400, 50),
}

# Project templates and the issue types their schemes offer (Ticketry's defaults, as Jira's).
SCRUM = "com.pyxis.greenhopper.jira:gh-scrum-template"
TEMPLATE_TYPES = {
    SCRUM: (("Story", 45), ("Task", 25), ("Bug", 25), ("Epic", 5)),
    "": (("Bug", 35), ("Task", 25), ("Improvement", 20), ("New Feature", 15), ("Epic", 5)),
}
STATES = (("todo", 40), ("doing", 20), ("done", 40))
RESOLUTIONS = (("Done", 80), ("Won't Do", 8), ("Duplicate", 7), ("Cannot Reproduce", 5))
PRIORITIES = ((1, 3), (2, 12), (3, 60), (4, 20), (5, 5))
CUSTOM_TYPES = ("select", "textfield", "float", "datepicker", "userpicker", "multiselect", "labels", "textarea",
                "radiobuttons", "url")
CUSTOM_VALUES_PER_ISSUE = 3
FIRST = _words("anna ben carla david emma felix grace hugo iris jack kate leo maria nina oscar paula quinn rosa sam "
         "tara umar vera will xena yusuf zoe")
LAST = _words("adams baker clark diaz evans fischer garcia hill ito jones kim lopez meyer novak olsen patel quinn "
        "rossi smith tanaka usman vogel wong young zhang")
STATUS_WORDS = {
    "new": _words("Backlog Triage Selected Waiting Ready Planned Requested"),
    "indeterminate": _words("Review Testing Design Deployment Verification Approval Analysis QA"),
    "done": _words("Released Verified Cancelled Shipped Archived"),
}
MIMES = (("png", "image/png"), ("log", "text/plain"), ("pdf", "application/pdf"), ("zip", "application/zip"))


class Pick:
    """A weighted choice by bisecting cumulative weights: much cheaper than random.choices per call."""

    def __init__(self, pairs: Any) -> None:
        self.values = [v for v, _ in pairs]
        self.cumulative = list(accumulate(w for _, w in pairs))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random) -> Any:
        return self.values[bisect(self.cumulative, rng.random() * self.total)]


def below(rng: random.Random, n: int) -> int:
    """rng.randrange(n) at a third of its cost (the generator's hot path)."""
    return int(rng.random() * n)


def between(rng: random.Random, low: int, high: int) -> int:
    return low + int(rng.random() * (high - low + 1))


def pick(rng: random.Random, seq: Any) -> Any:
    return seq[int(rng.random() * len(seq))]


def few(rng: random.Random, n: int, k: int) -> list[int]:
    """Up to k distinct numbers below n, sorted (draws may repeat: fewer then, which is fine here)."""
    return sorted({int(rng.random() * n) for _ in range(k)}) if n else []


TYPE_PICKS = {template: Pick(pairs) for template, pairs in TEMPLATE_TYPES.items()}
STATE_PICK, RESOLUTION_PICK, PRIORITY_PICK = Pick(STATES), Pick(RESOLUTIONS), Pick(PRIORITIES)


def letters(number: int) -> str:
    """0 -> A, 25 -> Z, 26 -> BA: a project key suffix from letters only."""
    out = ""
    while True:
        out = chr(65 + number % 26) + out
        number //= 26
        if number == 0:
            return out


@dataclass
class Dataset:
    tier: Tier
    seed: int = SEED
    rare: list[str] = field(init=False)
    sentences: list[str] = field(init=False)
    summaries: list[str] = field(init=False)

    def __post_init__(self) -> None:
        # Text comes from pools made once: drawing from them keeps generation fast enough for tier L.
        rng = self._rng("text")
        self.rare = words.rare_words(rng, 400 + self.tier.issues // 50)
        self.sentences = [s for _ in range(2048) for s in words.paragraph_chain(rng, 4, self.rare)]
        self.summaries = [words.summary(rng, self.rare) for _ in range(8192)]

    def _rng(self, *scope: object) -> random.Random:
        return random.Random(f"{self.seed}:{self.tier.name}:" + ":".join(map(str, scope)))

    # --- configuration ------------------------------------------------------------------

    def groups(self) -> list[str]:
        teams = ("developers", "testers", "designers", "support", "operations", "managers", "analysts", "writers")
        return [f"{teams[i % len(teams)]}-{i // len(teams) + 1}" for i in range(self.tier.groups)]

    def users(self) -> list[dict[str, Any]]:
        rng = self._rng("users")
        out = []
        for i in range(self.tier.users):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            name = f"{first}.{last}{i}"
            groups = sorted(rng.sample(range(self.tier.groups), k=min(self.tier.groups, rng.randint(1, 3))))
            out.append({"name": name, "displayName": f"{first.capitalize()} {last.capitalize()}",
                        "email": f"{name}@example.com", "groups": groups})
        return out

    def statuses(self) -> list[dict[str, str]]:
        """Statuses in blocks of one workflow each: a to-do status, work statuses, a done status."""
        per = self._per_workflow()
        out = []
        for i in range(self.tier.statuses):
            position = i % per
            category = "new" if position == 0 else "done" if position == per - 1 else "indeterminate"
            words_ = STATUS_WORDS[category]
            prefix = "In " if category == "indeterminate" else ""
            out.append({"name": f"{prefix}{words_[i % len(words_)]} {i + 1}", "category": category})
        return out

    def _per_workflow(self) -> int:
        return max(3, self.tier.statuses // max(1, self.tier.workflows))

    def workflows(self) -> list[dict[str, Any]]:
        """Workflow documents (Ticketry's YAML/JSON form): a status block each, global transitions."""
        statuses = self.statuses()
        per = self._per_workflow()
        out = []
        for w in range(self.tier.workflows):
            names = [s["name"] for s in statuses[w * per:(w + 1) * per]]
            if len(names) < 3:
                break
            out.append({"name": f"Team workflow {w + 1}", "description": f"Workflow of team {w + 1}.",
                        "statuses": names, "initialStatus": names[0],
                        "transitions": [{"id": 11 + 10 * n, "name": f"Move to {name}", "to": name}
                                        for n, name in enumerate(names)]})
        return out

    def projects(self) -> list[dict[str, Any]]:
        rng = self._rng("projects")
        per_project_components = max(1, self.tier.components // self.tier.projects)
        per_project_versions = max(1, self.tier.versions // self.tier.projects)
        out = []
        for i in range(self.tier.projects):
            noun = words.NOUNS[i % len(words.NOUNS)]
            template = SCRUM if rng.random() < 0.7 else ""
            components = [{"name": f"{c.capitalize()} {n}", "description": rng.choice(self.sentences),
                           "lead": rng.randrange(self.tier.users)}
                          for n, c in enumerate(rng.sample(words.NOUNS, per_project_components))]
            versions = []
            for v in range(per_project_versions):
                release = START + timedelta(days=30 * (v + 1))
                versions.append({"name": f"{1 + v // 10}.{v % 10}.0", "released": release < END - timedelta(days=60),
                                 "releaseDate": release.date().isoformat(), "description": ""})
            out.append({
                "key": (noun[:3].upper() + letters(i))[:10],
                "name": f"{noun.capitalize()} {rng.choice(words.NOUNS)} {i}",
                "description": " ".join(rng.sample(self.sentences, 2)), "lead": rng.randrange(self.tier.users),
                "template": template, "weight": 1.0 / (1 + i) ** 0.8, "components": components, "versions": versions,
                # Every third project works in one of the tier's own workflows.
                "workflow": (i // 3) % self.tier.workflows if self.tier.workflows and i % 3 == 2 else None,
            })
        return out

    def custom_fields(self) -> list[dict[str, Any]]:
        rng = self._rng("custom")
        out = []
        for i in range(self.tier.custom_fields):
            kind = CUSTOM_TYPES[i % len(CUSTOM_TYPES)]
            options = ([f"{rng.choice(words.ADJECTIVES).capitalize()} {n}" for n in range(rng.randint(3, 8))]
                       if kind in ("select", "multiselect", "radiobuttons") else [])
            out.append({"name": f"{rng.choice(words.NOUNS).capitalize()} {rng.choice(words.NOUNS)} {i}",
                        "type": kind, "description": rng.choice(self.sentences), "options": options})
        return out

    # --- issues ---------------------------------------------------------------------------

    def issues(self) -> Iterator[dict[str, Any]]:
        """Issues in creation order, each with its comments, history, attachments and values."""
        projects = self.projects()
        fields = self.custom_fields()
        project_pick = Pick([(i, p["weight"]) for i, p in enumerate(projects)])
        counters = [0] * len(projects)
        for chunk in range(0, self.tier.issues, CHUNK):
            rng = self._rng("issues", chunk)
            for index in range(chunk, min(chunk + CHUNK, self.tier.issues)):
                p = project_pick(rng)
                counters[p] += 1
                yield self._issue(rng, index, p, counters[p], projects[p], fields)

    def _when(self, rng: random.Random, index: int) -> datetime:
        span = (END - START).total_seconds() - 86400 * 30
        return START + timedelta(seconds=span * index / self.tier.issues + rng.random() * 600)

    def _issue(self, rng: random.Random, index: int, p: int, number: int, project: dict[str, Any],
               fields: list[dict[str, Any]]) -> dict[str, Any]:
        users = self.tier.users
        created = self._when(rng, index)
        reporter = below(rng, users)
        state = STATE_PICK(rng)
        moments = sorted(created + timedelta(seconds=between(rng, 60, 86400 * 20)) for _ in range(3))
        issue: dict[str, Any] = {
            "project": p, "number": number,
            "type": TYPE_PICKS[project["template"]](rng),
            "state": state, "priority": PRIORITY_PICK(rng),
            "summary": pick(rng, self.summaries),
            "description": " ".join(rng.choices(self.sentences, k=between(rng, 2, 8))),
            "environment": pick(rng, words.CONTEXTS) if rng.random() < 0.1 else None,
            "reporter": reporter, "assignee": below(rng, users) if rng.random() < 0.8 else None,
            "created": created, "dueDate": (created + timedelta(days=between(rng, 7, 90))).date()
            if rng.random() < 0.2 else None,
            "labels": sorted({words.NOUNS[i] for i in few(rng, len(words.NOUNS), pick(rng, (0, 0, 1, 2)))}),
            "components": few(rng, len(project["components"]), pick(rng, (0, 1, 1, 2))),
            "fixVersions": [below(rng, len(project["versions"]))] if state == "done" and rng.random() < 0.7 else [],
            "versions": [below(rng, len(project["versions"]))] if rng.random() < 0.2 else [],
            "transitions": [],  # (when, author, state): the history from the initial status
            "resolution": None,
        }
        if state in ("doing", "done"):
            issue["transitions"].append((moments[0], issue["assignee"] or reporter, "doing"))
        if state == "done":
            issue["transitions"].append((moments[1], issue["assignee"] or reporter, "done"))
            issue["resolution"] = RESOLUTION_PICK(rng)
        issue["watchers"] = [u for u in few(rng, users, pick(rng, (0, 0, 1, 2))) if u != reporter]
        issue["custom"] = self._custom_values(rng, fields, created) if fields else []
        issue["comments"] = [
            (below(rng, users), " ".join(rng.choices(self.sentences, k=between(rng, 1, 3))),
             created + timedelta(seconds=between(rng, 300, 86400 * 30)))
            for _ in range(between(rng, 0, 2 * self.tier.comments_per_issue))
        ]
        issue["comments"].sort(key=lambda c: c[2])
        issue["attachments"] = self._attachments(rng, created, reporter)
        last = [created, *(t[0] for t in issue["transitions"]), *(c[2] for c in issue["comments"])]
        issue["updated"] = max(last)
        return issue

    def _custom_values(self, rng: random.Random, fields: list[dict[str, Any]],
                       created: datetime) -> list[tuple[int, Any]]:
        values: list[tuple[int, Any]] = []
        for f in few(rng, len(fields), CUSTOM_VALUES_PER_ISSUE):
            kind, options = fields[f]["type"], fields[f]["options"]
            value: Any
            if kind in ("select", "radiobuttons"):
                value = below(rng, len(options))
            elif kind == "multiselect":
                value = few(rng, len(options), between(rng, 1, 2))
            elif kind == "float":
                value = float(between(rng, 1, 100))
            elif kind == "datepicker":
                value = (created + timedelta(days=between(rng, 1, 60))).date()
            elif kind == "userpicker":
                value = below(rng, self.tier.users)
            elif kind == "labels":
                value = sorted({words.ADJECTIVES[i] for i in few(rng, len(words.ADJECTIVES), 2)})
            elif kind == "url":
                value = f"https://example.com/{pick(rng, words.NOUNS)}/{between(rng, 1, 9999)}"
            elif kind == "textarea":
                value = pick(rng, self.sentences)
            else:
                value = pick(rng, self.summaries)
            values.append((f, value))
        return values

    def _attachments(self, rng: random.Random, created: datetime, reporter: int) -> list[tuple[Any, ...]]:
        mean = self.tier.attachments_per_issue
        count = int(mean) + (1 if rng.random() < mean - int(mean) else 0)
        count = between(rng, 0, 2 * count) if count else 0
        out = []
        for _ in range(count):
            ext, mime = pick(rng, MIMES)
            out.append((reporter, f"{pick(rng, words.NOUNS)}-{between(rng, 1, 999)}.{ext}", mime,
                        between(rng, 200, 5_000_000), created + timedelta(seconds=between(rng, 0, 3600)),
                        f"{rng.getrandbits(128):032x}"))
        return out

    # --- whole dataset ----------------------------------------------------------------------

    def records(self) -> Iterator[tuple[str, Any]]:
        yield "groups", self.groups()
        yield "users", self.users()
        yield "statuses", self.statuses()
        yield "workflows", self.workflows()
        yield "projects", self.projects()
        yield "custom_fields", self.custom_fields()
        for issue in self.issues():
            yield "issue", issue

    def digest(self) -> str:
        sha = hashlib.sha256()
        for kind, record in self.records():
            sha.update(kind.encode())
            sha.update(orjson.dumps(record, default=_json_default, option=orjson.OPT_SORT_KEYS))
        return sha.hexdigest()


def _json_default(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value))


def write(dataset: Dataset, out: Path) -> None:
    """One JSON line per record: {"kind": ..., "record": ...}."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "dataset.jsonl").open("wb") as handle:
        for kind, record in dataset.records():
            handle.write(orjson.dumps({"kind": kind, "record": record}, default=_json_default) + b"\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tier", choices=sorted(TIERS), default="S")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, help="write dataset.jsonl here")
    parser.add_argument("--digest", action="store_true", help="print the dataset's SHA-256")
    args = parser.parse_args()
    dataset = Dataset(TIERS[args.tier], args.seed)
    if args.out:
        write(dataset, args.out)
    if args.digest or not args.out:
        print(dataset.digest())


if __name__ == "__main__":
    main()
