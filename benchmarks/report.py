"""Results files against the guide's targets, as a Markdown table (for docs/benchmarks.md).

    python -m benchmarks.report results-S-sqlite.json results-S-postgres.json
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

Row = tuple[str, str, Callable[[dict[str, Any]], float | None], Callable[[float], bool], str]


def _actions(r: dict[str, Any]) -> dict[str, dict[str, float]]:
    return dict(r.get("mix", {}).get("actions", {}))


def _worst(r: dict[str, Any], key: str) -> float | None:
    values = [a[key] for a in _actions(r).values() if a["count"]]
    return max(values) * 1000 if values else None


def _overall_apdex(r: dict[str, Any]) -> float | None:
    actions = _actions(r).values()
    total = sum(a["count"] + a["failures"] for a in actions)
    return sum(a["apdex_1s"] * (a["count"] + a["failures"]) for a in actions) / total if total else None


def _success(r: dict[str, Any]) -> float | None:
    actions = _actions(r).values()
    total = sum(a["count"] + a["failures"] for a in actions)
    return 100 * sum(a["count"] for a in actions) / total if total else None


def _jql(r: dict[str, Any], kind: str) -> float | None:
    values = [q["p95"] for q in r.get("jql", []) if q["kind"] == kind and not q.get("error")]
    return max(values) * 1000 if values else None


def _cpu_ratio(r: dict[str, Any]) -> float | None:
    """The reference's server CPU per GET divided by ours (older results: computed from their reports)."""
    view = r.get("view_issue")
    if not view:
        return None

    def per_request(report: dict[str, Any]) -> float:
        rate = report["actions_per_second"]
        return report["server"].get("cpu_cores", 0.0) / rate if rate else 0.0

    ours, bare = per_request(view["ticketry"]), per_request(view["reference"])
    return 100 * bare / ours if ours and bare else None


def _capacity(r: dict[str, Any]) -> float | None:
    best = (r.get("capacity") or {}).get("best")
    return best["actions_per_second"] if best else (0.0 if r.get("capacity") else None)


def _reindex_1m(r: dict[str, Any]) -> float | None:
    seconds = (r.get("reindex") or {}).get("seconds")
    issues = r.get("import", {}).get("issues")
    created = (r.get("creates") or {}).get("created", 0) + (r.get("bulk") or {}).get("created", 0)
    return seconds * 1_000_000 / (issues + created) if seconds and issues else None


ROWS: list[Row] = [
    ("every action p95", "<= 100 ms", lambda r: _worst(r, "p95"), lambda v: v <= 100, "{:.0f} ms"),
    ("every action p50", "<= 20 ms", lambda r: _worst(r, "p50"), lambda v: v <= 20, "{:.0f} ms"),
    ("Apdex (1 s), all actions", ">= 0.99", _overall_apdex, lambda v: v >= 0.99, "{:.3f}"),
    ("success", ">= 99.9 %", _success, lambda v: v >= 99.9, "{:.2f} %"),
    ("capacity (p95 <= 500 ms, errors <= 1 %)", ">= 500 actions/s", _capacity, lambda v: v >= 500, "{:.1f}/s"),
    ("GET issue vs bare reference", ">= 30 %", lambda r: 100 * r["view_issue"]["ratio"] if "view_issue" in r
     else None, lambda v: v >= 30, "{:.1f} %"),
    ("GET issue, reference's server CPU per request / ours", ">= 30 %", _cpu_ratio, lambda v: v >= 30,
     "{:.1f} %"),
    ("JQL structured, worst p95", "<= 10 ms", lambda r: _jql(r, "structured"), lambda v: v <= 10, "{:.0f} ms"),
    ("JQL selective text, worst p95", "<= 50 ms", lambda r: _jql(r, "text-selective"), lambda v: v <= 50,
     "{:.0f} ms"),
    ("JQL worst-case prefix, p95", "<= 300 ms", lambda r: _jql(r, "text-prefix"), lambda v: v <= 300, "{:.0f} ms"),
    ("creates (POST /issue, 8 clients)", ">= 500/s", lambda r: (r.get("creates") or {}).get("per_second"),
     lambda v: v >= 500, "{:.1f}/s"),
    ("bulk REST import (issue/bulk, 50)", ">= 5000/s", lambda r: (r.get("bulk") or {}).get("per_second"),
     lambda v: v >= 5000, "{:.0f}/s"),
    ("offline import", ">= 25000/s", lambda r: r.get("import", {}).get("issues_per_second"),
     lambda v: v >= 25000, "{:,.0f}/s"),
    ("full reindex, scaled to 1M issues", "<= 120 s", _reindex_1m, lambda v: v <= 120, "{:,.0f} s"),
]


def table(results: list[dict[str, Any]]) -> str:
    heads = [f"{r['tier']} {r['db']}{' ' + str(r['workers']) + ' workers' if r.get('workers', 1) > 1 else ''} "
             f"({r['date'][:16].replace('T', ' ')}, load {r.get('load_average_before', ['?'])[0]})" for r in results]
    lines = ["| target | goal | " + " | ".join(heads) + " |", "|---|---|" + "---|" * len(results)]
    for name, goal, value, ok, fmt in ROWS:
        cells = []
        for r in results:
            v = value(r)
            cells.append("n/a" if v is None else fmt.format(v) + (" ✓" if ok(v) else " ✗"))
        lines.append(f"| {name} | {goal} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def jql_table(results: list[dict[str, Any]]) -> str:
    """The fixed queries alone: p50 / p95 in ms and the exact total, per run (tiers use their own names)."""
    heads = [f"{r['tier']} {r['db']}" for r in results]
    lines = ["| kind | query (first run's names) | " + " | ".join(heads) + " |", "|---|---|" + "---|" * len(results)]
    first = results[0].get("jql") or []
    for n, query in enumerate(first):
        cells = []
        for r in results:
            q = (r.get("jql") or [])[n:n + 1]
            cells.append(f"{1000 * q[0]['p50']:.0f} / {1000 * q[0]['p95']:.0f} ({q[0]['total']})" if q and
                         q[0].get("p50") is not None else "n/a")
        lines.append(f"| {query['kind']} | `{query['jql']}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", type=Path, nargs="+")
    args = parser.parse_args()
    results = [orjson.loads(p.read_bytes()) for p in args.results]
    print(table(results))
    print()
    print(jql_table(results))


if __name__ == "__main__":
    main()
