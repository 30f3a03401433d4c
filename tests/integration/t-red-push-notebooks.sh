# Red team: notebooks with outputs in commits that no pre-commit hook saw
# (commit --no-verify, git am, a merge of work from a clone without preflight,
# cherry-pick) are refused when pushed, by pre-push and by the server's hooks;
# stripped notebooks pass; SKIP=notebook lets one push through and says so.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/red_helpers.sh"

# write_notebook FILE TEXT: a notebook whose one code cell printed TEXT.
write_notebook() {
  printf '{"cells":[{"cell_type":"code","execution_count":3,"metadata":{},"outputs":[{"name":"stdout","output_type":"stream","text":"%s"}],"source":"print(1)"}],"metadata":{},"nbformat":4,"nbformat_minor":5}\n' "$2" >"$1"
}

# push_refused BRANCH WHAT: pushing HEAD to BRANCH is refused for outputs.nb.ipynb.
push_refused() {
  expect_push_refused "$1" \
    "error [notebook] outputs.nb.ipynb: notebook outputs.nb.ipynb (in commit " "$2"
  expect_in "$ERR" "has outputs or metadata that the rules strip" "$2: it says why"
  expect_in "$ERR" "preflight nbstrip -- outputs.nb.ipynb" "$2: it says how to fix it"
}

scenario "notebooks with outputs in commits the pre-commit hook never saw are refused at push"
repo_with_remote
install_hooks
# 1. commit --no-verify, the notebook staged without the clean filter.
write_notebook outputs.nb.ipynb "SECRET RESULT"
git update-index --add --cacheinfo "100644,$(git hash-object --no-filters -w outputs.nb.ipynb),outputs.nb.ipynb"
expect_in "$(git show :outputs.nb.ipynb)" "SECRET RESULT" "the outputs are staged"
git commit -q --no-verify -m "feat: results"
push_refused no-verify "commit --no-verify"
# 2. git am of a patch written in a clone without preflight.
git reset -q --hard "$START"
git clone -q ../remote.git ../plain
(cd ../plain && write_notebook outputs.nb.ipynb "SECRET RESULT" && git add outputs.nb.ipynb &&
  git commit -q -m "feat: results" && git format-patch -q -1 -o ../patches)
git am -q ../patches/*.patch
expect_in "$(git show HEAD:outputs.nb.ipynb)" "SECRET RESULT" "git am stored the outputs"
push_refused am "git am"
# 3. a merge and a cherry-pick of that clone's commit.
git reset -q --hard "$START"
git fetch -q ../plain main:plain-main
git merge -q --no-ff --no-edit plain-main
push_refused merge "a merge"
git reset -q --hard "$START"
git cherry-pick plain-main >/dev/null
push_refused cherry-pick "cherry-pick"
# SKIP=notebook lets it through once, and says so.
SKIP=notebook run git push -q origin HEAD:refs/heads/skipped
expect_rc 0 "SKIP=notebook: the push goes through"
expect_in "$ERR" "skipped: notebook (SKIP)" "SKIP=notebook: it says what it skipped"
# A stripped notebook passes.
git reset -q --hard "$START"
write_notebook clean.ipynb ""
"$PREFLIGHT" nbstrip clean.ipynb
git add clean.ipynb && git commit -q --no-verify -m "feat: clean notebook"
run git push -q origin HEAD:refs/heads/clean
expect_rc 0 "a stripped notebook is pushed"

scenario "the server refuses a pushed notebook with outputs"
server_and_client
write_notebook outputs.nb.ipynb "SECRET RESULT"
git add outputs.nb.ipynb && git commit -q -m "feat: results"
run git push origin HEAD:refs/heads/main
expect_rc 1 "the server refuses the push"
expect_in "$ERR" "remote: error [notebook] outputs.nb.ipynb: notebook outputs.nb.ipynb (in commit " "the client sees the server's finding"
expect_eq "$(git --git-dir=../srv.git rev-parse --verify -q refs/heads/main)" "" "the server has no main"

finish
