"""Background jobs of issues: the mail of POST /issue/{key}/notify, sent after the request commits."""

from __future__ import annotations

from ticketry.jobs.registry import handler
from ticketry.jobs.worker import JobRun
from ticketry.platform.issues.notify import MAIL_KIND, Mail, send


@handler(MAIL_KIND, max_attempts=5, backoff_seconds=30, lease_seconds=120)
def send_notify_mail(run: JobRun) -> None:
    send(run.settings, Mail(**run.payload))
