#!/usr/bin/env bash
# The city server installs and runs without Qt (issue 13): a fresh venv gets
# requirements/server.txt and the source tree with --no-deps (see that file for why), then
# makes a key file, starts `serve` on a SQLite database, enrols nothing, and answers /health and
# /api/v1/metrics. Fails if PySide6 got installed or the server does not answer.
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --upgrade pip
"$work/venv/bin/python" -m pip install -q -r requirements/server.txt
"$work/venv/bin/python" -m pip install -q --no-deps -e .
if "$work/venv/bin/python" -c "import PySide6" 2>/dev/null; then
  echo "server install pulled in PySide6" >&2
  exit 1
fi
py="$work/venv/bin/python"
"$py" -m city_server init-keys "$work/keys.json"
port="$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$py" -m city_server serve --db "$work/city.db" --keys "$work/keys.json" --port "$port" \
  >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  if "$py" -c "import httpx,sys; sys.exit(httpx.get('http://127.0.0.1:$port/api/v1/health').status_code != 200)" 2>/dev/null; then
    "$py" -c "import httpx; t=httpx.get('http://127.0.0.1:$port/api/v1/metrics').text; assert 'tantay_devices 0.0' in t, t"
    "$py" -m city_server stats --db "$work/city.db" >/dev/null
    echo "server-only install: ok (no PySide6; serve, health, metrics, stats)"
    exit 0
  fi
  sleep 0.2
done
cat "$work/serve.log" >&2
echo "server-only install: the server did not answer" >&2
exit 1
