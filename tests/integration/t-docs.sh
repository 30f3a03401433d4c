# The README's keys table is `preflight config --keys` itself: a key added to
# (or changed in) the key table without regenerating the README fails here.
. "$(dirname "$0")/lib.sh"

scenario "the README keys table is generated from the key table"
readme="$PREFLIGHT_SOURCE_DIR/README.md"
run "$PREFLIGHT" config --keys
expect_rc 0 "config --keys"
awk '/<!-- keys:begin/ {inside = 1; next} /<!-- keys:end/ {inside = 0} inside' "$readme" \
  > "$TEST_ROOT/readme-keys.md"
printf '%s\n' "$OUT" > "$TEST_ROOT/keys.md"
if cmp -s "$TEST_ROOT/keys.md" "$TEST_ROOT/readme-keys.md"; then pass; else
  fail "README.md's keys table differs from preflight config --keys (regenerate it): $(diff "$TEST_ROOT/readme-keys.md" "$TEST_ROOT/keys.md" | head -20)"
fi
[ "$(wc -l < "$TEST_ROOT/readme-keys.md")" -gt 100 ] && pass || fail "the README block is there"

scenario "every test the README and docs name exists"
# A sentence that says something is protected names the test that proves it
# (tests/doc_tests.py): the file, and the scenario quoted after it.
run python3 "$PREFLIGHT_SOURCE_DIR/tests/doc_tests.py" "$PREFLIGHT_SOURCE_DIR"
expect_rc 0 "every named test file and scenario exists"
expect_in "$OUT" " 0 missing" "$OUT"
mkdir -p copy/tests copy/docs && cp -r "$PREFLIGHT_SOURCE_DIR/tests/integration" copy/tests/
printf 'Refused (`t-docs.sh`, "a scenario no one wrote").\nAnd `t-nowhere.sh`.\n' > copy/docs/x.md
printf '# x\n' > copy/README.md
run python3 "$PREFLIGHT_SOURCE_DIR/tests/doc_tests.py" copy
expect_rc 1 "a made-up reference fails the check"
expect_in "$OUT" 'docs/x.md: t-docs.sh has no scenario "a scenario no one wrote"' "naming the scenario"
expect_in "$OUT" "docs/x.md: no tests/integration/t-nowhere.sh" "and the file"

finish
