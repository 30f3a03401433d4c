#!/usr/bin/env bash
# Notebook stripping speed: preflight nbstrip, and nbstripout side by side when
# NBSTRIPOUT_DIR points at an nbstripout checkout (run with Debian's
# python3-nbformat as `PYTHONPATH=$NBSTRIPOUT_DIR python3 -m nbstripout`; NBSTRIPOUT_PYTHON
# names that python, default /usr/bin/python3).
#
# usage: bench/notebooks.sh [BUILD_DIR]   (default: ./build)
#
# Generates deterministic notebooks of 100 KB, 1 MB, 10 MB and 50 MB (images,
# tracebacks, widgets; bench/gen_notebook.py) into a temporary folder, then
# for each: hyperfine medians (stdin->file filter through a shell; in place on
# a fresh copy, and --textconv FILE to a pipe as `git diff` runs it, both with
# -N, no shell), MB/s from the median, the ratio to nbstripout's median when
# it runs, and peak RSS from /usr/bin/time -v. preflight gets more runs than
# nbstripout (its runs are short and noisier).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-$HERE/../build}
PREFLIGHT="$BUILD/bin/preflight"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/preflight-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
[[ -x $PREFLIGHT ]] || { echo "no $PREFLIGHT (build first)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }

declare -A SIZES=([100K]=100000 [1M]=1000000 [10M]=10000000 [50M]=50000000)
declare -A RUNS=([100K]=30 [1M]=30 [10M]=10 [50M]=5)
declare -A PREFLIGHT_RUNS=([100K]=300 [1M]=300 [10M]=50 [50M]=20)
NBSTRIPOUT=()
if [[ -n ${NBSTRIPOUT_DIR:-} ]]; then
  NBSTRIPOUT=(env "PYTHONPATH=$NBSTRIPOUT_DIR" "${NBSTRIPOUT_PYTHON:-/usr/bin/python3}" -m nbstripout)
fi

median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }

declare -A MEDIAN
printf '%-5s %-20s %10s %10s %9s %8s %12s\n' size tool/mode bytes median_s MB/s x_nbso peak_RSS_MB
for name in 100K 1M 10M 50M; do
  nb="$WORK/bench_$name.ipynb"
  python3 "$HERE/gen_notebook.py" "${SIZES[$name]}" "$nb"
  bytes=$(stat -c %s "$nb")
  tools=()
  [[ ${#NBSTRIPOUT[@]} -gt 0 ]] && tools+=(nbstripout)
  tools+=(preflight)
  for tool in "${tools[@]}"; do
    if [[ $tool == preflight ]]; then cmd=("$PREFLIGHT" nbstrip); else cmd=("${NBSTRIPOUT[@]}"); fi
    runs=${RUNS[$name]}
    [[ $tool == preflight ]] && runs=${PREFLIGHT_RUNS[$name]}
    quoted=$(printf '%q ' "${cmd[@]}")
    # Filter (git's clean filter): stdin from the file to a regular file
    # (nbstripout 0.9.1 cannot write to /dev/null, see docs/notebooks.md); the
    # redirections need a shell, whose start-up hyperfine subtracts.
    hyperfine --warmup 2 --runs "$runs" --export-json "$WORK/h.json" \
      --command-name "$tool filter $name" "$quoted < $nb > $WORK/out.ipynb" > "$WORK/h.txt"
    # In place on a fresh copy each run; no shell.
    hyperfine -N --warmup 2 --runs "$runs" --export-json "$WORK/h2.json" \
      --prepare "cp $nb $WORK/inplace.ipynb" \
      --command-name "$tool in-place $name" "$quoted $WORK/inplace.ipynb" > "$WORK/h2.txt"
    # textconv (`git diff`): the stripped notebook to stdout, a pipe.
    hyperfine -N --warmup 2 --runs "$runs" --output pipe --export-json "$WORK/h3.json" \
      --command-name "$tool textconv $name" "$quoted --textconv $nb" > "$WORK/h3.txt"
    rss=$( { /usr/bin/time -v "${cmd[@]}" < "$nb" > "$WORK/out.ipynb"; } 2>&1 |
           awk -F: '/Maximum resident set size/ {printf "%.1f", $2 / 1024}')
    for pair in "filter $(median "$WORK/h.json")" "in-place $(median "$WORK/h2.json")" \
                "textconv $(median "$WORK/h3.json")"; do
      set -- $pair
      MEDIAN[$tool/$1]=$2
      ratio=-
      [[ $tool == preflight && -n ${MEDIAN[nbstripout/$1]:-} ]] &&
        ratio=$(python3 -c "print('%.0f' % (${MEDIAN[nbstripout/$1]} / $2))")
      printf '%-5s %-20s %10s %10.4f %9.1f %8s %12s\n' "$name" "$tool/$1" "$bytes" "$2" \
        "$(python3 -c "print($bytes / $2 / 1e6)")" "$ratio" "$rss"
    done
  done
done
