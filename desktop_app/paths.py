"""Where the app finds its shipped files, in a source checkout and in a frozen build."""

import sys
from pathlib import Path

if getattr(sys, "frozen", False):
    _ROOT = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
else:
    _ROOT = Path(__file__).resolve().parent.parent

RESOURCES = _ROOT / "resources"
DB_SCHEMA = _ROOT / "db_schema"
DATA = RESOURCES / "data"
I18N = RESOURCES / "i18n"
