#!/usr/bin/env bash
# The ballots scenario measured by the bench's client and by wrk in one run (bench/wrk/README.md).
#   bench/wrk/run.sh [--full] [other ballots options, e.g. --workers 256]
# Without --full it adds --quick. Builds the server and the bench first (Release, under the shared build lock).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y wrk
  else
    echo "wrk is not installed: sudo apt-get install -y wrk (Debian, Ubuntu), or build it from https://github.com/wg/wrk" >&2
    exit 3
  fi
fi

quick=--quick
args=()
for arg in "$@"; do
  if [ "$arg" = --full ]; then quick=; else args+=("$arg"); fi
done

flock /tmp/engagement-build.lock dotnet build -c Release src/Web -v q -nologo
flock /tmp/engagement-build.lock dotnet build -c Release bench/Engagement.Bench -v q -nologo
# The machine may be shared: the load before and after says how quiet the run was.
cat /proc/loadavg
status=0
dotnet run -c Release --no-build --project bench/Engagement.Bench -- ballots $quick --wrk "${args[@]}" || status=$?
cat /proc/loadavg
exit $status
