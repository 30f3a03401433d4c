# Every pushed ref gets the checks of a branch push: lightweight and annotated
# tags (peeled to their commit), --tags, --follow-tags, any refs/*, several refs in
# one push, --mirror (--follow-tags sends only tags of the commits its branches
# bring, which the branch push checks), and tags that point at a tree or a blob.
. "$(dirname "$0")/lib.sh"

# A repository with a clean main pushed to ../remote.git and a commit on no
# branch with a secret, a checkpoint and a bad message; $bad is its short id.
setup() {
  git init -q --bare remote.git
  new_repo repo
  git remote add origin ../remote.git
  install_hooks
  git push -q origin main
  printf 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n' > ../creds.ini
  printf 'not really weights' > ../model.pt
  local tree
  tree=$(printf '100644 blob %s\tcreds.ini\n100644 blob %s\tmodel.pt\n' \
    "$(git hash-object -w ../creds.ini)" "$(git hash-object -w ../model.pt)" | git mktree)
  bad=$(git commit-tree -p main -m "Bad message" "$tree" | cut -c1-12)
}

# expect_refused DESCRIPTION: the last push failed with every reason.
expect_refused() {
  expect_rc 1 "$1 refused"
  expect_in "$ERR" "[private-key] creds.ini:1: AWS access key id in creds.ini (in commit $bad (Bad message))" "$1: the secret"
  expect_in "$ERR" "[checkpoint] model.pt: checkpoint or model file model.pt (in commit $bad (Bad message)): matches \"*.pt\"" "$1: the checkpoint"
  expect_in "$ERR" "commit $bad (Bad message): type may not be empty" "$1: the message"
  expect_eq "$(git ls-remote --tags ../remote.git)" "" "$1: no tag reached the remote"
}

scenario "a lightweight tag is checked like a branch"
setup
git tag v0.1 "$bad"
run git push origin v0.1
expect_refused "git push origin v0.1"

scenario "an annotated tag is peeled to its commit"
setup
git tag -a -m "release 0.2" v0.2 "$bad"
run git push origin v0.2
expect_refused "git push origin v0.2 (annotated)"
run git push origin refs/tags/v0.2:refs/tags/v0.2
expect_refused "a full refspec"

scenario "--tags, --follow-tags and several refs at once"
setup
git tag -a -m "release 0.3" v0.3 "$bad"
run git push --tags origin
expect_refused "git push --tags"
git commit -q --allow-empty -m "feat: clean work"
run git push origin main v0.3
expect_refused "git push origin main v0.3"
expect_eq "$(git ls-remote ../remote.git refs/heads/main | cut -f1)" "$(git rev-parse HEAD~1)" "main did not move either"

scenario "any refs/* and --mirror"
setup
run git push origin "$bad:refs/for/main"
expect_refused "git push origin <id>:refs/for/main"
run git push origin "$bad:refs/notes/commits"
expect_refused "git push to refs/notes/"
git tag v1 "$bad"
git init -q --bare ../mirror.git
run git push --mirror ../mirror.git
expect_rc 1 "git push --mirror refused"
expect_in "$ERR" "AWS access key id in creds.ini (in commit $bad (Bad message))" "--mirror: the secret"
expect_eq "$(git ls-remote --tags ../mirror.git)" "" "--mirror: no tag reached the mirror"

scenario "a tag of a tree or a blob has its files checked"
setup
git tag secret-blob "$(git rev-parse "$bad:creds.ini")"
run git push origin secret-blob
expect_rc 1 "a tag of a blob refused"
expect_in "$ERR" "[private-key] refs/tags/secret-blob:1: AWS access key id in refs/tags/secret-blob" "the blob's secret, named by its ref"
git tag secret-tree "$(git rev-parse "$bad^{tree}")"
run git push origin secret-tree
expect_rc 1 "a tag of a tree refused"
expect_in "$ERR" "AWS access key id in creds.ini (in refs/tags/secret-tree)" "the tree's secret"
expect_in "$ERR" "checkpoint or model file model.pt (in refs/tags/secret-tree)" "the tree's checkpoint"
git tag clean-blob "$(echo hello | git hash-object -w --stdin)"
run git push origin clean-blob
expect_rc 0 "a tag of a clean blob passes"

scenario "pre-push commands and a tag of a blob"
setup
printf 'pre_push:\n  commands:\n    - name: record\n      run: [sh, -c, "echo ran >> ../ran.log", x]\n' > .preflight.local.yaml
git tag clean-blob "$(echo hello | git hash-object -w --stdin)"
git tag -a -m "tag of a tag of a blob" nested clean-blob
run git push origin clean-blob nested
expect_rc 0 "a tag of a clean blob passes with commands configured"
expect_eq "$(git ls-remote ../remote.git refs/tags/nested^{} | cut -f1)" "$(git rev-parse clean-blob)" "the nested tag reached the remote"

scenario "a clean tag passes; a tag of pushed commits costs nothing"
setup
git tag -a -m "release 1.0" v1.0 main
run git push origin v1.0
expect_rc 0 "a tag of main (already on the remote) passes"
expect_eq "$(git ls-remote ../remote.git refs/tags/v1.0 | cut -f1)" "$(git rev-parse v1.0)" "the tag reached the remote"
git commit -q --allow-empty -m "feat: more"
git tag -a -m "release 1.1" v1.1
run git push --follow-tags origin main
expect_rc 0 "a clean branch and its tag pass together"
expect_eq "$(git ls-remote ../remote.git refs/tags/v1.1 | cut -f1)" "$(git rev-parse v1.1)" "--follow-tags sent the tag"

finish
