# Red team: a small file that only starts like a Git LFS pointer ("version
# https://git-lfs.github.com/spec/v1") is not one: the key or the conflict
# markers after that line are still refused, by pre-commit and by pre-push.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/red_helpers.sh"

# refused FILE CHECK FRAGMENT: committing FILE (already written) is refused by
# CHECK saying FRAGMENT; committed with --no-verify, its push is refused too.
refused() {
  git add -- "$1"
  expect_commit_then_push_refused "$1" "error [$2] $1:" "$1"
  expect_in "$ERR" "$3" "$1: it says what it found"
  git reset -q --hard "$START"
}

scenario "an LFS pointer's first line does not hide a key or conflict markers"
repo_with_remote
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
