"""build_installer.py: what goes into the frozen app, the generated files, the smoke checks; and
(marked slow) a real frozen build that must start, write nothing into itself and keep user data
under the platformdirs folder."""

from __future__ import annotations

import ast
import configparser
import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_build_installer():
    spec = importlib.util.spec_from_file_location("build_installer", ROOT / "build_installer.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_installer"] = module
    spec.loader.exec_module(module)
    return module


bi = _load_build_installer()


# --- what the bundle contains ---------------------------------------------------------------


@pytest.fixture(scope="module")
def built_translations() -> None:
    """The .qm files, as `build` makes them first (CI also does before the tests)."""
    subprocess.run(
        [sys.executable, "-m", "desktop_app.ui.i18n", "build"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def test_data_files_ship_every_resource_and_migration(built_translations):
    from desktop_app.store.db import migrations

    shipped = {src.relative_to(ROOT).as_posix(): dest for src, dest in bi.data_files(ROOT)}
    for path in (ROOT / "resources").rglob("*"):
        rel = path.relative_to(ROOT)
        if path.is_file() and not any(p.startswith(".") or p == "__pycache__" for p in rel.parts):
            assert shipped.get(rel.as_posix()) == rel.parent.as_posix(), rel
    for _number, path in migrations(ROOT / "db_schema"):
        assert shipped[path.relative_to(ROOT).as_posix()] == "db_schema"
    for name in ("tantay_vi.qm", "tantay_en.qm", "tantay_vi.ts", "tantay-256.png"):
        assert any(p.endswith("/" + name) for p in shipped), name
    assert "resources/fonts/DejaVuSans.ttf" in shipped
    assert not any(p.startswith("db_schema/server") for p in shipped), "server schema is not ours"


def test_translations_are_compiled(built_translations):
    for ts in sorted((ROOT / "resources" / "i18n").glob("*.ts")):
        assert ts.with_suffix(".qm").read_bytes()[:16] == bi.QM_MAGIC, ts.name


def test_data_files_refuse_a_translation_without_its_qm(tmp_path):
    (tmp_path / "resources" / "i18n").mkdir(parents=True)
    (tmp_path / "db_schema").mkdir()
    (tmp_path / "resources" / "i18n" / "tantay_vi.ts").write_text("<TS/>")
    with pytest.raises(bi.BuildError, match="tantay_vi.ts"):
        bi.data_files(tmp_path)
    (tmp_path / "resources" / "i18n" / "tantay_vi.qm").write_bytes(bi.QM_MAGIC)
    (tmp_path / "resources" / "i18n" / ".write-test").write_text("")
    (tmp_path / "db_schema" / "001_initial.sql").write_text("")
    shipped = sorted(src.name for src, _ in bi.data_files(tmp_path))
    assert shipped == ["001_initial.sql", "tantay_vi.qm", "tantay_vi.ts"]


def test_hidden_imports_name_every_app_module_and_all_exist():
    names = bi.hidden_imports(ROOT)
    assert len(names) == len(set(names))
    for path in (ROOT / "desktop_app").rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        if "__pycache__" in rel.parts or rel.name == "_build_info":
            continue
        module = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        assert module in names, module
    for wanted in ("sqlcipher3", "argon2", "cryptography", "phonenumbers.data", "openpyxl", "fpdf"):
        assert wanted in names
    for name in bi.THIRD_PARTY_HIDDEN_IMPORTS:
        assert importlib.util.find_spec(name) is not None, f"hidden import {name} does not exist"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_the_app_imports_nothing_the_bundle_leaves_out():
    offenders = []
    for path in (ROOT / "desktop_app").rglob("*.py"):
        for name in _imports(path):
            if any(name == ex or name.startswith(ex + ".") for ex in bi.EXCLUDED_MODULES):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, "update EXCLUDED_MODULES in build_installer.py:\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    ("platform", "dest", "filename", "kept"),
    [
        ("linux", "PySide6/Qt/plugins/platforms", "libqxcb.so", True),
        ("linux", "PySide6/Qt/plugins/platforms", "libqoffscreen.so", True),
        ("linux", "PySide6/Qt/plugins/platforms", "libqwayland.so", False),
        ("linux", "PySide6/Qt/plugins/platforms", "libqeglfs.so", False),
        ("linux", "PySide6/Qt/plugins/platformthemes", "libqgtk3.so", False),
        ("linux", "PySide6/Qt/plugins/imageformats", "libqico.so", True),
        ("linux", "PySide6/Qt/plugins/imageformats", "libqpdf.so", False),
        (
            "linux",
            "PySide6/Qt/plugins/platforminputcontexts",
            "libibusplatforminputcontextplugin.so",
            True,
        ),
        ("linux", "PySide6/Qt/plugins/wayland-shell-integration", "libxdg-shell.so", False),
        ("linux", "PySide6/Qt/plugins/tls", "libqopensslbackend.so", False),
        ("linux", "PySide6/Qt/lib", "libQt6Widgets.so.6", True),
        ("windows", "PySide6\\plugins\\platforms", "qwindows.dll", True),
        ("windows", "PySide6\\plugins\\platforms", "qoffscreen.dll", True),
        ("windows", "PySide6\\plugins\\platforms", "qdirect2d.dll", False),
        ("windows", "PySide6\\plugins\\styles", "qmodernwindowsstyle.dll", True),
        ("windows", "PySide6", "Qt6Core.dll", True),
        ("macos", "PySide6/Qt/plugins/platforms", "libqcocoa.dylib", True),
        ("macos", "PySide6/Qt/plugins/platforms", "libqxcb.dylib", False),
    ],
)
def test_only_the_qt_plugins_the_app_needs_are_shipped(platform, dest, filename, kept):
    assert bi.keep_qt_binary(dest, filename, platform) is kept


def test_qt_translations_only_for_the_app_languages():
    binaries = [("/q/plugins/platforms/libqvnc.so", "PySide6/Qt/plugins/platforms")]
    datas = [
        ("/q/translations/qtbase_vi.qm", "PySide6/Qt/translations"),
        ("/q/translations/qtbase_en.qm", "PySide6/Qt/translations"),
        ("/q/translations/qtbase_de.qm", "PySide6/Qt/translations"),
        ("/q/translations/qt_help_en.qm", "PySide6/Qt/translations"),
        ("/q/resources/icudtl.dat", "PySide6/Qt/resources"),
    ]
    kept_binaries, kept_datas = bi.filter_qt_hook(binaries, datas, "linux")
    assert kept_binaries == []
    assert [Path(s).name for s, _ in kept_datas] == ["qtbase_vi.qm", "qtbase_en.qm", "icudtl.dat"]


# --- generated files --------------------------------------------------------------------------


def test_desktop_entry_is_a_valid_launcher():
    text = bi.desktop_entry("/opt/TanTay/tantay")
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read_string(text)
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name"] == "Tận Tay"
    assert section["Exec"] == '"/opt/TanTay/tantay"'
    assert section["Icon"] == "tantay"
    assert section["Terminal"] == "false"
    assert section["Categories"].endswith(";")
    assert "GenericName[vi]" in section


def test_inno_setup_script_installs_per_user_in_two_languages_and_keeps_data(tmp_path):
    app_dir = tmp_path / "dist" / "TanTay"
    text = bi.inno_setup_script("1.2.3", "a" * 40, app_dir, tmp_path / "dist")
    assert '#define AppVersion "1.2.3"' in text
    assert '#define AppName "Tận Tay"' in text
    assert f'#define AppDir "{app_dir}"' in text
    assert "AppComments=commit aaaaaaaaaaaa" in text
    assert "OutputBaseFilename=TanTay-1.2.3-windows-setup" in text
    assert "SetupIconFile={#AppDir}\\tantay.ico" in text
    assert "PrivilegesRequired=lowest" in text
    assert "DefaultDirName={autopf}\\TanTay" in text  # %LOCALAPPDATA%\Programs, not the data
    assert 'Name: "{autoprograms}\\{#AppName}"; Filename: "{app}\\tantay.exe"' in text
    assert 'Name: "vietnamese"; MessagesFile: "compiler:Default.isl,Vietnamese.isl"' in text
    assert 'Name: "english"; MessagesFile: "compiler:Default.isl"' in text
    assert "[UninstallDelete]" not in text.replace("; No [UninstallDelete]", "")
    assert "english.ConfirmUninstall=" in text and "is kept" in text
    assert bi.INNO_APP_ID in text
    for section in ("[Setup]", "[Languages]", "[Tasks]", "[Files]", "[Icons]", "[Run]"):
        assert section in text
    isl = (ROOT / "installer" / "Vietnamese.isl").read_text(encoding="utf-8-sig")
    assert "LanguageID=$042A" in isl and "[Messages]" in isl


def test_build_info_module_feeds_the_version_text(monkeypatch):
    built_at = dt.datetime(2026, 11, 27, 18, 30, 5, tzinfo=dt.UTC)
    text = bi.build_info_text("0123456789abcdef" * 2 + "01234567", built_at)
    namespace: dict = {}
    exec(compile(text, "_build_info.py", "exec"), namespace)
    assert namespace["BUILD_COMMIT"] == "0123456789abcdef" * 2 + "01234567"
    assert namespace["BUILD_TIME"] == "2026-11-27T18:30:05Z"

    import desktop_app

    assert desktop_app.version_text() == f"Tận Tay {desktop_app.__version__}"
    monkeypatch.setattr(desktop_app, "BUILD_COMMIT", namespace["BUILD_COMMIT"])
    monkeypatch.setattr(desktop_app, "BUILD_TIME", namespace["BUILD_TIME"])
    assert desktop_app.version_text() == bi.version_line(
        desktop_app.__version__, namespace["BUILD_COMMIT"], namespace["BUILD_TIME"]
    )


def test_version_and_commit_come_from_the_source_tree(tmp_path):
    import desktop_app

    assert bi.read_version(ROOT) == desktop_app.__version__
    assert bi.source_commit(tmp_path) == "unknown"
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode == 0:
        assert bi.source_commit(ROOT).removesuffix("-dirty") == head.stdout.strip()


def test_pyinstaller_is_the_build_extra():
    assert any(r.lower().startswith("pyinstaller") for r in bi.build_requirements(ROOT))


# --- the Windows build (made under Wine by tools/windows/build.sh) ----------------------------


def test_the_windows_icon_is_taken_from_where_the_spec_wrote_it(tmp_path):
    # PyInstaller hands the spec ``--workpath`` plus the spec's name; ``build`` once looked for
    # the icon in ``--workpath`` itself and stopped there.
    work = tmp_path / "work"
    spec_work = bi.spec_workpath(work)
    assert spec_work == work / bi.SPEC.stem == work / "tantay"
    ico = bi.make_icons(spec_work, ROOT)
    assert ico == spec_work / "tantay.ico" and ico.read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_the_commit_handed_in_by_the_build_machine_wins_and_must_be_a_commit(tmp_path):
    commit = "0123456789abcdef" * 2 + "01234567"
    assert bi.source_commit(tmp_path, {"TANTAY_BUILD_COMMIT": commit}) == commit
    given = {"TANTAY_BUILD_COMMIT": commit + "-dirty"}
    assert bi.source_commit(tmp_path, given) == commit + "-dirty"
    assert bi.source_commit(ROOT, {"TANTAY_BUILD_COMMIT": commit}) == commit  # over git's
    for bad in ("unknown", "0123abc", commit.upper()):
        with pytest.raises(bi.BuildError, match="TANTAY_BUILD_COMMIT"):
            bi.source_commit(tmp_path, {"TANTAY_BUILD_COMMIT": bad})
    assert bi.source_commit(tmp_path, {}) == "unknown"  # no git, nothing handed in


def test_the_frozen_version_check_refuses_an_unknown_commit():
    line = bi.version_line("0.1.0", "unknown", "2026-11-27T18:30:05Z")
    problems = bi.check_version_output(line, "0.1.0", "unknown")
    assert any("did not record its commit" in p for p in problems)
    assert any("unknown" in p for p in problems)
    assert bi.check_version_output(line, "0.1.0", "")


def test_inno_setup_script_offers_an_install_for_all_users(tmp_path):
    text = bi.inno_setup_script("1.2.3", "a" * 40, tmp_path / "TanTay", tmp_path)
    assert "PrivilegesRequired=lowest" in text  # per user by default
    assert "PrivilegesRequiredOverridesAllowed=dialog commandline" in text
    isl = (ROOT / "installer" / "Vietnamese.isl").read_text(encoding="utf-8-sig")
    assert "PrivilegesRequiredOverrideAllUsers=Cài cho &mọi người dùng" in isl
    assert "%%LOCALAPPDATA%%\\TanTay" in isl.split("UninstalledAll=", 1)[1].splitlines()[0]


def test_lrelease_is_found_as_an_exe_when_scripts_is_not_on_path(tmp_path, monkeypatch):
    from desktop_app.ui import i18n

    monkeypatch.setattr(i18n.shutil, "which", lambda _name: None)
    python = tmp_path / "Python311" / "python.exe"
    pyside = tmp_path / "Python311" / "Lib" / "site-packages" / "PySide6"
    pyside.mkdir(parents=True)
    python.write_bytes(b"MZ")
    assert i18n._lrelease(str(python), pyside, "win32") is None
    (pyside / "lrelease.exe").write_bytes(b"MZ")  # what the PySide6 wheel for Windows has
    assert i18n._lrelease(str(python), pyside, "win32") == [str(pyside / "lrelease.exe")]
    scripts = python.parent / "Scripts" / "pyside6-lrelease.exe"
    scripts.parent.mkdir()
    scripts.write_bytes(b"MZ")
    assert i18n._lrelease(str(python), pyside, "win32") == [str(scripts)]
    assert i18n._lrelease(str(python), pyside, "linux") is None  # no .exe elsewhere


def test_windows_build_scripts_pin_what_they_fetch():
    requirements = (ROOT / "tools" / "windows" / "requirements.txt").read_text(encoding="utf-8")
    pins = [line for line in requirements.splitlines() if line and not line.startswith("#")]
    assert pins and all("==" in line for line in pins), "pin every Windows wheel exactly"
    names = {line.split("==")[0].lower() for line in pins}
    for needed in (
        "pyside6-essentials",
        "sqlcipher3",
        "cryptography",
        "argon2-cffi",
        "pyinstaller",
    ):
        assert needed in names
    # pip evaluates markers for Linux, so these Windows-only needs of PyInstaller must be named
    assert {"pefile", "pywin32-ctypes", "colorama"} <= names
    common = (ROOT / "tools" / "windows" / "common.sh").read_text(encoding="utf-8")
    assert 'INNO_VERSION="6.4.1"' in common and "PY_EMBED_SHA256=" in common


# --- checking the frozen app ----------------------------------------------------------------


def test_smoke_output_with_only_harmless_notes_passes():
    stderr = (
        "This plugin does not support propagateSizeHints()\n"
        "QStandardPaths: XDG_RUNTIME_DIR not set, defaulting to '/tmp/runtime-root'\n"
        "\n"
    )
    assert bi.check_smoke_output(0, "", stderr) == []


@pytest.mark.parametrize(
    ("returncode", "stdout", "stderr", "expected"),
    [
        (1, "", "", "exit code 1"),
        (0, "", "Traceback (most recent call last):\n  File ...", "stderr"),
        (0, "", "qt.qpa.plugin: Could not load the Qt platform plugin", "stderr"),
        (0, "", "This plugin does not support raise()\nWARNING desktop_app: boom", "boom"),
        (0, "debug print\n", "", "stdout"),
    ],
)
def test_smoke_output_with_anything_else_fails(returncode, stdout, stderr, expected):
    problems = bi.check_smoke_output(returncode, stdout, stderr)
    assert problems and expected in " ".join(problems)


def test_version_output_must_name_version_and_commit():
    commit = "0123456789abcdef0123456789abcdef01234567-dirty"
    line = bi.version_line("0.1.0", commit, "2026-11-27T18:30:05Z")
    assert line == "Tận Tay 0.1.0 (commit 0123456789ab-dirty, built 2026-11-27T18:30:05Z)"
    assert len(line) < 78  # argparse wraps --version text at the terminal width
    assert bi.check_version_output(line + "\n", "0.1.0", commit) == []
    assert bi.check_version_output("Tận Tay 0.1.0\n", "0.1.0", commit)
    assert bi.check_version_output(line, "0.1.1", commit)
    assert bi.check_version_output(line.replace(" (", "\n("), "0.1.0", commit)


def test_snapshot_changes_notice_files_written_into_the_bundle(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "a.so").write_bytes(b"x")
    (tmp_path / "b.qm").write_bytes(b"y")
    before = bi.file_snapshot(tmp_path)
    assert bi.snapshot_changes(before, bi.file_snapshot(tmp_path)) == []
    (tmp_path / "lib" / "a.so").write_bytes(b"xx")
    (tmp_path / "b.qm").unlink()
    (tmp_path / "cache").mkdir()
    changes = bi.snapshot_changes(before, bi.file_snapshot(tmp_path))
    assert changes == ["+ cache/", "- b.qm", "~ lib/a.so"]


def test_smoke_environment_keeps_every_user_folder_in_the_scratch_folder(tmp_path):
    base = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": "/home/someone",
        "TANTAY_DATA_DIR": "/real/data",
        "PYTHONPATH": "/src",
        "XDG_DATA_HOME": "/home/someone/.local/share",
        "QT_PLUGIN_PATH": "/usr/lib/qt",
    }
    env = bi.smoke_environment(base, tmp_path, "linux")
    assert "TANTAY_DATA_DIR" not in env and "PYTHONPATH" not in env
    assert "QT_PLUGIN_PATH" not in env
    assert env["QT_QPA_PLATFORM"] == "offscreen"
    for key in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "TMPDIR"):
        assert Path(env[key]).is_relative_to(tmp_path), key
    windows = bi.smoke_environment(base, tmp_path, "windows")
    assert Path(windows["LOCALAPPDATA"]).is_relative_to(tmp_path)
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import platformdirs; print(platformdirs.user_data_dir('TanTay', appauthor=False))",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(tmp_path)


def test_frozen_paths_per_platform(tmp_path):
    assert bi.frozen_executable(tmp_path, "linux") == tmp_path / "TanTay" / "tantay"
    assert bi.frozen_executable(tmp_path, "windows") == tmp_path / "TanTay" / "tantay-cli.exe"
    assert bi.frozen_executable(tmp_path, "windows", console=False).name == "tantay.exe"
    assert bi.frozen_executable(tmp_path, "macos").parts[-4:] == (
        "TanTay.app",
        "Contents",
        "MacOS",
        "tantay",
    )
    assert bi.bundle_resources(tmp_path, "linux") == tmp_path / "TanTay" / "_internal"
    assert bi.platform_key("win32") == "windows" and bi.platform_key("darwin") == "macos"


# --- the real thing -------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.timeout(1500)
@pytest.mark.skipif(bi.platform_key() != "linux", reason="the CI build runs on Linux")
def test_frozen_app_builds_starts_and_keeps_data_out_of_its_folder(tmp_path):
    dist, work = tmp_path / "dist", tmp_path / "work"
    script = str(ROOT / "build_installer.py")
    for step in (["build", "--work", str(work)], ["smoke"], ["package"]):
        result = subprocess.run(
            [sys.executable, script, step[0], "--dist", str(dist), *step[1:]],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, (
            f"{step[0]}:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
        )
    assert not (ROOT / "desktop_app" / "_build_info.py").exists(), "the build info must not stay"
    record = json.loads((dist / bi.BUILD_RECORD).read_text(encoding="utf-8"))
    folder, exe = bi.app_folder(dist), bi.frozen_executable(dist)

    # A command that writes real user data: the database must land in the platformdirs folder
    # of the (temporary) home, and the app's own folder must stay exactly as installed.
    scratch = tmp_path / "scratch"
    env = bi.smoke_environment(os.environ, scratch, "linux")
    before = bi.file_snapshot(folder)
    for args in (["--smoke-test"], ["demo-data", "--households", "5"]):
        run = subprocess.run(
            [str(exe), *args], cwd=scratch, env=env, capture_output=True, text=True, timeout=300
        )
        assert run.returncode == 0, run.stderr
    assert bi.snapshot_changes(before, bi.file_snapshot(folder)) == []
    data = Path(env["XDG_DATA_HOME"]) / "TanTay"
    assert (data / "tantay.db").is_file() and (data / "tantay.keys").is_file()

    version = subprocess.run([str(exe), "--version"], env=env, capture_output=True, text=True)
    assert version.stdout.strip() == bi.version_line(
        record["version"], record["commit"], record["built_at"]
    )

    archive = dist / f"TanTay-{record['version']}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        launcher = tar.getmember("TanTay/tantay")
    for name in ("TanTay/tantay.desktop", "TanTay/tantay.png", "TanTay/INSTALL.txt"):
        assert name in names
    assert launcher.mode & 0o111
    assert "TanTay/_internal/resources/i18n/tantay_vi.qm" in names
