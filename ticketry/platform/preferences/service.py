"""The current user's preferences (/mypreferences) and locale (/mypreferences/locale).

Preferences are string values by key, kept in User.preferences. Unset system preferences answer
Jira's defaults. Two keys are the user's profile settings, as in Jira: `jira.user.locale` and
`jira.user.timezone` are validated, and setting or removing them changes the user's locale or time
zone (what /myself shows); removing them restores the instance default.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.platform.appsettings.service import get_property_value
from ticketry.platform.users.models import User

LOCALE_KEY = "jira.user.locale"
TIME_ZONE_KEY = "jira.user.timezone"
DEFAULT_TIME_ZONE_PROPERTY = "jira.default.timezone"
DEFAULT_LOCALE = "en_US"
# The languages Jira Server 8 ships with (Jira names British English en_UK).
INSTALLED_LOCALES = (
    "cs_CZ", "da_DK", "de_DE", "en_UK", "en_US", "es_ES", "et_EE", "fi_FI", "fr_FR", "hu_HU", "is_IS",
    "it_IT", "ja_JP", "ko_KR", "nl_NL", "no_NO", "pl_PL", "pt_BR", "pt_PT", "ro_RO", "ru_RU", "sk_SK",
    "sv_SE", "zh_CN", "zh_TW",
)
# System preferences and the values users have until they choose (Jira's documented defaults).
DEFAULTS = {
    "user.notifications.mimetype": "html",
    "user.notify.own.changes": "false",
    "user.default.share.private": "true",
    "user.keyboard.shortcuts.disabled": "false",
}
KEY_LIMIT = 255
VALUE_LIMIT = 255


def get_preference(db: Session, user: User, key: str | None) -> str:
    stored = _stored(db, user)
    key = _key(key)
    value = stored.get(key, DEFAULTS.get(key))
    if not isinstance(value, str):
        raise NotFound(f"The preference '{key}' is not set.")
    return value


def set_preference(db: Session, user: User, key: str | None, value: str | None) -> None:
    key = _key(key)
    if value is None or value == "":
        raise NotFound("The preference value is missing: send it as the request body.")
    if len(value) > VALUE_LIMIT or "\x00" in value:
        raise NotFound(f"The preference value is not valid: at most {VALUE_LIMIT} characters, without NUL.")
    if key == LOCALE_KEY:
        value = _installed_locale(value, NotFound)
    elif key == TIME_ZONE_KEY:
        value = _time_zone(value)
    _store(db, _locked(db, user), key, value)
    db.flush()


def remove_preference(db: Session, user: User, key: str | None) -> None:
    """Removes a stored preference; one that is not stored is 404, as in Jira."""
    key = _key(key)
    stored = _locked(db, user)
    if key not in _preferences(stored):
        raise NotFound(f"The property with key '{key}' does not exist.")
    _store(db, stored, key, None)
    db.flush()


def locale_of(db: Session, user: User | None) -> str:
    """The user's locale; anonymous callers get the instance's."""
    if user is None:
        return DEFAULT_LOCALE
    stored = db.get(User, user.id)
    return stored.locale if stored is not None else DEFAULT_LOCALE


def set_locale(db: Session, user: User, raw: object) -> str:
    """PUT /mypreferences/locale with {"locale": "de_DE"}."""
    locale = raw.get("locale") if isinstance(raw, dict) else None
    if not isinstance(locale, str) or not locale.strip():
        raise BadRequest(errors={"locale": "The locale is required: send {\"locale\": \"en_US\"}."})
    locale = _installed_locale(locale, BadRequest)
    _store(db, _locked(db, user), LOCALE_KEY, locale)
    db.flush()
    return locale


def delete_locale(db: Session, user: User) -> None:
    """Back to the instance's locale; nothing to delete is fine too."""
    _store(db, _locked(db, user), LOCALE_KEY, None)
    db.flush()


def _installed_locale(raw: str, error: type[BadRequest] | type[NotFound]) -> str:
    """The installed locale named by raw (de_DE, de-DE and de_de all name German)."""
    wanted = raw.strip().replace("-", "_").lower()
    for locale in INSTALLED_LOCALES:
        if locale.lower() == wanted:
            return locale
    message = f"The locale '{raw}' is not installed. Installed locales: {', '.join(INSTALLED_LOCALES)}."
    if error is BadRequest:
        raise BadRequest(errors={"locale": message})
    raise NotFound(message)


def _time_zone(raw: str) -> str:
    zone = raw.strip()
    try:
        ZoneInfo(zone)
    except (ValueError, KeyError, OSError):
        raise NotFound(f"'{raw}' is not a valid time zone.") from None
    return zone


def _key(key: str | None) -> str:
    if key is None or not key.strip():
        raise NotFound("The preference key is missing: give it as the key parameter.")
    if len(key) > KEY_LIMIT or "\x00" in key:
        raise NotFound(f"The preference key is not valid: at most {KEY_LIMIT} characters, without NUL.")
    return key


def _stored(db: Session, user: User) -> dict[str, object]:
    # Read from this request's session: the caller's object may come from the authenticator's cache.
    stored = db.get(User, user.id)
    return _preferences(stored) if stored is not None else {}


def _preferences(stored: User) -> dict[str, object]:
    return dict(stored.preferences) if isinstance(stored.preferences, dict) else {}


def _locked(db: Session, user: User) -> User:
    """The caller's row, locked until commit so concurrent preference writes do not lose each other."""
    stored = db.get(User, user.id, with_for_update=True)
    if stored is None:
        raise NotFound("The user does not exist.")
    return stored


def _store(db: Session, stored: User, key: str, value: str | None) -> None:
    """Sets or (None) removes a preference; the profile keys also set the user's locale or time zone."""
    preferences = _preferences(stored)
    if value is None:
        preferences.pop(key, None)
    else:
        preferences[key] = value
    stored.preferences = preferences
    if key == LOCALE_KEY:
        stored.locale = value or DEFAULT_LOCALE
    elif key == TIME_ZONE_KEY:
        stored.time_zone = value or get_property_value(db, DEFAULT_TIME_ZONE_PROPERTY)

