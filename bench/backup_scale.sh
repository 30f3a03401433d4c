#!/usr/bin/env bash
# What the backup hooks cost at scale (issue 16), measured with hyperfine in one run:
#   delete-*       `git branch -D` with 500 names, of 1,000 branches that all sit
#                  on main's history (merged work: nothing to back up), with no
#                  hook, a static C no-op hook, and preflight's hooks
#   xargs-*        the same 500 through `for-each-ref | xargs git branch -D`
#   tags-*         a fetch of 300 new tags (git runs the hook twice per tag)
#   list           `preflight backup list` with 300 backups among 1,300 refs
#
# usage: bench/backup_scale.sh [BUILD_DIR]   (default: build-release, then build)
#        RUNS=N sets the runs per command (default 5)
# Prints each command's median and its ratio to the no-hook and no-op-hook runs.
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
bench_build "${1:-}"
runs=${RUNS:-5}
bench_scratch
mkdir -p "$work/none" "$work/noop" "$work/hooks"
bench_noop_binary "$work/noop/reference-transaction"
ln -s "$build/libexec/preflight/reference-transaction" "$work/hooks/reference-transaction"
with() { echo "git -c core.hooksPath=$work/$1"; }

# 1,000 branches on main's 1,000 commits: del/1..500 and keep/1..500.
bench_history "$work/repo" 1000
git -C "$work/repo" rev-list main |
  awk '{ n = int((NR + 1) / 2); printf "update refs/heads/%s/%d %s\n", NR % 2 ? "del" : "keep", n, $1 }' \
    > "$work/branches.txt"
git -C "$work/repo" update-ref --stdin < "$work/branches.txt"
# Before each run: the branches back, any backup gone, refs packed as gc leaves them.
restore="sh -c 'cd $work/repo && git update-ref --stdin < $work/branches.txt &&
  git for-each-ref --format=\"delete %(refname)\" refs/heads/backup | git update-ref --stdin &&
  git pack-refs --all'"
names=$(seq -f 'del/%g' 1 500 | tr '\n' ' ')
cd "$work/repo"
hyperfine --warmup 1 --runs "$runs" --prepare "$restore" --export-json "$work/delete.json" \
  -n delete-none "$(with none) branch -q -D $names" \
  -n delete-noop "$(with noop) branch -q -D $names" \
  -n delete-hooks "$(with hooks) branch -q -D $names" \
  -n xargs-none "git for-each-ref --format='%(refname:short)' refs/heads/del | xargs $(with none) branch -q -D" \
  -n xargs-noop "git for-each-ref --format='%(refname:short)' refs/heads/del | xargs $(with noop) branch -q -D" \
  -n xargs-hooks "git for-each-ref --format='%(refname:short)' refs/heads/del | xargs $(with hooks) branch -q -D" >&2
[ -z "$(git for-each-ref refs/heads/backup)" ] || { echo "merged branches got backups" >&2; exit 1; }

# 300 tags to fetch, each on its own commit.
bench_tag_source "$work/source" 300 t
git init -q "$work/clone"
git -C "$work/clone" commit -q --allow-empty -m "chore: start"
git -C "$work/clone" remote add origin "$work/source"
untag="sh -c 'cd $work/clone && git for-each-ref --format=\"delete %(refname)\" refs/tags | git update-ref --stdin'"
cd "$work/clone"
hyperfine --warmup 1 --runs "$runs" --prepare "$untag" --export-json "$work/tags.json" \
  -n tags-none "$(with none) fetch -q origin 'refs/tags/*:refs/tags/*'" \
  -n tags-noop "$(with noop) fetch -q origin 'refs/tags/*:refs/tags/*'" \
  -n tags-hooks "$(with hooks) fetch -q origin 'refs/tags/*:refs/tags/*'" >&2

# 300 backups (each the only copy of one commit) among 1,300 refs.
cd "$work/repo"
git update-ref --stdin < "$work/branches.txt"
for n in $(seq 1 300); do
  id=$(git commit-tree -p main -m "feat: lost $n" "main^{tree}")
  printf 'create refs/heads/backup/topic%d/20260101T000000Z-%s %s\n' "$n" "${id:0:7}" "$id"
done | git update-ref --stdin
git pack-refs --all
hyperfine --warmup 2 --runs "$((runs * 2))" --export-json "$work/list.json" \
  -n list "$build/bin/preflight backup list" >&2
bench_ratio_table "$work/delete.json" "$work/tags.json" "$work/list.json"
