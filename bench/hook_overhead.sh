#!/usr/bin/env bash
# What installed hooks add to `git commit` of one staged file, with hyperfine:
#   floor               no hooks at all
#   any-hook            a static no-op C binary as pre-commit: git's hook machinery
#                       plus one process start, the least any hook can cost here
#   pre-commit-noop     preflight's pre-commit alone, with nothing to check
#                       (`pre_commit: {enabled: false}`): start-up and rules
#   pre-commit-default  preflight's pre-commit alone, default rules (notebooks and
#                       the content checks on the staged file)
#   all-hooks-default   every preflight hook installed (pre-commit, commit-msg and
#                       two reference-transaction calls run per commit), default rules
#
# usage: bench/hook_overhead.sh [BUILD_DIR]   (default: build-release, then build)
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
bench_build "${1:-}"

bench_scratch

mkdir -p "$work/noop-hooks"
bench_noop_binary "$work/noop-hooks/pre-commit"
setup() { # NAME RULES-OR-EMPTY
  git init -q "$work/$1"
  (
    cd "$work/$1"
    [ -z "$2" ] || printf '%s\n' "$2" > .preflight.yaml
    echo data > file.txt
    git add -A
    git commit -q --no-verify -m "chore: start"
  )
}
mkdir -p "$work/pre-commit-only"
ln -s "$build/libexec/preflight/pre-commit" "$work/pre-commit-only/pre-commit"
setup floor ""
setup any-hook ""
git -C "$work/any-hook" config core.hooksPath "$work/noop-hooks"
setup pre-commit-noop "pre_commit: {enabled: false}"
git -C "$work/pre-commit-noop" config core.hooksPath "$work/pre-commit-only"
setup pre-commit-default ""
git -C "$work/pre-commit-default" config core.hooksPath "$work/pre-commit-only"
setup all-hooks-default ""
(cd "$work/all-hooks-default" && "$build/bin/preflight" install >/dev/null)

bench_commit_runs floor any-hook pre-commit-noop pre-commit-default all-hooks-default
hyperfine -N --runs "${RUNS:-100}" --export-markdown "$work/table.md" \
  --export-json "$work/table.json" "${args[@]}" >&2
cat "$work/table.md"
python3 - "$work/table.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
floor = results["floor"]["median"]
print("\nmedians (ms) and what each adds to the floor:")
for name, r in results.items():
    print(f"  {name:18s} {r['median'] * 1000:7.2f}  +{(r['median'] - floor) * 1000:6.2f}")
PY
