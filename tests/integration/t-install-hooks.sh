#!/usr/bin/env bash
# preflight install --hooks / uninstall --hooks: a subset of the hooks, and
# what `preflight status` says a missing hook costs.
source "$(dirname "$0")/lib.sh"

# The names of the hooks present in .git/hooks, in git's order.
installed() {
  local name list=""
  for name in pre-commit commit-msg pre-push post-checkout reference-transaction; do
    [ -e ".git/hooks/$name" ] && list="$list $name"
  done
  printf '%s' "${list# }"
}

scenario "install --hooks installs only the hooks named"
new_repo repo
run "$PREFLIGHT" install --hooks pre-commit,commit-msg
expect_rc 0 "install --hooks pre-commit,commit-msg"
expect_eq "$(installed)" "pre-commit commit-msg" "only the two hooks are there"
expect_in "$OUT" "pre-commit: installed" "says it installed pre-commit"
expect_not_in "$OUT" "pre-push" "says nothing of pre-push"
# The two hooks work under real git: a bad message is refused, and a reset
# (no reference-transaction hook) leaves no backup.
run git commit -q --allow-empty -m "not conventional"
expect_rc 1 "commit-msg runs"
expect_in "$ERR" "[type-empty]" "commit-msg refuses the message"
git commit -q --allow-empty -m "feat: two"
run git reset -q --hard HEAD~1
expect_rc 0 "reset"
expect_eq "$(git for-each-ref --format='%(refname)' refs/heads/backup)" "" \
  "no reference-transaction hook: no backup branch"

scenario "install --hooks again adds to what is there; the option given twice"
new_repo repo
"$PREFLIGHT" install --hooks pre-push >/dev/null
run "$PREFLIGHT" install --hooks reference-transaction --hooks pre-push
expect_rc 0 "install --hooks given twice"
expect_eq "$(installed)" "pre-push reference-transaction" "both hooks, nothing else"
expect_in "$OUT" "pre-push: already installed" "pre-push was there already"
git commit -q --allow-empty -m "feat: two"
run git reset -q --hard HEAD~1
expect_in "$ERR" "saved 1 commit that left main (reset)" "reference-transaction now keeps a backup"

scenario "-q installs and uninstalls without a word"
new_repo repo
run "$PREFLIGHT" -q install --hooks pre-commit
expect_rc 0 "install -q"
expect_eq "$OUT$ERR" "" "install -q prints nothing"
expect_eq "$(installed)" "pre-commit" "and installs"
run "$PREFLIGHT" uninstall -q
expect_eq "$OUT$ERR" "" "uninstall -q prints nothing"
expect_eq "$(installed)" "" "and removes"

scenario "an unknown hook name is refused before anything is written"
new_repo repo
run "$PREFLIGHT" install --hooks pre-commit,pre-comit
expect_rc 2 "an unknown hook"
expect_in "$ERR" 'unknown hook "pre-comit" (did you mean "pre-commit"?)' "names it with a hint"
expect_eq "$(installed)" "" "nothing installed"
run "$PREFLIGHT" uninstall --hooks post-checkot
expect_rc 2 "uninstall of an unknown hook"
expect_in "$ERR" 'unknown hook "post-checkot" (did you mean "post-checkout"?)' "uninstall names it"

scenario "uninstall --hooks removes only those, and gives back a chained hook"
new_repo repo
printf '#!/bin/sh\necho theirs-post-checkout\n' >.git/hooks/post-checkout
chmod +x .git/hooks/post-checkout
"$PREFLIGHT" install >/dev/null
expect_eq "$(installed)" "pre-commit commit-msg pre-push post-checkout reference-transaction" "all"
run "$PREFLIGHT" uninstall --hooks reference-transaction,post-checkout
expect_rc 0 "uninstall --hooks"
expect_eq "$(installed)" "pre-commit commit-msg pre-push post-checkout" \
  "reference-transaction gone, post-checkout is the previous hook again"
expect_eq "$(cat .git/hooks/post-checkout)" "$(printf '#!/bin/sh\necho theirs-post-checkout')" \
  "the previous post-checkout hook is back byte for byte"
[ ! -e .git/hooks/post-checkout.local ] && pass || fail "post-checkout.local left behind"
expect_in "$OUT" "post-checkout: removed; the previous hook is back" "says so"
expect_not_in "$OUT" "pre-commit" "pre-commit untouched"
run git config --get filter.preflight-nbstrip.process
expect_rc 0 "uninstall --hooks leaves the notebook filter (a full uninstall removes it)"

scenario "status: hooks left out on purpose cost words, not a problem"
new_repo repo
"$PREFLIGHT" install --hooks pre-commit,commit-msg,pre-push,post-checkout >/dev/null
run "$PREFLIGHT" status
expect_rc 0 "a subset chosen with install --hooks is no problem"
expect_in "$OUT" "  reference-transaction  left out on purpose: nothing runs" "the hook line"
expect_in "$OUT" "left out: reference-transaction (install --hooks chose the others): no backup branch when a reset, rebase, \`branch -f\`, \`checkout -B\` or a deletion moves a branch off its commits" \
  "the cost of no reference-transaction hook"
expect_in "$OUT" "(add it with preflight install --hooks reference-transaction; preflight install installs every hook)" \
  "the command that adds it"
expect_not_in "$OUT" "problem:" "no problem line"
expect_in "$OUT" "no problems found" "says so"
expect_eq "$(git config --get preflight.hooks)" "commit-msg,post-checkout,pre-commit,pre-push" \
  "the choice is kept in git config"
run "$PREFLIGHT" --format json status
expect_rc 0 "json: exit 0 too"
expect_eq "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["problems"], d["hooks"]["reference-transaction"]["left_out"], d["hooks"]["pre-commit"]["left_out"], d["left_out"]["reference-transaction"][:30])' <<<"$OUT")" \
  "[] True False no backup branch when a reset," "json: no problems, the hook marked left out with its cost"
"$PREFLIGHT" uninstall --hooks pre-push >/dev/null
run "$PREFLIGHT" status
expect_rc 0 "uninstall --hooks is a choice too"
expect_in "$OUT" "left out: pre-push (install --hooks chose the others): pushed commits are not checked, and protected branches can be force-pushed or deleted" \
  "the cost of no pre-push hook"
expect_eq "$(git config --get preflight.hooks)" "commit-msg,post-checkout,pre-commit" "pre-push left the choice"

scenario "status: a chosen hook that went missing or was replaced is still a problem"
new_repo repo
"$PREFLIGHT" install --hooks pre-commit,commit-msg >/dev/null
rm .git/hooks/commit-msg
run "$PREFLIGHT" status
expect_rc 1 "a chosen hook deleted since"
expect_in "$OUT" "problem: commit-msg is not installed: commit messages are not checked (run preflight install --hooks commit-msg)" \
  "names the missing hook"
expect_in "$OUT" "left out: reference-transaction" "the others are still left out on purpose"
expect_not_in "$OUT" "problem: pre-push" "pre-push is no problem"
"$PREFLIGHT" install --hooks commit-msg >/dev/null
printf '#!/bin/sh\nexit 0\n' >.git/hooks/pre-commit
chmod +x .git/hooks/pre-commit
run "$PREFLIGHT" status
expect_rc 1 "a chosen hook replaced by another"
expect_in "$OUT" "problem: pre-commit is another tool's hook, so preflight's pre-commit checks do not run" \
  "names the replaced hook"
# Another tool's hook in a place left out on purpose is its business.
"$PREFLIGHT" install --hooks pre-commit >/dev/null
printf '#!/bin/sh\nexit 0\n' >.git/hooks/pre-push
chmod +x .git/hooks/pre-push
run "$PREFLIGHT" status
expect_rc 0 "another tool's hook where preflight's was left out"
expect_in "$OUT" "left out: pre-push" "pre-push is left out"

scenario "install with no --hooks returns to the full set"
new_repo repo
"$PREFLIGHT" install --hooks pre-commit >/dev/null
run "$PREFLIGHT" install
expect_rc 0 "a full install"
expect_in "$OUT" "every hook chosen again (preflight.hooks unset)" "says so"
expect_eq "$(installed)" "pre-commit commit-msg pre-push post-checkout reference-transaction" "all five"
run git config --get preflight.hooks
expect_rc 1 "the choice is gone"
rm .git/hooks/reference-transaction
run "$PREFLIGHT" status
expect_rc 1 "a missing hook of the full set is a problem again"
expect_in "$OUT" "problem: reference-transaction is not installed" "names it"
"$PREFLIGHT" install --hooks pre-push >/dev/null
run git config --get preflight.hooks
expect_rc 1 "install --hooks over a full set adds nothing to choose: still the full set"
"$PREFLIGHT" uninstall >/dev/null
run git config --get preflight.hooks
expect_rc 1 "a full uninstall forgets any choice"

scenario "status in a bare repository describes the server hooks"
git init -q --bare server.git
cd server.git
run "$PREFLIGHT" status
expect_rc 1 "no server hooks yet: a problem"
expect_in "$OUT" "problem: pre-receive is not installed: pushes to this repository are not checked" \
  "names the missing pre-receive"
expect_not_in "$OUT" "pre-commit" "no client hook is listed"
"$PREFLIGHT" install --server >/dev/null
run "$PREFLIGHT" status
expect_rc 0 "after install --server"
expect_in "$OUT" "(bare: the server hooks of preflight install --server)" "says it is a server"
expect_in "$OUT" "  pre-receive            installed: preflight" "pre-receive"
expect_in "$OUT" "  update                 installed: preflight" "update"
expect_in "$OUT" "no problems found" "no problems"
expect_not_in "$OUT" "commit-msg" "no client hook is listed"
expect_not_in "$OUT" "reference-transaction" "nor its cost"
run "$PREFLIGHT" --format json status
expect_eq "$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(sorted(d["hooks"]), d["hooks"]["pre-receive"]["state"], d["problems"])' <<<"$OUT")" \
  "['pre-receive', 'update'] installed []" "json: the server hooks"
printf 'server: [\n' >rules.yaml
git config preflight.rules rules.yaml
rm hooks/update
run "$PREFLIGHT" status
expect_rc 1 "a removed update hook and broken rules"
expect_in "$OUT" "problem: update is not installed: with server.per_ref: true nothing is checked" \
  "names the missing update hook"
expect_in "$OUT" "problem: the server's rules do not load:" "the rules git config preflight.rules names are read"
expect_in "$OUT" "rules.yaml" "with the file's name"

finish
