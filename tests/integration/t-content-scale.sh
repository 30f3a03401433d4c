#!/usr/bin/env bash
# Content checks whose cost follows the change, not the repository (issue 24):
# pre-commit takes the commit's changes and tree from the index's cache-tree
# and looks for case conflicts only in the folders on the changed paths. Here
# the same refusals as a whole-tree check, in a 100,000-file repository and in
# the states where git's cache-tree is incomplete (the hook then reads the
# whole index): renames, deletions, submodules, `git add -N`, `git commit
# <paths>`, `git commit -a`, a sparse index.
source "$(dirname "$0")/lib.sh"

# commit_refused DESCRIPTION MESSAGE [GIT-COMMIT-ARGS...]: `git commit` (with
# the arguments) exits 1 and stderr holds MESSAGE.
commit_refused() {
  local what=$1 message=$2
  shift 2
  run git commit -m "feat: $what" "$@"
  expect_rc 1 "$what is refused"
  expect_in "$ERR" "$message" "$what: the reason"
}

# big_repo N: the current folder becomes a repository whose one commit holds N
# files, d<k>/e<j>/file<i>.txt (100 to a folder), written by git fast-import;
# the index holds them and is checked out only as far as git needs.
big_repo() {
  git init -q .
  awk -v n="$1" 'BEGIN {
    printf "commit refs/heads/main\ncommitter T <t@example.org> 1700000000 +0000\ndata 12\nchore: start\n"
    for (i = 0; i < n; i++)
      printf "M 100644 inline d%03d/e%02d/file%06d.txt\ndata <<EOM\nline %d\nEOM\n", int(i / 1000), int(i / 100) % 10, i, i
    printf "\n"
  }' | git fast-import --quiet
  git read-tree HEAD # the index, with its cache-tree; no working tree files
}

scenario "100,000 files: a case clash with an old path, from the cache-tree"
big_repo 100000
install_hooks
mkdir -p d042/e07 && echo new > d042/e07/FILE042700.txt && git add d042/e07/FILE042700.txt
command -v strace >/dev/null || fail "strace is needed (install.sh --test-deps)"
run strace -f -qq -y -e trace=read -o "$TEST_ROOT/reads.log" \
  git commit -m "feat: a file that clashes"
expect_rc 1 "a new file whose name folds like an old one is refused"
expect_in "$ERR" 'names differ only in case: "d042/e07/FILE042700.txt", "d042/e07/file042700.txt"' \
  "the clash is named"
# git maps its index; libgit2 read(2)s it whole (about 9 MB here). The hook
# took what it needed from the cache-tree at the index file's end instead.
if grep -qE 'read\([0-9]+</[^>]*/\.git/index>, .*= [0-9]{6,}$' "$TEST_ROOT/reads.log"; then
  fail "the hook read the whole 100,000-entry index"
else
  pass
fi
git reset -q
# A new folder beside an old one, and a new file beside an old folder.
mkdir -p D042/e07 && echo new > D042/e07/x.txt && git add D042/e07/x.txt
commit_refused "a folder that folds like an old one" 'names differ only in case: "D042", "d042"'
git rm -q --cached D042/e07/x.txt
echo new > D043 && git add D043
commit_refused "a file that folds like an old folder" 'names differ only in case: "D043", "d043"'
git rm -q --cached D043
mkdir -p d044/e01 && echo new > d044/e01/new.txt
git add d044/e01/new.txt
run git commit -qm "feat: a file that clashes with nothing"
expect_rc 0 "a new file that clashes with nothing passes"
expect_eq "$(git ls-tree HEAD d044/e01/new.txt | wc -l)" 1 "and is committed"

# traced_commit LOG ARGS...: `git commit ARGS` whose pre-commit hook (only) runs
# under strace, logging the files it opens to LOG.
traced_commit() {
  local log=$1
  shift
  mkdir -p "$TEST_ROOT/traced"
  printf '#!/bin/sh\nexec strace -f -qq -e trace=openat -o %s %s "$@"\n' "$log" \
    "$PWD/.git/hooks/pre-commit" > "$TEST_ROOT/traced/pre-commit"
  chmod +x "$TEST_ROOT/traced/pre-commit"
  run git -c core.hooksPath="$TEST_ROOT/traced" commit "$@"
}

# most_opened LOG: "COUNT PATH" of the loose object the traced hook opened most often.
most_opened() {
  grep -oE 'objects/[0-9a-f]{2}/[0-9a-f]{38}' "$1" | sort | uniq -c | sort -rn | head -n 1 |
    awk '{print $1, $2}'
}

scenario "2,000 staged files: each tree read once, the same findings"
big_repo 2000
git read-tree -u --reset HEAD
install_hooks
command -v strace >/dev/null || fail "strace is needed (install.sh --test-deps)"
# Every file changed; one in a new folder gets a nested rules file, one
# clashes in case with an old file, and one is a checkpoint by name.
git ls-files -z | xargs -0 sed -i 's/$/ changed/'
printf 'checks:\n  large_files:\n    max_size: 4\n' > d001/e05/.preflight.yaml
echo clash > d001/e03/FILE001300.txt
echo weights > d000/e09/model.ckpt
ln -s ../e00/file000000.txt d000/e01/good-link && ln -s ../e00/missing.txt d000/e01/bad-link
ln -s ../../d000/e00/missing.txt d001/e05/bad-link
git add -A
traced_commit "$TEST_ROOT/opens.log" -qm "feat: change everything"
expect_rc 1 "the commit is refused"
expect_in "$ERR" 'names differ only in case: "d001/e03/FILE001300.txt", "d001/e03/file001300.txt"' \
  "the case clash is named"
expect_in "$ERR" 'checkpoint or model file d000/e09/model.ckpt: matches "*.ckpt"' \
  "the checkpoint is named"
expect_in "$ERR" "file too large d001/e05/file001500.txt" \
  "the nested rules file applies to the files beside it"
expect_not_in "$ERR" "file too large d001/e04/" "and not to other folders"
expect_in "$ERR" 'symbolic link d000/e01/bad-link points to "../e00/missing.txt"' \
  "a broken link is named"
expect_in "$ERR" 'symbolic link d001/e05/bad-link points to "../../d000/e00/missing.txt"' \
  "a broken link under the nested rules file is named"
expect_not_in "$ERR" "good-link" "a link to a file of the commit is not"
expect_eq "$(grep -c 'file too large d001/e05/file' <<< "$ERR")" 100 "to each of its 100 files"
# The staged trees are loose objects that git commit has just written. Each
# folder's tree was read again for every file below it (for nested rules
# files): 2,000 opens of the root tree.
read -r opens object <<< "$(most_opened "$TEST_ROOT/opens.log")"
if [ "${opens:-0}" -le 2 ]; then pass; else fail "the hook opened $object $opens times"; fi

scenario "renames, deletions and clashes among new paths"
new_repo repo
install_hooks
mkdir docs && echo a > docs/Guide.md && echo b > README.md
git add -A && git commit -qm "docs: start"
# A deletion and an add in one commit: only one name is left, no clash.
git rm -q README.md && echo b > readme.md && git add readme.md
run git commit -qm "docs: rename README.md by delete and add"
expect_rc 0 "the old spelling deleted in the same commit is no clash"
# A rename into a clash with an existing name.
echo c > notes.md && git add notes.md && git commit -qm "docs: notes"
git mv notes.md docs/guide.md
commit_refused "a rename onto a clashing name" 'names differ only in case: "docs/Guide.md", "docs/guide.md"'
git reset -q --hard
# Two new paths that clash with each other, nothing old involved.
mkdir -p new && echo 1 > new/A.txt && echo 2 > new/a.txt && git add new
commit_refused "two new clashing paths" 'names differ only in case: "new/A.txt", "new/a.txt"'
git reset -q && rm -rf new

scenario "the index's cache-tree incomplete: git add -N, git commit <paths> and -a"
new_repo repo
install_hooks
echo a > README.md && echo x > other.txt && git add -A && git commit -qm "docs: start"
# An intent-to-add entry is not committed (and invalidates the cache-tree).
echo b > Readme.md && git add -N Readme.md
echo y > other.txt && git add other.txt
run git commit -qm "docs: other"
expect_rc 0 "a clash only with a git add -N entry is not committed, so not refused"
git rm -q --cached Readme.md
# `git commit <paths>`: git hands the hook a temporary index.
echo z > other.txt && echo b > readme.md && git add readme.md
commit_refused "git commit <paths>" 'names differ only in case: "README.md", "readme.md"' -- readme.md other.txt
# `git commit -a` stages the tracked change, then checks the index git wrote.
echo w > other.txt
commit_refused "git commit -a" 'names differ only in case: "README.md", "readme.md"' -a
git rm -q --cached readme.md && rm readme.md

scenario "submodules: a gitlink that clashes"
new_repo sub
cd .. && new_repo repo
install_hooks
echo a > Lib && git add Lib && git commit -qm "feat: a file called Lib"
git -c protocol.file.allow=always submodule --quiet add ../sub lib 2>/dev/null
commit_refused "a submodule whose path folds like a file" 'names differ only in case: "Lib", "lib"'

scenario "a sparse index"
new_repo repo
install_hooks
mkdir -p in out && echo a > in/README.md && echo b > out/data.txt
git add -A && git commit -qm "feat: start"
git sparse-checkout set --cone --sparse-index in
expect_eq "$(git ls-files --sparse | tr '\n' ' ')" "in/README.md out/ " "the index is sparse"
echo c > in/readme.md && git add in/readme.md
commit_refused "a clash in a sparse index" 'names differ only in case: "in/README.md", "in/readme.md"'
git rm -q --cached in/readme.md && rm in/readme.md
echo d > in/other.md && git add in/other.md
run git commit -qm "docs: no clash"
expect_rc 0 "a commit without a clash passes in a sparse index"

finish
