"""Errors a person can act on. Anything else is a bug and is shown as "something went wrong"."""


class KnownError(Exception):
    """An error with a message for the user, in Vietnamese and English."""

    def __init__(self, message_vi: str, message_en: str | None = None):
        super().__init__(message_en or message_vi)
        self.message_vi = message_vi
        self.message_en = message_en or message_vi

    def message(self, lang: str = "vi") -> str:
        """The message in ``lang`` ('vi' or 'en')."""
        return self.message_en if lang == "en" else self.message_vi


class ValidationError(KnownError):
    """A field value that cannot be accepted."""

    def __init__(self, field: str, code: str, message_vi: str, message_en: str | None = None):
        super().__init__(message_vi, message_en)
        self.field = field
        self.code = code


class PermissionDenied(KnownError):
    """The acting user's role may not do this."""


class WrongPassword(KnownError):
    """The user name or password (or recovery key) is wrong."""


class LockedOut(KnownError):
    """Too many failed logins; try again later."""

    def __init__(self, message_vi: str, message_en: str | None = None, retry_after: float = 0.0):
        super().__init__(message_vi, message_en)
        self.retry_after = retry_after


class UserDisabled(KnownError):
    """The account was disabled by an admin."""


class DatabaseError(KnownError):
    """The database file is missing, corrupt, read-only, full, or from a newer app."""


class NotFound(KnownError):
    """A record that does not exist (or was deleted)."""
