# Red team: a check made required (checks.<name>.required: true) runs whatever
# SKIP says. SKIP also takes the id of the group that holds it ("content" in
# pre-commit, "push" in pre-push and on the server); naming the group must not
# skip the required check inside it.
. "$(dirname "$0")/lib.sh"

KEY='-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEA7bq6xk0x1sLkQp0Xl2fGmZ7v3sYyR8p5n8m3d2kqJ9q8eXv1
-----END RSA PRIVATE KEY-----'

scenario "SKIP=content and SKIP=push do not skip a required check"
git init -q --bare remote.git
new_repo repo
git remote add origin ../remote.git
printf 'checks:\n  private_keys:\n    required: true\n' >.preflight.yaml
git add .preflight.yaml && git commit -q -m "chore: keys are required" && git push -q origin main
install_hooks
START=$(git rev-parse HEAD)
printf '%s\n' "$KEY" >id_rsa
make_torch_zip model.pt
git add id_rsa model.pt
SKIP=content run git commit -m "feat: key and model"
expect_rc 1 "SKIP=content: the commit is still refused"
expect_in "$ERR" "error [private-key] id_rsa:1: private key in id_rsa" "SKIP=content: the required check ran"
expect_in "$ERR" "content: holds required checks (private-key), which run despite SKIP" \
  "SKIP=content: says why it still ran"
expect_not_in "$ERR" "[checkpoint]" "SKIP=content: the checks that are not required were skipped"
expect_in "$ERR" "skipped: checkpoint (SKIP)" "SKIP=content: and it says so"
expect_eq "$(git rev-parse HEAD)" "$START" "SKIP=content: no commit was made"

git commit -q --no-verify -m "feat: key and model"
SKIP=push run git push origin HEAD:refs/heads/keys
expect_rc 1 "SKIP=push: the push is still refused"
expect_in "$ERR" "error [private-key] id_rsa:1: private key in id_rsa (in commit " \
  "SKIP=push: the required check ran on the pushed commit"
expect_in "$ERR" "push: holds required checks (private-key), which run despite SKIP" \
  "SKIP=push: says why it still ran"
expect_not_in "$ERR" "[checkpoint]" "SKIP=push: the checks that are not required were skipped"
expect_eq "$(git --git-dir=../remote.git rev-parse --verify -q refs/heads/keys)" "" \
  "SKIP=push: the remote has no such branch"

scenario "with nothing required, SKIP=content still skips every content check"
new_repo repo
install_hooks
printf '%s\n' "$KEY" >id_rsa && git add id_rsa
SKIP=content run git commit -m "feat: a test key"
expect_rc 0 "SKIP=content skips the content checks"
expect_in "$ERR" "skipped: content (SKIP)" "and says so"

scenario "a push option SKIP=push does not skip the server's required checks"
git init -q --bare srv.git
git -C srv.git config receive.advertisePushOptions true
printf 'server:\n  skip_by_push_option: true\nchecks:\n  private_keys:\n    required: true\n' >server-rules.yaml
git -C srv.git config preflight.rules "$PWD/server-rules.yaml"
run "$PREFLIGHT" -C srv.git install --server
expect_rc 0 "install --server"
git clone -q srv.git client 2>/dev/null && cd client || exit 1
git commit -q --allow-empty -m "chore: start"
printf '%s\n' "$KEY" >id_rsa && git add id_rsa && git commit -q -m "feat: key"
run git push -o SKIP=push origin HEAD:refs/heads/main
expect_rc 1 "the server refuses the push"
expect_in "$ERR" "remote: error [private-key] id_rsa:1: private key in id_rsa" \
  "the server's required check ran"
expect_eq "$(git -C ../srv.git rev-parse --verify -q refs/heads/main)" "" "the server has no main"

finish
