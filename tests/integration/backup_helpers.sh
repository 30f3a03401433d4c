# Helpers for the backup scenarios (sourced after lib.sh, not a test itself).

backups() { git for-each-ref --format='%(refname:short)' refs/heads/backup/ refs/heads/preflight-backup/; }
count_backups() { backups | grep -c . ; }
# expect_backups N DESCRIPTION
expect_backups() { expect_eq "$(count_backups)" "$1" "$2"; }
commit_file() { echo "$1" > "$1" && git add "$1" && git commit -qm "feat: $1"; }
# expect_reset_saves N WHAT: `git reset --hard HEAD~N` goes on and leaves the old
# tip in the one backup there is.
expect_reset_saves() {
  local tip
  tip=$(git rev-parse HEAD)
  run git reset -q --hard HEAD~"$1"
  expect_rc 0 "$2: reset --hard HEAD~$1"
  expect_backups 1 "$2: one backup"
  expect_eq "$(git rev-parse "$(backups)")" "$tip" "$2: at the old tip"
}
# expect_backup_at ID DESCRIPTION: some backup branch points at ID.
expect_backup_at() {
  local found
  found=$(git for-each-ref --points-at="$1" --format='%(refname:short)' refs/heads/backup/ refs/heads/preflight-backup/)
  if [ -n "$found" ]; then pass; else fail "$2: no backup at $1 among: $(backups | tr '\n' ' ')"; fi
}
# origin_repo: ./origin with five commits, for clones.
origin_repo() {
  git init -q origin
  for n in 1 2 3 4 5; do
    echo "$n" > origin/f$n && git -C origin add f$n && git -C origin commit -qm "feat: f$n"
  done
}
