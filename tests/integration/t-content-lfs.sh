# Files that .gitattributes gives to Git LFS: a blob that is not an LFS pointer
# (git-lfs not installed, or its filter did not run) is refused at commit and at
# push with the reason and the fix; real pointers, empty files and files that
# git-lfs itself stored pass.
. "$(dirname "$0")/lib.sh"

lfs_attributes() {
  printf '*.pt filter=lfs diff=lfs merge=lfs -text\n*.csv filter=lfs diff=lfs merge=lfs -text\n' > .gitattributes
  git add .gitattributes && git commit -q -m "chore: track weights and data with LFS"
}

reason="not an LFS pointer: git-lfs is not installed or its filter did not run"

scenario "without git-lfs, a checkpoint at an LFS path is refused at commit"
new_repo repo
install_hooks
lfs_attributes
make_torch_zip model.pt && git add model.pt
run git commit -m "feat: add model"
expect_rc 1 "refused"
expect_in "$ERR" "[lfs-pointer] model.pt: model.pt is stored through Git LFS (filter=lfs in .gitattributes), but its blob is the file itself (" "names the file and the attribute"
expect_in "$ERR" "$reason" "says why"
expect_in "$ERR" "git lfs install" "the fix: install"
expect_in "$ERR" "git add --renormalize -- 'model.pt'" "the fix: renormalize"
expect_in "$ERR" "[checkpoint] model.pt: checkpoint or model file model.pt" "the checkpoint check no longer lets it pass"
git reset -q
head -c 11000000 /dev/zero > big.pt && git add big.pt
run git commit -m "feat: add big weights"
expect_rc 1 "a large file at an LFS path is refused"
expect_in "$ERR" "[large-file] big.pt: file too large big.pt" "the large-file check no longer lets it pass"
expect_in "$ERR" "[lfs-pointer] big.pt" "and says why"
git reset -q && rm big.pt
printf 'a,b\n1,2\n' > data.csv && git add data.csv
run git commit -m "feat: add data"
expect_rc 1 "any file at an LFS path that is not a pointer is refused"
expect_in "$ERR" "[lfs-pointer] data.csv" "a small csv too"
git reset -q

scenario "LFS attributes from a subfolder, info/attributes and the user's file"
new_repo repo
install_hooks
mkdir -p weights && printf '*.bin filter=lfs diff=lfs merge=lfs -text\n' > weights/.gitattributes
git add weights/.gitattributes && git commit -q -m "chore: weights through LFS"
printf 'w' > weights/a.bin && git add weights/a.bin
run git commit -m "feat: weights"
expect_rc 1 "a subfolder's .gitattributes counts"
expect_in "$ERR" "[lfs-pointer] weights/a.bin" "names the file"
git reset -q
printf '*.dat filter=lfs\n' > .git/info/attributes
printf 'd' > x.dat && git add x.dat
run git commit -m "feat: data"
expect_rc 1 "info/attributes counts"
expect_in "$ERR" "[lfs-pointer] x.dat" "names the file"
git reset -q && rm .git/info/attributes
mkdir -p "$HOME/.config/git" && printf '*.dat filter=lfs\n' > "$HOME/.config/git/attributes"
git add x.dat
run git commit -m "feat: data"
expect_rc 1 "the user's attributes file counts"
expect_in "$ERR" "[lfs-pointer] x.dat" "names the file (user's attributes)"
git reset -q && rm "$HOME/.config/git/attributes"
git add x.dat
run git commit -m "feat: data"
expect_rc 0 "with no attribute giving it to LFS, the file passes"

scenario "pointers and empty files at LFS paths pass"
new_repo repo
install_hooks
lfs_attributes
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n' > model.pt
: > empty.csv
git add model.pt empty.csv
run git commit -m "feat: model through LFS"
expect_rc 0 "a pointer and an empty file pass"
expect_eq "$(git cat-file -p HEAD:model.pt | head -1)" "version https://git-lfs.github.com/spec/v1" "the pointer was committed"

scenario "without git-lfs, a pushed commit is refused at push"
git init -q --bare remote.git
new_repo repo
git remote add origin ../remote.git
install_hooks
lfs_attributes
git push -q origin main
make_torch_zip model.pt && git add model.pt && git commit -q --no-verify -m "feat: add model"
bad=$(git rev-parse --short=12 HEAD)
run git push origin main
expect_rc 1 "push refused"
expect_in "$ERR" "[lfs-pointer] model.pt: model.pt (in commit $bad (feat: add model)) is stored through Git LFS" "names the commit"
expect_in "$ERR" "$reason" "says why at push"
expect_eq "$(git ls-remote ../remote.git refs/heads/main | cut -f1)" "$(git rev-parse HEAD~1)" "the remote did not move"

scenario "with git-lfs at work, the same file passes, and the fix works"
if ! git lfs version >/dev/null 2>&1; then
  fail "git-lfs is not installed (install.sh installs it for the tests)"
else
  new_repo repo
  install_hooks
  lfs_attributes
  make_torch_zip model.pt && git add model.pt
  run git commit -m "feat: add model"
  expect_rc 1 "refused while git-lfs is not set up"
  git lfs install --local >/dev/null
  git add --renormalize -- model.pt
  run git commit -m "feat: add model"
  expect_rc 0 "after git lfs install and git add --renormalize, it passes"
  expect_eq "$(git cat-file -p HEAD:model.pt | head -1)" "version https://git-lfs.github.com/spec/v1" "an LFS pointer was committed"
  make_torch_zip other.pt && git add other.pt
  run git commit -m "feat: add another model"
  expect_rc 0 "with git-lfs installed, git add stores a pointer that passes"
fi

finish
