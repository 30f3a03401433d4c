# Red team: a small file that only starts like a Git LFS pointer ("version
# https://git-lfs.github.com/spec/v1") is not one: the key or the conflict
# markers after that line are still refused, by pre-commit and by pre-push.
. "$(dirname "$0")/lib.sh"

# refused FILE CHECK FRAGMENT: committing FILE (already written) is refused by
# CHECK saying FRAGMENT; committed with --no-verify, its push is refused too.
refused() {
  local file=$1 check=$2 fragment=$3
  git add -- "$file"
  run git commit -m "feat: add $file"
  expect_rc 1 "$file: the commit is refused"
  expect_in "$ERR" "error [$check] $file:" "$file: the $check finding names the file"
  expect_in "$ERR" "$fragment" "$file: it says what it found"
  git commit -q --no-verify -m "feat: add $file"
  run git push -q origin "HEAD:refs/heads/try-$check"
  expect_rc 1 "$file: the push is refused"
  expect_in "$ERR" "error [$check] $file:" "$file: pre-push names it"
  expect_eq "$(git --git-dir=../remote.git rev-parse --verify -q "refs/heads/try-$check")" "" \
    "$file: the remote has no such branch"
  git reset -q --hard "$START"
}

scenario "an LFS pointer's first line does not hide a key or conflict markers"
git init -q --bare remote.git
new_repo repo
git remote add origin ../remote.git && git push -q origin main
START=$(git rev-parse HEAD)
install_hooks
{
  printf 'version https://git-lfs.github.com/spec/v1\n'
  printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\n'
  printf 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n'
  printf -- '-----END OPENSSH PRIVATE KEY-----\n'
} >deploy_key
refused deploy_key private-key "private key in deploy_key"
printf 'version https://git-lfs.github.com/spec/v1\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> theirs\n' \
  >settings.txt
refused settings.txt conflict-marker "conflict marker"

scenario "a real LFS pointer still passes"
new_repo repo
install_hooks
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n' >model.pt
git add model.pt
run git commit -m "feat: the model, through LFS"
expect_rc 0 "an LFS pointer passes every check"

finish
