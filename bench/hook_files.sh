#!/usr/bin/env bash
# What the per-repository hook files cost on `git commit` of one changed file
# (git runs pre-commit, commit-msg and reference-transaction twice), with
# hyperfine, in one run:
#   floor       no hooks at all
#   noop        a static C no-op program as every hook: process creation, the
#               least any hook can cost here
#   links       preflight's hooks as symbolic links to the shared binaries (how
#               preflight installed them before the launcher)
#   launchers   `preflight install`: a small launcher copy per hook that executes
#               the shared binary
# and prints what each adds to the floor, and launchers' extra cost as a
# multiple of noop's (the target: at most 1.5).
#
# usage: bench/hook_files.sh [BUILD_DIR]   (default: build-release, then build)
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
bench_build "${1:-}"
bench_scratch

hooks="pre-commit commit-msg pre-push post-checkout reference-transaction"
mkdir -p "$work/noop-hooks" "$work/link-hooks"
bench_noop_binary "$work/noop-binary"
for hook in $hooks; do
  cp "$work/noop-binary" "$work/noop-hooks/$hook"
  ln -s "$build/libexec/preflight/$hook" "$work/link-hooks/$hook"
done
setup() { # NAME
  git init -q "$work/$1"
  (cd "$work/$1" && echo data > file.txt && git add -A && git commit -q --no-verify -m "chore: start")
}
setup floor
setup noop && git -C "$work/noop" config core.hooksPath "$work/noop-hooks"
setup links && git -C "$work/links" config core.hooksPath "$work/link-hooks"
setup launchers && (cd "$work/launchers" && "$build/bin/preflight" install >/dev/null)

bench_commit_runs floor noop links launchers
hyperfine -N --runs "${RUNS:-200}" --export-json "$work/table.json" "${args[@]}" >&2
python3 - "$work/table.json" <<'PY'
import json, sys
results = {r["command"]: r["median"] * 1000 for r in json.load(open(sys.argv[1]))["results"]}
floor = results["floor"]
print("medians (ms) and what each adds to the floor:")
for name, median in results.items():
    print(f"  {name:10s} {median:7.2f}  +{median - floor:5.2f}")
noop = results["noop"] - floor
for name in ("links", "launchers"):
    print(f"{name}: {(results[name] - floor) / noop:.2f}x the no-op hooks' cost")
PY
