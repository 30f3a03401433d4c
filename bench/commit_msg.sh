#!/usr/bin/env bash
# Benchmark: `preflight check-msg` against `commitlint --edit` and `gitlint` on a
# few commit messages (typical, long body, and the 3,000-character line that
# stalls commitlint's reference regex). Needs hyperfine.
#
# Peers are never installed here and never into the repository. Install them
# into a scratch prefix first, for example:
#   npm install --prefix /tmp/peers @commitlint/cli @commitlint/config-conventional
#   apt-get install -y gitlint
# and point the script at them (missing peers are skipped):
#   PREFLIGHT=build/bin/preflight COMMITLINT_PREFIX=/tmp/peers GITLINT=gitlint \
#     bench/commit_msg.sh
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
preflight=$(realpath "${PREFLIGHT:-$here/build/bin/preflight}")
commitlint_prefix=${COMMITLINT_PREFIX:-/tmp/peers}
commitlint=${COMMITLINT:-$commitlint_prefix/node_modules/.bin/commitlint}
gitlint=${GITLINT:-$(command -v gitlint || true)}
runs=${RUNS:-20}

command -v hyperfine >/dev/null || { echo "bench: hyperfine is required" >&2; exit 2; }
[ -x "$preflight" ] || { echo "bench: no preflight at $preflight (set PREFLIGHT)" >&2; exit 2; }

# A scratch repository: commitlint --edit needs a work tree, and every tool
# reads its config from there.
work=$(mktemp -d "${TMPDIR:-/tmp}/preflight-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
git -C "$work" init -q
printf 'extends: [conventional]\n' > "$work/.preflight.yaml"
printf "module.exports = {extends: ['%s/node_modules/@commitlint/config-conventional']};\n" \
  "$commitlint_prefix" > "$work/commitlint.config.js"
printf '[general]\ncontrib=CT1\n' > "$work/.gitlint"

printf 'feat(parser): add support for scopes\n' > "$work/typical"
{ printf 'fix: handle empty input\n\n'; for i in $(seq 1 200); do printf 'line %d of a long body\n' "$i"; done; } > "$work/long-body"
{ printf 'feat: add login\n\n'; head -c 3000 /dev/zero | tr '\0' w; printf '\n'; } > "$work/long-line"

cd "$work"
for msg in typical long-body long-line; do
  commands=("$preflight check-msg $msg")
  names=(preflight)
  if [ -x "$commitlint" ]; then
    commands+=("$commitlint --edit $msg"); names+=(commitlint)
  else
    echo "bench: commitlint not found at $commitlint; skipped" >&2
  fi
  if [ -n "$gitlint" ]; then
    commands+=("$gitlint --ignore-stdin --msg-filename $msg"); names+=(gitlint)
  else
    echo "bench: gitlint not found; skipped" >&2
  fi
  args=()
  for i in "${!commands[@]}"; do args+=(-n "${names[$i]} ($msg)" "${commands[$i]}"); done
  # commitlint and gitlint exit non-zero on findings; time them anyway.
  hyperfine -N -i --warmup 1 --runs "$runs" "${args[@]}"
done
