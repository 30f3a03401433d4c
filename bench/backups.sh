#!/usr/bin/env bash
# What the backup hooks cost, measured with hyperfine (median of several runs):
#   fetch-none     `git fetch` of 200 new refs (100 branches, 100 tags) with no hooks
#   fetch-noop-hook  the same with a static C no-op as the hook: git's own cost
#                  of running 400 hooks
#   fetch-hooks    the same with preflight's hooks installed (git 2.39 runs
#                  reference-transaction twice per ref: 400 calls)
#   call-fetch     one reference-transaction call with a remote-tracking update
#                  on stdin (nothing to save: the fast path)
#   call-noop      a static C program that reads stdin and exits: the floor any
#                  hook pays for starting a process
#   call-commit    one `committed` call for an ordinary commit (opens the repository
#                  and finds the old tip is the new tip's parent)
#
# usage: bench/backups.sh [BUILD_DIR]   (default: build-release, then build)
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
bench_build "${1:-}"
hook=$build/libexec/preflight/reference-transaction

bench_scratch
mkdir -p "$work/none" "$work/hooks" "$work/noop-hook"
ln -s "$hook" "$work/hooks/reference-transaction"

# A source repository with 100 branches and 100 tags, each on its own commit.
bench_fetch_source "$work/source"
git init -q "$work/clone"
cd "$work/clone"
git commit -q --allow-empty -m "chore: start"
git remote add origin "$work/source"

# Each run fetches into an empty refs/remotes and refs/tags again.
prepare="git -C $work/clone for-each-ref --format='delete %(refname)' refs/remotes refs/tags | git -C $work/clone update-ref --stdin"
fetch() { echo "git -C $work/clone -c core.hooksPath=$work/$1 fetch -q origin"; }

zero=0000000000000000000000000000000000000000
id=$(git -C "$work/source" rev-parse HEAD)
parent=$(git -C "$work/clone" rev-parse HEAD)
printf '%s %s refs/remotes/origin/b1\n' "$zero" "$id" > "$work/fetch.in"
git -C "$work/clone" commit -q --allow-empty -m "feat: measured"
head=$(git -C "$work/clone" rev-parse HEAD)
printf '%s %s HEAD\n%s %s refs/heads/main\n' "$parent" "$head" "$parent" "$head" > "$work/commit.in"
bench_noop_binary "$work/noop"
cp "$work/noop" "$work/noop-hook/reference-transaction"

hyperfine -N --warmup 3 --runs "${FETCH_RUNS:-10}" --prepare "sh -c \"$prepare\"" \
  --export-markdown "$work/fetch.md" \
  -n fetch-none "$(fetch none)" -n fetch-noop-hook "$(fetch noop-hook)" \
  -n fetch-hooks "$(fetch hooks)" >&2
cd "$work/clone"
# hyperfine 1.15 has no --input: run through sh, whose start-up hyperfine
# measures and subtracts.
hyperfine --warmup 20 --runs "${CALL_RUNS:-300}" --export-markdown "$work/call.md" \
  -n call-noop "$work/noop < $work/fetch.in" -n call-fetch "$hook committed < $work/fetch.in" \
  -n call-commit "$hook committed < $work/commit.in" >&2
cat "$work/fetch.md" "$work/call.md"
