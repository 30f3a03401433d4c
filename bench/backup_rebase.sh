#!/usr/bin/env bash
# What the backup hooks cost a rebase, measured with hyperfine (median of several
# runs). Each pick moves a detached HEAD; since commits made at a rebase stop are
# backed up (issue 16, item 4), each of those moves opens the repository in
# prepared. One run rebases a 30-commit topic onto a new commit of main:
#   rebase-none        no hooks
#   rebase-base-hooks  the reference-transaction hook of BASE_BUILD (default: none)
#   rebase-hooks       the reference-transaction hook of BUILD_DIR
#
# usage: bench/backup_rebase.sh [BUILD_DIR] [BASE_BUILD]   (needs hyperfine and jq)
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
bench_build "${1:-}"
base=${2:-}
command -v jq >/dev/null || { echo "needs jq: apt-get install jq" >&2; exit 1; }

bench_scratch
mkdir -p "$work/none" "$work/hooks" "$work/base-hooks"
ln -s "$build/libexec/preflight/reference-transaction" "$work/hooks/reference-transaction"
[ -z "$base" ] || ln -s "$(cd "$base" && pwd)/libexec/preflight/reference-transaction" \
  "$work/base-hooks/reference-transaction"

git init -q "$work/repo"
cd "$work/repo"
git commit -q --allow-empty -m "chore: start"
git checkout -q -b topic
for n in $(seq 30); do echo "$n" > "f$n" && git add "f$n" && git commit -qm "feat: f$n"; done
git checkout -q main && echo m > m && git add m && git commit -qm "feat: m"
topic=$(git rev-parse topic)

# Each run puts topic back to its 30 original commits first.
prepare="git -C $work/repo checkout -q -f topic && git -C $work/repo reset -q --hard $topic"
rebase() { echo "git -C $work/repo -c core.hooksPath=$work/$1 rebase -q main"; }
names=(-n rebase-none "$(rebase none)" -n rebase-hooks "$(rebase hooks)")
[ -z "$base" ] || names+=(-n rebase-base-hooks "$(rebase base-hooks)")
hyperfine -N --warmup 2 --runs "${RUNS:-10}" --prepare "sh -c \"$prepare\"" \
  --export-json "$work/rebase.json" "${names[@]}" >&2
# Medians and each one's ratio to rebase-none.
jq -r '.results | (map(select(.command == "rebase-none"))[0].median) as $none |
  .[] | "\(.command)  median \(.median * 1000 | round) ms  \(.median / $none * 100 | round / 100)x"' \
  "$work/rebase.json"
