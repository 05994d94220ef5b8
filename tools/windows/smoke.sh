#!/usr/bin/env bash
# Prove the Windows installer that tools/windows/build.sh made: install it silently in a fresh
# Wine prefix (under Xvfb) and use it as a commune admin would. Prints the installer's path and
# size and one line per check (tools/windows/smoke.py has the checks); exits 1 if any failed.
#
#   tools/windows/smoke.sh [dist/TanTay-<version>-windows-setup.exe]
#
# The Linux build of the same source (build_installer.py build, into build/linux/) is made here
# too: the Windows report must equal its report, and its first start is the yardstick for
# the Windows build's first start under Wine.
set -euo pipefail
source "$(dirname "$0")/common.sh"
started=$(date +%s)

ensure_system_packages
version="$(version_of_source)"
setup="${1:-$ROOT/dist/TanTay-$version-windows-setup.exe}"
info="$ROOT/dist/TanTay-$version-windows-build-info.json"
[ -f "$setup" ] || die "no installer at $setup: run tools/windows/build.sh first"
[ -f "$info" ] || die "no $info: run tools/windows/build.sh first"
PY="$(host_python)"
commit="$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["commit"])' "$info")"

# --- the Linux build of the same snapshot, to compare with --------------------------------------
SRC="$WIN_DIR/src"
[ -f "$SRC/build_installer.py" ] || die "no source snapshot in $SRC: run tools/windows/build.sh"
LINUX="$ROOT/build/linux"
if [ "$(cat "$LINUX/commit" 2>/dev/null)" != "$commit" ] || [ ! -x "$LINUX/dist/TanTay/tantay" ]; then
  say "the Linux build of the same source (build_installer.py build)"
  rm -rf "$LINUX"
  mkdir -p "$LINUX"
  (cd "$SRC" && TANTAY_BUILD_COMMIT="$commit" "$PY" build_installer.py build \
    --dist "$LINUX/dist" --work "$LINUX/work") >"$LINUX/build.log" 2>&1 ||
    { tail -30 "$LINUX/build.log"; die "the Linux build failed"; }
  echo "$commit" >"$LINUX/commit"
fi

# --- the installer of a next version, to upgrade to ---------------------------------------------
# The same program files, packaged by the same generated Inno Setup script as version x.y.(z+1):
# what a commune gets when a new release comes out.
next_version="$("$PY" -c 'import sys; a = sys.argv[1].split("."); a[-1] = str(int(a[-1]) + 1); print(".".join(a))' "$version")"
NEXT="$WIN_DIR/next"
next_setup="$NEXT/TanTay-$next_version-windows-setup.exe"
if [ ! -f "$next_setup" ] || [ "$next_setup" -ot "$setup" ]; then
  say "the installer of version $next_version (Inno Setup under Wine)"
  rm -rf "$NEXT"
  mkdir -p "$NEXT"
  script="$SRC/installer/tantay-next.iss"
  "$PY" - "$SRC/installer/tantay.iss" "$script" "$next_version" \
    "$(WINEPREFIX="$WIN_DIR/prefix" winepath -w "$NEXT")" <<'EOF'
import re, sys
source, target, new, out_dir = sys.argv[1:]
text = open(source, encoding="utf-8-sig").read()
for pattern, value in (
    (r'^#define AppVersion ".*"$', f'#define AppVersion "{new}"'),
    (r"^VersionInfoVersion=.*$", f"VersionInfoVersion={new}"),
    (r"^OutputBaseFilename=.*$", f"OutputBaseFilename=TanTay-{new}-windows-setup"),
    (r"^OutputDir=.*$", f"OutputDir={out_dir}"),
):
    text, count = re.subn(pattern, lambda _m: value, text, flags=re.M)
    assert count == 1, pattern
open(target, "w", encoding="utf-8-sig").write(text)
EOF
  (cd "$SRC/installer" && WINEPREFIX="$WIN_DIR/prefix" wine_run \
    'C:\Program Files (x86)\Inno Setup 6\ISCC.exe' /Q "$(WINEPREFIX="$WIN_DIR/prefix" winepath -w "$script")") \
    >"$NEXT/iscc.log" || { tail -20 "$NEXT/iscc.log"; die "ISCC failed for version $next_version"; }
  WINEPREFIX="$WIN_DIR/prefix" wineserver -w
  [ -f "$next_setup" ] || die "no $next_setup"
fi

# --- a fresh Windows: new prefix, stand-ins, a 1366x768 screen ---------------------------------
say "a fresh Wine prefix and a 1366x768 Xvfb screen"
PREFIX="$WIN_DIR/smoke-prefix"
[ -f "$WIN_DIR/standins/mpr.dll" ] || build_standins
xvfb_pid=""
cleanup() {
  WINEPREFIX="$PREFIX" wineserver -k 2>/dev/null || true
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT
displayfile="$(mktemp)"
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3>"$displayfile" >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$displayfile" ] && break; sleep 0.1; done
[ -s "$displayfile" ] || die "Xvfb did not start"
export DISPLAY=":$(head -1 "$displayfile")"
rm -f "$displayfile"
make_prefix "$PREFIX"
export WINEPREFIX="$PREFIX"

say "checks"
set +e
"$PY" "$HERE/smoke.py" --installer "$setup" --build-info "$info" --prefix "$PREFIX" \
  --next-installer "$next_setup" \
  --linux-app "$LINUX/dist/TanTay/tantay" --screenshots "$WIN_DIR/screenshots"
status=$?
set -e
echo "smoke time: $(($(date +%s) - started)) s"
exit "$status"
