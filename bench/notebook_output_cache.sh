#!/usr/bin/env bash
# The cost of the notebook output cache (docs/notebooks.md, "Outputs that
# survive stash, checkout and reset"):
#   - `git checkout` of a branch with COUNT notebooks whose outputs are cached
#     (the smudge step reads each entry, strips it again to check it, and
#     writes it), against the same checkout with the cache off
#     (notebooks.output_cache.max_size: 0: the smudge passes the blob through);
#   - `git add .` of the same notebooks: cache off, cache on and empty (every
#     entry written), cache on and warm (every entry already there).
#
# usage: bench/notebook_output_cache.sh [BUILD_DIR] [COUNT] [BYTES]
#        (defaults: ./build, 50 notebooks, 100000 bytes each)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
BUILD=$(cd "${1:-$HERE/../build}" && pwd)
COUNT=${2:-50}
BYTES=${3:-100000}
PREFLIGHT="$BUILD/bin/preflight"
[[ -x $PREFLIGHT ]] || { echo "no $PREFLIGHT (build first)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
bench_scratch

python3 "$HERE/gen_notebook.py" "$BYTES" "$work/template.ipynb"

# write_notebooks DIR: COUNT distinct notebooks with outputs (the template with
# one more source line each, so that their stripped blobs differ).
write_notebooks() {
  python3 - "$work/template.ipynb" "$COUNT" "$1" <<'PY'
import sys
text = open(sys.argv[1]).read()
for i in range(1, int(sys.argv[2]) + 1):
    with open("%s/nb_%02d.ipynb" % (sys.argv[3], i), "w") as f:
        f.write(text.replace('"source": [', '"source": [\n    "# notebook %d\\n",' % i, 1))
PY
}

# make_repo NAME MAX_SIZE: COUNT notebooks committed on branch notebooks (through
# the filter, so their outputs are cached unless MAX_SIZE is 0), branch empty
# without them, checked out. The rules file is untracked: checkouts keep it.
make_repo() {
  local dir="$work/$1"
  git init -q "$dir"
  (
    cd "$dir"
    "$PREFLIGHT" install > /dev/null
    printf 'notebooks:\n  output_cache:\n    max_size: %s\n' "$2" > .preflight.yaml
    git commit -q --allow-empty --no-verify -m "chore: start"
    git checkout -q -b notebooks
    write_notebooks .
    git add -- *.ipynb && git commit -q --no-verify -m "feat: notebooks"
    git checkout -q -b empty main
  )
}

make_repo on 100MB
make_repo off 0
entries=$(ls "$work/on/.git/preflight/outputs" | wc -l)
[[ $entries -eq $COUNT ]] || { echo "expected $COUNT cache entries, found $entries" >&2; exit 1; }

median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }

run_bench() { # NAME DIR PREPARE COMMAND
  hyperfine --warmup 1 --runs 15 --export-json "$work/$1.json" --prepare "$3" \
    --command-name "$1" "$4" > /dev/null
  printf '  %-36s median %8.4f s\n' "$1" "$(median "$work/$1.json")"
}

printf 'git checkout of %s notebooks of %s bytes\n' "$COUNT" "$(stat -c %s "$work/template.ipynb")"
for mode in on off; do
  dir="$work/$mode"
  run_bench "checkout, cache $mode" "$dir" "git -C $dir checkout -q empty" \
    "git -C $dir checkout -q notebooks"
done
git -C "$work/on" checkout -q notebooks
grep -q '"outputs": \[$' "$work/on/nb_01.ipynb" || { echo "cache on: outputs not restored" >&2; exit 1; }
git -C "$work/off" checkout -q notebooks
grep -q '"outputs": \[$' "$work/off/nb_01.ipynb" && { echo "cache off: outputs restored" >&2; exit 1; }
printf '  %-36s %8.2fx\n' "cache on / cache off" \
  "$(python3 -c "print($(median "$work/checkout, cache on.json") / $(median "$work/checkout, cache off.json"))")"

printf 'git add . of the same notebooks (index removed before each run)\n'
write_notebooks "$work/on"
write_notebooks "$work/off"
cache="$work/on/.git/preflight/outputs"
run_bench "add, cache off" "$work/off" "rm -f $work/off/.git/index" "git -C $work/off add ."
run_bench "add, cache on, empty" "$work/on" "rm -rf $work/on/.git/index $cache" \
  "git -C $work/on add ."
run_bench "add, cache on, warm" "$work/on" "rm -f $work/on/.git/index" "git -C $work/on add ."
printf '  %-36s %8.2fx\n' "empty cache / cache off" \
  "$(python3 -c "print($(median "$work/add, cache on, empty.json") / $(median "$work/add, cache off.json"))")"
printf '  %-36s %8.2fx\n' "warm cache / cache off" \
  "$(python3 -c "print($(median "$work/add, cache on, warm.json") / $(median "$work/add, cache off.json"))")"
