#!/usr/bin/env bash
# The progress line of the built-in checks, measured (issue 20): the
# pre-commit hook (`git hook run pre-commit`, no team commands) with its
# standard error on a terminal (where a pass over 100 ms shows the updating
# line) and into a pipe (nothing more), both under util-linux's `script` so
# that they pay for the same pseudo-terminal. Two repositories: "small", 100
# staged files (the checks end long before the first frame: what the ticker
# thread costs), and "large", 64 MB of staged text (a few hundred ms of checks,
# the line drawn). With BASE=DIR (a build of another commit, e.g. main's) that
# build is measured the same way. hyperfine medians from one run.
#
# usage: bench/progress_checks.sh [BUILD_DIR]   (default: build-release, then build)
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
bench_build "${1:-}"
command -v script >/dev/null || { echo "needs script (util-linux)" >&2; exit 1; }
bench_scratch
export TERM=xterm

# repo_for NAME BUILD SIZE: a repository with the hooks of BUILD installed and
# either 100 small staged files (small) or 64 MB of staged text (large).
repo_for() {
  local dir="$work/$1"
  git init -q "$dir"
  (
    cd "$dir"
    git commit -q --allow-empty -m "chore: start"
    printf 'checks:\n  large_files:\n    max_size: 100MB\n' >.preflight.local.yaml
    if [ "$3" = small ]; then
      mkdir -p src
      for i in $(seq 1 100); do printf 'line %d\n' "$i" >"src/file$i.py"; done
    else
      head -c 48000000 /dev/urandom | base64 -w 76 >data.txt
    fi
    git add -A
    "$2/bin/preflight" install >/dev/null
  )
  echo "$dir"
}

commands=()
for size in small large; do
  r=$(repo_for "this-$size" "$build" "$size")
  commands+=(-n "$size-terminal" "cd $r && script -qec 'git hook run pre-commit' /dev/null"
             -n "$size-pipe" "cd $r && script -qec 'git hook run pre-commit 2>&1 | cat' /dev/null")
  if [ -n "${BASE:-}" ]; then
    b=$(repo_for "base-$size" "$(cd "$BASE" && pwd)" "$size")
    commands+=(-n "base-$size-terminal" "cd $b && script -qec 'git hook run pre-commit' /dev/null"
               -n "base-$size-pipe" "cd $b && script -qec 'git hook run pre-commit 2>&1 | cat' /dev/null")
  fi
done
# The output a terminal shows for the large set, once, for the record.
(cd "$work/this-large" && script -qec 'git hook run pre-commit' /dev/null | od -c | head -4)
hyperfine --warmup 3 --min-runs "${RUNS:-30}" "${commands[@]}" --export-json "$work/progress.json" >/dev/null
python3 - "$work/progress.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
print("| case | median [ms] | user+system CPU, mean [ms] |")
print("|---|---:|---:|")
for r in results:
    print("| %s | %.1f | %.1f |" % (r["command"], r["median"] * 1000, (r["user"] + r["system"]) * 1000))
PY
