# The commit-msg hook under real `git commit`: bad messages refused with the rule
# and a caret, conforming ones, merges, reverts and fixups pass; check-msg by
# hand and over a range.
. "$(dirname "$0")/lib.sh"

scenario "bad messages are refused, good ones pass"
new_repo repo
install_hooks
echo a > a && git add a
run git commit -m "bad message"
expect_rc 1 "a non-conventional message is refused"
expect_in "$ERR" "[subject-empty]" "rule name shown"
expect_in "$ERR" "[type-empty]" "type-empty shown"
expect_in "$ERR" "bad message" "the header is shown"
expect_in "$ERR" 'bypass once with `git commit --no-verify`' "bypass hint"
run git commit -m "feet: add a"
expect_rc 1 "an unknown type is refused"
expect_in "$ERR" "[type-enum]" "type-enum"
expect_in "$ERR" 'feat' "the allowed types or a suggestion are shown"
run git commit -m "feat: add a"
expect_rc 0 "a conventional message passes"
SKIP=type-enum run git commit --allow-empty -m "feet: skipped rule"
expect_rc 0 "SKIP names a rule"

scenario "merges, reverts and fixups pass"
new_repo repo
install_hooks
echo base > f && git add f && git commit -qm "feat: base"
git checkout -q -b topic && echo t > t && git add t && git commit -qm "feat: topic"
git checkout -q main && echo m > m && git add m && git commit -qm "feat: main side"
run git merge --no-edit topic
expect_rc 0 "a merge commit with git's message passes"
# git 2.39 runs no commit-msg hook for `git revert` itself; committing the
# revert with `git commit` runs it on the same "Revert ..." message.
git revert --no-commit HEAD~1
run git commit -m "not conventional"
expect_rc 1 "the hook runs for this commit (a bad message is refused)"
expect_in "$ERR" "type may not be empty" "by commit-msg"
run git commit --no-edit
expect_rc 0 "git revert's message passes"
expect_eq "$(git log -1 --format=%s)" "Revert \"feat: main side\"" "the commit has git's revert message"
echo more >> f && git add f
run git commit --fixup HEAD
expect_rc 0 "a fixup! commit passes"

scenario "check-msg by hand and over a range"
new_repo repo
base=$(git rev-parse HEAD)
printf 'fix(parser): handle CRLF\r\n\r\nBody line.\r\n' > msg
run "$PREFLIGHT" check-msg msg
expect_rc 0 "a CRLF message passes"
printf 'Update stuff\n' > msg2
run "$PREFLIGHT" --format json check-msg - < msg2
expect_rc 1 "stdin message fails"
expect_in "$OUT" '"check": "type-empty"' "json names the rule"
git commit -q --allow-empty -m "feat: one"
git commit -q --allow-empty -m "WIP"
run "$PREFLIGHT" check-msg --range "$base..HEAD"
expect_rc 1 "a range with a bad message fails"
expect_in "$ERR" "(WIP)" "names the commit"
expect_in "$ERR" "2 commit message(s) checked" "counts the commits"
run "$PREFLIGHT" check-msg --from-ref "$base" --to-ref HEAD~1
expect_rc 0 "a clean range passes"

finish
