#!/usr/bin/env bash
# What reading nbstripout's git config keys (filter.nbstripout.extrakeys,
# .keepmetadatakeys) costs `preflight nbstrip`, on a 10 KB notebook in a
# repository whose config sets filter.nbstripout.extrakeys: the base build
# (which does not read it) is given the same keys with --extra-keys, so that
# both strip the same and only the reading differs. As nbstripout's command
# line (`-t FILE`: `git config KEY` here) and as git's diff textconv
# (`--textconv --rules FILE`: the repository's config; the base build gets
# the keys from .preflight.yaml).
#
# usage: bench/nbstrip_git_keys.sh BASE_BUILD_DIR NEW_BUILD_DIR
# Prints hyperfine's medians and the ratio new / base for each.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
base=$(cd "${1:?BASE_BUILD_DIR}" && pwd)/bin/preflight
new=$(cd "${2:?NEW_BUILD_DIR}" && pwd)/bin/preflight
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
bench_scratch
git init -q "$work/repo" && cd "$work/repo"
python3 "$HERE/gen_notebook.py" 10000 nb.ipynb
keys='metadata.foo cell.metadata.bar'
git config filter.nbstripout.extrakeys "$keys"
printf 'notebooks:\n  extra_keys: [metadata.foo, cell.metadata.bar]\n' >base-rules.yaml
cmp <("$base" nbstrip -t --extra-keys "$keys" nb.ipynb) <("$new" nbstrip -t nb.ipynb) ||
  { echo "the two builds strip differently" >&2; exit 1; }
for mode in -t textconv; do
  if [ $mode = -t ]; then
    base_cmd="$base nbstrip -t --extra-keys '$keys' nb.ipynb" new_cmd="$new nbstrip -t nb.ipynb"
  else # the base build reads the keys from the rules file instead
    cp base-rules.yaml .preflight.yaml
    base_cmd="$base nbstrip --textconv --rules nb.ipynb" new_cmd="$new nbstrip --textconv --rules nb.ipynb"
  fi
  hyperfine -N --style none --warmup 20 --runs 300 --export-json "$work/$mode.json" \
    -n base "$base_cmd" -n new "$new_cmd" >/dev/null
  python3 - "$work/$mode.json" "$mode" <<'PY'
import json, sys
r = {x["command"]: x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
print(f"{sys.argv[2]:9} base {r['base']:.2f} ms  new {r['new']:.2f} ms  new/base {r['new'] / r['base']:.2f}")
PY
done
