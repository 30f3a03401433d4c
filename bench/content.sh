#!/usr/bin/env bash
# Content checks, measured (issue 5):
#   1. `git commit` of 1,000 small files plus ten 5 MB files: no hooks (floor),
#      preflight (default rules), prek's builtin check-added-large-files, lefthook
#      running a no-op; hyperfine medians from one run;
#   2. peak memory and time of the pre-commit checks with a 2 GB staged file;
#   3. pre-push checks over a range of 10,000 commits.
#
# usage: bench/content.sh [BUILD_DIR]   (default: build-release, then build)
# Peers come from PEERS (a folder where `npm install --prefix PEERS @j178/prek
# lefthook@2.2.1` was run; default /tmp/peers); missing ones are skipped.
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$source_dir/bench/lib.sh"
bench_build "${1:-}"
peers=${PEERS:-/tmp/peers}/node_modules/.bin
preflight=$build/bin/preflight

bench_scratch

# The staged change every tool commits: 1,000 small files and ten 5 MB files.
bench_small_and_large "$work/template"
git -C "$work/template" add -A
repo_for() { cp -a "$work/template" "$work/$1"; echo "$work/$1"; }

names=() commands=() prepares=()
add() { names+=("$1"); commands+=("$2"); prepares+=("$3"); }
commit="commit -q -m 'feat: bench'"

r=$(repo_for none)
add floor "git -C $r -c core.hooksPath=/dev/null $commit" ""
r=$(repo_for preflight)
(cd "$r" && "$preflight" install >/dev/null)
add preflight "git -C $r $commit" ""
if [ -x "$peers/prek" ]; then
  r=$(repo_for prek)
  cat > "$r/.pre-commit-config.yaml" <<'YAML'
repos:
  - repo: builtin
    hooks:
      - id: check-added-large-files
        args: ['--maxkb=10240']
YAML
  (cd "$r" && git add .pre-commit-config.yaml && "$peers/prek" install >/dev/null)
  add prek "git -C $r $commit" ""
fi
if [ -x "$peers/lefthook" ]; then
  r=$(repo_for lefthook)
  printf 'pre-commit:\n  commands:\n    noop:\n      run: "true"\n' > "$r/lefthook.yml"
  (cd "$r" && git add lefthook.yml && "$peers/lefthook" install >/dev/null 2>&1)
  add lefthook "git -C $r $commit" ""
fi

# Each run commits, then the prepare step undoes the commit and keeps the index
# (hyperfine 1.15 runs no prepare step before warm-up runs: warm up by hand).
args=()
for i in "${!names[@]}"; do
  dir=${commands[$i]#git -C }
  dir=${dir%% *}
  base=$(git -C "$dir" rev-parse HEAD)
  for _ in 1 2; do
    eval "${commands[$i]}" >/dev/null 2>&1 || { echo "${names[$i]}: commit failed" >&2; exit 1; }
    git -C "$dir" reset -q --soft "$base"
  done
  args+=(--prepare "git -C $dir reset -q --soft $base" -n "${names[$i]}" "${commands[$i]}")
done
echo "## 1. git commit of 1,000 small files + ten 5 MB files"
hyperfine -N --runs "${RUNS:-20}" --export-markdown "$work/commit.md" "${args[@]}" >&2
cat "$work/commit.md"

echo
echo "## 2. a 2 GB staged file"
git init -q "$work/huge"
(
  cd "$work/huge"
  git commit -q --allow-empty -m "chore: start"
  truncate -s 2G huge.bin
  git add huge.bin
  /usr/bin/time -f "preflight run pre-commit: %e s, peak RSS %M KiB" "$preflight" run pre-commit \
    2>&1 | tail -3 || true
)

echo
echo "## 3. pre-push checks over 10,000 commits"
bench_history "$work/many" 10000
(
  cd "$work/many"
  root=$(git rev-list --max-parents=0 HEAD)
  hyperfine -N --warmup 1 --runs "${RUNS_PUSH:-5}" --export-markdown "$work/push.md" \
    -n "pre-push range, 10,000 commits" "$preflight run pre-push --from-ref $root --to-ref HEAD" >&2
  cat "$work/push.md"
)
