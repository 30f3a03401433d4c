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

finish
