#!/usr/bin/env bash
# What nested rules files cost the pre-commit hook in a 10,000-file repository
# (one staged file), with hyperfine:
#   root-only      only the root .preflight.yaml (the index is still scanned
#                  once for nested files)
#   nested-20      20 packages, each with its own .preflight.yaml setting
#                  checks.large_files.max_size (each file read and layered)
#   baseline       root-only with BASELINE_BUILD's hook (a build without nested
#                  rules), when given: what the index scan adds
#
# usage: bench/nested_rules.sh [BUILD_DIR] [BASELINE_BUILD]
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
bench_build "${1:-}"
baseline=${2:-}
[ -z "$baseline" ] || baseline=$(cd "$baseline" && pwd)

bench_scratch

setup() { # NAME NESTED-COUNT
  git init -q "$work/$1"
  (
    cd "$work/$1"
    printf 'checks:\n  large_files:\n    max_size: 1MB\n' >.preflight.yaml
    for p in $(seq 1 20); do
      mkdir -p "packages/p$p"
      for i in $(seq 1 500); do printf 'line %d\n' "$i" >"packages/p$p/file$i.txt"; done
      if [ "$p" -le "$2" ]; then
        printf 'checks:\n  large_files:\n    max_size: 2MB\n' >"packages/p$p/.preflight.yaml"
      fi
    done
    git add -A
    git commit -q --no-verify -m "chore: start"
    echo change >>packages/p1/file1.txt
    git add packages/p1/file1.txt
  )
}
setup root-only 0
setup nested-20 20
[ "$(git -C "$work/nested-20" ls-files | wc -l)" -ge 10000 ] || { echo "setup failed" >&2; exit 1; }

commands=(
  -n root-only "cd $work/root-only && $build/libexec/preflight/pre-commit"
  -n nested-20 "cd $work/nested-20 && $build/libexec/preflight/pre-commit"
)
[ -z "$baseline" ] ||
  commands+=(-n baseline "cd $work/root-only && $baseline/libexec/preflight/pre-commit")
hyperfine --warmup 3 --min-runs 40 --export-json "$work/result.json" "${commands[@]}"
# Medians: the machine may be loaded, and the mean follows the outliers.
python3 - "$work/result.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
medians = {r["command"]: r["median"] * 1000 for r in results}
for name, median in medians.items():
    print(f"median {name}: {median:.2f} ms")
base = medians.get("baseline")
for name in ("root-only", "nested-20"):
    if base:
        print(f"{name} / baseline: {medians[name] / base:.2f}")
PY
