"""licenseValidator: Jira's check of a licence key, answered for a server that accepts none.

Jira decodes the key and verifies Atlassian's signature with Atlassian's public key. Ticketry has
neither that key nor licences of its own, so it never reports a licence as valid: calling a forged
key valid would be a lie, and accepting anything would tell a setup script that its key works.
Every key therefore gets the answer Jira gives a key it cannot decode, in Jira's words and under
its error key ("license"); Jira gives that same answer for an empty key. Nothing is stored.
"""

from __future__ import annotations

from typing import Any

LICENSE_FIELD = "license"
INVALID_LICENSE = "Invalid license key specified."


def validate_license(license_string: str) -> dict[str, Any]:
    """Jira's LicenseValidationResults: the errors, then the key exactly as it was sent."""
    return {"errors": {LICENSE_FIELD: INVALID_LICENSE}, "licenseString": license_string}
