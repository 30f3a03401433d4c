# Trust for commands the repository brings: committed commands run only after
# `preflight trust`, a changed rules file (a checkout, a pull) needs trust
# again, local commands and built-in checks need none.
. "$(dirname "$0")/lib.sh"

MARK="$TEST_ROOT/ran"

committed_rules() { # WORD: a committed command that writes WORD to $MARK
  cat >.preflight.yaml <<EOF
extends: [default]
pre_commit:
  commands:
    - name: mark
      run: ["sh", "-c", "echo $1 >> $MARK"]
EOF
}

scenario "untrusted committed commands block and say how to trust"
new_repo repo
install_hooks
committed_rules one
git add .preflight.yaml
run git commit -m "chore: rules with a command"
expect_rc 1 "untrusted commands block the commit"
expect_in "$ERR" "error [untrusted-commands] .preflight.yaml: the commands in .preflight.yaml (\"mark\") are new or changed since you last trusted them, so they did not run" "names the untrusted commands"
expect_in "$ERR" "preflight trust" "says how to trust them"
if [ -e "$MARK" ]; then fail "an untrusted command ran"; else pass; fi
run "$PREFLIGHT" status
expect_in "$OUT" "not trusted" "status reports the untrusted commands"
run "$PREFLIGHT" trust
expect_rc 1 "without a terminal, trust needs --yes"
expect_in "$OUT" "pre_commit.commands:" "trust shows what would run"
expect_in "$OUT" "echo one >> $MARK" "trust shows the exact command"
expect_in "$OUT" "preflight trust --yes" "says how to confirm"
run "$PREFLIGHT" trust --yes
expect_rc 0 "trust --yes records the trust"
expect_in "$OUT" "trusted: hooks will run these commands until they change" "confirms"
if [ -e "$(git rev-parse --git-common-dir)/preflight/trusted" ]; then pass; else
  fail "the trust record is under the git common dir"; fi
expect_eq "$(git status --porcelain --untracked-files=all)" "A  .preflight.yaml" \
  "trust writes nothing into the working tree"
run git commit -m "chore: rules with a command"
expect_rc 0 "trusted commands run"
expect_eq "$(cat "$MARK")" "one" "the trusted command ran"

scenario "a changed rules file needs trust again"
new_repo repo
install_hooks
committed_rules one
git add .preflight.yaml
git commit -q --no-verify -m "chore: rules"
"$PREFLIGHT" trust --yes >/dev/null
git checkout -q -b other
committed_rules two
git add .preflight.yaml
git commit -q --no-verify -m "chore: other rules"
git checkout -q main
echo a >a.txt && git add a.txt
run git commit -m "feat: a"
expect_rc 0 "the trusted rules pass"
rm -f "$MARK"
git checkout -q other
echo b >b.txt && git add b.txt
run git commit -m "feat: b"
expect_rc 1 "after checking out changed rules the hook refuses"
expect_in "$ERR" "are new or changed since you last trusted them" "says they changed"
if [ -e "$MARK" ]; then fail "the changed command ran"; else pass; fi
run "$PREFLIGHT" trust --show
expect_in "$OUT" "echo two >> $MARK" "--show shows the new command"
expect_rc 1 "--show reports not trusted"
"$PREFLIGHT" trust --yes >/dev/null
run git commit -m "feat: b"
expect_rc 0 "trusted again, the commit passes"
expect_eq "$(cat "$MARK")" "two" "the newly trusted command ran"

scenario "local commands need no trust; built-in checks still report"
rm -f "$MARK"
new_repo repo
install_hooks
committed_rules one
git add .preflight.yaml
git commit -q --no-verify -m "chore: rules"
printf 'tmp\n' >model.pt
git add model.pt
run git commit -m "feat: weights"
expect_rc 1 "blocked"
expect_in "$ERR" "untrusted-commands" "the untrusted commands are named"
expect_in "$ERR" "error [checkpoint] model.pt" "built-in checks still report"
git rm -q --cached model.pt && rm model.pt
cat >.preflight.local.yaml <<EOF
pre_commit:
  commands:
    - name: local
      run: ["sh", "-c", "echo local >> $MARK"]
EOF
echo c >c.txt && git add c.txt
run git commit -m "feat: c"
expect_rc 0 "untracked local commands run without trust"
expect_eq "$(cat "$MARK")" "local" "the local command ran"
git add -f .preflight.local.yaml
echo d >d.txt && git add d.txt
run git commit -m "feat: d"
expect_rc 1 "a tracked .preflight.local.yaml counts as committed"
expect_in "$ERR" "the commands in .preflight.local.yaml" "names the tracked local file"

finish
