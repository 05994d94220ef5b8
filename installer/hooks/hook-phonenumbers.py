"""Replaces the contrib hook: phonenumbers' region metadata (loaded by name), without the
geocoder, carrier and time-zone data (40 MB) that the app never uses."""

from PyInstaller.utils.hooks import collect_submodules

import build_installer

_LEFT_OUT = tuple(m for m in build_installer.EXCLUDED_MODULES if m.startswith("phonenumbers."))

hiddenimports = collect_submodules(
    "phonenumbers", filter=lambda name: not name.startswith(_LEFT_OUT)
)
