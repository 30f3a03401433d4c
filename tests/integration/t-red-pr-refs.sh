# Red team: pre-push leaves out the commits the remote's branches already have
# (refs/remotes/<remote>/*). A pull request fetched as a remote-tracking ref
# (`+refs/pull/*/head:refs/remotes/origin/pr/*`, a common set-up) is no branch
# of the remote: its commits were never checked, and merging it into main and
# pushing must check them.
. "$(dirname "$0")/lib.sh"

scenario "a pull request's commits fetched as remote-tracking refs are checked when pushed"
git init -q --bare remote.git
new_repo seed
git push -q ../remote.git main
cd .. && git clone -q remote.git fork && cd fork || exit 1
make_torch_zip model.pt
git add model.pt && git commit -q --no-verify -m "feat: the model"
cd .. && git -C remote.git fetch -q ../fork main:refs/pull/1/head # what the forge stores
git clone -q remote.git work && cd work || exit 1
git config --add remote.origin.fetch '+refs/pull/*/head:refs/remotes/origin/pr/*'
git fetch -q origin
install_hooks
git merge -q --ff-only origin/pr/1
run git push origin main
expect_rc 1 "the push of the merged pull request is refused"
expect_in "$ERR" "error [checkpoint] model.pt: checkpoint or model file model.pt (in commit " \
  "the finding names the pull request's file and commit"
expect_eq "$(git -C ../remote.git rev-parse main)" "$(git rev-parse HEAD~1)" "the remote's main did not move"

scenario "commits on the remote's branches are not checked again"
git init -q --bare remote.git
new_repo work
git remote add origin ../remote.git
make_torch_zip model.pt
git add model.pt && git commit -q --no-verify -m "feat: the model, before the hooks"
git push -q origin HEAD:refs/heads/team/model
git fetch -q origin
install_hooks
git commit -q --allow-empty -m "feat: more"
run git push origin HEAD:refs/heads/topic
expect_rc 0 "a branch on top of origin/team/model brings only its own commit"
expect_not_in "$ERR" "model.pt" "the remote branch's checkpoint is not reported again"

finish
