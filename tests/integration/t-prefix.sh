# An installed preflight (cmake --install into a prefix) installs hooks that
# point into that prefix and work; the shipped rule sets and templates are there.
. "$(dirname "$0")/lib.sh"

scenario "install into a prefix, then into a repository"
prefix="$TEST_ROOT/prefix"
run cmake --install "$PREFLIGHT_BUILD_DIR" --prefix "$prefix"
expect_rc 0 "cmake --install"
for hook in pre-commit commit-msg pre-push post-checkout reference-transaction; do
  [ -x "$prefix/libexec/preflight/$hook" ] && pass || fail "$hook installed under libexec"
done
[ -f "$prefix/share/preflight/rules/default.yaml" ] && pass || fail "rule sets installed"
[ -f "$prefix/share/preflight/templates/default.yaml" ] && pass || fail "templates installed"
new_repo repo
run "$prefix/bin/preflight" install
expect_rc 0 "installed preflight installs hooks"
grep -qaF "$prefix/libexec/preflight/pre-commit" .git/hooks/pre-commit && pass ||
  fail "hooks run the binaries in the prefix"
run "$prefix/bin/preflight" status
expect_in "$OUT" "no problems found" "status is clean"
run "$PREFLIGHT" status
expect_in "$OUT" "pre-commit             stale" "another preflight sees the hooks as not its own"
printf 'bogus: 1\n' > .preflight.yaml
echo x > x && git add x
run git commit -m "feat: through the installed hooks"
expect_rc 1 "installed hooks run"
expect_in "$ERR" '.preflight.yaml:1:1: unknown key "bogus"' "and report"

finish
