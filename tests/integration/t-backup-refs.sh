# Backups of every ref that can hold the only copy of committed work, not only
# branches: tags (lightweight and annotated), notes, refs/replace, any refs/*,
# deleted remote-tracking refs (backups.remote_refs), and the stash's entries on
# `git stash clear`.
# Real git, the real hooks; docs/backups.md names these scenarios.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/backup_helpers.sh"

# detached_commit NAME: a commit made on a HEAD detached at main; HEAD stays
# there (the caller tags it before going back, or post-checkout backs it up).
# Prints the commit.
detached_commit() {
  git checkout -q --detach main
  echo "$1" >"$1" && git add "$1" && git commit -qm "feat: $1"
  git rev-parse HEAD
}

scenario "git tag -d of a tag that was the only ref to a detached commit, then restore"
new_repo repo
install_hooks
git tag on-main
run git tag -d on-main
expect_eq "$ERR" "" "a tag whose commit main has: nothing said"
expect_backups 0 "and no backup"
lost=$(detached_commit d1)
git tag light
git checkout -q main
expect_backups 0 "the tag keeps the detached commit: no backup on checkout"
run git tag -d light
expect_rc 0 "tag -d"
expect_backups 1 "one backup of the tag's commit"
name=$(backups)
expect_in "$name" "backup/refs/tags/light/" "named after the tag"
expect_eq "$(git rev-parse "$name")" "$lost" "at the tag's commit"
expect_in "$ERR" "preflight: saved 1 commit that left refs/tags/light (deletion) as branch $name; restore with: preflight backup restore $name" "one line says so"
run "$PREFLIGHT" backup list
expect_in "$OUT" "$name  refs/tags/light" "backup list names the tag"
run "$PREFLIGHT" backup restore "$name"
expect_rc 0 "restore"
expect_in "$OUT" "refs/tags/light is back at $name" "restore says so"
expect_eq "$(git rev-parse refs/tags/light)" "$lost" "the tag is back"
expect_eq "$(git for-each-ref --format='%(objecttype)' refs/tags/light)" "commit" "as a lightweight tag"
expect_eq "$(git branch --list light)" "" "and no branch was made instead"

scenario "git tag -d and tag -f of an annotated tag keep the tag object, restore puts it back"
new_repo repo
install_hooks
lost=$(detached_commit d1)
git tag -a -m "release one" v1
tag_object=$(git rev-parse refs/tags/v1)
git checkout -q main
run git tag -d v1
expect_rc 0 "tag -d of an annotated tag"
expect_backups 1 "one backup"
name=$(backups)
expect_eq "$(git rev-parse "$name")" "$lost" "the backup branch is at the tagged commit"
expect_eq "$(git rev-parse "refs/preflight/backup-tags/$name")" "$tag_object" "the tag object is kept"
run "$PREFLIGHT" backup restore "$name"
expect_rc 0 "restore"
expect_eq "$(git rev-parse refs/tags/v1)" "$tag_object" "the same tag object is back"
expect_eq "$(git cat-file tag v1 | tail -n 1)" "release one" "with its message"
git branch -q -D "$name" && git update-ref -d "refs/preflight/backup-tags/$name"
run git tag -f -a -m "release one, again" v1 main
expect_rc 0 "tag -f moves v1 onto main"
expect_backups 1 "tag -f: one backup"
name=$(backups)
expect_in "$ERR" "that left refs/tags/v1 (forced move)" "says forced move"
expect_eq "$(git rev-parse "$name")" "$lost" "at the commit v1 left"
expect_eq "$(git rev-parse "refs/preflight/backup-tags/$name")" "$tag_object" "with the old tag object"
lost2=$(detached_commit d2)
git tag -f light 2>/dev/null && git checkout -q main
run git tag -f light main
expect_backups 2 "tag -f of a lightweight tag: one more"
expect_backup_at "$lost2" "at the commit the lightweight tag left"

scenario "backup prune deletes an annotated tag's kept object with its backup"
new_repo repo
install_hooks
for n in 1 2; do
  c=$(git commit-tree -p main -m "feat: release $n" "main^{tree}")
  git tag -a -m "release $n" v1 "$c"
  git tag -d v1 >/dev/null 2>&1
  git branch "holder$n" "$c"
done
expect_backups 2 "two backups of refs/tags/v1"
expect_eq "$(git for-each-ref refs/preflight/backup-tags/ | grep -c .)" "2" "each with its tag object"
run "$PREFLIGHT" backup prune --keep 1
expect_rc 0 "prune --keep 1"
expect_backups 1 "one backup left (both were copies: holder1 and holder2 have the commits)"
kept=$(backups)
expect_eq "$(git for-each-ref --format='%(refname)' refs/preflight/backup-tags/)" "refs/preflight/backup-tags/$kept" "only the kept backup's tag object is left"

scenario "update-ref -d refs/tags/x and push . :refs/tags/x back up the tag's commit"
new_repo repo
install_hooks
lost=$(detached_commit d1)
git tag x
git checkout -q main
run git update-ref -d refs/tags/x
expect_rc 0 "update-ref -d"
expect_backups 1 "update-ref -d: one backup"
expect_backup_at "$lost" "at the tag's commit"
lost2=$(detached_commit d2)
git tag y && git checkout -q main
git pack-refs --all
run git push -q . :refs/tags/y
expect_rc 0 "push . :refs/tags/y of a packed tag"
expect_backups 2 "push . :refs/tags/y: one more"
expect_backup_at "$lost2" "at y's commit"
expect_in "$ERR" "that left refs/tags/y (deletion)" "says deletion"

scenario "a branch named refs/tags/v1 is backed up and restored as a branch, not a tag"
new_repo repo
install_hooks
git checkout -qb refs/tags/v1 && commit_file b && git checkout -q main
lost=$(git rev-parse refs/heads/refs/tags/v1)
run git branch -D refs/tags/v1
expect_rc 0 "branch -D"
expect_backups 1 "one backup"
name=$(backups)
expect_in "$ERR" "that left refs/tags/v1 (deletion)" "says the branch"
run "$PREFLIGHT" backup restore "$name"
expect_rc 0 "restore"
expect_eq "$(git rev-parse refs/heads/refs/tags/v1)" "$lost" "the branch is back"
expect_eq "$(git for-each-ref refs/tags)" "" "and no tag was made"

scenario "any refs/*: update-ref -d and a forced move back up, restore puts the ref back"
new_repo repo
install_hooks
lost=$(git commit-tree -p main -m "feat: kept on refs/keep/work" "main^{tree}")
git update-ref refs/keep/work "$lost"
run git update-ref refs/keep/work main
expect_rc 0 "forced move of refs/keep/work"
expect_backups 1 "a forced move: one backup"
name=$(backups)
expect_in "$name" "backup/refs/keep/work/" "named after the ref"
expect_eq "$(git rev-parse "$name")" "$lost" "at the old value"
run "$PREFLIGHT" backup restore "$name"
expect_rc 0 "restore"
expect_eq "$(git rev-parse refs/keep/work)" "$lost" "refs/keep/work is back"
expect_backups 1 "main's commit is on main: restoring over it made no backup"
run git update-ref -d refs/keep/work
expect_backups 1 "the backup already has the commit: no second one"
git update-ref refs/keep/other "$lost"
git branch -q -D "$name"
run git update-ref -d refs/keep/other
expect_backups 1 "update-ref -d: one backup"
expect_backup_at "$lost" "at the deleted ref's commit"

scenario "notes: notes add and remove make none, deleting refs/notes/commits backs up the notes"
new_repo repo
install_hooks
: >"$TEST_ROOT/quiet.err"
git notes add -m "first note" 2>>"$TEST_ROOT/quiet.err"
git notes add -f -m "second note" 2>>"$TEST_ROOT/quiet.err"
git notes remove HEAD 2>>"$TEST_ROOT/quiet.err"
git notes add -m "kept note" 2>>"$TEST_ROOT/quiet.err"
expect_not_in "$(cat "$TEST_ROOT/quiet.err")" "preflight" "notes add and remove: preflight says nothing"
expect_backups 0 "notes add and remove: no backup"
notes=$(git rev-parse refs/notes/commits)
run git update-ref -d refs/notes/commits
expect_rc 0 "update-ref -d refs/notes/commits"
expect_backups 1 "one backup of the notes history"
name=$(backups)
expect_eq "$(git rev-parse "$name")" "$notes" "at the notes commit"
run "$PREFLIGHT" backup restore "$name"
expect_rc 0 "restore"
expect_eq "$(git notes show HEAD)" "kept note" "the note is back"

scenario "git replace -d backs up the replacement commit"
new_repo repo
install_hooks
commit_file a
replacement=$(git commit-tree -p HEAD~1 -m "feat: a, as it should have been" "HEAD^{tree}")
original=$(git rev-parse HEAD)
git replace "$original" "$replacement"
run git replace -d "$original"
expect_rc 0 "replace -d"
expect_backups 1 "one backup"
expect_backup_at "$replacement" "at the replacement commit"
expect_in "$(backups)" "backup/refs/replace/" "named after the replace ref"

scenario "remote-tracking refs: with backups.remote_refs, a deleted one whose commits the remote dropped is backed up"
git init -q --bare remote.git
new_repo repo
git remote add origin ../remote.git
git push -q origin main
git checkout -qb gone && commit_file g && git push -q origin gone
git checkout -qb merged main && commit_file m && git push -q origin merged
git push -q origin merged:main
git checkout -q main && git branch -q -D gone merged
git -C ../remote.git update-ref -d refs/heads/gone
gone=$(git rev-parse origin/gone)
install_hooks
printf 'backups:\n  remote_refs: true\n' >.preflight.local.yaml
: >"$TEST_ROOT/quiet.err"
git fetch -q origin 2>>"$TEST_ROOT/quiet.err"
expect_eq "$(cat "$TEST_ROOT/quiet.err")" "" "a fetch that moves origin/main: nothing"
run git fetch -q --prune origin
expect_rc 0 "fetch --prune"
expect_backups 1 "one backup: origin/gone's commit is on no ref"
expect_backup_at "$gone" "at origin/gone's commit"
expect_in "$(backups)" "backup/refs/remotes/origin/gone/" "named after the remote-tracking ref"
run git branch -dr origin/merged
expect_rc 0 "branch -dr of a ref whose commits origin/main has"
expect_backups 1 "no backup for it"
git update-ref refs/remotes/origin/side "$(git commit-tree -p main -m 'feat: side' 'main^{tree}')"
side=$(git rev-parse origin/side)
run git branch -dr origin/side
expect_backups 2 "branch -dr of the only copy: one more"
expect_backup_at "$side" "at origin/side's commit"

scenario "remote-tracking refs: by default fetch --prune and branch -dr make no backup"
git init -q --bare remote.git
new_repo repo
git remote add origin ../remote.git
git checkout -qb squashed && commit_file s && git push -q origin squashed
git checkout -q main && git branch -q -D squashed
git -C ../remote.git update-ref -d refs/heads/squashed
git update-ref refs/remotes/origin/side "$(git commit-tree -p main -m 'feat: side' 'main^{tree}')"
install_hooks
run git branch -dr origin/side
expect_rc 0 "branch -dr"
expect_eq "$ERR" "" "branch -dr: nothing said"
run git fetch -q --prune origin
expect_rc 0 "fetch --prune"
expect_eq "$ERR" "" "fetch --prune: nothing said"
expect_eq "$(git for-each-ref refs/remotes/origin/squashed)" "" "origin/squashed is pruned"
expect_backups 0 "no backup: backups.remote_refs is off"

scenario "remote-tracking refs: a forced fetch makes no backup, the reflog keeps the old value"
git init -q --bare remote.git
new_repo repo
git remote add origin ../remote.git
commit_file a && git push -q origin main
old=$(git rev-parse HEAD)
git reset -q --hard HEAD~1 && commit_file b && git push -q -f origin main
git update-ref refs/remotes/origin/main "$old"
git reset -q --hard HEAD~1
install_hooks
run git fetch -q origin
expect_rc 0 "forced fetch"
expect_eq "$(git rev-parse origin/main)" "$(git -C ../remote.git rev-parse main)" "origin/main moved to the forced value"
expect_eq "$ERR" "" "nothing said"
expect_backups 0 "no backup"
expect_eq "$(git rev-parse origin/main@{1})" "$old" "the reflog of origin/main has the old value"

scenario "git stash clear saves every entry; stash pop and the last drop make none"
new_repo repo
install_hooks
echo one >f && git add f && git stash -q
echo two >f && git add f && git stash -q
echo three >f && git add f && git stash -q
saved=$(git rev-parse stash@{0})
git branch "backup/wip/stash/20260101T000000Z-${saved:0:7}" "$saved"
run git stash clear
expect_rc 0 "stash clear"
expect_backups 3 "one backup per entry, none for the entry a backup (the shell guard's) has"
expect_not_in "$ERR" "stash@{0}" "stash@{0} was saved already: not again"
expect_in "$ERR" "preflight: saved stash@{1} (deleted with refs/stash) as branch backup/wip/stash/" "says stash@{1}"
expect_in "$ERR" "preflight: saved stash@{2} (deleted with refs/stash)" "says stash@{2}"
one=$(backups | while read -r b; do [ "$(git show "$b:f")" = one ] && echo "$b"; done)
run "$PREFLIGHT" backup restore "$one"
expect_rc 0 "restore a stash entry"
expect_eq "$(cat f)" "one" "its file is back"
git reset -q --hard
for b in $(backups); do git branch -q -D "$b"; done
: >"$TEST_ROOT/quiet.err"
echo four >f && git add f && git stash -q 2>>"$TEST_ROOT/quiet.err"
git stash pop -q 2>>"$TEST_ROOT/quiet.err" >/dev/null
git stash -q 2>>"$TEST_ROOT/quiet.err"
git stash drop -q 2>>"$TEST_ROOT/quiet.err"
expect_eq "$(cat "$TEST_ROOT/quiet.err")" "" "pop and the last drop: nothing said"
expect_backups 0 "and no backup (the shell guard saves a drop)"

scenario "git's own refs and preflight's make no backup: bisect, refs/original, refs/preflight, a fetch of tags"
git init -q --bare remote.git
new_repo repo
for n in 1 2 3; do commit_file c$n; done
git push -q ../remote.git main
for n in 1 2 3; do git tag -a -m "t$n" t$n HEAD~$((n - 1)); done
git push -q ../remote.git --tags
git tag -d t1 t2 t3 >/dev/null
git remote add origin ../remote.git
install_hooks
: >"$TEST_ROOT/quiet.err"
git fetch -q origin 'refs/tags/*:refs/tags/*' 2>>"$TEST_ROOT/quiet.err"
git bisect start >/dev/null 2>>"$TEST_ROOT/quiet.err"
git bisect bad HEAD >/dev/null 2>>"$TEST_ROOT/quiet.err"
git bisect good HEAD~2 >/dev/null 2>>"$TEST_ROOT/quiet.err"
git bisect reset >/dev/null 2>>"$TEST_ROOT/quiet.err"
git update-ref refs/preflight/scratch "$(git commit-tree -m 'chore: scratch' 'HEAD^{tree}')"
git update-ref -d refs/preflight/scratch 2>>"$TEST_ROOT/quiet.err"
git update-ref refs/original/refs/heads/main "$(git commit-tree -m 'chore: old' 'HEAD^{tree}')"
git update-ref -d refs/original/refs/heads/main 2>>"$TEST_ROOT/quiet.err"
expect_not_in "$(cat "$TEST_ROOT/quiet.err")" "preflight" "preflight says nothing"
expect_backups 0 "no backups"
lost=$(git commit-tree -p main -m "feat: only upstream" "main^{tree}")
git push -q ../remote.git "$lost:refs/tags/t4"
git fetch -q origin 'refs/tags/*:refs/tags/*'
expect_backups 0 "fetching it made none"
run git tag -d t4
expect_backups 1 "a fetched tag is protected once it is the only copy"
expect_backup_at "$lost" "at t4's commit"

scenario "known gaps: symbolic-ref off a detached HEAD, worktree remove and reflog delete run no hook"
new_repo repo
install_hooks
git checkout -q --detach && commit_file d
run git symbolic-ref HEAD refs/heads/main
expect_rc 0 "symbolic-ref"
expect_eq "$ERR" "" "git 2.39 runs no hook for a symref write: nothing is said"
expect_backups 0 "and nothing is saved (the shell guard does not cover symbolic-ref either)"
git checkout -q main
git worktree add -q --detach ../wt 2>/dev/null
(cd ../wt && commit_file w)
run git worktree remove ../wt
expect_rc 0 "worktree remove"
expect_backups 0 "no hook sees the worktree's HEAD go (the shell guard saves it: t-shell-guard.sh)"
echo one >f && git add f && git stash -q
echo two >f && git add f && git stash -q
run git reflog delete --updateref --rewrite 'refs/stash@{0}'
expect_rc 0 "reflog delete of a stash entry"
expect_eq "$(git stash list | grep -c .)" "1" "the entry is gone"
expect_eq "$ERR" "" "git rewrites the reflog without a hook: nothing is said"
expect_backups 0 "and nothing is saved"

finish
