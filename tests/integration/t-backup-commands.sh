# preflight safe-reset and preflight backup list | show | restore | prune, with real git.
. "$(dirname "$0")/lib.sh"

backups() { git for-each-ref --format='%(refname:short)' refs/heads/backup/; }
commit_file() { echo "$1" > "$1" && git add "$1" && git commit -qm "feat: $1"; }

scenario "safe-reset --hard with staged, unstaged and untracked changes"
new_repo repo
install_hooks
echo base > tracked && echo keep > staged && git add tracked staged && git commit -qm "feat: base"
echo "staged change" > staged && git add staged
echo "unstaged change" > tracked
echo "new file" > untracked
mkdir -p "dir with space" && echo nested > "dir with space/-odd name"
before=$(git status --porcelain)
run "$PREFLIGHT" safe-reset --hard
expect_rc 0 "safe-reset --hard"
expect_eq "$(git status --porcelain --untracked-files=no)" "" "the reset happened (untracked files stay, as with git)"
snap=$(backups | grep /wip/)
expect_in "$snap" "backup/wip/main/" "snapshot branch"
expect_in "$ERR" "saved uncommitted work (staged, unstaged) as branch $snap" "says so"
expect_eq "$(git rev-parse -q --verify "$snap^3")" "" "no copy of untracked files the reset leaves alone"
expect_eq "$(cat "dir with space/-odd name")" "nested" "which git left in place"
expect_eq "$(backups | grep -vc /wip/)" "0" "no commit backup when HEAD does not move"
run "$PREFLIGHT" backup restore "$snap"
expect_rc 0 "restore the snapshot with one command"
expect_eq "$(git status --porcelain)" "$before" "staged and unstaged back, untracked still there"
# The untracked files never left, so the status alone cannot tell a restore
# happened: the bytes that only the snapshot held can.
expect_eq "$(git show :staged)" "staged change" "the staged text is staged again"
expect_eq "$(cat tracked)" "unstaged change" "the unstaged text is in the working tree again"
expect_eq "$(cat "dir with space/-odd name")" "nested" "odd names kept"

scenario "safe-reset --hard HEAD~1 backs up the tip once"
new_repo repo
install_hooks
commit_file a
tip=$(git rev-parse HEAD)
echo dirty > a
run "$PREFLIGHT" safe-reset --hard HEAD~1
expect_rc 0 "safe-reset --hard HEAD~1"
expect_eq "$(backups | grep -vc /wip/)" "1" "exactly one tip backup (the hook stayed quiet)"
expect_eq "$(git rev-parse "$(backups | grep -v /wip/)")" "$tip" "at the old tip"
expect_eq "$(backups | grep -c /wip/)" "1" "and one snapshot"
run "$PREFLIGHT" safe-reset --soft
expect_rc 0 "nothing to do"
expect_eq "$(backups | grep -c .)" "2" "clean soft reset: no new backup"

scenario "safe-reset refuses to drop published commits"
git init -q --bare remote.git
new_repo repo
install_hooks
git remote add origin ../remote.git
commit_file p
git push -q -u origin main 2>/dev/null
run "$PREFLIGHT" safe-reset --hard HEAD~1
expect_rc 1 "refused"
expect_in "$ERR" "refusing to reset main: it would drop 1 commit that origin/main already has" "why"
expect_in "$ERR" "git revert --no-edit" "suggests revert"
expect_eq "$(git rev-parse HEAD)" "$(git rev-parse origin/main)" "nothing moved"
run "$PREFLIGHT" safe-reset --force --hard HEAD~1
expect_rc 0 "--force resets"
expect_eq "$(git rev-parse HEAD)" "$(git rev-parse origin/main~1)" "moved"

scenario "backup show, restore --as, restore of a deleted branch"
new_repo repo
install_hooks
git checkout -qb topic && commit_file t1 && commit_file t2 && git checkout -q main
git branch -D topic >/dev/null 2>&1
name=$(backups)
run "$PREFLIGHT" backup show "$name"
expect_rc 0 "show"
expect_in "$OUT" "commits on no other branch: 2" "show counts"
expect_in "$OUT" "feat: t1" "show lists commits"
run "$PREFLIGHT" backup restore "$name" --as again
expect_rc 0 "restore --as"
expect_eq "$(git rev-parse again)" "$(git rev-parse "$name")" "new branch at the backup"
run "$PREFLIGHT" backup restore "$name"
expect_rc 0 "restore of a deleted branch"
expect_eq "$(git rev-parse topic)" "$(git rev-parse "$name")" "topic is back"
run "$PREFLIGHT" backup show backup/nope/20260101T000000Z-1234567
expect_rc 2 "unknown backup"
expect_in "$ERR" "backup/nope/20260101T000000Z-1234567" "the error names the backup it did not find"
run "$PREFLIGHT" --format json backup list
expect_in "$OUT" "\"branch\": \"topic\"" "json list"

scenario "prune by count and age"
new_repo repo
install_hooks
# Dates relative to today: 12 backups 41 to 52 days old, one from now, one
# from years ago.
now=$(date -u +%s)
stamp() { date -u -d "@$((now - $1 * 86400))" +%Y%m%dT%H%M%SZ; } # DAYS-AGO
for age in $(seq 41 52); do
  git branch "backup/main/$(stamp "$age")-abcdef0"
done
oldest_kept=$(stamp 50)
newest=$(stamp 41)
second_oldest=$(stamp 51)
recent=$(stamp 0)
git branch "backup/dev/${recent}-abcdef0"
git branch "backup/old/$(stamp 2200)-abcdef0"
run "$PREFLIGHT" backup prune --dry-run --max-age 0
expect_in "$OUT" "would delete backup/main/${second_oldest}-abcdef0" "dry run names them"
expect_eq "$(backups | grep -c .)" "14" "dry run deletes nothing"
run "$PREFLIGHT" backup prune --max-age 0
expect_rc 0 "prune by count"
expect_eq "$(backups | grep -c backup/main/)" "10" "keeps 10 per branch"
expect_in "$(backups)" "backup/main/${newest}-abcdef0" "keeps the newest"
expect_in "$(backups)" "backup/main/${oldest_kept}-abcdef0" "down to the tenth newest"
expect_not_in "$(backups)" "backup/main/${second_oldest}-abcdef0" "and drops the older ones"
run "$PREFLIGHT" backup prune
expect_eq "$(backups)" "backup/dev/${recent}-abcdef0" "default 30 days drops the old ones"
# Deleting a backup branch with git runs the reference-transaction hook: that
# deletion must not itself be backed up.
git branch "backup/gone/${recent}-abcdef0"
run git branch -D "backup/gone/${recent}-abcdef0"
expect_rc 0 "git deletes a backup branch"
expect_eq "$(backups)" "backup/dev/${recent}-abcdef0" "deleting a backup makes no backup of it"
expect_not_in "$ERR" "saved" "and says nothing about saving it"
printf 'backups:\n  keep_per_branch: 0\n  max_age_days: 0\n' > .preflight.yaml
git branch "backup/old/20200101T000000Z-abcdef0"
run "$PREFLIGHT" backup prune
expect_eq "$(backups | grep -c .)" "2" "rules can turn pruning off"

finish
