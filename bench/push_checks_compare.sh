#!/usr/bin/env bash
# What pre-push's content checks cost in two builds (for example main's and a
# branch's): `preflight run pre-push --from-ref <first commit> --to-ref main` over
# 10,000 commits each changing one of 500 files, then over the same history
# plus one commit that moves those 500 files into another folder (the same blobs
# under new paths, which are checked again since a path decides as much as the
# bytes). hyperfine medians from one run, and their ratios.
#
# usage: bench/push_checks_compare.sh BASE_BUILD_DIR NEW_BUILD_DIR
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
base=$(cd "$1" && pwd)/bin/preflight
new=$(cd "$2" && pwd)/bin/preflight

bench_scratch
bench_history "$work/repo" "${COMMITS:-10000}"
cd "$work/repo"
first=$(git rev-list --max-parents=0 HEAD)
git branch plain
mkdir moved && git mv file*.txt moved/ && git commit -q -m "refactor: move the files"
for build in "$base" "$new"; do # both accept both ranges, or the figures would time a refusal
  for to in plain main; do
    "$build" run pre-push --from-ref "$first" --to-ref "$to" >/dev/null 2>&1 ||
      { echo "$build refused $first..$to" >&2; exit 1; }
  done
done

args=()
for to in plain main; do
  args+=(-n "base $to" "$base run pre-push --from-ref $first --to-ref $to"
         -n "new $to" "$new run pre-push --from-ref $first --to-ref $to")
done
hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json "$work/push.json" "${args[@]}" >&2
python3 - "$work/push.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
for to, what in (("plain", "10,000 commits"), ("main", "10,000 commits and a move of 500 files")):
    b, n = r["base " + to], r["new " + to]
    print(f"{what}: base {b * 1000:.1f} ms, new {n * 1000:.1f} ms ({n / b:.2f}x)")
PY
