#!/usr/bin/env bash
# The progress line, measured (issue 20): the pre-commit hook (`git hook run
# pre-commit`, 100 staged files, three `true` commands) with its standard error
# on a terminal (the updating line) and into a pipe (plain lines). Both run
# under util-linux's `script`, so that they pay for the same pseudo-terminal;
# in the pipe case the hook's output goes through `cat`. With BASE=DIR (a build
# of another commit, e.g. main's) that build is measured the same way.
# hyperfine medians from one run.
#
# usage: bench/progress.sh [BUILD_DIR]   (default: build-release, then build)
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
bench_build "${1:-}"
command -v script >/dev/null || { echo "needs script (util-linux)" >&2; exit 1; }
bench_scratch
export TERM=xterm

# repo_for NAME BUILD: a repository with the rules, 100 staged files and the
# hooks of BUILD installed.
repo_for() {
  local dir="$work/$1"
  git init -q "$dir"
  (
    cd "$dir"
    git commit -q --allow-empty -m "chore: start"
    printf '%s\n' 'extends: []' 'pre_commit:' '  commands:' \
      '    - {name: one, run: ["true"]}' '    - {name: two, run: ["true"]}' \
      '    - {name: three, run: ["true"]}' >.preflight.local.yaml
    mkdir -p src
    for i in $(seq 1 100); do printf 'line %d\n' "$i" >"src/file$i.py"; done
    git add src
    "$2/bin/preflight" install >/dev/null
  )
  echo "$dir"
}

r=$(repo_for this "$build")
commands=(-n terminal "cd $r && script -qec 'git hook run pre-commit' /dev/null"
          -n pipe "cd $r && script -qec 'git hook run pre-commit 2>&1 | cat' /dev/null")
if [ -n "${BASE:-}" ]; then
  b=$(repo_for base "$(cd "$BASE" && pwd)")
  commands+=(-n base-terminal "cd $b && script -qec 'git hook run pre-commit' /dev/null"
             -n base-pipe "cd $b && script -qec 'git hook run pre-commit 2>&1 | cat' /dev/null")
fi
# The output a terminal shows, once, for the record.
(cd "$r" && script -qec 'git hook run pre-commit' /dev/null | od -c | head -5)
hyperfine --warmup 5 --min-runs 60 "${commands[@]}" --export-json "$work/progress.json" >/dev/null
python3 - "$work/progress.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
first = results[0]["median"]
print("| case | median [ms] | vs terminal | user+system CPU, mean [ms] |")
print("|---|---:|---:|---:|")
for r in results:
    print("| %s | %.1f | %.2f | %.1f |" % (r["command"], r["median"] * 1000, r["median"] / first,
                                        (r["user"] + r["system"]) * 1000))
PY
