# Hostile or unusual input and process states under the real hooks: files that
# once hung the sniffers, timeouts that overflowed, hooks started with SIGCHLD
# ignored, commands that leave a background child, edits git's stat data
# cannot see. Each scenario failed (or hung) before its fix; `timeout` turns a
# regression into a failure instead of a stalled CI.
. "$(dirname "$0")/lib.sh"

# millis: a monotonic-enough clock for "took less than" checks.
millis() { date +%s%3N; }

scenario "a 13-byte file whose ONNX length wraps neither hangs pre-commit nor pre-push"
git init -q --bare "$TEST_ROOT/remote.git"
new_repo repo
install_hooks
git remote add origin "$TEST_ROOT/remote.git"
git push -q --no-verify origin main
printf '\x08\x01\x12\xf5\xff\xff\xff\xff\xff\xff\xff\xff\x01' >tiny.dat
git add tiny.dat
run timeout 20 git commit -m "feat: add a tiny binary"
expect_rc 0 "the commit ends and passes (it is no model format)"
expect_not_in "$ERR" "ONNX" "the file is not called an ONNX model"
run timeout 20 git push origin main
expect_rc 0 "the push that sniffs the same file ends and passes"
expect_eq "$(git rev-parse origin/main)" "$(git rev-parse main)" "the push arrived"

scenario "a timeout too large to add to the clock is a config error with its location"
new_repo repo
install_hooks
pre_commit_commands <<'EOF'
    - name: quick
      run: ["true"]
      pass_files: false
      timeout: 9223372036854775
EOF
echo a >a.txt && git add a.txt
run git commit -m "feat: a"
expect_rc 1 "git refuses the commit"
expect_in "$ERR" ".preflight.local.yaml:7:16: timeout must be from 1 to 86400 seconds (a day)" \
  "the error names the line, column and the range"
run .git/hooks/pre-commit
expect_rc 2 "the hook itself exits 2 (a config error)"
sed -i 's/timeout: .*/timeout: 86400/' .preflight.local.yaml
run git commit -m "feat: a"
expect_rc 0 "a day is accepted and the command is not killed at once"
expect_in "$ERR" "quick: passed" "the command ran and passed"

scenario "a hook started with SIGCHLD ignored still sees a command fail"
new_repo repo
install_hooks
pre_commit_commands <<'EOF'
    - name: broken
      run: ["sh", "-c", "echo broken output; exit 3"]
      pass_files: false
EOF
echo a >a.txt && git add a.txt
# perl sets SIGCHLD to SIG_IGN; exec keeps an ignored signal ignored.
run perl -e '$SIG{CHLD} = "IGNORE"; exec @ARGV or die' "$PREFLIGHT" run pre-commit
expect_rc 1 "the run fails"
expect_in "$ERR" 'command "broken" failed with exit code 3' "with the command's own exit code"
expect_in "$ERR" "broken output" "and its output"

scenario "a command's background child does not hold the commit"
new_repo repo
install_hooks
pre_commit_commands <<'EOF'
    - name: spawner
      run: ["sh", "-c", "sleep 8 & echo started"]
      pass_files: false
EOF
echo a >a.txt && git add a.txt
start=$(millis)
run timeout 30 git commit -m "feat: a"
took=$(($(millis) - start))
expect_rc 0 "the commit passes"
expect_in "$ERR" "spawner: passed" "the command passed"
if [ "$took" -lt 4000 ]; then pass; else fail "the commit waited for the background child: ${took} ms"; fi
pre_commit_commands <<'EOF'
    - name: spawner
      run: ["sh", "-c", "(sleep 0.05; echo late line) & echo first line; exit 4"]
      pass_files: false
EOF
echo b >b.txt && git add b.txt
run timeout 30 git commit -m "feat: b"
expect_rc 1 "a failing command still fails"
expect_in "$ERR" "first line" "its output is reported"
expect_in "$ERR" "late line" "output written just after it exits is still read (the drain)"

scenario "a hook stopped by a signal while its commands run exits 130"
new_repo repo
install_hooks
pre_commit_commands <<EOF
    - name: slow
      run: ["sh", "-c", 'echo \$\$ >"$TEST_ROOT/slow.pid"; sleep 30']
      pass_files: false
EOF
echo a >a.txt && git add a.txt
"$PREFLIGHT" run pre-commit >/dev/null 2>"$TEST_ROOT/stopped.err" &
hook=$!
for _ in $(seq 1 200); do [ -s "$TEST_ROOT/slow.pid" ] && break; sleep 0.05; done
kill -TERM "$hook"
wait "$hook"
RC=$?
ERR=$(cat "$TEST_ROOT/stopped.err")
expect_rc 130 "the run exits 130 (interrupted), not 1"
expect_in "$ERR" "interrupted: the commands were stopped" "and says it was interrupted"
expect_in "$ERR" "slow: stopped (interrupted)" "naming the command it stopped"

scenario "the unstaged snapshot is on disk before the first working file is overwritten"
if ! command -v strace >/dev/null; then
  fail "strace is not installed (tests/run.sh installs it: ./install.sh --deps-only --test-deps)"
else
  new_repo repo
  install_hooks
  pre_commit_commands <<'EOF'
    - name: quick
      run: ["true"]
EOF
  echo one >f.txt && git add f.txt && git commit -q --no-verify -m "feat: f"
  echo staged >f.txt && git add f.txt
  echo unstaged >f.txt
  # libgit2 renames with link(2) first; preflight with rename(2).
  strace -f -y -qq -o "$TEST_ROOT/trace" -e trace=fsync,fdatasync,rename,renameat,renameat2,link \
    "$PREFLIGHT" run pre-commit >/dev/null 2>&1
  # Everything the trace shows before f.txt is first replaced (hidden).
  before=$(sed -n '1,/rename.*\/f\.txt"/p' "$TEST_ROOT/trace")
  expect_in "$(tail -n 1 <<<"$before")" '/f.txt") = 0' "the trace shows f.txt being replaced"
  expect_in "$before" "/.git/objects/" "snapshot objects were fsynced before that"
  synced=$(grep -E 'fsync\(' <<<"$before")
  expect_in "$synced" "/.git/refs/preflight/unstaged/main>" "and the ref that points at the snapshot"
  expect_in "$synced" "/.git/logs/refs/preflight/unstaged/main>" "and its reflog"
  expect_in "$synced" "/.git/refs/preflight/unstaged>" "and the folder holding the ref"
  expect_eq "$(cat f.txt)" "unstaged" "the unstaged change is back afterwards"
fi

scenario "a pyproject.toml nested 40,000 deep is reported, not a crash"
new_repo repo
install_hooks
{ printf '[tool.jupytext]\nformats = '; head -c 40000 /dev/zero | tr '\0' '['; } >pyproject.toml
echo 'print(1)' >a.py
git add pyproject.toml a.py
run timeout 60 git commit -m "feat: deep toml"
expect_rc 0 "the commit passes: an unreadable jupytext config is a warning"
expect_in "$ERR" 'warning [jupytext-pairs] pyproject.toml: cannot read the jupytext config "pyproject.toml": cannot read it as TOML: line 2: values nested deeper than 64 levels' \
  "the warning names the file, the line and why"
expect_not_in "$ERR" "Segmentation" "the hook did not crash"

finish
