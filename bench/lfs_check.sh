#!/usr/bin/env bash
# The cost of the lfs-pointer check (issue 18, item 9): it asks git's attributes
# about every checked file, where the checks used to ask only before reporting.
# `preflight run pre-push --from-ref A --to-ref B` over one commit adding 5,000
# small files: with a .gitattributes giving *.pt to LFS, checks.lfs enabled and
# disabled; and with no attributes mentioning LFS (the per-path lookups are
# skipped then), enabled. hyperfine, one run; medians with --export-json.
#
# usage: bench/lfs_check.sh [BUILD_DIR]   (default: build-release, then build)
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
bench_build "${1:-}"
preflight=$build/bin/preflight

bench_scratch
bench_small_and_large "$work/plain" 5000 0
git -C "$work/plain" add -A && git -C "$work/plain" commit -q -m "feat: 5,000 files"
bench_small_and_large "$work/repo" 5000 0
cd "$work/repo"
printf '*.pt filter=lfs diff=lfs merge=lfs -text\n' > .gitattributes
git add -A && git commit -q -m "feat: 5,000 files"
cp -a "$work/repo" "$work/off"
printf 'checks:\n  lfs:\n    enabled: false\n' > "$work/off/.preflight.local.yaml"

hyperfine --warmup 2 --runs 15 --export-json "$work/result.json" \
  -n "no LFS attributes, lfs-pointer on" "cd $work/plain && $preflight run pre-push --from-ref HEAD~1 --to-ref HEAD" \
  -n "lfs-pointer on" "cd $work/repo && $preflight run pre-push --from-ref HEAD~1 --to-ref HEAD" \
  -n "lfs-pointer off" "cd $work/off && $preflight run pre-push --from-ref HEAD~1 --to-ref HEAD" >/dev/null
python3 - "$work/result.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
floor = results[-1]["median"]
for r in results:
    print(f"{r['command']}: median {r['median'] * 1000:.1f} ms ({r['median'] / floor:.2f}x lfs-pointer off)")
PY
