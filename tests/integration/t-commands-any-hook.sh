# Commands on the git hooks without checks of their own (githooks(5) beyond
# the built-in five), under real git: install puts in exactly the hooks the
# rules use, each command gets git's arguments ({args}, {1}, "$@") and standard
# input, pre-* hooks refuse git's command when a command fails, and the trust
# gate holds for them as for pre-commit.
. "$(dirname "$0")/lib.sh"

# any_rules <<EOF: .preflight.local.yaml (never committed: no trust needed)
# with no shipped rule set and the given text.
any_rules() { { printf 'extends: []\n'; cat; } >.preflight.local.yaml; }

scenario "post-merge: installed only when used, and its command gets {args}"
new_repo repo
install_hooks
if [ -e .git/hooks/post-merge ]; then fail "post-merge installed with no rules for it"; else pass; fi
any_rules <<EOF
post_merge:
  commands:
    - name: marker
      run: [sh, -c, 'printf "squash=%s hook=%s\n" "\$1" "\$PREFLIGHT_HOOK" > "\$0"', "$TEST_ROOT/merged", "{args}"]
EOF
install_hooks
expect_in "$OUT" "post-merge: installed" "install adds the hook the rules use"
expect_not_in "$OUT" "pre-rebase" "and no hook the rules do not use"
run "$PREFLIGHT" status
expect_in "$OUT" "post-merge             installed: preflight" "status lists it"
git checkout -q -b side
echo a >a.txt && git add a.txt && git commit -q -m "feat: a"
git checkout -q main
run git merge -q side
expect_rc 0 "the merge passes"
expect_eq "$(cat "$TEST_ROOT/merged" 2>/dev/null)" "squash=0 hook=post-merge" \
  "the command got post-merge's argument (0: no squash) and PREFLIGHT_HOOK"
rm -f "$TEST_ROOT/merged"
run "$PREFLIGHT" run post-merge 1
expect_rc 0 "preflight run post-merge"
expect_eq "$(cat "$TEST_ROOT/merged" 2>/dev/null)" "squash=1 hook=post-merge" \
  "preflight run post-merge passes its arguments"
run "$PREFLIGHT" run post-merg
expect_rc 2 "a misspelt hook"
expect_in "$ERR" "did you mean \"post-merge\"" "is named with a suggestion"
rm .git/hooks/post-merge
run "$PREFLIGHT" status
expect_in "$OUT" "problem: post-merge is not installed: the rules' post-merge commands do not run (run preflight install --hooks post-merge)" \
  "status notices a missing hook the rules use"

scenario "prepare-commit-msg: a command edits the message file and the commit has it"
new_repo repo
any_rules <<'EOF'
prepare_commit_msg:
  commands:
    - name: ticket
      run: 'printf "\nRefs: T-%s\n" "$2" >> "$1"'
EOF
install_hooks
echo a >a.txt && git add a.txt
run git commit -q -m "feat: with a ticket"
expect_rc 0 "the commit passes"
expect_eq "$(git log -1 --format=%B)" "feat: with a ticket

Refs: T-message" "the message holds the command's line (\$2: the message source)"

scenario "post-rewrite: the command reads git's standard input"
new_repo repo
any_rules <<EOF
post_rewrite:
  commands:
    - name: rewritten
      run: [sh, -c, 'cat > "\$0"; echo "\$1" >> "\$0"', "$TEST_ROOT/rewritten", "{1}"]
EOF
install_hooks
echo a >a.txt && git add a.txt && git commit -q -m "feat: a"
old=$(git rev-parse HEAD)
run git commit -q --amend -m "feat: a, amended"
expect_rc 0 "the amend passes"
new=$(git rev-parse HEAD)
expect_eq "$(cat "$TEST_ROOT/rewritten" 2>/dev/null)" "$old $new
amend" "stdin carried 'old new' and {1} the command that rewrote"

scenario "pre-rebase: a failing command refuses the rebase, with its reason"
new_repo repo
any_rules <<'EOF'
pre_rebase:
  commands:
    - name: no-rebase-of-published
      run: [sh, -c, 'echo "refusing to rebase onto $1" >&2; exit 1', pre-rebase, "{1}"]
EOF
install_hooks
git checkout -q -b topic
echo t >t.txt && git add t.txt && git commit -q -m "feat: t"
git checkout -q main
echo m >m.txt && git add m.txt && git commit -q -m "feat: m"
git checkout -q topic
before=$(git rev-parse HEAD)
run git rebase main
expect_rc 128 "git rebase fails"
expect_in "$ERR" "The pre-rebase hook refused to rebase" "git says the hook refused"
expect_in "$ERR" "command \"no-rebase-of-published\" failed with exit code 1" "names the command"
expect_in "$ERR" "refusing to rebase onto main" "shows its reason, with {1} = the upstream"
expect_eq "$(git rev-parse HEAD)" "$before" "the branch did not move"
run env SKIP=no-rebase-of-published git rebase -q main
expect_rc 0 "SKIP lets the rebase through once"

scenario "pre-merge-commit: a failing command refuses the merge; --no-verify bypasses"
new_repo repo
any_rules <<'EOF'
pre_merge_commit:
  commands:
    - name: no-merges
      run: 'echo "merge commits are not allowed here; rebase instead" >&2; exit 3'
EOF
install_hooks
git checkout -q -b side
echo s >s.txt && git add s.txt && git commit -q -m "feat: s"
git checkout -q main
echo m >m.txt && git add m.txt && git commit -q -m "feat: m"
before=$(git rev-parse HEAD)
run git merge --no-edit side
expect_rc 1 "git merge fails"
expect_in "$ERR" "merge commits are not allowed here; rebase instead" "with the command's reason"
expect_in "$ERR" "pre-merge-commit blocked by 1 error(s)" "and says the hook blocked it"
expect_eq "$(git rev-parse HEAD)" "$before" "no merge commit was made"
git merge --abort 2>/dev/null
run git merge --no-verify --no-edit side
expect_rc 0 "--no-verify merges"

scenario "committed commands on any hook run only after preflight trust"
new_repo repo
cat >.preflight.yaml <<EOF
post_commit:
  commands:
    - name: mark
      run: [touch, "$TEST_ROOT/committed"]
EOF
install_hooks
git add .preflight.yaml
run git commit -q -m "chore: rules"
expect_rc 0 "post-commit never fails the commit"
expect_in "$ERR" "error [untrusted-commands] .preflight.yaml: the post-commit commands in .preflight.yaml (\"mark\")" "the untrusted command is named"
if [ -e "$TEST_ROOT/committed" ]; then fail "an untrusted post-commit command ran"; else pass; fi
run "$PREFLIGHT" trust
expect_in "$OUT" "post_commit.commands:" "trust shows the post-commit commands"
run "$PREFLIGHT" trust --yes
run git commit -q --allow-empty -m "chore: again"
if [ -e "$TEST_ROOT/committed" ]; then pass; else fail "the trusted command did not run: $ERR"; fi

scenario "re-install removes our hook for commands the rules dropped, and gives back the old one"
new_repo repo
printf '#!/bin/sh\necho "their post-merge ran" >&2\n' >.git/hooks/post-merge
chmod +x .git/hooks/post-merge
any_rules <<'EOF'
post_merge:
  commands:
    - name: hello
      run: [sh, -c, 'echo "preflight post-merge ran" >&2']
EOF
install_hooks
expect_in "$OUT" "post-merge: installed; the previous hook was kept as" "the old hook is kept"
git checkout -q -b side && git commit -q --allow-empty -m "feat: s" && git checkout -q main
run git merge -q --no-ff --no-edit side
expect_in "$ERR" "preflight: hello: passed" "our command runs"
expect_in "$ERR" "their post-merge ran" "then the old hook"
printf 'extends: []\n' >.preflight.local.yaml
install_hooks
expect_in "$OUT" "post-merge: removed; the previous hook is back (the rules have no post-merge commands)" \
  "re-install takes our hook out"
expect_eq "$(cat .git/hooks/post-merge)" '#!/bin/sh
echo "their post-merge ran" >&2' "the old hook is back, byte for byte"
any_rules <<'EOF'
pre_auto_gc:
  commands:
    - name: never
      run: [false]
EOF
install_hooks
run "$PREFLIGHT" uninstall
expect_in "$OUT" "pre-auto-gc: removed" "uninstall removes hooks with commands only"
if [ -e .git/hooks/pre-auto-gc ]; then fail "pre-auto-gc left behind"; else pass; fi

scenario "install with rules that do not load leaves the hooks with commands only as they are"
new_repo repo
any_rules <<'EOF'
post_merge:
  commands:
    - name: hello
      run: [true]
EOF
install_hooks
printf 'post_merge: [\n' >.preflight.local.yaml
run "$PREFLIGHT" install
expect_in "$OUT" "hooks with commands only (post-merge, ...): not changed, the rules do not load" \
  "install says why it left them"
expect_in "$ERR" ".preflight.local.yaml:" "and where the rules are broken"
if [ -x .git/hooks/post-merge ]; then pass; else fail "post-merge was removed on a broken rules file"; fi

scenario "keys only the file hooks have are errors on hooks with commands only"
new_repo repo
any_rules <<'EOF'
post_merge:
  commands:
    - name: x
      run: [true]
      glob: "*.py"
EOF
run "$PREFLIGHT" run post-merge 0
expect_rc 2 "bad rules"
expect_in "$ERR" ".preflight.local.yaml:6:7: unknown key \"glob\"" "located error"

finish
