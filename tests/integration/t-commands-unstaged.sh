# Unstaged changes while pre-commit's commands run on the staged content: edits
# git's stat data cannot see are still set aside, and an interrupted run's
# snapshot never overwrites edits made after it.
. "$(dirname "$0")/lib.sh"

pre_commit_commands() {
  { printf 'extends: []\npre_commit:\n  commands:\n'; cat; } >.preflight.local.yaml
}

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

finish
