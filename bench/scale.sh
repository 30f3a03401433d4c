#!/usr/bin/env bash
# What a hook costs as the repository grows (issue 24): `git commit` of ONE
# changed file in repositories of N tracked files (generated with git
# fast-import), with hyperfine, for
#   plain git        no hooks
#   preflight        `preflight install`, default rules (pre-commit, commit-msg
#                    and the reference-transaction calls of a commit)
#   no-op floor      static C programs that do nothing, as the same hooks
#   lefthook         lefthook's pre-commit with one no-op command (`true`)
#   prek             prek's pre-commit with its built-in check-added-large-files
#   base             with BASE set: preflight's hooks from that other build
#                    (before/after figures from one run)
# and last, a commit of 10,000 changed files in the 10,000-file repository.
# Prints one markdown table: each hook column is what it adds to plain git, as
# wall-clock medians and (in brackets) CPU time, which a loaded machine
# inflates less.
#
# usage: bench/scale.sh [BUILD_DIR]
#   SIZES   the N to measure (default "1000 10000 100000 300000")
#   RUNS    hyperfine runs per command (default 15)
#   PEERS   folder holding the lefthook and prek executables (default: PATH;
#           `npm install --prefix DIR lefthook @j178/prek` puts them in
#           DIR/node_modules/.bin); a peer not found is left out of the table
#   REPOS   folder to keep the generated repositories in between runs
#           (default: a temporary folder, removed at the end)
#   BASE    another build folder (e.g. of main), measured as the column "base"
#   STAGED_ONLY=1  only the commit of 10,000 changed files (needs 10000 in SIZES)
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
bench_build "${1:-}"
[ -z "${BASE:-}" ] || BASE=$(cd "$BASE" && pwd)
bench_scratch
sizes=${SIZES:-1000 10000 100000 300000}
runs=${RUNS:-15}
repos=${REPOS:-$work/repos}
mkdir -p "$repos"
peer() { # NAME: the peer's executable, or nothing
  if [ -n "${PEERS:-}" ] && [ -x "$PEERS/$1" ]; then echo "$PEERS/$1"; else command -v "$1" || true; fi
}
lefthook=$(peer lefthook)
prek=$(peer prek)

# Hook folders, one per column (the generated repositories stay hook-free;
# each command names its folder with -c core.hooksPath).
mkdir -p "$work/hooks/plain" "$work/hooks/noop"
for hook in pre-commit commit-msg reference-transaction; do
  bench_noop_binary "$work/hooks/noop/$hook"
done
if [ -n "$lefthook" ]; then
  mkdir -p "$work/hooks/lefthook"
  printf '#!/bin/sh\nexec %q run pre-commit "$@"\n' "$lefthook" > "$work/hooks/lefthook/pre-commit"
  chmod +x "$work/hooks/lefthook/pre-commit"
fi
if [ -n "$prek" ]; then
  mkdir -p "$work/hooks/prek"
  printf '#!/bin/sh\nexec %q hook-impl --hook-type=pre-commit --hook-dir "$(dirname "$0")" -- "$@"\n' \
    "$prek" > "$work/hooks/prek/pre-commit"
  chmod +x "$work/hooks/prek/pre-commit"
fi

# generate DIR N: N files of a few bytes, 100 to a folder, two folder levels,
# plus the peers' configuration files, committed and checked out.
generate() {
  local dir=$1 n=$2
  [ -f "$dir/.generated-$n" ] && return
  rm -rf "$dir"
  git init -q "$dir"
  awk -v n="$n" 'BEGIN {
    printf "commit refs/heads/main\ncommitter Bench <b@example.org> 1700000000 +0000\ndata 12\nchore: start\n"
    printf "M 100644 inline lefthook.yml\ndata <<EOM\npre-commit:\n  commands:\n    noop:\n      run: \"true\"\nEOM\n"
    printf "M 100644 inline .pre-commit-config.yaml\ndata <<EOM\nrepos:\n  - repo: builtin\n    hooks:\n      - id: check-added-large-files\nEOM\n"
    for (i = 0; i < n; i++)
      printf "M 100644 inline d%03d/e%02d/file%06d.txt\ndata <<EOM\nline %d\nEOM\n", int(i / 1000), int(i / 100) % 10, i, i
    printf "\n"
  }' | git -C "$dir" fast-import --quiet
  git -C "$dir" read-tree -u --reset HEAD
  touch "$dir/.generated-$n"
  printf '/.generated-*\n' >> "$dir/.git/info/exclude"
}

# measure NAME REPO PREPARE: hyperfine over the columns, one commit each run;
# PREPARE (a shell command) stages the change before every run. Appends
# "NAME column median-seconds" lines to $work/medians.
measure() {
  local name=$1 repo=$2 prepare=$3 args=() column
  local columns=(plain preflight)
  [ -n "${BASE:-}" ] && columns+=(base)
  columns+=(noop)
  [ -n "$lefthook" ] && columns+=(lefthook)
  [ -n "$prek" ] && columns+=(prek)
  for column in "${columns[@]}"; do
    local hooks=$work/hooks/$column
    [ "$column" = preflight ] && hooks=$repo/.git/hooks
    [ "$column" = base ] && hooks=$repo/.git/hooks-base
    for _ in 1 2 3; do # warm up: caches, the peers' first-run set-up
      sh -c "$prepare" && git -C "$repo" -c core.hooksPath="$hooks" commit -q -m "feat: warm up" ||
        { echo "$name $column: commit failed" >&2; exit 1; }
    done
    args+=(--prepare "sh -c $(printf %q "$prepare")" -n "$column"
           "git -C $repo -c core.hooksPath=$hooks commit -q -m 'feat: measure'")
  done
  hyperfine -N --runs "$runs" --export-json "$work/$name.json" "${args[@]}" >&2
  python3 - "$work/$name.json" "$name" >> "$work/medians" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(sys.argv[2], r["command"], r["median"], r["user"] + r["system"])
PY
}

: > "$work/medians"
for n in $sizes; do
  repo=$repos/n$n
  echo "generating $n files in $repo" >&2
  generate "$repo" "$n"
  rm -rf "$repo/.git/hooks" "$repo/.git/hooks-base" # kept repositories: the hooks of this build
  if [ -n "${BASE:-}" ]; then
    (cd "$repo" && "$BASE/bin/preflight" install >/dev/null)
    mv "$repo/.git/hooks" "$repo/.git/hooks-base"
  fi
  (cd "$repo" && "$build/bin/preflight" install >/dev/null)
  [ -n "${STAGED_ONLY:-}" ] ||
    measure "$n" "$repo" "date +%s%N > $repo/d000/e00/file000000.txt && git -C $repo add d000/e00/file000000.txt"
done
case " $sizes " in *" 10000 "*)
  repo=$repos/n10000
  # Every tracked file changed and staged.
  measure staged10k "$repo" "git -C $repo ls-files -z 'd*' | (cd $repo && xargs -0 sh -c 'v=\$(date +%s%N); for f; do echo \$v > \"\$f\"; done' sh) && git -C $repo add -u"
esac

python3 - "$work/medians" <<'PY'
import sys
rows, cols = {}, []
for line in open(sys.argv[1]):
    name, col, median, cpu = line.split()
    rows.setdefault(name, {})[col] = (float(median) * 1000, float(cpu) * 1000)
    if col not in cols:
        cols.append(col)
head = {"plain": "plain git", "preflight": "+preflight (default hooks)", "base": "+preflight (BASE)",
        "noop": "+static no-op hooks (floor)", "lefthook": "+lefthook no-op",
        "prek": "+prek large-file check"}
print("wall medians in ms (CPU: user + system, means, of the whole git commit)")
print("| files | " + " | ".join(head[c] for c in cols) + " |")
print("|---|" + "---|" * len(cols))
for name, row in rows.items():
    label = "10k, 10,000 staged" if name == "staged10k" else f"{int(name):,}"
    wall, cpu = row["plain"]
    cells = [f"{wall:.1f} (cpu {cpu:.1f})"] + [
        f"{row[c][0] - wall:+.1f} ({row[c][1] - cpu:+.1f})" for c in cols[1:] if c in row]
    print(f"| {label} | " + " | ".join(cells) + " |")
PY
