#!/usr/bin/env bash
# Starts a private Janus (VideoRoom over HTTP, admin API, signed-token authentication) and coturn for Daftar's demo and
# tests, and stops them. Everything lives in one throwaway folder; nothing under /etc is read or changed.
#   tools/janus.sh start DIR    (reads JANUS_IP, JANUS_PORT, JANUS_ADMIN_PORT, JANUS_ICE_INTERFACE, TURN_PORT, and the
#                                secrets JANUS_ADMIN_SECRET, JANUS_ROOM_ADMIN_KEY, JANUS_TOKEN_SECRET, TURN_SECRET)
#   tools/janus.sh stop DIR
set -euo pipefail
cmd=${1:?start or stop}; dir=${2:?folder}
lib=$(dirname "$(ls -d /usr/lib/*/janus/plugins 2>/dev/null | head -1)")

case "$cmd" in
start)
  mkdir -p "$dir/conf"
  ip=${JANUS_IP:-127.0.0.1}
  cat >"$dir/conf/janus.jcfg" <<CFG
general: {
  configs_folder = "$dir/conf"
  plugins_folder = "$lib/plugins"
  transports_folder = "$lib/transports"
  events_folder = "$lib/events"
  loggers_folder = "$lib/loggers"
  log_to_stdout = true
  debug_level = 3
  server_name = "Daftar"
  admin_secret = "${JANUS_ADMIN_SECRET:?}"
  token_auth = true
  token_auth_secret = "${JANUS_TOKEN_SECRET:?}"
  session_timeout = 60
}
media: { rtp_port_range = "${JANUS_RTP_PORTS:-20000-40000}" }
nat: {
  nice_debug = false
  ignore_mdns = true
  ${JANUS_ICE_INTERFACE:+ice_enforce_list = \"$JANUS_ICE_INTERFACE\"}
}
plugins: { disable = "libjanus_audiobridge.so,libjanus_duktape.so,libjanus_echotest.so,libjanus_lua.so,libjanus_nosip.so,libjanus_recordplay.so,libjanus_sip.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_voicemail.so" }
transports: { disable = "libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so,libjanus_websockets.so" }
events: { broadcast = false }
loggers: { disable = "libjanus_jsonlog.so" }
CFG
  cat >"$dir/conf/janus.transport.http.jcfg" <<CFG
general: { json = "plain", base_path = "/janus", http = true, port = ${JANUS_PORT:-8088}, ip = "$ip", https = false }
admin: { admin_base_path = "/admin", admin_http = true, admin_port = ${JANUS_ADMIN_PORT:-7088}, admin_ip = "$ip", admin_https = false }
cors: { }
CFG
  cat >"$dir/conf/janus.plugin.videoroom.jcfg" <<CFG
general: { admin_key = "${JANUS_ROOM_ADMIN_KEY:?}", lock_rtp_forward = true }
CFG
  janus -F "$dir/conf" -C "$dir/conf/janus.jcfg" >"$dir/janus.log" 2>&1 &
  echo $! >"$dir/janus.pid"
  if [ -n "${TURN_SECRET:-}" ] && command -v turnserver >/dev/null; then
    turnserver -n --listening-ip="$ip" --relay-ip="$ip" --listening-port="${TURN_PORT:-3478}" --use-auth-secret \
      --static-auth-secret="$TURN_SECRET" --realm=daftar --no-tls --no-dtls --no-cli --no-software-attribute \
      --allow-loopback-peers --log-file="$dir/turn.log" --pidfile="$dir/turn.pid" --simple-log >/dev/null 2>&1 &
    echo $! >"$dir/turn.pid"
  fi
  for _ in $(seq 1 100); do
    if (echo >"/dev/tcp/$ip/${JANUS_PORT:-8088}") 2>/dev/null; then exit 0; fi
    kill -0 "$(cat "$dir/janus.pid")" 2>/dev/null || break
    sleep 0.1
  done
  cat "$dir/janus.log" >&2
  exit 1
  ;;
stop)
  for f in "$dir/janus.pid" "$dir/turn.pid"; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  ;;
esac
