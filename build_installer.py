#!/usr/bin/env python3
"""Build the frozen Tận Tay app (PyInstaller, one folder), package it, and check it starts.

    python build_installer.py build     translations, then PyInstaller -> dist/TanTay/
    python build_installer.py smoke     run the frozen app headless; fail on anything unexpected
    python build_installer.py package   Linux .tar.gz; Windows Inno Setup script (+ setup.exe);
                                        macOS zipped .app

PyInstaller is the ``build`` extra of pyproject.toml; ``build`` installs it when it is missing.
What goes into the bundle (data files, hidden imports, Qt plugins) and the text of the generated
files are decided by the pure functions below, which tests/test_installer.py checks, as Anki
tests its ``qt/tools/build_installer.py``. ``installer/tantay.spec`` and the Qt hooks in
``installer/hooks/`` call them.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent
APP_NAME = "TanTay"  # folder names; also the platformdirs data folder the app uses
DISPLAY_NAME = "Tận Tay"
EXE_NAME = "tantay"  # the GUI program (windowed on Windows and macOS)
CLI_EXE_NAME = "tantay-cli"  # Windows only: a console program for --smoke-test and admin commands
PUBLISHER = "Tận Tay"
# Inno Setup's AppId: fixed for ever, so that a new version upgrades the installed one.
INNO_APP_ID = "{{6E1C2F0A-5B7D-4C8E-9A3F-2D4B6C8E0F17}"
MACOS_BUNDLE_ID = "vn.tantay.desktop"
SPEC = ROOT / "installer" / "tantay.spec"
BUILD_INFO = ROOT / "desktop_app" / "_build_info.py"
BUILD_RECORD = "build-info.json"  # written next to the app folder in the dist folder
DEFAULT_DIST = ROOT / "dist"
DEFAULT_WORK = ROOT / "build" / "pyinstaller"
SMOKE_TIMEOUT_S = 180

# Imported only at run time (importlib, cffi, lazily loaded data), so PyInstaller's import
# analysis may not see them. The app's own modules are added by ``hidden_imports``.
THIRD_PARTY_HIDDEN_IMPORTS = (
    "sqlcipher3",
    "sqlcipher3.dbapi2",
    "argon2",
    "argon2.low_level",
    "_argon2_cffi_bindings",
    "_cffi_backend",
    "cryptography",
    "cryptography.hazmat.bindings._rust",
    "cryptography.hazmat.primitives.ciphers.aead",
    "phonenumbers",
    "phonenumbers.data",  # region metadata, loaded by __import__ (the contrib hook adds them all)
    "phonenumbers.shortdata",
    "openpyxl",
    "openpyxl.cell._writer",
    "fpdf",
    "platformdirs",
    "xlrd",
    "httpx",
    "sqlite_utils",
)

# Left out to keep the bundle small: big Qt modules the app does not use, phonenumbers' geocoder,
# carrier and time-zone data (40 MB; the app only validates and formats), test and server code.
EXCLUDED_MODULES = (
    *(
        f"PySide6.{m}"
        for m in (
            "Qt3DAnimation",
            "Qt3DCore",
            "Qt3DExtras",
            "Qt3DInput",
            "Qt3DLogic",
            "Qt3DRender",
            "QtCharts",
            "QtDataVisualization",
            "QtDBus",
            "QtDesigner",
            "QtGraphs",
            "QtHelp",
            "QtMultimedia",
            "QtMultimediaWidgets",
            "QtNetwork",
            "QtOpenGL",
            "QtOpenGLWidgets",
            "QtPdf",
            "QtPdfWidgets",
            "QtQml",
            "QtQuick",
            "QtQuick3D",
            "QtQuickControls2",
            "QtQuickWidgets",
            "QtSpatialAudio",
            "QtSql",
            "QtSvg",
            "QtSvgWidgets",
            "QtTest",
            "QtUiTools",
            "QtWebChannel",
            "QtWebEngineCore",
            "QtWebEngineQuick",
            "QtWebEngineWidgets",
            "QtWebSockets",
        )
    ),
    "phonenumbers.geocoder",
    "phonenumbers.geodata",
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
    "tkinter",
    "_tkinter",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    "numpy",
    "PIL.ImageTk",
    "PIL._imagingtk",
    "PIL.ImageQt",
    "PIL._avif",  # AVIF images (5 MB of libavif); fpdf only needs PNG and JPEG
    "PIL.AvifImagePlugin",
    "IPython",
    "pytest",
    "hypothesis",
    "city_server",
    "fastapi",
    "uvicorn",
    "starlette",
)

# Qt plugins to ship, by plugin folder; None = every plugin in it. Anything else is left out
# (before PyInstaller follows their library dependencies: the GTK theme alone pulls in GTK).
QT_PLUGINS: dict[str, dict[str, set[str] | None]] = {
    "linux": {
        "platforms": {"qxcb", "qoffscreen"},
        "xcbglintegrations": None,
        "platforminputcontexts": None,  # ibus/fcitx: how people type Vietnamese on Linux
        "imageformats": {"qico"},
    },
    "windows": {
        "platforms": {"qwindows", "qoffscreen"},
        "styles": None,  # the native Windows 11 look
        "imageformats": {"qico"},
    },
    "macos": {
        "platforms": {"qcocoa", "qoffscreen"},
        "platforms/darwin": None,
        "styles": None,
        "imageformats": {"qico", "qicns"},
    },
}
QT_TRANSLATIONS = ("vi", "en")
# Debian/Ubuntu packages of the X11 libraries Qt's xcb plugin loads from the system.
XCB_PACKAGES = (
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxkbcommon-x11-0",
)  # Qt's own translations (standard buttons) worth keeping

# What the frozen --smoke-test may print on stderr without failing: notes from Qt and the
# offscreen platform that say nothing about the app. Everything else fails the smoke test.
HARMLESS_STDERR = (
    re.compile(r"^This plugin does not support "),  # offscreen: propagateSizeHints etc.
    re.compile(r"^QStandardPaths: (XDG_RUNTIME_DIR|runtime directory) "),
    re.compile(r"^qt\.qpa\.fonts: "),  # font fallback notes on machines with few fonts
)

# The first bytes of every compiled Qt translation (.qm) file.
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")


class BuildError(Exception):
    """A problem the person running the build can fix; printed without a traceback."""


# --- facts about the source tree --------------------------------------------------------------


def platform_key(sys_platform: str | None = None) -> str:
    """``linux``, ``windows`` or ``macos``."""
    name = sys_platform or sys.platform
    if name.startswith("win"):
        return "windows"
    if name == "darwin":
        return "macos"
    return "linux"


def read_version(root: Path = ROOT) -> str:
    """``__version__`` of desktop_app, read without importing the app."""
    tree = ast.parse((root / "desktop_app" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise BuildError("desktop_app/__init__.py has no __version__")


COMMIT_PATTERN = re.compile(r"[0-9a-f]{40}(-dirty)?")


def source_commit(root: Path = ROOT, environ: Mapping[str, str] | None = None) -> str:
    """The commit being built, ``-dirty`` when tracked files differ from it; else ``unknown``.

    ``TANTAY_BUILD_COMMIT`` (40 hex digits, ``-dirty`` allowed) wins: a build where git is not
    reachable (the Windows build under Wine) gets the commit from the side that has the checkout.
    """
    given = (os.environ if environ is None else environ).get("TANTAY_BUILD_COMMIT", "").strip()
    if given:
        if not COMMIT_PATTERN.fullmatch(given):
            raise BuildError(f"TANTAY_BUILD_COMMIT is not a full commit hash: {given!r}")
        return given
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    if not re.fullmatch(r"[0-9a-f]{40}", head):
        return "unknown"
    return f"{head}-dirty" if status else head


def _ignored(path: Path) -> bool:
    return any(
        part.startswith(".") or part == "__pycache__" or part.endswith(("~", ".pyc"))
        for part in path.parts
    )


def data_files(root: Path = ROOT) -> list[tuple[Path, str]]:
    """(source file, folder in the bundle) for every shipped file: all of resources/ (data,
    fonts, icons, translations .ts and .qm) and the desktop migrations db_schema/*.sql.

    Raises BuildError when a translation has no compiled .qm beside it.
    """
    found: list[tuple[Path, str]] = []
    resources = root / "resources"
    for path in sorted(resources.rglob("*")):
        if path.is_file() and not _ignored(path.relative_to(root)):
            found.append((path, path.parent.relative_to(root).as_posix()))
    for path in sorted((root / "db_schema").glob("*.sql")):
        found.append((path, "db_schema"))
    missing = [
        ts.name
        for ts in sorted((resources / "i18n").glob("*.ts"))
        if not ts.with_suffix(".qm").is_file()
    ]
    if missing:
        raise BuildError(
            f"no .qm for {', '.join(missing)}: run python -m desktop_app.ui.i18n build first"
        )
    return found


def app_modules(root: Path = ROOT) -> list[str]:
    """Every module of desktop_app (pages are imported by name, so analysis cannot see them)."""
    modules = []
    for path in sorted((root / "desktop_app").rglob("*.py")):
        rel = path.relative_to(root).with_suffix("")
        if _ignored(rel):
            continue
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        modules.append(".".join(parts))
    return modules


def hidden_imports(root: Path = ROOT) -> list[str]:
    """Modules PyInstaller must include although no static import names them."""
    return [*app_modules(root), *THIRD_PARTY_HIDDEN_IMPORTS]


# --- Qt plugins ---------------------------------------------------------------------------------


def _plugin_name(filename: str) -> str:
    stem = filename.split(".")[0]  # libqxcb.so, qwindows.dll, libqcocoa.dylib
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_binary(dest_dir: str, filename: str, platform: str) -> bool:
    """Whether a binary the PySide6 hooks collect into ``dest_dir`` belongs in the bundle."""
    dest = dest_dir.replace("\\", "/")
    marker = "/plugins/"
    if marker not in f"/{dest}/":
        return True
    plugin_type = f"/{dest}/".split(marker, 1)[1].strip("/")
    allowed = QT_PLUGINS[platform]
    if plugin_type not in allowed:
        return False
    names = allowed[plugin_type]
    return names is None or _plugin_name(filename) in names


def keep_qt_data(dest_dir: str, filename: str) -> bool:
    """Whether a data file of the PySide6 hooks belongs in the bundle (Qt's own translations
    only for the app's languages)."""
    if "translations" not in dest_dir.replace("\\", "/").split("/"):
        return True
    m = re.fullmatch(r"qt(?:base)?_([a-z]{2})(?:_[A-Za-z]+)?\.qm", filename)
    return bool(m) and m.group(1) in QT_TRANSLATIONS


def filter_qt_hook(
    binaries: Iterable[tuple[str, str]], datas: Iterable[tuple[str, str]], platform: str
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A PySide6 hook's (source, dest folder) lists, less the plugins and data we do not ship."""
    kept_binaries = [(s, d) for s, d in binaries if keep_qt_binary(d, Path(s).name, platform)]
    kept_datas = [(s, d) for s, d in datas if keep_qt_data(d, Path(s).name)]
    return kept_binaries, kept_datas


# --- generated text -----------------------------------------------------------------------------


def build_info_text(commit: str, built_at: dt.datetime) -> str:
    """The source of desktop_app/_build_info.py."""
    stamp = built_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '"""Written by build_installer.py for a frozen build; not in git."""\n'
        "\n"
        f"BUILD_COMMIT = {commit!r}\n"
        f"BUILD_TIME = {stamp!r}\n"
    )


def short_commit(commit: str) -> str:
    """The commit as --version shows it: 12 hex digits, and ``-dirty`` if so."""
    return commit[:12] + ("-dirty" if commit.endswith("-dirty") else "")


def version_line(version: str, commit: str, built_at: str) -> str:
    """What the frozen ``--version`` prints (desktop_app.version_text; short enough that
    argparse does not wrap it)."""
    return f"{DISPLAY_NAME} {version} (commit {short_commit(commit)}, built {built_at})"


def desktop_entry(exec_path: str, icon: str = EXE_NAME) -> str:
    """The freedesktop .desktop file that puts the app in a Linux menu."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={DISPLAY_NAME}\n"
        "GenericName=Household visits and benefit payments\n"
        "GenericName[vi]=Thăm hộ và chi trả trợ cấp\n"
        "Comment=Record visits and whether people can get their benefit money\n"
        "Comment[vi]=Ghi thăm hộ và khả năng nhận tiền trợ cấp không dùng tiền mặt\n"
        f'Exec="{exec_path}"\n'
        f"Icon={icon}\n"
        "Terminal=false\n"
        "Categories=Office;\n"
        "Keywords=visit;benefit;payment;thăm;trợ cấp;\n"
        f"StartupWMClass={EXE_NAME}\n"
    )


def install_text_linux(version: str, archive_name: str) -> str:
    """INSTALL.txt of the Linux archive."""
    return f"""\
{DISPLAY_NAME} {version} — Linux

Cài đặt (cho mọi người dùng trên máy) / Install (for every user of the machine):

    sudo tar -C /opt -xzf {archive_name}
    sudo cp /opt/{APP_NAME}/{EXE_NAME}.desktop /usr/share/applications/
    sudo cp /opt/{APP_NAME}/{EXE_NAME}.png /usr/share/icons/hicolor/256x256/apps/

Then open "{DISPLAY_NAME}" from the applications menu, or run /opt/{APP_NAME}/{EXE_NAME}.
Elsewhere than /opt: change the Exec= line of {EXE_NAME}.desktop to the new path.

Dữ liệu / Data: ~/.local/share/{APP_NAME} (never inside /opt/{APP_NAME}). Removing the program
(sudo rm -r /opt/{APP_NAME} and the two copied files) keeps the data.

Check that it starts: /opt/{APP_NAME}/{EXE_NAME} --smoke-test (prints nothing, exit code 0).
Needs a desktop with X11 or XWayland (Ubuntu 22.04+, Debian 12+). If it says it "could not
load the Qt platform plugin xcb", install the X11 libraries Qt uses:

    sudo apt install {" ".join(XCB_PACKAGES)}
"""


def _iss_quote(value: str) -> str:
    return value.replace('"', '""')


def inno_setup_script(version: str, commit: str, app_dir: Path, output_dir: Path) -> str:
    """The Inno Setup 6 script of the Windows installer: per user (no administrator needed),
    Start menu shortcut, Vietnamese and English, uninstall keeps the data folder."""
    short = short_commit(commit)
    return f"""\
; Tận Tay — Windows installer. Generated by build_installer.py package; edit that, not this.
; Build on Windows: python build_installer.py build && python build_installer.py package
; (runs ISCC.exe from Inno Setup 6 when it is installed; or open this file in Inno Setup).

#define AppName "{DISPLAY_NAME}"
#define AppVersion "{version}"
#define AppDir "{_iss_quote(str(app_dir))}"

[Setup]
AppId={INNO_APP_ID}
AppName={{#AppName}}
AppVersion={{#AppVersion}}
AppVerName={{#AppName}} {{#AppVersion}}
AppPublisher={PUBLISHER}
AppComments=commit {short}
VersionInfoVersion={version}
; Per-user install into %LOCALAPPDATA%\\Programs\\{APP_NAME}: no administrator password needed.
; The first page (or /ALLUSERS, /CURRENTUSER) offers an install for all users into Program Files.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
DefaultDirName={{autopf}}\\{APP_NAME}
DefaultGroupName={{#AppName}}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
OutputDir={_iss_quote(str(output_dir))}
OutputBaseFilename={APP_NAME}-{version}-windows-setup
SetupIconFile={{#AppDir}}\\{EXE_NAME}.ico
UninstallDisplayIcon={{app}}\\{EXE_NAME}.exe
UninstallDisplayName={{#AppName}}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ShowLanguageDialog=auto
CloseApplications=yes

[Languages]
; Vietnamese first: the default when Windows is not set to English. Vietnamese.isl (beside this
; file) translates the main screens; anything it lacks falls back to English (Default.isl).
Name: "vietnamese"; MessagesFile: "compiler:Default.isl,Vietnamese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Messages]
; Vietnamese.isl says the data is kept; say it in English too.
english.ConfirmUninstall=Are you sure you want to remove %1? Your data in %%LOCALAPPDATA%%\\{APP_NAME} (database, backups, logs) is kept.
english.UninstalledAll=%1 was removed from your computer. Your data in %%LOCALAPPDATA%%\\{APP_NAME} is kept.

[Tasks]
Name: "desktopicon"; Description: "{{cm:CreateDesktopIcon}}"; GroupDescription: "{{cm:AdditionalIcons}}"; Flags: unchecked

[Files]
Source: "{{#AppDir}}\\*"; DestDir: "{{app}}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{{autoprograms}}\\{{#AppName}}"; Filename: "{{app}}\\{EXE_NAME}.exe"; IconFilename: "{{app}}\\{EXE_NAME}.ico"
Name: "{{autodesktop}}\\{{#AppName}}"; Filename: "{{app}}\\{EXE_NAME}.exe"; IconFilename: "{{app}}\\{EXE_NAME}.ico"; Tasks: desktopicon

[Run]
Filename: "{{app}}\\{EXE_NAME}.exe"; Description: "{{cm:LaunchProgram,{{#AppName}}}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only the program files it installed. The database,
; its key file, backups and logs live in %LOCALAPPDATA%\\{APP_NAME} and are never deleted by it.
"""


def info_plist(version: str, commit: str) -> dict[str, object]:
    """Info.plist entries of the macOS .app bundle."""
    return {
        "CFBundleName": DISPLAY_NAME,
        "CFBundleDisplayName": DISPLAY_NAME,
        "CFBundleIdentifier": MACOS_BUNDLE_ID,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "TanTayBuildCommit": commit,
        "CFBundleDevelopmentRegion": "vi",
        "CFBundleLocalizations": ["vi", "en"],
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": "11.0",
    }


# --- checking the frozen app ----------------------------------------------------------------


def unexpected_stderr(stderr: str) -> list[str]:
    """The lines of the frozen smoke test's stderr that are not known to be harmless."""
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and not any(p.search(line) for p in HARMLESS_STDERR)
    ]


def check_smoke_output(returncode: int, stdout: str, stderr: str) -> list[str]:
    """Problems with a frozen ``--smoke-test`` run (exit code, output); empty when it passed."""
    problems = []
    if returncode != 0:
        problems.append(f"exit code {returncode}")
    if stdout.strip():
        problems.append(f"unexpected output on stdout: {stdout.strip()[:2000]}")
    extra = unexpected_stderr(stderr)
    if extra:
        problems.append("unexpected output on stderr:\n  " + "\n  ".join(extra[:50]))
    return problems


def check_version_output(stdout: str, version: str, commit: str) -> list[str]:
    """Problems with the frozen ``--version`` output; empty when it is one line naming the
    version and the commit."""
    text = stdout.strip()
    problems = []
    if not COMMIT_PATTERN.fullmatch(commit):
        problems.append(f"the build did not record its commit ({commit or 'none'!r})")
    if "unknown" in text:
        problems.append(f"--version says the commit is unknown: {text!r}")
    if "\n" in text:
        problems.append(f"--version prints more than one line: {text!r}")
    if not re.search(rf"\b{re.escape(version)}\b", text):
        problems.append(f"--version does not say {version}: {text!r}")
    if short_commit(commit) not in text:
        problems.append(f"--version does not name commit {short_commit(commit)}: {text!r}")
    return problems


def file_snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """relative path -> (size, mtime_ns) of every file and link under ``folder``."""
    snap = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in [*filenames, *dirnames]:
            path = Path(dirpath) / name
            if name in dirnames and not path.is_symlink():
                snap[path.relative_to(folder).as_posix() + "/"] = (0, 0)
                continue
            st = path.lstat()
            snap[path.relative_to(folder).as_posix()] = (st.st_size, st.st_mtime_ns)
    return snap


def snapshot_changes(
    before: Mapping[str, tuple[int, int]], after: Mapping[str, tuple[int, int]]
) -> list[str]:
    """What changed between two snapshots: ``+ new``, ``- gone``, ``~ changed``."""
    changes = [f"+ {p}" for p in sorted(after.keys() - before.keys())]
    changes += [f"- {p}" for p in sorted(before.keys() - after.keys())]
    changes += [f"~ {p}" for p in sorted(before.keys() & after.keys()) if before[p] != after[p]]
    return changes


def disk_usage(folder: Path) -> tuple[int, int]:
    """(sum of file sizes, bytes allocated on disk) under ``folder``."""
    size = allocated = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            st = (Path(dirpath) / name).lstat()
            size += st.st_size
            allocated += getattr(st, "st_blocks", 0) * 512 or st.st_size
    return size, allocated


def smoke_environment(base: Mapping[str, str], scratch: Path, platform: str) -> dict[str, str]:
    """The environment for running the frozen app: offscreen, and every user folder (home,
    XDG, Windows app data) inside ``scratch`` so nothing touches a real person's data."""
    env = {
        k: v
        for k, v in base.items()
        if not k.startswith(("PYTHON", "QT_", "TANTAY_", "XDG_", "LD_PRELOAD", "VIRTUAL_ENV"))
    }
    home = scratch / "home"
    folders = {
        "HOME": home,
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_STATE_HOME": home / ".local" / "state",
        "XDG_RUNTIME_DIR": scratch / "runtime",
        "TMPDIR": scratch / "tmp",
    }
    if platform == "windows":
        folders |= {
            "USERPROFILE": home,
            "APPDATA": home / "AppData" / "Roaming",
            "LOCALAPPDATA": home / "AppData" / "Local",
            "TEMP": scratch / "tmp",
            "TMP": scratch / "tmp",
        }
    for key, path in folders.items():
        path.mkdir(parents=True, exist_ok=True)
        env[key] = str(path)
    (scratch / "runtime").chmod(0o700)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


# --- locations in the dist folder -----------------------------------------------------------


def app_folder(dist: Path, platform: str | None = None) -> Path:
    """The frozen app: dist/TanTay, or dist/TanTay.app on macOS."""
    platform = platform or platform_key()
    return dist / (f"{APP_NAME}.app" if platform == "macos" else APP_NAME)


def frozen_executable(dist: Path, platform: str | None = None, console: bool = True) -> Path:
    """The program to run; ``console`` picks the one whose output can be read (Windows)."""
    platform = platform or platform_key()
    folder = app_folder(dist, platform)
    if platform == "windows":
        return folder / f"{CLI_EXE_NAME if console else EXE_NAME}.exe"
    if platform == "macos":
        return folder / "Contents" / "MacOS" / EXE_NAME
    return folder / EXE_NAME


def bundle_resources(dist: Path, platform: str | None = None) -> Path:
    """Where resources/ and db_schema/ are inside the frozen app (sys._MEIPASS)."""
    platform = platform or platform_key()
    folder = app_folder(dist, platform)
    if platform == "macos":
        return folder / "Contents" / "Frameworks"
    return folder / "_internal"


# --- steps ----------------------------------------------------------------------------------


def _run(cmd: list[str], **kwargs) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run(cmd, **kwargs)
    if result.returncode != 0:
        raise BuildError(f"{Path(cmd[0]).name} {cmd[1] if len(cmd) > 1 else ''} failed")


def build_requirements(root: Path = ROOT) -> list[str]:
    """The ``build`` extra of pyproject.toml (PyInstaller)."""
    import tomllib

    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project["optional-dependencies"]["build"])


def ensure_pyinstaller() -> None:
    """Install the ``build`` extra's requirements into this Python when PyInstaller is absent."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        _run([sys.executable, "-m", "pip", "install", "-q", *build_requirements()])


def spec_workpath(work: Path) -> Path:
    """The folder PyInstaller hands the spec as ``workpath`` (where make_icons writes): the
    ``--workpath`` given, plus the spec's name."""
    return work / SPEC.stem


def make_icons(work: Path, root: Path = ROOT) -> Path:
    """tantay.ico (Windows, also the installer's icon) and tantay.icns from the shipped PNGs."""
    from PIL import Image

    work.mkdir(parents=True, exist_ok=True)
    icons = root / "resources" / "icons"
    big = Image.open(icons / f"{EXE_NAME}-256.png").convert("RGBA")
    ico = work / f"{EXE_NAME}.ico"
    big.save(ico, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    big.save(work / f"{EXE_NAME}.icns")
    return ico


def _fix_translation_times(resources: Path) -> None:
    # The app recompiles a .qm older than its .ts (i18n.build); in the bundle that would mean
    # writing into the program folder, so make every .qm at least as new as its source.
    for ts in (resources / "resources" / "i18n").glob("*.ts"):
        qm = ts.with_suffix(".qm")
        if qm.exists():
            newest = max(ts.stat().st_mtime, qm.stat().st_mtime) + 1
            os.utime(qm, (newest, newest))


def build(dist: Path, work: Path) -> Path:
    """Translations, build info, PyInstaller; returns the frozen app's folder."""
    ensure_pyinstaller()
    _run([sys.executable, "-m", "desktop_app.ui.i18n", "build"], cwd=ROOT)
    platform = platform_key()
    version = read_version()
    commit = source_commit()
    built_at = dt.datetime.now(dt.UTC)
    data_files()  # fail early, with a clear message, when something is missing
    previous = BUILD_INFO.read_text(encoding="utf-8") if BUILD_INFO.exists() else None
    BUILD_INFO.write_text(build_info_text(commit, built_at), encoding="utf-8")
    started = time.monotonic()
    try:
        env = dict(os.environ, TANTAY_BUILD_VERSION=version, TANTAY_BUILD_COMMIT=commit)
        _run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--log-level=WARN",
                "--distpath",
                str(dist),
                "--workpath",
                str(work),
                str(SPEC),
            ],
            cwd=ROOT,
            env=env,
        )
    finally:
        # A source checkout must not claim the commit of an old build.
        if previous is None:
            BUILD_INFO.unlink(missing_ok=True)
        else:
            BUILD_INFO.write_text(previous, encoding="utf-8")
    folder = app_folder(dist, platform)
    _fix_translation_times(bundle_resources(dist, platform))
    if platform == "windows":
        shutil.copy2(spec_workpath(work) / f"{EXE_NAME}.ico", folder / f"{EXE_NAME}.ico")
    record = {
        "version": version,
        "commit": commit,
        "built_at": built_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "platform": platform,
        "seconds": round(time.monotonic() - started, 1),
    }
    (dist / BUILD_RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    size, _ = disk_usage(folder)
    print(f"built in {record['seconds']} s: {folder} ({size / 2**20:.0f} MB)")
    print(frozen_executable(dist, platform, console=False))
    return folder


def _ldd_missing(libraries: Iterable[Path], search: Path) -> list[str]:
    """Linux: system libraries that neither the bundle nor this machine has for ``libraries``."""
    env = dict(os.environ, LD_LIBRARY_PATH=str(search))
    missing: set[str] = set()
    for lib in libraries:
        out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True, env=env).stdout
        missing |= {line.split()[0] for line in out.splitlines() if "not found" in line}
    return sorted(missing)


def smoke(dist: Path) -> None:
    """Run the frozen app offscreen in a throwaway home; raise BuildError on any surprise."""
    platform = platform_key()
    folder = app_folder(dist, platform)
    exe = frozen_executable(dist, platform)
    if not exe.exists():
        raise BuildError(f"no frozen app at {exe}: run python build_installer.py build first")
    record_path = dist / BUILD_RECORD
    record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.exists() else {}
    problems: list[str] = []

    resources = bundle_resources(dist, platform)
    for lang in ("vi", "en"):
        qm = resources / "resources" / "i18n" / f"tantay_{lang}.qm"
        ts = qm.with_suffix(".ts")
        if not qm.is_file() or qm.read_bytes()[:16] != QM_MAGIC:
            problems.append(f"{qm} is missing or not a compiled translation")
        elif ts.exists() and qm.stat().st_mtime < ts.stat().st_mtime:
            problems.append(f"{qm} is older than its .ts: the app would try to rebuild it")
    if platform == "linux":
        # Not a failure: the offscreen smoke test does not need them, and a desktop has them.
        plugins = sorted((resources / "PySide6" / "Qt" / "plugins" / "platforms").glob("*.so"))
        missing = _ldd_missing(plugins, resources)
        if missing:
            print(
                f"warning: the X11 (xcb) plugin needs {', '.join(missing)}, which this build "
                "machine lacks, so the bundle does not contain them; the desktop must have them "
                f"(Debian/Ubuntu: apt install {' '.join(XCB_PACKAGES)})",
                file=sys.stderr,
            )

    before = file_snapshot(folder)
    with tempfile.TemporaryDirectory(prefix="tantay-frozen-smoke-") as tmp:
        scratch = Path(tmp)
        env = smoke_environment(os.environ, scratch, platform)
        started = time.monotonic()
        result = subprocess.run(
            [str(exe), "--smoke-test"],
            cwd=scratch,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=SMOKE_TIMEOUT_S,
        )
        seconds = time.monotonic() - started
        problems += check_smoke_output(result.returncode, result.stdout, result.stderr)
        version = subprocess.run(
            [str(exe), "--version"],
            cwd=scratch,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=60,
        )
        problems += check_version_output(
            version.stdout, record.get("version") or read_version(), record.get("commit", "")
        )
        if version.returncode != 0 or unexpected_stderr(version.stderr):
            problems.append(f"--version failed: {version.returncode} {version.stderr.strip()}")
    changes = snapshot_changes(before, file_snapshot(folder))
    if changes:
        problems.append("the app wrote inside its own folder:\n  " + "\n  ".join(changes[:50]))
    if problems:
        raise BuildError("frozen smoke test failed:\n- " + "\n- ".join(problems))
    size, allocated = disk_usage(folder)
    print(f"smoke test passed in {seconds:.1f} s: {version.stdout.strip()}")
    print(f"{exe}")
    print(f"size on disk: {allocated / 2**20:.0f} MB ({size / 2**20:.0f} MB of files) in {folder}")


def _archive_filter(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def package(dist: Path, target: str | None = None) -> Path:
    """The installable artefact for ``target`` (default: this platform)."""
    platform = target or platform_key()
    record_path = dist / BUILD_RECORD
    if not record_path.exists():
        raise BuildError(f"no build in {dist}: run python build_installer.py build first")
    record = json.loads(record_path.read_text(encoding="utf-8"))
    version, commit = record["version"], record["commit"]
    folder = app_folder(dist, platform)
    if platform == "windows":
        return _package_windows(dist, folder, version, commit)
    if not folder.exists():
        raise BuildError(f"no frozen app at {folder} (package builds for this platform only)")
    if platform == "macos":
        out = dist / f"{APP_NAME}-{version}-macos.zip"
        _run(["ditto", "-c", "-k", "--keepParent", str(folder), str(out)])
        print(out)
        return out
    arch = os.uname().machine
    out = dist / f"{APP_NAME}-{version}-linux-{arch}.tar.gz"
    extras = {
        f"{EXE_NAME}.desktop": desktop_entry(f"/opt/{APP_NAME}/{EXE_NAME}"),
        "INSTALL.txt": install_text_linux(version, out.name),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in extras.items():
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        shutil.copy2(ROOT / "resources" / "icons" / f"{EXE_NAME}-256.png", Path(tmp) / "x.png")
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            tar.add(folder, arcname=APP_NAME, filter=_archive_filter)
            for name in extras:
                tar.add(Path(tmp) / name, arcname=f"{APP_NAME}/{name}", filter=_archive_filter)
            tar.add(
                Path(tmp) / "x.png", arcname=f"{APP_NAME}/{EXE_NAME}.png", filter=_archive_filter
            )
        os.replace(partial, out)
    print(f"{out} ({out.stat().st_size / 2**20:.0f} MB)")
    return out


def _package_windows(dist: Path, folder: Path, version: str, commit: str) -> Path:
    script = ROOT / "installer" / "tantay.iss"
    text = inno_setup_script(version, commit, folder.resolve(), dist.resolve())
    script.write_text(text, encoding="utf-8-sig")  # Inno Setup reads UTF-8 with a BOM
    print(script)
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    if platform_key() != "windows":
        print("not on Windows: the script is written; run ISCC.exe on it on a Windows machine")
        return script
    if iscc is None:
        default = Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
        candidate = default / "Inno Setup 6" / "ISCC.exe"
        iscc = str(candidate) if candidate.exists() else None
    if iscc is None:
        raise BuildError("Inno Setup 6 (ISCC.exe) not found: install it, or compile the script")
    _run([iscc, str(script)])
    setup = dist / f"{APP_NAME}-{version}-windows-setup.exe"
    print(setup)
    return setup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    for name, helptext in (
        ("build", "translations, then the frozen one-folder app"),
        ("smoke", "run the frozen app's smoke test headless"),
        ("package", "the installable archive or installer script"),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--dist", type=Path, default=DEFAULT_DIST, help="output folder (dist/)")
        if name == "build":
            p.add_argument(
                "--work", type=Path, default=DEFAULT_WORK, help="PyInstaller's work folder"
            )
        if name == "package":
            p.add_argument(
                "--target",
                choices=["linux", "windows", "macos"],
                help="default: this platform; 'windows' writes installer/tantay.iss anywhere",
            )
    args = parser.parse_args(argv)
    dist = args.dist.resolve()
    try:
        if args.step == "build":
            build(dist, args.work.resolve())
        elif args.step == "smoke":
            smoke(dist)
        else:
            package(dist, args.target)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
