"""Entity properties of issues."""
