# Holes 4 and 5 of issue 16: commits made at a rebase stop, and rewrites decided
# per commit by patch id (a rewritten commit whose change is still kept needs no
# backup; one whose change is gone gets one by default). Real git, real hooks;
# each scenario but the pull --rebase one (which guards against needless
# backups) failed before the fix.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/backup_helpers.sh"

# --- 4. commits made at a rebase stop ---------------------------------------------
scenario "commits made at a rebase stop (edit, break, conflict), then rebase --abort"
new_repo repo
install_hooks
commit_file a && commit_file b && commit_file c
orig=$(git rev-parse HEAD)
GIT_SEQUENCE_EDITOR="sed -i '1s/^pick/edit/'" git rebase -q -i HEAD~2 >/dev/null 2>&1
commit_file at-edit
stop=$(git rev-parse HEAD)
run git rebase --abort
expect_rc 0 "abort after edit"
expect_eq "$(git rev-parse HEAD)" "$orig" "back at the original tip"
expect_backups 1 "edit stop: one backup"
expect_eq "$(git rev-parse "$(backups)")" "$stop" "edit stop: holds the new commit"
expect_in "$ERR" "that left main (rebase)" "edit stop: says so"
GIT_SEQUENCE_EDITOR="sed -i '1a break'" git rebase -q -i HEAD~2 >/dev/null 2>&1
commit_file at-break
stop=$(git rev-parse HEAD)
run git rebase --abort
expect_backups 2 "break stop: one more"
expect_backup_at "$stop" "break stop: holds the new commit"
git checkout -q -b topic HEAD~1 && echo topic > c && git add c && git commit -qm "feat: topic c"
git rebase -q main >/dev/null 2>&1
expect_eq "$(git status --porcelain c)" "AA c" "a conflict stops the rebase"
echo resolved > c && git add c && git commit -qm "fix: resolved by hand"
stop=$(git rev-parse HEAD)
run git rebase --abort
expect_backups 3 "conflict stop: one more"
expect_backup_at "$stop" "conflict stop: holds the resolution"
git checkout -q topic
git rebase -q --apply main >/dev/null 2>&1
expect_eq "$(git status --porcelain c)" "AA c" "a conflict stops the apply backend"
echo resolved again > c && git add c && git commit -qm "fix: resolved by hand, apply backend"
stop=$(git rev-parse HEAD)
run git rebase --abort
expect_backups 4 "apply backend conflict stop: one more"
expect_backup_at "$stop" "apply backend: holds the resolution"
git checkout -q main
GIT_SEQUENCE_EDITOR="sed -i '1s/^pick/edit/'" git rebase -q -i --no-ff HEAD~2 >/dev/null 2>&1
run git rebase --abort
expect_backups 4 "an abort with no new commit: none (the copies' changes are on main)"

scenario "reset --hard at a rebase stop"
new_repo repo
install_hooks
commit_file a && commit_file b
GIT_SEQUENCE_EDITOR="sed -i '1s/^pick/edit/'" git rebase -q -i HEAD~1 >/dev/null 2>&1
commit_file at-edit
stop=$(git rev-parse HEAD)
run git reset -q --hard HEAD~1
expect_rc 0 "reset at the stop"
expect_backups 1 "one backup"
expect_eq "$(git rev-parse "$(backups)")" "$stop" "holds the new commit"
run git rebase --continue
expect_rc 0 "rebase goes on"
expect_backups 1 "and makes no second one"

# --- 5. rewrites, decided per commit by patch id ---------------------------------
scenario "rebase -i that drops a commit, rebase --onto: backed up by default"
new_repo repo
install_hooks
commit_file a && commit_file b && commit_file c
tip=$(git rev-parse HEAD)
run env GIT_SEQUENCE_EDITOR="sed -i '/ feat: b\$/s/^pick/drop/'" git rebase -q -i HEAD~2
expect_rc 0 "rebase -i with a drop"
expect_eq "$(git log --format=%s main | head -2 | tr '\n' ,)" "feat: c,feat: a," "b was dropped"
expect_backups 1 "a dropped commit: one backup"
expect_eq "$(git rev-parse "$(backups)")" "$tip" "at the old tip"
expect_in "$ERR" "saved 2 commits that left main (rebase)" "says so"
commit_file d && commit_file e
tip=$(git rev-parse HEAD)
run git rebase -q --onto HEAD~2 HEAD~1
expect_rc 0 "rebase --onto"
expect_eq "$(git log --format=%s -1 HEAD~1)" "feat: c" "d was dropped"
expect_backups 2 "rebase --onto dropping d: one more"
expect_backup_at "$tip" "at the old tip"

scenario "rewrites that keep every change: rebase -i reorder, rebase onto new work, amend of the message"
new_repo repo
install_hooks
commit_file a && commit_file b && commit_file c
run env GIT_SEQUENCE_EDITOR="sed -i '1{h;d};2G'" git rebase -q -i HEAD~2
expect_rc 0 "rebase -i reorder"
expect_eq "$(git log --format=%s -2 | tr '\n' ,)" "feat: b,feat: c," "reordered"
run git commit -q --amend -m "feat: b, reworded"
expect_rc 0 "amend of the message only"
git checkout -q -b topic HEAD~2 && commit_file t && git checkout -q main
git checkout -q topic
run git rebase -q main
expect_rc 0 "rebase onto new work"
expect_backups 0 "none of them backs up"
echo changed >> t && git add t
tip=$(git rev-parse HEAD)
run git commit -q --amend --no-edit
expect_backups 1 "an amend that changes the content: backed up"
expect_eq "$(git rev-parse "$(backups)")" "$tip" "at the old tip"
expect_in "$ERR" "that left topic (amend)" "says amend"

scenario "pull --rebase: upstream has the patch, or new work"
git init -q --bare remote.git
new_repo a
git remote add origin ../remote.git
commit_file base && git push -q -u origin main 2>/dev/null
cd .. && git clone -q remote.git b && cd b || exit 1
install_hooks
echo mine > shared && git add shared && git commit -qm "feat: mine"
cd ../a && echo mine > shared && git add shared && GIT_COMMITTER_DATE=2026-01-02T00:00:00Z git commit -qm "feat: same change, upstream" && git push -q 2>/dev/null
cd ../b || exit 1
run git pull -q --rebase
expect_rc 0 "pull --rebase"
expect_eq "$(git rev-parse HEAD)" "$(git rev-parse origin/main)" "the local copy was dropped as already upstream"
expect_backups 0 "patch upstream: no backup"
commit_file local-work
cd ../a && commit_file upstream-work && git push -q 2>/dev/null
cd ../b || exit 1
run git pull -q --rebase
expect_rc 0 "pull --rebase over new work"
expect_backups 0 "new work: no backup"

scenario "filter-branch: a message rewrite keeps every change, a removed file does not"
new_repo repo
install_hooks
commit_file a && commit_file b
export FILTER_BRANCH_SQUELCH_WARNING=1
run git filter-branch -f --msg-filter 'sed s/feat/chore/' HEAD~2..HEAD
expect_rc 0 "msg-filter"
expect_eq "$(git log --format=%s -1)" "chore: b" "messages rewritten"
expect_backups 0 "message rewrite: none"
tip=$(git rev-parse HEAD)
run git filter-branch -f --index-filter 'git rm -q --cached --ignore-unmatch b' HEAD~1..HEAD
expect_rc 0 "index-filter"
expect_backups 1 "a removed file: backed up"
expect_eq "$(git rev-parse "$(backups)")" "$tip" "at the old tip"
unset FILTER_BRANCH_SQUELCH_WARNING

finish
