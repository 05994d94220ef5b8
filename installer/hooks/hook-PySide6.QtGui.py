"""Replaces PyInstaller's PySide6 hook: the same Qt libraries, without the plugins and Qt
translations the app does not ship (decided by build_installer.filter_qt_hook, before PyInstaller
follows the plugins' own library dependencies)."""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

import build_installer

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries, datas = build_installer.filter_qt_hook(binaries, datas, build_installer.platform_key())
