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

scenario "status names what a missing hook costs, and how to add it"
new_repo repo
"$PREFLIGHT" install --hooks pre-commit,commit-msg,pre-push,post-checkout >/dev/null
run "$PREFLIGHT" status
expect_rc 1 "a missing hook is a problem"
expect_in "$OUT" "  reference-transaction  missing: nothing runs" "the hook line"
expect_in "$OUT" "problem: reference-transaction is not installed: no backup branch when a reset, rebase, \`branch -f\`, \`checkout -B\` or a deletion moves a branch off its commits" \
  "the cost of no reference-transaction hook"
expect_in "$OUT" "(run preflight install --hooks reference-transaction)" "the command that adds it"
expect_not_in "$OUT" "pre-commit is not installed" "installed hooks are no problem"
run "$PREFLIGHT" --format json status
expect_in "$OUT" '"state": "missing"' "json says missing"
expect_in "$OUT" "reference-transaction is not installed: no backup branch" "json problems too"
"$PREFLIGHT" uninstall --hooks pre-push >/dev/null
run "$PREFLIGHT" status
expect_in "$OUT" "problem: pre-push is not installed: pushed commits are not checked, and protected branches can be force-pushed or deleted (run preflight install --hooks pre-push)" \
  "the cost of no pre-push hook"

finish
