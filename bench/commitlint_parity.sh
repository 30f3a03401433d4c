#!/usr/bin/env bash
# Acceptance check: `preflight check-msg` against commitlint 20.5.3 with
# @commitlint/config-conventional on every message of real histories, in both of
# commitlint's modes:
#   edit  - `commitlint --edit FILE`, FILE holding the stored message as git
#           hands it to the commit-msg hook; preflight: `check-msg FILE`;
#   range - `commitlint --to HEAD` (the whole history, messages as stored);
#           preflight: `check-msg --to-ref HEAD`.
# Prints, in Markdown, agreement per repository and mode for verdicts (pass or
# fail), error rule names and warning rule names, then every disagreement grouped
# by class (mode, rule, which side reports it) with a count and an example commit.
#
# commitlint is driven through its own modules, loaded once per repository
# (commitlint_parity.mjs: @commitlint/load, @commitlint/read and @commitlint/lint
# with the options its CLI builds), because one CLI run per message costs about
# 0.3 s. Every message is checked; nothing is sampled.
#
# usage: COMMITLINT_PREFIX=DIR [PREFLIGHT=build/bin/preflight] \
#          [PARITY_MODES="edit range"] [KEEP_RESULTS=DIR] bench/commitlint_parity.sh GITDIR...
# DIR is an npm prefix holding the peers (never the repository):
#   npm install --prefix DIR @commitlint/cli@20.5.3 @commitlint/config-conventional@20.5.3
# Each GITDIR is a repository (bare or not; fetched by you, outside this
# repository); it is cloned with --shared into a scratch folder, never changed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
preflight=$(realpath "${PREFLIGHT:-$here/../build/bin/preflight}")
prefix=$(realpath "${COMMITLINT_PREFIX:?set COMMITLINT_PREFIX to the npm prefix of @commitlint/cli}")
[ -x "$preflight" ] || { echo "commitlint_parity: no preflight at $preflight (set PREFLIGHT)" >&2; exit 2; }
[ -d "$prefix/node_modules/@commitlint/lint" ] ||
  { echo "commitlint_parity: no @commitlint/lint under $prefix" >&2; exit 2; }
command -v node >/dev/null || { echo "commitlint_parity: node is required" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: COMMITLINT_PREFIX=DIR $0 GITDIR..." >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/preflight-parity.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME=$work/home GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"

results=()
n=0
for gitdir in "$@"; do
  n=$((n + 1))
  # owner/name from a /work/.mirror/owner+name/repo path, else the folder name.
  name=$(basename "$(dirname "$(realpath "$gitdir")")" | tr + /)
  [ "$(basename "$gitdir")" = repo ] || name=$(basename "$(realpath "$gitdir")")
  scratch=$work/$n
  mkdir -p "$scratch"
  git clone -q --shared --no-checkout -- "$gitdir" "$scratch/repo"
  printf 'extends: [conventional]\n' > "$scratch/repo/.preflight.yaml"
  git -C "$scratch/repo" log -z --format=%H%n%B HEAD > "$scratch/log"
  echo "commitlint_parity: $name: $(git -C "$scratch/repo" rev-list --count HEAD) messages" >&2
  node "$here/commitlint_parity.mjs" "$prefix" "$scratch/repo" "$scratch/log" "$scratch/repo" \
    "$preflight" > "$scratch/results.jsonl"
  results+=("$name=$scratch/results.jsonl")
  if [ -n "${KEEP_RESULTS:-}" ]; then
    mkdir -p "$KEEP_RESULTS"
    cp "$scratch/results.jsonl" "$KEEP_RESULTS/$(echo "$name" | tr / +).jsonl"
  fi
done
node "$here/commitlint_parity_report.mjs" "${results[@]}"
