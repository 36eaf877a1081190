#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs what the tests need when missing (PostgreSQL,
# Chromium, CJK fonts), starts a throwaway PostgreSQL on 127.0.0.1 in a temporary directory, runs
# every test project in Engagement.sln, cleans up, and prints the totals as one line:
#   N passed, N failed[, N skipped]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

say() { printf '== %s\n' "$*" >&2; }

# --- 1. Tools the tests need -------------------------------------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
missing=()
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# --- 2. A throwaway PostgreSQL on loopback ------------------------------------------------
pg_dir=$(mktemp -d /tmp/engagement-pg.XXXXXX)
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"
cleanup() {
  if [ -f "$pg_dir/data/postmaster.pid" ]; then
    run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pg_dir"
}
trap cleanup EXIT

# PostgreSQL refuses to run as root: run it as the postgres user (or ourselves when not root).
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$pg_dir" postgres
  chown postgres "$pg_dir"
  run_pg() { runuser -u postgres -- "$@"; }
else
  run_pg() { "$@"; }
fi

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 20000 ))
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

pg_port=$(free_port)
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c max_connections=300" start >/dev/null
say "PostgreSQL listening on 127.0.0.1:$pg_port"
export ENGAGEMENT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true"
export ENGAGEMENT_TEST_CHROMIUM=/usr/bin/chromium
export ENGAGEMENT_TEST_ARTIFACTS="$results/artifacts"

# --- 3. Build once, then every test project -----------------------------------------------
dotnet build Engagement.sln -c Release -nologo -v quiet
set +e
dotnet test Engagement.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=1500000
status=$?
set -e

# --- 4. One line of totals over all projects ------------------------------------------------
passed=0; failed=0; skipped=0; trx_count=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  trx_count=$((trx_count + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(get passed); f=$(get failed); t=$(get total); e=$(get executed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$trx_count" -eq 0 ]; then failed=$((failed + 1)); say "no test results were written"; fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
