#!/usr/bin/env bash
# What an installed preflight hook adds to `git commit`, measured with hyperfine:
#   floor       git commit with no hooks at all
#   any-hook    the same with a static no-op C binary as pre-commit: what git's
#               hook machinery plus one process start cost on this machine
#   pre-commit  preflight's pre-commit hook alone (default rules)
#   all-hooks   every preflight hook installed (pre-commit, commit-msg,
#               reference-transaction run during a commit)
#
# usage: bench/hook_overhead.sh [BUILD_DIR]   (default: build-release, then build)
# Needs hyperfine (apt-get install hyperfine). Prints hyperfine's Markdown table.
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-}
if [ -z "$build" ]; then
  for candidate in "$source_dir/build-release" "$source_dir/build"; do
    [ -x "$candidate/bin/preflight" ] && { build=$candidate; break; }
  done
fi
[ -n "$build" ] && [ -x "$build/bin/preflight" ] || { echo "build preflight first (./install.sh or cmake)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install hyperfine" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global user.name "Bench Mark"
git config --global user.email "bench@example.org"
git init -q "$work/repo"
cd "$work/repo"
git commit -q --allow-empty -m "chore: start"

mkdir -p "$work/none" "$work/noop" "$work/pre-commit" "$work/all"
printf 'int main(void) { return 0; }\n' | cc -O2 -static -x c - -o "$work/noop/pre-commit"
ln -s "$build/libexec/preflight/pre-commit" "$work/pre-commit/pre-commit"
for hook in pre-commit commit-msg pre-push post-checkout reference-transaction; do
  ln -s "$build/libexec/preflight/$hook" "$work/all/$hook"
done

commit() { echo "git -c core.hooksPath=$work/$1 commit -q --allow-empty -m 'feat: measure'"; }
hyperfine -N --warmup 20 --runs "${RUNS:-300}" --export-markdown "$work/table.md" \
  -n floor "$(commit none)" -n any-hook "$(commit noop)" \
  -n pre-commit "$(commit pre-commit)" -n all-hooks "$(commit all)" >&2
cat "$work/table.md"
