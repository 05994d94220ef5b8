"""The system packages the README names are the ones Qt's X11 plugin needs, and CI installs them.

A fresh Debian desktop that follows the README must get a window: ``ldd`` on PySide6's xcb plugin
(and the Qt library it loads) must find every library, and each library it needs from the system
must come from a package the README's ``apt-get install`` line names.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# system library (soname prefix) → the Debian/Ubuntu package that ships it
LIBRARY_PACKAGES = {
    "libGL.so": "libgl1",
    "libEGL.so": "libegl1",
    "libfontconfig.so": "libfontconfig1",
    "libdbus-1.so": "libdbus-1-3",
    "libglib-2.0.so": "libglib2.0-0",
    "libX11-xcb.so": "libx11-xcb1",
    "libxkbcommon.so": "libxkbcommon0",
    "libxkbcommon-x11.so": "libxkbcommon-x11-0",
    "libxcb-cursor.so": "libxcb-cursor0",
    "libxcb-icccm.so": "libxcb-icccm4",
    "libxcb-image.so": "libxcb-image0",
    "libxcb-keysyms.so": "libxcb-keysyms1",
    "libxcb-randr.so": "libxcb-randr0",
    "libxcb-render.so": "libxcb-render0",
    "libxcb-render-util.so": "libxcb-render-util0",
    "libxcb-shm.so": "libxcb-shm0",
    "libxcb-util.so": "libxcb-util1",
    "libxcb-shape.so": "libxcb-shape0",
    "libxcb-sync.so": "libxcb-sync1",
    "libxcb-xfixes.so": "libxcb-xfixes0",
    "libxcb-xkb.so": "libxcb-xkb1",
}


def _readme_packages() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    line = re.search(r"sudo apt-get install ([^\n]+)", text)
    assert line, "the README names the Linux packages in one `sudo apt-get install` line"
    return set(line.group(1).split())


def _ci_packages() -> set[str]:
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    block = re.search(r'GUI_PACKAGES="([^"]+)"', text)
    assert block, ".ci/run installs GUI_PACKAGES"
    return set(block.group(1).split())


def test_readme_and_ci_install_the_same_packages():
    assert _readme_packages() == _ci_packages()
    assert set(LIBRARY_PACKAGES.values()) <= _readme_packages()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")
@pytest.mark.skipif(shutil.which("ldd") is None, reason="needs ldd")
def test_the_xcb_plugin_finds_every_library_and_each_is_in_the_readme():
    from desktop_app.ui.qt import PYSIDE_DIR

    plugin = PYSIDE_DIR / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    qpa = PYSIDE_DIR / "Qt" / "lib" / "libQt6XcbQpa.so.6"
    assert plugin.exists()
    out = subprocess.run(
        ["ldd", str(plugin), str(qpa)], capture_output=True, text=True, check=True
    ).stdout
    missing = sorted({ln.split()[0] for ln in out.splitlines() if "not found" in ln})
    assert not missing, (
        f"Qt's X11 plugin cannot load {missing}: install the README's packages"
        " (.ci/run installs them)"
    )
    needed = {ln.split()[0] for ln in out.splitlines() if "=>" in ln}
    xlibs = {n for n in needed if re.match(r"lib(xcb-|xkbcommon|X11-xcb|GL\.|EGL\.)", n)}
    unknown = {n for n in xlibs if not any(n.startswith(k) for k in LIBRARY_PACKAGES)}
    assert not unknown, f"the plugin needs {sorted(unknown)}: add their packages to the README"
