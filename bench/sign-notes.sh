#!/usr/bin/env bash
# Measures signing a note through the API against the raw signature rate of the same key type (openssl speed).
# Starts Daftar on a throwaway SQLite database, enrols one officer, opens a signing session, writes N green notes,
# then signs them one after another (N, default 200) and reports requests per second and the mean latency.
# A note signature costs two private-key operations: the officer's signature and the timestamp token's.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${N:-200}"
PORT="${PORT:-5097}"
WORK="$(mktemp -d /tmp/daftar-sign-bench.XXXXXX)"
BASE="http://127.0.0.1:$PORT"
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

DAFTAR_DATA="$WORK/data" "$ROOT/run.sh" seed >/dev/null
TOKEN=$(DAFTAR_DATA="$WORK/data" "$ROOT/run.sh" token create --user RJ100012 --name bench | tail -1)
DAFTAR_DATA="$WORK/data" DAFTAR_URLS="$BASE" "$ROOT/run.sh" >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 1; done
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }

api -X POST "$BASE/api/signing/enrol" -d '{"pin":"581937","confirmPin":"581937"}' >/dev/null
api -X POST "$BASE/api/signing/session" -d '{"pin":"581937"}' >/dev/null
FILE=$(api -X POST "$BASE/api/files" -d '{"subject":"Signing benchmark","headNumber":12}' | grep -o '[0-9]\+' | head -1)
NOTES=()
for ((i = 0; i < N; i++)); do
  NOTE=$(api -X POST "$BASE/api/files/$FILE/notes" -d "{\"text\":\"Benchmark note $i: प्रस्ताव अनुमोदनार्थ प्रस्तुत है।\"}" | grep -o '[0-9]\+' | head -1)
  api -X POST "$BASE/api/notes/$NOTE/confirm" >/dev/null
  NOTES+=("$NOTE")
done
START=$(date +%s.%N)
for NOTE in "${NOTES[@]}"; do api -X POST "$BASE/api/notes/$NOTE/sign" -d '{}' >/dev/null; done
END=$(date +%s.%N)
ELAPSED=$(echo "$END - $START" | bc -l)
RATE=$(echo "$N / $ELAPSED" | bc -l)
RAW=$(openssl speed -seconds 3 rsa2048 2>/dev/null | awk '/^rsa 2048/ {print $6}')
printf 'Signed %d notes through the API in %.2f s: %.1f signatures/s, %.1f ms each (one client, sequential)\n' "$N" "$ELAPSED" "$RATE" "$(echo "1000 * $ELAPSED / $N" | bc -l)"
printf 'openssl speed rsa2048 (one core): %s signs/s; a note needs 2 RSA signatures, so the ceiling is about %.0f notes/s per core\n' "$RAW" "$(echo "$RAW / 2" | bc -l)"
# The same client and connection pattern on a cheap authenticated call, to tell the signing cost from the HTTP/curl cost.
START=$(date +%s.%N)
for ((i = 0; i < N; i++)); do api "$BASE/api/notes/${NOTES[0]}/signature" >/dev/null; done
END=$(date +%s.%N)
printf 'Verifying a note signature through the API (GET .../signature): %.1f ms each\n' "$(echo "1000 * ($END - $START) / $N" | bc -l)"
START=$(date +%s.%N)
for ((i = 0; i < N; i++)); do api "$BASE/api/me" >/dev/null; done
END=$(date +%s.%N)
printf 'Baseline, GET /api/me with the same client: %.1f ms each\n' "$(echo "1000 * ($END - $START) / $N" | bc -l)"
