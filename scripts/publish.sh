#!/usr/bin/env bash
# Self-contained builds to install without the .NET SDK or runtime: the web host (embedded mode, or a cluster's web
# front) and the cluster silo, for each runtime identifier given (default: linux-x64 win-x64), into
#   artifacts/publish/<rid>/web    Engagement.Web[.exe], wwwroot/ (fingerprinted, compressed), appsettings.json
#   artifacts/publish/<rid>/silo   Engagement.Silo[.exe], appsettings.json (the "schema" command is in it)
# Schema scripts are embedded in the assemblies. The same configuration keys and defaults apply as with `dotnet run`.
# Copy a folder to the server as it is (docs/operations/install.md); run it from anywhere.
#
#   scripts/publish.sh                 # linux-x64 and win-x64
#   scripts/publish.sh linux-x64       # one
#   CONFIGURATION=Debug OUT=/tmp/x scripts/publish.sh linux-x64
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=${CONFIGURATION:-Release}
out=${OUT:-artifacts/publish}
rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 win-x64)

publish() { # project rid folder
  echo "== $1 for $2 -> $out/$2/$3" >&2
  rm -rf "${out:?}/$2/$3"
  dotnet publish "src/$1" -c "$configuration" -r "$2" --self-contained true -nologo -v quiet \
    -p:DebugType=None -p:DebugSymbols=false -o "$out/$2/$3"
}

for rid in "${rids[@]}"; do
  publish Web "$rid" web
  publish Silo "$rid" silo
done

echo "Published to $out/: ${rids[*]}" >&2
