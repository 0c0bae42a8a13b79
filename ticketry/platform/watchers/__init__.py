"""Watchers and votes of issues."""
