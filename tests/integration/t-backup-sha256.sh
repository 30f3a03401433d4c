# SHA-256 repositories (git init --object-format=sha256), which libgit2 1.5 cannot
# open: install and every hook say so plainly, and backups still happen (through git).
. "$(dirname "$0")/lib.sh"

backups() { git for-each-ref --format='%(refname:short)' refs/heads/backup/; }
nv_commit() { git commit -q --no-verify --allow-empty -m "feat: $1"; }
shared_hooks() {
  mkdir -p "$TEST_ROOT/shared-hooks"
  for hook in pre-commit commit-msg pre-push post-checkout reference-transaction; do
    ln -sf "$LIBEXEC/$hook" "$TEST_ROOT/shared-hooks/$hook"
  done
  git config --global core.hooksPath "$TEST_ROOT/shared-hooks"
}
sha256_repo() { git init -q --object-format=sha256 "$1" && cd "$1" && nv_commit start; }

scenario "install refuses a SHA-256 repository and says why"
sha256_repo repo
run "$PREFLIGHT" install
expect_rc 3 "install"
expect_in "$ERR" "uses SHA-256 object ids (extensions.objectformat = sha256), which preflight does not support" "says why"
expect_not_in "$ERR" "unsupported extension name" "not libgit2's message"
expect_eq "$(ls .git/hooks | grep -vc '\.sample$')" "0" "no hook installed"

scenario "through a shared hooksPath, a commit's hooks say plainly that SHA-256 is not supported"
shared_hooks
sha256_repo repo
run git commit --allow-empty -m "feat: checked"
expect_rc 1 "the pre-commit hook blocks"
expect_in "$ERR" "uses SHA-256 object ids" "and says why"
expect_in "$ERR" "--no-verify" "and how to go on"
expect_not_in "$ERR" "corrupted TREE extension" "not libgit2's message"

scenario "through a shared hooksPath, reset --hard backs up the commits it drops"
sha256_repo repo
nv_commit one && nv_commit two
tip=$(git rev-parse HEAD)
run git reset --hard HEAD~2
expect_rc 0 "the reset goes on"
expect_eq "$(git rev-parse "$(backups)")" "$tip" "backup at the old tip, with its 64-digit id"
expect_in "$ERR" "saved 2 commits that left main (reset) as branch $(backups)" "says so"
expect_not_in "$ERR" "backups skipped" "never skipped"
run git reset --hard "$(backups)"
expect_eq "$(git log -1 --format=%s)" "feat: two" "the commits come back with git"

scenario "SHA-256: branch -D, branch -f, checkout -B and a detached HEAD make backups; merged work does not"
sha256_repo repo
git checkout -qb topic && nv_commit t1 && git checkout -q main
run git branch -D topic
expect_eq "$(backups | grep -c backup/topic/)" "1" "deletion"
git checkout -qb f && nv_commit f1 && git checkout -q main
f1=$(git rev-parse f)
run git branch -f f main
expect_eq "$(git rev-parse "$(backups | grep backup/f/)")" "$f1" "branch -f (old value read in prepared)"
git checkout -qb c && nv_commit c1
c1=$(git rev-parse HEAD)
run git checkout -q -B c main
expect_eq "$(git rev-parse "$(backups | grep backup/c/)")" "$c1" "checkout -B of the current branch"
git checkout -q --detach && nv_commit d1
d1=$(git rev-parse HEAD)
run git checkout -q main
expect_eq "$(git rev-parse "$(backups | grep backup/detached/)")" "$d1" "commits left on a detached HEAD"
git branch merged main
before=$(backups | wc -l)
run git branch -D merged
expect_eq "$(backups | wc -l)" "$before" "a merged branch needs no backup"
expect_eq "$ERR" "" "and nothing is said"
run git tag v1
expect_eq "$ERR" "" "tags are not looked at"

scenario "SHA-256: a reset in a linked worktree backs up"
sha256_repo repo
git worktree add -q ../wt -b side 2>/dev/null
cd ../wt && nv_commit s1
s1=$(git rev-parse HEAD)
run git reset --hard HEAD~1
expect_eq "$(git rev-parse "$(backups | grep backup/side/)")" "$s1" "backup of the worktree's branch"

scenario "SHA-256: tags, notes and other refs are left alone (branches only), without a word"
sha256_repo repo
git checkout -q --detach && nv_commit tagged && git tag only-here && git checkout -q main
git notes add -m note 2>/dev/null
run git tag -d only-here
expect_rc 0 "tag -d goes on"
expect_in "$OUT" "Deleted tag 'only-here'" "git's own line"
expect_not_in "$ERR" "preflight" "and nothing from preflight"
run git update-ref -d refs/notes/commits
expect_rc 0 "update-ref -d of the notes"
expect_eq "$ERR" "" "nothing said"
expect_eq "$(backups)" "" "no backup: SHA-256 repositories back up branches only (docs/backups.md)"

finish
