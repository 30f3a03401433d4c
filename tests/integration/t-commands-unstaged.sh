# Unstaged changes while pre-commit's commands run on the staged content: edits
# git's stat data cannot see are still set aside, and an interrupted run's
# snapshot never overwrites edits made after it.
. "$(dirname "$0")/lib.sh"

scenario "a same-size unstaged edit with its mtime put back is hidden from a stage_fixed fixer"
new_repo repo
install_hooks
pre_commit_commands <<'EOF'
    - name: upper-tail
      run: ["sed", "-i", "s/^tail$/TAIL/"]
      glob: "*.txt"
      stage_fixed: true
EOF
printf 'first1\nkeep\nkeep\ntail\n' >f.txt
git add f.txt && git commit -q --no-verify -m "feat: f"
printf 'staged\nkeep\nkeep\ntail\n' >f.txt
sleep 0.1 # the file is older than the index git add writes: not racily clean
git add f.txt
touch -r f.txt "$TEST_ROOT/stamp"
ino=$(stat -c %i f.txt)
# Same size, same inode, mtime restored: only the ctime tells it changed.
printf 'mine!!\nkeep\nkeep\ntail\n' >f.txt
touch -r "$TEST_ROOT/stamp" f.txt
expect_eq "$(stat -c %i f.txt)" "$ino" "the edit kept the inode (the case git's ctime rule is for)"
# `git commit` refreshes the index first and so smudges the entry; a hand run
# (and a hook manager that calls it) sees git's stat data as git add wrote it.
run "$PREFLIGHT" run pre-commit
expect_rc 0 "the run passes"
expect_eq "$(git show :f.txt)" "$(printf 'staged\nkeep\nkeep\nTAIL')" \
  "the fixer ran on the staged text and only that was staged"
expect_eq "$(cat f.txt)" "$(printf 'mine!!\nkeep\nkeep\nTAIL')" "the unstaged edit is back, merged with the fix"

scenario "an interrupted run's snapshot never overwrites edits made after the kill"
new_repo repo
install_hooks
pre_commit_commands <<EOF
    - name: slow
      run: ["sh", "-c", 'echo \$PPID >"$TEST_ROOT/hook.pid"; echo \$\$ >"$TEST_ROOT/cmd.pid"; exec sleep 60']
      pass_files: false
EOF
printf 'f one\n' >f.txt
printf 'g one\n' >g.txt
git add f.txt g.txt && git commit -q --no-verify -m "feat: f and g"
printf 'f staged\n' >f.txt && git add f.txt
printf 'f unstaged\n' >f.txt
printf 'g unstaged\n' >g.txt
git commit -m "feat: staged f" >"$TEST_ROOT/first.out" 2>&1 &
commit=$!
for _ in $(seq 1 200); do [ -s "$TEST_ROOT/cmd.pid" ] && break; sleep 0.05; done
expect_eq "$(cat f.txt)" "f staged" "while the command runs, f.txt holds its staged text"
kill -9 "$(cat "$TEST_ROOT/hook.pid")"
kill -9 "$(cat "$TEST_ROOT/cmd.pid")" 2>/dev/null
wait "$commit"
run git rev-parse -q --verify refs/preflight/unstaged/main
expect_rc 0 "the killed hook left its snapshot"
# After the kill the user goes on editing f.txt (which shows the staged text).
printf 'f staged\nf edited after the kill\n' >f.txt
printf 'extends: []\n' >.preflight.local.yaml
run git commit -m "feat: staged f"
expect_rc 1 "the next commit stops once to say what happened"
expect_eq "$(cat f.txt)" "$(printf 'f staged\nf edited after the kill')" \
  "the edit made after the kill is not overwritten"
expect_eq "$(cat g.txt)" "g unstaged" "an untouched file gets its unstaged change back"
expect_in "$ERR" "f.txt: changed since an interrupted hook run set your unstaged changes aside" \
  "the finding names the file"
expect_in "$ERR" "the version set aside: git show refs/preflight/kept/main^:f.txt" \
  "says how to get the set-aside version"
expect_in "$ERR" "the version now (still in the working tree): git show refs/preflight/kept/main:f.txt" \
  "and the version now"
expect_eq "$(git show refs/preflight/kept/main^:f.txt)" "f unstaged" "the set-aside version is there"
expect_eq "$(git show refs/preflight/kept/main:f.txt)" "$(printf 'f staged\nf edited after the kill')" \
  "and the version now"
expect_eq "$(git reflog show --format=%gs refs/preflight/kept/main)" \
  "preflight: files changed after an interrupted run set them aside" "the kept ref has a reflog"
expect_in "$ERR" 'left as they are now: "f.txt"' "the note lists what was left alone"
run git rev-parse -q --verify refs/preflight/unstaged/main
expect_rc 1 "the snapshot ref is gone once handled"
run git commit -m "feat: staged f"
expect_rc 0 "the commit after that goes through"
expect_eq "$(git show HEAD:f.txt)" "f staged" "with the staged text only"
expect_eq "$(cat f.txt)" "$(printf 'f staged\nf edited after the kill')" "the working file is unchanged"

scenario "a fixer's version that conflicts with unstaged changes is kept on a ref with a reflog"
new_repo repo
install_hooks
pre_commit_commands <<'EOF'
    - name: rewrite
      run: ["sed", "-i", "s/staged/FIXED/"]
      glob: "*.txt"
      stage_fixed: true
EOF
printf 'one\n' >f.txt && git add f.txt && git commit -q --no-verify -m "feat: f"
printf 'staged\n' >f.txt && git add f.txt
printf 'mine\n' >f.txt
run git commit -m "feat: f"
expect_rc 1 "the conflict blocks the commit"
expect_in "$ERR" "f.txt: a command's changes to this file conflict with your unstaged changes" \
  "and says which file conflicts"
expect_eq "$(cat f.txt)" "mine" "the user's version stays in the working tree"
expect_eq "$(git show refs/preflight/fixed/main:f.txt)" "FIXED" "the command's version is on the ref"
expect_eq "$(git reflog show --format=%gs refs/preflight/fixed/main)" \
  "preflight: command output that conflicted with unstaged changes" "which has a reflog"

finish
