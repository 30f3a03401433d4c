# Text from the repository cannot drive the terminal: control characters in
# post-checkout action names and messages, file names, commit subjects, team
# commands' output and the rules `preflight trust` shows are printed escaped
# (ESC as \x1b, C1 as \u009b), in one place, the output layer. JSON output
# escapes them as JSON does.
. "$(dirname "$0")/lib.sh"

ESC=$(printf '\033')
C1=$(printf '\302\233')
OSC52="${ESC}]52;c;ZXZpbA==$(printf '\007')"
CSI="${ESC}[2J${ESC}[1A"

# expect_no_raw TEXT WHAT: no raw ESC, BEL or C1 CSI byte reached the output.
expect_no_raw() {
  case $1 in
    *"$ESC"* | *"$C1"* | *$'\a'*) fail "$2: a raw control character was printed: $(printf '%s' "$1" | od -c | head -5)" ;;
    *) pass ;;
  esac
}

scenario "a post-checkout action's name and message are printed escaped"
new_repo repo
install_hooks
cat >.preflight.local.yaml <<EOF
post_checkout:
  actions:
    - name: "deps${CSI}"
      glob: ["*.txt"]
      message: "update ${OSC52} now ${C1}31m"
EOF
git checkout -q -b other && echo o >o.txt && git add o.txt && git commit -q -m "feat: o"
run git checkout main
expect_rc 0 "the checkout is done"
expect_in "$ERR" 'preflight: deps\x1b[2J\x1b[1A: update \x1b]52;c;ZXZpbA==\x07 now \u009b31m' "name and message escaped"
expect_no_raw "$ERR" "post-checkout action"

scenario "a file name with escapes is printed escaped"
new_repo repo
install_hooks
name="model${CSI}${OSC52}.pt"
printf 'weights\n' >"$name"
git add -- "$name"
run git commit -m "feat: weights"
expect_rc 1 "the checkpoint is refused"
expect_in "$ERR" 'model\x1b[2J\x1b[1A\x1b]52;c;ZXZpbA==\x07.pt' "the file name is escaped"
expect_no_raw "$ERR" "file name"

scenario "a commit subject with escapes is printed escaped"
new_repo repo
install_hooks
echo x >x && git add x
run git commit -m "bad subject ${OSC52}${CSI}"
expect_rc 1 "the message is refused"
expect_in "$ERR" "bad subject" "the subject is shown"
expect_no_raw "$ERR" "commit-msg"
git commit -q --no-verify -m "bad subject ${OSC52}"
git init -q --bare ../remote.git && git remote add origin ../remote.git
run git push -q origin main
expect_rc 1 "pre-push refuses the pushed message"
expect_in "$ERR" '(bad subject \x1b]52;c;ZXZpbA==\x07)' "pre-push shows the subject escaped"
expect_no_raw "$ERR" "pre-push"

scenario "a command's output and the rules preflight trust shows are escaped"
new_repo repo
install_hooks
cat >.preflight.yaml <<'EOF'
pre_commit:
  commands:
    - name: "loud\e[8m"
      run: ["sh", "-c", "printf 'found \\033]52;c;ZXZpbA==\\007 in %s\\n' \"$@\"; exit 1", "x"]
EOF
git add .preflight.yaml && git commit -q --no-verify -m "chore: rules"
run "$PREFLIGHT" trust --show
expect_no_raw "$OUT" "preflight trust"
"$PREFLIGHT" trust --yes >/dev/null
echo a >a.txt && git add a.txt
run git commit -m "feat: a"
expect_rc 1 "the failing command blocks"
expect_in "$ERR" 'found \x1b]52;c;ZXZpbA==\x07 in a.txt' "the command's output is escaped"
expect_in "$ERR" 'loud\x1b[8m' "the command's name is escaped"
expect_no_raw "$ERR" "command output"
run "$PREFLIGHT" --format json run pre-commit --files a.txt
expect_in "$OUT" '\u001b]52' "JSON escapes it as JSON"

scenario "backup listings, preflight config and status print repository text escaped"
new_repo repo
install_hooks
git commit -q --no-verify --allow-empty -m "feat: lost ${OSC52}"
git reset -q --hard HEAD~1
run "$PREFLIGHT" backup list
expect_in "$OUT" 'feat: lost \x1b]52;c;ZXZpbA==\x07' "backup list escapes the subject"
expect_no_raw "$OUT" "backup list"
backup=$(git for-each-ref --format='%(refname:short)' refs/heads/backup | head -1)
run "$PREFLIGHT" backup show "$backup"
expect_in "$OUT" 'feat: lost \x1b]52;c;ZXZpbA==\x07' "backup show escapes the subject"
expect_no_raw "$OUT" "backup show"
printf 'commit_msg:\n  rules:\n    type-enum: [error, always, ["fix\\e[2J"]]\n' >.preflight.yaml
run "$PREFLIGHT" config
expect_no_raw "$OUT" "preflight config"
printf 'unknown_\302\233key: 1\n' >.preflight.yaml
run "$PREFLIGHT" status
expect_in "$OUT$ERR" 'unknown_\u009bkey' "status shows a rules problem escaped"
expect_no_raw "$OUT$ERR" "status"

finish
