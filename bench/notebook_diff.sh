#!/usr/bin/env bash
# `git diff` of COUNT modified notebooks (issue 24: within 2x of git diff
# without a filter), in one hyperfine run:
#   plain      no attributes at all: git diffs the raw JSON, outputs included
#   default    what `preflight install` sets up by default: the clean filter
#              only, through which git strips the working-tree side
#   textconv   with notebooks.diff_textconv: true, the textconv too (`diff=`
#              attribute): one process per notebook and side
#   textconv-cached  the same with diff.<driver>.cachetextconv=true
# Each repository holds the same notebooks, committed through its own set-up,
# then every notebook gets a changed source line and changed outputs. The
# script also checks that `default` and `textconv` print the same patch.
#
# usage: bench/notebook_diff.sh [BUILD_DIR] [COUNT] [BYTES]
#        (defaults: ./build, 100 notebooks, 20000 bytes each; RUNS=10)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=$(cd "${1:-$HERE/../build}" && pwd)
COUNT=${2:-100}
BYTES=${3:-20000}
RUNS=${RUNS:-10}
PREFLIGHT="$BUILD/bin/preflight"
[[ -x $PREFLIGHT ]] || { echo "no $PREFLIGHT (build first)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
source "$HERE/lib.sh"
bench_scratch
python3 "$HERE/gen_notebook.py" "$BYTES" "$work/template.ipynb"

# make_repo NAME SETUP...: COUNT notebooks committed after SETUP (a command run
# in the repository), then each modified in the working tree.
make_repo() {
  local dir="$work/$1"
  shift
  git init -q "$dir"
  (
    cd "$dir"
    [[ $# -eq 0 ]] || "$@" >/dev/null
    for i in $(seq -w 1 "$COUNT"); do cp "$work/template.ipynb" "nb_$i.ipynb"; done
    git add -- *.ipynb && git commit -q --no-verify -m "feat: notebooks"
    python3 - "$COUNT" <<'EOF'
import json, sys
for i in range(1, int(sys.argv[1]) + 1):
    name = "nb_%0*d.ipynb" % (len(sys.argv[1]), i)
    nb = json.load(open(name))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["source"] = ["changed = %d\n" % i] + cell["source"]
            cell["execution_count"] = (cell.get("execution_count") or 0) + 7
            break
    with open(name, "w") as out:
        json.dump(nb, out, indent=1, ensure_ascii=False)
        out.write("\n")
EOF
  )
}

make_repo plain
textconv_install() {
  printf 'notebooks:\n  diff_textconv: true\n' >.preflight.yaml
  "$PREFLIGHT" install
}
make_repo default "$PREFLIGHT" install
make_repo textconv textconv_install
make_repo textconv-cached textconv_install
git -C "$work/textconv-cached" config diff.preflight-nbstrip.cachetextconv true

for name in default textconv; do git -C "$work/$name" diff >"$work/$name.patch"; done
if cmp -s "$work/default.patch" "$work/textconv.patch"; then same=yes; else same=NO; fi

args=()
for name in plain default textconv textconv-cached; do
  args+=(-n "$name" "git -C $work/$name diff")
done
hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$work/diff.json" "${args[@]}" >"$work/hyperfine.txt"
python3 - "$work/diff.json" "$COUNT" "$(stat -c %s "$work/template.ipynb")" "$same" <<'EOF'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
print("git diff of %s modified notebooks of %s bytes (hyperfine medians)" % (sys.argv[2], sys.argv[3]))
base = results["plain"]["median"]
for name, r in results.items():
    cpu = (r["user"] + r["system"]) * 1000
    print("  %-16s %8.1f ms  (cpu %6.1f ms)  %5.2fx plain" % (name, r["median"] * 1000, cpu, r["median"] / base))
print("  default and textconv print the same patch: %s" % sys.argv[4])
EOF
