# preflight install / uninstall / status in real repositories: hook files that
# run the shared ELF binaries (tests/integration/t-hook-files.sh has the rest), chaining of an existing hook (arguments and stdin), core.hooksPath,
# linked worktrees, idempotence, and refusing to lose a hook.
. "$(dirname "$0")/lib.sh"

scenario "chain an existing pre-commit hook, then restore it"
new_repo repo
cat > .git/hooks/pre-commit <<'HOOK'
#!/bin/sh
echo "old hook ran with [$*]" >> "$(git rev-parse --git-dir)/old-hook.log"
HOOK
chmod +x .git/hooks/pre-commit
cp .git/hooks/pre-commit "$TEST_ROOT/original-hook"
install_hooks
expect_in "$OUT" "pre-commit: installed; the previous hook was kept as" "install reports the kept hook"
for hook in pre-commit commit-msg pre-push post-checkout reference-transaction; do
  [ -f .git/hooks/$hook ] && [ ! -L .git/hooks/$hook ] && [ -x .git/hooks/$hook ] && pass ||
    fail "$hook is an executable file of its own, not a link"
  expect_eq "$(head -c 4 .git/hooks/$hook | od -An -c | tr -d ' ')" '177ELF' \
    "$hook is an ELF executable"
  grep -qaF "$LIBEXEC/$hook" .git/hooks/$hook && pass || fail "$hook runs $LIBEXEC/$hook"
done
cmp -s .git/hooks/pre-commit.local "$TEST_ROOT/original-hook" && pass || fail "old hook kept byte for byte"
echo data > file.txt && git add file.txt
PREFLIGHT_TRACE=1 run git commit -m "feat: add a file"
expect_rc 0 "commit with both hooks"
expect_in "$ERR" "preflight: trace: hook pre-commit" "our pre-commit ran"
expect_in "$(cat .git/old-hook.log)" "old hook ran with []" "the old pre-commit ran"
expect_eq "$(git log -1 --format=%s)" "feat: add a file" "the commit exists"

run "$PREFLIGHT" install
expect_rc 0 "second install"
expect_in "$OUT" "pre-commit: already installed" "install is idempotent"
cmp -s .git/hooks/pre-commit.local "$TEST_ROOT/original-hook" && pass || fail "second install keeps the old hook"

run "$PREFLIGHT" status
expect_rc 0 "status"
expect_in "$OUT" "installed: preflight, then pre-commit.local" "status shows the chain"
expect_in "$OUT" "<built-in rules/default.yaml>" "status shows the rules in effect"

run "$PREFLIGHT" uninstall
expect_rc 0 "uninstall"
cmp -s .git/hooks/pre-commit "$TEST_ROOT/original-hook" && pass || fail "the old hook is back"
[ ! -e .git/hooks/pre-commit.local ] && pass || fail "no .local left behind"
for hook in commit-msg pre-push post-checkout reference-transaction; do
  [ ! -e .git/hooks/$hook ] && [ ! -L .git/hooks/$hook ] && pass || fail "$hook removed"
done
rm .git/old-hook.log
echo more >> file.txt
run git commit -qam "fix: after uninstall"
expect_rc 0 "commit after uninstall"
expect_in "$(cat .git/old-hook.log)" "old hook ran" "only the old hook remains and runs"
run "$PREFLIGHT" uninstall
expect_rc 0 "uninstall twice"

scenario "a failing chained hook fails the commit"
new_repo repo
printf '#!/bin/sh\necho "old hook says no" >&2\nexit 7\n' > .git/hooks/pre-commit
chmod +x .git/hooks/pre-commit
install_hooks
echo x > x && git add x
run git commit -m "feat: refused by the old hook"
expect_rc 1 "commit refused"
expect_in "$ERR" "old hook says no" "the old hook's message is shown"
expect_in "$ERR" "the previous pre-commit hook" "our note names the chained hook"
expect_in "$ERR" "failed with exit code 7" "our note gives its exit code"

scenario "chained pre-push gets the same arguments and stdin"
git init -q --bare remote.git
new_repo repo
git remote add origin ../remote.git
cat > .git/hooks/pre-push <<'HOOK'
#!/bin/sh
echo "args: $*" > "$(git rev-parse --git-dir)/pre-push.args"
cat > "$(git rev-parse --git-dir)/pre-push.stdin"
HOOK
chmod +x .git/hooks/pre-push
install_hooks
run git push -q origin main
expect_rc 0 "push"
expect_eq "$(cat .git/pre-push.args)" "args: origin ../remote.git" "arguments passed through"
expect_eq "$(cat .git/pre-push.stdin)" \
  "refs/heads/main $(git rev-parse main) refs/heads/main 0000000000000000000000000000000000000000" \
  "stdin passed through"

scenario "a foreign hook with a .local beside it is not clobbered"
new_repo repo
printf '#!/bin/sh\nexit 0\n' > .git/hooks/commit-msg
printf '#!/bin/sh\necho other\n' > .git/hooks/commit-msg.local
chmod +x .git/hooks/commit-msg .git/hooks/commit-msg.local
cp .git/hooks/commit-msg "$TEST_ROOT/a"; cp .git/hooks/commit-msg.local "$TEST_ROOT/b"
run "$PREFLIGHT" install
expect_rc 1 "install refuses"
expect_in "$ERR" "cannot keep the existing commit-msg hook" "install says why"
cmp -s .git/hooks/commit-msg "$TEST_ROOT/a" && cmp -s .git/hooks/commit-msg.local "$TEST_ROOT/b" &&
  pass || fail "both hooks unchanged"

scenario "core.hooksPath is honoured"
new_repo repo
git config core.hooksPath .githooks
printf '.githooks/\n' > .git/info/exclude
install_hooks
expect_in "$OUT" "installing hooks into $PWD/.githooks" "install says where"
grep -qaF "$LIBEXEC/pre-commit" .githooks/pre-commit && pass || fail "hook in core.hooksPath"
[ ! -e .git/hooks/pre-commit ] && pass || fail "nothing in .git/hooks"
printf 'pre_commit: {enabld: true}\n' > .preflight.yaml
echo x > x && git add x
run git commit -m "feat: blocked through hooksPath"
expect_rc 1 "commit blocked by the hook in core.hooksPath"
expect_in "$ERR" 'unknown key "enabld"' "the hook in core.hooksPath ran"

scenario "linked worktrees use the same hooks"
new_repo repo
install_hooks
git worktree add -q ../wt -b other
cd ../wt
echo y > y && git add y
PREFLIGHT_TRACE=1 run git commit -m "feat: from a worktree"
expect_rc 0 "commit in a linked worktree"
expect_in "$ERR" "preflight: trace: worktree $(cd ../wt && pwd)" "the hook sees the linked worktree"
expect_in "$ERR" "preflight: trace: git dir $(cd ../repo && pwd)/.git/worktrees/wt" "per-worktree git dir"
expect_in "$ERR" "preflight: trace: common dir $(cd ../repo && pwd)/.git" "common dir"
printf 'nope: 1\n' > .preflight.yaml
echo z > z && git add z
run git commit -m "feat: blocked in the worktree"
expect_rc 1 "the worktree's own rules file applies"
expect_in "$ERR" '.preflight.yaml:1:1: unknown key "nope"' "located message in the worktree"

finish
