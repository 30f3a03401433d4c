# Helpers for the red-team scenarios (sourced after lib.sh, not a test itself).

# expect_push_refused BRANCH FRAGMENT WHAT: `git push origin HEAD:refs/heads/BRANCH`
# fails, its output has FRAGMENT, and the remote (../remote.git) has no BRANCH.
expect_push_refused() {
  run git push -q origin "HEAD:refs/heads/$1"
  expect_rc 1 "$3: the push is refused"
  expect_in "$ERR" "$2" "$3: pre-push says why"
  expect_eq "$(git --git-dir=../remote.git rev-parse --verify -q "refs/heads/$1")" "" \
    "$3: the remote has no such branch"
}

# expect_commit_then_push_refused PATH FRAGMENT WHAT: committing the staged PATH
# fails saying FRAGMENT; committed with --no-verify, its push fails the same way.
expect_commit_then_push_refused() {
  run git commit -m "feat: add $1"
  expect_rc 1 "$3: the commit is refused"
  expect_in "$ERR" "$2" "$3: the finding says why"
  git commit -q --no-verify -m "feat: add $1"
  expect_push_refused "try-$(printf '%s' "$3" | tr -c 'A-Za-z0-9' '-')" "$2" "$3"
}

# repo_with_remote: ./repo with one commit, pushed to the bare ./remote.git as
# origin, the current folder set to it; START is that commit.
repo_with_remote() {
  git init -q --bare remote.git
  new_repo repo
  git remote add origin ../remote.git && git push -q origin main
  START=$(git rev-parse HEAD)
}

# server_and_client: a bare ./srv.git with the server hooks, and its clone
# ./client (the current folder) with one commit.
server_and_client() {
  git init -q --bare srv.git
  run "$PREFLIGHT" -C srv.git install --server
  expect_rc 0 "install --server"
  git clone -q srv.git client 2>/dev/null && cd client || exit 1
  git commit -q --allow-empty -m "chore: start"
}
