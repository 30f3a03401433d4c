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

scenario "commitlint's default ignores: a line starting Merge pull request, anywhere"
new_repo repo
install_hooks
base=$(git rev-parse HEAD)
run git commit --allow-empty -m "tidy things" -m "Merge pull requests are fun"
expect_rc 0 "the hook skips a message with a line starting \"Merge pull request\" (line 3)"
run git commit --allow-empty -m "tidy things" -m "  Merge pull request #1"
expect_rc 1 "an indented line does not start with it: the message is linted"
expect_in "$ERR" "[type-empty]" "and refused by type-empty"
run git commit --allow-empty -m "release 1.2.3" -m "Merge branch 'x' into main"
expect_rc 0 "a \"Merge ... into ...\" line anywhere also skips the message"
run git commit --allow-empty -m "1.2.3 [SKIP CI]"
expect_rc 0 "a version with a [SKIP CI] marker (any case) is skipped"
run git commit --allow-empty -m "Initial commit"
expect_rc 1 "\"Initial commit\" is no default ignore"
run "$PREFLIGHT" check-msg --range "$base..HEAD"
expect_rc 0 "check-msg --range skips the same stored messages"
expect_in "$ERR" "3 commit message(s) checked" "all three commits were read"

scenario "references after action keywords place the footer as commitlint does"
new_repo repo
install_hooks
run git commit --allow-empty -m "feat: add thing" -m "Details here.
See https://example.test/a, fixes #12"
expect_rc 0 "a warning does not block"
expect_in "$ERR" "[footer-leading-blank]" "the reference after \"fixes\" starts a footer, despite the URL before it"
run git commit --allow-empty -m "feat: add thing" -m "Details here.
Issue #12 is fixed by this"
expect_rc 0 "passes"
expect_not_in "$ERR" "footer-leading-blank" "a reference before the only keyword is body text"

scenario "stored messages are judged as stored: check-msg --range and pre-push"
new_repo repo
git init -q --bare ../remote.git
git remote add origin ../remote.git
git push -q -u origin main 2>/dev/null
install_hooks
base=$(git rev-parse HEAD)
# The hook's file: "#" lines are comments, as git's cleanup will drop them.
printf '#123 add thing\nfeat: add thing\n' > msg
run git commit --allow-empty --cleanup=strip -F msg
expect_rc 0 "the commit-msg hook strips the comment line and passes"
expect_eq "$(git log -1 --format=%B)" "feat: add thing" "git stored the message without the comment"
# Stored verbatim, "#123 add thing" is the header.
printf '#123 add thing\n' > msg
git commit -q --allow-empty --no-verify --cleanup=verbatim -F msg
expect_eq "$(git log -1 --format=%s)" "#123 add thing" "git stored the # line"
run "$PREFLIGHT" check-msg --range "$base..HEAD"
expect_rc 1 "check-msg --range judges the stored header"
expect_in "$ERR" "(#123 add thing): type may not be empty" "type-empty names the commit"
expect_in "$ERR" "[subject-empty]" "subject-empty too"
run "$PREFLIGHT" check-msg --to-ref HEAD
expect_rc 1 "--to-ref alone checks the whole history"
expect_in "$ERR" "3 commit message(s) checked" "every commit HEAD reaches"
run git push origin main
expect_rc 1 "pre-push judges the stored message too"
expect_in "$ERR" "(#123 add thing): type may not be empty" "and names the commit"
run "$PREFLIGHT" check-msg --range "..HEAD"
expect_rc 2 "a range without its lower end is a usage error"

finish
