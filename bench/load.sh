#!/usr/bin/env bash
# The state-scale harness: generate a synthetic state, start Daftar on it (Release build), drive it with the load
# generator (the realistic mix, then each operation alone), and measure the limits beside it in the same run
# (openssl speed for the signing key; Chromium alone for letters; the raw database is measured by Daftar.Load --raw
# when PostgreSQL is used).
#
#   SCALE=demo|tiny|district|state DB=sqlite|postgres [DAFTAR_BENCH_PG_PORT=55432] [USERS=50] [SECONDS=30] [OP_SECONDS=15]
#     [OPEN_RATES="50 100"] [WARMUP=90 (0 for tiny)] bench/load.sh
#
# Each operation runs alone twice: closed loop (every user at once, as fast as answered: the throughput) and open loop
# at each of OPEN_RATES requests per second (latency counted from when each request was due: what an officer sees at
# that load).
#
# PostgreSQL: a local server that trusts the postgres user on 127.0.0.1 (./test.sh starts one; so can initdb).
# For a state, give it 4 GB of shared buffers in huge pages (sysctl -w vm.nr_hugepages=2300; -c shared_buffers=4GB
# -c huge_pages=on): the exact command is in docs/performance.md.
# A state takes 14–25 minutes and ~52 GB to generate: KEEP=1 keeps the database and the work folder, and
# DATABASE=<name> TOKENS=<file> MASTER_KEY=<base64> runs the load again on one kept (migrated first, not regenerated).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OPEN_RATES="${OPEN_RATES:-50 100}" SCALE="${SCALE:-tiny}" DB="${DB:-sqlite}" USERS="${USERS:-50}" SECONDS_RUN="${SECONDS:-30}" OP_SECONDS="${OP_SECONDS:-15}"
PORT="${PORT:-5098}" BASE="http://127.0.0.1:${PORT:-5098}"
WORK="$(mktemp -d /tmp/daftar-load.XXXXXX)"
cleanup() {
  [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true
  if [ -z "${KEEP:-}" ]; then
    rm -rf "$WORK"
    [ -n "${NAME:-}" ] && [ -z "${DATABASE:-}" ] && psql -h 127.0.0.1 -p "$DAFTAR_BENCH_PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS $NAME" >/dev/null 2>&1
  fi
  true
}
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet publish "$ROOT/src/Daftar.Web/Daftar.Web.csproj" -c Release -o "$WORK/app" --nologo -v quiet -p:UseAppHost=false >/dev/null
dotnet build "$ROOT/bench/Daftar.Load/Daftar.Load.csproj" -c Release -o "$WORK/load" --nologo -v quiet >/dev/null
# The generate verb finds the generator (bench tooling, not product) beside Daftar.
dotnet build "$ROOT/bench/Daftar.Generator/Daftar.Generator.csproj" -c Release -o "$WORK/generator" --nologo -v quiet >/dev/null
cp "$WORK/generator/Daftar.Generator.dll" "$WORK/app/"

MASTER_KEY="${MASTER_KEY:-$(head -c 32 /dev/urandom | base64)}"
echo "$MASTER_KEY" > "$WORK/master.key"
SETTINGS=("Daftar__DataPath=$WORK/data" "Daftar__ServerTiming=true" "ASPNETCORE_CONTENTROOT=$WORK/app" "Logging__LogLevel__Default=Warning" "Signing__MasterKey=$MASTER_KEY")
if [ "$DB" = postgres ]; then
  : "${DAFTAR_BENCH_PG_PORT:?set DAFTAR_BENCH_PG_PORT to a local PostgreSQL that trusts the postgres user}"
  NAME="${DATABASE:-daftar_bench_${SCALE}_$$}"
  [ -n "${DATABASE:-}" ] || psql -h 127.0.0.1 -p "$DAFTAR_BENCH_PG_PORT" -U postgres -qc "CREATE DATABASE $NAME" >/dev/null
  CONN="Host=127.0.0.1;Port=$DAFTAR_BENCH_PG_PORT;Username=postgres;Database=$NAME;Maximum Pool Size=200"
  # Every new connection's server process maps the shared buffers page by page; in 4 KB pages this machine spent 7 µs on
  # each first touch (a new backend counted an inbox in 23 ms, a warm one in 0.7 ms). docs/performance.md, ninth round.
  echo "== PostgreSQL: $(psql -h 127.0.0.1 -p "$DAFTAR_BENCH_PG_PORT" -U postgres -Atc "SELECT 'shared_buffers ' || current_setting('shared_buffers') || ', huge_pages ' || current_setting('huge_pages')" 2>/dev/null || echo '?')"
  SETTINGS+=("Database__Provider=Postgres" "Database__ConnectionString=$CONN")
fi

if [ -n "${DATABASE:-}" ]; then
  echo "== Reusing database $NAME (migrating it to this build)"
  cp "${TOKENS:?set TOKENS to the tokens file of the kept run}" "$WORK/tokens.csv"
  env "${SETTINGS[@]}" dotnet "$WORK/app/Daftar.Web.dll" migrate
else
  echo "== Generating '$SCALE' on $DB"
  env "${SETTINGS[@]}" dotnet "$WORK/app/Daftar.Web.dll" generate --scale "$SCALE" --tokens "$WORK/tokens.csv" | grep -v '^  '
fi
echo "== Starting Daftar at $BASE"
env "${SETTINGS[@]}" DAFTAR_URLS="$BASE" dotnet "$WORK/app/Daftar.Web.dll" >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 1; done
curl -sf "$BASE/healthz" >/dev/null || { cat "$WORK/server.log"; echo "Daftar did not start."; exit 1; }

LOAD=(dotnet "$WORK/load/Daftar.Load.dll" --url "$BASE" --tokens "$WORK/tokens.csv" --users "$USERS" --server-pid "$PID")
# After every phase, on PostgreSQL: the kept inbox counts must equal a recount of the files (issue #29: a phase that
# wrote wrong count changes made every later run on the kept database measure wrong counts).
check_counts() {
  if [ "$DB" = postgres ]; then
    dotnet "$WORK/load/Daftar.Load.dll" --check-counts "$CONN" | sed "s/^/   after $1: /" || { echo "   after $1: the kept inbox counts are wrong"; FAILED=1; }
  fi
}
# What the figures stand on: the durability settings and a fingerprint of this machine (the same build gave half the
# throughput on another machine of the same kind).
echo "== Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "   openssl speed rsa2048 (1 core): $(openssl speed -seconds 2 rsa2048 2>/dev/null | awk '/^rsa 2048/ {print $6 " signs/s"}')"
if [ "$DB" = postgres ]; then
  echo "   PostgreSQL: $(psql -h 127.0.0.1 -p "$DAFTAR_BENCH_PG_PORT" -U postgres -Atc "SELECT 'fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', wal_sync_method=' || current_setting('wal_sync_method') || ', shared_buffers=' || current_setting('shared_buffers')")"
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [ -x "$PGBIN/pg_test_fsync" ]; then
    echo "   pg_test_fsync (this disk, 8 kB writes): $("$PGBIN/pg_test_fsync" -s 2 -f "$WORK/fsync.test" 2>/dev/null | awk '/fdatasync/ && /ops\/sec/ {print $(NF-3) " fdatasync/s"; exit}')"
  fi
fi
# A new server compiles its hot code again for the second tier for about 70 s under load, and meanwhile the JIT takes half
# a core (docs/performance.md, fourteenth round): the figures below are for a server that has been running, so the mix
# runs untimed first, at a rate the JIT can keep up with (not for a tiny run, which only checks that the harness works).
WARMUP="${WARMUP:-$([ "$SCALE" = tiny ] && echo 0 || echo 90)}"
if [ "$WARMUP" -gt 0 ]; then
  echo "== Warming up: the realistic mix, untimed, $WARMUP s at 100/s"
  "${LOAD[@]}" --seconds "$WARMUP" --mix realistic --rate 100 >/dev/null || FAILED=1
fi
echo "== Realistic mix"
"${LOAD[@]}" --seconds "$SECONDS_RUN" --mix realistic --json "$WORK/realistic.json" || FAILED=1
check_counts "the mix"
for op in inbox open send search diarise sign; do
  echo "== $op alone"
  "${LOAD[@]}" --seconds "$OP_SECONDS" --mix "$op" | sed -n '2,$p' || FAILED=1
  check_counts "$op alone"
  if [ "$op" != sign ]; then
    for rate in $OPEN_RATES; do
      echo "-- $op at $rate/s (open loop)"
      "${LOAD[@]}" --seconds "$OP_SECONDS" --mix "$op" --rate "$rate" | sed -n '3,$p' || FAILED=1
    done
  fi
done
if [ "$DB" = postgres ]; then
  echo "== Database limit: the statements of an inbox view and of a send, raw through Npgsql at the same concurrency"
  dotnet "$WORK/load/Daftar.Load.dll" --raw "$CONN" --tokens "$WORK/tokens.csv" --users "$USERS" --seconds "$OP_SECONDS"
  check_counts "the raw statements"
fi
echo "== Inbox answer size (API, one busy officer; the page in a browser is measured by JourneyTests.InboxPage_…)"
TOKEN=$(head -1 "$WORK/tokens.csv" | cut -d, -f1)
curl -s -o /dev/null -w "inbox API %{size_download} bytes\n" -H "Authorization: Bearer $TOKEN" "$BASE/api/inbox?tab=opened"
curl -s --compressed -o /dev/null -w "inbox API compressed %{size_download} bytes transferred\n" -H "Authorization: Bearer $TOKEN" "$BASE/api/inbox?tab=opened"
# The signing rates are compared with each other: Daftar stops first, so that its timers and the collector do not take
# the cores from one of them and not the other.
kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=
echo "== Signing limit: openssl speed for the officers' key beside Daftar's note signature, on every core"
dotnet "$WORK/load/Daftar.Load.dll" --sign 5 "$(nproc)"
# The PDF limit: Chromium alone printing a Hindi letter, then the same letter rendered and PAdES-signed as Daftar issues it.
echo "== PDF limit: Chromium alone printing a letter, beside render + PAdES sign, one tab per core"
dotnet "$WORK/load/Daftar.Load.dll" --pdf "${PDF_SECONDS:-10}" "$(nproc)" || echo "PDF limit not measured: Chromium is missing (./run.sh installs it)."
if [ "$DB" = postgres ]; then psql -h 127.0.0.1 -p "$DAFTAR_BENCH_PG_PORT" -U postgres -qc "SELECT pg_size_pretty(pg_database_size('$NAME')) AS database_size"; fi
exit "${FAILED:-0}"
