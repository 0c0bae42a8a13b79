"""ASGI entry point for multi-worker servers: settings come from TICKETRY_* variables."""

from ticketry.app import create_app

app = create_app(prepare=False)
