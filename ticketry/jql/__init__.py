"""JQL: tokens -> syntax tree (lark) -> validation and SQL (later)."""
