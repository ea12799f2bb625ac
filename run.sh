#!/usr/bin/env bash
# Builds and starts Daftar on the embedded default (SQLite in ./data, demo organisation seeded on first start).
#   ./run.sh                 start the web application at http://127.0.0.1:5080 (DAFTAR_URLS or --urls to change)
#   ./run.sh VERB …          run an admin verb (migrate, seed, import FILE, token create --user CODE, --help)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: the .NET SDK (dotnet) is not on PATH. Install the .NET 10 SDK first." >&2
  exit 1
fi

# Letters are rendered by Chromium with Devanagari fonts. Install them with apt when they are missing (as root, or
# with sudo); otherwise say exactly what to install. Daftar runs without them and says so where letters are issued.
if [ "$#" -eq 0 ] || [[ "${1:-}" == --* && "${1:-}" != "--help" ]]; then
  missing=()
  for pkg in chromium fonts-noto-core fonts-lohit-deva janus libjs-janus-gateway libjs-webrtc-adapter; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo -n"
    if { [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; } && command -v apt-get >/dev/null 2>&1; then
      echo "run.sh: installing ${missing[*]} for rendering letters (apt-get)…"
      $SUDO apt-get update -qq >/dev/null 2>&1 || true
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
        || echo "run.sh: could not install ${missing[*]}; letters cannot be rendered until: apt-get install -y ${missing[*]}" >&2
    else
      echo "run.sh: letters cannot be rendered until you install: sudo apt-get install -y ${missing[*]}" >&2
    fi
  fi
fi

APP_DIR="$ROOT/.build/app"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Publish quietly, and only when a source file changed since the last publish (path, size and time of every file that
# goes into the build): an admin verb then starts in about a second instead of waiting 7–12 s for MSBuild to find
# nothing to do.
inputs="$(find src Directory.Build.props Directory.Packages.props global.json -type f -not -path '*/bin/*' -not -path '*/obj/*' \
  -printf '%p %s %T@\n' 2>/dev/null | sort | sha256sum | cut -d' ' -f1)"
if [ ! -f "$APP_DIR/Daftar.Web.dll" ] || [ "$(cat "$APP_DIR/.inputs" 2>/dev/null)" != "$inputs" ]; then
  if ! dotnet publish src/Daftar.Web/Daftar.Web.csproj -c Release -o "$APP_DIR" --nologo -v quiet -p:UseAppHost=false > "$ROOT/.build.log" 2>&1; then
    cat "$ROOT/.build.log" >&2
    echo "run.sh: the build failed (log above)." >&2
    exit 1
  fi
  echo "$inputs" > "$APP_DIR/.inputs"
fi
# The synthetic-data generator is bench tooling, not product: built and put beside Daftar only for the generate verb.
if [ "${1:-}" = generate ]; then
  if ! dotnet build bench/Daftar.Generator/Daftar.Generator.csproj -c Release --nologo -v quiet -o "$ROOT/.build/generator" >> "$ROOT/.build.log" 2>&1; then
    cat "$ROOT/.build.log" >&2
    echo "run.sh: the data generator did not build (log above)." >&2
    exit 1
  fi
  cp "$ROOT/.build/generator/Daftar.Generator.dll" "$APP_DIR/"
fi

export Daftar__DataPath="${DAFTAR_DATA:-${Daftar__DataPath:-$ROOT/data}}"
export Daftar__SeedDemo="${Daftar__SeedDemo:-true}"
# Static files and appsettings.json live beside the published program, wherever it is started from.
export ASPNETCORE_CONTENTROOT="$APP_DIR"
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Production}" ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"

if [ "$#" -eq 0 ] || [[ "${1:-}" == --* && "${1:-}" != "--help" ]]; then
  echo "Daftar is starting at ${DAFTAR_URLS:-http://127.0.0.1:5080} (data in $Daftar__DataPath). Press Ctrl-C to stop."
fi
# Meetings: unless production names its own Janus servers (Janus__Servers__0__Url…), start a private Janus for this
# machine (HTTP API on 127.0.0.1, reached only through Daftar) with fresh secrets, and stop it when Daftar stops.
JANUS_DIR=""
if { [ "$#" -eq 0 ] || [[ "${1:-}" == --* && "${1:-}" != "--help" ]]; } && [ -z "${Janus__Servers__0__Url:-}" ] && command -v janus >/dev/null 2>&1; then
  secret() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }
  JANUS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/daftar-janus.XXXXXX")"
  export JANUS_IP=127.0.0.1 JANUS_PORT="${JANUS_PORT:-8188}" JANUS_ADMIN_PORT="${JANUS_ADMIN_PORT:-7188}"
  export JANUS_ADMIN_SECRET="$(secret)" JANUS_ROOM_ADMIN_KEY="$(secret)" JANUS_TOKEN_SECRET="$(secret)"
  if "$ROOT/tools/janus.sh" start "$JANUS_DIR"; then
    export Janus__Servers__0__Name=local Janus__Servers__0__Url="http://127.0.0.1:$JANUS_PORT/janus"
    export Janus__Servers__0__TokenSecret="$JANUS_TOKEN_SECRET" Janus__Servers__0__RoomAdminKey="$JANUS_ROOM_ADMIN_KEY"
    echo "Video meetings: a local Janus is running for this demo (stopped with Daftar)."
  else
    echo "run.sh: Janus did not start; meetings work, but without Daftar's own video room (log: $JANUS_DIR/janus.log)." >&2
  fi
  trap '"$ROOT/tools/janus.sh" stop "$JANUS_DIR"; rm -rf "$JANUS_DIR"' EXIT
fi
if [ -n "$JANUS_DIR" ]; then
  # Daftar runs as a child so that Janus is stopped after it, however run.sh is stopped (Ctrl-C or kill).
  dotnet "$APP_DIR/Daftar.Web.dll" "$@" &
  DAFTAR_PID=$!
  trap 'kill -TERM "$DAFTAR_PID" 2>/dev/null' INT TERM
  status=0
  wait "$DAFTAR_PID" || status=$?
  # A trapped signal ends the first wait early; the second waits for Daftar's clean shutdown.
  wait "$DAFTAR_PID" 2>/dev/null || true
  exit "$status"
else
  # exec so that Ctrl-C reaches Daftar itself and it shuts down cleanly.
  exec dotnet "$APP_DIR/Daftar.Web.dll" "$@"
fi
