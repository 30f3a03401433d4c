#!/usr/bin/env bash
# The server hooks, measured (issue 22): `git push` of 10,000 new commits (each
# changing one of 500 files) into an empty bare repository, with no hook (the
# floor) and with `preflight install --server` (pre-receive checks every
# message and file the push brings, update does nothing). hyperfine medians from
# one run, and their ratio. Each run pushes into a fresh copy of the server.
#
# usage: bench/server_push.sh [BUILD_DIR]   (default: build-release, then build)
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
bench_build "${1:-}"
preflight=$build/bin/preflight

bench_scratch
bench_history "$work/client" "${COMMITS:-10000}"
git init -q --bare "$work/plain.template"
git init -q --bare "$work/hooked.template"
"$preflight" -C "$work/hooked.template" install --server >/dev/null

# A push that the hooks must accept, or the figures would time a refusal.
cp -a "$work/hooked.template" "$work/check.git"
git -C "$work/client" push -q "$work/check.git" main
[ "$(git -C "$work/check.git" rev-parse main)" = "$(git -C "$work/client" rev-parse main)" ] ||
  { echo "the hooked server refused the push" >&2; exit 1; }

args=()
for name in plain hooked; do
  args+=(--prepare "sh -c 'rm -rf $work/$name.git && cp -a $work/$name.template $work/$name.git'"
         -n "$name" "git -C $work/client push -q $work/$name.git main")
done
hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json "$work/push.json" "${args[@]}" >&2
python3 - "$work/push.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
plain, hooked = results["plain"]["median"], results["hooked"]["median"]
print(f"push of 10,000 new commits, median of {len(results['hooked']['times'])} runs:")
print(f"  no hook            {plain * 1000:8.1f} ms")
print(f"  preflight --server {hooked * 1000:8.1f} ms  ({hooked / plain:.2f}x, +{(hooked - plain) * 1000:.0f} ms)")
PY
