#!/usr/bin/env bash
# Runs `preflight migrate` on real repositories and prints, per repository,
# what share of its hooks, commands and commit rules carried over: as commands
# or rules ("carried"), mapped to built-in checks ("built-in"), written as
# commands to adapt ("adapt"), or not carried over at all ("lost"; each with a
# line of why). A repository is a git dir or a work tree (e.g. one that
# `fetch github:owner/repo` brought to /work/.mirror/owner+repo/repo); each is
# cloned into a temporary folder, so nothing of it is changed.
#
# usage: tools/migrate_survey.sh [-v] REPOSITORY...
#   -v   also print every "could not carry over" line
#   PREFLIGHT=path/to/preflight (default: build/bin/preflight, then PATH)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
verbose=0
if [ "${1:-}" = "-v" ]; then verbose=1; shift; fi
[ $# -gt 0 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
preflight=${PREFLIGHT:-$here/build/bin/preflight}
[ -x "$preflight" ] || preflight=$(command -v preflight) ||
  { echo "migrate_survey.sh: no preflight (set PREFLIGHT)" >&2; exit 2; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/migrate-survey.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

printf '%-44s %7s %8s %5s %4s %5s %6s  %s\n' repository carried built-in adapt lost partly share sources
for repo in "$@"; do
  name=$(basename "$repo")
  [ "$name" = repo ] && name=$(basename "$(dirname "$repo")")
  work="$scratch/$name"
  if ! git clone -q --no-checkout "$repo" "$work" 2>/dev/null ||
    ! git -C "$work" checkout -q 2>/dev/null; then
    printf '%-44s (cannot clone)\n' "$name"
    continue
  fi
  json=$( (cd "$work" && "$preflight" --format json migrate 2>"$scratch/err") ) || {
    printf '%-44s %s\n' "$name" "$(head -c 200 "$scratch/err" | tr '\n' ' ')"
    continue
  }
  VERBOSE=$verbose NAME=$name python3 -c '
import json, os, sys
doc = json.load(sys.stdin)
t = {k: sum(s[k] for s in doc["sources"]) for k in ("carried", "builtin", "adapt", "lost", "partly")}
total = t["carried"] + t["builtin"] + t["adapt"] + t["lost"]
share = "%5.0f%%" % (100.0 * (t["carried"] + t["builtin"]) / total) if total else "   -"
print("%-44s %7d %8d %5d %4d %5d %6s  %s" % (os.environ["NAME"], t["carried"], t["builtin"],
      t["adapt"], t["lost"], t["partly"], share, ", ".join(s["source"] for s in doc["sources"])))
if os.environ["VERBOSE"] == "1":
    for line in doc["not_carried_over"]:
        print("    " + line)
' <<<"$json" | tee -a "$scratch/rows"
done
python3 - "$scratch/rows" <<'EOF'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l[:1] != " " and len(l.split()) >= 7]
n = [sum(int(r[i]) for r in rows if r[i].isdigit()) for i in range(1, 6)]
total = n[0] + n[1] + n[2] + n[3]
if total:
    print("%-44s %7d %8d %5d %4d %5d %5.0f%%" % ("all (%d repositories)" % len(rows), *n,
          100.0 * (n[0] + n[1]) / total))
EOF
