#!/usr/bin/env bash
# SKIP=<TAB> before a command completes check ids in bash, zsh and fish, with
# the real shells in a pseudo-terminal (keys typed, then the line read back),
# and the team's own command names from the repository's rules: read, never
# run, and only plain ids (names from committed rules are untrusted text).
source "$(dirname "$0")/lib.sh"

export PATH="$PREFLIGHT_BUILD_DIR/bin:$PATH" TERM=xterm

# A pseudo-terminal driver: types keys into an interactive shell (a NUL
# between keys waits for the shell), then prints what the terminal showed.
cat >"$TEST_ROOT/drive.py" <<'PY'
import os, pty, re, select, sys, time
i = sys.argv.index('--')
argv, keys = sys.argv[1:i], sys.argv[i + 1].encode()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
def read(seconds, until=None):
    out, end = b'', time.time() + seconds
    while time.time() < end and not (until and until.search(out)):
        if select.select([fd], [], [], 0.05)[0]:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out
read(10, re.compile(rb'\$ '))  # the prompt
out = b''
parts = keys.split(b'\0')
for n, part in enumerate(parts):
    os.write(fd, part)
    last = n == len(parts) - 1
    out += read(10 if last else 0.8, re.compile(rb'<<[^>]*>>') if last else None)
os.write(fd, b'\x03')
read(0.2)
os.write(fd, b'exit\n')
read(0.3)
sys.stdout.write(out.decode(errors='replace'))
PY
# Ctrl-X Ctrl-Y prints the line and cursor as <<LINE|POINT>> in each shell.
show=$'\x18\x19'
tab=$'\t'
# line OUTPUT: the last <<LINE|POINT>> the shell printed.
line() { grep -ao '<<[^>]*>>' <<<"$1" | tail -1; }

mkdir -p "$TEST_ROOT/rc"
"$PREFLIGHT" completion bash >"$TEST_ROOT/rc/preflight.bash"
cat >"$TEST_ROOT/rc/bashrc" <<EOF
PS1='\$ '
source "$TEST_ROOT/rc/preflight.bash"
bind -x '"\C-x\C-y": printf "<<%s|%s>>\n" "\$READLINE_LINE" "\$READLINE_POINT"'
EOF
bash_keys() { python3 "$TEST_ROOT/drive.py" bash --noprofile --rcfile "$TEST_ROOT/rc/bashrc" -i -- "$1$show"; }

# A repository whose rules name team commands: a plain one, and names that
# are not plain ids (a command substitution, an escape sequence, a space).
# Each command would leave a file behind if it ever ran.
repo_with_commands() {
  new_repo repo
  cat >.preflight.yaml <<EOF
pre_commit:
  commands:
    - name: ruff-format
      run: ["touch", "$TEST_ROOT/ran-ruff"]
    - name: "\$(touch $TEST_ROOT/pwned)"
      run: ["touch", "$TEST_ROOT/ran-2"]
    - name: "evil\e[31mred"
      run: ["touch", "$TEST_ROOT/ran-3"]
    - name: "two words"
      run: ["touch", "$TEST_ROOT/ran-4"]
EOF
}

scenario "preflight completion --skip-ids: built-in ids, and plain command names of the rules here"
run "$PREFLIGHT" completion --skip-ids
expect_rc 0 "outside a repository"
for id in backup backup-branch checkpoint large-file notebook subject-case protected-branch; do
  expect_in "$(printf '\n%s\n' "$OUT")" $'\n'"$id"$'\n' "lists $id"
done
repo_with_commands
run "$PREFLIGHT" completion --skip-ids
expect_rc 0 "inside a repository"
expect_in "$(printf '\n%s\n' "$OUT")" $'\nruff-format\n' "the team's command name"
expect_not_in "$OUT" 'touch' "no command substitution is printed"
expect_not_in "$OUT" 'evil' "no name with an escape sequence"
expect_not_in "$OUT" 'two words' "no name with a space"
[ -z "$(ls "$TEST_ROOT" | grep -E '^(ran-|pwned)')" ] && pass || fail "a team command ran: $(ls "$TEST_ROOT")"
printf 'pre_commit: [\n' >.preflight.yaml
run "$PREFLIGHT" completion --skip-ids
expect_rc 0 "rules that do not load: still the built-in ids"
expect_eq "$ERR" "" "and nothing on stderr (a completion must not print)"
expect_in "$OUT" "checkpoint" "the built-in ids"
run "$PREFLIGHT" completion
expect_rc 2 "completion with neither a shell nor --skip-ids"
expect_in "$ERR" "completion needs a shell: bash, zsh or fish" "says what it needs"

scenario "SKIP=backup is a SKIP id: no warning that it is none"
new_repo repo
install_hooks
run env SKIP=backup git commit -q --allow-empty -m "feat: x"
expect_rc 0 "the commit"
expect_not_in "$ERR" 'SKIP names "backup"' "SKIP=backup (docs/backups.md) is known"

scenario "bash: SKIP=<TAB> in the real shell"
repo_with_commands
run bash_keys "SKIP=chec$tab"
expect_eq "$(line "$OUT")" "<<SKIP=checkpoint|15>>" "SKIP=chec completes to checkpoint"
run bash_keys "SKIP=backup,not$tab"
expect_eq "$(line "$OUT")" "<<SKIP=backup,notebook|20>>" "after a comma"
run bash_keys "GIT_TRACE=0 SKIP=ruff$tab"
expect_eq "$(line "$OUT")" "<<GIT_TRACE=0 SKIP=ruff-format|28>>" \
  "the team's command, after another assignment"
run bash_keys "true; SKIP=large$tab"
expect_eq "$(line "$OUT")" "<<true; SKIP=large-file|21>>" "after a command separator"
run bash_keys "SKIP=subject-$tab"$'\0'"$tab"
expect_in "$OUT" "subject-case" "a second TAB lists the candidates"
expect_in "$OUT" "subject-min-length" "all of them"
expect_eq "$(line "$OUT")" "<<SKIP=subject-|13>>" "and the line stays"
run bash_keys "SKIP=backup,$tab"$'\0'"$tab"
expect_in "$OUT" "backup,checkpoint" "after a comma, the list"
expect_not_in "$OUT" "backup,backup " "an id given already is not offered again"
run bash_keys "SKIP=ev$tab"
expect_eq "$(line "$OUT")" "<<SKIP=ev|7>>" "a rule's name with an escape sequence is never offered"
run bash_keys "SKIP=tw$tab"
expect_eq "$(line "$OUT")" "<<SKIP=tw|7>>" "nor one with a space"
run bash_keys "echo SKIP=chec$tab"
expect_eq "$(line "$OUT")" "<<echo SKIP=chec|14>>" "an argument is not an assignment: not completed"
run bash_keys "preflight ins$tab"
expect_eq "$(line "$OUT")" "<<preflight install |18>>" "other words: bash's own completion as before"
run bash_keys "preflight completion $tab"$'\0'"$tab"
expect_in "$OUT" "fish" "a double TAB still lists for other words"
[ -z "$(ls "$TEST_ROOT" | grep -E '^(ran-|pwned)')" ] && pass || fail "a team command ran: $(ls "$TEST_ROOT")"

scenario "zsh: SKIP=<TAB> in the real shell, with the script in fpath"
if command -v zsh >/dev/null; then
  mkdir -p "$TEST_ROOT/zdot" "$TEST_ROOT/zfunc"
  "$PREFLIGHT" completion zsh >"$TEST_ROOT/zfunc/_preflight"
  cat >"$TEST_ROOT/zdot/.zshrc" <<EOF
PS1='\$ '
fpath=("$TEST_ROOT/zfunc" \$fpath)
autoload -Uz compinit; compinit -u -d "$TEST_ROOT/zdot/zcompdump"
show-line() { print -r -- "<<\$BUFFER|\$CURSOR>>" >/dev/tty; }
zle -N show-line; bindkey '^X^Y' show-line
EOF
  zsh_keys() { ZDOTDIR="$TEST_ROOT/zdot" python3 "$TEST_ROOT/drive.py" zsh -i -- "$1$show"; }
  repo_with_commands
  run zsh_keys "SKIP=chec$tab"
  expect_eq "$(line "$OUT")" "<<SKIP=checkpoint|15>>" "SKIP=chec completes on the first TAB"
  run zsh_keys "SKIP=backup,ruff$tab"
  expect_eq "$(line "$OUT")" "<<SKIP=backup,ruff-format|23>>" "the team's command after a comma"
  run zsh_keys "SKIP=backup,$tab"
  expect_in "$OUT" "checkpoint" "after a comma, the list"
  expect_not_in "$(tr -s ' \r' '\n\n' <<<"$OUT" | grep -x backup)" "backup" \
    "an id given already is not offered again"
  run zsh_keys "preflight ins$tab"
  expect_eq "$(line "$OUT")" "<<preflight install |18>>" "preflight's own completion on its first load"
else
  fail "zsh is not installed (./install.sh --deps-only --test-deps installs it)"
fi

scenario "fish: SKIP=<TAB> in the real shell"
if command -v fish >/dev/null; then
  "$PREFLIGHT" completion fish >"$TEST_ROOT/rc/preflight.fish"
  cat >"$TEST_ROOT/rc/config.fish" <<EOF
function fish_prompt; echo '\$ '; end
source "$TEST_ROOT/rc/preflight.fish"
bind \cx\cy 'echo; echo "<<"(commandline)"|"(commandline -C)">>"'
EOF
  fish_keys() { python3 "$TEST_ROOT/drive.py" fish --no-config -i -C "source $TEST_ROOT/rc/config.fish" -- "$1$show"; }
  repo_with_commands
  run fish_keys "SKIP=chec$tab"
  expect_eq "$(line "$OUT")" "<<SKIP=checkpoint|15>>" "SKIP=chec completes"
  run fish_keys "SKIP=backup,not$tab"
  expect_eq "$(line "$OUT")" "<<SKIP=backup,notebook|20>>" "after a comma"
  run fish_keys "GIT_TRACE=0 SKIP=ruff$tab"
  expect_eq "$(line "$OUT")" "<<GIT_TRACE=0 SKIP=ruff-format|28>>" "the team's command"
  run fish_keys "SKIP=subject-$tab"
  expect_in "$OUT" "subject-case  subject-empty" "no common prefix to add: the list"
  expect_eq "$(line "$OUT")" "<<SKIP=subject-|13>>" "and the line stays"
  run fish_keys "SKIP=ev$tab"
  expect_eq "$(line "$OUT")" "<<SKIP=ev|7>>" "a rule's name with an escape sequence is never offered"
  run fish_keys "echo SKIP=chec$tab"
  expect_eq "$(line "$OUT")" "<<echo SKIP=chec|14>>" "an argument is not an assignment: not completed"
  run fish_keys "SKIP=chec preflight ins$tab"
  expect_eq "$(line "$OUT")" "<<SKIP=chec preflight install |28>>" "other words: fish's own completion"
  # complete -C asks fish's completion engine, which has no hook for an
  # assignment's value: it offers file names, as before (docs/cli.md).
else
  fail "fish is not installed (./install.sh --deps-only --test-deps installs it)"
fi
[ -z "$(ls "$TEST_ROOT" | grep -E '^(ran-|pwned)')" ] && pass || fail "a team command ran: $(ls "$TEST_ROOT")"

finish
