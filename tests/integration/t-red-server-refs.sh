# Red team: the server checks what a push brings that no ref of the server
# reaches yet. Refs a forge writes without a push (GitLab's
# refs/merge-requests/*, keep-around refs, refs/pull/*) never went through
# pre-receive: commits only they reach must still be checked when a push
# publishes them on a branch or a tag.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/red_helpers.sh"

scenario "a commit only a forge's internal ref reaches is checked when pushed to a branch"
server_and_client
git push -q origin HEAD:refs/heads/main
make_torch_zip model.pt
git add model.pt && git commit -q --no-verify -m "feat: the model"
# What a forge does for a merge request from a fork: a ref written without a push.
for ref in refs/merge-requests/1/head refs/keep-around/x refs/pull/7/head; do
  git -C ../srv.git fetch -q "$PWD" "HEAD:$ref"
done
run git push origin HEAD:refs/heads/main
expect_rc 1 "the push of the merge request's commit is refused"
expect_in "$ERR" "remote: error [checkpoint] model.pt: checkpoint or model file model.pt (in commit " \
  "the client sees the server's finding"
expect_eq "$(git -C ../srv.git rev-parse refs/heads/main)" "$(git rev-parse HEAD~1)" "main did not move"
run git push origin HEAD:refs/tags/v1
expect_rc 1 "a tag of it is refused too"
expect_eq "$(git -C ../srv.git rev-parse --verify -q refs/tags/v1)" "" "the server has no tag v1"

scenario "commits the server's branches and tags reach are not checked again"
git init -q --bare srv.git
git clone -q srv.git client 2>/dev/null && cd client || exit 1
make_torch_zip model.pt
git add model.pt && git commit -q --no-verify -m "feat: the model, before the hooks"
git push -q origin HEAD:refs/heads/team/model-v1 HEAD:refs/tags/model-v1
run "$PREFLIGHT" -C ../srv.git install --server
expect_rc 0 "install --server"
git commit -q --allow-empty -m "feat: more"
run git push origin HEAD:refs/heads/main
expect_rc 0 "a branch on top of team/model-v1 brings only its own commit"
expect_not_in "$ERR" "model.pt" "the checkpoint a branch (in a folder) has is not reported again"
git -C ../srv.git update-ref -d refs/heads/team/model-v1
git -C ../srv.git update-ref -d refs/heads/main
run git push origin HEAD:refs/heads/topic
expect_rc 0 "a branch on top of a tag brings only its own commit"
expect_not_in "$ERR" "model.pt" "the checkpoint a tag has is not reported again"

finish
