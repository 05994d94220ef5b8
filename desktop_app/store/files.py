"""The files of a data folder (light: the login window needs these before the store's code has
loaded; issue 17)."""

from __future__ import annotations

from pathlib import Path

DB_NAME = "tantay.db"
KEYS_NAME = "tantay.keys"


def database_path(data_dir: Path) -> Path:
    """Where the database lives inside a data folder."""
    return Path(data_dir) / DB_NAME


def store_exists(data_dir: Path) -> bool:
    """True when ``data_dir`` holds a Tận Tay database."""
    return database_path(data_dir).exists() and (Path(data_dir) / KEYS_NAME).exists()
