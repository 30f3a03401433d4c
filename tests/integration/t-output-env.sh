#!/usr/bin/env bash
# The environment variables the hooks read (docs/cli.md, "Environment"): a
# value preflight cannot read is never ignored silently. It gets one warning
# line naming the variable, the value and the values it takes, once per hook
# run, and counts as unset (colour: auto).
source "$(dirname "$0")/lib.sh"

command -v script >/dev/null || { fail "script (util-linux) is missing"; finish; }
unset NO_COLOR FORCE_COLOR CLICOLOR_FORCE PREFLIGHT_COLOR PREFLIGHT_QUIET PREFLIGHT_VERBOSE
export TERM=xterm
red=$'\x1b[31merror\x1b[0m'

# on_terminal CMD: CMD in a pseudo-terminal; what it showed in $OUT.
on_terminal() {
  script -qec "$1" /dev/null >"$TEST_ROOT/.tty" 2>&1 </dev/null
  RC=$?
  OUT=$(cat "$TEST_ROOT/.tty" | tr -d '\r')
}
# piped CMD: CMD with stdout and stderr into a pipe.
piped() {
  OUT=$(sh -c "$1" 2>&1 | cat)
}
# count TEXT NEEDLE: how many lines of TEXT hold NEEDLE.
count() { grep -cF -- "$2" <<<"$1"; }

scenario "PREFLIGHT_COLOR with a value it does not take: one warning, then auto"
new_repo repo
install_hooks
printf 'x' >model.pt && git add model.pt
commit='git commit -q -m "feat: weights"'
warning='preflight: warning: PREFLIGHT_COLOR="blue" is not one of auto, always, never; ignored, as if unset'
on_terminal "PREFLIGHT_COLOR=blue $commit"
expect_rc 1 "the commit is still blocked"
expect_eq "$(count "$OUT" "PREFLIGHT_COLOR=")" 1 "exactly one warning line in the hook run"
expect_in "$OUT" "$warning" "names the variable, the value and the accepted values"
expect_in "$OUT" "$red" "auto on a terminal: colour"
piped "PREFLIGHT_COLOR=blue $commit"
expect_in "$OUT" "$warning" "the same warning through a pipe"
expect_not_in "$OUT" $'\x1b' "auto in a pipe: no colour"
piped "PREFLIGHT_COLOR=Always NO_COLOR=1 $commit"
expect_in "$OUT" 'PREFLIGHT_COLOR="Always" is not one of auto, always, never' "the words are lower case"
expect_not_in "$OUT" $'\x1b' "as if unset: NO_COLOR applies"
piped "PREFLIGHT_COLOR=\$(printf 'x\\033[31my') $commit"
expect_in "$OUT" 'PREFLIGHT_COLOR="x\x1b[31my" is not one of' "the value is printed escaped"
expect_not_in "$OUT" $'\x1b' "no escape code reaches the terminal from the value"
piped "PREFLIGHT_COLOR=never $commit"
expect_not_in "$OUT" "warning: PREFLIGHT_COLOR" "a good value: no warning"
run env PREFLIGHT_COLOR=blue "$PREFLIGHT" status
expect_eq "$(count "$ERR" 'warning: PREFLIGHT_COLOR="blue"')" 1 "preflight itself warns once too"

scenario "FORCE_COLOR: 0 1 2 3 true false; another value warns and counts as unset"
new_repo repo
install_hooks
printf 'x' >model.pt && git add model.pt
commit='git commit -q -m "feat: weights"'
for value in 1 2 3 true; do
  piped "FORCE_COLOR=$value $commit"
  expect_in "$OUT" "$red" "FORCE_COLOR=$value in a pipe: colour"
  expect_not_in "$OUT" "warning: FORCE_COLOR" "FORCE_COLOR=$value: no warning"
done
on_terminal "FORCE_COLOR=false $commit"
expect_not_in "$OUT" $'\x1b' "FORCE_COLOR=false on a terminal: no colour"
expect_not_in "$OUT" "warning: FORCE_COLOR" "FORCE_COLOR=false: no warning"
piped "FORCE_COLOR=yes $commit"
expect_in "$OUT" 'preflight: warning: FORCE_COLOR="yes" is not one of 0, 1, 2, 3, true, false; ignored, as if unset' \
  "FORCE_COLOR=yes: the warning"
expect_not_in "$OUT" $'\x1b' "FORCE_COLOR=yes in a pipe: auto, no colour"
expect_eq "$(count "$OUT" "FORCE_COLOR=")" 1 "one warning line"
on_terminal "FORCE_COLOR=yes $commit"
expect_in "$OUT" "$red" "FORCE_COLOR=yes on a terminal: auto, colour"
piped "FORCE_COLOR=yes CLICOLOR_FORCE=1 $commit"
expect_in "$OUT" "$red" "as if unset: CLICOLOR_FORCE still applies"

scenario "PREFLIGHT_QUIET, PREFLIGHT_VERBOSE, PREFLIGHT_TRACE read yes/no words, and warn on others"
new_repo repo
install_hooks
run env PREFLIGHT_QUIET=false SKIP=checkpoint git commit -q --allow-empty -m "feat: a"
expect_eq "$ERR" "preflight: skipped: checkpoint (SKIP)" "PREFLIGHT_QUIET=false is not quiet"
run env PREFLIGHT_QUIET=no SKIP=checkpoint git commit -q --allow-empty -m "feat: b"
expect_eq "$ERR" "preflight: skipped: checkpoint (SKIP)" "PREFLIGHT_QUIET=no is not quiet"
run env PREFLIGHT_QUIET=yes SKIP=checkpoint git commit -q --allow-empty -m "feat: c"
expect_eq "$ERR" "" "PREFLIGHT_QUIET=yes is quiet"
run env PREFLIGHT_QUIET=ON SKIP=checkpoint git commit -q --allow-empty -m "feat: c2"
expect_eq "$ERR" "" "PREFLIGHT_QUIET=ON is quiet (any case)"
run env PREFLIGHT_QUIET=sometimes SKIP=checkpoint git commit -q --allow-empty -m "feat: d"
quiet_warning='preflight: warning: PREFLIGHT_QUIET="sometimes" is not one of 1, 0, true, false, yes, no, on, off; ignored, as if unset'
expect_in "$ERR" "$quiet_warning" "a word it does not take: the warning"
expect_in "$ERR" "preflight: skipped: checkpoint (SKIP)" "then normal output"
run env PREFLIGHT_QUIET=sometimes SKIP=checkpoint "$PREFLIGHT" run pre-commit
expect_eq "$ERR" "$quiet_warning
preflight: skipped: checkpoint (SKIP)" "one process: exactly one warning"
run env PREFLIGHT_VERBOSE=off git commit -q --allow-empty -m "feat: e"
expect_eq "$ERR" "" "PREFLIGHT_VERBOSE=off is not verbose"
run env PREFLIGHT_VERBOSE=2 git commit -q --allow-empty -m "feat: f"
expect_in "$ERR" 'preflight: warning: PREFLIGHT_VERBOSE="2" is not one of 1, 0, true, false, yes, no, on, off' \
  "PREFLIGHT_VERBOSE=2 warns"
expect_not_in "$ERR" "ran in" "and is not verbose"
run env PREFLIGHT_TRACE=0 git commit -q --allow-empty -m "feat: g"
expect_eq "$ERR" "" "PREFLIGHT_TRACE=0 traces nothing"
run env PREFLIGHT_TRACE=true git commit -q --allow-empty -m "feat: h"
expect_in "$ERR" "preflight: trace: hook pre-commit" "PREFLIGHT_TRACE=true traces"
run env PREFLIGHT_TRACE=verbose git commit -q --allow-empty -m "feat: i"
expect_in "$ERR" 'preflight: warning: PREFLIGHT_TRACE="verbose" is not one of 1, 0, true, false, yes, no, on, off' \
  "PREFLIGHT_TRACE with another word warns"
expect_not_in "$ERR" "trace: hook" "and traces nothing"

scenario "the man page names the variables and the words they take"
page="$PREFLIGHT_BUILD_DIR/share/man/man1/preflight.1"
run env MANWIDTH=300 man -l "$page"
expect_rc 0 "man -l renders it"
expect_in "$OUT" "PREFLIGHT_TRACE" "PREFLIGHT_TRACE is listed"
expect_in "$OUT" "FORCE_COLOR 0, 1, 2, 3, true or false" "FORCE_COLOR's values"
expect_in "$OUT" "Another value gets one warning line and counts as unset" "what another value does"

finish
