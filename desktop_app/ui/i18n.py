"""Translations: English source strings in the code, Vietnamese (default) and English .ts files.

The ``.ts`` sources live in ``resources/i18n/``. The ``.qm`` files are built from them with
``pyside6-lrelease`` by ``python -m desktop_app.ui.i18n build`` (run by the install and build
steps) and, if missing or older than their source, when the app starts.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs

from desktop_app.paths import I18N
from desktop_app.ui.qt import PYSIDE_DIR, QCoreApplication, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGES = ("vi", "en")
# The app's own strings ("tantay") and the project's Vietnamese for Qt's own strings ("qtbase":
# file dialog, standard buttons, text-field menu, date picker; Qt ships no Vietnamese), loaded
# together. A catalogue without a .ts for a language is skipped (there is no qtbase_en.ts).
CATALOGUES = ("tantay", "qtbase")
_installed: list[QTranslator] = []


def ts_path(lang: str, catalogue: str = "tantay") -> Path:
    """The translation source of ``lang``."""
    return I18N / f"{catalogue}_{lang}.ts"


def _lrelease(
    executable: str | None = None, pyside_dir: Path = PYSIDE_DIR, platform: str | None = None
) -> list[str] | None:
    """The lrelease program: on PATH, beside this Python (or in its Scripts folder), or the
    one in the PySide6 wheel; with ``.exe`` on Windows, where Scripts is often not on PATH."""
    exe = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if exe:
        return [exe]
    suffixes = ("", ".exe") if (platform or sys.platform) == "win32" else ("",)
    here = Path(executable or sys.executable).parent
    for folder, name in (
        (here, "pyside6-lrelease"),
        (here / "Scripts", "pyside6-lrelease"),
        (pyside_dir, "lrelease"),
    ):
        for suffix in suffixes:
            candidate = folder / (name + suffix)
            if candidate.is_file():
                return [str(candidate)]
    return None


def _qm_target(lang: str, catalogue: str = "tantay") -> Path:
    target = I18N / f"{catalogue}_{lang}.qm"
    try:
        if target.exists() or _writable(I18N):
            return target
    except OSError:
        pass
    cache = Path(platformdirs.user_cache_dir("TanTay", appauthor=False)) / "i18n"
    cache.mkdir(parents=True, exist_ok=True)
    return cache / f"{catalogue}_{lang}.qm"


def _writable(folder: Path) -> bool:
    probe = folder / ".write-test"
    try:
        probe.write_text("")
        probe.unlink()
        return True
    except OSError:
        return False


def build(lang: str, catalogue: str = "tantay") -> Path | None:
    """Compile ``lang``'s .ts to .qm when the .qm is missing or older; returns the .qm path."""
    source = ts_path(lang, catalogue)
    target = _qm_target(lang, catalogue)
    if target.exists() and (
        not source.exists() or target.stat().st_mtime >= source.stat().st_mtime
    ):
        return target
    if not source.exists():
        return None
    tool = _lrelease()
    if tool is None:
        log.warning("lrelease not found; translations for %s not built", lang)
        return target if target.exists() else None
    result = subprocess.run(
        [*tool, "-silent", str(source), "-qm", str(target)], capture_output=True, text=True
    )
    if result.returncode != 0 or not target.exists():
        log.warning("lrelease failed for %s: %s", lang, result.stderr.strip())
        return None
    return target


def install(lang: str) -> bool:
    """Load ``lang`` into the running application (replacing the previous translation)."""
    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Vietnamese if lang == "vi" else QLocale.Language.English,
            QLocale.Country.Vietnam if lang == "vi" else QLocale.Country.UnitedKingdom,
        )
    )
    qm = build(lang)
    if qm is None:
        return lang == "en"
    translator = QTranslator(app)
    if not translator.load(str(qm)):
        log.warning("could not load %s", qm)
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    for catalogue in CATALOGUES[1:]:
        if not ts_path(lang, catalogue).exists():
            continue
        extra = build(lang, catalogue)
        qt_translator = QTranslator(app)
        if extra is not None and qt_translator.load(str(extra)):
            app.installTranslator(qt_translator)
            _installed.append(qt_translator)
        else:
            log.warning("could not load Qt's strings for %s", lang)
    return True


def main(argv: list[str] | None = None) -> int:
    """``python -m desktop_app.ui.i18n build``: compile every .ts."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] != ["build"]:
        print("usage: python -m desktop_app.ui.i18n build")
        return 2
    ok = True
    for lang in LANGUAGES:
        for catalogue in CATALOGUES:
            if catalogue != "tantay" and not ts_path(lang, catalogue).exists():
                continue
            path = build(lang, catalogue)
            print(f"{lang}: {path}")
            ok = ok and path is not None
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
