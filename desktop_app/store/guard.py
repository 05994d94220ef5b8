"""The decorator every public store operation wears.

It calls ``thread_guard`` first (the GUI sets it so that a store call on the GUI thread fails
loudly instead of freezing the window) and turns SQLite errors into messages a person can act on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import wraps

import sqlcipher3

from desktop_app.store.permissions import check_operation

SQL_ERRORS = (sqlcipher3.Error, sqlite3.Error)

# Set by the GUI: called at the start of every store operation; raises when on the GUI thread.
thread_guard: Callable[[], None] | None = None


def op(method):
    """Mark a public store operation (methods of objects with ``path`` and ``user``).

    The acting user's permission for the operation (``permissions.METHOD_POLICY``) is checked
    before it runs, so no operation can forget its check."""
    name = method.__name__

    @wraps(method)
    def wrapper(self, *args, **kwargs):
        if thread_guard is not None:
            thread_guard()
        check_operation(self, name)
        try:
            return method(self, *args, **kwargs)
        except SQL_ERRORS as exc:
            from desktop_app.store import db as dbmod  # loaded with the store (not by the GUI)

            raise dbmod.friendly_db_error(exc, self.path) from exc

    return wrapper
