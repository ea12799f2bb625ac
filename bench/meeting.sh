#!/usr/bin/env bash
# Janus CPU per participant and join time (issue #8, item 10): Daftar (Release, SQLite, demo organisation) with a
# private Janus in a network namespace; N demo officers join one meeting from Chromium pages with fake media.
#   [N=4] [SPEAKERS=100] [SECONDS=20] bench/meeting.sh        (as root: it needs unshare -n)
# SPEAKERS below N gives a large review: only that many publish, the rest watch.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${1:-}" != --inside ]; then exec unshare -n "$ROOT/tools/in-media-namespace.sh" "$0" --inside; fi
N="${N:-4}" SPEAKERS="${SPEAKERS:-100}" SECONDS_RUN="${SECONDS:-20}"
WORK="$(mktemp -d /tmp/daftar-meeting.XXXXXX)"
trap '[ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish "$ROOT/src/Daftar.Web/Daftar.Web.csproj" -c Release -o "$WORK/app" --nologo -v quiet -p:UseAppHost=false >/dev/null
dotnet build "$ROOT/bench/Daftar.Load/Daftar.Load.csproj" -c Release -o "$WORK/load" --nologo -v quiet >/dev/null
SETTINGS=("Daftar__DataPath=$WORK/data" "ASPNETCORE_CONTENTROOT=$WORK/app" "Logging__LogLevel__Default=Warning" "Daftar__SeedDemo=true"
  "Janus__Servers__0__Name=local" "Janus__Servers__0__Url=$DAFTAR_JANUS_URL" "Janus__Servers__0__TokenSecret=$DAFTAR_JANUS_TOKEN_SECRET"
  "Janus__Servers__0__RoomAdminKey=$DAFTAR_JANUS_ROOM_KEY" "Meetings__PollSeconds=2")
BASE="http://127.0.0.1:5097"
env "${SETTINGS[@]}" DAFTAR_URLS="$BASE" dotnet "$WORK/app/Daftar.Web.dll" >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 1; done
# The chair (IG, Jaipur Range) and officers of the range and district who hold posts in the demo organisation.
CODES=(RJ100053 RJ100054 RJ100055 RJ100056 RJ100057 RJ100058 RJ100059 RJ100060 RJ100037 RJ100038 RJ100042 RJ100043)
for code in "${CODES[@]:0:$N}"; do
  token="$(env "${SETTINGS[@]}" dotnet "$WORK/app/Daftar.Web.dll" token create --user "$code" --days 1 | tail -1)"
  echo "$code,$token" >>"$WORK/tokens.csv"
done
dotnet "$WORK/load/Daftar.Load.dll" --meeting --url "$BASE" --tokens "$WORK/tokens.csv" --janus-pid "$(cat "$DAFTAR_JANUS_PID_FILE")" \
  --speakers "$SPEAKERS" --seconds "$SECONDS_RUN"
