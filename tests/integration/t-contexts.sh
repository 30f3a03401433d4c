# The hook opens the right repository and index in every context git creates
# (see shared/reference/git-internals-and-backups.md section 5).
. "$(dirname "$0")/lib.sh"

expect_trace() { # FIELD VALUE DESCRIPTION
  expect_in "$ERR" "preflight: trace: $1 $2" "$3"
}

scenario "plain, -a, <paths>, subfolder"
new_repo repo
install_hooks
root=$PWD
echo a > a && echo b > b && git add a b && git commit -qm "feat: base"
echo a2 > a && git add a
PREFLIGHT_TRACE=1 run git commit -m "feat: plain"
expect_rc 0 "plain commit"
expect_trace "worktree" "$root" "plain: worktree"
expect_trace "index" "$root/.git/index" "plain: the real index"
echo a3 > a
PREFLIGHT_TRACE=1 run git commit -a -m "feat: all"
expect_rc 0 "commit -a"
expect_trace "index" "$root/.git/index.lock" "-a: git's temporary index"
echo b2 > b
PREFLIGHT_TRACE=1 run git commit b -m "feat: paths"
expect_rc 0 "commit <path>"
expect_trace "index" "$root/.git/next-index-" "<path>: the partial index"
mkdir -p deep/er && cd deep/er
echo c > c && git add c
PREFLIGHT_TRACE=1 run git commit -m "feat: from a subfolder"
expect_rc 0 "commit from a subfolder"
expect_trace "worktree" "$root" "subfolder: the worktree root"
cd "$root"

scenario "rebase --exec exports GIT_WORK_TREE"
new_repo repo
install_hooks
root=$PWD
for n in 1 2; do echo $n > f$n && git add f$n && git commit -qm "feat: f$n"; done
PREFLIGHT_TRACE=1 run git rebase -q HEAD~2 --exec 'git commit -q --amend --no-edit --allow-empty'
expect_rc 0 "rebase with exec"
expect_trace "worktree" "$root" "rebase exec: worktree"
expect_trace "git dir" "$root/.git" "rebase exec: git dir"
expect_not_in "$ERR" "GIT_WORK_TREE unimplemented" "no libgit2 refusal"

scenario "GIT_DIR and GIT_WORK_TREE set by hand"
new_repo repo
install_hooks
root=$PWD
cd "$TEST_ROOT"
echo d > "$root/d"
GIT_DIR="$root/.git" GIT_WORK_TREE="$root" git add d
GIT_DIR="$root/.git" GIT_WORK_TREE="$root" PREFLIGHT_TRACE=1 run git commit -m "feat: env"
expect_rc 0 "commit with GIT_DIR and GIT_WORK_TREE"
expect_trace "worktree" "$root" "env: worktree"

scenario "git -c values reach the hook"
new_repo repo
install_hooks
run env GIT_CONFIG_PARAMETERS="'core.hookspath'='/nowhere'" "$PREFLIGHT_BUILD_DIR/bin/preflight" status
expect_in "$OUT" "hooks:       /nowhere" "GIT_CONFIG_PARAMETERS is read"
run env GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.hooksPath GIT_CONFIG_VALUE_0=/elsewhere "$PREFLIGHT" status
expect_in "$OUT" "hooks:       /elsewhere" "GIT_CONFIG_COUNT is read"

finish
