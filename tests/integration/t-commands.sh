# Team commands under real `git commit` and `git push`: exactly the staged files
# (odd names intact, nothing spliced into a shell), fixers re-staged, partially
# staged files kept through fixers and through a killed hook, SKIP and
# required, --all-files/--files/--from-ref runs, batching and timeouts.
. "$(dirname "$0")/lib.sh"

# The argument recorder the commands run: appends each file NUL-terminated to
# the file named first, and one line per call to <that file>.calls.
REC="$TEST_ROOT/rec"
printf '%s\n' '#!/bin/sh' 'out=$1' 'shift' \
  'for f in "$@"; do printf "%s\0" "$f"; done >>"$out"' 'echo call >>"$out.calls"' >"$REC"
chmod +x "$REC"

# pre_commit_commands: writes .preflight.local.yaml with no shipped rule set and,
# as pre_commit.commands, the list items read from stdin.
# sorted_args FILE: the recorded arguments sorted, each followed by "|".
sorted_args() { tr '\0' '\n' <"$1" | LC_ALL=C sort | tr '\n' '|'; }

scenario "a command receives exactly the staged matching files"
new_repo repo
install_hooks
pre_commit_commands <<EOF
    - name: record
      run: ["$REC", "$TEST_ROOT/args1"]
      glob: ["*.py", "*.txt"]
    - name: record-sh
      run: '"$REC" "$TEST_ROOT/args2" "\$@"'
      glob: ["*.py", "*.txt"]
EOF
names=("with space.py" "quote\"d.py" "it's.py" "-dash.py" "$(printf 'new\nline.py')" "ünï.py"
  '$(touch pwned).txt' 'a;b`touch pwned2`.txt')
for n in "${names[@]}"; do printf 'x = 1\n' >"$n"; done
echo "doc" >readme.md
git add -- "${names[@]}" readme.md
echo "not staged" >unstaged.py
run git commit -m "feat: odd names"
expect_rc 0 "commit with odd names passes"
printf '%s\0' "with space.py" "quote\"d.py" "it's.py" "./-dash.py" "$(printf 'new\nline.py')" \
  "ünï.py" '$(touch pwned).txt' 'a;b`touch pwned2`.txt' >"$TEST_ROOT/want"
expect_eq "$(sort -z "$TEST_ROOT/args1" | od -c)" "$(sort -z "$TEST_ROOT/want" | od -c)" \
  "argv form: exactly the staged matching files, intact"
expect_eq "$(sort -z "$TEST_ROOT/args2" | od -c)" "$(sort -z "$TEST_ROOT/want" | od -c)" \
  "sh form: the files arrive as \"\$@\", intact"
expect_eq "$(cat "$TEST_ROOT/args1.calls")" "call" "one call for a short list"
if [ -e pwned ] || [ -e pwned2 ] || [ -e "$TEST_ROOT/pwned" ]; then
  fail "a file name was run as a command"
else pass; fi
expect_in "$ERR" "preflight: record: passed (8 files)" "progress line names the file count"

scenario "stage_fixed re-stages a fixer's changes; without it the commit is refused"
new_repo repo
install_hooks
pre_commit_commands <<'EOF'
    - name: fix
      run: [sed, -i, s/bad/good/]
      glob: "*.txt"
      stage_fixed: true
EOF
printf 'this is bad\n' >f.txt
git add f.txt
run git commit -m "feat: fixed on the way"
expect_rc 0 "fixer commit passes"
expect_eq "$(git show HEAD:f.txt)" "this is good" "the commit has the fixed content"
expect_eq "$(git status --porcelain -- f.txt)" "" "nothing left unstaged"
expect_in "$ERR" "staged its changes to \"f.txt\"" "says what it staged"
sed -i 's/stage_fixed: true/stage_fixed: false/' .preflight.local.yaml
printf 'also bad\n' >g.txt
git add g.txt
run git commit -m "feat: not staged"
expect_rc 1 "a fixer without stage_fixed blocks the commit"
expect_in "$ERR" "command \"fix\" changed 1 file: \"g.txt\"" "names the changed file"
expect_eq "$(cat g.txt)" "also good" "the fix stays in the working tree"
expect_eq "$(git show :g.txt)" "also bad" "the index keeps the staged version"

scenario "a file added with git add -N is not committed, so no command gets it"
new_repo repo
install_hooks
pre_commit_commands <<EOF
    - name: rec
      run: ["$REC", "$TEST_ROOT/ita-args"]
EOF
printf 'staged\n' >a.txt
git add a.txt
printf 'not staged at all\n' >n.txt
git add -N n.txt
run git commit -m "feat: with an intent-to-add file"
expect_rc 0 "the commit passes"
expect_eq "$(sorted_args "$TEST_ROOT/ita-args")" "a.txt|" \
  "the command got only the staged file"
expect_eq "$(git ls-tree --name-only HEAD -- n.txt)" "" "git did not commit the intent-to-add file"
expect_eq "$(git status --porcelain -- n.txt)" " A n.txt" "it is still intent-to-add afterwards"
expect_eq "$(cat n.txt)" "not staged at all" "its content is untouched"

scenario "stage_fixed stores what git add would: end-of-line filters, drivers left to git"
new_repo repo
install_hooks
printf '%s\n' '*.txt text eol=crlf' '*.dat filter=upper' >.gitattributes
git config filter.upper.clean "tr a-z A-Z"
git add .gitattributes
git commit -q --no-verify -m "chore: attributes"
pre_commit_commands <<'EOF'
    - name: crlf
      run: ["sh", "-c", "for f; do printf 'one\r\ntwo\r\n' >\"$f\"; done", "crlf"]
      glob: "*.txt"
      stage_fixed: true
EOF
printf 'old\n' >f.txt
git add f.txt
run git commit -m "feat: crlf fixer"
expect_rc 0 "a fixer on a text file is staged"
expect_eq "$(git cat-file -p HEAD:f.txt | od -An -c | tr -s ' ')" \
  "$(printf 'one\ntwo\n' | od -An -c | tr -s ' ')" "the stored blob has LF endings, as git add stores it"
expect_eq "$(git rev-parse HEAD:f.txt)" "$(git hash-object --path=f.txt f.txt)" \
  "the blob is the one git's own filters make of the working file"
expect_eq "$(git status --porcelain -- f.txt)" "" "git status agrees nothing is left"
pre_commit_commands <<'EOF'
    - name: driver
      run: ["sh", "-c", "for f; do echo changed >>\"$f\"; done", "driver"]
      glob: "*.dat"
      stage_fixed: true
EOF
printf 'abc\n' >d.dat
git add d.dat
staged=$(git rev-parse :d.dat)
run git commit -m "feat: behind a driver"
expect_rc 1 "a fixer's change behind a filter driver blocks the commit"
expect_in "$ERR" "d.dat goes through the \"upper\" filter driver; stage it with git add" \
  "says why it did not stage it"
expect_eq "$(git rev-parse :d.dat)" "$staged" "the index keeps the staged blob"
expect_eq "$(cat d.dat)" "$(printf 'abc\nchanged')" "the fixer's change stays in the working tree"

scenario "a partially staged file keeps its unstaged edits through a fixer"
new_repo repo
install_hooks
pre_commit_commands <<EOF
    - name: fix
      run: ["sh", "-c", 'cat "\$@" > $TEST_ROOT/seen; sed -i s/bad/good/ "\$@"', "fix"]
      glob: "p.txt"
      stage_fixed: true
EOF
printf 'other file\n' >q.txt
git add q.txt && git commit -q --no-verify -m "chore: q"
printf 'q unstaged\n' >q.txt
printf 'one bad\n2\n3\n4\n5\n6\n' >p.txt
git add p.txt
printf 'one bad\n2\n3\n4\n5\n6\nunstaged edit\n' >p.txt
run git commit -m "feat: partial"
expect_rc 0 "partial commit passes"
expect_eq "$(cat "$TEST_ROOT/seen")" "$(printf 'one bad\n2\n3\n4\n5\n6')" \
  "the command saw the staged version only"
expect_eq "$(git show HEAD:p.txt)" "$(printf 'one good\n2\n3\n4\n5\n6')" \
  "the commit has the fix and not the unstaged edit"
expect_eq "$(cat p.txt)" "$(printf 'one good\n2\n3\n4\n5\n6\nunstaged edit')" \
  "the working tree has the fix and the unstaged edit"
expect_eq "$(cat q.txt)" "q unstaged" "an unrelated unstaged file is back"
expect_eq "$(git for-each-ref refs/preflight/unstaged)" "" "no snapshot left behind"
expect_in "$ERR" "merged with the commands' changes in \"p.txt\"" "says it merged"

scenario "fixers under git commit <path>, git commit -a and in a linked worktree"
new_repo repo
install_hooks
pre_commit_commands <<'EOF'
    - name: fix
      run: [sed, -i, s/bad/good/]
      glob: "*.txt"
      stage_fixed: true
EOF
printf 'a\n' >a.txt && printf 'b\n' >b.txt && git add a.txt b.txt && git commit -q --no-verify -m "chore: ab"
printf 'a bad\n' >a.txt && printf 'b edit\n' >b.txt && git add b.txt
run git commit -m "feat: only a" a.txt
expect_rc 0 "git commit <path> with a fixer passes"
expect_eq "$(git show HEAD:a.txt)" "a good" "the path's fix is committed"
expect_eq "$(git show HEAD:b.txt)" "b" "the other staged file is not part of this commit"
expect_eq "$(git show :a.txt)" "a good" "the real index has the fix too"
expect_eq "$(git show :b.txt)" "b edit" "the real index keeps the other staged change"
printf 'a bad again\n' >a.txt
run git commit -a -m "feat: all"
expect_rc 0 "git commit -a with a fixer passes"
expect_eq "$(git show HEAD:a.txt)" "a good again" "commit -a commits the fix"
expect_eq "$(git status --porcelain)" "" "nothing left over after commit -a"
git worktree add -q ../linked -b linked
cd ../linked || exit 1
cp ../repo/.preflight.local.yaml .
printf 'l bad\n1\n2\n3\n4\n' >l.txt && git add l.txt && printf 'l bad\n1\n2\n3\n4\nmine\n' >l.txt
run git commit -m "feat: in a linked worktree"
expect_rc 0 "a linked worktree's partial commit passes"
expect_eq "$(git show HEAD:l.txt)" "$(printf 'l good\n1\n2\n3\n4')" "the linked worktree commits the fix"
expect_eq "$(cat l.txt)" "$(printf 'l good\n1\n2\n3\n4\nmine')" "and keeps its unstaged edit"
cd ../repo || exit 1

scenario "commands on disjoint files run at the same time, each staging its own fixes"
new_repo repo
install_hooks
# Each command waits until the other has started: they only pass together if
# they run at the same time (the timeout only keeps a wrong build from hanging).
pre_commit_commands <<EOF
    - name: py
      run: ["sh", "-c", 'touch $TEST_ROOT/py-on; until [ -e $TEST_ROOT/md-on ]; do sleep 0.05; done; sed -i s/bad/good/ "\$@"', "py"]
      glob: "*.py"
      stage_fixed: true
      timeout: 60
    - name: md
      run: ["sh", "-c", 'touch $TEST_ROOT/md-on; until [ -e $TEST_ROOT/py-on ]; do sleep 0.05; done; sed -i s/bad/fine/ "\$@"', "md"]
      glob: "*.md"
      stage_fixed: true
      timeout: 60
EOF
echo "bad" >a.py && echo "bad" >b.md && git add a.py b.md
run git commit -m "feat: parallel"
expect_rc 0 "two commands on disjoint files run together"
expect_eq "$(git show HEAD:a.py) $(git show HEAD:b.md)" "good fine" "each staged its own fix"
sed -i 's/^pre_commit:/pre_commit:\n  parallel: false/' .preflight.local.yaml
sed -i 's/timeout: 60/timeout: 2/' .preflight.local.yaml
rm -f "$TEST_ROOT/py-on" "$TEST_ROOT/md-on"
echo "bad" >c.py && echo "bad" >d.md && git add c.py d.md
run git commit -m "feat: in order"
expect_rc 1 "with parallel: false they run one after the other (so the first waits in vain)"
expect_in "$ERR" "command \"py\" timed out after 2s" "the first command waited for the second"

scenario "commit-msg commands get the message file"
new_repo repo
install_hooks
cat >.preflight.local.yaml <<'EOF'
commit_msg:
  commands:
    - name: ticket
      run: [grep, -q, "TICKET-[0-9]"]
EOF
echo t >t.txt && git add t.txt
run git commit -m "feat: no ticket"
expect_rc 1 "a message without a ticket is refused by the command"
expect_in "$ERR" "command \"ticket\" failed with exit code 1" "names the command"
run git commit -m "feat: with TICKET-12"
expect_rc 0 "a message with a ticket passes"

scenario "a fixer conflicting with unstaged edits refuses and keeps both"
new_repo repo
install_hooks
pre_commit_commands <<'EOF'
    - name: fix
      run: [sed, -i, s/bad/good/]
      stage_fixed: true
      glob: "*.txt"
EOF
printf 'one bad\n' >p.txt
git add p.txt
printf 'one bad, edited\n' >p.txt
run git commit -m "feat: conflict"
expect_rc 1 "the conflicting commit is refused"
expect_eq "$(cat p.txt)" "one bad, edited" "the working tree keeps the user's version"
expect_eq "$(git show refs/preflight/fixed/main:p.txt)" "one good" \
  "the command's version is kept under a ref"
expect_in "$ERR" "git show refs/preflight/fixed/main:p.txt" "the message says where it is"
expect_eq "$(git rev-list --count HEAD)" "1" "no commit was made"

scenario "a hook killed with kill -9 mid-run loses no unstaged edits"
new_repo repo
install_hooks
printf 'base\n' >k.txt && git add k.txt && git commit -q --no-verify -m "chore: k"
# The command kills the hook process that started it: deterministic, no timing.
pre_commit_commands <<'EOF'
    - name: crash
      run: ["sh", "-c", "kill -9 $PPID"]
EOF
printf 'staged\n' >k.txt && git add k.txt && printf 'staged\nunstaged edit\n' >k.txt
run git commit -m "feat: killed"
if [ "$RC" -ne 0 ]; then pass; else fail "the killed hook must fail the commit"; fi
expect_eq "$(cat k.txt)" "staged" "while killed, the working tree holds the staged version"
run "$PREFLIGHT" status
expect_in "$OUT" "preflight restore-unstaged" "status says how to restore"
run "$PREFLIGHT" restore-unstaged
expect_rc 0 "restore-unstaged succeeds"
expect_eq "$(cat k.txt)" "$(printf 'staged\nunstaged edit')" "restore-unstaged brings the edits back"
expect_eq "$(git show :k.txt)" "staged" "the index is untouched"
expect_eq "$(git for-each-ref refs/preflight/unstaged)" "" "the snapshot ref is gone"
# Again; this time the next commit gives the edits back by itself.
run git commit -m "feat: killed again"
expect_eq "$(cat k.txt)" "staged" "killed again"
pre_commit_commands <<'EOF'
    - name: ok
      run: ["true"]
EOF
run git commit -m "feat: after the crash"
expect_rc 0 "the next commit passes"
expect_in "$ERR" "gave back the unstaged changes an interrupted hook run had set aside" \
  "the next hook says what it restored"
expect_eq "$(git show HEAD:k.txt)" "staged" "the commit has the staged version"
expect_eq "$(cat k.txt)" "$(printf 'staged\nunstaged edit')" "the unstaged edit is back"

scenario "a commit with unstaged edits and submodules at a new commit, dirty, or nested"
git init -q lib && (cd lib && git commit -q --allow-empty -m "chore: lib")
new_repo repo
install_hooks
git submodule add -q ../lib moved 2>/dev/null && git submodule add -q ../lib dirty 2>/dev/null
git commit -q --no-verify -m "chore: submodules"
(cd moved && git commit -q --allow-empty -m "chore: lib moves on")
moved=$(git -C moved rev-parse HEAD)
printf 'dirty\n' >dirty/untracked.txt
git init -q nested && (cd nested && git commit -q --allow-empty -m "chore: nested")
printf 'base\n' >u.txt && git add u.txt && git commit -q --no-verify -m "chore: u"
pre_commit_commands <<EOF
    - name: record
      run: ["$REC", "$TEST_ROOT/args-sub"]
      glob: "*.txt"
EOF
printf 'staged\n' >s.txt && git add s.txt
printf 'base\nunstaged edit\n' >u.txt
run git commit -m "feat: with submodules around"
expect_rc 0 "the commit passes"
expect_not_in "$ERR" "is a directory" "no snapshot error on the submodules"
expect_eq "$(tr '\0' '|' <"$TEST_ROOT/args-sub")" "s.txt|" "the command saw the staged file"
expect_eq "$(git show --name-only --format= HEAD)" "s.txt" "the commit has only the staged file"
expect_eq "$(cat u.txt)" "$(printf 'base\nunstaged edit')" "the unstaged edit is back"
expect_eq "$(git -C moved rev-parse HEAD)" "$moved" "the moved submodule stays at its commit"
expect_eq "$(cat dirty/untracked.txt)" "dirty" "the dirty submodule keeps its file"
expect_eq "$(git -C nested log --format=%s)" "chore: nested" "the nested repository is untouched"

scenario "SKIP skips commands; required commands still run"
new_repo repo
install_hooks
pre_commit_commands <<EOF
    - name: lint
      run: ["false"]
    - name: policy
      run: ["sh", "-c", "echo ran > $TEST_ROOT/policy-ran"]
      required: true
EOF
echo x >x.txt && git add x.txt
run git commit -m "feat: x"
expect_rc 1 "a failing command blocks"
expect_in "$ERR" "command \"lint\" failed with exit code 1" "names the failing command"
expect_in "$ERR" "SKIP=lint" "the hint names SKIP"
rm -f "$TEST_ROOT/policy-ran"
SKIP=lint,policy run git commit -m "feat: x"
expect_rc 0 "SKIP=lint lets the commit through"
expect_in "$ERR" "lint: skipped (SKIP)" "says lint was skipped"
expect_in "$ERR" "policy: required: runs despite SKIP" "says the required command ran anyway"
expect_eq "$(cat "$TEST_ROOT/policy-ran")" "ran" "the required command ran"
sed -i 's|"echo ran > [^"]*"|"exit 3"|' .preflight.local.yaml
echo y >y.txt && git add y.txt
SKIP=policy run git commit -m "feat: y"
expect_rc 1 "SKIP cannot skip a required command"
expect_in "$ERR" "command \"policy\" failed with exit code 3" "the required command's failure blocks"
SKIP=policy run git commit --no-verify -m "feat: y"
expect_rc 0 "--no-verify still bypasses"
# Built-in checks: SKIP skips them unless checks.<name>.required.
cat >.preflight.local.yaml <<'EOF'
checks:
  checkpoints:
    required: true
EOF
printf 'w' >model.pt && git add model.pt
SKIP=checkpoint run git commit -m "feat: weights"
expect_rc 1 "SKIP cannot skip a required check"
expect_in "$ERR" "checkpoint: required: runs despite SKIP" "says the required check ran anyway"
expect_in "$ERR" "error [checkpoint] model.pt" "the required check's finding blocks"
printf 'checks:\n  checkpoints:\n    required: false\n' >.preflight.local.yaml
SKIP=checkpoint run git commit -m "feat: weights"
expect_rc 0 "SKIP skips a check that is not required"

scenario "SIGTERM stops the commands and gives the unstaged changes back"
new_repo repo
install_hooks
# The command asks the hook to stop, then would sleep for ten minutes.
pre_commit_commands <<'EOF'
    - name: stuck
      run: ["sh", "-c", "kill -TERM $PPID; exec sleep 600"]
EOF
printf 'staged\n' >t.txt && git add t.txt && printf 'staged\nunstaged edit\n' >t.txt
run git commit -m "feat: stopped"
expect_rc 1 "a stopped hook fails the commit"
expect_in "$ERR" "interrupted: the commands were stopped" "says it was interrupted"
expect_eq "$(cat t.txt)" "$(printf 'staged\nunstaged edit')" "the unstaged edit is back at once"
expect_eq "$(git for-each-ref refs/preflight/unstaged)" "" "no snapshot left behind"

scenario "run --all-files, --files and --format json"
new_repo repo
install_hooks
pre_commit_commands <<EOF
    - name: record
      run: ["$REC", "$TEST_ROOT/all"]
      glob: "*.py"
EOF
echo 1 >a.py && echo 2 >b.py && echo 3 >c.md && git add a.py b.py c.md
git commit -q --no-verify -m "chore: files"
echo 4 >d.py
run "$PREFLIGHT" run pre-commit --all-files
expect_rc 0 "--all-files passes"
expect_eq "$(sorted_args "$TEST_ROOT/all")" "a.py|b.py|" "--all-files: every tracked matching file"
rm -f "$TEST_ROOT/all"
mkdir -p sub && echo 5 >sub/e.py
cd sub || exit 1
run "$PREFLIGHT" run pre-commit --files e.py ../a.py --format json
cd .. || exit 1
expect_eq "$(sorted_args "$TEST_ROOT/all")" "a.py|sub/e.py|" "--files: the named files"
json=$(printf '%s' "$OUT" | python3 -c 'import json, sys
c = json.load(sys.stdin)["commands"][0]
print(c["name"], c["status"], c["exit_code"], c["files"])')
expect_eq "$json" "record passed 0 2" "json has the command results"

scenario "run pre-push --from-ref/--to-ref: commands see the range's files"
new_repo repo
install_hooks
cat >.preflight.local.yaml <<EOF
pre_push:
  commands:
    - name: record
      run: ["$REC", "$TEST_ROOT/push"]
EOF
start=$(git rev-parse HEAD)
echo 1 >good.py && git add good.py && git commit -q -m "feat: a good change"
good=$(git rev-parse HEAD)
echo 2 >bad.py && git add bad.py && git commit -q --no-verify -m "Bad message."
bad=$(git rev-parse HEAD)
run "$PREFLIGHT" run pre-push --from-ref "$start" --to-ref "$good"
expect_rc 0 "a clean range passes"
expect_eq "$(sorted_args "$TEST_ROOT/push")" "good.py|" "the command saw the clean range's files"
rm -f "$TEST_ROOT/push"
run "$PREFLIGHT" run pre-push --from-ref "$good" --to-ref "$bad"
expect_rc 1 "a range with a bad message fails"
expect_in "$ERR" "Bad message." "names the bad commit"
expect_eq "$(sorted_args "$TEST_ROOT/push")" "bad.py|" "the command saw the bad range's files"
git init -q --bare "$TEST_ROOT/remote.git"
git remote add origin "$TEST_ROOT/remote.git"
rm -f "$TEST_ROOT/push"
git reset -q --hard "$good"
run git push -q origin main
expect_rc 0 "a real push passes"
expect_eq "$(sorted_args "$TEST_ROOT/push")" "good.py|" "a real push hands over the pushed files"

scenario "long file lists are split under the argument limit; timeouts stop commands"
new_repo repo
install_hooks
pre_commit_commands <<EOF
    - name: record
      run: ["$REC", "$TEST_ROOT/many"]
EOF
long=$(printf 'n%.0s' $(seq 1 150))
for i in $(seq 1 1000); do : >"$long$i"; done
git add -A
# With a 512 KiB stack the kernel's argument limit is 128 KiB; 1,000 names of
# 150+ bytes exceed it.
(ulimit -s 512 && git commit -q -m "feat: many files" 2>"$TEST_ROOT/many.err"; echo $? >"$TEST_ROOT/many.rc")
expect_eq "$(cat "$TEST_ROOT/many.rc")" "0" "the commit with 1,000 long names passes"
expect_eq "$(tr '\0' '\n' <"$TEST_ROOT/many" | grep -c "^$long")" "1000" "every file reached the command"
calls=$(wc -l <"$TEST_ROOT/many.calls" | tr -d ' ')
if [ "$calls" -ge 2 ]; then pass; else fail "expected several batches, got $calls"; fi
pre_commit_commands <<'EOF'
    - name: slow
      run: ["sleep", "600"]
      pass_files: false
      timeout: 1
EOF
echo z >z.txt && git add z.txt
run git commit -m "feat: slow"
expect_rc 1 "a command past its timeout fails"
expect_in "$ERR" "command \"slow\" timed out after 1s" "says it timed out"

finish
