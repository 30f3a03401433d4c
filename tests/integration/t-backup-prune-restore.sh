# preflight backup prune never deletes what only a backup holds, or a branch in use;
# backup restore tells snapshots from branch backups by what the ref is, not its name.
. "$(dirname "$0")/lib.sh"

backups() { git for-each-ref --format='%(refname:short)' refs/heads/backup/; }
commit_file() { echo "$1" > "$1" && git add "$1" && git commit -qm "feat: $1"; }
minutes_ago() { date -u -d "-$1 minutes" +%Y%m%dT%H%M%SZ; }

scenario "prune keeps a backup branch checked out in the main worktree"
new_repo repo
install_hooks
git checkout -qb topic && commit_file t1 && git checkout -q main
old=backup/topic/20200101T000000Z-abcdef0
git branch "$old" topic && git branch -D topic >/dev/null 2>&1
git checkout -q "$old" && commit_file after-restore
tip=$(git rev-parse HEAD)
run "$PREFLIGHT" backup prune
expect_rc 0 "prune"
expect_eq "$(git rev-parse --verify -q HEAD)" "$tip" "HEAD still has its commits"
expect_eq "$(git symbolic-ref HEAD)" "refs/heads/$old" "and is still on the branch"
expect_in "$OUT" "kept $old: checked out in $PWD" "says what it kept and why"
expect_in "$OUT" "0 of 1 backups deleted" "deleted nothing"

scenario "prune keeps a backup branch checked out or rebased in a linked worktree"
new_repo repo
install_hooks
commit_file base
for n in 1 2; do git branch "backup/topic/2020010${n}T000000Z-abcdef${n}"; done
git worktree add -q ../wt backup/topic/20200101T000000Z-abcdef1
git -C ../wt commit -q --allow-empty -m "feat: in the worktree"
git worktree add -q ../wt2 backup/topic/20200102T000000Z-abcdef2
git -C ../wt2 commit -q --allow-empty -m "feat: to rebase"
GIT_SEQUENCE_EDITOR="sed -i '1s/^pick/edit/'" git -C ../wt2 rebase -q -i HEAD~1 >/dev/null 2>&1
expect_eq "$(git -C ../wt2 symbolic-ref -q HEAD || echo detached)" "detached" "wt2 stopped in a rebase"
run "$PREFLIGHT" backup prune
expect_rc 0 "prune from the main worktree"
expect_eq "$(backups | wc -l | tr -d ' ')" "2" "both branches stay"
expect_in "$OUT" "kept backup/topic/20200101T000000Z-abcdef1: checked out in $(cd ../wt && pwd)" "names the worktree"
expect_in "$OUT" "kept backup/topic/20200102T000000Z-abcdef2: being rebased in $(cd ../wt2 && pwd)" "a rebase in progress counts"
git -C ../wt2 rebase --abort
expect_eq "$(git -C ../wt2 log -1 --format=%s)" "feat: to rebase" "the rebase can still be aborted onto its branch"

scenario "prune keeps a backup branch being bisected"
new_repo repo
install_hooks
old=backup/topic/20200101T000000Z-abcdef0
git checkout -qb "$old" && commit_file b1 && commit_file b2 && commit_file b3
git branch keep-copy HEAD # the commits are elsewhere too: only the bisect keeps the branch
git bisect start HEAD HEAD~2 >/dev/null 2>&1
expect_eq "$(git symbolic-ref -q HEAD || echo detached)" "detached" "bisect detached HEAD"
run "$PREFLIGHT" backup prune
expect_eq "$(backups)" "$old" "the branch stays"
expect_in "$OUT" "kept $old: being bisected in $PWD" "says why"
git bisect reset >/dev/null 2>&1
expect_eq "$(git symbolic-ref HEAD)" "refs/heads/$old" "bisect reset goes back to it"

scenario "prune by age keeps the newest backup whose commits are on no other ref"
new_repo repo
install_hooks
git checkout -qb topic && commit_file t1
git branch backup/topic/20200101T000000Z-abcdef1
commit_file t2
git branch backup/topic/20200102T000000Z-abcdef2
git checkout -q main && git branch -D topic >/dev/null 2>&1
expect_eq "$(backups | wc -l | tr -d ' ')" "2" "the deletion needed no new backup"
t2=$(git rev-parse backup/topic/20200102T000000Z-abcdef2)
run "$PREFLIGHT" backup prune
expect_rc 0 "prune"
expect_eq "$(backups)" "backup/topic/20200102T000000Z-abcdef2" "the older copy goes, the newest stays"
expect_eq "$(git rev-parse backup/topic/20200102T000000Z-abcdef2)" "$t2" "at the same commit"
expect_in "$OUT" "deleted backup/topic/20200101T000000Z-abcdef1" "the older one is reported deleted"
expect_in "$OUT" "kept backup/topic/20200102T000000Z-abcdef2: the newest backup of topic and the only copy of 2 commits" "says why"
git branch keep-t2 "$t2"
run "$PREFLIGHT" backup prune
expect_eq "$(backups)" "" "once another branch has the commits, age prunes it"

scenario "prune by count keeps the only copy of commits and drops copies"
new_repo repo
install_hooks
git checkout -qb topic && commit_file precious
precious=$(git rev-parse HEAD)
git branch "backup/topic/$(minutes_ago 30)-1111111"
git reset -q --hard main
for n in 1 2 3; do git branch "backup/topic/$(minutes_ago $((10 - n)))-222222$n"; done
run "$PREFLIGHT" backup prune --keep 1
expect_rc 0 "prune --keep 1"
expect_eq "$(git rev-parse "$(backups | grep -- -1111111)")" "$precious" "the only copy of a commit stays"
expect_eq "$(backups | grep -c 222222)" "1" "copies of main's commit go down to --keep"
expect_in "$OUT" "the only copy of 1 commit; only age prunes it, after 30 days" "says why and what prunes it"

scenario "prune by count keeps the only snapshot of discarded work among noise snapshots"
new_repo repo
install_hooks
echo base > notes.txt && git add notes.txt && git commit -qm "feat: notes"
echo "precious unsaved paragraph" > notes.txt
precious=$(git stash create)
git branch "backup/wip/main/$(minutes_ago 60)-${precious:0:7}" "$precious"
for n in $(seq 1 11); do
  echo "noise" > notes.txt
  git branch "backup/wip/main/$(minutes_ago $((30 - n)))-$(printf '%07d' "$n")" "$(git stash create)"
done
git checkout -q -- notes.txt
run "$PREFLIGHT" backup prune
expect_rc 0 "prune with the default keep of 10"
expect_eq "$(backups | grep -c .)" "11" "one of the 11 equal noise snapshots goes"
expect_in "$(backups)" "-${precious:0:7}" "the only copy of the discarded work stays"
expect_in "$OUT" "the only copy of its uncommitted work" "says why"
run "$PREFLIGHT" backup restore "$(backups | grep -- "-${precious:0:7}")"
expect_rc 0 "restore it"
expect_eq "$(cat notes.txt)" "precious unsaved paragraph" "the discarded text is back"

scenario "restore of a backup of a wip/ branch whose tip is a merge brings back the branch"
new_repo repo
install_hooks
git checkout -qb side && commit_file s1
git checkout -qb wip/exp main && commit_file e1
git merge -q --no-edit -m "feat: merge side" side
tip=$(git rev-parse HEAD)
git reset -q --hard HEAD~1 2>/dev/null
name=$(backups)
expect_in "$name" "backup/wip/exp/" "the reset made a branch backup"
echo "uncommitted" > e1
run "$PREFLIGHT" backup restore "$name" --as rescued
expect_rc 0 "restore --as"
expect_eq "$(git rev-parse --verify -q rescued)" "$tip" "--as made the new branch at the merge"
expect_in "$OUT" "created branch rescued at $name" "and said so"
expect_eq "$(cat e1)" "uncommitted" "no stash was applied over the working tree"
git checkout -q -- e1
run "$PREFLIGHT" backup restore "$name"
expect_rc 0 "restore onto the branch"
expect_eq "$(git rev-parse wip/exp)" "$tip" "wip/exp is back at the merge"
expect_in "$OUT" "wip/exp is back at $name" "restored as a branch, not a stash"

scenario "restore of a deleted wip/ branch whose tip is an octopus merge"
new_repo repo
install_hooks
git checkout -qb a && commit_file a1
git checkout -qb b main && commit_file b1
git checkout -qb wip/octo main && git merge -q --no-edit -m "feat: octopus" a b >/dev/null
tip=$(git rev-parse HEAD)
git checkout -q main && git branch -D wip/octo >/dev/null 2>&1
name=$(backups)
expect_in "$name" "backup/wip/octo/" "the deletion made a backup"
run "$PREFLIGHT" backup restore "$name"
expect_rc 0 "restore"
expect_eq "$(git rev-parse --verify -q wip/octo)" "$tip" "wip/octo is back"
expect_eq "$(git stash list)" "" "nothing was stashed or applied"

scenario "list counts each backup's commits that no other branch or tag has"
new_repo repo
install_hooks
git checkout -qb topic && commit_file c1
git branch backup/topic/20260101T000000Z-aaaaaa1
commit_file c2
git branch backup/topic/20260102T000000Z-aaaaaa2
git branch backup/main/20260103T000000Z-aaaaaa3 main
git checkout -q main && git branch -D topic >/dev/null 2>&1
git tag v1 backup/topic/20260101T000000Z-aaaaaa1
run "$PREFLIGHT" backup list
expect_rc 0 "list"
expect_in "$OUT" "backup/topic/20260101T000000Z-aaaaaa1  topic" "the tagged one is listed"
expect_eq "$(grep -F aaaaaa1 <<<"$OUT" | grep -o '[0-9]* commits\?')" "0 commits" "its commit is on a tag"
expect_eq "$(grep -F aaaaaa2 <<<"$OUT" | grep -o '[0-9]* commits\?')" "1 commit" "the newer one holds one more"
expect_eq "$(grep -F aaaaaa3 <<<"$OUT" | grep -o '[0-9]* commits\?')" "0 commits" "main's commit is on main"
run "$PREFLIGHT" --format json backup list topic
expect_eq "$(grep -c '"commits": 1' <<<"$OUT")" "1" "json, one branch"

finish
