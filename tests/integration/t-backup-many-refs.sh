# Backups when one git command moves or deletes many branches at once: the
# commits are counted for all of them together, so that two branches being
# deleted never count as keeping each other's commits.
. "$(dirname "$0")/lib.sh"

backups() { git for-each-ref --format='%(refname:short)' refs/heads/backup/; }
commit_file() { echo "$1" > "$1" && git add "$1" && git commit -qm "feat: $1"; }

for packed in loose packed; do
  scenario "branch -D of two $packed branches on the same unmerged commit backs it up once"
  new_repo repo
  install_hooks
  git checkout -qb a && commit_file a1
  tip=$(git rev-parse HEAD)
  git checkout -q main && git branch b a
  [ "$packed" = loose ] || git pack-refs --all
  run git branch -D a b
  expect_rc 0 "branch -D a b"
  expect_eq "$(backups | wc -l | tr -d ' ')" "1" "one backup"
  expect_eq "$(git rev-parse "$(backups)")" "$tip" "at the commit both had"
  expect_in "$ERR" "saved 1 commit that left" "and says so"
done

scenario "branch -D of a branch and its descendant keeps every commit"
new_repo repo
install_hooks
git checkout -qb a && commit_file a1
git checkout -qb b && commit_file b1
b1=$(git rev-parse HEAD)
git checkout -q main && git pack-refs --all
run git branch -D b a
expect_eq "$(git rev-list --count main.."$(backups | head -1)")" "2" "one backup holds both commits"
expect_eq "$(git rev-parse "$(backups | head -1)")" "$b1" "at the descendant"

scenario "update-ref --stdin deleting many branches with and without old values"
new_repo repo
install_hooks
git checkout -qb x && commit_file x1
x1=$(git rev-parse HEAD)
git checkout -q main
git branch y x && git branch z x
printf 'delete refs/heads/x %s\ndelete refs/heads/y %s\ndelete refs/heads/z\n' "$x1" "$x1" | run git update-ref --stdin
expect_eq "$(git rev-parse "$(backups)")" "$x1" "one backup of the commit all three had"
for n in $(seq 1 30); do git branch "merged$n" main; done
before=$(backups | wc -l)
run git branch -D $(seq -f 'merged%g' 1 30)
expect_eq "$(backups | wc -l)" "$before" "merged branches need no backup"
expect_eq "$ERR" "" "and nothing is said"

scenario "branch -M y x over an existing x backs up x"
new_repo repo
install_hooks
git checkout -qb x && commit_file x1
x1=$(git rev-parse HEAD)
git checkout -q main && git branch y main
run git branch -M y x
expect_eq "$(git rev-parse x)" "$(git rev-parse main)" "x was replaced"
expect_eq "$(git rev-parse "$(backups)")" "$x1" "the old x is in a backup"
expect_in "$ERR" "saved 1 commit that left x" "and says so"

scenario "known gap: branch -C main x over an existing x runs no reference-transaction hook"
new_repo repo
install_hooks
git checkout -qb x && commit_file x1
git checkout -q main
run git branch -C main x
expect_rc 0 "branch -C"
expect_eq "$(git rev-parse x)" "$(git rev-parse main)" "x was overwritten"
# git copies the ref without a transaction hook: no backup, no message. The
# shell guard (preflight shell-init) saves x before it; docs/backups.md.
expect_eq "$(backups)" "" "no backup from the hook"
expect_eq "$ERR" "" "and nothing is said"

finish
