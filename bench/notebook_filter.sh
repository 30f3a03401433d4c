#!/usr/bin/env bash
# `git add` of 50 notebooks through a clean filter: preflight's long-running
# filter (filter.<driver>.process: one process for all files) against
# one-process-per-file clean filters: `preflight nbstrip`, and nbstripout as
# `nbstripout --install` sets it up, when NBSTRIPOUT_DIR points at an
# nbstripout checkout (run as `PYTHONPATH=$NBSTRIPOUT_DIR python3 -m
# nbstripout` with Debian's python3-nbformat; NBSTRIPOUT_PYTHON picks the
# interpreter, default /usr/bin/python3).
#
# usage: bench/notebook_filter.sh [BUILD_DIR] [COUNT] [BYTES]
#        (defaults: ./build, 50 notebooks, 100000 bytes each)
#
# Prints the median of each and the ratio nbstripout / preflight.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=$(cd "${1:-$HERE/../build}" && pwd)
COUNT=${2:-50}
BYTES=${3:-100000}
PREFLIGHT="$BUILD/bin/preflight"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/preflight-bench-filter.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
[[ -x $PREFLIGHT ]] || { echo "no $PREFLIGHT (build first)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }

export HOME="$WORK/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
python3 "$HERE/gen_notebook.py" "$BYTES" "$WORK/template.ipynb"

# make_repo NAME ATTRIBUTE KEY=VALUE...: a repository with COUNT notebooks and
# the filter configured.
make_repo() {
  local dir="$WORK/$1" attribute=$2
  shift 2
  git init -q "$dir"
  for setting in "$@"; do git -C "$dir" config "${setting%%=*}" "${setting#*=}"; done
  printf '*.ipynb filter=%s\n' "$attribute" > "$dir/.git/info/attributes"
  for i in $(seq -w 1 "$COUNT"); do cp "$WORK/template.ipynb" "$dir/nb_$i.ipynb"; done
}

q=$(printf '%q' "$PREFLIGHT")
make_repo process preflight-nbstrip "filter.preflight-nbstrip.process=$q filter-process" \
  filter.preflight-nbstrip.required=true
make_repo perfile preflight-clean "filter.preflight-clean.clean=$q nbstrip" \
  filter.preflight-clean.required=true
names=(process perfile)
labels=("preflight filter-process (one process)" "preflight nbstrip (clean, per file)")
if [[ -n ${NBSTRIPOUT_DIR:-} ]]; then
  python=${NBSTRIPOUT_PYTHON:-/usr/bin/python3}
  make_repo nbstripout nbstripout \
    "filter.nbstripout.clean=env PYTHONPATH=$(printf '%q' "$NBSTRIPOUT_DIR") $python -m nbstripout" \
    filter.nbstripout.smudge=cat filter.nbstripout.required=true
  names+=(nbstripout)
  labels+=("nbstripout (clean, per file)")
else
  echo "NBSTRIPOUT_DIR is unset: nbstripout skipped" >&2
fi

declare -A median
for i in "${!names[@]}"; do
  dir="$WORK/${names[$i]}"
  runs=10
  [[ ${names[$i]} == nbstripout ]] && runs=3
  hyperfine --warmup 1 --runs "$runs" --export-json "$WORK/${names[$i]}.json" \
    --prepare "rm -f $dir/.git/index" --command-name "${labels[$i]}" \
    "git -C $dir add ." > "$WORK/${names[$i]}.txt"
  median[${names[$i]}]=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$WORK/${names[$i]}.json")
done

# Same bytes stored either way?
if [[ -n ${NBSTRIPOUT_DIR:-} ]]; then
  a=$(git -C "$WORK/process" ls-files -s | awk '{print $2}' | sort -u)
  b=$(git -C "$WORK/nbstripout" ls-files -s | awk '{print $2}' | sort -u)
  [[ $a == "$b" ]] && same=yes || same=NO
fi

printf 'git add of %s notebooks of %s bytes\n' "$COUNT" "$(stat -c %s "$WORK/template.ipynb")"
for i in "${!names[@]}"; do
  printf '  %-42s median %8.4f s\n' "${labels[$i]}" "${median[${names[$i]}]}"
done
printf '  %-42s %8.1fx\n' "per-file preflight / filter-process" \
  "$(python3 -c "print(${median[perfile]} / ${median[process]})")"
if [[ -n ${NBSTRIPOUT_DIR:-} ]]; then
  printf '  %-42s %8.1fx\n' "nbstripout / filter-process" \
    "$(python3 -c "print(${median[nbstripout]} / ${median[process]})")"
  printf '  %-42s %s\n' "identical blobs stored" "$same"
fi
