"""The `expand` query parameter: comma-separated names, dot notation for nested parts."""

from __future__ import annotations


class Expand:
    def __init__(self, raw: str | None) -> None:
        self.names = {part.strip() for part in (raw or "").split(",") if part.strip()}

    def __contains__(self, name: str) -> bool:
        return name in self.names or any(n.startswith(name + ".") for n in self.names)

    def nested(self, name: str) -> Expand:
        prefix = name + "."
        return Expand(",".join(n[len(prefix):] for n in self.names if n.startswith(prefix)))
