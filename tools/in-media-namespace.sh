#!/usr/bin/env bash
# Runs a command inside the current (new, empty) network namespace with what loopback-only WebRTC needs: lo up, a veth
# pair carrying 127.0.0.2 (Janus never gathers ICE candidates on a loopback interface), and a private Janus + coturn
# bound to it. Use as: unshare -n tools/in-media-namespace.sh COMMAND…  (see PLATFORM.md, "Janus").
# Exports DAFTAR_JANUS_* / DAFTAR_TURN_* for the command, and stops Janus and coturn when it ends.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ip link set lo up
ip link add jv0 type veth peer name jv1
ip addr add 127.0.0.2/32 dev jv0
ip link set jv0 up
ip link set jv1 up
secret() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }
export JANUS_IP=127.0.0.2 JANUS_PORT=8088 JANUS_ADMIN_PORT=7088 JANUS_ICE_INTERFACE=jv0 TURN_PORT=3478
export JANUS_ADMIN_SECRET="$(secret)" JANUS_ROOM_ADMIN_KEY="$(secret)" JANUS_TOKEN_SECRET="$(secret)" TURN_SECRET="$(secret)"
JDIR="$(mktemp -d /tmp/daftar-janus.XXXXXX)"
trap '"$ROOT/tools/janus.sh" stop "$JDIR"; rm -rf "$JDIR"' EXIT
if ! "$ROOT/tools/janus.sh" start "$JDIR"; then
  echo "in-media-namespace: Janus did not start." >&2
  exit 1
fi
export DAFTAR_JANUS_URL="http://127.0.0.2:8088/janus" DAFTAR_JANUS_TOKEN_SECRET="$JANUS_TOKEN_SECRET" DAFTAR_JANUS_ROOM_KEY="$JANUS_ROOM_ADMIN_KEY"
export DAFTAR_TURN_URLS="turn:127.0.0.2:3478" DAFTAR_TURN_SECRET="$TURN_SECRET" DAFTAR_JANUS_PID_FILE="$JDIR/janus.pid"
"$@"
