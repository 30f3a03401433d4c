# The README's "Behaviour" promises, each under the real hooks: exit code 3
# for git trouble, colour only on a terminal and never with NO_COLOR, SKIP for
# each check id, master and release/* protected like main, and untracked files
# left alone while commands run on the staged content.
. "$(dirname "$0")/lib.sh"

scenario "an unreadable repository is exit code 3, with the reason"
new_repo repo
install_hooks
echo a >a && git add a
echo garbage >.git/index
run .git/hooks/pre-commit
expect_rc 3 "the hook exits 3 (git or internal error)"
expect_in "$ERR" "preflight: error: cannot read the index" "and says what it could not read"

scenario "colour only on a terminal, never with NO_COLOR"
new_repo repo
install_hooks
printf '<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> topic\n' >conflict.txt
git add conflict.txt
esc=$(printf '\033[')
# script(1) gives the hook a terminal; its output file records what it wrote.
env -u NO_COLOR script -qec "git commit -m 'feat: conflict'" "$TEST_ROOT/tty.log" >/dev/null 2>&1
expect_in "$(cat "$TEST_ROOT/tty.log")" "conflict.txt" "the refusal reached the terminal"
expect_in "$(cat "$TEST_ROOT/tty.log")" "${esc}" "on a terminal the output is coloured"
NO_COLOR=1 script -qec "git commit -m 'feat: conflict'" "$TEST_ROOT/no-color.log" >/dev/null 2>&1
expect_in "$(cat "$TEST_ROOT/no-color.log")" "conflict.txt" "the refusal reached the terminal again"
expect_not_in "$(cat "$TEST_ROOT/no-color.log")" "${esc}" "NO_COLOR turns colour off on a terminal"
env -u NO_COLOR git commit -m "feat: conflict" 2>"$TEST_ROOT/pipe.err"
expect_in "$(cat "$TEST_ROOT/pipe.err")" "conflict.txt" "the refusal went to the pipe"
expect_not_in "$(cat "$TEST_ROOT/pipe.err")" "${esc}" "not a terminal: no colour"

scenario "SKIP skips each content check by its id, and only that one"
new_repo repo
install_hooks
offending() { # ID: stages a file that check ID refuses
  case $1 in
    conflict-marker) printf '<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> topic\n' >marker.txt && git add marker.txt ;;
    private-key) printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n' >id_test && git add id_test ;;
    case-conflict) echo a >Notes.md && echo b >notes.md && git add Notes.md notes.md ;;
    broken-symlink) ln -s nowhere dangling && git add dangling ;;
  esac
}
for id in conflict-marker private-key case-conflict broken-symlink; do
  offending "$id"
  run git commit -m "feat: $id"
  expect_rc 1 "$id: refused without SKIP"
  expect_in "$ERR" "error [$id]" "$id: by that check"
  SKIP=other-check run git commit -m "feat: $id"
  expect_rc 1 "$id: another id does not skip it"
  SKIP=$id run git commit -m "feat: $id"
  expect_rc 0 "SKIP=$id lets it through"
  expect_not_in "$ERR" "error [$id]" "$id: no finding under SKIP"
done
expect_eq "$(git rev-list --count HEAD)" "5" "four commits made, one per skipped check"

scenario "master and release/* are protected like main; SKIP=protected-branch"
git init -q --bare remote.git
new_repo repo
install_hooks
git remote add origin ../remote.git
echo a >a && git add a && git commit -q -m "feat: a"
echo b >b && git add b && git commit -q -m "feat: b"
for branch in master release/1.0; do
  git push -q origin "HEAD:refs/heads/$branch" 2>/dev/null
  run git push origin --force "HEAD~1:refs/heads/$branch"
  expect_rc 1 "a force-push to $branch is refused"
  expect_in "$ERR" "$branch" "the refusal names $branch"
  expect_in "$ERR" "[protected-branch]" "by the protected-branch check"
  expect_eq "$(git rev-parse "origin/$branch" 2>/dev/null || git ls-remote origin "refs/heads/$branch" | cut -f1)" \
    "$(git rev-parse HEAD)" "$branch did not move"
  run git push origin --delete "$branch"
  expect_rc 1 "deleting $branch is refused"
  expect_in "$ERR" "[protected-branch]" "deleting $branch: by the same check"
done
git push -q origin "HEAD:refs/heads/releases-notes"
run git push origin --delete releases-notes
expect_rc 0 "a branch outside the patterns may be deleted"
SKIP=protected-branch run git push origin --force "HEAD~1:refs/heads/release/1.0"
expect_rc 0 "SKIP=protected-branch lets the force-push through"
expect_eq "$(git ls-remote origin refs/heads/release/1.0 | cut -f1)" "$(git rev-parse HEAD~1)" \
  "and release/1.0 moved"

scenario "SKIP=backup-branch lets a backup branch be pushed"
git init -q --bare remote.git
new_repo repo
install_hooks
git remote add origin ../remote.git
git branch backup/main/20260101T000000Z-abcdef0
run git push origin backup/main/20260101T000000Z-abcdef0
expect_rc 1 "a backup branch stays local"
expect_in "$ERR" "[backup-branch]" "by the backup-branch check"
SKIP=backup-branch run git push origin backup/main/20260101T000000Z-abcdef0
expect_rc 0 "SKIP=backup-branch pushes it"
expect_eq "$(git ls-remote origin refs/heads/backup/main/20260101T000000Z-abcdef0 | cut -f1)" \
  "$(git rev-parse HEAD)" "and it arrived"

scenario "untracked files are left alone while commands run on the staged content"
new_repo repo
install_hooks
pre_commit_commands <<EOF
    - name: look
      run: ["sh", "-c", 'cat notes.txt >"$TEST_ROOT/seen"; ls >"$TEST_ROOT/listed"']
      pass_files: false
EOF
echo one >t.txt && git add t.txt && git commit -q --no-verify -m "feat: t"
echo staged >t.txt && git add t.txt
echo unstaged >t.txt
printf 'my notes\n' >notes.txt
touch -d '2020-01-02 03:04:05' notes.txt
before=$(stat -c '%i %Y %s' notes.txt)
run git commit -m "feat: staged"
expect_rc 0 "the commit passes"
expect_eq "$(cat "$TEST_ROOT/seen")" "my notes" "the command saw the untracked file in place"
expect_eq "$(stat -c '%i %Y %s' notes.txt)" "$before" "same inode, mtime and size afterwards"
expect_eq "$(cat notes.txt)" "my notes" "same bytes"
expect_eq "$(cat t.txt)" "unstaged" "the unstaged change is back"
expect_eq "$(git show HEAD:t.txt)" "staged" "only the staged text was committed"
expect_eq "$(git status --porcelain --untracked-files=all | grep notes)" "?? notes.txt" \
  "still untracked"

finish
