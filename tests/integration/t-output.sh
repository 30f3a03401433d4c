#!/usr/bin/env bash
# Colour and how much is printed: --color auto|always|never, NO_COLOR,
# FORCE_COLOR, CLICOLOR_FORCE and PREFLIGHT_COLOR (how hooks get the choice),
# through a pseudo-terminal (util-linux's script) and through a pipe; -q and
# -v, and PREFLIGHT_QUIET / PREFLIGHT_VERBOSE in hooks.
source "$(dirname "$0")/lib.sh"

command -v script >/dev/null || { fail "script (util-linux) is missing"; finish; }
unset NO_COLOR FORCE_COLOR CLICOLOR_FORCE PREFLIGHT_COLOR
export TERM=xterm
red=$'\x1b[31merror\x1b[0m'

# piped CMD: CMD with stdout and stderr into a pipe.
piped() {
  OUT=$(sh -c "$1" 2>&1 | cat)
}
coloured() { expect_in "$OUT" "$red" "$1: the error is red"; }
plain() {
  expect_not_in "$OUT" $'\x1b' "$1: no escape code"
  expect_in "$OUT" "error [checkpoint]" "$1: the finding is there"
}

scenario "a blocked commit: colour on a terminal only, and the variables that change it"
new_repo repo
install_hooks
printf 'x' >model.pt && git add model.pt
commit='git commit -q -m "feat: weights"'
on_terminal "$commit"
expect_rc 1 "the commit is blocked"
coloured "a terminal"
piped "$commit"
plain "a pipe"
on_terminal "NO_COLOR=1 $commit"
plain "NO_COLOR on a terminal"
on_terminal "NO_COLOR= $commit"
coloured "an empty NO_COLOR is unset"
piped "FORCE_COLOR=1 $commit"
coloured "FORCE_COLOR in a pipe"
on_terminal "FORCE_COLOR=0 $commit"
plain "FORCE_COLOR=0 on a terminal"
piped "CLICOLOR_FORCE=1 $commit"
coloured "CLICOLOR_FORCE in a pipe"
piped "CLICOLOR_FORCE=0 $commit"
plain "CLICOLOR_FORCE=0 in a pipe"
piped "NO_COLOR=1 FORCE_COLOR=1 CLICOLOR_FORCE=1 $commit"
plain "NO_COLOR wins over FORCE_COLOR and CLICOLOR_FORCE"
piped "NO_COLOR=1 PREFLIGHT_COLOR=always $commit"
coloured "PREFLIGHT_COLOR=always wins over NO_COLOR (a choice for preflight itself)"
on_terminal "FORCE_COLOR=1 PREFLIGHT_COLOR=never $commit"
plain "PREFLIGHT_COLOR=never on a terminal"
on_terminal "PREFLIGHT_COLOR=auto $commit"
coloured "PREFLIGHT_COLOR=auto on a terminal"

scenario "preflight --color: always, never, auto, over the variables"
new_repo repo
printf 'x' >model.pt && git add model.pt
run_cmd="$PREFLIGHT run pre-commit"
piped "$PREFLIGHT --color always run pre-commit"
coloured "--color always in a pipe"
piped "NO_COLOR=1 $PREFLIGHT --color=always run pre-commit"
coloured "--color=always wins over NO_COLOR"
on_terminal "$PREFLIGHT --color never run pre-commit"
plain "--color never on a terminal"
on_terminal "$PREFLIGHT run pre-commit --color never"
plain "--color after the subcommand"
on_terminal "$PREFLIGHT --color auto run pre-commit"
coloured "--color auto on a terminal"
piped "$PREFLIGHT --color auto run pre-commit"
plain "--color auto in a pipe"
on_terminal "NO_COLOR=1 $run_cmd"
plain "NO_COLOR for preflight run on a terminal"
run "$PREFLIGHT" --color sometimes run pre-commit
expect_rc 2 "a bad --color value"
expect_in "$ERR" '--color must be auto, always or never, not "sometimes"' "names the value"
on_terminal "$PREFLIGHT nosuch"
expect_in "$OUT" $'\x1b[31merror:\x1b[0m unknown command "nosuch"' "usage errors are red on a terminal"
on_terminal "$PREFLIGHT --color never nosuch"
expect_in "$OUT" 'preflight: error: unknown command "nosuch"' "and plain with --color never"

scenario "-v says what ran, how long, what was skipped and why; -q only problems"
new_repo repo
install_hooks
echo a >a && git add a
run env PREFLIGHT_VERBOSE=1 SKIP=notebook git commit -q -m "feat: a"
expect_rc 0 "a verbose commit"
# "content" runs checkpoint, large-file, private-key ... in one pass over the files.
[[ $ERR =~ preflight:\ content:\ ran\ in\ [0-9]+\.[0-9]{2}\ ms,\ 0\ finding\(s\) ]] && pass ||
  fail "each check with its time: $ERR"
[[ $ERR =~ preflight:\ commit-message:\ ran\ in\ [0-9]+\.[0-9]{2}\ ms ]] && pass ||
  fail "commit-msg's check with its time: $ERR"
expect_in "$ERR" "preflight: skipped: notebook (SKIP)" "the skipped check and why"
expect_not_in "$ERR" "preflight: notebook: ran in" "the skipped check did not run"
[[ $ERR =~ preflight:\ pre-commit:\ done\ in\ [0-9.]+\ ms,\ exit\ 0 ]] && pass || fail "the total: $ERR"
[[ $ERR =~ preflight:\ commit-msg:\ done\ in ]] && pass || fail "commit-msg too: $ERR"
run env SKIP=checkpoint git commit -q --allow-empty -m "feat: b"
expect_eq "$ERR" "preflight: skipped: checkpoint (SKIP)" "without -v: only the skip line"
run env PREFLIGHT_QUIET=1 SKIP=checkpoint git commit -q --allow-empty -m "feat: c"
expect_eq "$ERR" "" "PREFLIGHT_QUIET: nothing for a passing commit"
run env PREFLIGHT_QUIET=1 SKIP=chekpoint git commit -q --allow-empty -m "feat: d"
expect_in "$ERR" 'SKIP names "chekpoint", which is no check' "quiet still warns of a problem"
printf 'pre_commit:\n  enabled: false\n' >.preflight.local.yaml
run "$PREFLIGHT" -v run pre-commit
expect_in "$ERR" "preflight: pre-commit: no checks run (pre_commit.enabled is false)" \
  "-v says why nothing ran"
rm .preflight.local.yaml
printf 'x' >model.pt && git add model.pt
run "$PREFLIGHT" -q run pre-commit
expect_rc 1 "-q still blocks"
expect_in "$ERR" "error [checkpoint] model.pt" "-q still prints the finding"
run "$PREFLIGHT" run pre-commit -v
[[ $ERR =~ preflight:\ content:\ ran\ in\ [0-9.]+\ ms,\ 1\ finding\(s\) ]] && pass ||
  fail "-v after the subcommand: $ERR"

finish
