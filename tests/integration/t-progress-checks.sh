#!/usr/bin/env bash
# Progress while long built-in checks run, not only team commands: a pass
# over the checks that lasts longer than 100 ms shows, on a terminal, the one
# updating line naming the check that runs, erased before the results; through
# a pipe, with TERM=dumb, -q or --format json nothing more is printed.
source "$(dirname "$0")/lib.sh"

command -v script >/dev/null || { fail "script (util-linux) is missing"; finish; }
export TERM=xterm
esc=$'\x1b'

# A repository with 64 MB of staged text: the content checks (secrets read
# every byte) take a few hundred milliseconds.
setup() {
  new_repo repo
  install_hooks
  head -c 48000000 /dev/urandom | base64 -w 76 >data.txt
  git add data.txt
  printf 'checks:\n  large_files:\n    max_size: 100MB\n' >.preflight.local.yaml
}

# took: how long the content checks took, from -v (so that a machine too fast
# for the test says so instead of passing).
took() {
  run env PREFLIGHT_VERBOSE=1 "$PREFLIGHT" run pre-commit
  sed -n 's/^preflight: content: ran in \([0-9]*\)\..*/\1/p' <<<"$ERR"
}

scenario "a long check pass on a terminal: the updating line names the check, then it is erased"
setup
ms=$(took)
if [ "${ms:-0}" -ge 250 ]; then pass; else
  fail "the content checks took ${ms:-?} ms, too fast to show progress (make data.txt bigger)"
fi
on_terminal 'git commit -q -m "feat: data"'
expect_rc 0 "the commit passes"
expect_in "$OUT" "preflight: checking content (" "the line names the check that runs"
expect_in "$OUT" $'\r'"${esc}[K| preflight: checking content (0." "drawn in place, with the elapsed time"
# After the last frame: its time, then the erase.
after=${OUT##*checking content (}
[[ $after == [0-9]*s\)$'\r'"${esc}[K"* ]] && pass || fail "the last frame is erased: [$after]"

scenario "the same pass through a pipe, TERM=dumb, -q or --format json: nothing more"
setup
run git commit -q -m "feat: data"
expect_rc 0 "the commit passes through a pipe"
expect_eq "$ERR" "" "through a pipe the hook prints nothing"
git reset -q --soft HEAD~1
on_terminal 'TERM=dumb git commit -q -m "feat: data"'
expect_not_in "$OUT" "checking" "TERM=dumb: no progress line"
expect_not_in "$OUT" "$esc" "TERM=dumb: no escape code"
git reset -q --soft HEAD~1
on_terminal 'PREFLIGHT_QUIET=1 git commit -q -m "feat: data"'
expect_eq "$OUT" "" "-q (PREFLIGHT_QUIET=1) on a terminal: nothing"
git reset -q --soft HEAD~1
on_terminal "$PREFLIGHT --format json run pre-commit 2>/dev/null >/dev/null; $PREFLIGHT --format json run pre-commit 2>&1 >/dev/null"
expect_eq "$OUT" "" "--format json on a terminal: nothing on stderr"

scenario "-v on a terminal: the timing lines are printed with the updating line erased"
setup
on_terminal "$PREFLIGHT -v run pre-commit"
expect_rc 0 "the run passes"
# Every timing line starts at the beginning of a clean line.
bad=$(tr '\r' '\n' <<<"$OUT" | sed "s/${esc}\[K//g" | grep -a "ran in" | grep -av '^preflight: ' || true)
expect_eq "$bad" "" "no timing line shares a line with the progress"
expect_in "$OUT" "preflight: content: ran in" "the timing of content"

finish
