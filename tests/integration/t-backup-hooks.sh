# Backup branches from the reference-transaction and post-checkout hooks, with
# real git: exactly one backup per lost tip, none for ordinary work.
. "$(dirname "$0")/lib.sh"

backups() { git for-each-ref --format='%(refname:short)' refs/heads/backup/ refs/heads/preflight-backup/; }
count_backups() { backups | grep -c . ; }
# expect_backups N DESCRIPTION
expect_backups() { expect_eq "$(count_backups)" "$1" "$2"; }
commit_file() { echo "$1" > "$1" && git add "$1" && git commit -qm "feat: $1"; }
# quiet CMD...: runs CMD with its stderr added to $TEST_ROOT/quiet.err.
quiet() { "$@" 2>>"$TEST_ROOT/quiet.err"; }

scenario "reset --hard HEAD~1, then restore"
new_repo repo
install_hooks
commit_file a
lost=$(git rev-parse HEAD)
run git reset --hard HEAD~1
expect_rc 0 "reset --hard"
expect_backups 1 "one backup"
name=$(backups)
expect_eq "$(git rev-parse "$name")" "$lost" "the backup is at the old tip"
expect_in "$name" "backup/main/" "named after the branch"
expect_in "$ERR" "preflight: saved 1 commit that left main (reset) as branch $name; restore with: preflight backup restore $name" "one line says so"
run "$PREFLIGHT" backup list
expect_in "$OUT" "$name  main" "list shows it"
expect_in "$OUT" "1 commit  feat: a" "list shows count and subject"
run "$PREFLIGHT" backup restore "$name"
expect_rc 0 "restore"
expect_eq "$(git rev-parse HEAD)" "$lost" "restore brings the commit back"
expect_eq "$(cat a)" "a" "and its file"
expect_backups 1 "restoring made no new backup"

scenario "reset --soft and --mixed"
new_repo repo
install_hooks
commit_file a
run git reset --soft HEAD~1
expect_rc 0 "reset --soft"
expect_backups 1 "soft: one backup"
git commit -qm "feat: again"
run git reset HEAD~1
expect_backups 2 "mixed: one more"

scenario "ordinary commits, merges, fast-forwards: nothing"
new_repo repo
install_hooks
: >"$TEST_ROOT/quiet.err"
quiet commit_file a
quiet git checkout -qb topic
quiet commit_file b
quiet git checkout -q main
quiet commit_file c
run git merge -q --no-edit topic
expect_rc 0 "merge"
printf '%s' "$ERR" >>"$TEST_ROOT/quiet.err"
quiet git checkout -q topic
run git merge -q --ff-only main
printf '%s' "$ERR" >>"$TEST_ROOT/quiet.err"
quiet commit_file d
quiet git commit -qa --allow-empty -m "chore: empty"
expect_backups 0 "no backups"
expect_eq "$(cat "$TEST_ROOT/quiet.err")" "" "no command printed anything"

scenario "branch -f, checkout -B, switch -C, update-ref"
new_repo repo
install_hooks
git branch side
git checkout -q side && commit_file s1 && git checkout -q main
run git branch -f side main
expect_rc 0 "branch -f"
expect_backups 1 "branch -f: one backup"
expect_in "$(backups)" "backup/side/" "named after side"
git checkout -q side && commit_file s2
run git checkout -q -B side main
expect_backups 2 "checkout -B: one more"
commit_file s3
run git switch -q -C side main
expect_backups 3 "switch -C: one more"
commit_file s4
run git update-ref refs/heads/side main
expect_backups 4 "update-ref: one more"

scenario "branch -D of an unmerged branch, loose and packed"
new_repo repo
install_hooks
git checkout -qb loose && commit_file l && git checkout -q main
run git branch -D loose
expect_rc 0 "branch -D loose"
expect_backups 1 "loose: exactly one backup despite five hook calls"
expect_in "$ERR" "(deletion)" "says deletion"
git checkout -qb packed && commit_file p && git checkout -q main
git pack-refs --all
run git branch -D packed
expect_backups 2 "packed: exactly one more"
git checkout -qb merged && git checkout -q main
run git branch -d merged
expect_backups 2 "a merged branch: none"

scenario "names with slashes and a branch named backup"
new_repo repo
install_hooks
git checkout -qb feature/deep/x && commit_file f && git checkout -q main
run git branch -D feature/deep/x
expect_in "$(backups)" "backup/feature/deep/x/" "slashes kept"
new_repo repo2
install_hooks
git checkout -qb backup && commit_file b
run git reset --hard HEAD~1
expect_rc 0 "reset on a branch named backup"
expect_in "$(backups)" "preflight-backup/backup/" "falls back to the second namespace"
git checkout -q main
run git branch -D backup
expect_rc 0 "deleting the branch named backup"

scenario "detached HEAD: commits left behind, and reset while detached"
new_repo repo
install_hooks
git checkout -q --detach
commit_file d1 && commit_file d2
tip=$(git rev-parse HEAD)
run git checkout -q main
expect_rc 0 "checkout main"
expect_backups 1 "one detached backup"
expect_in "$(backups)" "backup/detached/" "named detached"
expect_eq "$(git rev-parse "$(backups)")" "$tip" "at the abandoned tip"
expect_in "$ERR" "saved 2 commits left on a detached HEAD" "says how many"
git checkout -q --detach && commit_file d3
run git reset -q --hard HEAD~1
expect_backups 2 "reset of a detached HEAD"
run git checkout -q main
expect_backups 2 "and no second one on checkout"

scenario "amend and a 3-commit rebase: off by default, one when enabled"
new_repo repo
install_hooks
commit_file a
run git commit -q --amend -m "feat: amended"
expect_backups 0 "amend: none by default"
git checkout -qb topic
for n in 1 2 3; do commit_file t$n; done
git checkout -q main && commit_file m && git checkout -q topic
run git rebase -q main
expect_rc 0 "rebase"
expect_backups 0 "rebase: none by default"
printf 'backups:\n  on_amend: true\n  on_rebase: true\n' > .preflight.yaml
run git commit -q --amend -m "feat: t3 amended"
expect_backups 1 "amend: one when enabled"
git checkout -q main && commit_file m2 && git checkout -q topic
run git rebase -q main
expect_rc 0 "rebase again"
expect_backups 2 "rebase: exactly one more when enabled"

scenario "fetch, tags, pack-refs, gc, stash: nothing"
git init -q --bare remote.git
new_repo repo
install_hooks
for n in 1 2 3; do git branch b$n; git tag t$n; done
git push -q ../remote.git 'refs/heads/*:refs/heads/*' 'refs/tags/*:refs/tags/*'
git remote add origin ../remote.git
: >"$TEST_ROOT/quiet.err"
run git fetch -q origin
expect_rc 0 "fetch"
printf '%s' "$ERR" >>"$TEST_ROOT/quiet.err"
quiet git pack-refs --all
quiet git gc -q
echo x > x && quiet git add x && quiet git stash -q && quiet git stash pop -q
quiet git tag -d t1 >/dev/null
expect_backups 0 "no backups"
expect_eq "$(cat "$TEST_ROOT/quiet.err")" "" "no command printed anything"

scenario "published commits: warn by default, refuse when asked"
git init -q --bare remote.git
new_repo repo
install_hooks
git remote add origin ../remote.git
commit_file p
git push -q -u origin main 2>/dev/null
run git reset -q --hard HEAD~1
expect_rc 0 "warn does not block"
expect_in "$ERR" "warning: main no longer has 1 commit that origin/main already has" "warns"
expect_in "$ERR" "git revert" "points to revert"
git reset -q --hard origin/main
printf 'backups:\n  published: refuse\n' > .preflight.yaml
run git reset -q --soft HEAD~1
expect_rc 128 "refuse aborts the ref update"
expect_in "$ERR" "refusing to move main" "says why"
expect_eq "$(git rev-parse HEAD)" "$(git rev-parse origin/main)" "HEAD did not move"
SKIP=published-commits run git reset -q --soft HEAD~1
expect_rc 0 "SKIP bypasses once"

scenario "faults never fail the git command"
new_repo repo
install_hooks
commit_file a
printf 'backups: [unclosed\n' > .preflight.yaml
run git reset -q --hard HEAD~1
expect_rc 0 "a broken rules file"
expect_in "$ERR" "preflight: warning: .preflight.yaml:2:1: invalid YAML" "says where the rules are broken"
expect_in "$ERR" "using the default backup rules" "one line says the defaults apply"
expect_backups 1 "backed up with the default rules (t-backup-holes.sh covers every kind)"
rm .preflight.yaml
git reset -q --hard HEAD@{1}
printf 'backups:\n  enabled: false\n' > .preflight.yaml
run git reset -q --hard HEAD~1
expect_backups 1 "disabled: no new backup"
rm .preflight.yaml

scenario "linked worktree"
new_repo repo
install_hooks
git worktree add -q ../wt -b wt 2>/dev/null
cd ../wt
commit_file w
run git reset -q --hard HEAD~1
expect_rc 0 "reset in a linked worktree"
expect_in "$(backups)" "backup/wt/" "backup of the worktree's branch"

finish
