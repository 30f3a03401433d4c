#!/usr/bin/env bash
# `preflight nbstrip` against nbstripout 0.9.1's conformance data
# (shared/conformance/nbstripout, see its README for the four ways each case
# runs). Prints one line per failing case, one line per documented departure,
# and ends with "N passed, M failed". The scratch folder is kept on failure.
set -uo pipefail

: "${PREFLIGHT_BUILD_DIR:?set PREFLIGHT_BUILD_DIR to the build folder}"
DATA="${PREFLIGHT_SHARED_DIR:-$(dirname "$0")/../../../shared}/conformance/nbstripout"
BIN="$PREFLIGHT_BUILD_DIR/bin/preflight"
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/preflight-nbstrip-conformance.XXXXXX")
export NO_COLOR=1 LC_ALL=C.UTF-8
PASSED=0
FAILED=0

pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL %s\n' "$*"; }
nbstrip() { "$BIN" nbstrip "$@"; }

# rows MANIFEST: the manifest's data rows with tabs turned into \037, so that
# `read` keeps empty fields (see the README).
rows() { grep -v '^#' "$1" | tr '\t' '\037'; }

# copy_in SRC: a scratch copy of SRC with the same name; prints its path.
copy_in() {
  local dir
  dir=$(mktemp -d "$SCRATCH/case.XXXXXX")
  cp "$1" "$dir/" && printf '%s/%s' "$dir" "$(basename "$1")"
}

# The intended result of the one upstream bug row: no cell tagged t1 or t2.
departure_multi_tags() {
  local out=$1 rc=$2
  if [[ $rc -ne 0 ]] || ! grep -q '"cells"' "$out" || grep -q '"t1"\|"t2"' "$out"; then
    fail "multi_tags: exit $rc, or cells tagged t1 or t2 left in output"
  else
    pass
    printf 'DEPARTURE derived multi_tags --drop-tagged-cells='"'"'t1 t2'"'"': drops both tags (nbstripout drops only t2)\n'
  fi
}

cases() { # DIR MANIFEST ALL_MODES(yes|no)
  local dir=$1 manifest=$2 all=$3 input flags expected note args rc out copy
  while IFS=$'\037' read -r input flags expected note; do
    eval "args=($flags)"
    local label="$(basename "$dir")/$input $flags"
    # 1. stdin to stdout.
    out="$SCRATCH/out"
    nbstrip "${args[@]}" < "$dir/$input" > "$out" 2> "$SCRATCH/err"
    rc=$?
    if [[ $input == *multi_tags* && $flags == *"t1 t2"* ]]; then
      departure_multi_tags "$out" "$rc"
      continue
    fi
    if [[ $rc -ne 0 ]] || ! cmp -s "$out" "$dir/$expected"; then
      fail "stdin: $label (exit $rc)"
    else pass; fi
    [[ $all == yes ]] || continue
    # 2. In place.
    copy=$(copy_in "$dir/$input")
    nbstrip "$copy" "${args[@]}" > "$out" 2> "$SCRATCH/err"
    rc=$?
    if [[ $rc -ne 0 || -s $out ]] || ! cmp -s "$copy" "$dir/$expected"; then
      fail "in place: $label (exit $rc)"
    else pass; fi
    # 3. stdin with --verify.
    local want=0
    cmp -s "$dir/$input" "$dir/$expected" || want=1
    nbstrip --verify "${args[@]}" < "$dir/$input" > "$out" 2> "$SCRATCH/err"
    rc=$?
    if [[ $rc -ne $want ]]; then fail "stdin --verify: $label (exit $rc, want $want)"; else pass; fi
    # 4. In place with --verify: file untouched.
    copy=$(copy_in "$dir/$input")
    nbstrip --verify "$copy" "${args[@]}" > "$out" 2> "$SCRATCH/err"
    rc=$?
    if [[ $rc -ne $want ]] || ! cmp -s "$copy" "$dir/$input" ||
       { [[ $want == 1 ]] && ! grep -q 'Dry run: would have stripped' "$out"; }; then
      fail "in place --verify: $label (exit $rc, want $want)"
    else pass; fi
  done < <(rows "$dir/$manifest")
}

# The same cases from files of 300 KB and more (the input followed by
# whitespace, which JSON ignores), which nbstrip reads into a heap in huge
# pages rather than mapping them (cli/nbstrip.cpp): the same bytes, from
# --textconv and in place, where the file is rewritten exactly when its
# unpadded copy is (not when only formatting would change).
padded_cases() { # DIR MANIFEST
  local dir=$1 manifest=$2 input flags expected note args rc out="$SCRATCH/out" copy want plain
  while IFS=$'\037' read -r input flags expected note; do
    eval "args=($flags)"
    [[ $input == *multi_tags* && $flags == *"t1 t2"* ]] && continue # departure_multi_tags
    local label="$(basename "$dir")/$input $flags, padded"
    copy=$(copy_in "$dir/$input")
    { cat "$dir/$input"; head -c 300000 /dev/zero | tr '\0' ' '; echo; } > "$copy"
    cp "$copy" "$SCRATCH/padded"
    nbstrip --textconv "${args[@]}" "$copy" > "$out" 2> "$SCRATCH/err"
    rc=$?
    if [[ $rc -ne 0 ]] || ! cmp -s "$out" "$dir/$expected"; then
      fail "textconv: $label (exit $rc)"
    else pass; fi
    plain=$(copy_in "$dir/$input")
    nbstrip "${args[@]}" "$plain" > /dev/null 2>&1
    want="$dir/$expected"
    cmp -s "$plain" "$dir/$input" && want="$SCRATCH/padded"
    nbstrip "${args[@]}" "$copy" > "$out" 2> "$SCRATCH/err"
    rc=$?
    if [[ $rc -ne 0 || -s $out ]] || ! cmp -s "$copy" "$want"; then
      fail "in place: $label (exit $rc)"
    else pass; fi
  done < <(rows "$dir/$manifest")
}

dry_runs() { # DIR MANIFEST
  local dir=$1 manifest=$2 input flags change note args rc out="$SCRATCH/out" want copy verify
  while IFS=$'\037' read -r input flags change note; do
    eval "args=($flags)"
    local label="$(basename "$dir")/$input $flags"
    for verify in "" --verify; do
      want=0
      [[ -n $verify && $change == yes ]] && want=1
      # stdin
      nbstrip --dry-run $verify "${args[@]}" < "$dir/$input" > "$out" 2> "$SCRATCH/err"
      rc=$?
      local expect_out=""
      [[ $change == yes ]] && expect_out="Dry run: would have stripped input from stdin"
      if [[ $rc -ne $want || "$(cat "$out")" != "$expect_out" ]]; then
        fail "dry-run stdin $verify: $label (exit $rc)"
      else pass; fi
      # file argument
      copy=$(copy_in "$dir/$input")
      nbstrip --dry-run $verify "${args[@]}" "$copy" > "$out" 2> "$SCRATCH/err"
      rc=$?
      local ok=yes
      if [[ $change == yes ]]; then
        grep -qE "^Dry run: would have stripped .*[/\\]$(basename "$input")\$" "$out" || ok=no
      else
        [[ -s $out ]] && ok=no
      fi
      if [[ $rc -ne $want || $ok == no ]] || ! cmp -s "$copy" "$dir/$input"; then
        fail "dry-run file $verify: $label (exit $rc)"
      else pass; fi
    done
  done < <(rows "$dir/$manifest")
}

# errors DIR MANIFEST STRICT: STRICT=yes requires the stderr text (upstream
# rows); derived rows only need the exit code and an untouched file.
errors() {
  local dir=$1 manifest=$2 strict=$3 input flags how code text note args rc copy
  while IFS=$'\037' read -r input flags how code text note; do
    eval "args=($flags)"
    local label="$(basename "$dir")/$input $flags ($how)"
    if [[ $how == stdin ]]; then
      nbstrip "${args[@]}" < "$dir/$input" > "$SCRATCH/out" 2> "$SCRATCH/err"
      rc=$?
    else
      copy=$(copy_in "$dir/$input")
      text=${text//PATH/$copy}
      nbstrip "${args[@]}" "$copy" > "$SCRATCH/out" 2> "$SCRATCH/err"
      rc=$?
      if ! cmp -s "$copy" "$dir/$input"; then
        fail "error file changed: $label"
        continue
      fi
    fi
    if [[ $rc -ne $code ]]; then
      fail "error exit: $label (exit $rc, want $code)"
    elif [[ $strict == yes ]] && ! grep -qF -- "$text" "$SCRATCH/err"; then
      fail "error message: $label (want \"$text\", got \"$(head -c 300 "$SCRATCH/err")\")"
    elif [[ ! -s $SCRATCH/err ]]; then
      fail "error message missing: $label"
    else pass; fi
  done < <(rows "$dir/$manifest")
}

# Options before the file: --keep-output-type and --drop-output-type take one
# value each, and the file after them is stripped in place.
options_first() { # EXPECTED FLAGS...
  local expected=$1 copy
  shift
  copy=$(copy_in "$DATA/derived/inputs/types.ipynb")
  nbstrip "$@" "$copy" > "$SCRATCH/out" 2> "$SCRATCH/err"
  if [[ $? -ne 0 || -s $SCRATCH/out ]] || ! cmp -s "$copy" "$DATA/derived/expected/$expected"; then
    fail "options before the file: $* $copy"
  else pass; fi
}

# Unchanged notebooks are not rewritten (mtime kept).
unchanged() { # FILE FLAGS...
  local copy
  copy=$(copy_in "$1")
  shift
  touch -d '2001-01-01 00:00:00' "$copy"
  local before
  before=$(stat -c %Y "$copy")
  nbstrip "$@" "$copy" > "$SCRATCH/out" 2>&1
  if [[ $? -ne 0 || $(stat -c %Y "$copy") != "$before" ]]; then
    fail "unchanged file rewritten: $copy $*"
  else pass; fi
}

cases "$DATA" cases.tsv yes
cases "$DATA/derived" cases.tsv no
padded_cases "$DATA" cases.tsv
padded_cases "$DATA/derived" cases.tsv
dry_runs "$DATA" dry-run.tsv
dry_runs "$DATA/derived" dry-run.tsv
errors "$DATA" errors.tsv yes
errors "$DATA/derived" errors.tsv no
options_first types.keep-output-type-stderr.expected --keep-output-type stream:stderr
options_first types.keep-output-drop-stream.expected --keep-output --drop-output-type stream
unchanged "$DATA/e2e_notebooks/test_nochange.ipynb"
unchanged "$DATA/e2e_notebooks/test_zeppelin.zpln.expected" --force --mode zeppelin
unchanged "$DATA/derived/inputs/unsorted_keys.ipynb"

printf '%d passed, %d failed\n' "$PASSED" "$FAILED"
if [[ $FAILED -eq 0 ]]; then
  rm -rf "$SCRATCH"
else
  printf 'scratch folder kept: %s\n' "$SCRATCH"
  exit 1
fi
