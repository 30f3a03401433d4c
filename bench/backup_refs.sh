#!/usr/bin/env bash
# What the backups of tags, notes and other refs cost the commands that create
# refs, which the reference-transaction hook now sees as candidates (one
# hyperfine run, RUNS runs each), with no hook, a static C no-op hook, and the
# preflight hooks of each build given:
#   tag-*      100 `git tag` commands (creations: decided from the ref store)
#   branch-*   100 `git branch` commands (the same)
#   notes-*    30 `git notes add -f` commands (each a child of the notes tip)
#
# usage: bench/backup_refs.sh BUILD_DIR [OTHER_BUILD_DIR]
#        e.g. bench/backup_refs.sh /work/main/build-merge build
# Prints each command's median and its ratio to the no-hook and no-op-hook runs.
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
builds=()
for dir in "$@"; do
  bench_build "$dir"
  builds+=("$build")
done
[ "${#builds[@]}" -gt 0 ] || { echo "usage: $0 BUILD_DIR [OTHER_BUILD_DIR]" >&2; exit 2; }
runs=${RUNS:-5}
bench_scratch
mkdir -p "$work/none" "$work/noop"
bench_noop_binary "$work/noop/reference-transaction"
hook_sets=(none noop)
for i in "${!builds[@]}"; do
  mkdir -p "$work/hooks$i"
  ln -s "${builds[$i]}/libexec/preflight/reference-transaction" "$work/hooks$i/reference-transaction"
  hook_sets+=("hooks$i")
done
with() { echo "git -c core.hooksPath=$work/$1"; }

bench_history "$work/repo" 200
cd "$work/repo"
git pack-refs --all
# Before each run: the refs the commands create are gone again (no hook runs here).
reset="sh -c 'cd $work/repo && git for-each-ref --format=\"delete %(refname)\" refs/tags refs/heads/b refs/notes | git update-ref --stdin'"
for group in tag branch notes; do
  args=()
  for set in "${hook_sets[@]}"; do
    case $group in
      tag) cmd="for i in \$(seq 1 100); do $(with "$set") tag t\$i; done" ;;
      branch) cmd="for i in \$(seq 1 100); do $(with "$set") branch b/\$i; done" ;;
      notes) cmd="for i in \$(seq 1 30); do $(with "$set") notes add -f -m \$i HEAD 2>/dev/null; done" ;;
    esac
    args+=(-n "$group-$set" "bash -c '$cmd'")
  done
  hyperfine --warmup 1 --runs "$runs" --prepare "$reset" --export-json "$work/$group.json" \
    "${args[@]}" >&2
done
[ -z "$(git for-each-ref refs/heads/backup)" ] || { echo "creations made backups" >&2; exit 1; }
for i in "${!builds[@]}"; do echo "hooks$i: ${builds[$i]}"; done
python3 - "$work/tag.json" "$work/branch.json" "$work/notes.json" <<'PY'
import json, sys
print("| command | median | / no hook | / no-op hook |")
print("|---|---:|---:|---:|")
for path in sys.argv[1:]:
    medians = {r["command"]: r["median"] for r in json.load(open(path))["results"]}
    for name, median in medians.items():
        group = name.split("-")[0]
        none, noop = medians.get(group + "-none"), medians.get(group + "-noop")
        ratio = lambda base: f"{median / base:.2f}x" if base else ""
        print(f"| {name} | {median * 1000:.1f} ms | {ratio(none)} | {ratio(noop)} |")
PY
