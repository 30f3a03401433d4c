#!/usr/bin/env bash
# Progress while team commands run: on a terminal (a pseudo-terminal from
# util-linux's script) one line that updates with the names still running and
# the elapsed time, erased before the results; through a pipe, plain lines and
# no escape code; a summary with each command's duration at the end.
source "$(dirname "$0")/lib.sh"

command -v script >/dev/null || { fail "script (util-linux) is missing"; finish; }
export TERM=xterm

# Two read_only commands run together: "fast" ends first, "slow" a second later.
setup() {
  new_repo repo
  install_hooks
  pre_commit_commands <<'YAML'
    - name: slow
      run: [sleep, "1"]
      pass_files: false
      read_only: true
    - name: fast
      run: [sh, -c, "sleep 0.3"]
      pass_files: false
      read_only: true
YAML
  echo a >a && git add a
}

scenario "on a terminal: one updating line with what still runs, then the results and durations"
setup
on_terminal 'git commit -q -m "feat: a"'
expect_rc 0 "the commit passes"
esc=$'\x1b'
cr=$'\r'
expect_in "$OUT" "${cr}${esc}[K| preflight: running slow, fast (0." "the first frame names both commands and the time"
expect_in "$OUT" " preflight: running slow (0." "once fast is done, only slow is named"
[[ $OUT =~ running\ slow\ \(0\.[5-9]s\) ]] && pass || fail "the elapsed time goes up: $OUT"
expect_in "$OUT" "${cr}${esc}[Kpreflight: slow: passed (ran)" "the line is erased before the results"
expect_in "$OUT" "preflight: fast: passed (ran)" "fast's result"
[[ $OUT =~ preflight:\ took:\ slow\ 1\.[0-9]s,\ fast\ 0\.[3-9]s\;\ 1\.[0-9]s\ in\ all ]] && pass ||
  fail "the summary gives each command's duration in the rules' order: $OUT"
expect_eq "$(git log -1 --format=%s)" "feat: a" "committed"

scenario "through a pipe: plain lines, no escape code"
setup
git commit -q -m "feat: a" 2>&1 | cat >piped.txt
OUT=$(cat piped.txt)
expect_eq "$(sed -n 1,3p piped.txt)" "preflight: running slow, fast
preflight: slow: passed (ran)
preflight: fast: passed (ran)" "a line when the group starts, then the results"
[[ $(sed -n 4p piped.txt) =~ ^preflight:\ took:\ slow\ 1\.[0-9]s,\ fast\ 0\.[3-9]s\;\ 1\.[0-9]s\ in\ all$ ]] &&
  pass || fail "the summary line: $OUT"
expect_eq "$(wc -l <piped.txt)" "4" "four lines"
if grep -q $'[\x1b\r]' piped.txt; then fail "escape codes in a pipe: $(od -c piped.txt | head)"; else pass; fi

scenario "on a terminal, commands that end within 100 ms draw no progress line"
new_repo repo
install_hooks
pre_commit_commands <<'YAML'
    - name: quick
      run: ["true"]
YAML
echo a >a && git add a
on_terminal 'git commit -q -m "feat: a"'
expect_rc 0 "the commit passes"
expect_not_in "$OUT" $'\x1b' "no escape code: nothing was drawn, nothing to erase"
expect_in "$OUT" "preflight: quick: passed (1 file)" "the result line"
[[ $OUT =~ preflight:\ took:\ quick\ 0\.[0-9]s\;\ [0-9.]+s\ in\ all ]] && pass || fail "the summary: $OUT"

scenario "a terminal with TERM=dumb gets the plain lines"
setup
on_terminal 'TERM=dumb git commit -q -m "feat: a"'
expect_in "$OUT" "preflight: running slow, fast" "the plain line"
expect_not_in "$OUT" $'\x1b[K' "no line erasing on a dumb terminal"

scenario "command names with escape sequences are shown escaped in the progress line"
new_repo repo
install_hooks
printf 'extends: []\npre_commit:\n  commands:\n    - name: "evil\\e]0;pwned\\a"\n      run: [sleep, "0.4"]\n      pass_files: false\n' >.preflight.local.yaml
echo a >a && git add a
on_terminal 'git commit -q -m "feat: a"'
expect_rc 0 "the commit passes"
expect_in "$OUT" 'running evil\x1b]0;pwned\x07 (0.' "the name is escaped in the updating line"
expect_not_in "$OUT" $'\x1b]0;pwned' "no raw OSC sequence reaches the terminal"

scenario "-q (PREFLIGHT_QUIET=1 in hooks): no progress, no passed lines; failures still shown"
setup
on_terminal 'PREFLIGHT_QUIET=1 git commit -q -m "feat: a"'
expect_rc 0 "the commit passes"
expect_eq "$OUT" "" "a quiet commit that passes prints nothing"
pre_commit_commands <<'YAML'
    - name: broken
      run: [sh, -c, "echo it broke; exit 3"]
      pass_files: false
YAML
echo b >b && git add b
on_terminal 'PREFLIGHT_QUIET=1 git commit -q -m "feat: b"'
expect_rc 1 "the failing command blocks"
expect_in "$OUT" "preflight: broken: failed with exit code 3" "the failure line"
expect_in "$OUT" "it broke" "the command's output"
expect_not_in "$OUT" "running" "no progress line"

finish
