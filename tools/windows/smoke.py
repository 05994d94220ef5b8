"""The checks of tools/windows/smoke.sh: install the Windows build under Wine and use it.

Run by smoke.sh (which makes a fresh Wine prefix, starts Xvfb and builds the Linux app to compare
with), with the project's Linux Python so that the checks share build_installer.py's helpers.
Prints one line per check and exits 1 when any failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
import build_installer as bi  # noqa: E402

DEMO_HOUSEHOLDS = 40
DEMO_PASSWORD = "demo1234"
SQLITE_MAGIC = b"SQLite format 3\x00"
# Wine's own notes on stderr, not the app's.
WINE_NOISE = (
    re.compile(r"^wine: "),
    re.compile(r"^\d+:\w+:"),  # "0024:err:module:..." (only with WINEDEBUG set)
    re.compile(r"^Application tried to create a window, but no driver could be loaded"),
    re.compile(r"^(The explorer process failed to start|Make sure that your X server)"),
)


class Smoke:
    def __init__(self, args: argparse.Namespace):
        self.setup: Path = args.installer.resolve()
        self.next_setup: Path = args.next_installer.resolve()
        self.record = json.loads(args.build_info.read_text(encoding="utf-8"))
        self.prefix: Path = args.prefix.resolve()
        self.linux_app: Path = args.linux_app.resolve()
        self.shots: Path = args.screenshots.resolve()
        self.results: list[tuple[str, bool, str]] = []
        self.env = dict(os.environ, WINEPREFIX=str(self.prefix))
        self.env.pop("TANTAY_PASSWORD", None)
        self.cwd = self.prefix / "drive_c"  # not Z:, where Wine grumbles about volume labels
        self.timings: dict[str, float] = {}
        self.localappdata = self._unix(self._win_env("LOCALAPPDATA"))
        self.program_dir = self.localappdata / "Programs" / bi.APP_NAME
        self.data_dir = self.localappdata / bi.APP_NAME

    # --- running things -----------------------------------------------------------------------

    def wine(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = 300
    ) -> subprocess.CompletedProcess:
        """A Windows program with its output into pipes (Wine gives a Windows program an
        invalid handle for a regular file) and no input."""
        return subprocess.run(
            ["wine", *args],
            cwd=self.cwd,
            env={**self.env, **(env or {})},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
        )

    def idle(self) -> None:
        """Wait until every Wine process of the prefix has ended (a leftover one breaks the
        next setup's window)."""
        subprocess.run(["wineserver", "-w"], env=self.env, timeout=300)

    def _win_env(self, name: str) -> str:
        out = self.wine("cmd", "/c", f"echo %{name}%").stdout.decode("utf-8", "replace")
        return out.strip().splitlines()[-1].strip()

    def _unix(self, windows_path: str) -> Path:
        out = subprocess.run(
            ["winepath", "-u", windows_path], env=self.env, capture_output=True, text=True
        )
        return Path(out.stdout.strip()).resolve()  # dosdevices/c: -> drive_c

    def cli(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return self.wine(str(self._win(self.program_dir / "tantay-cli.exe")), *args, **kwargs)

    def _win(self, path: Path) -> str:
        rel = path.relative_to(self.prefix / "drive_c")
        return "C:\\" + str(rel).replace("/", "\\")

    def check(self, name: str, step: Callable[[], str]) -> None:
        started = time.monotonic()
        try:
            detail = step()
            ok = True
        except Exception as exc:  # a check that fails says why and the others still run
            detail, ok = f"{type(exc).__name__}: {exc}", False
        seconds = time.monotonic() - started
        self.results.append((name, ok, detail))
        mark = "ok  " if ok else "FAIL"
        print(f"[{mark}] {name} ({seconds:.1f} s): {detail}", flush=True)

    @staticmethod
    def app_stderr(raw: bytes) -> str:
        lines = raw.decode("utf-8", "replace").splitlines()
        return "\n".join(
            line for line in lines if not any(p.search(line) for p in WINE_NOISE)
        ).strip()

    def install(self, label: str, setup: Path | None = None) -> str:
        log = self.prefix / "drive_c" / f"setup-{label}.log"
        started = time.monotonic()
        result = self.wine(
            str(setup or self.setup),
            "/VERYSILENT",
            "/SUPPRESSMSGBOXES",
            "/NORESTART",
            f"/LOG={self._win(log)}",
            # the per-user folder {autopf} under Wine < 10.14: see tools/windows/standins/mpr.c
            env={"WINEDLLOVERRIDES": self.env.get("WINEDLLOVERRIDES", "") + ";mpr=n"},
        )
        self.idle()
        seconds = time.monotonic() - started
        text = log.read_text(encoding="utf-8-sig", errors="replace") if log.exists() else ""
        if result.returncode != 0 or "Installation process succeeded" not in text:
            tail = "\n".join(text.splitlines()[-8:])
            raise RuntimeError(f"setup exit {result.returncode}:\n{tail}")
        return f"{seconds:.1f} s"

    # --- the checks ---------------------------------------------------------------------------

    def check_install(self) -> str:
        took = self.install("first")
        for name in ("tantay.exe", "tantay-cli.exe", "unins000.exe", "tantay.ico"):
            if not (self.program_dir / name).is_file():
                raise RuntimeError(f"{name} is not in {self.program_dir}")
        appdata = self._unix(self._win_env("APPDATA"))
        menu = appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs"
        links = sorted(p.name for p in menu.glob("*.lnk"))
        if f"{bi.DISPLAY_NAME}.lnk" not in links:
            raise RuntimeError(f"no Start-menu entry (found {links})")
        files = sum(1 for p in self.program_dir.rglob("*") if p.is_file())
        size, _ = bi.disk_usage(self.program_dir)
        return (
            f"per user in {self._win(self.program_dir)} in {took} ({files} files, "
            f"{size / 2**20:.0f} MiB); Start menu: {bi.DISPLAY_NAME}.lnk"
        )

    def check_first_start(self) -> str:
        started = time.monotonic()
        result = self.cli("--smoke-test", timeout=600)
        seconds = time.monotonic() - started
        self.timings["windows_first_start"] = seconds
        problems = bi.check_smoke_output(
            result.returncode,
            result.stdout.decode("utf-8", "replace"),
            self.app_stderr(result.stderr),
        )
        if problems:
            raise RuntimeError("; ".join(problems))
        self.timings["windows_warm_start"] = warm_start(lambda: self.cli("--smoke-test"))
        return (
            "encrypted database created and reopened, every main screen rendered offscreen, "
            f"no missing glyphs; first start {seconds:.1f} s, then "
            f"{self.timings['windows_warm_start']:.1f} s (median of 3)"
        )

    def check_version(self) -> str:
        expected = bi.version_line(
            self.record["version"], self.record["commit"], self.record["built_at"]
        )
        seen = []
        # The ANSI code page a pipe gets follows the locale: cp1252 (C, en_US), cp1258 (vi_VN).
        for lang in ("C", "en_US.UTF-8", "vi_VN.UTF-8"):
            result = self.cli("--version", env={"LANG": lang, "LC_ALL": lang})
            text = result.stdout.decode("utf-8")
            problems = bi.check_version_output(text, self.record["version"], self.record["commit"])
            if result.returncode != 0 or problems or text.strip() != expected:
                raise RuntimeError(f"LANG={lang}: {text!r} {problems} {result.stderr!r}")
            seen.append(lang)
        # A pipe inside Windows, to `more`, after switching the console code page.
        for page in ("437", "1258", "65001"):
            exe = self._win(self.program_dir / "tantay-cli.exe")
            result = self.wine("cmd", "/c", f"chcp {page} >nul & {exe} --version | more")
            text = result.stdout.decode("utf-8", "replace")
            if result.returncode != 0 or expected.split(" (")[1][:20] not in text:
                raise RuntimeError(f"chcp {page}: {text!r} {self.app_stderr(result.stderr)!r}")
        return (
            f"{expected!r} into a pipe (LANG {', '.join(seen)}; | more after chcp 437/1258/65001)"
        )

    def check_help(self) -> str:
        result = self.cli("--help")
        text = result.stdout.decode("utf-8")
        if result.returncode != 0 or "ghi thăm hộ" not in text or "--data-dir" not in text:
            raise RuntimeError(f"exit {result.returncode}: {text[:300]!r}")
        return "Vietnamese --help into a pipe"

    def check_demo_data_and_report(self) -> str:
        result = self.cli("demo-data", "--households", str(DEMO_HOUSEHOLDS), timeout=600)
        if result.returncode != 0:
            raise RuntimeError(f"demo-data: {self.app_stderr(result.stderr)}")
        counts = json.loads(result.stdout.decode("utf-8"))
        windows = self._report(
            lambda *a: self.cli(*a, env={"TANTAY_PASSWORD": DEMO_PASSWORD}),
            lambda p: self._win(p),
            self.prefix / "drive_c" / "report.json",
        )
        with tempfile.TemporaryDirectory(prefix="tantay-linux-") as tmp:
            scratch = Path(tmp)
            env = bi.smoke_environment(os.environ, scratch, "linux")

            def linux(*args: str) -> subprocess.CompletedProcess:
                return subprocess.run(
                    [str(self.linux_app), *args],
                    env={**env, "TANTAY_PASSWORD": DEMO_PASSWORD},
                    cwd=scratch,
                    capture_output=True,
                    stdin=subprocess.DEVNULL,
                    timeout=600,
                )

            made = linux("demo-data", "--households", str(DEMO_HOUSEHOLDS))
            if made.returncode != 0:
                raise RuntimeError(f"Linux demo-data: {made.stderr.decode()}")
            if json.loads(made.stdout) | {"seconds": 0} != counts | {"seconds": 0}:
                raise RuntimeError(f"demo counts differ: Linux {made.stdout!r}, Windows {counts}")
            linux_report = self._report(linux, str, scratch / "report.json")
        if windows != linux_report:
            diff = [k for k in windows if windows.get(k) != linux_report.get(k)]
            raise RuntimeError(f"the reports differ in {diff}")
        figures = f"{windows['rows_in_scope']} payments in scope"
        return f"{counts['household']} households, seed as on Linux; report JSON equal ({figures})"

    @staticmethod
    def _report(run: Callable, path_of: Callable, out: Path) -> dict:
        today = dt.date.today()
        first = (today.replace(day=1) - dt.timedelta(days=150)).strftime("%Y-%m")
        last = (today.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
        args = ["--user", "lead", "report", "--period", first, "--to", last, "--format", "json"]
        result = run(*args, "--out", path_of(out))
        if result.returncode != 0:
            raise RuntimeError(f"report: exit {result.returncode} {result.stderr!r}")
        return json.loads(out.read_text(encoding="utf-8"))

    def check_audit_verify(self) -> str:
        result = self.cli("--user", "admin", "audit", "verify", env={"TANTAY_PASSWORD": "demo1234"})
        text = result.stdout.decode("utf-8")
        if result.returncode != 0 or not text.startswith("Nhật ký kiểm tra nguyên vẹn"):
            raise RuntimeError(f"exit {result.returncode}: {text!r} {result.stderr!r}")
        wrong = self.cli("--user", "admin", "audit", "verify", env={"TANTAY_PASSWORD": "nope"})
        message = wrong.stderr.decode("utf-8")
        if wrong.returncode != 1 or "Tên đăng nhập hoặc mật khẩu không đúng" not in message:
            raise RuntimeError(f"wrong password: exit {wrong.returncode}: {message!r}")
        return f"{text.strip()!r}; a wrong password says so in Vietnamese on stderr (exit 1)"

    def check_data_location(self) -> str:
        db = self.data_dir / "tantay.db"
        if not db.is_file() or not (self.data_dir / "tantay.keys").is_file():
            raise RuntimeError(f"no tantay.db and tantay.keys in {self.data_dir}")
        head = db.read_bytes()[:16]
        if head == SQLITE_MAGIC:
            raise RuntimeError("the database is plain SQLite")
        sqlite = subprocess.run(
            [sys.executable, "-c", "import sqlite3,sys; sqlite3.connect(sys.argv[1])"
             ".execute('select count(*) from sqlite_master').fetchall()", str(db)],
            capture_output=True,
        )  # fmt: skip
        if sqlite.returncode == 0:
            raise RuntimeError("plain sqlite3 can read the database")
        if any(p.is_relative_to(self.program_dir) for p in self.data_dir.rglob("*")):
            raise RuntimeError("data inside the program folder")
        return f"{self._win(self.data_dir)}: tantay.db is not readable SQLite (SQLCipher)"

    def _window(self, pattern: str, process: subprocess.Popen, wait_s: float = 120):
        """(id, title, width, height) of the first top-level X window whose title matches."""
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"tantay.exe ended: {process.stderr.read()[-2000:]!r}")
            tree = subprocess.run(
                ["xwininfo", "-root", "-children"], capture_output=True, env=self.env
            ).stdout.decode("utf-8", "replace")
            for line in tree.splitlines():
                m = re.search(r'(0x[0-9a-f]+) "([^"]*)".*?(\d+)x(\d+)\+', line)
                if m and re.search(pattern, m.group(2)):
                    return m.group(1), m.group(2), int(m.group(3)), int(m.group(4))
            time.sleep(1)
        raise RuntimeError(f"no window titled {pattern!r} within {wait_s:.0f} s")

    def _screenshot(self, path: Path, settle_s: float = 3) -> None:
        time.sleep(settle_s)  # let it paint (and load its first page)
        subprocess.run(["import", "-window", "root", str(path)], env=self.env, check=True)
        colours = subprocess.run(
            ["identify", "-format", "%k", str(path)], capture_output=True, text=True
        ).stdout.strip()
        if not colours.isdigit() or int(colours) < 16:
            raise RuntimeError(f"{path.name} is blank ({colours} colours)")

    def check_gui(self) -> str:
        """tantay.exe on the 1366x768 Xvfb screen: the login window, then (typed in as a person
        would, with xdotool) the main window; both must fit the screen."""
        exe = self._win(self.program_dir / "tantay.exe")
        self.shots.mkdir(parents=True, exist_ok=True)
        process = subprocess.Popen(
            ["wine", exe],
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        seen = []
        try:
            window, title, width, height = self._window("Đăng nhập|Log in", process)
            self._screenshot(self.shots / "windows-login.png")
            seen.append(f"login {title!r} {width}x{height}")
            if width > 1366 or height > 768:
                raise RuntimeError(f"the login window ({width}x{height}) does not fit 1366x768")

            def xdotool(*args: str) -> None:
                subprocess.run(["xdotool", *args], env=self.env, check=True, timeout=30)

            xdotool("windowfocus", "--sync", window)
            xdotool("type", "--delay", "60", "admin")
            xdotool("key", "Tab")
            xdotool("type", "--delay", "60", DEMO_PASSWORD)
            xdotool("key", "Return")
            _, title, width, height = self._window(r"^Tận Tay — (?!.*Đăng nhập)", process, 90)
            self._screenshot(self.shots / "windows-main.png", settle_s=10)
            seen.append(f"main window {title!r} {width}x{height}")
            if width > 1366 or height > 768:
                raise RuntimeError(f"the main window ({width}x{height}) does not fit 1366x768")
        finally:
            if process.poll() is None:
                subprocess.run(["wineserver", "-k"], env=self.env, timeout=60)
            process.wait(timeout=60)
            self.idle()
        return "; ".join(seen) + f" on a 1366x768 screen; screenshots in {self.shots}"

    def installed_version(self) -> str:
        key = f"HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{bi.INNO_APP_ID[1:]}_is1"
        out = self.wine("reg", "query", key, "/v", "DisplayVersion").stdout.decode(
            "utf-8", "replace"
        )
        m = re.search(r"DisplayVersion\s+REG_SZ\s+(\S+)", out)
        return m.group(1) if m else f"(none: {out.strip()!r})"

    def check_upgrade(self) -> str:
        before = self.installed_version()
        took = self.install("next", self.next_setup)
        after = self.installed_version()
        wanted = self.next_setup.name.split("-")[1]
        if before != self.record["version"] or after != wanted:
            raise RuntimeError(f"installed version {before} -> {after}, expected -> {wanted}")
        if (self.program_dir / "unins001.exe").exists():
            raise RuntimeError("the upgrade was installed beside the old version, not over it")
        result = self.cli("--user", "admin", "audit", "verify", env={"TANTAY_PASSWORD": "demo1234"})
        if result.returncode != 0:
            raise RuntimeError(f"after the upgrade: {result.stderr!r}")
        counts = self.cli("demo-data", "--households", "1", env={"TANTAY_PASSWORD": "demo1234"})
        if counts.returncode != 0:
            raise RuntimeError(f"after the upgrade: {counts.stderr!r}")
        return (
            f"{before} -> {after} over it in {took} (same program folder, one uninstall entry): "
            "the database opens with the same password, its audit chain is intact, it takes "
            "new records"
        )

    def check_uninstall(self) -> str:
        uninstaller = self.program_dir / "unins000.exe"
        result = self.wine(
            self._win(uninstaller),
            "/VERYSILENT",
            "/SUPPRESSMSGBOXES",
            "/NORESTART",
            env={"WINEDLLOVERRIDES": self.env.get("WINEDLLOVERRIDES", "") + ";mpr=n"},
        )
        self.idle()  # the uninstaller runs a copy of itself and returns at once
        if result.returncode != 0:
            raise RuntimeError(f"uninstaller exit {result.returncode}")
        left = [p.name for p in self.program_dir.glob("*.exe")] if self.program_dir.exists() else []
        if left:
            raise RuntimeError(f"programs left behind: {left}")
        if not (self.data_dir / "tantay.db").is_file():
            raise RuntimeError("the uninstaller removed the data")
        script = ROOT / "build" / "windows" / "src" / "installer" / "tantay.iss"  # as built
        text = script.read_text(encoding="utf-8-sig") if script.exists() else ""
        isl = (ROOT / "installer" / "Vietnamese.isl").read_text(encoding="utf-8-sig")
        said = [line for line in isl.splitlines() if line.startswith("UninstalledAll=")]
        if "is kept" not in text or not said or "giữ lại" not in said[0]:
            raise RuntimeError("the uninstaller does not say that the data is kept")
        return (
            f"program removed, {self._win(self.data_dir)} kept with its database; it says "
            f"{said[0].split('=', 1)[1].replace('%%', '%')!r}"
        )

    def linux_first_start(self) -> None:
        with tempfile.TemporaryDirectory(prefix="tantay-linux-start-") as tmp:
            env = bi.smoke_environment(os.environ, Path(tmp), "linux")

            def start() -> subprocess.CompletedProcess:
                return subprocess.run(
                    [str(self.linux_app), "--smoke-test"], env=env, cwd=tmp, capture_output=True
                )

            started = time.monotonic()
            start()
            self.timings["linux_first_start"] = time.monotonic() - started
            self.timings["linux_warm_start"] = warm_start(start)


def warm_start(run: Callable[[], object], times: int = 3) -> float:
    """The median wall time of ``times`` more starts."""
    seconds = []
    for _ in range(times):
        started = time.monotonic()
        run()
        seconds.append(time.monotonic() - started)
    return sorted(seconds)[len(seconds) // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--installer", type=Path, required=True)
    parser.add_argument("--build-info", type=Path, required=True)
    parser.add_argument("--next-installer", type=Path, required=True, help="version x.y.(z+1)")
    parser.add_argument("--prefix", type=Path, required=True, help="a fresh Wine prefix")
    parser.add_argument("--linux-app", type=Path, required=True, help="the Linux frozen app")
    parser.add_argument("--screenshots", type=Path, required=True)
    args = parser.parse_args(argv)
    smoke = Smoke(args)
    size = smoke.setup.stat().st_size
    print(f"installer: {smoke.setup}")
    print(f"size: {size} bytes ({size / 2**20:.1f} MiB)")
    print(f"commit: {smoke.record['commit']}, built {smoke.record['built_at']}", flush=True)
    smoke.check("silent install, per user", smoke.check_install)
    smoke.check("first start: tantay-cli --smoke-test", smoke.check_first_start)
    smoke.check("--version: exact version and commit, any code page", smoke.check_version)
    smoke.check("--help into a pipe", smoke.check_help)
    smoke.check("demo-data + report json equal to Linux", smoke.check_demo_data_and_report)
    smoke.check("audit verify into a pipe", smoke.check_audit_verify)
    smoke.check("data in %LOCALAPPDATA%\\TanTay, encrypted", smoke.check_data_location)
    smoke.check("tantay.exe shows the login window (Xvfb)", smoke.check_gui)
    smoke.check("install over it keeps the data", smoke.check_upgrade)
    smoke.check("silent uninstall keeps the data folder", smoke.check_uninstall)
    smoke.linux_first_start()
    for kind in ("first", "warm"):
        w, lx = smoke.timings.get(f"windows_{kind}_start"), smoke.timings.get(f"linux_{kind}_start")
        if w and lx:
            print(
                f"{kind} start (--smoke-test): Windows build under Wine {w:.1f} s, Linux build "
                f"{lx:.1f} s: ratio {w / lx:.1f}"
            )
    failed = [name for name, ok, _ in smoke.results if not ok]
    passed = len(smoke.results) - len(failed)
    print(f"windows: {passed} passed, {len(failed)} failed")
    if size >= bi_limit():
        print(f"the installer is {size} bytes, over 60 MB")
        return 1
    return 1 if failed else 0


def bi_limit() -> int:
    return 60 * 1000 * 1000


if __name__ == "__main__":
    shutil.which("wine") or sys.exit("wine is not installed: run tools/windows/build.sh first")
    sys.exit(main())
