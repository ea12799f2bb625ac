#!/usr/bin/env bash
# Measures the employee-master import: generates ROWS rows (default 10,000) that create posts and postings,
# imports them into a fresh SQLite database (and PostgreSQL when DAFTAR_BENCH_PG_PORT names a local server that
# trusts the postgres user, like the one test.sh starts),
# then imports them again (every row an update). Prints the importer's own timing and the process's peak RSS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${ROWS:-10000}"
WORK="$(mktemp -d /tmp/daftar-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

{
  echo "employee_code,name_en,name_hi,email,mobile,post_code,charge,from_date,to_date,designation_code,office_code,section_code,reports_to"
  for ((i = 0; i < ROWS; i++)); do
    printf 'RJ8%05d,Employee %d,कार्मिक %d,e%d@rajasthan.example,94%08d,P-BULK-%d,primary,2026-04-01,,LDC,DIST-JPR,GEN,UDC-JPR-GEN\n' "$i" "$i" "$i" "$i" "$i" "$i"
  done
} > "$WORK/employees.csv"

run() { # label, then environment for run.sh
  local label=$1; shift
  env "$@" "$ROOT/run.sh" seed > /dev/null
  for pass in first repeat; do
    /usr/bin/time -f "%M" -o "$WORK/rss" env "$@" "$ROOT/run.sh" import "$WORK/employees.csv" > "$WORK/out" 2>&1
    printf '%-12s %-7s %s  peak RSS %s MB\n' "$label" "$pass" "$(grep -o '([0-9.]* s)' "$WORK/out")" "$(( $(cat "$WORK/rss") / 1024 ))"
  done
}

echo "Importing $ROWS rows"
run SQLite DAFTAR_DATA="$WORK/sqlite"
if [ -n "${DAFTAR_BENCH_PG_PORT:-}" ]; then
  db="daftar_bench_$$"
  psql -h 127.0.0.1 -p "$DAFTAR_BENCH_PG_PORT" -U postgres -qc "CREATE DATABASE $db" >/dev/null
  run PostgreSQL Database__Provider=Postgres "Database__ConnectionString=Host=127.0.0.1;Port=$DAFTAR_BENCH_PG_PORT;Username=postgres;Database=$db"
  psql -h 127.0.0.1 -p "$DAFTAR_BENCH_PG_PORT" -U postgres -qc "DROP DATABASE $db" >/dev/null
fi
