#!/usr/bin/env bash
# What the backups of tags, notes and other refs cost the commands that create
# refs, which the reference-transaction hook now sees as candidates (one
# hyperfine run, RUNS runs each), with no hook, a static C no-op hook, and the
# preflight hooks of each build given:
#   tag-*      100 `git tag` commands (creations: decided from the ref store)
#   branch-*   100 `git branch` commands (the same)
#   notes-*    30 `git notes add -f` commands (each a child of the notes tip)
#   fetch-*    a fetch of 300 new tags (git runs the hook twice per tag)
# in a repository whose packed-refs holds 20,000 tags, where a creation is
# looked up (a real clone packs every ref it fetched).
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
bench_tag_source "$work/source" 300 f/
cd "$work/repo"
seq 1 20000 | sed "s|.*|create refs/tags/old/& $(git rev-parse main)|" | git update-ref --stdin
git pack-refs --all
git remote add origin "$work/source"
# Before each run: the refs the commands create are gone again (no hook runs here).
reset="sh -c 'cd $work/repo && git for-each-ref --format=\"delete %(refname)\" refs/tags/new refs/tags/f refs/heads/b refs/notes | git update-ref --stdin'"
for group in tag branch notes fetch; do
  args=()
  for set in "${hook_sets[@]}"; do
    case $group in
      tag) cmd="for i in \$(seq 1 100); do $(with "$set") tag new/\$i; done" ;;
      branch) cmd="for i in \$(seq 1 100); do $(with "$set") branch b/\$i; done" ;;
      notes) cmd="for i in \$(seq 1 30); do $(with "$set") notes add -f -m \$i HEAD 2>/dev/null; done" ;;
      fetch) cmd="$(with "$set") fetch -q origin \"refs/tags/*:refs/tags/*\"" ;;
    esac
    args+=(-n "$group-$set" "bash -c '$cmd'")
  done
  hyperfine --warmup 1 --runs "$runs" --prepare "$reset" --export-json "$work/$group.json" \
    "${args[@]}" >&2
done
[ -z "$(git for-each-ref refs/heads/backup)" ] || { echo "creations made backups" >&2; exit 1; }
for i in "${!builds[@]}"; do echo "hooks$i: ${builds[$i]}"; done
bench_ratio_table "$work/tag.json" "$work/branch.json" "$work/notes.json" "$work/fetch.json"
