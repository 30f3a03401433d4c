#!/usr/bin/env bash
# Numbers Python's json reads but a double cannot hold: integers of 30 and 400
# digits, exponents past 308 (overflow to Infinity), past -308 (0.0). The
# expected files are nbstripout 0.9.1's output (`--textconv`, and with
# `--keep-output`) for data/big_numbers.ipynb, made with
# `PYTHONPATH=<nbstripout checkout> python3 -m nbstripout --textconv FILE`.
# Checked the four ways the conformance cases run: stdin, in place, --verify,
# --dry-run; the big numbers also sit in an output, read when outputs are kept.
source "$(dirname "$0")/lib.sh"

DATA="$(cd "$(dirname "$0")" && pwd)/data"
INPUT="$DATA/big_numbers.ipynb"

# expect_same FILE EXPECTED DESCRIPTION: byte-for-byte equal.
expect_same() {
  if cmp -s "$1" "$2"; then pass; else fail "$3: $1 differs from $2"; fi
}

scenario "stdin to stdout gives nbstripout's bytes"
"$PREFLIGHT" nbstrip <"$INPUT" >out.ipynb 2>err
expect_eq "$?" 0 "nbstrip exits 0"
expect_same out.ipynb "$DATA/big_numbers.ipynb.expected" "default stripping"
expect_eq "$(cat err)" "" "nothing on stderr"
"$PREFLIGHT" nbstrip --keep-output <"$INPUT" >keep.ipynb
expect_eq "$?" 0 "nbstrip --keep-output exits 0"
expect_same keep.ipynb "$DATA/big_numbers.ipynb.keep-output.expected" \
  "--keep-output (big numbers inside an output)"
"$PREFLIGHT" nbstrip --textconv "$INPUT" >textconv.ipynb
expect_same textconv.ipynb "$DATA/big_numbers.ipynb.expected" "--textconv"

scenario "in place rewrites the file with nbstripout's bytes"
cp "$INPUT" nb.ipynb
run "$PREFLIGHT" nbstrip nb.ipynb
expect_rc 0 "nbstrip in place"
expect_same nb.ipynb "$DATA/big_numbers.ipynb.expected" "the rewritten file"

scenario "--verify and --dry-run see the change, and none once stripped"
cp "$INPUT" nb.ipynb
run "$PREFLIGHT" nbstrip --verify nb.ipynb
expect_rc 1 "--verify on the unstripped notebook"
expect_eq "$OUT" "Dry run: would have stripped nb.ipynb" "--verify names the file"
run "$PREFLIGHT" nbstrip --dry-run nb.ipynb
expect_rc 0 "--dry-run"
expect_eq "$OUT" "Dry run: would have stripped nb.ipynb" "--dry-run names the file"
expect_same nb.ipynb "$INPUT" "--verify and --dry-run leave the file alone"
cp "$DATA/big_numbers.ipynb.expected" stripped.ipynb
run "$PREFLIGHT" nbstrip --verify stripped.ipynb
expect_rc 0 "--verify on nbstripout's output (Infinity and 400 digits read back)"
expect_eq "$OUT" "" "nothing to strip"

scenario "a number past Python's 4300-digit limit is still an error with its position"
{
  printf '{"cells": [], "metadata": {"n": '
  printf '1%04300d' 0
  printf '}, "nbformat": 4, "nbformat_minor": 5}\n'
} >huge.ipynb
cp huge.ipynb before.ipynb
run "$PREFLIGHT" nbstrip huge.ipynb
expect_rc 1 "nbstrip rejects it"
expect_in "$ERR" "huge.ipynb:1:33: No valid notebook detected in 'huge.ipynb': integer of 4301 digits" \
  "the error names the number's line and column"
expect_same huge.ipynb before.ipynb "the file is untouched"

finish
